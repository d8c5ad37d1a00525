"""Incremental ingest into the store: killed at chosen points and resumed, the store ends as an
uninterrupted run leaves it; another input order gives the same stories.

The inputs are small hand-made articles on four unrelated stories (with wire copies among them),
ingested with ``--no-language`` (grouping on words, no spaCy) so that many real ingest
processes fit in a few seconds. Ingest commits articles in batches; the whole corpus would be
one batch, so the killed runs commit every few articles (sizes varied). Each run kills itself
with SIGKILL through the store's crash hook (``NEWSFUSE_TEST_KILL``) at an exact point: just
before a commit (articles grouped, their transaction written but not committed), just after
one, inside the first migration, and after a background checkpoint (those runs checkpoint
after every commit). No timing is involved: the same points are hit on any machine.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newsfuse import ingest_run
from newsfuse.cli.main import app
from newsfuse.store import sqlite as store_sqlite
from newsfuse.store.migrations import MIGRATIONS
from newsfuse.store.sqlite import SQLiteStore
from story_topics import OUTLETS, TOPICS

runner = CliRunner()
FORK = multiprocessing.get_context("fork")


def corpus(folder: Path, per_topic: int = 9, seed: int = 7) -> list[Path]:
    """Plain-text articles: sentences of one topic in a random order and mix, plus exact wire
    copies of some of them under other outlets."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for topic, sentences in TOPICS.items():
        for n in range(per_topic):
            picked = rng.sample(sentences, 5)
            body = ". ".join(picked) + "."
            outlet = OUTLETS[n % len(OUTLETS)]
            text = (
                f"{picked[0]}\n\nBy staff reporter, {outlet}\n\n{body}\n\nReport {n} on {topic}.\n"
            )
            copies = 2 if n % 4 == 0 else 1
            for c in range(copies):
                path = folder / f"{topic}-{n:02d}-{c}.txt"
                path.write_text(
                    text if c == 0 else text.replace("By staff reporter", "From the wires")
                )
                paths.append(path)
    return paths


def ingest(paths: list[Path], db: Path) -> Any:
    args = ["ingest", *map(str, paths), "--db", str(db), "--no-language", "-q"]
    return runner.invoke(app, args)


def snapshot(db: Path) -> dict[str, Any]:
    """Everything ingest decides, in a form two stores can be compared by."""
    store = SQLiteStore(db, create=False)
    try:
        return {
            "articles": [a.id for a in store.articles()],
            "data": sorted(store.articles(), key=lambda a: a.id),
            "memberships": sorted(store.memberships(), key=lambda m: m.article_id),
            "stories": sorted((s.id, sorted(s.article_ids)) for s in store.stories()),
            "syndication": sorted(store.syndication(), key=lambda g: g.id),
            "events": store.events(),
            "rejections": store.rejections(),
        }
    finally:
        store.close()


def check_consistent(db: Path) -> int:
    """The store as a killed writer left it: intact, and every article complete."""
    raw = sqlite3.connect(db)
    try:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master")}
        if "articles" not in tables:  # killed before the first migration committed
            assert tables <= {"_migrations"}
            return 0
        count = raw.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        for table in ("features", "memberships"):
            joined = raw.execute(
                f"SELECT COUNT(*) FROM articles a JOIN {table} t ON t.article_id = a.id"
            ).fetchone()[0]
            assert joined == count, f"{table}: {joined} rows for {count} articles"
        orphans = raw.execute(
            "SELECT COUNT(*) FROM memberships WHERE article_id NOT IN (SELECT id FROM articles)"
        ).fetchone()[0]
        assert orphans == 0
        return int(count)
    finally:
        raw.close()


def _ingest_in_child(
    paths: list[Path], db: Path, flush: int, checkpoint_bytes: int, kill: str
) -> None:
    ingest_run.FLUSH_ARTICLES = flush  # this process only: it was forked
    ingest_run.FLUSH_SECONDS = 3600.0  # commits by count only, however slow the machine
    store_sqlite._CHECKPOINT_BYTES = checkpoint_bytes
    os.environ[store_sqlite.KILL_ENV] = kill
    args = ["ingest", *map(str, paths), "--db", str(db), "--no-language", "-q"]
    app(args, prog_name="newsfuse")


def killed_run(paths: list[Path], db: Path, *, kill: str, flush: int, checkpoint_bytes: int) -> int:
    """Run ingest in another process, committing every ``flush`` articles, that kills itself
    at ``kill`` (``before-commit:N``, ``after-commit:N``, ``after-checkpoint:N``); its exit
    code. The process is forked from this one, which has newsfuse imported already, so it
    starts at once (a fresh interpreter takes seconds to import)."""
    args = (paths, db, flush, checkpoint_bytes, kill)
    process = FORK.Process(target=_ingest_in_child, args=args)
    process.start()
    process.join()
    assert process.exitcode is not None
    return process.exitcode


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return corpus(tmp_path_factory.mktemp("inputs"))


@pytest.fixture(scope="module")
def reference(inputs: list[Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    db = tmp_path_factory.mktemp("reference") / "news.db"
    result = ingest(inputs, db)
    assert result.exit_code == 0, result.output
    return snapshot(db)


def test_the_corpus_makes_several_stories(reference: dict[str, Any], inputs: list[Path]) -> None:
    assert len(reference["articles"]) == len(inputs)
    assert len(reference["stories"]) == len(TOPICS)
    assert reference["syndication"], "the wire copies form syndication groups"


# (kill point, articles per commit, checkpoint after every commit, articles stored after it).
# A run's first commits are the migrations not yet applied, then each commits only what the
# killed runs before it left. Where the background checkpoint falls is the thread's affair,
# so the run killed there stores an unknown number (None), and comes last.
KILLS = [
    ("before-commit:1", 3, False, 0),  # inside the first migration: no schema yet
    # one more migration each (each is a transaction of its own): then the whole schema
    *[("after-commit:1", 3, False, 0)] * len(MIGRATIONS.steps),
    ("before-commit:1", 3, False, 0),  # three articles grouped, written, not committed
    ("after-commit:2", 3, False, 6),
    ("after-commit:3", 1, True, 9),
    ("before-commit:4", 7, False, 30),
    ("after-commit:1", 7, True, 37),
    ("after-checkpoint:1", 1, True, None),
]


def test_killed_at_chosen_points_then_resumed(
    inputs: list[Path], reference: dict[str, Any], tmp_path: Path
) -> None:
    db = tmp_path / "news.db"
    for kill, flush, every_commit, expected in KILLS:
        checkpoint = 1 if every_commit else store_sqlite._CHECKPOINT_BYTES
        code = killed_run(inputs, db, kill=kill, flush=flush, checkpoint_bytes=checkpoint)
        assert code == -signal.SIGKILL, f"{kill}: the run ended with {code}, not killed"
        count = check_consistent(db) if db.exists() else 0
        assert count == (expected if expected is not None else count), (kill, count)
    result = ingest(inputs, db)
    assert result.exit_code == 0, result.output
    assert snapshot(db) == reference
    again = ingest(inputs, db)  # and a further run adds nothing
    assert "0 added" in again.stderr and snapshot(db) == reference


def test_another_order_gives_the_same_stories(
    inputs: list[Path], reference: dict[str, Any], tmp_path: Path
) -> None:
    shuffled = list(inputs)
    random.Random(3).shuffle(shuffled)
    db = tmp_path / "shuffled.db"
    assert ingest(shuffled, db).exit_code == 0
    other = snapshot(db)
    assert other["stories"] == reference["stories"]
    assert other["syndication"] == reference["syndication"]
    assert other["data"] == reference["data"]
