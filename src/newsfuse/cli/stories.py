"""``newsfuse stories``: the stories in the store, largest and most recent first."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsfuse.cli.common import DEFAULT_DB, DbOption, err, open_db
from newsfuse.model import Story
from newsfuse.serial import to_jsonable

JsonOption = Annotated[
    bool, typer.Option("--json", help="Print a JSON list of stories instead of a table.")
]
LimitOption = Annotated[
    int, typer.Option("--limit", "-n", min=0, help="Show at most N stories (0: all).")
]
_OUTLETS_SHOWN = 3


def stories_command(
    db: DbOption = DEFAULT_DB, json_: JsonOption = False, limit: LimitOption = 50
) -> None:
    """List the stories in the store: id, title, first and last date, outlets, size.

    Stories are listed largest first, then most recently updated. Give an id (or the start
    of one) to 'newsfuse report' to write that story's report.

    Exit status: 0; 1 when there is no store at --db; 3 when the file is not a usable store
    (not a newsfuse store, damaged, unreadable).
    """
    store = open_db(db, create=False)
    try:
        stories = store.stories()
    finally:
        store.close()
    shown = stories[:limit] if limit else stories
    if json_:
        typer.echo(json.dumps([to_jsonable(s) for s in shown], ensure_ascii=False, indent=2))
        return
    Console(highlight=False).print(_table(shown))
    more = len(stories) - len(shown)
    note = f"{len(stories)} stor{'y' if len(stories) == 1 else 'ies'} in {db}"
    err.print(note + (f"; {more} more not shown (--limit 0 shows all)" if more else ""))


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
