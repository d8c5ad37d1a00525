"""Shared fixtures: small Reports built by hand, so tests need no pipeline and no models."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from newsfuse.model import (
    Article,
    Citation,
    Entity,
    EntityMention,
    Outlet,
    Published,
    Quote,
    QuoteGroup,
    Rejection,
    Removal,
    Report,
    Span,
    Story,
    TimeExpression,
    TimelineEntry,
    TimexType,
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


def find(text: str, phrase: str, nth: int = 0) -> Span:
    """The span of the ``nth`` occurrence of ``phrase`` in ``text`` (it must be there)."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return Span(start, start + len(phrase))


def mentions(text: str, *pairs: tuple[str, str]) -> tuple[EntityMention, ...]:
    """EntityMentions of (words, label) pairs, each at the words' first occurrence in text."""
    return tuple(EntityMention(find(text, words), words, label) for words, label in pairs)


def timex(text: str, phrase: str, kind: TimexType, value: str, *rest: Any) -> TimeExpression:
    """A TimeExpression at the first occurrence of ``phrase``; ``rest`` is (start, precision)."""
    return TimeExpression(find(text, phrase), phrase, kind, value, *rest)


@pytest.fixture(name="make_article")
def make_article_fixture() -> Callable[..., Article]:
    """``make_article`` for tests that build their own articles."""
    return make_article


INDEPENDENT_TEXT = (
    "North Korea’s Kim Jong-un has extended his trip to Russia for an undisclosed period.\n\n"
    "Kremlin spokesperson Dmitry Peskov said on Friday that Mr Kim would stay “a few more days”."
    " The visit began in September."
)
BARE_TEXT = (
    "Kim arrived in Komsomolsk-on-Amur aboard his armoured train on Friday. "
    "Peskov said Kim would stay for a few more days."
)


@pytest.fixture
def sample_report() -> Report:
    """Two articles (one fully described, one bare and truncated) and one rejected input.

    Both articles carry language analysis (sentences, entities, quotes, time expressions), and
    the report has a two-entry timeline, a quote two outlets print differently, and entities.
    """
    text = INDEPENDENT_TEXT
    independent = make_article(
        text,
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
        sentences=(
            Span(0, 84),
            Span(86, text.index(" The visit")),
            find(text, "The visit began in September."),
        ),
        entities=mentions(
            text,
            ("North Korea", "GPE"),
            ("Kim Jong-un", "PERSON"),
            ("Russia", "GPE"),
            ("Kremlin", "ORG"),
            ("Dmitry Peskov", "PERSON"),
            ("Mr Kim", "PERSON"),
        ),
        quotes=(
            Quote(
                content=find(text, "a few more days"),
                direct=True,
                speaker="Dmitry Peskov",
                speaker_span=find(text, "Dmitry Peskov"),
                cue="said",
                cue_span=find(text, "said"),
            ),
        ),
        timexes=(
            timex(text, "Friday", "DATE", "2023-09-15", date(2023, 9, 15), "day"),
            timex(text, "a few more days", "DURATION", "PXD"),
            timex(text, "September", "DATE", "2023-09", date(2023, 9, 1), "month"),
        ),
    )
    bare = make_article(
        BARE_TEXT,
        source="examples/seeds/003_87ed2bb5de27af78.txt",
        title=None,
        truncated=True,
        notes=("no byline found",),
        sentences=(
            Span(0, BARE_TEXT.index(" Peskov")),
            find(BARE_TEXT, "Peskov said Kim would stay for a few more days."),
        ),
        entities=(
            *mentions(
                BARE_TEXT, ("Kim", "PERSON"), ("Komsomolsk-on-Amur", "GPE"), ("Peskov", "PERSON")
            ),
            EntityMention(find(BARE_TEXT, "Kim", 1), "Kim", "PERSON"),
        ),
        quotes=(
            Quote(
                content=find(BARE_TEXT, "Kim would stay for a few more days"),
                direct=False,
                speaker="Peskov",
                speaker_span=find(BARE_TEXT, "Peskov"),
                cue="said",
                cue_span=find(BARE_TEXT, "said"),
            ),
        ),
        timexes=(timex(BARE_TEXT, "Friday", "DATE", "2023-09-15", date(2023, 9, 15), "day"),),
    )
    a, b = independent.id, bare.id
    kim = Entity(
        id=content_id("PERSON:kim jong-un"),
        name="Kim Jong-un",
        label="PERSON",
        variants=("Kim Jong-un", "Kim", "Mr Kim"),
        mentions=(
            Citation(a, find(text, "Kim Jong-un")),
            Citation(a, find(text, "Mr Kim")),
            Citation(b, find(BARE_TEXT, "Kim")),
            Citation(b, find(BARE_TEXT, "Kim", 1)),
        ),
    )
    peskov = Entity(
        id=content_id("PERSON:dmitry peskov"),
        name="Dmitry Peskov",
        label="PERSON",
        variants=("Dmitry Peskov", "Peskov"),
        mentions=(
            Citation(a, find(text, "Dmitry Peskov")),
            Citation(b, find(BARE_TEXT, "Peskov")),
        ),
    )
    places = tuple(
        Entity(content_id(f"{label}:{name}"), name, label, (name,), (Citation(aid, span),))
        for name, label, aid, span in (
            ("Kremlin", "ORG", a, find(text, "Kremlin")),
            ("Russia", "GPE", a, find(text, "Russia")),
            ("Komsomolsk-on-Amur", "GPE", b, find(BARE_TEXT, "Komsomolsk-on-Amur")),
        )
    )
    quote = QuoteGroup(
        id=content_id("quote:peskov"),
        speaker="Dmitry Peskov",
        speaker_entity_id=peskov.id,
        text="a few more days",
        direct=True,
        variants=(
            Citation(a, independent.quotes[0].content),
            Citation(b, bare.quotes[0].content),
        ),
    )
    timeline = (
        TimelineEntry(
            id=content_id("timeline:september"),
            start=date(2023, 9, 1),
            precision="month",
            value="2023-09",
            text="The visit began in September.",
            citations=(Citation(a, independent.sentences[2]),),
            outlets=("The Independent",),
        ),
        TimelineEntry(
            id=content_id("timeline:friday"),
            start=date(2023, 9, 15),
            precision="day",
            value="2023-09-15",
            text="Kim arrived in Komsomolsk-on-Amur aboard his armoured train on Friday.",
            citations=(Citation(b, bare.sentences[0]), Citation(a, independent.sentences[1])),
            outlets=("The Independent", "unknown outlet"),
        ),
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
        format_version="3",
        story=story,
        articles=(independent, bare),
        rejections=(rejection,),
        entities=(kim, peskov, *places),
        quotes=(quote,),
        timeline=timeline,
    )


