"""Story grouping on real text: the seed articles are one story; a pinned quality gate."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from newsfuse.group.stories import group_articles
from newsfuse.ingest import load_paths
from newsfuse.pipeline import analyse_articles, clean_documents

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "seeds"
CLUSTERING = ROOT.parent / "shared" / "data" / "clustering"
GATE = ROOT / "bench" / "gates" / "stories.json"


def test_the_seed_articles_form_one_story() -> None:
    """As the pipeline groups them: no date inference, so undated seed 003 stays undated."""
    articles, _ = clean_documents(load_paths([str(SEEDS)]).documents)
    memberships, _, events = group_articles(analyse_articles(articles, infer_dates=False))
    assert len(memberships) == 5
    assert len({m.story_id for m in memberships}) == 1
    assert all(m.linked_to for m in memberships)
    assert events[0].kind == "created"


@pytest.mark.parametrize("dataset", ["neus-stories-dev", "ecbplus-dev"])
def test_quality_gate_on_a_slice_of_the_dev_sets(dataset: str) -> None:
    """B-cubed F1 on the first gold stories may not fall below the pinned one."""
    data = CLUSTERING / dataset
    if not data.is_dir():
        pytest.skip(f"no evaluation data at {data}")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from bench.stories import evaluate

    pinned = json.loads(GATE.read_text(encoding="utf-8"))[dataset]
    figures = evaluate(data, limit=pinned["limit"])
    assert figures["b3_f1"] >= pinned["b3_f1"]
