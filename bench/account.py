"""Benchmark the cross-source account (facts, discrepancies, summary) on annotated stories.

Usage (from the repository root)::

    python -m bench.account --data ../shared/data/account/neus-account-dev.jsonl [--half 1|2]
                            [--limit N] [--show]

Data: one story a line, three outlets' title and text, annotated twice independently with every
fact two or more outlets state and every point where they differ (the folder's README and
GUIDE). Each story is digested as a user would: its three articles written to one JSONL file
(``title``, ``text``, ``outlet``, ``published`` = the story date), then read, cleaned, analysed,
grouped and reported by the library (``load_paths`` -> ``clean_documents`` ->
``analyse_articles`` -> ``story_reports``). Facts, discrepancies and the summary of every story
report it gives are scored. Gold substrings are located in the cleaned title or text with
whitespace and quote marks normalised on both sides; a gold span that cannot be found is
reported (and left out).

``--half 1`` scores the stories on odd lines of the file (1, 3, 5, ...), ``--half 2`` those on
even lines: tune on one half, check on the other.

Baseline, in the same run and on the same located spans: every sentence (headlines included)
of each article is linked to its most similar sentence in each other article when their TF-IDF
cosine (scikit-learn, fitted on the story's sentences, English stop words) is at least 0.3; each
link is a predicted fact of two citations.

Metrics: ``bench/account_metrics.py``. The last line printed is one JSON object:
``{"stories", "pair_p", "pair_r", "pair_f1", "fact_found", "fact_complete", "disc_p", "disc_r",
"disc_kind_acc", "summary_redundancy", "summary_cut", "baseline_pair_f1"}`` and a few more.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.account_metrics import (
    Annotation,
    GoldDiscrepancy,
    GoldFact,
    GoldVariant,
    Loc,
    Predicted,
    Tally,
)

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "account" / "neus-account-dev.jsonl"
BASELINE_THRESHOLD = 0.3
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "\u00a0": " "})
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class StoryInput:
    line: int
    story_id: str
    date: str
    articles: tuple[dict, ...]
    raw_annotations: tuple[dict, ...]


def load_stories(path: Path, half: int | None = None, limit: int | None = None) -> list[StoryInput]:
    stories = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or (half is not None and number % 2 != half % 2):
            continue
        d = json.loads(line)
        first = {"facts": d["facts"], "discrepancies": d["discrepancies"]}
        stories.append(
            StoryInput(
                number, str(d["story_id"]), d["date"], tuple(d["articles"]), (first, d["second"])
            )
        )
    return stories[:limit] if limit else stories


class Normalised:
    """A string with whitespace runs collapsed and quote marks made plain, mapped back."""

    def __init__(self, text: str) -> None:
        chars, where = [], []
        previous_space = False
        for i, ch in enumerate(text.translate(_QUOTES)):
            if ch.isspace():
                if previous_space:
                    continue
                ch, previous_space = " ", True
            else:
                previous_space = False
            chars.append(ch)
            where.append(i)
        self.text = "".join(chars)
        self.where = where
        self.length = len(text)

    def find(self, needle: str) -> tuple[int, int] | None:
        key = _SPACE.sub(" ", needle.translate(_QUOTES)).strip()
        at = self.text.find(key) if key else -1
        if at < 0:
            return None
        end = at + len(key)
        return self.where[at], (self.where[end - 1] + 1)


@dataclass
class Digested:
    """One story as the library reported it, with the cleaned strings of each article."""

    keys: dict[str, str]  # article id -> key
    strings: dict[str, dict[str, str]]  # key -> field -> cleaned string
    reports: tuple


def digest(story: StoryInput, workdir: Path) -> Digested:
    from newsfuse.ingest import load_paths
    from newsfuse.pipeline import analyse_articles, clean_documents, story_reports

    path = workdir / f"story-{story.story_id}.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for article in story.articles:
            record = {"title": article["title"], "text": article["text"],
                      "outlet": article["outlet"], "published": story.date}  # fmt: skip
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    loaded = load_paths([str(path)])
    articles, rejections = clean_documents(loaded.documents)
    analysed = analyse_articles(articles, infer_dates=False)
    reports = story_reports(analysed, loaded.rejections + rejections)
    keys, strings = {}, {}
    for article in analysed:
        key = story.articles[int(article.source.rsplit(":", 1)[1]) - 1]["key"]
        keys[article.id] = key
        strings[key] = {"title": article.title or "", "text": article.text}
    return Digested(keys, strings, reports)


def locate(
    story: StoryInput, strings: dict[str, dict[str, str]], missing: list[str]
) -> tuple[Annotation, ...]:
    """The gold annotations with every substring located in the cleaned strings."""
    finders = {k: {f: Normalised(s) for f, s in fs.items()} for k, fs in strings.items()}

    def find(key: str, text: str) -> Loc | None:
        for name in ("title", "text"):
            hit = finders.get(key, {}).get(name)
            found = hit.find(text) if hit else None
            if found:
                return (key, name, *found)
        missing.append(f"story {story.story_id} {key}: {text[:60]!r}")
        return None

    annotations = []
    for raw in story.raw_annotations:
        facts = []
        for f in raw["facts"]:
            support = {
                key: tuple(loc for loc in (find(key, t) for t in texts) if loc)
                for key, texts in f["support"].items()
            }
            facts.append(GoldFact(f["id"], f["statement"], {k: v for k, v in support.items() if v}))
        discs = []
        for d in raw["discrepancies"]:
            variants = []
            for v in d["variants"]:
                spans = tuple(
                    loc
                    for loc in (find(k, t) for k, t in zip(v["articles"], v["text"], strict=False))
                    if loc
                )
                variants.append(GoldVariant(tuple(v["articles"]), spans))
            discs.append(GoldDiscrepancy(d["id"], d["kind"], d.get("about", ""), tuple(variants)))
        annotations.append(Annotation(tuple(facts), tuple(discs)))
    return tuple(annotations)


def predicted_of(d: Digested) -> Predicted:
    """Our reports' facts, discrepancies and summary as located spans."""

    def loc(c) -> Loc:
        return (d.keys[c.article_id], "title" if c.field == "title" else c.field,
                c.span.start, c.span.end)  # fmt: skip

    facts, discs, summary = [], [], []
    for report in d.reports:
        for fact in report.facts:
            if len(fact.supporting_articles) >= 2:
                facts.append(tuple(loc(c) for c in fact.claims))
        for disc in report.discrepancies:
            discs.append(
                (disc.kind, tuple(tuple(loc(c) for c in v.citations) for v in disc.variants))
            )
        if report.summary is not None:
            for s in report.summary.sentences:
                summary.append((s.text, loc(s.citations[0]) if s.citations else None))
    return Predicted(tuple(facts), tuple(discs), tuple(summary))


