"""The Markdown form of a Report, for reading in a terminal, an editor or a code forge.

Article text is untrusted: it can contain anything that Markdown gives meaning to (``#`` at
a line start, ``<script>``, ``[x](javascript:...)``, table pipes). Every string from an input
goes through ``md_text`` (or ``md_code``), which escapes it so it stays plain text and cannot
change the document's structure.

The wording helpers at the end (dates, citations, entity kinds, excerpts, safe URLs) are shared
with the HTML renderer so that both say the same thing the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit

from newsfuse.model import (
    Article,
    Citation,
    Entity,
    Event,
    Published,
    QuoteGroup,
    Removal,
    Report,
    TimeExpression,
    TimelineEntry,
)
from newsfuse.render.fold import (
    CITE_LIMIT,
    QUOTE_LIMIT,
    TIMELINE_LIMIT,
    Independence,
    capped,
    more_note,
    most_supported,
    names_line,
    plural,
)

NO_TITLE = "(no title in source)"
NO_DATE = "no date in source"
NO_WORDS = "(the cited words are not in the article text)"
UNATTRIBUTED = "unattributed"
# The Entities section shows the most mentioned ones; report.json always has all of them.
ENTITY_LIMIT = 40
# The Events section shows the most widely reported ones; report.json has all of them.
EVENT_LIMIT = 30


def render_markdown(report: Report) -> str:
    """The whole report as one Markdown document, built section by section."""
    blocks = [block for section in sections() for block in section(report)]
    return "\n\n".join(block for block in blocks if block) + "\n"


# -- sections: each takes the Report and returns Markdown blocks; later stages append theirs --


def header_section(report: Report) -> list[str]:
    """Title and the facts about the whole story: outlets, date range, counts."""
    story = report.story
    words = sum(a.word_count for a in report.articles)
    facts = [
        f"- **Outlets:** {md_text(', '.join(story.outlets)) or 'none named'}",
        f"- **Published:** {md_text(story_dates(report))}",
        f"- **Articles:** {len(report.articles)} ({words:,} words)"
        f" · **Rejected inputs:** {len(report.rejections)}",
        f"- **Story id:** {md_code(story.id)} · **Format:** {md_code(report.format_version)}",
    ]
    return [f"# {md_text(story_title(report))}", "\n".join(facts)]


def timeline_section(report: Report) -> list[str]:
    """Dated events, each followed by the exact sentence of every outlet that reports it."""
    title = f"## Timeline ({len(report.timeline)})"
    if not report.timeline:
        return [title, "No event in the articles has a calendar date."]
    source = Sources(report)
    shown = shown_timeline(report)
    note = limit_note(len(shown), len(report.timeline), "entries the most outlets report, by date")
    return [title, note, "\n".join(_timeline_item(entry, source) for entry in shown)]


def _timeline_item(entry: TimelineEntry, source: Sources) -> str:
    outlets = md_text(names_line(entry.outlets)) or "no outlet named"
    head = f"- **{md_text(format_day(entry.start, entry.precision))}** — {md_text(entry.text)}"
    return "\n".join([f"{head} ({outlets})", *_citation_lines(entry.citations, source)])


def events_section(report: Report) -> list[str]:
    """The story's events across outlets (the most widely reported first), each with its date
    and every mention; report.json has them all."""
    shown = report.events[:EVENT_LIMIT]
    title = f"## Events ({len(report.events)})"
    if not shown:
        return [title, "No event is reported by more than one article or dated."]
    source = Sources(report)
    note = (
        f"The {EVENT_LIMIT} most widely reported; report.json has all {len(report.events)}."
        if len(report.events) > EVENT_LIMIT
        else ""
    )
    return [title, note, "\n".join(_event_item(event, source) for event in shown)]


def _event_item(event: Event, source: Sources) -> str:
    when = format_day(event.date, event.precision) if event.date and event.precision else "undated"
    who = ", ".join(event.participants[:4])
    where = ", ".join(event.places[:3])
    extra = " · ".join(x for x in (who and f"who: {who}", where and f"where: {where}") if x)
    head = (
        f"- **{md_text(when)}** — {md_text(event.text)} "
        f"({len(event.articles)} article{'s' if len(event.articles) != 1 else ''}"
        + (f"; {md_text(extra)}" if extra else "")
        + ")"
    )
    return "\n".join([head, *_citation_lines(event.mentions, source)])


def quotes_section(report: Report) -> list[str]:
    """Statements with their speaker, and every outlet's own wording of each."""
    title = f"## Quotes ({len(report.quotes)})"
    if not report.quotes:
        return [title, "No quoted or reported statement was found."]
    source = Sources(report)
    shown = shown_quotes(report)
    note = limit_note(len(shown), len(report.quotes), "statements the most outlets report")
    return [title, note, "\n".join(_quote_item(group, source) for group in shown)]


