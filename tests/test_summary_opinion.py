"""Opinion, analysis and commentary: recognised, and never the bare source of the account."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from newsfuse.model import Article, Citation, Fact, Outlet, Span
from newsfuse.summarize.opinion import first_person, is_opinion, labelled_opinion, opinion_score
from newsfuse.summarize.summary import summarize_story


def _article(
    article_id: str,
    text: str,
    *,
    title: str | None = None,
    outlet: str = "Daily",
    url: str | None = None,
    section: str | None = None,
) -> Article:
    spans = [Span(m.start(), m.end()) for m in re.finditer(r"\S.*?[.!?](?=\s|$)", text)]
    return replace(
        Article.from_text(article_id, text),
        title=title,
        outlet=Outlet(outlet, None, "test"),
        url=url,
        sentences=tuple(spans),
        extra={"section": section} if section else {},
    )


REPORT = (
    "The Senate passed the infrastructure bill on Tuesday by 69 votes to 30. "
    "The bill now goes to the House, Speaker Nancy Pelosi said. "
    "It includes $550 billion in new spending, officials said."
)
ARGUMENT = (
    "The Senate passed the infrastructure bill on Tuesday by 69 votes to 30. "
    "We should not pretend this is the end of the fight. "
    "Of course, the House must now do its part. "
    "Why would anyone expect less?"
)


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"title": "Opinion: The bill is a triumph"}, True),
        ({"title": "ANALYSIS | What the vote means"}, True),
        ({"title": "New analysis shows the bill costs more"}, False),
        ({"outlet": "New York Times (Opinion)"}, True),
        ({"url": "https://example.com/opinion/2021/08/bill.html"}, True),
        ({"url": "https://example.com/politics/2021/08/bill.html"}, False),
        ({"section": "Commentary"}, True),
        ({}, False),
    ],
)
def test_a_genre_label_decides(kwargs: dict, expected: bool) -> None:
    article = _article("x", REPORT, **kwargs)
    assert labelled_opinion(article) is expected
    assert is_opinion(article) is expected


def test_the_authors_voice_over_the_sources_marks_an_unlabelled_argument() -> None:
    argument, report = _article("x", ARGUMENT), _article("y", REPORT)
    assert is_opinion(argument) and not is_opinion(report)
    assert opinion_score(argument) > 0.5 > opinion_score(report)
    # "US" is a country, and a quote is the source's voice, not the author's
    quoted = _article("z", 'The US Senate passed it. "We must act now," Schumer said.')
    assert not is_opinion(quoted)


def test_first_person_outside_quotes() -> None:
    assert first_person("As I explained last night, the bill is flawed.")
    assert first_person("Last month our board endorsed her.")
    assert not first_person('"We will win," she said of the US bill.')


def _fact(fact_id: str, *articles: Article) -> Fact:
    claims = tuple(Citation(a.id, a.sentences[0]) for a in articles)
    return Fact(fact_id, fact_id, claims, tuple(a.id for a in articles), len(articles))


def test_an_opinion_piece_is_never_the_source_while_a_report_tells_the_story() -> None:
    column = _article("op", ARGUMENT, title="Opinion: A hollow win", outlet="Post")
    news = _article("n1", REPORT, title="Senate passes infrastructure bill", outlet="AP")
    wire = _article("n2", REPORT.replace("Tuesday", "Tuesday evening"), outlet="Reuters")
    summary = summarize_story((column, news, wire), (_fact("f", column, news, wire),), ())
    assert summary.sentences
    assert all(s.citations[0].article_id != "op" for s in summary.sentences)
    assert "A hollow win" not in " ".join(s.text for s in summary.sentences)


def test_a_story_told_only_in_opinion_pieces_is_told_attributed() -> None:
    first = _article("o1", ARGUMENT, title="Opinion: A hollow win", outlet="Post")
    second = _article("o2", ARGUMENT.replace("30", "thirty"), outlet="Times (Opinion)")
    summary = summarize_story((first, second), (_fact("f", first, second),), ())
    assert summary.sentences
    for sentence in summary.sentences:
        assert "according to an opinion piece in" in sentence.text
        assert not first_person(sentence.text)


def test_a_scare_quoted_term_is_not_a_source_speaking() -> None:
    """ "to purge the internet of “misinformation”" quotes no one: the sentence is the
    author's, so a piece made of such sentences and a "should" headline argues."""
    from newsfuse.summarize.opinion import voices

    text = (
        "The federal government is stepping up its effort to purge the internet of "
        "“misinformation.” Officials should not decide what counts as “dangerous” speech. "
        "We should worry about who gets to define it. Of course, the platforms comply."
    )
    title = "The Government Should Stop Telling Platforms What To Remove"
    author, sources = voices(_article("a", text, title=title))
    assert sources == 0 and author >= 3
    quoted = text.replace("“misinformation.”", "“we will not allow misinformation.”")
    assert voices(_article("b", quoted, title=title))[1] == 1  # a real quote is a source
