"""``newsfuse digest``: read articles, clean them, and write the story report."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from newsfuse.ingest import load_paths
from newsfuse.model import Rejection, Report
from newsfuse.pipeline import analyse_articles, build_report, clean_documents
from newsfuse.render import write_report

EXIT_NOTHING_READ = 1

_err = Console(stderr=True, highlight=False, soft_wrap=True)


PathsArg = Annotated[
    list[str],
    typer.Argument(
        metavar="PATH...",
        help="Article files, directories (read recursively) or glob patterns. Plain-text "
        "articles, HTML pages and JSONL (one article per line: text or html, url, title, "
        "published, outlet) are recognised by their content.",
    ),
]
OutOption = Annotated[
    Path, typer.Option("--out", "-o", help="Directory for report.json, report.md, report.html.")
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Print only problems and totals.")]


def digest_command(
    paths: PathsArg, out: OutOption = Path("report"), quiet: QuietOption = False
) -> None:
    """Clean every article and write one report of the story (JSON, Markdown, HTML).

    Bad inputs (empty, binary, not an article, unreadable encoding, too large) are reported
    one line each and skipped; the rest are still processed. The exit status is 0 when at
    least one article was read, 1 when none could be.
    """
    report = _run(paths, show_progress=not quiet)
    for rejection in report.rejections:
        _err.print(f"newsfuse: rejected {rejection.source}: {rejection.message}", markup=False)
    written = write_report(report, out)
    _err.print(_summary(report), markup=False)
    if not quiet:
        for path in written.values():
            typer.echo(f"wrote {path}")
    if not report.articles:
        raise typer.Exit(EXIT_NOTHING_READ)


def _run(paths: list[str], *, show_progress: bool) -> Report:
    loaded = load_paths(paths)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=_err,
        transient=True,
        disable=not show_progress or len(loaded.documents) < 20,
    ) as progress:
        task = progress.add_task("cleaning", total=len(loaded.documents))
        articles, rejected = clean_documents(
            loaded.documents, progress=lambda _source: progress.advance(task)
        )
        progress.update(task, description="analysing", completed=0, total=len(articles))
        analysed = analyse_articles(articles, progress=lambda: progress.advance(task))
    return build_report(analysed, loaded.rejections + rejected)


def _summary(report: Report) -> str:
    total = len(report.articles) + len(report.rejections)
    line = f"read {total} input(s): {len(report.articles)} article(s)"
    if report.rejections:
        line += f", rejected {len(report.rejections)} ({_reasons(report.rejections)})"
    return line


def _reasons(rejections: tuple[Rejection, ...]) -> str:
    counts = Counter(r.reason for r in rejections)
    return ", ".join(f"{reason}: {n}" for reason, n in counts.most_common())
