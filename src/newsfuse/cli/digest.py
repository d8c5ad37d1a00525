"""``newsfuse digest``: read articles, clean and group them, and write the story report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsfuse.cli.common import (
    EXIT_NOTHING,
    PROGRESS_FROM,
    PathsArg,
    QuietOption,
    err,
    print_rejections,
    progress_bar,
    reasons,
)
from newsfuse.cli.output import STORIES, ReportFolder
from newsfuse.ingest import load_paths
from newsfuse.model import Report
from newsfuse.pipeline import analyse_articles, clean_documents, story_reports

EXIT_NOTHING_READ = EXIT_NOTHING

OutOption = Annotated[
    Path, typer.Option("--out", "-o", help="Directory for report.json, report.md, report.html.")
]


def digest_command(
    paths: PathsArg, out: OutOption = Path("report"), quiet: QuietOption = False
) -> None:
    """Clean every article and write one report of the story (JSON, Markdown, HTML).

    Articles are grouped into stories first. The largest story's report goes into --out; if
    the inputs hold other stories, each gets its own report in --out/stories/STORY-ID/ and is
    listed. Nothing is stored: 'newsfuse ingest' keeps articles and stories between runs.

    Bad inputs (empty, binary, not an article, unreadable encoding, too large) are reported
    one line each and skipped; the rest are still processed.

    --out is checked before any work. The report is written to a temporary folder first and
    replaces what --out held only once complete; a run that reads no article writes nothing.

    Exit status: 0 when at least one article was read; 1 when none could be; 3 when --out
    cannot be written.
    """
    with ReportFolder.prepare(out, owned=(STORIES,)) as folder:  # before any work
        reports = _run(paths, show_progress=not quiet)
        main = reports[0]
        print_rejections(main.rejections)
        written: list[Path] = []
        if main.articles:  # with none, the report that was in --out stays
            folder.write(main)
            for other in reports[1:]:
                folder.write(other, f"{STORIES}/{other.story.id}")
            written = folder.commit()
    err.print(_summary(reports), markup=False)
    for other in reports[1:]:
        title = other.story.title or "(no title)"
        err.print(
            f"  also story {other.story.id}: {len(other.articles)} article(s), {title}",
            markup=False,
        )
    if not quiet:
        for path in written:
            typer.echo(f"wrote {path}")
    if not main.articles:
        raise typer.Exit(EXIT_NOTHING)


def _run(paths: list[str], *, show_progress: bool) -> tuple[Report, ...]:
    loaded = load_paths(paths)
    progress = progress_bar(enabled=show_progress and len(loaded.documents) >= PROGRESS_FROM)
    with progress:
        task = progress.add_task("cleaning", total=len(loaded.documents))
        articles, rejected = clean_documents(
            loaded.documents, progress=lambda _source: progress.advance(task)
        )
        progress.update(task, description="analysing", completed=0, total=len(articles))
        analysed = analyse_articles(
            articles, progress=lambda: progress.advance(task), infer_dates=False
        )
    return story_reports(analysed, loaded.rejections + rejected)


def _summary(reports: tuple[Report, ...]) -> str:
    rejections = reports[0].rejections
    articles = sum(len(r.articles) for r in reports)
    line = f"read {articles + len(rejections)} input(s): {articles} article(s)"
    if rejections:
        line += f", rejected {len(rejections)} ({reasons(rejections)})"
    if len(reports) > 1 and articles:
        line += f"; {len(reports)} stories, the largest ({len(reports[0].articles)}) in the report"
    return line
