"""The cited summary: extractive sentences that cite their words, shared facts first, no repeats."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from newsfuse.model import (
    Article,
    Citation,
    Discrepancy,
    Fact,
    Outlet,
    Quote,
    Span,
    Variant,
)
from newsfuse.summarize.summary import DEFAULT_WEIGHTS, _candidates, differences, summarize_story
from newsfuse.summarize.terms import stem, terms


def _article(article_id: str, text: str, title: str | None = None) -> Article:
    """Sentences split after '. ' so tests control them exactly."""
    spans = [Span(m.start(), m.end()) for m in re.finditer(r"[^.]+\.", text)]
    spans = [Span(s.start + (text[s.start] == " "), s.end) for s in spans]
    return replace(
        Article.from_text(article_id, text),
        title=title,
        outlet=Outlet(article_id.upper(), None, "test"),
        sentences=tuple(spans),
    )


A = _article(
    "a",
    "Kim Jong-un met Vladimir Putin at the Vostochny cosmodrome on Wednesday. "
    "The weather in the region was mild and sunny all week long. "
    "Kim later toured a fighter jet plant in Komsomolsk-on-Amur.",
    title="Kim meets Putin at cosmodrome",
)
B = _article(
    "b",
    "Vladimir Putin hosted Kim Jong-un at the Vostochny cosmodrome for a summit. "
    "Kim Jong-un met Vladimir Putin at the Vostochny cosmodrome on Wednesday. "
    "Local fishermen reported an unusually large catch of salmon this season.",
    title="Putin hosts Kim",
)
C = _article(
    "c",
    "The North Korean leader toured the fighter jet plant in Komsomolsk-on-Amur on Friday. "
    "Analysts expect more weapons cooperation between the two countries soon.",
    title="Kim tours jet plant",
)
ARTICLES = (A, B, C)


def _cite(article: Article, n: int) -> Citation:
    return Citation(article.id, article.sentences[n])


SUMMIT = Fact("f-summit", "Kim met Putin", (_cite(A, 0), _cite(B, 0), _cite(B, 1)), ("a", "b"), 2)
PLANT = Fact("f-plant", "Kim toured plant", (_cite(A, 2), _cite(C, 0)), ("a", "c"), 2)
FISH = Fact("f-fish", "Fishermen caught salmon", (_cite(B, 2),), ("b",), 1, ("a", "c"))
WEATHER = Fact("f-weather", "Mild weather", (_cite(A, 1),), ("a",), 1, ("b", "c"))
FACTS = (SUMMIT, PLANT, FISH, WEATHER)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def test_every_sentence_is_cited_by_a_span_holding_its_words() -> None:
    """A sentence is its span's words, plus "according to <outlet>" when it stands on one
    outlet (here: the headline, which no fact cites)."""
    summary = summarize_story(ARTICLES, FACTS, (), max_sentences=3)
    by_id = {a.id: a for a in ARTICLES}
    assert summary.sentences
    for sentence in summary.sentences:
        own = sentence.citations[0]
        article = by_id[own.article_id]
        suffix = _words(f"according to {article.outlet.name}") if article.outlet else []
        words = _words(sentence.text)
        if words[-len(suffix) :] == suffix:
            words = words[: -len(suffix)]
        assert _words(article.cited(own)) == words


def test_shared_facts_come_first_and_cite_every_outlet_stating_them() -> None:
    summary = summarize_story(ARTICLES, FACTS, (), max_sentences=2, headline=False)
    assert [s.fact_ids for s in summary.sentences] == [("f-summit",), ("f-plant",)]
    first = summary.sentences[0]
    assert {c.article_id for c in first.citations} == {"a", "b"}
    assert "fishermen" not in " ".join(s.text.lower() for s in summary.sentences)


def test_no_two_sentences_say_the_same_thing() -> None:
    summary = summarize_story(ARTICLES, FACTS, (), max_sentences=5)
    texts = [s.text for s in summary.sentences]
    assert len(texts) == len(set(texts))  # A0 and B1 are the same sentence: only one is used
    assert sum("met Vladimir Putin at the Vostochny" in t for t in texts) == 1


@pytest.mark.parametrize(("max_sentences", "max_words", "expected"), [(1, None, 1), (5, 10, 1)])
def test_length_is_configurable(max_sentences: int, max_words: int | None, expected: int) -> None:
    summary = summarize_story(
        ARTICLES, FACTS, (), max_sentences=max_sentences, max_words=max_words, headline=False
    )
    assert len(summary.sentences) == expected


def test_works_without_facts_from_shared_words_alone() -> None:
    summary = summarize_story(ARTICLES, (), (), max_sentences=2)
    joined = " ".join(s.text for s in summary.sentences)
    assert "Vostochny" in joined and "plant" in joined
    assert all(s.fact_ids == () for s in summary.sentences)


def test_single_source_facts_and_differences() -> None:
    spelling = Discrepancy(
        "d-spell",
        "spelling",
        "city",
        (Variant("Komsomolsk-on-Amur", (_cite(A, 2),)), Variant("Komsomolsk", (_cite(C, 0),))),
    )
    number = Discrepancy(
        "d-num",
        "number",
        "trip length",
        (Variant("six-day", (_cite(A, 0),)), Variant("week-long", (_cite(B, 0),))),
    )
    same_article = Discrepancy(
        "d-self",
        "contradiction",
        "one outlet",
        (Variant("x", (_cite(A, 0),)), Variant("y", (_cite(A, 1),))),
    )
    summary = summarize_story(ARTICLES, FACTS, (spelling, number, same_article), max_sentences=2)
    assert set(summary.single_source) == {"f-fish", "f-weather"}
    assert summary.differences == ("d-num", "d-spell")
    assert differences(()) == ()
    alone = summarize_story((A,), (WEATHER,), (), max_sentences=2)
    assert alone.single_source == ()  # one article: nothing is "reported by one outlet only"


def test_a_quote_attributed_outside_its_sentence_is_not_taken() -> None:
    text = (
        "Peskov spoke on Friday about the visit. Kim Jong-un will stay a few more days in Russia."
    )
    article = _article("q", text)
    quote = Quote(
        content=Span(text.index("Kim Jong-un"), len(text) - 1),
        direct=False,
        speaker="Peskov",
        speaker_span=Span(0, 6),
    )
    article = replace(article, quotes=(quote,))
    other = _article("r", "Kim Jong-un will stay a few more days in Russia, the Kremlin said.")
    summary = summarize_story((article, other), (), (), max_sentences=3)
    assert all(
        not (c.article_id == "q" and c.span.start > 0)
        for s in summary.sentences
        for c in s.citations
    )


def test_datelines_are_left_out_of_the_cited_span() -> None:
    text = "SEOUL, South Korea — Kim Jong-un met Vladimir Putin at the Vostochny cosmodrome."
    article = _article("d", text)
    summary = summarize_story((article, B), (), (), max_sentences=1, headline=False)
    assert summary.sentences[0].text.startswith("Kim Jong-un met")
    cited = summary.sentences[0].citations[0]
    assert cited.span.of(text).startswith("Kim Jong-un met")


def test_deterministic() -> None:
    first = summarize_story(ARTICLES, FACTS, (), max_sentences=3)
    assert summarize_story(ARTICLES, FACTS, (), max_sentences=3) == first


def test_terms_merge_inflections_and_drop_function_words() -> None:
    assert stem("talks") == stem("talk") == "talk"
    assert stem("news") == "news"
    assert terms("The leaders said they met for talks") == ["leader", "met", "talk"]


def test_opens_with_the_most_shared_headline_cited_in_the_title_field() -> None:
    summary = summarize_story(ARTICLES, FACTS, (), max_sentences=3)
    first = summary.sentences[0]
    own = first.citations[0]
    assert own.field == "title"
    article = {a.id: a for a in ARTICLES}[own.article_id]
    assert own.span == Span(0, len(article.title or ""))
    assert article.cited(own) == article.title
    # no fact cites a headline here: it stands on its own outlet, and says so
    assert first.text == f"{article.title}, according to {own.article_id.upper()}"
    # the other sentences still cite body text, and the headline counts as a sentence
    assert all(s.citations[0].field == "text" for s in summary.sentences[1:])
    assert len(summary.sentences) == 3


def test_headline_can_be_turned_off_and_counts_toward_the_word_budget() -> None:
    off = summarize_story(ARTICLES, FACTS, (), max_sentences=2, headline=False)
    assert all(s.citations[0].field == "text" for s in off.sentences)
    budget = summarize_story(ARTICLES, FACTS, (), max_sentences=5, max_words=4)
    # 4 words: budget met; the headline is attributed (no fact cites it)
    assert [s.text for s in budget.sentences] == ["Kim tours jet plant, according to C"]
    untitled = [replace(a, title=None) for a in ARTICLES]
    assert summarize_story(untitled, FACTS, (), max_sentences=2) == summarize_story(
        untitled, FACTS, (), max_sentences=2, headline=False
    )


def test_a_headline_is_not_repeated_by_a_body_sentence() -> None:
    a = _article(
        "h1",
        "Kim Jong-un met Vladimir Putin at the Vostochny cosmodrome. "
        "Analysts expect more weapons cooperation between the two countries soon.",
        title="Kim Jong-un met Vladimir Putin at the Vostochny cosmodrome",
    )
    b = _article(
        "h2",
        "Kim Jong-un met Vladimir Putin at the Vostochny cosmodrome on Wednesday. "
        "The leaders discussed weapons cooperation between the two countries.",
        title="Putin hosts Kim",
    )
    summary = summarize_story((a, b), (), (), max_sentences=3)
    assert summary.sentences[0].citations[0].field == "title"
    texts = [s.text for s in summary.sentences]
    assert not any("met Vladimir Putin at the Vostochny" in t for t in texts[1:])


def test_a_headline_against_its_own_body_is_shown_but_a_body_against_itself_is_not() -> None:
    title = Citation("a", Span(0, 7), field="title")
    body, body_again = Citation("a", Span(10, 20)), Citation("a", Span(30, 40))
    headline_vs_body = Discrepancy(
        "d-head", "number", "", (Variant("six-day", (title,)), Variant("week-long", (body,)))
    )
    body_vs_body = Discrepancy(
        "d-body", "number", "", (Variant("two", (body,)), Variant("three", (body_again,)))
    )
    assert differences((headline_vs_body, body_vs_body)) == ("d-head",)


def test_a_headline_claim_never_stands_for_the_body_sentence_at_its_offsets() -> None:
    """A fact citing an article's headline (span into the title) says nothing of the body
    sentence that happens to start at the same offset."""
    a = _article(
        "a",
        "The weather in the region was mild and sunny all week long.",
        title="Kim meets Putin at cosmodrome",
    )
    b = _article("b", "Vladimir Putin hosted Kim Jong-un at the cosmodrome for a summit.")
    headline = Citation("a", Span(0, len(a.title or "")), "title")
    body = Citation("b", b.sentences[0])
    fact = Fact("f", "Kim met Putin", (headline, body), ("a", "b"), 2)
    weather = next(
        c for c in _candidates([a, b], [fact], DEFAULT_WEIGHTS) if c.text.startswith("The weather")
    )
    assert weather.citation.article_id == "a"
    assert weather.facts == ()
