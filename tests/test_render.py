"""Renderers: the JSON round-trips and matches its schema; HTML and Markdown keep input inert."""

from __future__ import annotations

import dataclasses
import json
import re
import typing
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from markdown_it import MarkdownIt  # comes with rich; parses like GitHub and GitLab do

from newsfuse.model import (
    Article,
    Citation,
    Entity,
    EntityMention,
    Outlet,
    Precision,
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
    Zone,
)
from newsfuse.render import render_html, report_from_dict, report_to_dict, write_report
from newsfuse.render.json import SCHEMA_PATH, dumps, read_json, write_json
from newsfuse.render.markdown import (
    ENTITY_LIMIT,
    NO_DATE,
    NO_TITLE,
    NO_WORDS,
    article_title,
    format_day,
    render_markdown,
)
from newsfuse.serial import to_jsonable

DOCS = Path(__file__).resolve().parent.parent / "docs" / "format.md"
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# make_article is a pure function, so sharing it across examples is safe.
PURE_FIXTURES = settings(FAST, suppress_health_check=[HealthCheck.function_scoped_fixture])

# -- schema validation --------------------------------------------------------------------------

SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
Errors = Callable[[Any], list[str]]


def test_schema_is_valid_and_matches_sample_output(
    sample_report: Report, schema_errors: Errors
) -> None:
    Draft202012Validator.check_schema(SCHEMA)
    data = report_to_dict(sample_report)
    assert schema_errors(data) == []
    assert data["timeline"] and data["quotes"] and data["entities"]
    data["later_section"] = [{"later": "sections"}]  # the top level is open for later stages
    assert schema_errors(data) == []


def model_classes(cls: type = Report) -> set[type]:
    """Every dataclass a Report can contain, found through the type hints of its fields."""
    found: set[type] = set()

    def visit(tp: Any) -> None:
        if isinstance(tp, type) and dataclasses.is_dataclass(tp) and tp not in found:
            found.add(tp)
            for hint in typing.get_type_hints(tp).values():
                visit(hint)
        for arg in typing.get_args(tp):
            visit(arg)

    visit(cls)
    return found - {cls}


def test_schema_names_exactly_the_model_fields() -> None:
    """Drift guard: a field added to a nested dataclass must be added to the schema too."""
    classes = model_classes()
    assert {Citation, Entity, EntityMention, Quote, QuoteGroup, TimeExpression} <= classes
    assert {TimelineEntry, Story, Article, Published, Outlet, Removal, Rejection, Span} <= classes
    for cls in classes:
        definition = SCHEMA["$defs"][cls.__name__]
        names = [f.name for f in dataclasses.fields(cls)]
        assert sorted(definition["properties"]) == sorted(names), cls.__name__
        assert sorted(definition["required"]) == sorted(names), cls.__name__
        assert definition["additionalProperties"] is False
    assert sorted(SCHEMA["required"]) == sorted(f.name for f in dataclasses.fields(Report))
    assert "additionalProperties" not in SCHEMA  # later stages add top-level sections


def _with(data: dict[str, Any], path: tuple[str | int, ...], value: object) -> dict[str, Any]:
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


@pytest.mark.parametrize(
    ("path", "value", "error"),
    [
        (("story", "first_published"), "2023-09-15T11:09:00", ValueError),  # no offset
        (("story", "first_published"), "15 September 2023", ValueError),
        (("articles", 0, "published", "precision"), "week", ValueError),
        (("articles", 0, "kind"), "pdf", ValueError),
        (("articles", 0, "removed", 0, "zone"), "sidebar", ValueError),
        (("articles", 0, "paragraphs", 0, "start"), -1, ValueError),
        (("articles", 0, "paragraphs", 0, "end"), True, TypeError),
        (("articles", 0, "truncated"), "no", TypeError),
        (("articles", 0, "authors"), "Shweta Sharma", TypeError),
        (("articles", 0, "surprise"), 1, ValueError),
        (("story", "id"), "", None),  # the model allows it; the format does not
        (("timeline", 0, "start"), "13 September 2023", ValueError),
        (("timeline", 0, "start"), "20230913", ValueError),  # ISO, but not the YYYY-MM-DD form
        (("timeline", 0, "start"), "2023-09-13T00:00:00+00:00", ValueError),
        (("timeline", 0, "precision"), "week", ValueError),
        (("timeline", 0, "citations", 0, "span"), None, TypeError),
        (("articles", 0, "timexes", 0, "type"), "WEEK", ValueError),
        (("articles", 0, "timexes", 0, "start"), "2023-W37-5", ValueError),
        (("articles", 0, "quotes", 0, "direct"), "yes", TypeError),
        (("articles", 0, "entities", 0, "surprise"), 1, ValueError),
        (("entities", 0, "mentions", 0, "span", "start"), -1, ValueError),
        (("quotes", 0, "variants"), {}, TypeError),
        (("quotes", 0, "speaker_entity_id"), "", None),
    ],
)
def test_schema_and_reader_reject_drift(
    sample_report: Report,
    path: tuple[str | int, ...],
    value: object,
    error: type[Exception] | None,
    schema_errors: Errors,
) -> None:
    data = _with(report_to_dict(sample_report), path, value)
    assert schema_errors(data)
    if error is not None:
        with pytest.raises(error):
            report_from_dict(data)


