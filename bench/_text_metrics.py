"""Text-overlap metrics for main-text extraction, as the two benchmarks define them.

Both benchmarks tokenise with the regex ``\\w+`` (Unicode word characters) and score each page on
its own, so that long pages do not outweigh short ones.

``shingle_counts`` / ``corpus_scores`` follow scrapinghub/article-extraction-benchmark
(``evaluate.py``): tokens are case-sensitive; each text becomes a multiset of 4-token shingles
(a text shorter than 4 tokens is one shingle of all its tokens); per page
``tp = sum(min(gold, pred))``, ``fp = sum(max(0, pred - gold))``, ``fn = sum(max(0, gold - pred))``
over shingles. Precision is averaged over the pages that predicted something (``tp + fp > 0``),
recall over the pages whose gold is non-empty (``tp + fn > 0``); a page where both sides are
identical counts 1. The reported F1 is the harmonic mean of those two *averages*.

``word_scores`` follows Murrough-Foley/web-content-extraction-benchmark (WCXB, ``evaluate.py``):
lower-cased ``\\w+`` tokens as a bag of words; ``overlap = sum(min(gold, pred))``,
``P = overlap / len(pred)``, ``R = overlap / len(gold)``, per-page F1; an empty prediction scores
0 (1 if the gold is empty too). P, R and F1 are each the plain mean over all pages.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from statistics import fmean

_TOKEN = re.compile(r"\w+")
SHINGLE = 4


def tokens(text: str | None, *, lower: bool = False) -> list[str]:
    """Word tokens exactly as both benchmarks see them."""
    found = _TOKEN.findall(text or "")
    return [t.lower() for t in found] if lower else found


def shingle_counts(text: str | None, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """Multiset of n-token shingles; a short non-empty text is one shingle."""
    toks = tokens(text)
    return Counter(tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1)) if toks)


def page_counts(gold: str | None, pred: str | None) -> tuple[float, float, float]:
    """Per-page (tp, fp, fn) over 4-token shingles, normalised to sum to 1 (scrapinghub)."""
    g, p = shingle_counts(gold), shingle_counts(pred)
    tp = float(sum((g & p).values()))
    fp = float(sum((p - g).values()))
    fn = float(sum((g - p).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def corpus_scores(counts: Sequence[tuple[float, float, float]]) -> dict[str, float]:
    """Mean precision, mean recall and their harmonic mean, the scrapinghub way."""
    precisions = [_precision(*c) for c in counts if c[0] + c[1] > 0]
    recalls = [_recall(*c) for c in counts if c[0] + c[2] > 0]
    p = fmean(precisions) if precisions else 0.0
    r = fmean(recalls) if recalls else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def shingle_scores(pairs: Iterable[tuple[str | None, str | None]]) -> dict[str, float]:
    """Scrapinghub scores for (gold, predicted) text pairs."""
    return corpus_scores([page_counts(g, p) for g, p in pairs])


def word_prf(gold: str | None, pred: str | None) -> tuple[float, float, float]:
    """Per-page bag-of-words (precision, recall, F1) on lower-cased tokens (WCXB)."""
    g, p = tokens(gold, lower=True), tokens(pred, lower=True)
    if not g:
        return (0.0, 0.0, 0.0) if p else (1.0, 1.0, 1.0)
    if not p:
        return (0.0, 0.0, 0.0)
    overlap = sum((Counter(g) & Counter(p)).values())
    precision, recall = overlap / len(p), overlap / len(g)
    f1 = 2 * precision * recall / (precision + recall) if overlap else 0.0
    return precision, recall, f1


def word_scores(pairs: Iterable[tuple[str | None, str | None]]) -> dict[str, float]:
    """WCXB scores: per-page word P/R/F1, each averaged over all pages."""
    rows = [word_prf(g, p) for g, p in pairs]
    if not rows:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    return {k: fmean(r[i] for r in rows) for i, k in enumerate(("precision", "recall", "f1"))}
