"""``newsfuse ingest``: add articles to the store and file each under a story."""

from __future__ import annotations

from typing import Annotated

import typer

from newsfuse.cli.common import (
    DEFAULT_DB,
    EXIT_INTERRUPTED,
    EXIT_NOTHING,
    PROGRESS_FROM,
    DbOption,
    PathsArg,
    QuietOption,
    err,
    fail,
    open_db,
    print_rejections,
    progress_bar,
    reasons,
)
from newsfuse.ingest import load_paths
from newsfuse.ingest_run import IngestTally, Outcome, ingest_documents

# Internal: skips the spaCy language layer (grouping then sees words only). For tests that
# must run ingest many times in a few seconds; not for real use, so not in --help.
NoLanguage = Annotated[bool, typer.Option("--no-language", hidden=True)]


def ingest_command(
    paths: PathsArg,
    db: DbOption = DEFAULT_DB,
    quiet: QuietOption = False,
    no_language: NoLanguage = False,
) -> None:
    """Add articles to the store and file each one under a story, incrementally.

    Inputs already in the store (same content) are skipped without being analysed again, so
    running ingest twice on the same files is harmless, and a run that was stopped (even
    killed) resumes where it stopped. Bad inputs are reported one line each and recorded;
    one rejected by an earlier run is counted as already rejected, not reported again.

    Exit status: 0 when every readable input is now in the store; 1 when no input could be
    read; 3 when the store cannot be used (its folder does not exist, not a newsfuse store,
    written by a newer newsfuse, damaged, the disk is full, or another ingest is writing to
    it); 130 when interrupted (run again to resume).
    """
    store = open_db(db, create=True)
    loaded = load_paths(paths)
    progress = progress_bar(enabled=not quiet and len(loaded.documents) >= PROGRESS_FROM)
    task = progress.add_task("ingesting", total=len(loaded.documents))

    def on_document(_outcome: Outcome, _source: str) -> None:
        progress.advance(task)

    try:
        with progress:
            tally = ingest_documents(
                loaded.documents,
                store,
                rejections=loaded.rejections,
                analyse=not no_language,
                on_document=on_document,
            )
        print_rejections(tally.rejections)
    except KeyboardInterrupt:
        raise fail(
            f"interrupted; {store.count()} article(s) are in {db}; run again to resume",
            EXIT_INTERRUPTED,
        ) from None
    finally:
        store.close()
    err.print(_summary(tally, db), markup=False)
    if tally.added + tally.stored == 0:
        raise typer.Exit(EXIT_NOTHING)


def _summary(tally: IngestTally, db: object) -> str:
    line = f"read {tally.total} input(s): {tally.added} added"
    line += f", {tally.stored} already stored" if tally.stored else ""
    line += f", {tally.rejected_before} already rejected" if tally.rejected_before else ""
    if tally.rejections:
        line += f", rejected {len(tally.rejections)} ({reasons(tally.rejections)})"
    return f"{line}; store {db}"
