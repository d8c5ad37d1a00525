"""Quality gate on real data: the summary's ROUGE-2 on the first NeuS val stories."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NEUS = ROOT.parent / "shared" / "data" / "summaries" / "neus-roundups"
GATE = ROOT / "bench" / "gates" / "summaries.json"


def test_quality_gate_on_first_neus_val_stories() -> None:
    """ROUGE-2 of our summary, and its margin over the lead baseline, on the first 40 NeuS val
    stories may not fall below the pinned figures."""
    if not NEUS.is_dir():
        pytest.skip(f"no evaluation data at {NEUS}")
    pytest.importorskip("rouge_score", reason="the bench extra is not installed")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from bench.summaries import analyse, lead, load_split, ours
    from rouge_score import rouge_scorer

    gate = json.loads(GATE.read_text(encoding="utf-8"))
    stories = load_split(NEUS, "val", 40)
    scorer = rouge_scorer.RougeScorer(["rouge2"], use_stemmer=True)
    ours_r2, lead_r2 = [], []
    for story, articles in zip(stories, analyse(stories), strict=True):
        n = story.reference_words
        summary = " ".join(ours(articles, n).split()[:n])
        ours_r2.append(scorer.score(story.reference, summary)["rouge2"].fmeasure)
        lead_r2.append(scorer.score(story.reference, lead(articles))["rouge2"].fmeasure)
    r2 = 100 * sum(ours_r2) / len(ours_r2)
    margin = r2 - 100 * sum(lead_r2) / len(lead_r2)
    assert r2 >= gate["neus_val_first40_r2"]
    assert margin >= gate["neus_val_first40_margin_over_lead_r2"]
