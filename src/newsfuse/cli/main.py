"""The ``newsfuse`` command. Each subcommand is a thin layer over one library function."""

from __future__ import annotations

import typer

from newsfuse import __version__
from newsfuse.cli.digest import digest_command

app = typer.Typer(
    name="newsfuse",
    help=(
        "Read one news story through every outlet at once.\n\n"
        "Give newsfuse the articles several outlets wrote about one story (text files, HTML "
        "pages or JSONL) and it writes one report: clean text and metadata for each article, "
        "and what was removed from each and why."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newsfuse {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Read one news story through every outlet at once."""


app.command("digest")(digest_command)
