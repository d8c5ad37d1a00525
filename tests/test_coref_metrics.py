"""Coreference metrics: hand-worked cases and numbers from the CoNLL reference scorer.

The reference numbers come from ``scorer.pl all key response none`` (v8.01,
github.com/conll/reference-coreference-scorers) run on one-token-per-mention CoNLL files
built from the clusterings below; each cluster became one coref id, a mention only one side
has got "-" on the other side. The scorer prints its fractions, given here as such.
"""

from __future__ import annotations

import pytest
from bench.coref_metrics import b_cubed, ceaf_e, conll, muc

PRADHAN_KEY = [["a", "b", "c"], ["d", "e", "f", "g"]]
PRADHAN_RESP = [["a", "b"], ["c", "d"], ["f", "g", "h", "i"]]


def test_muc_by_hand() -> None:
    # key {a,b,c} falls into 2 response parts -> 3-2=1 of 2 links; {d,e,f,g}: parts {c,d},
    # {e} (twinless), {f,g,...} -> 4-3=1 of 3 links. Recall 2/5. Precision symmetric: {a,b}
    # 1 of 1, {c,d} 0 of 1, {f,g,h,i}: parts {f,g},{h},{i} -> 1 of 3. Precision 2/5.
    score = muc(PRADHAN_KEY, PRADHAN_RESP)
    assert score.recall == pytest.approx(2 / 5)
    assert score.precision == pytest.approx(2 / 5)


def test_b_cubed_by_hand() -> None:
    # Recall: a,b: 2/3 each; c: 1/3; d: 1/4; e: 0; f,g: 2/4 each -> (2*2/3+1/3+1/4+1)/7.
    # Precision: a,b: 2/2 each; c,d: 1/2 each; f,g: 2/4 each; h,i: 0 -> 4/8.
    score = b_cubed(PRADHAN_KEY, PRADHAN_RESP)
    assert score.recall == pytest.approx((4 / 3 + 1 / 3 + 1 / 4 + 1) / 7)
    assert score.precision == pytest.approx(0.5)


def test_ceaf_e_by_hand() -> None:
    # phi4({a,b,c},{a,b}) = 2*2/5 = 0.8; phi4({d,e,f,g},{f,g,h,i}) = 2*2/8 = 0.5; the
    # alignment is 1.3: recall 1.3/2 key entities, precision 1.3/3 response entities.
    score = ceaf_e(PRADHAN_KEY, PRADHAN_RESP)
    assert score.recall == pytest.approx(0.65)
    assert score.precision == pytest.approx(1.3 / 3)


def test_identical_clusterings_score_one() -> None:
    key = [["a", "b"], ["c"], ["d", "e", "f"]]
    scores = conll(key, [list(c) for c in reversed(key)])
    assert scores["conll"] == pytest.approx(1.0)


def test_all_singletons_give_muc_nothing() -> None:
    # No key links: MUC recall is 0/0, which the scorer reports as 0.
    score = muc([["a"], ["b"], ["c"]], [["a"], ["b"], ["c"]])
    assert (score.recall, score.precision, score.f1) == (0.0, 0.0, 0.0)


def test_mention_in_two_clusters_is_rejected() -> None:
    with pytest.raises(ValueError, match="two clusters"):
        muc([["a", "b"], ["b"]], [["a"]])


# (key, response, {metric: (recall, precision)}) as scorer.pl printed them.
REFERENCE = [
    (
        PRADHAN_KEY,
        PRADHAN_RESP,
        {
            "muc": (2 / 5, 2 / 5),
            "b3": (2.91666666666667 / 7, 4 / 8),
            "ceafe": (1.3 / 2, 1.3 / 3),
        },
    ),
    (
        [["a", "b"], ["c"], ["d"], ["e", "f", "g"]],
        [["a"], ["b", "c"], ["d", "e"], ["f", "g"]],
        {
            "muc": (1 / 3, 1 / 3),
            "b3": (4.66666666666667 / 7, 5 / 7),
            "ceafe": (2.8 / 4, 2.8 / 4),
        },
    ),
    (
        [["a"], ["b"], ["c"]],
        [["a", "b", "c"]],
        {"muc": (0.0, 0 / 2), "b3": (3 / 3, 1 / 3), "ceafe": (0.5 / 3, 0.5 / 1)},
    ),
    (
        [["a", "b", "c"], ["d"]],
        [["a", "b"], ["x", "y"], ["d", "z"]],
        {
            "muc": (1 / 2, 1 / 3),
            "b3": (2.33333333333333 / 4, 2.5 / 6),
            "ceafe": (1.46666666666667 / 2, 1.46666666666667 / 3),
        },
    ),
    (  # a random pair of partitions of overlapping mention sets
        [
            ["m0", "m8"],
            ["m1", "m12", "m18"],
            ["m2", "m15", "m16"],
            ["m3"],
            ["m4", "m5", "m7", "m10", "m13", "m14", "m17", "m19"],
            ["m6", "m9", "m11"],
        ],
        [
            ["m3", "m8", "m14"],
            ["m4", "m7", "m9", "m11"],
            ["m5", "m16", "m19", "m22", "m23"],
            ["m6", "m10", "m20"],
            ["m12", "m15", "m18"],
            ["m13", "m17"],
            ["m21"],
        ],
        {
            "muc": (5 / 14, 5 / 14),
            "b3": (6.91666666666667 / 20, 8.33333333333333 / 21),
            "ceafe": (2.38809523809524 / 6, 2.38809523809524 / 7),
        },
    ),
]


@pytest.mark.parametrize(("key", "response", "expected"), REFERENCE)
def test_matches_reference_scorer(
    key: list[list[str]], response: list[list[str]], expected: dict[str, tuple[float, float]]
) -> None:
    scores = conll(key, response)
    for metric, (recall, precision) in expected.items():
        got = scores[metric]
        assert not isinstance(got, float)
        assert got.recall == pytest.approx(recall, abs=1e-9), metric
        assert got.precision == pytest.approx(precision, abs=1e-9), metric
