"""The HTML form of a Report: one self-contained page, readable offline and safe to open.

Article text, titles, authors, URLs, quotes, entity names and input paths are untrusted. Pages
are built with ``el`` (see ``html_sections``): every plain ``str`` handed to it (child or
attribute value) is escaped with ``html.escape(quote=True)``; only ``Markup`` that ``el``
itself produced passes through. So forgetting to escape is not possible short of calling
``Markup(...)`` on input, which nothing here does. Article URLs become links only when they
are http(s); the page references no external asset (inline CSS, no scripts, no images) and its
Content-Security-Policy forbids them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import resources
from itertools import groupby

from newsfuse.model import Article, Removal, Report
from newsfuse.render import html_account as account
from newsfuse.render.fold import language_limit
from newsfuse.render.html_sections import (
    Child,
    Markup,
    anchor,
    el,
    entities_section,
    esc,
    events_section,
    language_view,
    link,
    quotes_section,
    timeline_section,
)
from newsfuse.render.markdown import (
    article_title,
    describe_published,
    excerpt,
    outlet_label,
    outlet_name,
    paragraphs,
    removal_where,
    short_published,
    story_dates,
    story_title,
)

__all__ = ["CSP", "Child", "Markup", "el", "esc", "link", "render_html"]

CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


# -- page -------------------------------------------------------------------------------------


def render_html(report: Report) -> str:
    """The whole report as one HTML5 document."""
    title = story_title(report)
    head = Markup(
        '<meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">'
        '<meta name="referrer" content="no-referrer">'
        '<meta name="generator" content="newsfuse">'
    )
    main = el("main", [section(report) for section in SECTIONS], footer(report))
    page = el(
        "html",
        el("head", head, el("title", title, " — newsfuse"), el("style", Markup(_css()))),
        el("body", el("div", toc(report), main, class_="layout")),
        lang="en",
    )
    return f"<!DOCTYPE html>\n{page}\n"


@cache
def _css() -> str:
    css = resources.files("newsfuse.render").joinpath("templates", "report.css").read_text("utf-8")
    if "</" in css or "url(" in css:
        raise ValueError("report.css must not close <style> or load anything")
    return css


def toc(report: Report) -> Markup:
    """A sticky contents list: the reader can jump to any article from anywhere."""
    items = [
        el(
            "li",
            el("a", article_title(a), href=f"#{anchor(n)}"),
            el("span", outlet_name(a), class_="outlet"),
        )
        for n, a in enumerate(report.articles, 1)
    ]
    extra = [el("li", el("a", label, href=f"#{aid}")) for aid, label in report_entries(report)]
    return el(
        "nav",
        el("h2", "Articles"),
        el("ol", items) if items else el("p", "No articles.", class_="empty"),
        el("h2", "Report"),
        el("ul", extra),
        class_="toc",
        aria_label="Contents",
    )


# -- sections: each takes the Report and returns Markup; later stages append theirs -----------


def header_section(report: Report) -> Markup:
    story = report.story
    words = sum(a.word_count for a in report.articles)
    facts = [
        el("span", "Outlets: ", ", ".join(story.outlets) or "none named"),
        el("span", "Published: ", story_dates(report)),
        el("span", f"{len(report.articles)} articles · {words:,} words"),
        el("span", f"{len(report.rejections)} rejected inputs"),
    ]
    return el("header", el("h1", story_title(report)), el("p", facts, class_="meta facts"))


def overview_section(report: Report) -> Markup:
    """One row per article, so differences in date, length and cleaning stand out."""
    heads = ["#", "Outlet", "Title", "Authors", "Published", "Words", "Truncated", "Removed"]
    rows = [
        el(
            "tr",
            el("td", n, class_="num"),
            el("td", outlet_name(a)),
            el("td", el("a", article_title(a), href=f"#{anchor(n)}")),
            el("td", ", ".join(a.authors) or "—"),
            el("td", short_published(a.published)),
            el("td", f"{a.word_count:,}", class_="num"),
            el("td", el("span", "yes", class_="flag") if a.truncated else "no"),
            el("td", len(a.removed), class_="num"),
        )
        for n, a in enumerate(report.articles, 1)
    ]
    table = el(
        "table",
        el("thead", el("tr", [el("th", h, scope="col") for h in heads])),
        el("tbody", rows),
    )
    return el(
        "section",
        el("h2", "Overview"),
        el("div", table, class_="table-wrap") if rows else el("p", "No articles.", class_="empty"),
        id="overview",
    )


def articles_section(report: Report) -> Markup:
    limit = language_limit(report)
    return el(
        "section",
        el("h2", "Articles"),
        [article_view(n, a, limit) for n, a in enumerate(report.articles, 1)],
        id="articles",
    )


def rejections_section(report: Report) -> Markup:
    """Inputs that did not become articles, with the reason; nothing is dropped silently."""
    if report.rejections:
        rows = [
            el("tr", el("td", el("code", r.source)), el("td", r.reason), el("td", r.message))
            for r in report.rejections
        ]
        heads = el("tr", [el("th", h, scope="col") for h in ("Input", "Reason", "Message")])
        body = el("div", el("table", el("thead", heads), el("tbody", rows)), class_="table-wrap")
    else:
        body = el("p", "None: every input became an article.", class_="empty")
    return el(
        "section",
        el("h2", f"Rejected inputs ({len(report.rejections)})"),
        body,
        id="rejected",
    )


# The page, in order. A stage that adds a Report section adds its function here; a section
# may return None when the report has nothing for it.
SECTIONS: tuple[Callable[[Report], Markup | None], ...] = (
    header_section,
    account.summary_section,
    account.facts_section,
    account.discrepancies_section,
    account.matrix_section,
    timeline_section,
    events_section,
    quotes_section,
    entities_section,
    account.grouping_section,
    overview_section,
    articles_section,
    rejections_section,
)
# The "Report" contents entries (anchor id, label), in page order.
EXTRA_TOC: tuple[tuple[str, str], ...] = (
    ("summary", "Summary"),
    ("facts", "Facts"),
    ("differences", "Where the outlets differ"),
    ("matrix", "Source matrix"),
    ("timeline", "Timeline"),
    ("events", "Events"),
    ("quotes", "Quotes"),
    ("entities", "Entities"),
    ("grouping", "Story grouping"),
    ("overview", "Overview"),
    ("rejected", "Rejected inputs"),
)


def report_entries(report: Report) -> list[tuple[str, str]]:
    """The contents entries of the sections this report shows (the account ones are optional)."""
    summary = report.summary
    present = {
        "summary": summary is not None
        and bool(summary.sentences or summary.single_source or summary.differences),
        "facts": bool(report.facts),
        "differences": bool(report.discrepancies),
        "matrix": bool(report.facts and report.articles),
        "grouping": bool(report.syndication or report.memberships),
    }
    return [(aid, label) for aid, label in EXTRA_TOC if present.get(aid, True)]


def footer(report: Report) -> Markup:
    return el(
        "footer",
        "Generated by newsfuse · format ",
        el("code", report.format_version),
        " · story ",
        el("code", report.story.id),
    )


# -- one article ------------------------------------------------------------------------------


def article_view(n: int, article: Article, limit: int | None = None) -> Markup:
    """One article in full; ``limit`` caps its listed quotes and time expressions."""
    body = [el("p", p) for p in paragraphs(article) if p.strip()]
    return el(
        "article",
        el("h3", f"{n}. ", article_title(article), class_="empty" if not article.title else None),
        _fields(article),
        el("p", article.standfirst, class_="standfirst") if article.standfirst else None,
        el("div", body or el("p", "No body text.", class_="empty"), class_="body"),
        language_view(article, limit),
        removed_view(article.removed),
        id=anchor(n),
        class_="doc",
        lang=article.language,
    )


def _fields(article: Article) -> Markup:
    truncated = (
        el("span", "yes — the source text stops mid-article", class_="flag")
        if article.truncated
        else "no"
    )
    rows: list[tuple[str, Child]] = [
        ("Outlet", outlet_label(article)),
        ("Authors", ", ".join(article.authors) or "none named in source"),
        ("Published", describe_published(article.published)),
        ("URL", link(article.url) if article.url else "none in source"),
        ("Source", [el("code", article.source), f" ({article.kind})"]),
        ("Id", el("code", article.id)),
        ("Words", f"{article.word_count:,}"),
        ("Truncated", truncated),
    ]
    if article.language:
        rows.append(("Language", article.language))
    rows.extend(("Note", note) for note in article.notes)
    return el("dl", [[el("dt", k), el("dd", v)] for k, v in rows], class_="fields")


def removed_view(removed: tuple[Removal, ...]) -> Markup:
    """What cleaning cut, grouped by reason, folded away until the reader asks for it."""
    if not removed:
        return el("p", "Nothing was removed.", class_="meta")
    ordered = sorted(removed, key=lambda r: r.reason)  # stable: source order within a reason
    groups = [
        [
            el("h4", f"{reason} ({len(items)})"),
            el("ul", [_removal_item(r) for r in items]),
        ]
        for reason, items in ((k, list(g)) for k, g in groupby(ordered, key=lambda r: r.reason))
    ]
    return el("details", el("summary", f"Removed ({len(removed)})"), groups, class_="removed")


def _removal_item(removal: Removal) -> Markup:
    detail = f"; {removal.detail}" if removal.detail else ""
    return el(
        "li",
        el("q", excerpt(removal.text), title=excerpt(removal.text, 600)),
        " ",
        el("span", f"({removal_where(removal)}{detail})", class_="where"),
    )
