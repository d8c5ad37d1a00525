"""Word-shingle MinHash signatures: a short, fixed-size fingerprint of an article's text.

Two texts' signatures agree in about the same share of positions as their shingle sets
overlap (Jaccard), so copies and light rewrites of one wire story can be found by comparing
64 numbers instead of the texts. The hash seed is fixed, so a signature stored today matches
one computed next year.
"""

from __future__ import annotations

import re

from datasketch import MinHash

NUM_PERM = 64
SHINGLE = 4  # words per shingle: long enough that shared phrases, not shared words, count
SCHEME = "affine32"
SEED = 1
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    """The text's overlapping runs of ``size`` lower-cased words (the words, if fewer)."""
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {w.encode("utf-8") for w in words}
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def minhash_of(text: str) -> tuple[int, ...]:
    """The MinHash signature of the text's shingles (empty for a text with no words)."""
    grams = shingles(text)
    if not grams:
        return ()
    sketch = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    sketch.update_batch(sorted(grams))
    return tuple(int(v) for v in sketch.hashvalues)


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    if not a or len(a) != len(b):
        return 0.0
    return sum(1 for x, y in zip(a, b, strict=True) if x == y) / len(a)
