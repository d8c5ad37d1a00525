"""Decide an article's outlet, date and URL from every piece of evidence, strongest first.

Each decision records its basis, so a reader can see why the report names an outlet or a
date. An article with no date gets none: inferring one is left to later, story-wide stages,
which say so when they do.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from newsfuse.clean import rules
from newsfuse.clean.dates import parse_published
from newsfuse.clean.outlets import (
    KNOWN_DOMAINS,
    home_zone,
    is_known_name,
    outlet_from_host,
    outlet_from_name,
)
from newsfuse.model import Outlet, Published, Removal

DECLARED_DATE = "the input's published field"  # the basis of a date the input declares
# A title is a line of text; a JSONL title field has no bound of its own (600 KB of "- - -"
# took a minute and a gigabyte downstream), so one longer than this is cut.
MAX_TITLE_CHARS = 1_000
_SPACE = re.compile(r"\s")
_NOT_OUTLETS = frozenset(
    {
        "the",
        "our",
        "your",
        "this",
        "free",
        "daily",
        "weekly",
        "morning",
        "evening",
        "breaking",
        "news",
        "email",
        "latest",
    }
)


def choose_outlet(
    *,
    declared: str | None,
    source_hosts: Iterable[str],
    url: str | None,
    sitename: str | None,
    removed: Iterable[Removal],
) -> Outlet | None:
    """The outlet, from the input's own field, a source line, the URL, the page, or itself."""
    if declared:
        return outlet_from_name(declared, basis="the input's outlet field")
    for host in source_hosts:
        outlet = outlet_from_host(host, basis="source line at the end of the text")
        if outlet is not None:
            return outlet
    from_url = outlet_from_host(url, basis="the article URL") if url else None
    if from_url is not None and (from_url.domain in KNOWN_DOMAINS or not sitename):
        return from_url
    if sitename:
        named = outlet_from_name(sitename, basis="the page's site name")
        domain = named.domain or (from_url.domain if from_url else None)
        return Outlet(named.name, domain, named.basis)
    return outlet_from_self_naming(removed)


def outlet_from_self_naming(removed: Iterable[Removal]) -> Outlet | None:
    """An outlet naming itself in its own furniture ("follow other Independent readers")."""
    counts: Counter[str] = Counter()
    for removal in removed:
        if removal.reason not in rules.SELF_NAMING_REASONS:
            continue
        for pattern in rules.SELF_NAMING:
            for match in pattern.finditer(removal.text):
                name = " ".join(match.group(1).split())
                if name.casefold() not in _NOT_OUTLETS:
                    counts[name] += 1
    known = [name for name, _ in counts.most_common() if is_known_name(name)]
    if known:
        return outlet_from_name(
            known[0], basis=f"names itself in its page furniture ({known[0]!r})"
        )
    repeated = [name for name, n in counts.most_common() if n >= 2]
    if repeated:
        return outlet_from_name(
            repeated[0], basis=f"names itself in its page furniture ({repeated[0]!r})"
        )
    return None


def choose_published(
    *,
    declared: str | None,
    date_line: str | None,
    date_zone: str | None,
    page_date: str | None,
    outlet: Outlet | None,
) -> Published | None:
    """The publication date from the input's field, a date line, or the page's metadata."""
    zone = home_zone(outlet)
    candidates = (
        (declared, DECLARED_DATE),
        (date_line, f"date line in the {date_zone or 'text'}: {date_line!r}"),
        (page_date, "the page's metadata"),
    )
    for text, basis in candidates:
        if text:
            published = parse_published(text, basis=basis, home_zone=zone)
            if published is not None:
                return published
    return None


def bound_title(title: str | None) -> tuple[str | None, Removal | None]:
    """The title kept, at most ``MAX_TITLE_CHARS`` characters, and what was cut off, if any.

    A longer title is cut after its last whole word within the bound (a title with no space
    there is cut at the bound itself); the rest is recorded as a removal, with the reason.
    """
    if title is None or len(title) <= MAX_TITLE_CHARS:
        return title, None
    text = title.lstrip()
    head = text[: MAX_TITLE_CHARS + 1]
    cut = max((m.start() for m in _SPACE.finditer(head)), default=0)
    kept = text[: cut or MAX_TITLE_CHARS].rstrip() or None
    rest = text[len(kept or "") :].strip()
    detail = (
        f"title past its first {MAX_TITLE_CHARS:,} characters (a title is one line; "
        f"this one ran to {len(title):,})"
    )
    return kept, Removal(rest, "long-title", detail, "header")