# -- JSON ---------------------------------------------------------------------------------------


def test_json_encodes_datetimes_spans_and_tuples(sample_report: Report) -> None:
    data = report_to_dict(sample_report)
    article = data["articles"][0]
    assert article["published"]["at"] == "2023-09-15T11:09:00+01:00"
    assert article["paragraphs"][0] == {"start": 0, "end": 84}
    assert article["authors"] == ["Shweta Sharma"]
    assert list(article) == [f.name for f in dataclasses.fields(Article)]
    assert data["articles"][1]["published"] is None
    assert data["timeline"][0]["start"] == "2023-09-01"
    assert data["articles"][0]["timexes"][1]["start"] is None
    assert data["quotes"][0]["variants"][1] == {
        "article_id": sample_report.articles[1].id,
        "span": {"start": 83, "end": 117},
        "field": "text",
    }
    lmt = datetime(1900, 1, 1, tzinfo=timezone(timedelta(minutes=19, seconds=32)))
    assert to_jsonable(lmt) == "1899-12-31T23:40:28+00:00"  # RFC 3339 has no offset seconds


def test_json_round_trips_through_a_file(sample_report: Report, tmp_path: Path) -> None:
    path = write_json(sample_report, tmp_path / "report.json")
    first = path.read_bytes()
    assert read_json(path) == sample_report
    assert write_json(sample_report, path).read_bytes() == first  # deterministic


def test_json_text_is_what_the_standard_encoder_writes(sample_report: Report) -> None:
    """The fast encoder writes the very bytes the documented format (indent 2, UTF-8 kept)
    would have from the standard library, non-ASCII text included."""
    from newsfuse.render.json import dumps

    expected = json.dumps(report_to_dict(sample_report), ensure_ascii=False, indent=2) + "\n"
    assert dumps(sample_report) == expected


def test_naive_datetimes_are_refused(sample_report: Report) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        dataclasses.replace(sample_report.story, first_published=datetime(2023, 9, 15))
    # The JSON writer refuses one too, should a value ever slip past the model's check.
    story = dataclasses.replace(sample_report.story)
    object.__setattr__(story, "first_published", datetime(2023, 9, 15))
    with pytest.raises(ValueError, match="naive"):
        report_to_dict(dataclasses.replace(sample_report, story=story))


def test_report_from_dict_fills_defaults_for_missing_fields(sample_report: Report) -> None:
    data = report_to_dict(sample_report)
    del data["articles"][1]["notes"], data["articles"][1]["language"]
    del data["articles"][1]["timexes"], data["timeline"]  # as in a format "1" file
    back = report_from_dict(data)
    article = back.articles[1]
    assert (article.notes, article.language, article.timexes) == ((), None, ())
    assert back.timeline == () and back.quotes == sample_report.quotes
    del data["articles"][1]["text"]
    with pytest.raises(ValueError, match="missing field 'text'"):
        report_from_dict(data)


# -- hypothesis strategies: random but valid Reports -------------------------------------------

