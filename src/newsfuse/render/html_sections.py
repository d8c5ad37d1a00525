"""Building blocks of the HTML report: safe markup, and the sections about the whole story.

Everything from an input is untrusted. Markup is built with ``el``: every plain ``str`` handed
to it (child or attribute value) is escaped with ``html.escape(quote=True)``; only ``Markup``
that ``el`` itself produced passes through. So forgetting to escape is not possible short of
calling ``Markup(...)`` on input, which nothing here does.

The story sections (timeline, quotes, entities) cite the exact words of each source and link
every citation to the article it comes from; ``html.py`` assembles them into the page.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from datetime import date

from newsfuse.model import (
    Article,
    Citation,
    Entity,
    Event,
    QuoteGroup,
    Report,
    TimelineEntry,
)
from newsfuse.render.fold import CITE_LIMIT, capped, more_note, names_line
from newsfuse.render.markdown import (
    EVENT_LIMIT,
    NO_WORDS,
    UNATTRIBUTED,
    Cited,
    Sources,
    describe_timex,
    entity_kind,
    entity_limit_note,
    format_day,
    language_summary,
    limit_note,
    notable_entities,
    other_variants,
    quote_kind,
    safe_url,
    shown_quotes,
    shown_timeline,
)


class Markup(str):
    """HTML that is already safe; any other str is escaped when it is put into a page."""

    __slots__ = ()


Child = Markup | str | int | None | Iterable["Child"]


def esc(value: object) -> Markup:
    """Escape any value as HTML text or attribute content (quotes included)."""
    return value if isinstance(value, Markup) else Markup(html.escape(str(value), quote=True))


def el(tag: str, *children: Child, **attrs: str | int | bool | None) -> Markup:
    """An element; attribute names are code (``class_`` -> ``class``), values are escaped."""
    parts = [tag]
    for name, value in attrs.items():
        if value is None or value is False:
            continue
        key = name.rstrip("_").replace("_", "-")
        parts.append(key if value is True else f'{key}="{esc(value)}"')
    return Markup(f"<{' '.join(parts)}>{_join(children)}</{tag}>")


def _join(children: Iterable[Child]) -> Markup:
    out: list[str] = []
    for child in children:
        if child is None:
            continue
        if isinstance(child, str | int):
            out.append(esc(child))
        else:
            out.append(_join(child))
    return Markup("".join(out))


def link(url: str | None, text: Child | None = None) -> Markup:
    """A link for an http(s) URL; any other URL (``javascript:``, ``data:``) stays plain text."""
    if not url:
        return Markup()
    target = safe_url(url)
    if target is None:
        return el("code", url)
    return el("a", text if text is not None else url, href=target, rel="noopener noreferrer")


def anchor(n: int) -> str:
    """Anchors are positions, not article ids, so nothing from the input reaches an id."""
    return f"article-{n}"


def entity_anchor(n: int) -> str:
    return f"entity-{n}"


def empty(text: str) -> Markup:
    return el("p", text, class_="empty")


# -- timeline ---------------------------------------------------------------------------------


def timeline_section(report: Report) -> Markup:
    """Dated events, each with the exact sentence of every outlet that reports it."""
    source = Sources(report)
    shown = shown_timeline(report)
    items = [_timeline_item(entry, source) for entry in shown]
    note = limit_note(len(shown), len(report.timeline), "entries the most outlets report, by date")
    return el(
        "section",
        el("h2", f"Timeline ({len(report.timeline)})"),
        el("p", note, class_="note") if note else None,
        el("ol", items, class_="timeline")
        if items
        else empty("No event in the articles has a calendar date."),
        id="timeline",
    )


def _timeline_item(entry: TimelineEntry, source: Sources) -> Markup:
    when = el(
        "time",
        format_day(entry.start, entry.precision),
        datetime=machine_day(entry.start, entry.precision),
        class_="when",
    )
    named = names_line(entry.outlets)
    outlets = el("span", " — ", named, class_="where") if named else None
    return el("li", el("p", when, " ", entry.text, outlets), citations(entry.citations, source))


def events_section(report: Report) -> Markup:
    """The story's events across outlets (the most widely reported first), each with its date
    and every mention; report.json has them all."""
    source = Sources(report)
    shown = report.events[:EVENT_LIMIT]
    more = (
        el("p", f"The {EVENT_LIMIT} most widely reported; report.json has all "
                f"{len(report.events)}.", class_="note")
        if len(report.events) > EVENT_LIMIT
        else None
    )  # fmt: skip
    return el(
        "section",
        el("h2", f"Events ({len(report.events)})"),
        more,
        el("ol", [_event_item(e, source) for e in shown], class_="timeline")
        if shown
        else empty("No event is reported by more than one article or dated."),
        id="events",
    )


def _event_item(event: Event, source: Sources) -> Markup:
    if event.date is not None and event.precision is not None:
        when = el(
            "time",
            format_day(event.date, event.precision),
            datetime=machine_day(event.date, event.precision),
            class_="when",
        )
    else:
        when = el("span", "undated", class_="when")
    n = len(event.articles)
    detail = ", ".join(event.participants[:4])
    where = el("span", f" — {n} article{'s' if n != 1 else ''}",
               f"; who: {detail}" if detail else "", class_="where")  # fmt: skip
    return el("li", el("p", when, " ", event.text, where), citations(event.mentions, source))


def machine_day(day: date, precision: str) -> str:
    """The ``datetime`` attribute of a <time>: 2023, 2023-09 or 2023-09-13."""
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def citations(cited: Sequence[Citation], source: Sources) -> Markup:
    """The cited words of each source, the first ``CITE_LIMIT`` of them, then a count."""
    shown, more = capped(cited, CITE_LIMIT)
    last = el("li", more_note(more), class_="more") if more else None
    return el("ul", [citation_item(source(c)) for c in shown], last, class_="cites")


def citation_item(cited: Cited) -> Markup:
    """The outlet, linked to its article, then the cited words exactly as it printed them."""
    if cited.n is None:
        where = el("span", cited.outlet, class_="empty")
    else:
        where = el("a", cited.outlet, href=f"#{anchor(cited.n)}", title=f"article {cited.n}")
    flag = el("span", " (publication date inferred)", class_="flag") if cited.inferred else None
    if cited.words is None:
        return el("li", where, flag, ": ", el("span", NO_WORDS, class_="empty"))
    return el("li", where, flag, ": ", el("q", cited.words))


# -- quotes -----------------------------------------------------------------------------------


def quotes_section(report: Report) -> Markup:
    """Statements with their speaker, and every outlet's own wording of each."""
    source = Sources(report)
    anchors = {e.id: entity_anchor(n) for n, e in enumerate(notable_entities(report.entities), 1)}
    shown = shown_quotes(report)
    items = [_quote_item(group, source, anchors) for group in shown]
    note = limit_note(len(shown), len(report.quotes), "statements the most outlets report")
    return el(
        "section",
        el("h2", f"Quotes ({len(report.quotes)})"),
        el("p", note, class_="note") if note else None,
        el("ul", items, class_="quotes")
        if items
        else empty("No quoted or reported statement was found."),
        id="quotes",
    )


