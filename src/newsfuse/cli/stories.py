"""``newsfuse stories``: the stories in the store, largest and most recent first."""

from __future__ import annotations

import json
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsfuse.cli.common import DEFAULT_DB, DbOption, err, open_db
from newsfuse.model import Story
from newsfuse.serial import encode_datetime, to_jsonable


class Format(StrEnum):
    table = "table"
    tsv = "tsv"
    json = "json"


TSV_COLUMNS = ("id", "title", "first_published", "last_published", "outlets", "articles")
FormatOption = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        help="table (for people), tsv (one story a line, with a header: id, title, "
        "first_published, last_published, outlets, articles) or json (a list of story objects).",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="The same as --format json.")]
LimitOption = Annotated[
    int, typer.Option("--limit", "-n", min=0, help="Show at most N stories (0: all).")
]


def parse_day(value: str | None, option: str) -> date | None:
    """The day an option gives (YYYY-MM-DD); anything else is a usage error."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        message = f"{value!r} is not a date: give YYYY-MM-DD"
        raise typer.BadParameter(message, param_hint=option) from None


SinceOption = Annotated[
    str | None,
    typer.Option(
        "--since",
        metavar="YYYY-MM-DD",
        help="Only stories with an article published on this day or later (its own day, in "
        "its own time zone).",
        show_default=False,
    ),
]
UntilOption = Annotated[
    str | None,
    typer.Option(
        "--until",
        metavar="YYYY-MM-DD",
        help="Only stories with an article published on this day or earlier.",
        show_default=False,
    ),
]
OutletOption = Annotated[
    list[str] | None,
    typer.Option(
        "--outlet",
        metavar="NAME",
        help="Only stories with an article from an outlet whose name contains NAME (any "
        "case); give it again for any of several.",
        show_default=False,
    ),
]
_OUTLETS_SHOWN = 3


def stories_command(
    db: DbOption = DEFAULT_DB,
    format_: FormatOption = Format.table,
    json_: JsonOption = False,
    since: SinceOption = None,
    until: UntilOption = None,
    outlet: OutletOption = None,
    limit: LimitOption = 50,
) -> None:
    """List the stories in the store: id, title, first and last date, outlets, size.

    Stories are listed largest first, then most recently updated. Give an id (or the start
    of one) to 'newsfuse report' to write that story's report. With --since, --until and
    --outlet, only the stories with an article that passes all of them are listed.

    Exit status: 0; 1 when there is no store at --db; 2 for a bad option (a date that is not
    YYYY-MM-DD); 3 when the file is not a usable store (not a newsfuse store, damaged,
    unreadable).
    """
    first, last = parse_day(since, "--since"), parse_day(until, "--until")
    if json_:
        format_ = Format.json
    filtered = first is not None or last is not None or bool(outlet)
    store = open_db(db, create=False)
    try:
        stories = store.stories(since=first, until=last, outlets=tuple(outlet or ()))
        total = store.story_count() if filtered else len(stories)
    finally:
        store.close()
    shown = stories[:limit] if limit else stories
    if format_ is Format.json:
        typer.echo(json.dumps([to_jsonable(s) for s in shown], ensure_ascii=False, indent=2))
    elif format_ is Format.tsv:
        typer.echo("\t".join(TSV_COLUMNS))
        for story in shown:
            typer.echo("\t".join(_tsv_row(story)))
    else:
        Console(highlight=False).print(_table(shown))
    err.print(_note(len(stories), len(shown), total, db, filtered=filtered), markup=False)


def _note(matching: int, shown: int, total: int, db: object, *, filtered: bool) -> str:
    """'3 stories in news.db', '1 story of 3 in news.db matches', and what --limit left out."""
    noun = "story" if matching == 1 else "stories"
    if filtered:
        note = f"{matching} {noun} of {total} in {db} {'matches' if matching == 1 else 'match'}"
    else:
        note = f"{total} {noun} in {db}"
    more = matching - shown
    return note + (f"; {more} more not shown (--limit 0 shows all)" if more else "")


def _tsv_row(story: Story) -> tuple[str, ...]:
    def clean(text: str | None) -> str:
        return " ".join((text or "").split())  # no tab or line break inside a cell

    return (
        story.id,
        clean(story.title),
        encode_datetime(story.first_published) if story.first_published else "",
        encode_datetime(story.last_published) if story.last_published else "",
        "; ".join(clean(o) for o in story.outlets),
        str(len(story.article_ids)),
    )


def _table(stories: tuple[Story, ...]) -> Table:
    table = Table(show_lines=False, header_style="bold")
    table.add_column("story", no_wrap=True)
    table.add_column("title", min_width=12)
    table.add_column("dates", no_wrap=True)
    table.add_column("outlets", min_width=8)
    table.add_column("size", justify="right", no_wrap=True)
    for story in stories:
        cells = (
            story.id,
            story.title or "(no title)",
            _dates(story.first_published, story.last_published),
            _outlets(story.outlets),
            str(len(story.article_ids)),
        )
        table.add_row(*(Text(cell) for cell in cells))  # Text: titles are not markup
    return table


def _dates(first: datetime | None, last: datetime | None) -> str:
    """ "2023-09-14 – 09-17": the first day in full, the last without what they share."""
    if first is None or last is None:
        return "-"
    start, end = first.date().isoformat(), last.date().isoformat()
    if start == end:
        return start
    return f"{start} – {end[5:] if start[:4] == end[:4] else end}"


def _outlets(outlets: tuple[str, ...]) -> str:
    if len(outlets) <= _OUTLETS_SHOWN:
        return ", ".join(outlets) or "-"
    return ", ".join(outlets[:_OUTLETS_SHOWN]) + f" +{len(outlets) - _OUTLETS_SHOWN}"