def _quote_item(group: QuoteGroup, source: Sources) -> str:
    speaker = f"**{md_text(group.speaker)}**" if group.speaker else f"*{UNATTRIBUTED}*"
    head = f"- {speaker} · {quote_kind(group.direct)}: “{md_text(group.text)}”"
    return "\n".join([head, *_citation_lines(group.variants, source)])


def _citation_lines(citations: Sequence[Citation], source: Sources) -> list[str]:
    """The cited words of each source, the first ``CITE_LIMIT`` of them, then a count."""
    shown, more = capped(citations, CITE_LIMIT)
    lines = [f"  - {_cited(source(c))}" for c in shown]
    return [*lines, f"  - {more_note(more)}"] if more else lines


def _cited(cited: Cited) -> str:
    where = md_text(cited.outlet) + (f" (article {cited.n})" if cited.n is not None else "")
    if cited.inferred:
        where += " (publication date inferred)"
    words = f"“{md_text(cited.words)}”" if cited.words is not None else f"*{NO_WORDS}*"
    return f"{where}: {words}"


def entities_section(report: Report) -> list[str]:
    """People, then places and organisations, with how each is written and who mentions it."""
    title = f"## Entities ({len(report.entities)})"
    if not report.entities:
        return [title, "No person, place or organisation was recognised."]
    source = Sources(report)
    shown = notable_entities(report.entities)
    lines = [
        f"- **{md_text(e.name)}** — {md_text(entity_kind(e.label))} · "
        f"{plural(len(e.mentions), 'mention')} · outlets: "
        f"{md_text(names_line(source.outlets(e.mentions))) or 'none'}"
        + (f" · also written: {md_text(other_variants(e))}" if other_variants(e) else "")
        for e in shown
    ]
    blocks = [title, "\n".join(lines)]
    if len(shown) < len(report.entities):
        blocks.append(entity_limit_note(len(shown), len(report.entities)))
    return blocks


def contents_section(report: Report) -> list[str]:
    """A numbered list of the articles, so the reader sees the whole set before the detail."""
    if not report.articles:
        return ["## Articles", "No article could be read from the inputs."]
    lines = [
        f"{n}. {md_text(article_title(a))} — {md_text(outlet_name(a))}, "
        f"{md_text(short_published(a.published))}"
        for n, a in enumerate(report.articles, 1)
    ]
    return ["## Articles", "\n".join(lines)]


def articles_section(report: Report) -> list[str]:
    """Every article in full: metadata, body text and what was removed from it."""
    return [block for n, a in enumerate(report.articles, 1) for block in _article_blocks(n, a)]


def rejections_section(report: Report) -> list[str]:
    """Inputs that did not become articles; nothing is dropped without saying so."""
    title = f"## Rejected inputs ({len(report.rejections)})"
    if not report.rejections:
        return [title, "None: every input became an article."]
    lines = [
        f"- {md_code(r.source)} — **{md_text(r.reason)}:** {md_text(r.message)}"
        for r in report.rejections
    ]
    return [title, "\n".join(lines)]


def _article_blocks(n: int, article: Article) -> list[str]:
    blocks = [f"### {n}. {md_text(article_title(article))}", _article_facts(article)]
    if article.standfirst:
        blocks.append("\n".join(f"> {line}" for line in md_block(article.standfirst).split("\n")))
    body = [md_block(p) for p in paragraphs(article)]
    blocks.extend([p for p in body if p] or ["*(no body text)*"])
    blocks.extend(_removed_blocks(article))
    return blocks


