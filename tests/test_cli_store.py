"""The store commands (ingest, stories, report) and digest over several stories."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsfuse.cli.main import app
from newsfuse.model import Article, Membership
from newsfuse.store import ArticleEntry
from newsfuse.store.sqlite import SQLiteStore

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "seeds"
DOCS = ROOT / "docs" / "cli.md"
COMMANDS = ("digest", "ingest", "stories", "report", "export")
runner = CliRunner()

QUAKE = (
    "A strong earthquake struck the coastal province of Valdoria early on Monday. Rescue teams "
    "searched collapsed buildings in the port city of Marenza. The seismology institute measured "
    "the tremor at magnitude seven. Hospitals in Marenza treated hundreds of injured residents."
)
CUP = (
    "Northbridge Rovers won the cup final after a dramatic penalty shootout. Goalkeeper Sami "
    "Okafor saved two penalties at the packed stadium. The striker Lucas Ferreira scored an "
    "equaliser in stoppage time. Fans celebrated in the streets of Northbridge until morning."
)


def two_stories(folder: Path) -> Path:
    """Two articles on an earthquake and one on a cup final."""
    folder.mkdir()
    (folder / "quake-a.txt").write_text(QUAKE + "\n\nReported by the Daily Courier.\n")
    (folder / "quake-b.txt").write_text(
        "Valdoria earthquake: Marenza hospitals overwhelmed\n\n" + QUAKE.replace("Monday", "Mon")
    )
    (folder / "cup.txt").write_text(CUP + "\n\nReported by the Evening Ledger.\n")
    return folder


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the five seed articles, ingested with the full language layer."""
    db = tmp_path_factory.mktemp("seeded") / "news.db"
    result = runner.invoke(app, ["ingest", str(SEEDS), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "read 5 input(s): 5 added; store" in result.stderr
    return db


def test_every_command_has_help_and_is_documented() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    for command in COMMANDS:
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0 and "Exit status" in result.output, command
        assert re.search(rf"^## `newsfuse {command}\b", docs, re.M), f"{command} not in cli.md"
    assert "--no-language" not in runner.invoke(app, ["ingest", "--help"]).output  # internal


def test_seeds_make_one_story_and_the_digest_report(seeded: Path, tmp_path: Path) -> None:
    again = runner.invoke(app, ["ingest", str(SEEDS), "--db", str(seeded), "-q"])
    assert again.exit_code == 0 and "0 added, 5 already stored" in again.stderr
    listed = runner.invoke(app, ["stories", "--db", str(seeded), "--json"])
    assert listed.exit_code == 0, listed.output
    (story,) = json.loads(listed.stdout)
    assert len(story["article_ids"]) == 5 and len(story["outlets"]) == 3

    stored, digested = tmp_path / "stored", tmp_path / "digested"
    result = runner.invoke(app, ["report", story["id"][:6], "--db", str(seeded), "-o", str(stored)])
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, ["digest", str(SEEDS), "-q", "-o", str(digested)]).exit_code == 0
    from_store = json.loads((stored / "report.json").read_text(encoding="utf-8"))
    from_digest = json.loads((digested / "report.json").read_text(encoding="utf-8"))
    assert from_store["story"]["id"] == story["id"]
    assert len(from_store["memberships"]) == 5
    assert all(m["story_id"] == story["id"] and m["reasons"] for m in from_store["memberships"])
    # The same report either way (the digest's also lists rejections: there are none here).
    assert from_store == from_digest


def test_stories_table(seeded: Path) -> None:
    result = runner.invoke(app, ["stories", "--db", str(seeded)])
    assert result.exit_code == 0
    assert "Kim" in result.stdout and "2023-09-1" in result.stdout
    assert "1 story in" in result.stderr


def test_unknown_and_ambiguous_story_ids(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    store = SQLiteStore(db)
    for n, story in enumerate(["abc1", "abc2", "b77"]):
        article = Article.from_text(f"a{n}", f"Article {n} about one thing or another.")
        store.add(ArticleEntry(article, "{}", (Membership(article.id, story, 1.0, ()),)))
    store.close()
    out = str(tmp_path / "out")
    unknown = runner.invoke(app, ["report", "zz", "--db", str(db), "-o", out])
    assert unknown.exit_code == 1
    assert unknown.stderr.strip().splitlines() == [
        f"newsfuse: no story 'zz' in {db}; 'newsfuse stories --db {db}' lists them"
    ]
    ambiguous = runner.invoke(app, ["report", "abc", "--db", str(db), "-o", out])
    assert ambiguous.exit_code == 1
    assert "'abc' is the start of 2 story ids (abc1, abc2); give more of it" in ambiguous.stderr
    assert runner.invoke(app, ["report", "B7", "--db", str(db), "-o", out]).exit_code == 0
    assert json.loads((tmp_path / "out" / "report.json").read_text())["story"]["id"] == "b77"


def test_store_problems_are_one_line_and_exit_codes(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["stories", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and "no store at" in missing.stderr
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database" * 200)
    for args in (["stories"], ["report", "abc"], ["ingest", str(SEEDS)]):
        result = runner.invoke(app, [*args, "--db", str(junk)])
        assert result.exit_code == 3, args
        assert result.stderr.count("\n") == 1 and "cannot use" in result.stderr
        assert "Traceback" not in result.output


def test_ingest_reports_rejections_and_nothing_read(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.bin").write_bytes(b"\x00\x01\x02\xff" * 100)
    db = str(tmp_path / "news.db")
    result = runner.invoke(
        app, ["ingest", str(tmp_path / "empty.txt"), "nowhere/*.txt", "--db", db]
    )
    assert result.exit_code == 1
    assert "read 2 input(s): 0 added, rejected 2" in result.stderr
    stories = two_stories(tmp_path / "in")
    args = ["ingest", str(stories), str(tmp_path / "blob.bin"), "--db", db, "--no-language"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("newsfuse: rejected")]
    assert len(lines) == 1 and "blob.bin" in lines[0]
    assert "read 4 input(s): 3 added, rejected 1 (binary: 1)" in result.stderr


def test_digest_of_several_stories_reports_each(tmp_path: Path) -> None:
    out = tmp_path / "report"
    result = runner.invoke(app, ["digest", str(two_stories(tmp_path / "in")), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert (
        "read 3 input(s): 3 article(s); 2 stories, the largest (2) in the report" in result.stderr
    )
    main = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert len(main["articles"]) == 2 and "earthquake" in main["articles"][0]["text"]
    (other,) = (out / "stories").iterdir()
    assert f"also story {other.name}: 1 article(s)" in result.stderr
    cup = json.loads((other / "report.json").read_text(encoding="utf-8"))
    assert cup["story"]["id"] == other.name and "Rovers" in cup["articles"][0]["text"]
