"""Benchmark the cited summary on NeuS roundups: ROUGE against lead and LexRank baselines.

Usage (from the repository root)::

    python -m bench.summaries --data ../shared/data/summaries/neus-roundups --split val [--limit N]

Data: ``<split>.source`` and ``<split>.target`` are line-aligned. A source line is the texts of
(usually) three outlets joined by ``[SEP]``, each ``TITLE=> <headline> ARTICLE=> <body>``; a
target line is ``TITLE=> <neutral headline> ARTICLE=> <roundup>``. The reference is the neutral
headline and the roundup joined by a space (the markers are dropped). Stories are taken in file
order; ``--offset K`` skips the first K and ``--limit N`` keeps the next N (so train slices
that were not used for tuning can be checked: ``--split train --offset 1200 --limit 600``).

Every system gets the same input. Each outlet becomes ``Article.from_text(body)`` with its
headline as ``title`` (the headline is part of every NeuS input); the language layer
(``LanguageLayer``) splits the body sentences that the systems choose from.

* **ours**: ``link_entities``, ``align_story``, then
  ``summarize_story(max_words=<reference words>)``; the sentences joined. It opens with the
  outlet headline that best states what the outlets share (``headline=True``, the default), so
  it uses the titles; the issue's two baselines below use bodies only.
* **lead**: the first sentence of each outlet's body, in source order, at its own length.
* **lead + headline** (for comparison, since ours reads headlines): the first outlet's title
  followed by the lead, scored whole like the lead.
* **lexrank**: sumy 0.13 ``LexRankSummarizer`` (English Snowball stemmer, sumy's English stop
  words) over all the outlets' sentences as one document; the best-rated sentences until they
  reach the reference's word count, in document order. sumy's own tokenizer needs NLTK data
  that must not be downloaded, so it is given our sentences and a ``\\w+`` word splitter.

Ours and lexrank are cut to the reference's word count (whitespace words) before scoring; lead
is scored whole, which is the kinder reading for it (cutting it scores lower). Scores: ROUGE-1,
ROUGE-2 and ROUGE-L F1 (``rouge-score`` 0.1.2, Porter stemming on), the mean over stories,
times 100. The last line printed is one JSON object with the headline figures.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from statistics import fmean

from newsfuse.align import align_story
from newsfuse.extract.language import LanguageLayer
from newsfuse.model import Article
from newsfuse.resolve.entities import link_entities
from newsfuse.summarize.summary import summarize_story

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "summaries" / "neus-roundups"
_PART = re.compile(r"\s*TITLE=>\s*(?P<title>.*?)\s*ARTICLE=>\s*(?P<body>.*)", re.DOTALL)
_WORD = re.compile(r"\w+")
METRICS = ("rouge1", "rouge2", "rougeL")


@dataclass(frozen=True)
class Story:
    """One NeuS example: the outlets' (headline, body) pairs and the reference text."""

    outlets: tuple[tuple[str | None, str], ...]
    reference: str

    @property
    def reference_words(self) -> int:
        return len(self.reference.split())


def _split_part(part: str) -> tuple[str | None, str]:
    match = _PART.match(part)
    return (match["title"], match["body"].strip()) if match else (None, part.strip())


def load_split(data: Path, split: str, limit: int | None = None, offset: int = 0) -> list[Story]:
    sources = (data / f"{split}.source").read_text(encoding="utf-8").splitlines()
    targets = (data / f"{split}.target").read_text(encoding="utf-8").splitlines()
    end = None if limit is None else offset + limit
    stories = []
    for source, target in list(zip(sources, targets, strict=False))[offset:end]:
        headline, roundup = _split_part(target)
        reference = f"{headline} {roundup}" if headline else roundup
        stories.append(Story(tuple(_split_part(p) for p in source.split("[SEP]")), reference))
    return stories


def analyse(stories: Sequence[Story]) -> list[list[Article]]:
    """Each story's outlets as analysed Articles (one language-layer pass over all of them)."""
    raw = [
        [
            replace(Article.from_text(f"{i}-{j}", body, source=f"neus-{i}-{j}"), title=title)
            for j, (title, body) in enumerate(story.outlets)
        ]
        for i, story in enumerate(stories)
    ]
    done = {a.id: a for a in LanguageLayer()(a for arts in raw for a in arts)}
    return [[done[a.id] for a in arts] for arts in raw]


