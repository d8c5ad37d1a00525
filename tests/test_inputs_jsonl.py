"""JSONL and JSON records: the user's own fields are kept on the article and in the output, and
a ``published`` value that cannot be read is reported, not ignored."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newsfuse.cli.main import app
from newsfuse.ingest import load_paths
from newsfuse.ingest.jsonl import MAX_EXTRA_CHARS
from newsfuse.pipeline import clean_documents
from newsfuse.store import open_store
from newsfuse.store.codec import decode_article, encode_article

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "seeds"
runner = CliRunner()


def seed_record(index: int, **fields: Any) -> dict[str, Any]:
    """A seed article as a record: its first line the title, the rest the text."""
    path = sorted(SEEDS.glob("*.txt"))[index]
    title, _, text = path.read_text(encoding="utf-8").partition("\n")
    return {"title": title.strip(), "text": text.strip(), **fields}


def _feed(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def test_records_keep_their_own_fields(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps(seed_record(0, id="r-17", tags=["kremlin", "visit"], meta={"desk": "world"}))
        + "\n"
        # Python's reader takes NaN and huge integers; strict JSON has no NaN, and 64 bits end
        + json.dumps(seed_record(1, id=18, score=float("nan"), big=2**70, flag=True, x=None))
        + "\n",
        encoding="utf-8",
    )
    loaded = load_paths([str(feed)])
    articles, rejections = clean_documents(loaded.documents)
    assert rejections == ()
    first, second = articles
    assert first.extra == {"id": "r-17", "tags": ["kremlin", "visit"], "meta": {"desk": "world"}}
    assert list(first.extra) == ["id", "tags", "meta"]  # the record's order
    assert second.extra == {"id": 18, "score": None, "big": str(2**70), "flag": True, "x": None}
    # the fields newsfuse reads are not repeated there
    assert first.title and "title" not in first.extra and "text" not in first.extra
    # the store keeps them, and reads back articles stored before there was an extra field
    assert decode_article(encode_article(first)) == first
    old = json.loads(encode_article(first))
    del old["extra"]
    assert decode_article(json.dumps(old)).extra == {}


def test_extra_fields_are_bounded_and_what_is_left_out_is_named(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    big = "x" * MAX_EXTRA_CHARS
    feed = _feed(tmp_path / "feed.jsonl", [seed_record(0, id="r-1", dump=big, tag="kept")])
    with caplog.at_level(logging.WARNING):
        (article,), _ = clean_documents(load_paths([str(feed)]).documents)
    assert article.extra == {"id": "r-1", "tag": "kept"}
    note = next(n for n in article.notes if "left out" in n)
    assert "'dump'" in note and "10,000 characters" in note
    assert [r.getMessage() for r in caplog.records] == [f"newsfuse: warning: {feed}:1: {note}"]


@pytest.mark.parametrize(
    ("published", "dated"),
    [
        ("sometime last week", False),
        (1694771340, False),  # a Unix time: not a date newsfuse reads
        ("2023-09-15T11:09:00+01:00", True),
        ("Friday 15 September 2023 11:09 BST", True),
    ],
)
def test_a_published_value_that_cannot_be_read_is_reported(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, published: object, dated: bool
) -> None:
    record = seed_record(2, published=published)
    record["text"] = record["text"].replace("Published", "")  # no other date to fall back on
    feed = _feed(tmp_path / "feed.jsonl", [record])
    with caplog.at_level(logging.WARNING):
        (article,), _ = clean_documents(load_paths([str(feed)]).documents)
    warnings = [r.getMessage() for r in caplog.records]
    if dated:
        assert article.published is not None and warnings == []
        return
    assert article.published is None or "published field" not in article.published.basis
    note = f"the published value {str(published)!r} is not a date newsfuse can read"
    assert any(n.startswith(note) for n in article.notes)
    assert "no publication date in the source" not in article.notes
    assert len(warnings) == 1 and warnings[0].startswith(f"newsfuse: warning: {feed}:1: {note}")


def test_digest_and_ingest_show_extra_fields_and_warn_of_unreadable_dates(
    tmp_path: Path, schema_errors: Any
) -> None:
    feed = _feed(
        tmp_path / "feed.jsonl",
        [
            seed_record(0, id="r-17", tags=["kremlin"], published="2023-09-15T11:09:00+01:00"),
            seed_record(1, id="r-18", published="the day after tomorrow-ish"),
        ],
    )
    out = tmp_path / "report"
    # a real process: with no logging set up, Python prints a warning's message on stderr
    command = [sys.executable, "-m", "newsfuse", "digest", str(feed), "--out", str(out), "-q"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    (warning,) = [line for line in done.stderr.splitlines() if "warning" in line]
    assert warning.startswith(
        f"newsfuse: warning: {feed}:2: the published value 'the day after tomorrow-ish' is not "
        "a date newsfuse can read; the date comes from date line in the header"
    )
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert schema_errors(data) == []
    stories = [data] + [
        json.loads(p.read_text(encoding="utf-8")) for p in out.glob("stories/*/report.json")
    ]
    extra = {a["source"]: a["extra"] for story in stories for a in story["articles"]}
    assert extra == {f"{feed}:1": {"id": "r-17", "tags": ["kremlin"]}, f"{feed}:2": {"id": "r-18"}}

    db = tmp_path / "news.db"
    result = runner.invoke(app, ["ingest", str(feed), "--db", str(db), "--no-language", "-q"])
    assert result.exit_code == 0, result.output
    store = open_store(db, create=False)
    try:
        stored = {a.source: a.extra for a in store.articles()}
    finally:
        store.close()
    assert stored == extra


def test_a_text_given_as_a_list_of_paragraphs_is_read(tmp_path: Path) -> None:
    """Some news datasets store an article's body as its paragraphs; anything else that is
    not text is still a rejection naming the field."""
    record = seed_record(0)
    paragraphs = [p for p in record["text"].split("\n") if p.strip()]
    path = tmp_path / "paragraphs.jsonl"
    rows = [{**record, "text": paragraphs}, {**record, "text": [1, 2]}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    loaded = load_paths([str(path)])
    (document,) = loaded.documents
    assert document.content == "\n\n".join(p.strip() for p in paragraphs)
    (rejection,) = loaded.rejections
    assert "list of strings" in rejection.message
