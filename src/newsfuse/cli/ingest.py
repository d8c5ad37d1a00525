"""``newsfuse ingest``: add articles to the store and file each under a story."""

from __future__ import annotations

from typing import Annotated

import typer

from newsfuse.cli.common import (
    DEFAULT_DB,
    EXIT_INTERRUPTED,
    EXIT_NOTHING,
    DbOption,
    PathsArg,
    ProgressOption,
    QuietOption,
    err,
    fail,
    open_db,
    print_rejections,
    progress_for,
    reasons,
)
from newsfuse.cli.progress import Progress, Stage
from newsfuse.ingest import load_paths
from newsfuse.ingest_run import IngestTally, Outcome, ingest_documents

# Internal: skips the spaCy language layer (grouping then sees words only). For tests that
# must run ingest many times in a few seconds; not for real use, so not in --help.
NoLanguage = Annotated[bool, typer.Option("--no-language", hidden=True)]


def ingest_command(
    paths: PathsArg,
    db: DbOption = DEFAULT_DB,
    quiet: QuietOption = False,
    progress: ProgressOption = None,
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
    try:
        stages = _IngestStages(progress_for(progress, quiet=quiet), stored=store.count())
        with stages.progress:
            with stages.progress.stage("reading", unit="files") as reading:
                loaded = load_paths(paths, on_file=lambda _path: reading.advance())
            stages.documents = len(loaded.documents)
            tally = ingest_documents(
                loaded.documents,
                store,
                rejections=loaded.rejections,
                analyse=not no_language,
                on_document=stages.document,
                on_restore=stages.restored,
                on_ready=stages.ready,
            )
            stages.done()
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


class _IngestStages:
    """Progress of an ingest: restoring the stored stories, then ingesting the inputs."""

    def __init__(self, progress: Progress, *, stored: int) -> None:
        self.progress = progress
        self.stored = stored
        self.documents = 0
        self._stage: Stage | None = None

    def restored(self) -> None:
        if self._stage is None:
            self._stage = self.progress.stage("restoring stories", self.stored, "articles")
        self._stage.advance()

    def ready(self) -> None:
        self.done()
        self._stage = self.progress.stage("ingesting", self.documents, "inputs")

    def document(self, _outcome: Outcome, _source: str) -> None:
        if self._stage is not None:
            self._stage.advance()

    def done(self) -> None:
        if self._stage is not None:
            self._stage.done()


def _summary(tally: IngestTally, db: object) -> str:
    line = f"read {tally.total} input(s): {tally.added} added"
    line += f", {tally.stored} already stored" if tally.stored else ""
    line += f", {tally.rejected_before} already rejected" if tally.rejected_before else ""
    if tally.rejections:
        line += f", rejected {len(tally.rejections)} ({reasons(tally.rejections)})"
    return f"{line}; store {db}"
