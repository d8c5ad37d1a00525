"""Our MinHash and LSH band shape are datasketch's, bit for bit (computed without its scipy
import, which would cost every start half a second)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.group.fingerprint import NUM_PERM, SCHEME, SEED, minhash_of, shingles
from newsfuse.group.neardup import band_shape
from newsfuse.group.similarity import copy_similarity

datasketch = pytest.importorskip("datasketch")

WORDS = st.sampled_from("kim putin visit plant jets summit glove suit rifle the a of".split())


@settings(max_examples=40, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=80))
def test_signature_equals_datasketch_minhash(words: list[str]) -> None:
    text = " ".join(words)
    reference = datasketch.MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    reference.update_batch(sorted(shingles(text)))
    assert minhash_of(text) == tuple(int(v) for v in reference.hashvalues)


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
