"""The account metrics (bench/account_metrics.py) on a case worked by hand."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.account_metrics import (  # noqa: E402
    Annotation,
    GoldDiscrepancy,
    GoldFact,
    GoldVariant,
    Predicted,
    Tally,
)

F1 = GoldFact("F1", "x", {"L": (("L", "text", 0, 10),), "C": (("C", "text", 0, 10),),
                          "R": (("R", "text", 0, 10),)})  # fmt: skip
F2 = GoldFact("F2", "y", {"L": (("L", "text", 20, 30),), "C": (("C", "text", 20, 30),)})
D1 = GoldDiscrepancy(
    "D1", "number", "z",
    (GoldVariant(("L",), (("L", "text", 0, 10),)), GoldVariant(("R",), (("R", "text", 0, 10),))),
)  # fmt: skip
GOLD = Annotation((F1, F2), (D1,))


def test_hand_worked_story() -> None:
    predicted = Predicted(
        facts=(
            (("L", "text", 0, 5), ("C", "text", 2, 8)),  # one pair, right (F1)
            (("L", "text", 20, 25), ("R", "text", 0, 3)),  # one pair, wrong: no common fact
        ),
        discrepancies=(("number", ((("L", "text", 2, 4),), (("R", "text", 5, 6),))),),
        summary=(("One.", ("L", "text", 0, 4)), ("Two...", ("C", "text", 0, 3)), ("x", None)),
    )
    tally = Tally()
    tally.add(predicted, (GOLD, GOLD))
    s = tally.scores()
    assert s["pair_p"] == 0.5  # 1 of 2 predicted pairs
    assert s["pair_r"] == 0.25  # gold pairs: F1 has 3 (L-C found), F2 has 1 (not found)
    assert s["fact_found"] == 0.5  # F1 found (L and C), F2 not
    assert s["fact_complete"] == 0.0  # F1 needs L, C and R in one fact
    assert (s["disc_p"], s["disc_r"], s["disc_kind_acc"]) == (1.0, 1.0, 1.0)
    assert s["summary_redundancy"] == 0.5  # the second sentence tells F1 again
    assert s["summary_cut"] == 1  # "Two..." ends cut off
    assert s["summary_coverage"] == 0.5  # F1 of the two facts


def test_a_fact_citing_exactly_its_supporters_is_complete() -> None:
    predicted = Predicted(facts=((("L", "text", 1, 2), ("C", "text", 1, 2), ("R", "text", 1, 2)),))
    tally = Tally()
    tally.add(predicted, (GOLD, GOLD))
    s = tally.scores()
    assert s["pair_p"] == 1.0 and s["fact_complete"] == 0.5 and s["pair_r"] == 0.75
