"""Shared fixtures: small Reports built by hand, so tests need no pipeline and no models."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from newsfuse.model import (
    Article,
    Outlet,
    Published,
    Rejection,
    Removal,
    Report,
    Span,
    Story,
    content_id,
)
from newsfuse.render.json import SCHEMA_PATH

BST = timezone(timedelta(hours=1))
# jsonschema checks "date-time" only if rfc3339-validator is installed; check it ourselves.
RFC3339 = re.compile(r"\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)")


@pytest.fixture(scope="session")
def schema_errors() -> Callable[[Any], list[str]]:
    """Validate against report.schema.json (draft 2020-12, formats checked); [] when valid."""
    formats = FormatChecker()

    @formats.checks("date-time", raises=ValueError)
    def _is_rfc3339(value: object) -> bool:
        if not isinstance(value, str):
            return True
        datetime.fromisoformat(value)
        return RFC3339.fullmatch(value) is not None

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=formats)

    def errors(data: Any) -> list[str]:
        return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]

    return errors


def make_article(
    text: str,
    *,
    source: str = "examples/seeds/000.txt",
    title: str | None = "A title",
    **fields: object,
) -> Article:
    """An Article over ``text`` with one paragraph per blank-line-separated block."""
    spans: list[Span] = []
    start = 0
    for block in text.split("\n\n"):
        if block.strip():
            spans.append(Span(start, start + len(block)))
        start += len(block) + 2
    defaults: dict[str, object] = {
        "id": content_id(text),
        "source": source,
        "kind": "text",
        "text": text,
        "paragraphs": tuple(spans),
        "title": title,
        "standfirst": None,
        "authors": (),
        "published": None,
        "outlet": None,
        "url": None,
        "truncated": False,
        "removed": (),
    }
    defaults.update(fields)
    return Article(**defaults)  # type: ignore[arg-type]


@pytest.fixture(name="make_article")
def make_article_fixture() -> Callable[..., Article]:
    """``make_article`` for tests that build their own articles."""
    return make_article


@pytest.fixture
def sample_report() -> Report:
    """Two articles (one fully described, one bare and truncated) and one rejected input."""
    independent = make_article(
        "North Korea’s Kim Jong-un has extended his trip to Russia for an undisclosed period.\n\n"
        "Kremlin spokesperson Dmitry Peskov said Mr Kim would stay “a few more days”.",
        source="examples/seeds/000_b415e76acb0cc0e8.txt",
        title="Kim Jong-un unexpectedly extends visit to Russia",
        standfirst="Putin earlier gifted a spacesuit to the North Korean leader",
        authors=("Shweta Sharma",),
        published=Published(
            at=datetime(2023, 9, 15, 11, 9, tzinfo=BST),
            precision="minute",
            basis="byline line 'Friday 15 September 2023 11:09 BST'",
            timezone_stated=True,
        ),
        outlet=Outlet(name="The Independent", domain="independent.co.uk", basis="footer"),
        url="https://www.independent.co.uk/asia/north-korea-kim-russia.html",
        removed=(
            Removal("Comments", "ui-label", "share/comment widget label", "header", 6),
            Removal(
                "Join our commenting forum", "comments-promo", "comment call-to-action", "footer"
            ),
            Removal("Comments", "ui-label", "share/comment widget label", "footer", 40),
        ),
        language="en",
    )
    bare = make_article(
        "Kim arrived in Komsomolsk-on-Amur aboard his armoured train.",
        source="examples/seeds/003_87ed2bb5de27af78.txt",
        title=None,
        truncated=True,
        notes=("no byline found",),
    )
    story = Story(
        id=content_id(independent.id + bare.id),
        title="Kim Jong-un tours Russian fighter jet plant",
        article_ids=(independent.id, bare.id),
        outlets=("The Independent",),
        first_published=independent.published.at if independent.published else None,
        last_published=independent.published.at if independent.published else None,
    )
    rejection = Rejection(
        source="examples/seeds/broken.bin",
        reason="undecodable",
        message="examples/seeds/broken.bin is not text in any known encoding; convert it to UTF-8.",
    )
    return Report(
        format_version="1",
        story=story,
        articles=(independent, bare),
        rejections=(rejection,),
    )


HOSTILE = '<script>alert(1)</script> "quoted" & AT&amp;T'


@pytest.fixture
def hostile_report(sample_report: Report) -> Report:
    """The sample plus an article and a rejection whose every string is hostile markup."""
    article = make_article(
        f"{HOSTILE}\n\n<img src=x onerror=alert(2)> [click](javascript:alert(3))",
        title=HOSTILE,
        authors=(HOSTILE,),
        source=f"inputs/{HOSTILE}.html",
        url="javascript:alert(1)",
        standfirst=HOSTILE,
        outlet=Outlet(name=HOSTILE, domain=HOSTILE, basis=HOSTILE),
        removed=(Removal(HOSTILE, HOSTILE, HOSTILE, "body", 1),),
        notes=(HOSTILE,),
    )
    rejection = Rejection(source=HOSTILE, reason=HOSTILE, message=HOSTILE)
    return replace(
        sample_report,
        articles=(*sample_report.articles, article),
        rejections=(*sample_report.rejections, rejection),
    )