HOSTILE = '<script>alert(1)</script> "quoted" & AT&amp;T'


@pytest.fixture
def hostile_report(sample_report: Report) -> Report:
    """The sample plus an article, a rejection, an entity, a quote and a timeline entry whose
    every string is hostile markup, with citations into the hostile article's text."""
    text = f"{HOSTILE}\n\n<img src=x onerror=alert(2)> [click](javascript:alert(3))"
    whole = Span(0, len(HOSTILE))
    article = make_article(
        text,
        title=HOSTILE,
        authors=(HOSTILE,),
        source=f"inputs/{HOSTILE}.html",
        url="javascript:alert(1)",
        standfirst=HOSTILE,
        outlet=Outlet(name=HOSTILE, domain=HOSTILE, basis=HOSTILE),
        removed=(Removal(HOSTILE, HOSTILE, HOSTILE, "body", 1),),
        notes=(HOSTILE,),
        language=HOSTILE,
        sentences=(whole, find(text, "<img")),
        entities=(EntityMention(whole, HOSTILE, HOSTILE),),
        quotes=(Quote(whole, True, HOSTILE, whole, HOSTILE, whole),),
        timexes=(TimeExpression(whole, HOSTILE, "SET", HOSTILE, date(2023, 9, 1), "year"),),
    )
    cited = (Citation(article.id, whole), Citation(article.id, find(text, "[click]")))
    entity = Entity(HOSTILE, HOSTILE, HOSTILE, (HOSTILE, f"{HOSTILE}!"), cited)
    quote = QuoteGroup(HOSTILE, HOSTILE, HOSTILE, HOSTILE, False, cited)
    entry = TimelineEntry(HOSTILE, date(2023, 1, 1), "year", HOSTILE, HOSTILE, cited, (HOSTILE,))
    rejection = Rejection(source=HOSTILE, reason=HOSTILE, message=HOSTILE)
    return replace(
        sample_report,
        articles=(*sample_report.articles, article),
        rejections=(*sample_report.rejections, rejection),
        entities=(*sample_report.entities, entity),
        quotes=(*sample_report.quotes, quote),
        timeline=(*sample_report.timeline, entry),
    )