def _article_facts(article: Article) -> str:
    facts = [
        f"- **Outlet:** {md_text(outlet_label(article))}",
        f"- **Authors:** {md_text(', '.join(article.authors)) or 'none named in source'}",
        f"- **Published:** {md_text(describe_published(article.published))}",
        f"- **URL:** {_md_url(article.url)}",
        f"- **Source:** {md_code(article.source)} ({article.kind}) · **Id:** {md_code(article.id)}",
        f"- **Words:** {article.word_count:,} · **Truncated:** "
        + ("yes, the source text stops mid-article" if article.truncated else "no"),
    ]
    if article.language:
        facts.append(f"- **Language:** {md_text(article.language)}")
    if summary := language_summary(article):
        facts.append(f"- **Language analysis:** {summary}")
    facts.extend(f"- **Note:** {md_text(note)}" for note in article.notes)
    return "\n".join(facts)


def _removed_blocks(article: Article) -> list[str]:
    title = f"#### Removed ({len(article.removed)})"
    if not article.removed:
        return [title, "Nothing was removed."]
    return [title, "\n".join(f"- {_removal_line(r)}" for r in article.removed)]


def _removal_line(removal: Removal) -> str:
    where = removal_where(removal)
    detail = f"; {md_text(removal.detail)}" if removal.detail else ""
    return f"**{md_text(removal.reason)}:** “{md_text(excerpt(removal.text))}” ({where}{detail})"


def _md_url(url: str | None) -> str:
    if not url:
        return "none in source"
    link = safe_url(url)
    if link is not None and not re.search(r"[\s<>]", link):
        return f"<{link}>"
    return f"{md_code(url)} (not a web link)"


# -- escaping ---------------------------------------------------------------------------------

# Characters that start inline structure: code, emphasis, links, HTML, tables, strikethrough.
_INLINE = re.compile(r"([\\`*_\[\]<>|~#])")
# An entity reference (&amp; &#169;) would be decoded; a lone & is harmless and stays readable.
_ENTITY = re.compile(r"&(?=#?\w+;)")
# What is left that only matters at a line start: list items, setext underlines, ordered lists.
_LINE_START = re.compile(r"^(?:([+\-=])|(\d{1,9})([.)]))")


def md_text(text: str) -> str:
    """One line of untrusted text as inert inline Markdown (whitespace runs become one space)."""
    return _escape_line(" ".join(text.split()))


def md_block(text: str) -> str:
    """Untrusted multi-line text as inert Markdown; its line breaks stay breaks (``\\``).

    Lines are stripped because indentation would make a code block; blank lines are dropped
    so that one paragraph of the source stays one paragraph here.
    """
    lines = (_escape_line(line.strip()) for line in text.splitlines())
    return "\\\n".join(line for line in lines if line)


def _escape_line(line: str) -> str:
    escaped = _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", line))
    return _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", escaped)


def md_code(text: str) -> str:
    """Untrusted text as a code span: shown verbatim, and no backtick run can close it early."""
    text = " ".join(text.split())
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


# -- wording shared with the HTML renderer ----------------------------------------------------

_FORMATS = {
    "year": "%Y",
    "month": "%Y-%m",
    "day": "%Y-%m-%d",
    "hour": "%Y-%m-%d %H:00",
    "minute": "%Y-%m-%d %H:%M",
    "second": "%Y-%m-%d %H:%M:%S",
}


def story_title(report: Report) -> str:
    """The story's title, else the first article title, so the page always has a heading."""
    titles = [a.title for a in report.articles if a.title]
    return report.story.title or (titles[0] if titles else "Untitled story")


def article_title(article: Article) -> str:
    return article.title or NO_TITLE


def outlet_name(article: Article) -> str:
    return article.outlet.name if article.outlet else "unknown outlet"


def outlet_label(article: Article) -> str:
    """The outlet with its domain and the evidence for it, or a plain "unknown"."""
    outlet = article.outlet
    if outlet is None:
        return "unknown (not named in source)"
    domain = f" ({outlet.domain})" if outlet.domain and outlet.domain != outlet.name else ""
    return f"{outlet.name}{domain}; basis: {outlet.basis}"


