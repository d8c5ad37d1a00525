"""Many inputs: the work grows linearly with them, and every one ends as an article or a
rejection. Speed itself is measured by running the command, not asserted here."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newsfuse.clean import crossdoc
from newsfuse.clean.blocks import split_blocks
from newsfuse.clean.crossdoc import find_shared_lines
from newsfuse.cli.main import app
from newsfuse.ingest import load_paths
from newsfuse.pipeline import clean_documents

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "seeds"
runner = CliRunner()
FURNITURE = ("Sign up to our morning briefing", "Follow the Kessel Courier on Bluesky")


def _sentences() -> list[str]:
    """Real news paragraphs: the seed articles' story text, once cleaned."""
    loaded = load_paths([str(SEEDS)])
    articles, _ = clean_documents(loaded.documents)
    paragraphs = [p.of(a.text) for a in articles for p in a.paragraphs]
    return [paragraph for paragraph in paragraphs if len(paragraph.split()) >= 12]


def _outlet_articles(count: int) -> list[str]:
    """``count`` articles of one outlet: two real paragraphs each, and its furniture."""
    body = _sentences()
    return [
        "\n\n".join(
            [f"Update {n}: {body[n % len(body)]}", body[(n * 7 + 3) % len(body)], *FURNITURE]
        )
        for n in range(count)
    ]


def test_articles_are_compared_only_with_a_few_that_print_the_same_lines(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Every pair of articles was compared: a JSON array of 100,000 records would have taken
    # days. Now an article is compared only with articles that print one of its lines, and
    # for a line that many print, with the nearest of them.
    compared = 0
    overlap = crossdoc._overlap

    def counting(*args: Any) -> float:
        nonlocal compared
        compared += 1
        return overlap(*args)

    monkeypatch.setattr(crossdoc, "_overlap", counting)
    count = 2_000
    wire = "\n\n".join([*_sentences()[:6], "What happens next"])  # 40 outlets print it whole
    texts = _outlet_articles(count) + [f"{wire}\n\nPrinted by paper {n}" for n in range(40)]
    shared = find_shared_lines([split_blocks(text) for text in texts])
    assert compared <= 64 * len(texts)  # linear; every pair would be 2,079,780
    furniture = frozenset(line.casefold() for line in FURNITURE)
    assert all(found == furniture for found in shared.by_article[:count])
    assert shared.outlet_groups == (frozenset(range(count)),)
    assert all(found == frozenset() for found in shared.by_article[count:])  # copies keep it


def test_every_one_of_many_short_records_is_rejected_on_its_own(tmp_path: Path) -> None:
    count = 3_000
    records = [{"title": f"Note {n}", "text": f"Kessel bridge note {n}."} for n in range(count)]
    path = tmp_path / "records.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    loaded = load_paths([str(path)])
    assert len(loaded.documents) == count
    articles, rejections = clean_documents(loaded.documents)
    assert articles == ()
    assert sorted(r.source for r in rejections) == sorted(f"{path}[{n}]" for n in range(count))
    assert {r.reason for r in rejections} == {"not-article"}


def test_many_one_word_lines_and_many_records_in_one_digest(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    words = ("bridge", "harbour", "tide", "steel", "crane", "ferry", "toll", "deck", "pier")
    lines = [words[(n * n + 3 * n) % len(words)] for n in range(5_000)]
    (inputs / "one-word-lines.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    feed = [{"text": text, "outlet": "Kessel Courier"} for text in _outlet_articles(40)]
    (inputs / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in feed), encoding="utf-8")
    result = runner.invoke(app, ["digest", str(inputs), "--out", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert "read 41 input(s): 41 article(s)" in result.stderr
    data = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    stories = [data] + [
        json.loads(path.read_text(encoding="utf-8"))
        for path in (tmp_path / "out" / "stories").glob("*/report.json")
    ]
    articles = [a for story in stories for a in story["articles"]]
    assert len(articles) == 41
    for article in articles:
        assert "Bluesky" not in article["text"]
