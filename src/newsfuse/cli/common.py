"""What the commands share: the stderr console, exit codes, options, the progress bar, the store.

Exit codes (documented in docs/cli.md):

- 0: done;
- 1: nothing to work on (no input could be read; no such story);
- 2: usage error (typer);
- 3: the store cannot be used (not a newsfuse store, a newer schema, another ingest writing);
- 130: interrupted (Ctrl-C); what was committed stays, run again to resume.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from newsfuse.model import Rejection
from newsfuse.store import Store, StoreError, open_store

EXIT_OK = 0
EXIT_NOTHING = 1
EXIT_STORE = 3
EXIT_INTERRUPTED = 130
PROGRESS_FROM = 20  # inputs; fewer finish before a bar would be worth drawing
DEFAULT_DB = Path("newsfuse.db")

err = Console(stderr=True, highlight=False, soft_wrap=True)

PathsArg = Annotated[
    list[str],
    typer.Argument(
        metavar="PATH...",
        help="Article files, directories (read recursively) or glob patterns. Plain-text "
        "articles, HTML pages and JSONL (one article per line: text or html, url, title, "
        "published, outlet) are recognised by their content.",
    ),
]
DbOption = Annotated[
    Path,
    typer.Option("--db", help="The store: one SQLite file (default newsfuse.db here)."),
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Print only problems and totals.")]


def fail(message: str, code: int) -> typer.Exit:
    """Print one ``newsfuse: ...`` line and return the Exit to raise."""
    err.print(f"newsfuse: {message}", markup=False)
    return typer.Exit(code)


def open_db(path: Path, *, create: bool) -> Store:
    try:
        return open_store(path, create=create)
    except StoreError as exc:
        raise fail(str(exc), EXIT_NOTHING if not path.exists() else EXIT_STORE) from None


def progress_bar(*, enabled: bool) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not enabled,
    )


def print_rejections(rejections: Iterable[Rejection]) -> None:
    for rejection in rejections:
        err.print(f"newsfuse: rejected {rejection.source}: {rejection.message}", markup=False)


def reasons(rejections: Iterable[Rejection]) -> str:
    counts = Counter(r.reason for r in rejections)
    return ", ".join(f"{reason}: {n}" for reason, n in counts.most_common())
