"""Benchmark pairwise claim comparison (``newsfuse.align.compare.relation``) on ClaimDiff.

Usage (from the repository root)::

    python -m bench.claims --data ../shared/data/claims/claimdiff [--limit N]

Data: ``ClaimDiff-S/ClaimDiff-strength-<split>.json`` and ``ClaimDiff-W/ClaimDiff-weak-
<split>.json`` (only ``train`` ships in ../shared/data), each ``{"data": [...]}`` with one
record per claim pair (``pair_id``, ``claim_a``, ``claim_b``, ``relation`` 0/1). Both files
hold the same pairs: ClaimDiff-S marks a pair 1 when one claim *strengthens* the other
(supports, restates or adds detail to it), ClaimDiff-W when one *weakens* the other
(disputes, contradicts or undercuts it). Pairs are joined on ``pair_id``, taken in file
order; ``--limit N`` keeps the first N.

The mapping. Every ClaimDiff pair comes from two articles on one topic, so "same topic" says
nothing; what matters is whether two claims bear on each other and how. Gold class of a pair:
``weaken`` if W=1 (whatever S says: a difference is what newsfuse must surface), else
``strengthen`` if S=1, else ``neither``. Our relation maps as:

* ``same``, ``more_specific``, ``less_specific`` -> ``strengthen`` (one claim restates or
  elaborates the other: one fact, corroborated);
* ``contradiction`` (negation flip, differing numbers or dates) -> ``weaken``;
* ``related`` (alike, but not one fact) -> ``strengthen``: the claim bears on the other
  without disputing it, which is what ClaimDiff's annotators marked as strengthening;
* ``unrelated`` -> ``neither``.

ClaimDiff's "strengthen" is broader than our "same fact" (a claim that lends support to
another on the same topic counts), so recall on it is expected to be low for a comparison
built to group restatements; the figures show how far apart the two notions are.

Scores: ``accuracy`` and ``macro_f1`` over the three classes; ``strengthen_f1`` and
``weaken_f1`` (one class against the rest). The comparison's word weights are fitted on all
claims of the pairs scored (as ``align_story`` fits them on one story's claims).

Baselines, in the same run: ``majority`` (always the most frequent gold class) and
``overlap`` (Jaccard of lowercased word sets >= 0.2 -> strengthen, else neither; it never
says weaken).

The last line printed is one JSON object with the headline figures.

``--timing``: instead, the wall time of ``align_story`` (best of three, after the language
layer and entity linking, which are not timed) on the five seed articles and on 100 distinct
real articles of one topic: the first 20 Timeline17 InputDocs dated from 2010-05-20 of each of
the five BP oil spill outlets (bbc, guardian, reuters, foxnews, washingtonpost), dated from
their directory. Last line: one JSON object with both times and the sizes.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newsfuse.align.compare import Relation, Weights, relation, view_text
from newsfuse.model import Claim, Span

CLASSES = ("strengthen", "weaken", "neither")
_MAP: dict[Relation, str] = {
    "same": "strengthen",
    "more_specific": "strengthen",
    "less_specific": "strengthen",
    "contradiction": "weaken",
    "related": "strengthen",
    "unrelated": "neither",
}
_OVERLAP = 0.2


@dataclass(frozen=True)
class Pair:
    pair_id: str
    claim_a: str
    claim_b: str
    gold: str


def load_pairs(root: Path, split: str = "train", limit: int | None = None) -> list[Pair]:
    """ClaimDiff-S and -W joined on pair id, with the gold class defined above."""
    strong = _records(root / "ClaimDiff-S" / f"ClaimDiff-strength-{split}.json")
    weak = {
        r["pair_id"]: r["relation"]
        for r in _records(root / "ClaimDiff-W" / f"ClaimDiff-weak-{split}.json")
    }
    pairs = []
    for record in strong:
        w = weak.get(record["pair_id"], 0)
        gold = "weaken" if w == 1 else "strengthen" if record["relation"] == 1 else "neither"
        pairs.append(Pair(record["pair_id"], record["claim_a"], record["claim_b"], gold))
    return pairs[:limit] if limit else pairs


def _records(path: Path) -> list[dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return data["data"] if isinstance(data, dict) else data


def predict(pairs: Sequence[Pair]) -> list[str]:
    """Our relation for each pair, mapped to the ClaimDiff classes."""
    views = []
    for i, p in enumerate(pairs):
        for side, text in (("a", p.claim_a), ("b", p.claim_b)):
            claim = Claim(f"{i}{side}", f"{i}{side}", Span(0, len(text)), text)
            views.append(view_text(claim, text))
    weights = Weights(views)
    return [_MAP[relation(views[2 * i], views[2 * i + 1], weights)[0]] for i in range(len(pairs))]


def overlap_baseline(pairs: Sequence[Pair]) -> list[str]:
    out = []
    for p in pairs:
        a, b = _word_set(p.claim_a), _word_set(p.claim_b)
        score = len(a & b) / len(a | b) if a | b else 0.0
        out.append("strengthen" if score >= _OVERLAP else "neither")
    return out


def _word_set(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


def scores(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    """Accuracy, macro F1 over the three classes, and per-class F1 of the two relations."""
    f1 = {c: _f1(gold, predicted, c) for c in CLASSES}
    accuracy = sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold)
    return {
        "accuracy": round(accuracy, 4),
        "macro_f1": round(sum(f1.values()) / len(CLASSES), 4),
        "strengthen_f1": round(f1["strengthen"], 4),
        "weaken_f1": round(f1["weaken"], 4),
    }


def _f1(gold: Sequence[str], predicted: Sequence[str], cls: str) -> float:
    tp = sum(g == p == cls for g, p in zip(gold, predicted, strict=True))
    fp = sum(p == cls != g for g, p in zip(gold, predicted, strict=True))
    fn = sum(g == cls != p for g, p in zip(gold, predicted, strict=True))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


_ROOT = Path(__file__).resolve().parents[1]
_TIMELINES = _ROOT.parent / "shared" / "data" / "timelines" / "timeline17-dev"
_OUTLETS = ("bbc", "guardian", "reuters", "foxnews", "washingtonpost")


def _seed_story() -> tuple[list, tuple]:
    from newsfuse.ingest import load_paths
    from newsfuse.pipeline import analyse_articles, build_report, clean_documents

    articles, rejections = clean_documents(
        load_paths([str(_ROOT / "examples" / "seeds")]).documents
    )
    report = build_report(analyse_articles(articles), rejections)
    return list(report.articles), report.entities


def _topic_story(per_outlet: int = 20) -> tuple[list, tuple]:
    from dataclasses import replace
    from datetime import UTC, datetime

    from newsfuse.extract.language import LanguageLayer
    from newsfuse.model import Article, Published, content_id
    from newsfuse.resolve.entities import link_entities

    articles = []
    for outlet in _OUTLETS:
        docs = sorted((_TIMELINES / f"bpoil_{outlet}" / "InputDocs").glob("*/*.txt"))
        for path in [p for p in docs if p.parent.name >= "2010-05-20"][:per_outlet]:
            text = path.read_text(encoding="utf-8")
            day = datetime.fromisoformat(path.parent.name).replace(hour=12, tzinfo=UTC)
            article = Article.from_text(content_id(text), text, source=str(path))
            articles.append(replace(article, published=Published(day, "day", "directory", False)))
    articles = list(LanguageLayer()(articles))
    return articles, link_entities(articles)


def _best_time(articles: list, entities: tuple, repeat: int = 3) -> tuple[float, int, int]:
    from newsfuse.align import align_story

    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        claims, facts, _ = align_story(articles, entities)
        best = min(best, time.perf_counter() - start)
    return best, len(claims), len(facts)


def timing() -> None:
    figures = {}
    for name, story in (("seeds", _seed_story), ("bpoil100", _topic_story)):
        articles, entities = story()
        seconds, n_claims, n_facts = _best_time(articles, entities)
        print(f"{name:10} {len(articles):4} articles {n_claims:6} claims {n_facts:6} facts "
              f"{seconds:7.3f} s")  # fmt: skip
        figures[f"{name}_articles"] = len(articles)
        figures[f"{name}_align_s"] = round(seconds, 3)
    print(json.dumps(figures))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/claims/claimdiff"))
    parser.add_argument("--split", default="train")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--timing", action="store_true", help="time align_story instead")
    args = parser.parse_args(argv)
    if args.timing:
        timing()
        return
    pairs = load_pairs(args.data, args.split, args.limit)
    gold = [p.gold for p in pairs]
    majority = Counter(gold).most_common(1)[0][0]
    rows = {
        "newsfuse": scores(gold, predict(pairs)),
        f"majority ({majority})": scores(gold, [majority] * len(gold)),
        f"overlap (jaccard >= {_OVERLAP})": scores(gold, overlap_baseline(pairs)),
    }
    counts = Counter(gold)
    print(
        f"ClaimDiff {args.split}: {len(pairs)} pairs, "
        + ", ".join(f"{c} {counts[c]}" for c in CLASSES)
    )
    print(f"{'system':28} {'accuracy':>9} {'macro_f1':>9} {'strength_f1':>12} {'weaken_f1':>10}")
    for name, s in rows.items():
        print(
            f"{name:28} {s['accuracy']:9.4f} {s['macro_f1']:9.4f} "
            f"{s['strengthen_f1']:12.4f} {s['weaken_f1']:10.4f}"
        )
    ours, base_major, base_overlap = rows.values()
    print(
        json.dumps(
            {
                "dataset": f"claimdiff-{args.split}",
                "pairs": len(pairs),
                **ours,
                "baseline_majority_accuracy": base_major["accuracy"],
                "baseline_majority_macro_f1": base_major["macro_f1"],
                "baseline_overlap_accuracy": base_overlap["accuracy"],
                "baseline_overlap_macro_f1": base_overlap["macro_f1"],
            }
        )
    )


if __name__ == "__main__":
    main()
