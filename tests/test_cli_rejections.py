"""``ingest`` records every rejected input in the store, those found while loading too (empty,
binary, encoding, bad JSON, not found, too large, too short), and a rejected input given again
is reported as already known, not rejected twice."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsfuse.cli.main import app
from newsfuse.ingest.loader import DEFAULT_MAX_BYTES
from newsfuse.store import open_store

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "seeds"
runner = CliRunner()
QUAKE = (
    "A strong earthquake struck the coastal province of Valdoria early on Monday. Rescue teams "
    "searched collapsed buildings in the port city of Marenza. The seismology institute measured "
    "the tremor at magnitude seven. Hospitals in Marenza treated hundreds of injured residents."
)


def bad_inputs(folder: Path) -> dict[str, str]:
    """One input of each kind the loader refuses: {source: reason}."""
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blob.bin").write_bytes(b"\x00\x01\x02\xff" * 100)
    (folder / "bom.txt").write_bytes(codecs.BOM_UTF8 + b"caf\xe9 au lait " * 40)
    (folder / "short.txt").write_text("Only a handful of words, and no article.\n")
    with (folder / "huge.txt").open("wb") as huge:  # sparse: stat says 21 MB, disk holds none
        huge.truncate(DEFAULT_MAX_BYTES + 1024 * 1024)
    lines = [json.dumps({"text": QUAKE, "outlet": "Wire"}), "{not json"]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n")
    return {
        str(folder / "empty.txt"): "empty",
        str(folder / "blob.bin"): "binary",
        str(folder / "bom.txt"): "encoding",
        str(folder / "short.txt"): "not-article",
        str(folder / "huge.txt"): "too-large",
        f"{folder / 'feed.jsonl'}:2": "bad-json",
        str(folder / "missing.txt"): "not-found",
    }


def ingest(db: Path, *paths: str) -> tuple[int, list[str], str]:
    """Exit code, the 'rejected' lines, and the totals line of one ingest."""
    result = runner.invoke(app, ["ingest", *paths, "--db", str(db), "--no-language", "-q"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    lines = result.stderr.splitlines()
    rejected = [line for line in lines if line.startswith("newsfuse: rejected")]
    return result.exit_code, rejected, lines[-1]


def recorded(db: Path) -> dict[str, str]:
    store = open_store(db, create=False)
    try:
        return {r.source: r.reason for r in store.rejections()}
    finally:
        store.close()


@pytest.fixture
def inputs(tmp_path: Path) -> tuple[list[str], dict[str, str]]:
    bad = bad_inputs(tmp_path / "bad")
    paths = [str(SEEDS), *(str(tmp_path / "bad" / name) for name in sorted(bad_names(bad)))]
    return paths, bad


def bad_names(bad: dict[str, str]) -> set[str]:
    return {Path(source.rsplit(":", 1)[0]).name for source in bad}


def test_every_rejection_is_recorded_and_known_the_next_time(
    inputs: tuple[list[str], dict[str, str]], tmp_path: Path
) -> None:
    paths, bad = inputs
    db = tmp_path / "news.db"
    code, rejected, totals = ingest(db, *paths)
    assert code == 0
    assert len(rejected) == len(bad) == 7
    assert totals.startswith("read 13 input(s): 6 added, rejected 7 (")
    assert recorded(db) == bad  # every one, with its reason

    code, rejected, totals = ingest(db, *paths)
    assert code == 0
    assert rejected == []  # known: not reported as rejected again
    assert totals == f"read 13 input(s): 0 added, 6 already stored, 7 already rejected; store {db}"
    assert recorded(db) == bad


def test_a_run_of_bad_inputs_alone_records_them(
    inputs: tuple[list[str], dict[str, str]], tmp_path: Path
) -> None:
    paths, bad = inputs
    paths = [p for p in paths[1:] if not p.endswith(".jsonl")]  # its first line is an article
    bad = {source: reason for source, reason in bad.items() if reason != "bad-json"}
    db = tmp_path / "news.db"
    code, rejected, totals = ingest(db, *paths)
    assert code == 1  # no input could be read
    assert len(rejected) == 6 and totals.startswith("read 6 input(s): 0 added, rejected 6 (")
    assert recorded(db) == bad
    code, rejected, totals = ingest(db, *paths)
    assert code == 1 and rejected == []
    assert totals == f"read 6 input(s): 0 added, 6 already rejected; store {db}"


def test_a_rejection_found_while_cleaning_is_known_as_rejected(tmp_path: Path) -> None:
    """An input the loader reads but cleaning refuses (recorded with its content hash)."""
    folder = tmp_path / "in"
    folder.mkdir()
    page = "<html><head><title>Nothing</title></head><body><nav>Home</nav></body></html>"
    (folder / "page.html").write_text(page)
    db = tmp_path / "news.db"
    code, rejected, totals = ingest(db, str(folder))
    assert code == 1 and len(rejected) == 1 and "rejected 1 (" in totals
    code, rejected, totals = ingest(db, str(folder))
    assert rejected == [] and totals == f"read 1 input(s): 0 added, 1 already rejected; store {db}"