def baseline(d: Digested, threshold: float = BASELINE_THRESHOLD) -> Predicted:
    """Each sentence linked to its most similar sentence in each other article (TF-IDF)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    units: list[tuple[Loc, str]] = []
    for report in d.reports:
        for article in report.articles:
            key = d.keys[article.id]
            if article.title:
                units.append(((key, "title", 0, len(article.title)), article.title))
            for s in article.sentences:
                units.append(((key, "text", s.start, s.end), s.of(article.text)))
    if len(units) < 2:
        return Predicted(())
    matrix = TfidfVectorizer(stop_words="english").fit_transform([t for _, t in units])
    sims = (matrix @ matrix.T).toarray()
    facts = set()
    for i, (loc, _) in enumerate(units):
        best: dict[str, tuple[float, int]] = {}
        for j, (other, _) in enumerate(units):
            score = sims[i, j]
            if other[0] != loc[0] and threshold <= score > best.get(other[0], (0.0, -1))[0]:
                best[other[0]] = (score, j)
        for _, j in best.values():
            facts.add(tuple(sorted((loc, units[j][0]))))
    return Predicted(tuple(sorted(facts)))


def run(
    stories: Sequence[StoryInput], show: bool = False, show_differences: bool = False
) -> tuple[Tally, Tally, list[str], float]:
    ours, base = Tally(), Tally()
    missing: list[str] = []
    seconds = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for story in _progress(stories):
            start = time.perf_counter()
            d = digest(story, Path(tmp))
            seconds += time.perf_counter() - start
            gold = locate(story, d.strings, missing)
            predicted = predicted_of(d)
            ours.add(predicted, gold)
            base.add(baseline(d), gold)
            if show:
                _show(story, d, predicted, gold)
            if show_differences:
                _show_differences(story, d, predicted, gold)
    return ours, base, missing, seconds


def _progress(stories: Sequence[StoryInput]) -> Iterator[StoryInput]:
    start = time.perf_counter()
    for i, story in enumerate(stories, start=1):
        yield story
        if i % 10 == 0 or i == len(stories):
            rate = i / (time.perf_counter() - start)
            left = (len(stories) - i) / rate if rate else 0
            print(f"  {i}/{len(stories)} stories, {rate:.1f}/s, ~{left:.0f} s left",
                  file=sys.stderr)  # fmt: skip


def _show(story: StoryInput, d: Digested, predicted: Predicted, gold: Sequence[Annotation]) -> None:
    """Print each predicted fact's citations and whether its pairs are right (for reading)."""
    from bench.account_metrics import _matches

    print(f"\n=== story {story.story_id} (line {story.line})")
    for fact in predicted.facts:
        right = any(all(_matches(g, loc) for loc in fact) for ann in gold for g in ann.facts)
        print(" +" if right else " -", " | ".join(
            f"{k}:{d.strings[k][f][s:e]!r}" for k, f, s, e in fact))  # fmt: skip


