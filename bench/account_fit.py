"""Fit the sentence-pair model of ``newsfuse.align.pairs`` on one half of the account stories.

Usage (from the repository root)::

    python -m bench.account_fit [--data ../shared/data/account/neus-account-dev.jsonl]
                                [--half 1] [--write]

Each story of the fitting half is digested as ``bench.account`` does; every candidate pair of
sentences (``pairs.candidates``: different articles, a shared rare key) gets its features
(``pairs.features``) and a label: 1 when both sentences overlap spans of one common gold fact
of either annotation. A logistic regression (scikit-learn, L2, C=1, features standardised
inside the fit and folded back into raw-feature weights) is fitted on them. The threshold is
the one of 0.20, 0.25, ..., 0.80 that gives the best fact-pair F1 on the fitting half when
facts are grouped exactly as ``align_story`` groups them. The other half is then scored with
the fitted model, so both halves are printed; ``--write`` stores the model in
``src/newsfuse/align/data/pair_model.json`` with the figures. Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import numpy as np

from bench.account import DEFAULT_DATA, Digested, digest, load_stories, locate
from bench.account_metrics import Annotation, Loc, Predicted, Tally, overlaps
from newsfuse.align import sentence_units
from newsfuse.align.compare import Weights
from newsfuse.align.facts import group_pairs
from newsfuse.align.pairs import (
    FEATURES,
    PairModel,
    candidates,
    features,
    mean_candidates,
    scored,
)

ROOT = Path(__file__).resolve().parents[1]
MODEL_PATH = ROOT / "src" / "newsfuse" / "align" / "data" / "pair_model.json"
THRESHOLDS = tuple(round(0.2 + 0.05 * i, 2) for i in range(13))


class StoryPairs:
    """One story's sentence units, candidate pairs, features and gold labels."""

    def __init__(self, d: Digested, gold: Sequence[Annotation]) -> None:
        self.gold = gold
        self.parts = []
        for report in d.reports:
            views, positions = sentence_units(report.articles, report.entities)
            weights = Weights(views)
            pairs = candidates(views, len(report.articles), weights)
            rows = features(views, pairs, weights, positions)
            locs = [_loc(d, v) for v in views]
            labels = [_label(locs[i], locs[j], gold) for i, j in pairs]
            self.parts.append((views, pairs, rows, locs, labels))

    def predicted(self, model: PairModel) -> Predicted:
        facts = []
        for views, pairs, rows, locs, _ in self.parts:
            ranked = scored(views, pairs, rows, model)
            for group in group_pairs(views, ranked, model.threshold):
                facts.append(tuple(locs[i] for i in group))
        return Predicted(tuple(facts))


def _loc(d: Digested, v) -> Loc:
    c = v.citation
    return (d.keys[c.article_id], c.field, c.span.start, c.span.end)


def _label(a: Loc, b: Loc, gold: Sequence[Annotation]) -> int:
    for ann in gold:
        for fact in ann.facts:
            if any(overlaps(a, g) for g in fact.support.get(a[0], ())) and any(
                overlaps(b, g) for g in fact.support.get(b[0], ())
            ):
                return 1
    return 0


def collect(data: Path, half: int) -> list[StoryPairs]:
    stories = load_stories(data, half)
    out, missing = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for story in stories:
            d = digest(story, Path(tmp))
            out.append(StoryPairs(d, locate(story, d.strings, missing)))
    return out


def fit(stories: Sequence[StoryPairs]) -> tuple[tuple[float, ...], float]:
    from sklearn.linear_model import LogisticRegression

    x = np.array([row for s in stories for p in s.parts for row in p[2]], dtype=float)
    y = np.array([lab for s in stories for p in s.parts for lab in p[4]])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=1.0, max_iter=5000).fit((x - mean) / scale, y)
    weights = model.coef_[0] / scale
    bias = float(model.intercept_[0] - (model.coef_[0] * mean / scale).sum())
    return tuple(float(w) for w in weights), bias


def evaluate(stories: Sequence[StoryPairs], model: PairModel) -> dict[str, float]:
    tally = Tally()
    for s in stories:
        tally.add(s.predicted(model), s.gold)
    return tally.scores()


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--half", type=int, choices=(1, 2), default=1, help="the half to fit on")
    parser.add_argument("--write", action="store_true", help="store the fitted model")
    args = parser.parse_args(argv)
    train = collect(args.data, args.half)
    test = collect(args.data, 3 - args.half)
    weights, bias = fit(train)
    slots = [mean_candidates(p[0], p[1]) for s in train for p in s.parts if p[1]]
    prior = sum(slots) / len(slots)
    best = max(
        THRESHOLDS,
        key=lambda t: (evaluate(train, PairModel(weights, bias, t, prior))["pair_f1"], -t),
    )
    model = PairModel(weights, bias, best, prior)
    fitted, held_out = evaluate(train, model), evaluate(test, model)
    print("feature weights:", dict(zip(FEATURES, (round(w, 3) for w in weights), strict=True)))
    print(f"bias {bias:.3f}, threshold {best}")
    for name, s in ((f"half {args.half} (fit)", fitted), (f"half {3 - args.half}", held_out)):
        print(f"{name:14} pair P {s['pair_p']:.3f} R {s['pair_r']:.3f} F1 {s['pair_f1']:.3f} "
              f"found {s['fact_found']:.3f} complete {s['fact_complete']:.3f}")  # fmt: skip
    if args.write:
        record = {
            "features": list(FEATURES),
            "weights": [round(w, 6) for w in weights],
            "bias": round(bias, 6),
            "threshold": best,
            "candidates": round(prior, 6),
            "_fitted": (
                f"python -m bench.account_fit --half {args.half} --write on {date.today()}: "
                f"logistic regression on the candidate sentence pairs of half {args.half} of "
                "the account dev stories (odd lines = half 1); threshold: best fact-pair F1 "
                "on that half; candidates: the mean candidates per sentence and other "
                "article on that half (the prior the probabilities are corrected from)"
            ),
            "_scores": {"fit_half": fitted, "other_half": held_out},
        }
        MODEL_PATH.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_PATH.relative_to(ROOT)}")
    print(json.dumps({"half": args.half, "threshold": best, "fit": fitted, "other": held_out}))


if __name__ == "__main__":
    main()
