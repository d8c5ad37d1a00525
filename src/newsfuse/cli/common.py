"""What the commands share: the stderr console, exit codes, options, the progress bar, the store.

Exit codes (documented in docs/cli.md):

- 0: done;
- 1: nothing to work on (no input could be read; no such story);
- 2: usage error (typer);
- 3: the store cannot be used (not a newsfuse store, a newer schema, another ingest writing,
  a full disk, a damaged file), or --out cannot be written (``cli.output``);
- 130: interrupted (Ctrl-C); what was committed stays, run again to resume.

``guarded`` wraps every command so that a ``StoreError`` raised anywhere in it is one line and
exit status 3 (``StoreMissing``: 1), never a traceback.

A line that names an input or a path (``fail``, ``print_rejections``) is shown ``printable``:
control characters escaped as Python writes them (``\\n``, ``\\r``, ``\\x1b``), so that a file
name cannot split its line, rewrite the terminal or lose a character on the way.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console

from newsfuse.cli.progress import Progress
from newsfuse.ingest.sources import source_name
from newsfuse.model import Rejection
from newsfuse.store import Store, StoreError, StoreMissing, open_store

EXIT_OK = 0
EXIT_NOTHING = 1
EXIT_STORE = 3
EXIT_INTERRUPTED = 130
DEFAULT_DB = Path("newsfuse.db")

err = Console(stderr=True, highlight=False, soft_wrap=True)
# What a terminal or a log reader acts on rather than shows: C0 and C1 controls and DEL (line
# breaks, escape sequences), Unicode's line and paragraph separators, bidirectional controls.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
F = TypeVar("F", bound=Callable[..., Any])

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
ProgressOption = Annotated[
    bool | None,
    typer.Option(
        "--progress/--no-progress",
        help="Show each long stage's progress, rate and time left on stderr (default: a bar "
        "when stderr is a terminal and not --quiet; --progress elsewhere prints plain lines).",
        show_default=False,
    ),
]


def printable(text: str) -> str:
    """``text`` as one line that shows every character: controls escaped (``\\n``, ``\\x1b``,
    ``\\u202e``), and a file name's undecodable bytes too (``\\xe9``)."""
    return _UNPRINTABLE.sub(lambda m: repr(m[0])[1:-1], source_name(text))


def fail(message: str, code: int) -> typer.Exit:
    """Print one ``newsfuse: ...`` line and return the Exit to raise."""
    err.print(f"newsfuse: {printable(message)}", markup=False)
    return typer.Exit(code)


def guarded(command: F) -> F:
    """``command`` with store errors turned into one line and their exit status."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except StoreMissing as exc:
            raise fail(str(exc), EXIT_NOTHING) from None
        except StoreError as exc:
            raise fail(str(exc), EXIT_STORE) from None

    return run  # type: ignore[return-value]


def open_db(path: Path, *, create: bool) -> Store:
    """The store at ``path``; exit 1 if there is none (and none is to be created), else 3."""
    try:
        return open_store(path, create=create)
    except StoreMissing as exc:
        raise fail(str(exc), EXIT_NOTHING) from None
    except StoreError as exc:
        raise fail(str(exc), EXIT_STORE) from None


def progress_for(asked: bool | None, *, quiet: bool) -> Progress:
    """The progress display a command's options ask for, on stderr."""
    return Progress.choose(err, asked=asked, quiet=quiet)


def print_rejections(rejections: Iterable[Rejection]) -> None:
    for rejection in rejections:
        line = f"newsfuse: rejected {rejection.source}: {rejection.message}"
        err.print(printable(line), markup=False)


def reasons(rejections: Iterable[Rejection]) -> str:
    counts = Counter(r.reason for r in rejections)
    return ", ".join(f"{reason}: {n}" for reason, n in counts.most_common())