def _show_differences(
    story: StoryInput, d: Digested, predicted: Predicted, gold: Sequence[Annotation]
) -> None:
    """Print each predicted difference (+ right, - wrong) and each gold one missed."""
    from bench.account_metrics import _disc_match

    def words(loc: Loc) -> str:
        k, f, s, e = loc
        return f"{k}:{d.strings[k][f][s:e][:110]!r}"

    print(f"\n=== story {story.story_id} (line {story.line})")
    for kind, variants in predicted.discrepancies:
        right = [g.kind for ann in gold for g in ann.discrepancies if _disc_match(variants, g)]
        mark = f"+{right[0]}" if right else "-"
        print(f" {mark} {kind}: " + " || ".join(words(v[0]) for v in variants if v))
    for n, ann in enumerate(gold, start=1):
        for g in ann.discrepancies:
            if not any(_disc_match(v, g) for _, v in predicted.discrepancies):
                texts = " || ".join(words(v.spans[0]) for v in g.variants if v.spans)
                print(f"   missed ({n}) {g.kind} [{g.about[:60]}]: {texts}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--half", type=int, choices=(1, 2), default=None)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--show", action="store_true", help="print every predicted fact")
    parser.add_argument(
        "--show-differences", action="store_true",
        help="print every predicted difference and each gold one missed",
    )  # fmt: skip
    args = parser.parse_args(argv)
    stories = load_stories(args.data, args.half, args.limit)
    ours, base, missing, seconds = run(stories, args.show, args.show_differences)
    if missing:
        print(f"{len(missing)} gold span(s) not found in the cleaned text; first: {missing[0]}")
    s, b = ours.scores(), base.scores()
    print(f"{len(stories)} stories" + (f" (half {args.half})" if args.half else ""))
    head = ("system", "pair_p", "pair_r", "pair_f1", "found", "complete", "disc_p", "disc_r")
    print("{:10} {:>7} {:>7} {:>7} {:>7} {:>8} {:>7} {:>7}".format(*head))
    for name, x in (("newsfuse", s), ("tfidf", b)):
        print(f"{name:10} {x['pair_p']:7.3f} {x['pair_r']:7.3f} {x['pair_f1']:7.3f} "
              f"{x['fact_found']:7.3f} {x['fact_complete']:8.3f} {x['disc_p']:7.3f} "
              f"{x['disc_r']:7.3f}")  # fmt: skip
    print("discrepancies by kind:", json.dumps(ours.by_kind()))
    print(f"summary: redundancy {s['summary_redundancy']:.3f}, cut off {s['summary_cut']} of "
          f"{s['summary_sentences']}, gold facts covered {s['summary_coverage']:.3f}")  # fmt: skip
    print(f"digest: {seconds:.1f} s for {len(stories)} stories")
    keys = ("stories", "pair_p", "pair_r", "pair_f1", "fact_found", "fact_complete", "disc_p",
            "disc_r", "disc_kind_acc", "summary_redundancy", "summary_cut")  # fmt: skip
    result = {k: s[k] for k in keys}
    result |= {"baseline_pair_f1": b["pair_f1"], "baseline_pair_p": b["pair_p"],
               "baseline_pair_r": b["pair_r"], "baseline_fact_found": b["fact_found"],
               "half": args.half, "gold_spans_missing": len(missing)}  # fmt: skip
    print(json.dumps(result))


if __name__ == "__main__":
    main()
