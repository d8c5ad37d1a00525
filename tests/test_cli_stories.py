"""``newsfuse stories``: dates as the articles state them, output formats, and filters."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newsfuse.cli.main import app

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
# Two London outlets date the quake by day only (midnight in London is 23:00 UTC the day
# before); a New York outlet dates the cup final by day (midnight there is 04:00 UTC).
RECORDS: list[dict[str, Any]] = [
    {
        "text": QUAKE,
        "title": "Earthquake strikes Valdoria",
        "outlet": "The Guardian",
        "url": "https://www.theguardian.com/world/2012/jun/02/valdoria-earthquake",
        "published": "2012-06-02",
    },
    {
        "text": QUAKE.replace("Monday", "Mon") + " Aid agencies flew in tents.",
        "title": "Valdoria quake: aid arrives",
        "outlet": "The Independent",
        "url": "https://www.independent.co.uk/news/world/valdoria-quake",
        "published": "2012-06-03",
    },
    {
        "text": CUP,
        "title": "Rovers win the cup on penalties",
        "outlet": "The New York Times",
        "url": "https://www.nytimes.com/2012/07/01/sports/rovers-cup.html",
        "published": "2012-07-01",
    },
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("stories")
    feed = folder / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n", encoding="utf-8")
    db = folder / "news.db"
    result = runner.invoke(app, ["ingest", str(feed), "--db", str(db), "--no-language", "-q"])
    assert result.exit_code == 0, result.output
    return db


def stories(db: Path, *args: str) -> Any:
    result = runner.invoke(app, ["stories", "--db", str(db), *args])
    assert result.exit_code == 0, result.output
    return result


def test_day_dates_are_the_articles_own_days(store: Path, tmp_path: Path) -> None:
    table = stories(store).stdout
    assert "2012-06-02 – 06-03" in table  # was 2012-06-01 – 06-02: the UTC day of midnight
    assert "2012-07-01" in table
    listed = json.loads(stories(store, "--json").stdout)
    quake = next(s for s in listed if len(s["article_ids"]) == 2)
    assert quake["first_published"] == "2012-06-02T00:00:00+01:00"
    assert quake["last_published"] == "2012-06-03T00:00:00+01:00"
    # The same story object as report.json has.
    out = tmp_path / "report"
    result = runner.invoke(app, ["report", quake["id"], "--db", str(store), "-q", "-o", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["story"] == quake


# -- formats and filters --------------------------------------------------------------------------

FLOOD = (
    "The river Aller burst its banks after a week of heavy rain. Firefighters evacuated two "
    "villages near the old mill and the main road to Brenham was closed. The water authority "
    "warned that levels would keep rising overnight. Volunteers filled sandbags in the square."
)
UNDATED = {"text": FLOOD, "title": "River Aller floods villages", "outlet": "Aller Herald"}


@pytest.fixture(scope="module")
def four(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The quake (two London articles, 2 and 3 June), the cup final (New York, 1 July) and an
    undated flood story."""
    folder = tmp_path_factory.mktemp("four")
    feed = folder / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in [*RECORDS, UNDATED]) + "\n")
    db = folder / "news.db"
    result = runner.invoke(app, ["ingest", str(feed), "--db", str(db), "--no-language", "-q"])
    assert result.exit_code == 0, result.output
    return db


def titles(db: Path, *args: str) -> list[str]:
    """The titles ``stories --format json`` lists with these filters."""
    return [s["title"] for s in json.loads(stories(db, "--format", "json", *args).stdout)]


def test_formats(four: Path) -> None:
    listed = json.loads(stories(four, "--json").stdout)
    assert json.loads(stories(four, "--format", "json").stdout) == listed
    rows = [line.split("\t") for line in stories(four, "--format", "tsv").stdout.splitlines()]
    assert rows[0] == ["id", "title", "first_published", "last_published", "outlets", "articles"]
    assert rows[1:] == [
        [
            s["id"],
            s["title"],
            s["first_published"] or "",
            s["last_published"] or "",
            "; ".join(s["outlets"]),
            str(len(s["article_ids"])),
        ]
        for s in listed
    ]
    assert rows[1][1:4] == [
        "Earthquake strikes Valdoria",
        "2012-06-02T00:00:00+01:00",
        "2012-06-03T00:00:00+01:00",
    ]
    table = stories(four, "--format", "table").stdout
    assert "River Aller" in table and "Rovers" in table and "\t" not in table
    result = runner.invoke(app, ["stories", "--db", str(four), "--format", "xml"])
    assert result.exit_code == 2


def test_date_filters_use_the_articles_own_days(four: Path) -> None:
    quake, cup = "Earthquake strikes Valdoria", "Rovers win the cup on penalties"
    assert titles(four) == [quake, cup, "River Aller floods villages"]
    assert titles(four, "--since", "2012-06-03") == [quake, cup]  # undated: never in a range
    assert titles(four, "--since", "2012-06-04") == [cup]
    assert titles(four, "--until", "2012-06-02") == [quake]
    assert titles(four, "--until", "2012-06-01") == []  # the UTC day of the 2 June article
    assert titles(four, "--since", "2012-06-03", "--until", "2012-06-03") == [quake]
    assert titles(four, "--since", "2012-07-01", "--until", "2012-07-01") == [cup]


def test_outlet_filter_and_combined(four: Path) -> None:
    quake, flood = "Earthquake strikes Valdoria", "River Aller floods villages"
    assert titles(four, "--outlet", "guardian") == [quake]  # any part of the name, any case
    assert titles(four, "--outlet", "GUARDIAN", "--outlet", "herald") == [quake, flood]
    assert titles(four, "--outlet", "Le Monde") == []
    # One article must match every filter: the Guardian's is of 2 June, not 3 June.
    assert titles(four, "--outlet", "guardian", "--since", "2012-06-03") == []
    assert titles(four, "--outlet", "independent", "--since", "2012-06-03") == [quake]
    result = stories(four, "--outlet", "guardian")
    assert result.stderr.strip() == f"1 story of 3 in {four} matches"


def test_a_bad_date_is_a_usage_error(four: Path) -> None:
    result = runner.invoke(app, ["stories", "--db", str(four), "--since", "last week"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output
