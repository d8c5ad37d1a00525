"""Titles are one line: a JSONL ``title`` has no bound of its own (600 KB of "- - -" took a
minute and a gigabyte in the stages that read titles), so cleaning keeps at most
``MAX_TITLE_CHARS`` characters, cut at a word boundary, and says what it left out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsfuse.clean.metadata import MAX_TITLE_CHARS, bound_title
from newsfuse.ingest import load_paths
from newsfuse.model import Article
from newsfuse.pipeline import clean_documents

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "seeds"


def _one(tmp_path: Path, **fields: Any) -> Article:
    path = sorted(SEEDS.glob("*.txt"))[0]
    title, _, text = path.read_text(encoding="utf-8").partition("\n")
    record = {"title": title.strip(), "text": text.strip(), **fields}
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps(record) + "\n", encoding="utf-8")
    articles, rejections = clean_documents(load_paths([str(feed)]).documents)
    assert not rejections
    (article,) = articles
    return article


def test_a_huge_title_is_cut_at_a_word_boundary_and_the_cut_recorded(tmp_path: Path) -> None:
    title = "Bridge " + "- " * 300_000 + "opens"  # 600 KB
    article = _one(tmp_path, title=title)
    assert article.title is not None
    assert 0 < len(article.title) <= MAX_TITLE_CHARS
    assert title.startswith(article.title)
    assert title[len(article.title)].isspace()  # cut between words, not inside one
    (cut,) = [r for r in article.removed if r.reason == "long-title"]
    assert cut.text == title[len(article.title) :].strip() and cut.text.endswith("opens")
    assert cut.zone == "header" and f"{len(title):,}" in cut.detail
    (note,) = [n for n in article.notes if "title cut" in n]
    assert f"{MAX_TITLE_CHARS:,}" in note
    assert "no headline in the source" not in article.notes


def test_an_ordinary_title_is_kept_whole(tmp_path: Path) -> None:
    title = "Kessel bridge opens " * (MAX_TITLE_CHARS // 20 - 1) + "at last, say council"
    assert len(title) == MAX_TITLE_CHARS
    article = _one(tmp_path, title=title)
    assert article.title == title
    assert not [r for r in article.removed if r.reason == "long-title"]
    assert not [n for n in article.notes if "title cut" in n]


@pytest.mark.parametrize(
    ("title", "kept"),
    [
        ("x" * 5_000, "x" * MAX_TITLE_CHARS),  # no word boundary: cut at the limit
        ("Bridge" + " " * 100_000 + "opens", "Bridge"),
        (" " * 50 + "Bridge " * 1_000, ("Bridge " * 143).rstrip()),  # 1,000 exactly
        ("Bridge " + "-" * 2_000, "Bridge"),
    ],
)
def test_bound_title(title: str, kept: str) -> None:
    bounded, cut = bound_title(title)
    assert bounded == kept
    assert cut is not None and cut.reason == "long-title"
    assert len(bounded) + len(cut.text) <= len(title)
    assert bound_title("Short title") == ("Short title", None)
    assert bound_title(None) == (None, None)
