"""The ``newsfuse`` command. Each subcommand is a thin layer over one library function."""

from __future__ import annotations

import typer

from newsfuse import __version__
from newsfuse.cli.common import guarded
from newsfuse.cli.digest import digest_command
from newsfuse.cli.export import export_command
from newsfuse.cli.ingest import ingest_command
from newsfuse.cli.report import report_command
from newsfuse.cli.stories import stories_command

app = typer.Typer(
    name="newsfuse",
    help=(
        "Read one news story through every outlet at once.\n\n"
        "Give newsfuse the articles several outlets wrote (text files, HTML pages or JSONL). "
        "'digest' writes the report of the story they tell in one go. For a stream, 'ingest' "
        "adds articles to a store (one SQLite file) and files each under a story, 'stories' "
        "lists the stories, 'report' writes one story's report, and 'export' writes the "
        "stories, articles or facts as JSON Lines or CSV."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",  # reflows docstring paragraphs instead of keeping line breaks
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


app.command("digest")(guarded(digest_command))
app.command("ingest")(guarded(ingest_command))
app.command("stories")(guarded(stories_command))
app.command("report")(guarded(report_command))
app.command("export")(guarded(export_command))
