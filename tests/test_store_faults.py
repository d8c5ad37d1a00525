"""A store on a bad disk or in a bad file, through the real commands: one line naming the store
and what to do, exit status 3, never a traceback, and a store that stays consistent.

A full disk is SQLite's own ``SQLITE_FULL``, raised by a page limit the store takes from the
environment (``NEWSFUSE_TEST_MAX_PAGES``); a damaged store is a real store file with garbage
written over one of its pages, every page in turn.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from typer.testing import CliRunner

from newsfuse.cli.main import app
from newsfuse.store import open_store
from newsfuse.store.sqlite import MAX_PAGES_ENV

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "seeds"
PAGE = 4096
runner = CliRunner()


def one_line(result: Result) -> str:
    """The single stderr line of a command that failed cleanly (no exception escaped)."""
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def ingest(db: Path, *paths: Path) -> Result:
    return runner.invoke(app, ["ingest", *map(str, paths or (SEEDS,)), "--db", str(db), "-q"])


def pages(db: Path) -> int:
    with sqlite3.connect(db) as raw:
        return int(raw.execute("PRAGMA page_count").fetchone()[0])


def intact(db: Path) -> int:
    """Articles in a store that passes SQLite's integrity check."""
    raw = sqlite3.connect(db)
    try:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return int(raw.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    finally:
        raw.close()


# -- where the store should be -------------------------------------------------------------------


def test_a_store_in_a_folder_that_does_not_exist_exits_3(tmp_path: Path) -> None:
    db = tmp_path / "no" / "such" / "news.db"
    result = ingest(db)
    assert result.exit_code == 3
    assert one_line(result) == (
        f"newsfuse: cannot create the store {db}: {db.parent} does not exist; create it first"
    )
    (tmp_path / "file").write_text("not a folder")
    result = ingest(tmp_path / "file" / "news.db")
    assert result.exit_code == 3 and "file is not a folder" in one_line(result)
    result = ingest(tmp_path)
    assert result.exit_code == 3 and f"{tmp_path} is a folder, not a store" in one_line(result)
    # Readers of a store that is not there: 1, as documented.
    result = runner.invoke(app, ["stories", "--db", str(db)])
    assert result.exit_code == 1 and one_line(result).startswith(f"newsfuse: no store at {db}")


# -- a full disk ---------------------------------------------------------------------------------


def test_a_full_disk_is_one_line_and_the_store_stays_usable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "news.db"
    open_store(db).close()  # an empty store: its schema's pages
    monkeypatch.setenv(MAX_PAGES_ENV, str(pages(db) + 2))  # the seeds need about 15 more
    result = ingest(db)
    assert result.exit_code == 3
    line = one_line(result)
    assert line.startswith(f"newsfuse: the disk holding {db} is full")
    assert line.endswith(
        "free some space and run again (what was written before stays in the store)"
    )
    assert intact(db) == 0  # the batch was one transaction: nothing of it was written
    monkeypatch.delenv(MAX_PAGES_ENV)
    result = ingest(db)
    assert result.exit_code == 0 and "5 added" in result.stderr
    assert intact(db) == 5


def test_a_disk_full_before_the_store_is_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(MAX_PAGES_ENV, "3")  # not even room for the schema
    db = tmp_path / "news.db"
    result = ingest(db)
    assert result.exit_code == 3
    assert one_line(result).startswith(f"newsfuse: the disk holding {db} is full")


# -- a damaged store file ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A store of the seeds (words only, no language layer), its WAL folded into the file,
    and the story id."""
    db = tmp_path_factory.mktemp("seeded") / "news.db"
    result = runner.invoke(app, ["ingest", str(SEEDS), "--db", str(db), "--no-language", "-q"])
    assert result.exit_code == 0, result.output
    store = open_store(db, create=False)
    story = store.stories()[0]  # the largest
    store.close()
    assert not Path(f"{db}-wal").exists()  # the last connection checkpointed and removed it
    return db, story.id


def damaged(seeded: Path, page: int, folder: Path) -> Path:
    """A copy of the store with page ``page`` (1-based) overwritten by garbage."""
    db = folder / f"page{page}.db"
    shutil.copy(seeded, db)
    with db.open("r+b") as file:
        file.seek((page - 1) * PAGE)
        file.write((bytes(range(7, 250)) * (PAGE // 243 + 1))[:PAGE])
    return db


def test_garbage_in_the_middle_of_the_store_is_one_line_and_exit_3(
    seeded: tuple[Path, str], tmp_path: Path
) -> None:
    db, story = seeded
    failed: dict[str, list[int]] = {"stories": [], "report": [], "ingest": []}
    commands: dict[str, list[str]] = {
        "stories": ["stories"],
        "report": ["report", story, "-q", "-o", str(tmp_path / "out")],
        "ingest": ["ingest", str(SEEDS), "--no-language", "-q"],
    }
    for page in range(2, pages(db) + 1):  # page 1 (the header) is tested in test_cli_store
        bad = damaged(db, page, tmp_path)
        for name, args in commands.items():
            result: Any = runner.invoke(app, [*args, "--db", str(bad)])
            if result.exit_code == 0:  # the command never read that page
                assert result.exception is None, (page, name, result.exception)
                continue
            assert result.exit_code == 3, (page, name, result.output, result.exception)
            line = one_line(result)
            assert line.startswith(f"newsfuse: {bad} is damaged"), (page, name, line)
            assert "restore it from a backup" in line
            failed[name].append(page)
    assert all(failed.values()), failed  # each command met the damage somewhere