def ours(articles: Sequence[Article], words: int) -> str:
    _, facts, discrepancies = align_story(articles, link_entities(articles))
    summary = summarize_story(
        articles, facts, discrepancies, max_sentences=len(articles) * 20, max_words=words
    )
    return " ".join(s.text for s in summary.sentences)


def sentences(article: Article) -> list[str]:
    return [" ".join(s.of(article.text).split()) for s in article.sentences]


def lead(articles: Sequence[Article]) -> str:
    return " ".join(sentences(a)[0] for a in articles if a.sentences)


def lead_headline(articles: Sequence[Article]) -> str:
    """The first outlet's headline (when it has one), then the lead."""
    title = " ".join((articles[0].title or "").split()) if articles else ""
    return f"{title} {lead(articles)}".strip()


class _Tokenizer:
    """What sumy needs of a tokenizer, with no NLTK data: sentences are given, words are \\w+."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return (paragraph,)

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(_WORD.findall(sentence))


def lexrank(articles: Sequence[Article], words: int) -> str:
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    tokenizer = _Tokenizer()
    paragraphs = [Paragraph([Sentence(text, tokenizer) for text in sentences(a)]) for a in articles]
    document = ObjectDocumentModel(paragraphs)
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")

    def until_words(infos: list) -> list:  # infos come best-rated first
        taken, total = [], 0
        for info in infos:
            if total >= words:
                break
            taken.append(info)
            total += len(str(info.sentence).split())
        return taken

    return " ".join(str(s) for s in summarizer(document, until_words))


def cut(text: str, words: int) -> str:
    return " ".join(text.split()[:words])


def evaluate(
    stories: Sequence[Story], articles: Sequence[Sequence[Article]]
) -> dict[str, dict[str, float]]:
    """Mean ROUGE F1 (x100) per system over the stories."""
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    systems: dict[str, Callable[[Sequence[Article], int], str]] = {
        "ours": lambda arts, n: cut(ours(arts, n), n),
        "lead": lambda arts, n: lead(arts),
        "lexrank": lambda arts, n: cut(lexrank(arts, n), n),
        "lead+head": lambda arts, n: lead_headline(arts),
    }
    scores: dict[str, dict[str, list[float]]] = {s: {m: [] for m in METRICS} for s in systems}
    for story, arts in zip(stories, articles, strict=True):
        for name, system in systems.items():
            result = scorer.score(story.reference, system(arts, story.reference_words))
            for metric in METRICS:
                scores[name][metric].append(result[metric].fmeasure)
    return {s: {m: 100 * fmean(v) for m, v in by.items()} for s, by in scores.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--split", default="val")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--offset", type=int, default=0)
    args = parser.parse_args()
    stories = load_split(args.data, args.split, args.limit, args.offset)
    start = time.perf_counter()
    articles = analyse(stories)
    results = evaluate(stories, articles)
    seconds = time.perf_counter() - start
    print(f"{'system':<10}{'R1':>8}{'R2':>8}{'RL':>8}")
    for name, by in results.items():
        print(f"{name:<10}" + "".join(f"{by[m]:>8.2f}" for m in METRICS))
    better = max(results["lead"]["rouge2"], results["lexrank"]["rouge2"])
    print(
        f"{len(stories)} stories ({args.split}), {seconds:.1f}s; "
        f"R2 margin over the better baseline {results['ours']['rouge2'] - better:+.2f}"
    )
    summary = {
        "dataset": args.data.name,
        "split": args.split,
        "offset": args.offset,
        "docs": len(stories),
        "r1": round(results["ours"]["rouge1"], 2),
        "r2": round(results["ours"]["rouge2"], 2),
        "rl": round(results["ours"]["rougeL"], 2),
        "lead_r1": round(results["lead"]["rouge1"], 2),
        "lead_r2": round(results["lead"]["rouge2"], 2),
        "lead_rl": round(results["lead"]["rougeL"], 2),
        "lexrank_r1": round(results["lexrank"]["rouge1"], 2),
        "lexrank_r2": round(results["lexrank"]["rouge2"], 2),
        "lexrank_rl": round(results["lexrank"]["rougeL"], 2),
        "lead_headline_r2": round(results["lead+head"]["rouge2"], 2),
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