offsets = st.integers(-14 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
aware = st.datetimes(
    min_value=datetime(1000, 1, 1), max_value=datetime(9000, 1, 1), timezones=offsets
)
texts = st.text(max_size=60)
optional_text = st.none() | texts
ids = st.text(min_size=1, max_size=20)
text_tuples = st.lists(texts, max_size=3).map(tuple)


dates = st.dates(min_value=date(1000, 1, 1), max_value=date(9000, 1, 1))
precisions = st.sampled_from(typing.get_args(Precision))
labels = st.sampled_from(["PERSON", "ORG", "GPE", "LOC", "NORP", "ROLE"]) | st.text(
    min_size=1, max_size=8
)
words = st.text(max_size=12)  # short strings keep the bigger structures quick to generate


def spans_in(text: str) -> st.SearchStrategy[Span]:
    ends = st.integers(0, len(text))
    return st.tuples(ends, ends).map(lambda ab: Span(min(ab), max(ab)))


def listed(strategy: st.SearchStrategy[Any], size: int = 3) -> st.SearchStrategy[tuple[Any, ...]]:
    return st.lists(strategy, max_size=size).map(tuple)


@st.composite
def articles(draw: st.DrawFn) -> Article:
    text = draw(st.text(max_size=300))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    spans = spans_in(text)
    maybe_spans = st.none() | spans
    quotes = st.builds(
        Quote, spans, st.booleans(), st.none() | words, maybe_spans, st.none() | words, maybe_spans
    )
    timexes = st.builds(
        TimeExpression, spans, words, st.sampled_from(typing.get_args(TimexType)), words,
        st.none() | dates, st.none() | precisions,
    )  # fmt: skip
    return Article(
        id=draw(ids),
        source=draw(texts),
        kind=draw(st.sampled_from(["text", "html", "jsonl"])),
        text=text,
        paragraphs=tuple(Span(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False)),
        title=draw(optional_text),
        standfirst=draw(optional_text),
        authors=draw(text_tuples),
        published=draw(st.none() | published),
        outlet=draw(st.none() | st.builds(Outlet, texts, optional_text, texts)),
        url=draw(optional_text | st.sampled_from(["https://example.org/a?b=1&c=<2>", "ftp://x"])),
        truncated=draw(st.booleans()),
        removed=tuple(draw(st.lists(removals, max_size=4))),
        notes=draw(text_tuples),
        language=draw(optional_text),
        sentences=draw(listed(spans)),
        entities=draw(listed(st.builds(EntityMention, spans, words, labels))),
        quotes=draw(listed(quotes, 2)),
        timexes=draw(listed(timexes, 2)),
    )


published = st.builds(Published, aware, precisions, texts, st.booleans(), st.booleans())
zones = st.sampled_from(typing.get_args(Zone))
removals = st.builds(Removal, texts, texts, texts, zones, st.none() | st.integers(0, 10**6))


def citations_into(docs: tuple[Article, ...]) -> st.SearchStrategy[Citation]:
    """Citations of spans inside the given articles; without articles, dangling ones."""
    if not docs:
        return st.builds(Citation, ids, spans_in("x" * 20))
    return st.sampled_from(docs).flatmap(
        lambda a: st.builds(Citation, st.just(a.id), spans_in(a.text))
    )


stories = st.builds(
    Story, ids, optional_text, text_tuples, text_tuples, st.none() | aware, st.none() | aware
)


@st.composite
def reports(draw: st.DrawFn) -> Report:
    docs = tuple(draw(st.lists(articles(), max_size=3, unique_by=lambda a: a.id)))
    cites = listed(citations_into(docs))
    variants = listed(words, 2)
    entities = draw(listed(st.builds(Entity, ids, words, labels, variants, cites)))
    entity_ids = st.sampled_from([e.id for e in entities]) if entities else ids
    quotes = st.builds(
        QuoteGroup, ids, st.none() | words, st.none() | entity_ids, texts, st.booleans(), cites
    )
    timeline = st.builds(TimelineEntry, ids, dates, precisions, words, texts, cites, variants)
    return Report(
        format_version=draw(st.text(min_size=1, max_size=5)),
        story=draw(stories),
        articles=docs,
        rejections=draw(listed(st.builds(Rejection, texts, texts, texts), 2)),
        entities=entities,
        quotes=draw(listed(quotes)),
        timeline=draw(listed(timeline)),
    )


@FAST
@given(report=reports())
def test_json_round_trip_property(report: Report, schema_errors: Errors) -> None:
    data = json.loads(dumps(report))
    back = report_from_dict(data)
    assert back == report
    assert schema_errors(data) == []
    lengths = {a.id: len(a.text) for a in back.articles}
    for article in back.articles:
        spans = [*article.paragraphs, *article.sentences]
        spans += [m.span for m in article.entities] + [t.span for t in article.timexes]
        spans += [q.content for q in article.quotes]
        for span in spans:
            assert 0 <= span.start <= span.end <= len(article.text)
    cited = [c for e in back.entities for c in e.mentions]
    cited += [c for q in back.quotes for c in q.variants]
    cited += [c for t in back.timeline for c in t.citations]
    for citation in cited:
        if back.articles:
            assert citation.span.end <= lengths[citation.article_id]


def test_real_digest_output_matches_schema(schema_errors: Errors) -> None:
    """The pipeline's own output on the example seeds, not just hand-built reports."""
    from newsfuse.pipeline import digest_paths

    report = digest_paths([str(Path(__file__).resolve().parents[1] / "examples" / "seeds")])
    data = json.loads(dumps(report))
    assert report.articles and schema_errors(data) == []
    assert report_from_dict(data) == report
    assert_inert(Page(render_html(report)))
    assert_markdown_structure(report, render_markdown(report))


# -- HTML ---------------------------------------------------------------------------------------

HTML_TAGS = {
    "html", "head", "meta", "title", "style", "body", "div", "nav", "main", "header", "footer",
    "section", "article", "h1", "h2", "h3", "h4", "p", "ol", "ul", "li", "a", "span", "code",
    "q", "table", "thead", "tbody", "tr", "th", "td", "dl", "dt", "dd", "details", "summary",
    "time", "strong",
}  # fmt: skip


class Page(HTMLParser):
    """Collects what a browser would see: tags with attributes, and text chunks."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.chunks: list[str] = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)


def assert_inert(page: Page) -> None:
    """Only our own tags; no scripts, handlers or sources; links local or http(s) only."""
    assert {tag for tag, _ in page.elements} <= HTML_TAGS
    for tag, attrs in page.elements:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert "src" not in attrs
        href = attrs.get("href")
        if href is not None:
            assert tag == "a"
            assert href.startswith("#") or re.match(r"https?://", href), href


def test_html_escapes_everything_from_input(hostile_report: Report) -> None:
    hostile = hostile_report.rejections[-1].message
    markup = render_html(hostile_report)
    assert "<script" not in markup
    assert "<img" not in markup
    assert "AT&amp;T" not in markup  # the & of &amp; itself was escaped
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &amp; AT&amp;amp;T" in markup
    page = Page(markup)
    assert_inert(page)
    assert "javascript:" not in json.dumps([attrs for _, attrs in page.elements])
    assert hostile in page.chunks  # the reader still sees the text exactly as written


def test_html_is_self_contained(sample_report: Report) -> None:
    markup = render_html(sample_report)
    assert markup.startswith("<!DOCTYPE html>")
    assert not re.search(r"<(link|script|img|iframe|object|embed)\b", markup, re.I)
    assert not re.search(r"\b(src|srcset|action|poster)=", markup, re.I)
    assert "url(" not in markup and "@import" not in markup
    assert "prefers-color-scheme: dark" in markup
    assert markup.count("https://") == 2  # the article URL: once as href, once as its text
    hrefs = [attrs.get("href") or "#" for tag, attrs in Page(markup).elements if tag == "a"]
    assert [h for h in hrefs if h[0] != "#"] == [sample_report.articles[0].url]


def test_html_shows_overview_contents_and_grouped_removals(sample_report: Report) -> None:
    page = Page(render_html(sample_report))
    tags = [tag for tag, _ in page.elements]
    assert tags.count("article") == 2 and tags.count("details") == 3  # 2 language, 1 removed
    assert "Removed (3)" in page.chunks
    assert "ui-label (2)" in page.chunks and "comments-promo (1)" in page.chunks
    assert NO_TITLE in page.chunks and any(NO_DATE in c for c in page.chunks)
    assert ("a", {"href": "#article-2"}) in page.elements


@FAST
@given(reports())
def test_html_and_markdown_are_inert_for_any_report(report: Report) -> None:
    page = Page(render_html(report))
    assert_inert(page)
    for article in report.articles:
        assert article_title(article) in page.chunks
    assert_markdown_structure(report, render_markdown(report))


# -- Markdown -----------------------------------------------------------------------------------


def test_markdown_lists_articles_and_removals(sample_report: Report) -> None:
    text = render_markdown(sample_report)
    assert text.startswith("# Kim Jong-un tours Russian fighter jet plant\n")
    assert "### 1. Kim Jong-un unexpectedly extends visit to Russia" in text
    assert f"### 2. {NO_TITLE}" in text
    assert "**ui-label:** “Comments” (header, line 6" in text
    assert "**comments-promo:**" in text
    assert NO_DATE in text
    assert "<https://www.independent.co.uk/asia/north-korea-kim-russia.html>" in text
    assert "## Rejected inputs (1)" in text and "**undecodable:**" in text


def markdown_tokens(text: str) -> list[Any]:
    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(text)
    return tokens + [child for t in tokens for child in (t.children or [])]


def account_headings(report: Report) -> int:
    """Headings of the summary, facts, differences, matrix, syndication and membership."""
    summary = report.summary
    count = 0
    if summary is not None and (summary.sentences or summary.single_source or summary.differences):
        count += 1 + bool(summary.single_source) + bool(summary.differences)
    count += 2 * bool(report.facts) + bool(report.discrepancies)  # facts and the matrix
    return count + bool(report.syndication) + bool(report.memberships)


def assert_markdown_structure(report: Report, text: str) -> None:
    """Input text never adds headings, HTML, code blocks, quotes, tables or odd links."""
    tokens = markdown_tokens(text)
    kinds = [t.type for t in tokens]
    # title, timeline, events, quotes, entities, articles, rejected; per article its title and
    # removals; then the account's sections, each only when the report has something for it
    assert kinds.count("heading_open") == 7 + 2 * len(report.articles) + account_headings(report)
    standfirsts = sum(1 for a in report.articles if a.standfirst)
    assert kinds.count("blockquote_open") == standfirsts
    assert kinds.count("table_open") == (1 if report.facts and report.articles else 0)
    forbidden = {"html_block", "html_inline", "code_block", "fence", "hr"}
    assert not forbidden & set(kinds)
    for token in tokens:
        if token.type == "link_open":
            assert re.match(r"https?://", str(token.attrs["href"]))


def test_markdown_escapes_untrusted_text(hostile_report: Report) -> None:
    text = render_markdown(hostile_report)
    assert_markdown_structure(hostile_report, text)
    shown = MarkdownIt("commonmark").render(text)  # raw HTML allowed, as on forges
    assert "<script" not in shown and "<img" not in shown
    hrefs = re.findall(r'href="([^"]*)"', shown)
    assert hrefs == ["https://www.independent.co.uk/asia/north-korea-kim-russia.html"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown


@pytest.mark.parametrize(
    "line",
    ["# heading", "> quote", "- item", "1. item", "2) item", "    code", "```", "~~~", "***",
     "===", "[ref]: https://x", "| a | b |", "<div>", "&copy;", "trailing \\"],
)  # fmt: skip
def test_markdown_block_markers_stay_text(line: str, make_article: Callable[..., Article]) -> None:
    article = make_article(f"Intro line\n{line}\nmore\n\n{line}", title=line, standfirst=line)
    report = Report("1", Story("s", line, (), (line,), None, None), (article,), ())
    assert_markdown_structure(report, render_markdown(report))


# Text made mostly of Markdown's structural characters finds escaping gaps far sooner.
markdownish = st.text(alphabet=st.sampled_from(list("#>-+=*_`~[]()<>|!&;:/\\\n\t 1.)ax")))


@PURE_FIXTURES
@given(body=markdownish, title=markdownish, standfirst=markdownish)
def test_markdown_structure_survives_markdownish_text(
    body: str, title: str, standfirst: str, make_article: Callable[..., Article]
) -> None:
    article = make_article(body, title=title, standfirst=standfirst, authors=(title,))
    cited = (Citation(article.id, Span(0, len(body))),)
    report = Report(
        "1",
        Story("s", title, (), (standfirst,), None, None),
        (article,),
        (),
        entities=(Entity("e", title, standfirst, (body, title), cited),),
        quotes=(QuoteGroup("q", title or None, "e", standfirst, False, cited),),
        timeline=(TimelineEntry("t", date(2023, 9, 13), "day", body, title, cited, (body,)),),
    )
    assert_markdown_structure(report, render_markdown(report))


# -- story sections: timeline, quotes, entities ------------------------------------------------


def section_html(markup: str, section_id: str) -> str:
    """The markup of one <section> of the page."""
    start = markup.index(f'<section id="{section_id}">')
    return markup[start : markup.index("</section>", start)]


@pytest.mark.parametrize(
    ("precision", "shown"),
    [("year", "2023"), ("month", "September 2023"), ("day", "2023-09-13"), ("hour", "2023-09-13")],
)
def test_dates_are_shown_at_their_precision(precision: Precision, shown: str) -> None:
    assert format_day(date(2023, 9, 13), precision) == shown


def test_markdown_shows_story_sections_with_each_sources_words(sample_report: Report) -> None:
    text = render_markdown(sample_report)
    heads = ["## Timeline (2)", "## Quotes (1)", "## Entities (5)", "## Articles", "## Rejected"]
    assert [text.index(h) for h in heads] == sorted(text.index(h) for h in heads)
    assert "- **September 2023** — The visit began in September. (The Independent)" in text
    friday = "- **2023-09-15** — Kim arrived in Komsomolsk-on-Amur aboard his armoured train"
    assert friday in text
    independent, bare = sample_report.articles
    for entry in sample_report.timeline:
        for citation in entry.citations:
            article = independent if citation.article_id == independent.id else bare
            assert f"(article {1 + (article is bare)}): “{citation.span.of(article.text)}”" in text
    assert "- **Dmitry Peskov** · direct quote: “a few more days”" in text
    assert "  - The Independent (article 1): “a few more days”" in text
    assert "  - unknown outlet (article 2): “Kim would stay for a few more days”" in text
    entities = text[text.index("## Entities") : text.index("## Articles")]
    ranked = ["**Kim Jong-un** — person · 4 mentions", "**Dmitry Peskov**", "**Russia**"]
    ranked.append("**Kremlin** — organisation")  # people, then places, then organisations
    assert [entities.index(p) for p in ranked] == sorted(entities.index(p) for p in ranked)
    assert "outlets: The Independent, unknown outlet · also written: Kim; Mr Kim" in text
    assert "- **Language analysis:** 3 sentences, 6 entities, 1 quote, 3 time expressions" in text


def test_html_shows_story_sections_linked_to_their_sources(sample_report: Report) -> None:
    markup = render_html(sample_report)
    ids = [attrs.get("id") for _, attrs in Page(markup).elements if attrs.get("id")]
    order = ["timeline", "quotes", "entities", "overview", "articles", "rejected"]
    assert [i for i in ids if i in order] == order
    timeline = section_html(markup, "timeline")
    assert '<time datetime="2023-09" class="when">September 2023</time>' in timeline
    assert '<time datetime="2023-09-15" class="when">2023-09-15</time>' in timeline
    assert (
        '<a href="#article-2" title="article 2">unknown outlet</a>: '
        "<q>Kim arrived in Komsomolsk-on-Amur aboard his armoured train on Friday.</q>"
    ) in timeline
    quotes = section_html(markup, "quotes")
    assert '<a href="#entity-2"><strong>Dmitry Peskov</strong></a>' in quotes  # its entity row
    assert "<q>Kim would stay for a few more days</q>" in quotes
    assert "direct quote" in quotes
    entities = section_html(markup, "entities")
    assert '<tr id="entity-2"><td><strong>Dmitry Peskov</strong></td><td>person</td>' in entities
    assert "<td>Kim; Mr Kim</td>" in entities
    page = Page(markup)
    summary = "Language: 3 sentences, 6 entities, 1 quote, 3 time expressions"
    assert summary in page.chunks
    assert "Time expressions (3)" in page.chunks and "Quotes (1)" in page.chunks
    assert "PXD" in page.chunks  # the TIMEX3 value of "a few more days"
    toc = [attrs["href"] for tag, attrs in page.elements if tag == "a" and attrs.get("href")]
    assert {"#timeline", "#quotes", "#entities", "#overview", "#rejected"} <= set(toc)


def test_story_sections_escape_hostile_text(hostile_report: Report) -> None:
    markup = render_html(hostile_report)
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &amp; AT&amp;amp;T"
    for section_id in ("timeline", "quotes", "entities"):
        assert escaped in section_html(markup, section_id), section_id
    assert f"<q>{escaped}</q>" in section_html(markup, "timeline")  # the cited words
    assert 'href="#entity-' in section_html(markup, "quotes")  # ids are positions, not input
    assert "<script" not in markup and "<img" not in markup
    assert_inert(Page(markup))
    text = render_markdown(hostile_report)
    assert_markdown_structure(hostile_report, text)
    shown = MarkdownIt("commonmark").render(text)
    assert "<script" not in shown and "<img" not in shown


def test_inferred_dates_are_marked_wherever_shown(sample_report: Report) -> None:
    first = sample_report.articles[0]
    assert first.published is not None
    guessed = dataclasses.replace(first.published, inferred=True, basis="timeline: 2 events")
    report = dataclasses.replace(
        sample_report,
        articles=(dataclasses.replace(first, published=guessed), *sample_report.articles[1:]),
    )
    text = render_markdown(report)
    assert "- **Published:** 2023-09-15 11:09 UTC+01:00 (inferred)" in text  # story header
    assert "— The Independent, 2023-09-15 11:09 UTC+01:00 (inferred)" in text  # contents
    assert "(inferred, not stated; minute precision; basis: timeline: 2 events;" in text
    assert "The Independent (article 1) (publication date inferred): “" in text
    page = Page(render_html(report))
    assert "2023-09-15 11:09 UTC+01:00 (inferred)" in page.chunks  # overview table
    assert " (publication date inferred)" in page.chunks
    assert "(inferred)" not in render_markdown(sample_report)


def test_dangling_citations_are_shown_not_fatal(sample_report: Report) -> None:
    outside = Citation(sample_report.articles[1].id, Span(5, 10_000))
    entry = dataclasses.replace(
        sample_report.timeline[0], citations=(Citation("gone", Span(0, 3)), outside)
    )
    report = dataclasses.replace(sample_report, timeline=(entry,))
    text = render_markdown(report)
    assert f"  - article gone (not in this report): *{NO_WORDS}*" in text
    assert f"  - unknown outlet (article 2): *{NO_WORDS}*" in text
    page = Page(render_html(report))
    assert NO_WORDS in page.chunks and "article gone (not in this report)" in page.chunks


def test_entities_are_capped_at_the_most_mentioned(sample_report: Report) -> None:
    cite = Citation(sample_report.articles[0].id, Span(0, 5))
    many = tuple(
        Entity(f"e{n}", f"Place {n:02d}", "GPE", (), (cite,) * (n + 1))
        for n in range(ENTITY_LIMIT + 5)
    )
    report = dataclasses.replace(sample_report, entities=many)
    text = render_markdown(report)
    assert f"## Entities ({ENTITY_LIMIT + 5})" in text
    assert "**Place 44** — place · 45 mentions" in text
    assert "**Place 04**" not in text and "**Place 05** — place · 6 mentions" in text
    note = f"Showing the {ENTITY_LIMIT} most mentioned of {ENTITY_LIMIT + 5} entities"
    assert note in text
    entities = section_html(render_html(report), "entities")
    assert entities.count("<tr id=") == ENTITY_LIMIT and note in entities


# -- files and docs -----------------------------------------------------------------------------


def test_write_report_writes_three_files(sample_report: Report, tmp_path: Path) -> None:
    paths = write_report(sample_report, tmp_path / "out" / "nested")
    assert {p.name for p in paths.values()} == {"report.json", "report.md", "report.html"}
    assert read_json(paths["json"]) == sample_report
    assert paths["markdown"].read_text(encoding="utf-8") == render_markdown(sample_report)
    assert paths["html"].read_text(encoding="utf-8") == render_html(sample_report)


def test_docs_example_is_valid_and_round_trips(schema_errors: Errors) -> None:
    match = re.search(r"```json\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    assert match, "docs/format.md needs a ```json example"
    data = json.loads(match[1])
    assert schema_errors(data) == []
    assert report_to_dict(report_from_dict(data)) == data


def test_docs_name_every_schema_field() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    names = set(SCHEMA["properties"])
    for definition in SCHEMA["$defs"].values():
        names |= set(definition.get("properties", {}))
    assert [n for n in sorted(names) if f"`{n}`" not in docs] == []


def test_a_citation_may_point_into_the_headline(sample_report: Report) -> None:
    article = sample_report.articles[0]
    assert article.title
    whole = Citation(article.id, Span(0, len(article.title)), field="title")
    assert article.cited(whole) == article.title
    body = Citation(article.id, Span(0, 5))
    assert article.cited(body) == article.text[:5]
