"""``newsfuse export``: a store's stories, articles or facts as JSON Lines or CSV.

Records are written one at a time as they are made, one story at a time, so an export of a
large store holds one story's articles (and, for facts, one story's report) at once. Facts are
not stored: they are what a story's report finds, so exporting them runs each story's
story-wide stages, as ``report`` does (with the same result).

JSON Lines: a story is the ``story`` object of report.json (as ``stories --json`` lists it);
an article is the article object of report.json as stored (dates not inferred) with
``story_id`` first; a fact is the fact object of report.json with ``story_id`` first and
``claim_texts``, the words each of its ``claims`` cites, last. CSV: the columns in ``COLUMNS``,
lists joined by ``LIST_SEPARATOR``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer

from newsfuse.cli.common import (
    DEFAULT_DB,
    DbOption,
    ProgressOption,
    QuietOption,
    err,
    open_db,
    progress_for,
)
from newsfuse.cli.output import ExportFile
from newsfuse.cli.progress import Progress, StoryStages
from newsfuse.cli.report import resolve_story
from newsfuse.cli.stories import OutletOption, SinceOption, UntilOption, parse_day
from newsfuse.model import Article, Fact, Story
from newsfuse.pipeline import STORY_STAGES, stored_report
from newsfuse.serial import to_jsonable
from newsfuse.store import Store


class What(StrEnum):
    stories = "stories"
    articles = "articles"
    facts = "facts"


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"


LIST_SEPARATOR = "; "
COLUMNS = {
    What.stories: (
        "id",
        "title",
        "first_published",
        "last_published",
        "outlets",
        "articles",
        "article_ids",
    ),
    What.articles: (
        "id",
        "story_id",
        "source",
        "outlet",
        "published",
        "title",
        "url",
        "authors",
        "words",
        "text",
    ),
    What.facts: (
        "id",
        "story_id",
        "text",
        "attribution",
        "independent_support",
        "supporting_articles",
        "omitting_articles",
        "claim_texts",
    ),
}

WhatArg = Annotated[
    What, typer.Argument(metavar="WHAT", help="stories, articles or facts.", show_default=False)
]
FormatOption = Annotated[
    ExportFormat,
    typer.Option("--format", "-f", help="jsonl (JSON Lines: one JSON object a line) or csv."),
]
OutOption = Annotated[
    Path | None,
    typer.Option(
        "--out",
        "-o",
        help="The file to write (replaced only once complete); default: stdout.",
        show_default=False,
    ),
]
StoryOption = Annotated[
    str | None,
    typer.Option(
        "--story",
        metavar="STORY",
        help="Only this story (an id, or enough of its start to be unique).",
        show_default=False,
    ),
]


def export_command(
    what: WhatArg,
    db: DbOption = DEFAULT_DB,
    format_: FormatOption = ExportFormat.jsonl,
    out: OutOption = None,
    story: StoryOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    outlet: OutletOption = None,
    quiet: QuietOption = False,
    progress: ProgressOption = None,
) -> None:
    """Export the store's stories, articles or facts as JSON Lines or CSV.

    Stories as 'stories --json' lists them; articles as stored, each with its story_id;
    facts as each story's report finds them (exporting them runs every story's story-wide
    stages, as 'report' does). --story, --since, --until and --outlet choose the stories, as
    for 'stories'. --out is checked before any work and replaced only once complete.

    Exit status: 0 when written (even if nothing matched); 1 when there is no store at --db or
    no story matches --story; 2 usage error; 3 when the store is not usable or --out cannot be
    written.
    """
    first, last = parse_day(since, "--since"), parse_day(until, "--until")
    with ExportFile.prepare(out) as target:  # before any work
        store = open_db(db, create=False)
        try:
            if story is not None:
                chosen = store.story(resolve_story(store, story, db))
                stories: tuple[Story, ...] = (chosen,) if chosen is not None else ()
            else:
                stories = store.stories(since=first, until=last, outlets=tuple(outlet or ()))
            shown = progress_for(progress, quiet=quiet)
            with shown:
                count = _write(target.stream, format_, what, _records(what, store, stories, shown))
        finally:
            store.close()
        target.commit()
    noun = "story" if len(stories) == 1 else "stories"
    where = f" to {out}" if out is not None else ""
    err.print(f"exported {count} {what} of {len(stories)} {noun} from {db}{where}", markup=False)


def _write(
    stream: TextIO, format_: ExportFormat, what: What, records: Iterator[dict[str, Any]]
) -> int:
    count = 0
    if format_ is ExportFormat.csv:
        writer = csv.DictWriter(stream, COLUMNS[what], extrasaction="ignore")
        writer.writeheader()
        for record in records:
            writer.writerow(_flat(record, what))
            count += 1
        return count
    for record in records:
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def _records(
    what: What, store: Store, stories: Sequence[Story], progress: Progress
) -> Iterator[dict[str, Any]]:
    """The JSON Lines records, one story at a time."""
    if what is What.stories:
        for story in stories:
            yield to_jsonable(story)
        return
    if what is What.articles:
        with progress.stage(
            "exporting", sum(len(s.article_ids) for s in stories), "articles"
        ) as stage:
            for story in stories:
                for article in store.articles(story.article_ids):
                    yield {"story_id": story.id, **to_jsonable(article)}
                    stage.advance()
        return
    stages = StoryStages(progress, sum(len(s.article_ids) for s in stories), STORY_STAGES)
    for story in stories:
        report = stored_report(store, story.id, on_stage=stages)
        articles = {a.id: a for a in report.articles}
        for fact in report.facts:
            yield _fact_record(story.id, fact, articles)
    stages.done()


def _fact_record(story_id: str, fact: Fact, articles: dict[str, Article]) -> dict[str, Any]:
    texts = [
        articles[c.article_id].cited(c) if c.article_id in articles else "" for c in fact.claims
    ]
    return {"story_id": story_id, **to_jsonable(fact), "claim_texts": texts}


def _flat(record: dict[str, Any], what: What) -> dict[str, Any]:
    """A JSON Lines record as one CSV row: lists joined, nested values flattened."""
    if what is What.stories:
        return {
            **record,
            "outlets": LIST_SEPARATOR.join(record["outlets"]),
            "articles": len(record["article_ids"]),
            "article_ids": " ".join(record["article_ids"]),
        }
    if what is What.articles:
        published = record.get("published") or {}
        return {
            **record,
            "outlet": (record.get("outlet") or {}).get("name", ""),
            "published": published.get("at", ""),
            "authors": LIST_SEPARATOR.join(record.get("authors") or ()),
            "words": len(record["text"].split()),
        }
    return {
        **record,
        "supporting_articles": LIST_SEPARATOR.join(record["supporting_articles"]),
        "omitting_articles": LIST_SEPARATOR.join(record["omitting_articles"]),
        "claim_texts": " | ".join(record["claim_texts"]),
    }
