"""``newsfuse digest``: read articles, clean and group them, and write the story report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsfuse.cli.common import (
    EXIT_NOTHING,
    PathsArg,
    ProgressOption,
    QuietOption,
    err,
    print_rejections,
    printable,
    progress_for,
    reasons,
)
from newsfuse.cli.output import STORIES, ReportFolder
from newsfuse.cli.progress import Progress, StoryStages
from newsfuse.ingest import load_paths
from newsfuse.model import Report
from newsfuse.pipeline import STORY_STAGES, analyse_articles, clean_documents, story_reports

EXIT_NOTHING_READ = EXIT_NOTHING

OutOption = Annotated[
    Path, typer.Option("--out", "-o", help="Directory for report.json, report.md, report.html.")
]


def digest_command(
    paths: PathsArg,
    out: OutOption = Path("report"),
    quiet: QuietOption = False,
    progress: ProgressOption = None,
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
        reports = _run(paths, progress_for(progress, quiet=quiet))
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
        title = printable(other.story.title or "(no title)")  # an article's words
        err.print(
            f"  also story {other.story.id}: {len(other.articles)} article(s), {title}",
            markup=False,
        )
    if not quiet:
        for path in written:
            typer.echo(f"wrote {path}")
    if not main.articles:
        raise typer.Exit(EXIT_NOTHING)


def _run(paths: list[str], progress: Progress) -> tuple[Report, ...]:
    """Every stage of a digest, each reporting its progress."""
    with progress:
        with progress.stage("reading", unit="files") as reading:
            loaded = load_paths(paths, on_file=lambda _path: reading.advance())
        with progress.stage("cleaning", len(loaded.documents), "documents") as cleaning:
            articles, rejected = clean_documents(
                loaded.documents, progress=lambda _source: cleaning.advance()
            )
        with progress.stage("analysing", len(articles), "articles") as analysing:
            analysed = analyse_articles(articles, progress=analysing.advance, infer_dates=False)
        stages = StoryStages(progress, len(analysed), STORY_STAGES)
        reports = story_reports(analysed, loaded.rejections + rejected, on_stage=stages)
        stages.done()
    return reports


def _summary(reports: tuple[Report, ...]) -> str:
    rejections = reports[0].rejections
    articles = sum(len(r.articles) for r in reports)
    line = f"read {articles + len(rejections)} input(s): {articles} article(s)"
    if rejections:
        line += f", rejected {len(rejections)} ({reasons(rejections)})"
    if len(reports) > 1 and articles:
        line += f"; {len(reports)} stories, the largest ({len(reports[0].articles)}) in the report"
    return line
