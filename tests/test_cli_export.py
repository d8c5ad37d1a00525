"""``newsfuse export``: a store's stories, articles and facts as JSON Lines and CSV, equal to
what ``stories --json`` and ``report`` say of them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newsfuse.cli.main import app

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "seeds"
runner = CliRunner()

QUAKE = (
    "A strong earthquake struck the coastal province of Valdoria early on Monday. Rescue teams "
    "searched collapsed buildings in the port city of Marenza. The seismology institute measured "
    "the tremor at magnitude seven. Hospitals in Marenza treated hundreds of injured residents."
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed articles (one story, analysed with the language layer) and a quake story."""
    folder = tmp_path_factory.mktemp("export")
    record = {"text": QUAKE, "title": "Earthquake strikes Valdoria", "outlet": "Daily Courier"}
    (folder / "quake.jsonl").write_text(json.dumps(record) + "\n")
    db = folder / "news.db"
    result = runner.invoke(
        app, ["ingest", str(SEEDS), str(folder / "quake.jsonl"), "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    return db


def export(db: Path, *args: str, code: int = 0) -> Any:
    result = runner.invoke(app, ["export", *args, "--db", str(db)])
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result


def jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def listed(db: Path) -> list[dict[str, Any]]:
    result = runner.invoke(app, ["stories", "--db", str(db), "--json"])
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_stories(store: Path) -> None:
    stories = listed(store)
    assert len(stories) == 2
    result = export(store, "stories")
    assert jsonl(result.stdout) == stories
    assert result.stderr.strip() == f"exported 2 stories of 2 stories from {store}"
    table = rows(export(store, "stories", "--format", "csv").stdout)
    assert [r["id"] for r in table] == [s["id"] for s in stories]
    first = table[0]
    assert first["outlets"] == "; ".join(stories[0]["outlets"])
    assert first["articles"] == "5" and first["article_ids"] == " ".join(stories[0]["article_ids"])
    assert first["first_published"] == stories[0]["first_published"]


def test_articles(store: Path) -> None:
    stories = listed(store)
    records = jsonl(export(store, "articles").stdout)
    assert [(r["story_id"], r["id"]) for r in records] == [
        (s["id"], a) for s in stories for a in s["article_ids"]
    ]
    assert all(r["text"] and r["sentences"] for r in records)  # the whole stored article
    table = rows(export(store, "articles", "--format", "csv").stdout)
    assert [r["id"] for r in table] == [r["id"] for r in records]
    assert [r["text"] for r in table] == [r["text"] for r in records]  # line breaks kept
    assert table[0]["words"] == str(len(records[0]["text"].split()))
    assert table[0]["outlet"] == (records[0]["outlet"] or {}).get("name", "")


def test_facts_are_the_reports(store: Path, tmp_path: Path) -> None:
    seeds = listed(store)[0]
    out = tmp_path / "report"
    args = ["report", seeds["id"], "--db", str(store), "-o", str(out), "-q"]
    assert runner.invoke(app, args).exit_code == 0
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["facts"], "the seeds share facts"
    result = export(store, "facts", "--story", seeds["id"][:8])
    records = jsonl(result.stdout)
    assert result.stderr.strip() == f"exported {len(records)} facts of 1 story from {store}"
    texts = {a["id"]: a["text"] for a in report["articles"]}
    for record, fact in zip(records, report["facts"], strict=True):
        assert record.pop("story_id") == seeds["id"]
        claim_texts = record.pop("claim_texts")
        assert record == fact
        for claim, said in zip(fact["claims"], claim_texts, strict=True):
            if claim["field"] == "text":
                span = claim["span"]
                assert said == texts[claim["article_id"]][span["start"] : span["end"]]
    table = rows(export(store, "facts", "--story", seeds["id"], "--format", "csv").stdout)
    assert [r["id"] for r in table] == [f["id"] for f in report["facts"]]
    assert table[0]["supporting_articles"] == "; ".join(report["facts"][0]["supporting_articles"])
    # Every story's facts: the seeds' and the quake's (one article: nothing shared).
    every = jsonl(export(store, "facts").stdout)
    assert [r["id"] for r in every if r["story_id"] == seeds["id"]] == [r["id"] for r in table]


def test_filters_and_out(store: Path, tmp_path: Path) -> None:
    quake = jsonl(export(store, "stories", "--outlet", "courier").stdout)
    assert [s["title"] for s in quake] == ["Earthquake strikes Valdoria"]
    out = tmp_path / "articles.csv"
    result = export(store, "articles", "--format", "csv", "--out", str(out))
    assert result.stdout == "" and f"to {out}" in result.stderr
    assert len(rows(out.read_text(encoding="utf-8"))) == 6
    assert [p.name for p in tmp_path.iterdir()] == ["articles.csv"]  # no temporary file left


def test_problems_are_one_line(store: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = export(store, "facts", "--out", str(blocker / "facts.jsonl"), code=3)
    assert result.stderr.strip() == (
        f"newsfuse: cannot write the export to {blocker / 'facts.jsonl'}: {blocker} is not a"
        " folder; give another --out"
    )
    assert "no story 'zz'" in export(store, "facts", "--story", "zz", code=1).stderr
    missing = tmp_path / "none.db"
    assert "no store at" in export(missing, "stories", code=1).stderr
    assert export(store, "everything", code=2).exit_code == 2
