"""Word-shingle MinHash signatures: a short, fixed-size fingerprint of an article's text.

Two texts' signatures agree in about the same share of positions as their shingle sets
overlap (Jaccard), so copies and light rewrites of one wire story can be found by comparing
64 numbers instead of the texts. Every constant is fixed, so a signature stored today matches
one computed next year.

The permutations are datasketch's ``MinHash(num_perm, seed, scheme="affine32")`` (the
MurmurHash3 finalizer, then one odd affine map mod 2^32 per permutation); only the hash of a
shingle is our own, ``shingle_hash``, and a test checks whole signatures against datasketch
given that hash function. Datasketch would hash each shingle with SHA-1, one Python call per
shingle, a third of the cost of an article's grouping features. Here each word is hashed (the
first four bytes of its SHA-1; ``features`` remembers them per piece of text), and a shingle's
hash is a fixed, odd-weighted sum of its four words' hashes mod 2^32, computed for all shingles
at once in numpy. The estimate of Jaccard similarity is as good (a test compares it with the
exact one), but signatures made before this change (``features.FEATURES_VERSION`` 1) do not
match these.

It is computed here because importing the datasketch package pulls in scipy for its LSH
parameter search, half a second of every ``newsfuse`` start, and a digest of a few articles
must start fast.
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
_PUNCTUATION = "\"'.,;:!?()[]{}<>/*&%$#@+=~^`|\\-“”‘’«»…–—"  # never word characters
# The weight of each word position in a shingle's hash: fixed odd numbers (so each position's
# word hash is mixed by a bijection), different so that reordered words hash differently.
_WEIGHTS = (0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D, 0x27D4EB2F)
_WEIGHTS_32 = tuple(np.uint32(w) for w in _WEIGHTS)


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    """The text's overlapping runs of ``size`` lower-cased words (the words, if fewer)."""
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {w.encode("utf-8") for w in words}
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def word_hashes(text: str) -> list[int]:
    """The 32-bit hash of each word ``shingles`` sees in the text, in order. Words never span
    whitespace, so the hashes of a text's whitespace-separated pieces, concatenated, are the
    hashes of the whole text: a caller may compute (and memoise) them piece by piece."""
    word = plain_word(text)
    if word is not None:  # no regular expression
        return [word_hash(word.lower())]
    return list(map(word_hash, _WORD.findall(text.lower())))


def plain_word(piece: str) -> str | None:
    """The word of a whitespace-free piece of text that is ASCII letters between punctuation
    ("said,", "(AP)", "“We", "more.”"), if it is one and no URL; else None. Each word pattern
    here (and in ``features``) reads such a piece as that word alone, and most pieces of
    English text are such: so callers skip their regular expressions."""
    if piece.isascii() and piece.isalpha():
        return piece
    word = piece.strip(_PUNCTUATION)
    if not (word.isascii() and word.isalpha()) or "://" in piece or "www." in piece.lower():
        return None
    return word


def shingle_hash(shingle: bytes) -> int:
    """The 32-bit hash of one shingle as ``shingles`` spells it (words joined by spaces): the
    reference for what ``signature`` computes for all shingles at once, and the hash function
    the test gives datasketch."""
    hashes = map(word_hash, shingle.decode("utf-8").split(" "))
    return sum(w * h for w, h in zip(_WEIGHTS, hashes, strict=False)) & 0xFFFFFFFF


def minhash_of(text: str) -> tuple[int, ...]:
    """The MinHash signature of the text's shingles (empty for a text with no words)."""
    return signature(np.array(word_hashes(text), dtype=np.uint32))


def signature(hashes: np.ndarray) -> tuple[int, ...]:
    """The MinHash signature of the shingles of a text whose ``word_hashes`` these are (a
    uint32 array). In-place numpy arithmetic (uint32 wraps: mod 2^32), no temporaries."""
    if not len(hashes):
        return ()
    size = SHINGLE if len(hashes) >= SHINGLE else 1  # fewer words: each word is a shingle
    count = len(hashes) - size + 1
    grams = hashes[:count] * _WEIGHTS_32[0]
    scratch = np.empty_like(grams)
    for position in range(1, size):
        grams += np.multiply(hashes[position : position + count], _WEIGHTS_32[position], scratch)
    _fmix32(grams, scratch)
    a, b = _columns()
    # A shingle met twice is hashed twice: the minimum is the same, and skipping the
    # deduplication (a sort) is faster.
    permuted = a * grams
    permuted += b
    return tuple(permuted.min(axis=1).tolist())


def word_hash(word: str) -> int:
    """A word's 32-bit hash: the first four bytes of its SHA-1 digest, read little-endian."""
    return int.from_bytes(hashlib.sha1(word.encode("utf-8")).digest()[:4], "little")


def _fmix32(h: np.ndarray, scratch: np.ndarray) -> None:
    """MurmurHash3's 32-bit finalizer, in place: spreads the input bits before the affine
    maps (``scratch``: an array of h's shape and dtype to work in)."""
    for shift, multiplier in _FMIX_STEPS:
        h ^= np.right_shift(h, shift, scratch)
        if multiplier:
            h *= multiplier


_FMIX_STEPS = (
    (np.uint32(16), np.uint32(0x85EBCA6B)),
    (np.uint32(13), np.uint32(0xC2B2AE35)),
    (np.uint32(16), None),
)


@cache
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The affine maps h -> a*h + b (a odd, so each is a bijection), drawn as datasketch does."""
    generator = np.random.RandomState(seed)
    a = generator.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


@cache
def _columns() -> tuple[np.ndarray, np.ndarray]:
    """The permutations as (NUM_PERM, 1) columns, to broadcast against a row of hashes."""
    a, b = _permutations(NUM_PERM, SEED)
    return a.reshape(-1, 1), b.reshape(-1, 1)
