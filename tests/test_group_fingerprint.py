"""Our MinHash is datasketch's affine32 scheme given our shingle hash, bit for bit; it estimates
Jaccard similarity as a MinHash should; the piece-by-piece word hashing that ``features``
memoises equals hashing the whole text; and our LSH band shape is datasketch's."""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.group.fingerprint import (
    NUM_PERM,
    SCHEME,
    SEED,
    minhash_of,
    plain_word,
    shingle_hash,
    shingles,
    signature,
    word_hashes,
)
from newsfuse.group.neardup import band_shape
from newsfuse.group.similarity import copy_similarity

datasketch = pytest.importorskip("datasketch")

WORDS = st.sampled_from("kim putin visit plant jets summit glove suit rifle the a of".split())
# Pieces of text that stress tokenizing piece by piece: punctuation at the ends and inside,
# digits, non-ASCII letters and marks, a final sigma, URLs, and every kind of whitespace.
FRAGMENTS = [*"abcXYZ019_'’-.,;:!?()“”/", "é", "ß", "Σ", "ΟΔΟΣ", "İ", "ﬁ", "\u0301", "日本"]
FRAGMENTS += ["http://x.io/a", "www.", "Trump’s", " ", " ", "\n", "\t", "\xa0", "\u2003", "\x1c"]
TRICKY = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=80))
def test_signature_equals_datasketch_minhash_with_our_shingle_hash(words: list[str]) -> None:
    text = " ".join(words)
    reference = datasketch.MinHash(
        num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashfunc=shingle_hash
    )
    reference.update_batch(sorted(shingles(text)))
    assert minhash_of(text) == tuple(int(v) for v in reference.hashvalues)


@settings(max_examples=60, deadline=None)
@given(TRICKY)
def test_signature_equals_datasketch_on_any_text(text: str) -> None:
    grams = shingles(text)
    if not grams:
        assert minhash_of(text) == ()
        return
    reference = datasketch.MinHash(
        num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashfunc=shingle_hash
    )
    reference.update_batch(sorted(grams))
    assert minhash_of(text) == tuple(int(v) for v in reference.hashvalues)


@settings(max_examples=200, deadline=None)
@given(TRICKY)
def test_word_hashes_piece_by_piece_equal_the_whole_text(text: str) -> None:
    pieces = [h for piece in text.split() for h in word_hashes(piece)]
    assert pieces == word_hashes(text)
    assert signature(np.array(pieces, dtype=np.uint32)) == minhash_of(text)


@settings(max_examples=300, deadline=None)
@given(TRICKY)
def test_a_plain_word_is_the_only_word_of_its_piece(text: str) -> None:
    for piece in text.split():
        word = plain_word(piece)
        if word is not None:
            assert word.isascii() and word.isalpha()
            assert shingles(piece) == {word.lower().encode()}


def test_minhash_estimates_jaccard_of_shingles() -> None:
    """Articles built from shared and own sentences: the share of equal positions is within
    what 64 permutations allow (standard error at most 1/16) of the exact Jaccard."""
    rng = random.Random(7)
    vocabulary = [f"w{i}" for i in range(3000)]
    sentences = [" ".join(rng.choices(vocabulary, k=18)) + "." for _ in range(400)]
    errors = []
    for shared in (0, 3, 6, 10, 15, 20, 25, 30):
        common = rng.sample(sentences, shared)
        a = " ".join(common + rng.sample(sentences, 30 - shared))
        b = " ".join(common + rng.sample(sentences, 30 - shared))
        sa, sb = shingles(a), shingles(b)
        exact = len(sa & sb) / len(sa | sb)
        estimate = copy_similarity(minhash_of(a), minhash_of(b))
        errors.append(abs(estimate - exact))
        assert abs(estimate - exact) < 0.2, (shared, exact, estimate)
    assert sum(errors) / len(errors) < 0.08


@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.7, 0.85])
@pytest.mark.parametrize("num_perm", [32, 64, 128])
def test_band_shape_equals_datasketch_lsh(threshold: float, num_perm: int) -> None:
    lsh = datasketch.MinHashLSH(threshold=threshold, num_perm=num_perm)
    assert band_shape(threshold, num_perm) == (lsh.b, lsh.r)


def test_copies_score_high_and_other_texts_low() -> None:
    wire = "Kim Jong Un arrived in Komsomolsk-on-Amur on Friday to tour the aircraft plant " * 3
    edited = wire.replace("Friday", "Friday morning")
    other = "Heavy rain flooded farmland across the valley and closed two roads overnight."
    assert copy_similarity(minhash_of(wire), minhash_of(edited)) > 0.6
    assert copy_similarity(minhash_of(wire), minhash_of(other)) < 0.1
    assert minhash_of("") == ()
    assert minhash_of(" ... ") == ()
    assert len(minhash_of("one")) == NUM_PERM


def test_signature_is_fixed_forever() -> None:
    """Stored signatures stay comparable: the hash of a shingle never changes."""
    assert shingle_hash(b"kim jong un arrived") == 457329840
    assert minhash_of("Kim Jong Un arrived")[:4] == (2117885788, 3096690932, 2398844966, 1428354248)