def _quote_item(group: QuoteGroup, source: Sources, anchors: dict[str, str]) -> Markup:
    speaker: Markup = (
        el("strong", group.speaker) if group.speaker else el("span", UNATTRIBUTED, class_="empty")
    )
    target = anchors.get(group.speaker_entity_id or "")
    if target is not None:
        speaker = el("a", speaker, href=f"#{target}")
    return el(
        "li",
        el("p", speaker, " ", el("span", quote_kind(group.direct), class_="tag"), class_="who"),
        el("p", el("q", group.text), class_="statement"),
        citations(group.variants, source),
    )


# -- entities ---------------------------------------------------------------------------------


def entities_section(report: Report) -> Markup:
    """People, then places and organisations: how each is written, and who mentions it."""
    source = Sources(report)
    shown = notable_entities(report.entities)
    rows = [_entity_row(n, entity, source) for n, entity in enumerate(shown, 1)]
    heads = ["Name", "Kind", "Mentions", "Outlets", "Also written"]
    table = el(
        "table",
        el("thead", el("tr", [el("th", h, scope="col") for h in heads])),
        el("tbody", rows),
    )
    total = len(report.entities)
    capped = len(shown) < total
    note = el("p", entity_limit_note(len(shown), total), class_="meta") if capped else None
    return el(
        "section",
        el("h2", f"Entities ({total})"),
        el("div", table, class_="table-wrap")
        if rows
        else empty("No person, place or organisation was recognised."),
        note,
        id="entities",
    )


def _entity_row(n: int, entity: Entity, source: Sources) -> Markup:
    return el(
        "tr",
        el("td", el("strong", entity.name)),
        el("td", entity_kind(entity.label)),
        el("td", len(entity.mentions), class_="num"),
        el("td", names_line(source.outlets(entity.mentions)) or "—"),
        el("td", other_variants(entity) or "—"),
        id=entity_anchor(n),
    )


# -- one article's language analysis ----------------------------------------------------------


def language_view(article: Article, limit: int | None = None) -> Markup | None:
    """The article's quotes and time expressions, folded away, at most ``limit`` of each (the
    report shares one budget out among its articles); None before any analysis."""
    summary = language_summary(article)
    if summary is None:
        return None
    text = article.text
    quoted, more_quotes = capped(article.quotes, len(article.quotes) if limit is None else limit)
    dated, more_timexes = capped(article.timexes, len(article.timexes) if limit is None else limit)
    quotes = [
        el(
            "li",
            el("span", "direct" if q.direct else "indirect", class_="tag"),
            " ",
            q.speaker or el("span", UNATTRIBUTED, class_="empty"),
            ": ",
            el("q", q.content.of(text)),
            el("span", f" (cue: {q.cue})", class_="where") if q.cue else None,
        )
        for q in quoted
    ]
    timexes = [
        el(
            "li",
            el("q", t.text),
            " → ",
            el("code", t.value),
            el("span", f" ({describe_timex(t)})", class_="where"),
        )
        for t in dated
    ]
    return el(
        "details",
        el("summary", f"Language: {summary}"),
        _listed(f"Quotes ({len(article.quotes)})", quotes, more_quotes),
        _listed(f"Time expressions ({len(article.timexes)})", timexes, more_timexes),
        class_="language",
    )


def _listed(title: str, items: list[Markup], more: int) -> Child:
    if not items and not more:
        return None
    last = el("li", more_note(more), class_="more") if more else None
    return [el("h4", title), el("ul", items, last)]
