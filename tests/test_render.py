"""Renderers: the JSON round-trips and matches its schema; HTML and Markdown keep input inert."""

from __future__ import annotations

import dataclasses
import json
import re
import typing
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
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
    Outlet,
    Precision,
    Published,
    Rejection,
    Removal,
    Report,
    Span,
    Story,
    Zone,
)
from newsfuse.render import render_html, report_from_dict, report_to_dict, write_report
from newsfuse.render.json import SCHEMA_PATH, dumps, read_json, to_jsonable, write_json
from newsfuse.render.markdown import NO_DATE, NO_TITLE, article_title, render_markdown

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
    data["timeline"] = [{"later": "sections"}]  # the top level is open for later stages
    assert schema_errors(data) == []


def test_schema_names_exactly_the_model_fields() -> None:
    """Drift guard: a field added to a nested dataclass must be added to the schema too."""
    for cls in (Story, Article, Published, Outlet, Removal, Rejection, Span):
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
    lmt = datetime(1900, 1, 1, tzinfo=timezone(timedelta(minutes=19, seconds=32)))
    assert to_jsonable(lmt) == "1899-12-31T23:40:28+00:00"  # RFC 3339 has no offset seconds


def test_json_round_trips_through_a_file(sample_report: Report, tmp_path: Path) -> None:
    path = write_json(sample_report, tmp_path / "report.json")
    first = path.read_bytes()
    assert read_json(path) == sample_report
    assert write_json(sample_report, path).read_bytes() == first  # deterministic


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
    article = report_from_dict(data).articles[1]
    assert (article.notes, article.language) == ((), None)
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


@st.composite
def articles(draw: st.DrawFn) -> Article:
    text = draw(st.text(max_size=300))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
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
    )


precisions = st.sampled_from(typing.get_args(Precision))
published = st.builds(Published, aware, precisions, texts, st.booleans(), st.booleans())
zones = st.sampled_from(typing.get_args(Zone))
removals = st.builds(Removal, texts, texts, texts, zones, st.none() | st.integers(0, 10**6))
reports = st.builds(
    Report,
    format_version=st.text(min_size=1, max_size=5),
    story=st.builds(
        Story, ids, optional_text, text_tuples, text_tuples, st.none() | aware, st.none() | aware
    ),
    articles=st.lists(articles(), max_size=3).map(tuple),
    rejections=st.lists(st.builds(Rejection, texts, texts, texts), max_size=2).map(tuple),
)


@FAST
@given(report=reports)
def test_json_round_trip_property(report: Report, schema_errors: Errors) -> None:
    data = json.loads(dumps(report))
    back = report_from_dict(data)
    assert back == report
    assert schema_errors(data) == []
    for article in back.articles:
        for span in article.paragraphs:
            assert 0 <= span.start <= span.end <= len(article.text)


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
    assert tags.count("article") == 2 and tags.count("details") == 1
    assert "Removed (3)" in page.chunks
    assert "ui-label (2)" in page.chunks and "comments-promo (1)" in page.chunks
    assert NO_TITLE in page.chunks and any(NO_DATE in c for c in page.chunks)
    assert ("a", {"href": "#article-2"}) in page.elements


@FAST
@given(reports)
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


def assert_markdown_structure(report: Report, text: str) -> None:
    """Input text never adds headings, HTML, code blocks, quotes, tables or odd links."""
    tokens = markdown_tokens(text)
    kinds = [t.type for t in tokens]
    assert kinds.count("heading_open") == 3 + 2 * len(report.articles)
    standfirsts = sum(1 for a in report.articles if a.standfirst)
    assert kinds.count("blockquote_open") == standfirsts
    forbidden = {"html_block", "html_inline", "code_block", "fence", "hr", "table_open"}
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
    report = Report("1", Story("s", title, (), (standfirst,), None, None), (article,), ())
    assert_markdown_structure(report, render_markdown(report))


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