def format_datetime(at: datetime, precision: str = "minute") -> str:
    """A date no more precise than the source was; times carry their UTC offset."""
    shown = at.strftime(_FORMATS.get(precision, _FORMATS["second"]))
    if precision in ("year", "month", "day"):
        return shown
    return f"{shown} {utc_offset(at)}"


def utc_offset(at: datetime) -> str:
    offset = at.utcoffset() or timedelta(0)
    if not offset:
        return "UTC"
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(offset) // timedelta(minutes=1)
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def format_day(day: date, precision: str) -> str:
    """A calendar date no more precise than its source: 2023, September 2023 or 2023-09-13."""
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{_MONTHS[day.month - 1]} {day.year:04d}"
    return day.isoformat()


def short_published(published: Published | None) -> str:
    if published is None:
        return NO_DATE
    shown = format_datetime(published.at, published.precision)
    return f"{shown} (inferred)" if published.inferred else shown


def describe_published(published: Published | None) -> str:
    """The date with how precise it is and how we know it, so a reader can weigh it."""
    if published is None:
        return NO_DATE
    zone = "time zone stated" if published.timezone_stated else "time zone assumed"
    inferred = "inferred, not stated; " if published.inferred else ""
    return (
        f"{format_datetime(published.at, published.precision)} "
        f"({inferred}{published.precision} precision; basis: {published.basis}; {zone})"
    )


def story_dates(report: Report) -> str:
    """The span of publication dates across the story; an end no source states is "inferred"."""
    dated = [a.published for a in report.articles if a.published]
    stated = {p.at for p in dated if not p.inferred}
    inferred = {p.at for p in dated if p.inferred} - stated
    story = report.story
    dates = [
        format_datetime(d) + (" (inferred)" if d in inferred else "")
        for d in (story.first_published, story.last_published)
        if d is not None
    ]
    if not dates:
        return "no dates in sources"
    return dates[0] if len(set(dates)) == 1 else f"{dates[0]} – {dates[-1]}"


def paragraphs(article: Article) -> list[str]:
    """The body as paragraphs; without paragraph spans the whole text is one paragraph."""
    if not article.paragraphs:
        return [article.text] if article.text.strip() else []
    return [span.of(article.text) for span in article.paragraphs]


def excerpt(text: str, limit: int = 160) -> str:
    """A one-line preview of removed text, cut at a word boundary."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat or "(empty)"
    cut = flat[:limit].rsplit(" ", 1)[0] or flat[:limit]
    return cut + "…"


def removal_where(removal: Removal) -> str:
    return removal.zone + (f", line {removal.line}" if removal.line is not None else "")


def safe_url(url: str | None) -> str | None:
    """The URL if it is an http(s) address that may become a link, else None."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(ord(ch) < 0x20 or ch.isspace() for ch in url):
        return None
    return url


# -- citations, entities, quotes and language analysis: wording shared with HTML --------------


@dataclass(frozen=True)
class Cited:
    """What a citation points at: the article's position (1-based), outlet and exact words.

    ``n`` is None when no article of the report has the cited id; ``words`` is None then,
    and when the span lies outside the article text.
    """

    n: int | None
    outlet: str
    words: str | None
    inferred: bool


class Sources:
    """Resolves citations against the articles of one report."""

    def __init__(self, report: Report) -> None:
        self._articles: dict[str, tuple[int, Article]] = {}
        for n, article in enumerate(report.articles, 1):
            self._articles.setdefault(article.id, (n, article))
        self._outlets = {n: outlet_name(a) for n, a in enumerate(report.articles, 1)}

    def __call__(self, citation: Citation) -> Cited:
        found = self._articles.get(citation.article_id)
        if found is None:
            return Cited(None, f"article {citation.article_id} (not in this report)", None, False)
        n, article = found
        words = article.cited(citation) or None
        inferred = article.published is not None and article.published.inferred
        return Cited(n, outlet_name(article), words, inferred)

    def outlets(self, citations: Iterable[Citation]) -> list[str]:
        """The outlets of the cited articles, each once, in the order of the articles."""
        found = {self._articles[c.article_id][0] for c in citations if c.article_id in self}
        return list(dict.fromkeys(self._outlets[n] for n in sorted(found)))

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._articles


