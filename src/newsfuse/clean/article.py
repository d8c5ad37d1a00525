"""From a RawDocument to a clean Article: text, metadata, and what was removed and why.

Cleaning runs in two steps because articles help each other: ``prepare`` turns each input
into blocks on its own; ``build_article`` then cleans one article knowing which lines recur
in the others (see ``crossdoc``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsfuse.clean.blocks import Block, split_blocks, strip_markup
from newsfuse.clean.layout import lay_out
from newsfuse.clean.metadata import (
    DECLARED_DATE,
    MAX_TITLE_CHARS,
    bound_title,
    choose_outlet,
    choose_published,
)
from newsfuse.clean.repair import join_split_paragraphs, truncation_note
from newsfuse.errors import InputRejected
from newsfuse.ingest.jsonl import MAX_EXTRA_CHARS
from newsfuse.model import Article, Published, RawDocument, Removal, Span

if TYPE_CHECKING:
    from newsfuse.clean.html import HtmlExtraction

_MIN_BODY_WORDS = 15
NO_DATE_NOTE = "no publication date in the source"
# Warnings are one line each, ``newsfuse: warning: SOURCE: ...``: with no logging set up
# (the command line), Python prints a warning's message alone on stderr.
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Prepared:
    """One input split into blocks, with what the markup pass removed and the page's metadata."""

    raw: RawDocument
    blocks: list[Block]
    removals: list[Removal] = field(default_factory=list)
    page: HtmlExtraction | None = None


def prepare(raw: RawDocument) -> Prepared:
    """Split an input into blocks; HTML goes through main-text extraction first."""
    if raw.kind == "html":
        # trafilatura and htmldate load in a fraction of a second, paid only when a page comes
        from newsfuse.clean.html import extract_html

        page = extract_html(raw.content, raw.hints.url)
        if page is None or not page.text.strip():
            raise InputRejected("not-article", "no article text found in the HTML page")
        blocks, removals = strip_markup(split_blocks(page.text))
        return Prepared(raw, blocks, removals, page)
    blocks, removals = strip_markup(split_blocks(raw.content))
    return Prepared(raw, blocks, removals)


def build_article(prepared: Prepared, shared: frozenset[str] = frozenset()) -> Article:
    """Clean one prepared input; raise InputRejected when no story text is left."""
    raw, page = prepared.raw, prepared.page
    layout = lay_out(prepared.blocks, shared=shared, with_header=page is None)
    body, joins = join_split_paragraphs(layout.body)
    words = sum(block.words for block in body)
    if words < _MIN_BODY_WORDS:
        raise InputRejected("not-article", f"only {words} words of story text after cleaning")
    text, spans = _assemble(body)
    title, title_cut = bound_title(
        raw.hints.title or layout.title or (page.title if page else None)
    )
    cut = [title_cut] if title_cut else []
    removed = tuple(sorted(cut + prepared.removals + layout.removals, key=lambda r: r.line or 0))
    url = raw.hints.url or (layout.urls[0] if layout.urls else None) or (page and page.url)
    outlet = choose_outlet(
        declared=raw.hints.outlet,
        source_hosts=layout.hosts,
        url=url,
        sitename=page.sitename if page else None,
        removed=removed,
    )
    published = choose_published(
        declared=raw.hints.published,
        date_line=layout.date_text,
        date_zone=layout.date_zone,
        page_date=page.published if page else None,
        outlet=outlet,
    )
    truncated = truncation_note(body)
    warnings = _warnings(raw, published, title_cut and _title_note(title, title_cut))
    undated = published is None and not raw.hints.published  # else a warning says why
    return Article(
        id=raw.id,
        source=raw.source,
        kind=raw.kind,
        text=text,
        paragraphs=spans,
        title=title,
        standfirst=layout.standfirst or (page.description if page else None),
        authors=raw.hints.authors or layout.authors or (page.authors if page else ()),
        published=published,
        outlet=outlet,
        url=url or None,
        truncated=truncated is not None,
        removed=removed,
        notes=(*warnings, *_notes(joins, truncated, undated=undated, untitled=title is None)),
        language=page.language if page else None,
        extra=raw.hints.extra,
    )


def _assemble(body: list[Block]) -> tuple[str, tuple[Span, ...]]:
    spans: list[Span] = []
    position = 0
    for block in body:
        spans.append(Span(position, position + len(block.text)))
        position += len(block.text) + 2
    return "\n\n".join(block.text for block in body), tuple(spans)


def _title_note(title: str | None, cut: Removal) -> str:
    return (
        f"title cut at a word boundary to {len(title or ''):,} characters, over the limit of "
        f"{MAX_TITLE_CHARS:,} for a title (one line); {len(cut.text):,} characters left out"
    )


def _warnings(raw: RawDocument, published: Published | None, *also: str | None) -> list[str]:
    """What the input gave that could not be used, as article notes, each also logged as a
    warning naming the input: nothing the user supplied is ignored without a word."""
    hints, found = raw.hints, [note for note in also if note]
    if hints.published and (published is None or not published.basis.startswith(DECLARED_DATE)):
        then = f"; the date comes from {published.basis}" if published else ""
        found.append(
            f"the published value {_shown(hints.published)} is not a date newsfuse can read" + then
        )
    if hints.extra_left_out:
        names = ", ".join(_shown(name, 40) for name in hints.extra_left_out[:5])
        more = len(hints.extra_left_out) - 5
        found.append(
            f"extra field(s) left out, over the limit of {MAX_EXTRA_CHARS:,} characters for "
            f"extra fields: {names}" + (f" and {more} more" if more > 0 else "")
        )
    for note in found:
        log.warning("newsfuse: warning: %s: %s", raw.source, note)
    return found


def _shown(value: str, limit: int = 80) -> str:
    """A value quoted on one line, cut short when long."""
    return repr(value if len(value) <= limit else value[: limit - 1] + "…")


def _notes(joins: int, truncated: str | None, *, undated: bool, untitled: bool) -> tuple[str, ...]:
    notes = []
    if joins:
        notes.append(f"rejoined {joins} paragraph(s) split in the middle of a sentence")
    if truncated:
        notes.append(f"body looks truncated: {truncated}")
    if undated:
        notes.append(NO_DATE_NOTE)
    if untitled:
        notes.append("no headline in the source")
    return tuple(notes)
