"""The Markdown form of a Report, for reading in a terminal, an editor or a code forge.

Article text is untrusted: it can contain anything that Markdown gives meaning to (``#`` at
a line start, ``<script>``, ``[x](javascript:...)``, table pipes). Every string from an input
goes through ``md_text`` (or ``md_code``), which escapes it so it stays plain text and cannot
change the document's structure.

The wording helpers at the end (dates, excerpts, safe URLs) are shared with the HTML renderer
so that both say the same thing the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from newsfuse.model import Article, Published, Removal, Report

NO_TITLE = "(no title in source)"
NO_DATE = "no date in source"


def render_markdown(report: Report) -> str:
    """The whole report as one Markdown document, built section by section."""
    blocks = [block for section in SECTIONS for block in section(report)]
    return "\n\n".join(block for block in blocks if block) + "\n"


# -- sections: each takes the Report and returns Markdown blocks; later stages append theirs --


def header_section(report: Report) -> list[str]:
    """Title and the facts about the whole story: outlets, date range, counts."""
    story = report.story
    words = sum(a.word_count for a in report.articles)
    facts = [
        f"- **Outlets:** {md_text(', '.join(story.outlets)) or 'none named'}",
        f"- **Published:** {date_range(story.first_published, story.last_published)}",
        f"- **Articles:** {len(report.articles)} ({words:,} words)"
        f" · **Rejected inputs:** {len(report.rejections)}",
        f"- **Story id:** {md_code(story.id)} · **Format:** {md_code(report.format_version)}",
    ]
    return [f"# {md_text(story_title(report))}", "\n".join(facts)]


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


# The document, in order. A stage that adds a Report section adds its function here.
SECTIONS: tuple[Callable[[Report], list[str]], ...] = (
    header_section,
    contents_section,
    articles_section,
    rejections_section,
)


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


def short_published(published: Published | None) -> str:
    return format_datetime(published.at, published.precision) if published else NO_DATE


def describe_published(published: Published | None) -> str:
    """The date with how precise it is and how we know it, so a reader can weigh it."""
    if published is None:
        return NO_DATE
    zone = "time zone stated" if published.timezone_stated else "time zone assumed"
    inferred = "; inferred" if published.inferred else ""
    return (
        f"{format_datetime(published.at, published.precision)} "
        f"({published.precision} precision; basis: {published.basis}; {zone}{inferred})"
    )


def date_range(first: datetime | None, last: datetime | None) -> str:
    """The span of publication dates across the story."""
    dates = [format_datetime(d) for d in (first, last) if d is not None]
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
