"""Word-shingle MinHash signatures: a short, fixed-size fingerprint of an article's text.

Two texts' signatures agree in about the same share of positions as their shingle sets
overlap (Jaccard), so copies and light rewrites of one wire story can be found by comparing
64 numbers instead of the texts. The hash seed is fixed, so a signature stored today matches
one computed next year.

The signature is bit-for-bit datasketch's ``MinHash(num_perm, seed, scheme="affine32")`` (a
test checks it against datasketch): SHA-1 of each shingle, the MurmurHash3 finalizer, then
one odd affine map mod 2^32 per permutation. It is computed here because importing the
datasketch package pulls in scipy for its LSH parameter search, half a second of every
``newsfuse`` start, and a digest of a few articles must start fast.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache

import numpy as np

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
    a, b = _permutations(NUM_PERM, SEED)
    hashed = np.fromiter((_sha1_32(g) for g in sorted(grams)), dtype=np.uint32, count=len(grams))
    mixed = _fmix32(hashed).reshape(-1, 1)
    return tuple(int(v) for v in (mixed * a + b).min(axis=0))  # uint32 wraps: mod 2^32


def _sha1_32(data: bytes) -> int:
    """The first four bytes of the SHA-1 digest, little-endian (datasketch's sha1_hash32)."""
    return int.from_bytes(hashlib.sha1(data).digest()[:4], "little")


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer: spreads the input bits before the affine maps."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


@cache
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The affine maps h -> a*h + b (a odd, so each is a bijection), drawn as datasketch does."""
    generator = np.random.RandomState(seed)
    a = generator.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b
