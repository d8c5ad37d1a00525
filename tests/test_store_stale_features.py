"""A store written by an older features recipe is brought up to date when ingest restores it.

Stored signatures from another ``FEATURES_VERSION`` cannot be compared with new ones, so
restoring must compute them again from the stored articles (and keep them), not refuse the
store or, worse, compare old with new.
"""

from __future__ import annotations

import json
from pathlib import Path

from newsfuse.group.features import FEATURES_VERSION, StoryFeatures
from newsfuse.ingest.loader import load_paths
from newsfuse.ingest_run import ingest_documents, restore_grouper
from newsfuse.store.sqlite import SQLiteStore

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "seeds"


def test_stale_features_are_computed_again_and_kept(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    store = SQLiteStore(db)
    ingest_documents(load_paths([str(SEEDS)]).documents, store, analyse=False)
    current = dict(store.features())
    stories = restore_grouper(store).stories()
    # Age every stored row as an older newsfuse would have written it.
    aged = []
    for article_id, data in current.items():
        row = json.loads(data)
        del row["version"]
        row["minhash"] = [0] * len(row["minhash"])
        aged.append((article_id, json.dumps(row)))
    store.replace_features(aged)
    store.close()

    store = SQLiteStore(db)
    assert restore_grouper(store).stories() == stories
    assert dict(store.features()) == current  # written back, as today's recipe writes them
    assert all(json.loads(data)["version"] == FEATURES_VERSION for _, data in store.features())
    assert {StoryFeatures.from_json(d).article_id for d in current.values()} == set(current)
    store.close()