_ENTITY_KINDS = {
    "PERSON": "person", "GPE": "place", "LOC": "place", "FAC": "place (building or facility)",
    "ORG": "organisation", "NORP": "group (nationality, religion or politics)",
    "EVENT": "event", "PRODUCT": "product", "WORK_OF_ART": "work", "LAW": "law",
    "LANGUAGE": "language", "ROLE": "role",
}  # fmt: skip
# People first, then places, then organisations, then everything else.
_KIND_ORDER = {"PERSON": 0, "GPE": 1, "LOC": 1, "FAC": 1, "ORG": 2}
_VARIANT_LIMIT = 10


def entity_kind(label: str) -> str:
    return _ENTITY_KINDS.get(label, label.lower().replace("_", " ") or "other")


def notable_entities(entities: Iterable[Entity], limit: int = ENTITY_LIMIT) -> list[Entity]:
    """The ``limit`` most mentioned entities, people first, then places and organisations."""
    top = sorted(entities, key=lambda e: -len(e.mentions))[:limit]
    return sorted(top, key=lambda e: (_KIND_ORDER.get(e.label, 3), -len(e.mentions), e.name))


def shown_timeline(report: Report) -> list[TimelineEntry]:
    """The entries the most independent outlets report, in date order."""
    return most_supported(
        report.timeline, lambda e: (c.article_id for c in e.citations), Independence(report),
        TIMELINE_LIMIT,
    )  # fmt: skip


def shown_quotes(report: Report) -> list[QuoteGroup]:
    """The statements the most independent outlets report, in the report's order."""
    return most_supported(
        report.quotes, lambda q: (c.article_id for c in q.variants), Independence(report),
        QUOTE_LIMIT,
    )  # fmt: skip


def limit_note(shown: int, total: int, what: str) -> str:
    """ "The 60 entries the most outlets report; report.json has all 1,557.", or "" for all."""
    return f"The {shown} {what}; report.json has all {total:,}." if shown < total else ""


def entity_limit_note(shown: int, total: int) -> str:
    return f"Showing the {shown} most mentioned of {total} entities; report.json lists them all."


def other_variants(entity: Entity) -> str:
    """How else the entity is written (names, role descriptions), capped for readability."""
    others = [v for v in entity.variants if v != entity.name]
    more = len(others) - _VARIANT_LIMIT
    return "; ".join(others[:_VARIANT_LIMIT]) + (f"; and {more} more" if more > 0 else "")


def quote_kind(direct: bool) -> str:
    return "direct quote" if direct else "indirect (reported speech)"


def language_summary(article: Article) -> str | None:
    """The analysis counts ("3 sentences, 1 entity, ..."), or None if it found nothing."""
    counts = (article.sentences, article.entities, article.quotes, article.timexes)
    if not any(counts):
        return None
    return ", ".join(
        [
            plural(len(article.sentences), "sentence"),
            plural(len(article.entities), "entity", "entities"),
            plural(len(article.quotes), "quote"),
            plural(len(article.timexes), "time expression"),
        ]
    )


def describe_timex(timex: TimeExpression) -> str:
    """The normalised meaning of a time expression: its type, and the date it starts on."""
    when = ""
    if timex.start is not None and timex.precision is not None:
        when = f", {format_day(timex.start, timex.precision)}"
    return f"{timex.type}{when}"


def sections() -> tuple[Callable[[Report], list[str]], ...]:
    """The document, in order; a stage that adds a Report section adds its function here.

    The account sections (``markdown_sections``) use the wording helpers of this module, so
    they are imported here, when a document is rendered, not when this module loads.
    """
    from newsfuse.render import markdown_sections as account

    return (
        header_section,
        account.summary_section,
        account.facts_section,
        account.discrepancies_section,
        account.matrix_section,
        timeline_section,
        events_section,
        quotes_section,
        entities_section,
        account.syndication_section,
        account.membership_section,
        contents_section,
        articles_section,
        rejections_section,
    )
