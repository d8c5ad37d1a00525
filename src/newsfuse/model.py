"""The data model: frozen, typed values shared by every stage. No I/O here.

Text positions are character offsets into ``Article.text`` so that anything said about an
article (a quote, a claim, a timeline entry) can be traced to the exact words of its source.
Ids are content hashes: the same input always gets the same id, so re-ingesting is a no-op.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import Any, Literal

Precision = Literal["year", "month", "day", "hour", "minute", "second"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
InputKind = Literal["text", "html", "jsonl"]
Zone = Literal["header", "body", "footer"]
# A JSON value as the standard library reads it: str, int, float, bool, None, and lists and
# str-keyed dicts of them. Only ``extra`` fields hold them; ``serial`` checks them.
JsonValue = Any


def content_id(text: str, *, length: int = 16) -> str:
    """A stable id for a piece of content: the first hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


@dataclass(frozen=True)
class Span:
    """A half-open character range ``[start, end)`` into one article's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def of(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True)
class SourceHints:
    """Metadata that arrived with the input itself (a JSONL record's fields), not yet trusted.

    ``extra`` holds the record's other fields (the user's own ids, tags, ...), JSON values as
    read; ``extra_left_out`` names those that did not fit the size limit for them.
    """

    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()
    extra: dict[str, JsonValue] = field(default_factory=dict, hash=False)
    extra_left_out: tuple[str, ...] = ()


@dataclass(frozen=True)
class RawDocument:
    """One decoded input document and where it came from, before any cleaning."""

    source: str
    kind: InputKind
    content: str
    encoding: str
    hints: SourceHints = field(default_factory=SourceHints)

    @cached_property
    def id(self) -> str:
        return content_id(self.content)


@dataclass(frozen=True)
class Removal:
    """A piece of the input left out of the article text, with the reason it was removed."""

    text: str
    reason: str
    detail: str
    zone: Zone
    line: int | None = None


@dataclass(frozen=True)
class Published:
    """When an article was published, as precisely as the source says, and how we know."""

    at: datetime
    precision: Precision
    basis: str
    timezone_stated: bool
    inferred: bool = False

    def __post_init__(self) -> None:
        if self.at.tzinfo is None or self.at.utcoffset() is None:
            raise ValueError("Published.at must be timezone-aware")


@dataclass(frozen=True)
class Outlet:
    """The publication an article comes from, with the evidence that names it."""

    name: str
    domain: str | None
    basis: str


CitedField = Literal["text", "title", "standfirst"]


@dataclass(frozen=True)
class Citation:
    """Evidence: a span of one article's text, or of its headline or standfirst.

    Headlines state facts too ("Kim heads home after six-day visit"), often the only place an
    outlet states them, so a claim may rest on them; ``field`` says which string ``span`` is in.
    """

    article_id: str
    span: Span
    field: CitedField = "text"


@dataclass(frozen=True)
class EntityMention:
    """A named entity as written in one article (spaCy label: PERSON, ORG, GPE, ...)."""

    span: Span
    text: str
    label: str


@dataclass(frozen=True)
class Entity:
    """One real-world person, place or organisation across a story, with every mention."""

    id: str
    name: str
    label: str
    variants: tuple[str, ...]
    mentions: tuple[Citation, ...]


@dataclass(frozen=True)
class TimeExpression:
    """A time expression normalised TIMEX3-style relative to the publication date.

    ``value`` is the TIMEX3 value ("2023-09-13", "2023-W37", "P6D", "PRESENT_REF");
    ``start`` is the first day it denotes when it names a calendar period, else None.
    """

    span: Span
    text: str
    type: TimexType
    value: str
    start: date | None = None
    precision: Precision | None = None


@dataclass(frozen=True)
class Quote:
    """Something a source said: the content span, who said it, the cue, and if verbatim."""

    content: Span
    direct: bool
    speaker: str | None = None
    speaker_span: Span | None = None
    cue: str | None = None
    cue_span: Span | None = None


@dataclass(frozen=True)
class EventMention:
    """One event as one article tells it: a trigger ("visited", "summit") with who did it, to
    whom or what, where and when, as spans of one of the article's strings (``field``).

    ``extent`` is the whole proposition around the trigger (the trigger's clause without the
    clauses embedded in it, its subject included), so whatever cites the event cites words
    that state it whole. ``reporting`` marks a speech act ("said", "announced").
    """

    trigger: Span
    lemma: str
    extent: Span
    sentence: Span
    agent: Span | None = None
    patient: Span | None = None
    places: tuple[Span, ...] = ()
    times: tuple[Span, ...] = ()
    negated: bool = False
    reporting: bool = False
    field: CitedField = "text"


@dataclass(frozen=True)
class Article:
    """A cleaned article: one body text plus metadata, and everything that was removed.

    ``extra`` is what the input carried beyond the fields newsfuse reads (a JSONL record's
    own ids, tags, any other keys), kept as JSON values for the user; newsfuse never reads it.
    """

    id: str
    source: str
    kind: InputKind
    text: str
    paragraphs: tuple[Span, ...]
    title: str | None
    standfirst: str | None
    authors: tuple[str, ...]
    published: Published | None
    outlet: Outlet | None
    url: str | None
    truncated: bool
    removed: tuple[Removal, ...]
    notes: tuple[str, ...] = ()
    language: str | None = None
    sentences: tuple[Span, ...] = ()
    entities: tuple[EntityMention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    timexes: tuple[TimeExpression, ...] = ()
    events: tuple[EventMention, ...] = ()
    extra: dict[str, JsonValue] = field(default_factory=dict, hash=False)

    def cited(self, citation: Citation) -> str:
        """The words a citation of this article points at; "" when it points past the end."""
        source = {"text": self.text, "title": self.title, "standfirst": self.standfirst}
        whole = source[citation.field] or ""
        return "" if citation.span.end > len(whole) else citation.span.of(whole)

    @property
    def word_count(self) -> int:
        return len(self.text.split())

    @classmethod
    def from_text(cls, article_id: str, text: str, *, source: str | None = None) -> Article:
        """An article that is only its text (one paragraph, no metadata, nothing removed):
        for running later stages on text that did not come through cleaning."""
        return cls(
            id=article_id, source=source or f"{article_id}.txt", kind="text", text=text,
            paragraphs=(Span(0, len(text)),), title=None, standfirst=None, authors=(),
            published=None, outlet=None, url=None, truncated=False, removed=(),
        )  # fmt: skip


@dataclass(frozen=True)
class QuoteGroup:
    """One statement as several outlets report it (verbatim, paraphrased or translated)."""

    id: str
    speaker: str | None
    speaker_entity_id: str | None
    text: str
    direct: bool
    variants: tuple[Citation, ...]


@dataclass(frozen=True)
class TimelineEntry:
    """An event of the story on an absolute date, citing every sentence that reports it."""

    id: str
    start: date
    precision: Precision
    value: str
    text: str
    citations: tuple[Citation, ...]
    outlets: tuple[str, ...]


@dataclass(frozen=True)
class Event:
    """One real-world event across a story: every mention of it, its date, place and who.

    ``date``/``precision`` come from the time expressions its mentions carry (``date_basis``
    says which and how many agree); None when no article dates it.
    """

    id: str
    name: str
    text: str
    mentions: tuple[Citation, ...]
    articles: tuple[str, ...]
    date: date | None = None
    precision: Precision | None = None
    date_basis: str | None = None
    places: tuple[str, ...] = ()
    participants: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rejection:
    """An input that could not become an article, with a one-line reason a user can act on."""

    source: str
    reason: str
    message: str


@dataclass(frozen=True)
class Story:
    """A set of articles reporting one story. Part 1 treats all inputs of a digest as one."""

    id: str
    title: str | None
    article_ids: tuple[str, ...]
    outlets: tuple[str, ...]
    first_published: datetime | None
    last_published: datetime | None

    def __post_init__(self) -> None:
        for value in (self.first_published, self.last_published):
            if value is not None and value.utcoffset() is None:
                raise ValueError("Story dates must be timezone-aware")


@dataclass(frozen=True)
class SyndicationGroup:
    """Articles whose texts are copies or light rewrites of one another (wire copy).

    Support is counted once per group, so ten outlets carrying one wire story count as one
    independent source. ``earliest`` is the member published first (ties by id).
    """

    id: str
    earliest: str
    members: tuple[str, ...]
    similarity: float


def source_keys(
    articles: Iterable[Article], syndication: Iterable[SyndicationGroup]
) -> dict[str, str]:
    """Each article's independent source. The copies of one syndicated text printed by
    several outlets are one source (the wire), whoever prints them; one outlet's own
    articles are one source, its copies of its own texts included; an article with neither
    counts alone. Independent support (facts, the report's rankings) counts these keys."""
    keys: dict[str, str] = {}
    for a in articles:
        named = a.outlet is not None and a.outlet.name
        keys[a.id] = f"outlet:{a.outlet.name.casefold()}" if named else f"article:{a.id}"
    for group in syndication:
        printers = {keys.get(m, f"article:{m}") for m in group.members}
        if len(printers) > 1:  # a text several outlets carry: the wire is its source
            keys.update((m, f"wire:{group.id}") for m in group.members)
    return keys


@dataclass(frozen=True)
class Membership:
    """Why one article belongs to its story: the evidence, not just the verdict."""

    article_id: str
    story_id: str
    score: float
    reasons: tuple[str, ...]
    linked_to: str | None = None


StoryEventKind = Literal["created", "joined", "merged", "split"]


@dataclass(frozen=True)
class StoryEvent:
    """One change in story grouping, kept as history (a merge names the stories absorbed)."""

    seq: int
    kind: StoryEventKind
    story_id: str
    article_id: str | None = None
    others: tuple[str, ...] = ()


@dataclass(frozen=True)
class Claim:
    """An atomic statement taken from one sentence of one article.

    ``attribution`` keeps who the article says made the statement ("Peskov", "TASS"), so an
    attributed statement is never turned into a bare fact.
    """

    id: str
    article_id: str
    span: Span
    text: str
    attribution: str | None = None
    entities: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()
    field: CitedField = "text"  # which string of the article ``span`` is in


@dataclass(frozen=True)
class Fact:
    """Claims from different articles that state the same thing, with who backs and omits it."""

    id: str
    text: str
    claims: tuple[Citation, ...]
    supporting_articles: tuple[str, ...]
    independent_support: int
    omitting_articles: tuple[str, ...] = ()
    attribution: str | None = None


DiscrepancyKind = Literal["contradiction", "specificity", "number", "date", "spelling"]


@dataclass(frozen=True)
class Variant:
    """One way the outlets put a contested detail, with the exact words that say it."""

    text: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class Discrepancy:
    """Where the outlets differ on one detail; ``kind`` says how (a spelling is not a conflict)."""

    id: str
    kind: DiscrepancyKind
    description: str
    variants: tuple[Variant, ...]
    fact_id: str | None = None


@dataclass(frozen=True)
class SummarySentence:
    """One sentence of the cited summary; every sentence cites the spans it rests on."""

    text: str
    citations: tuple[Citation, ...]
    fact_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Summary:
    """The short account, then what one outlet alone reports and where the outlets differ."""

    sentences: tuple[SummarySentence, ...]
    single_source: tuple[str, ...] = ()
    differences: tuple[str, ...] = ()


@dataclass(frozen=True)
class Report:
    """Everything a digest produced: the story, its articles, and the rejected inputs.

    Later stages (entities, quotes, timeline, claims, summary) add fields here; renderers
    only read a Report, they never run the pipeline.
    """

    format_version: str
    story: Story
    articles: tuple[Article, ...]
    rejections: tuple[Rejection, ...]
    entities: tuple[Entity, ...] = ()
    quotes: tuple[QuoteGroup, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    events: tuple[Event, ...] = ()
    syndication: tuple[SyndicationGroup, ...] = ()
    memberships: tuple[Membership, ...] = ()
    claims: tuple[Claim, ...] = ()
    facts: tuple[Fact, ...] = ()
    discrepancies: tuple[Discrepancy, ...] = ()
    summary: Summary | None = None
