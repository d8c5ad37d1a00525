"""``newsfuse report``: write one stored story's report (JSON, Markdown, HTML)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsfuse.cli.common import (
    DEFAULT_DB,
    EXIT_NOTHING,
    DbOption,
    ProgressOption,
    QuietOption,
    err,
    fail,
    open_db,
    progress_for,
)
from newsfuse.cli.output import ReportFolder
from newsfuse.cli.progress import StoryStages
from newsfuse.pipeline import STORY_STAGES, stored_report
from newsfuse.store import Store

StoryArg = Annotated[
    str,
    typer.Argument(
        metavar="STORY",
        help="A story id from 'newsfuse stories', or enough of its start to be unique.",
    ),
]
OutOption = Annotated[
    Path, typer.Option("--out", "-o", help="Directory for report.json, report.md, report.html.")
]


def report_command(
    story: StoryArg,
    db: DbOption = DEFAULT_DB,
    out: OutOption = Path("report"),
    quiet: QuietOption = False,
    progress: ProgressOption = None,
) -> None:
    """Write the report of one story in the store (JSON, Markdown, HTML).

    The report covers the story's articles as stored, with why each belongs to the story and
    which of them are copies of one another.

    Exit status: 0 when written; 1 when no story (or more than one) matches STORY, or there
    is no store at --db; 3 when the file is not a usable store (not a newsfuse store,
    damaged, unreadable) or --out cannot be written (checked before any work).
    """
    with ReportFolder.prepare(out) as folder:  # before any work
        store = open_db(db, create=False)
        try:
            story_id = resolve_story(store, story, db)
            shown = progress_for(progress, quiet=quiet)
            with shown:
                stages = StoryStages(shown, len(store.memberships(story_id)), STORY_STAGES)
                report = stored_report(store, story_id, on_stage=stages)
                stages.done()
        finally:
            store.close()
        folder.write(report)
        written = folder.commit()
    err.print(
        f"story {story_id}: {len(report.articles)} article(s), "
        f"{len(report.story.outlets)} outlet(s)",
        markup=False,
    )
    if not quiet:
        for path in written:
            typer.echo(f"wrote {path}")


def resolve_story(store: Store, given: str, db: Path) -> str:
    """The one story id that is ``given`` or starts with it; otherwise a one-line error."""
    given = given.strip().lower()
    if given and store.story(given) is not None:
        return given
    matches = store.story_ids(given) if given else ()
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise fail(
            f"no story {given!r} in {db}; 'newsfuse stories --db {db}' lists them", EXIT_NOTHING
        )
    shown = ", ".join(matches[:3]) + (", ..." if len(matches) > 3 else "")
    raise fail(
        f"{given!r} is the start of {len(matches)} story ids ({shown}); give more of it",
        EXIT_NOTHING,
    )
