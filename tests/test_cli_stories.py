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
