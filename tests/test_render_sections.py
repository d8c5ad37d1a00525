"""The account sections in Markdown and HTML: summary, facts, differences, matrix, grouping."""

from __future__ import annotations

from dataclasses import replace

import pytest

from conftest import BARE_TEXT, HOSTILE, INDEPENDENT_TEXT, find
from newsfuse.model import (
    Citation,
    Discrepancy,
    Fact,
    Membership,
    Report,
    Summary,
    SummarySentence,
    SyndicationGroup,
    Variant,
)
from newsfuse.render.account import source_matrix
from newsfuse.render.html import render_html
from newsfuse.render.markdown import render_markdown


@pytest.fixture
def account_report(sample_report: Report) -> Report:
    """The sample with one shared fact, one single-source fact, a difference and grouping."""
    a, b = (x.id for x in sample_report.articles)
    stay_a = Citation(a, find(INDEPENDENT_TEXT, "Mr Kim would stay “a few more days”"))
    stay_b = Citation(b, find(BARE_TEXT, "Kim would stay for a few more days"))
    arrived = Citation(b, sample_report.articles[1].sentences[0])
    shared = Fact("f1", "Kim would stay a few more days", (stay_a, stay_b), (a, b), 2, (), "Peskov")
    alone = Fact("f2", "Kim arrived in Komsomolsk-on-Amur", (arrived,), (b,), 1, (a,))
    wording = Discrepancy(
        "d1",
        "specificity",
        "how long the stay is",
        (Variant("a few more days", (stay_a,)), Variant("for a few more days", (stay_b,))),
        fact_id="f1",
    )
    sentence = SummarySentence(
        "Kremlin spokesperson Dmitry Peskov said on Friday that Mr Kim would stay “a few more "
        "days”.",
        (Citation(a, sample_report.articles[0].sentences[1]), stay_b),
        ("f1",),
    )
    return replace(
        sample_report,
        facts=(shared, alone),
        discrepancies=(wording,),
        summary=Summary((sentence,), ("f2",), ("d1",)),
        syndication=(SyndicationGroup("s1", a, (a, b), 0.93),),
        memberships=(Membership(b, sample_report.story.id, 0.71, ("shares: Kim, Peskov",), a),),
    )


def test_markdown_shows_the_account(account_report: Report) -> None:
    text = render_markdown(account_report)
    order = ["## Summary", "## Facts (2)", "## Where the outlets differ (1)", "## Source matrix",
             "## Timeline", "## Syndicated copies (1)", "## Why each article belongs (1)",
             "## Articles"]  # fmt: skip
    positions = [text.index(heading) for heading in order]
    assert positions == sorted(positions)
    assert "— *The Independent (article 1), unknown outlet (article 2)*" in text
    assert "### Reported by one outlet only" in text and "### Where the outlets differ" in text
    # the two articles carry one syndicated text: one independent outlet, so no fact is
    # shared and both lead (nothing folds)
    assert "(according to Peskov) — 1 independent outlet (2 articles)" in text
    assert "· not reported by: The Independent (article 1)" in text
    assert "Not listed here" not in text
    assert "**more or less specific:** how long the stay is" in text
    assert "  - “for a few more days” — unknown outlet" in text
    assert "| Kim would stay a few more days | ≠ | ≠ |" in text
    assert "| Kim arrived in Komsomolsk-on-Amur | – | ✓ |" in text
    assert "similarity 0.93" in text and "— earliest" in text
    assert "score 0.71: shares: Kim, Peskov · linked to The Independent (article 1)" in text


def test_account_sections_appear_only_when_non_empty(sample_report: Report) -> None:
    text = render_markdown(sample_report)
    page = render_html(sample_report)
    for heading in ("## Summary", "## Facts", "## Where the outlets differ", "## Source matrix",
                    "## Syndicated", "## Why each article"):  # fmt: skip
        assert heading not in text
    for anchor in ("summary", "facts", "differences", "matrix", "grouping"):
        assert f'id="{anchor}"' not in page and f'href="#{anchor}"' not in page
    empty = replace(sample_report, summary=Summary(()))
    assert "## Summary" not in render_markdown(empty)


def test_html_shows_the_account_linked_to_the_articles(account_report: Report) -> None:
    page = render_html(account_report)
    for anchor in ("summary", "facts", "differences", "matrix", "grouping"):
        assert f'<section id="{anchor}">' in page and f'href="#{anchor}"' in page
    assert '<a href="#article-1" title="The Independent (article 1)">[1]</a>' in page
    assert '<a href="#article-2" title="unknown outlet (article 2)">[2]</a>' in page
    assert '<td class="differs" title="reports it differently">≠</td>' in page
    assert '<td class="omits" title="covers the story, omits this">–</td>' in page
    assert '<span class="tag">more or less specific</span> how long the stay is' in page
    assert "<q>for a few more days</q>" in page
    assert 'id="fact-1"' in page and 'href="#fact-2"' in page


def test_matrix_marks_reports_omits_and_differs(account_report: Report) -> None:
    matrix = source_matrix(account_report)
    assert [f.id for f in matrix.facts] == ["f1", "f2"]
    assert matrix.cells == (("differs", "differs"), ("omits", "reports"))


def test_account_sections_escape_hostile_text(account_report: Report) -> None:
    a = account_report.articles[0].id
    cited = (Citation(a, find(INDEPENDENT_TEXT, "North Korea")),)
    fact = Fact(HOSTILE, HOSTILE, cited, (a, "missing-id"), 1, (HOSTILE,), HOSTILE)
    report = replace(
        account_report,
        facts=(*account_report.facts, fact),
        discrepancies=(Discrepancy(HOSTILE, "contradiction", HOSTILE, (Variant(HOSTILE, cited),)),),
        summary=Summary((SummarySentence(HOSTILE, cited),), (HOSTILE,), (HOSTILE,)),
        memberships=(Membership(HOSTILE, HOSTILE, 0.5, (HOSTILE,), HOSTILE),),
    )
    page = render_html(report)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    text = render_markdown(report)
    assert "<script>" not in text and "\\<script\\>" in text
    assert "article missing-id (not in this report)" in text


def test_a_spelling_variant_does_not_mark_a_fact_as_differing() -> None:
    from newsfuse.model import Citation, Discrepancy, Fact, Span, Variant
    from newsfuse.render.account import _differing

    cite = Citation("a", Span(0, 10))
    fact = Fact("f", "Kim visits Komsomolsk", (cite,), ("a",), 1)
    variants = (Variant("Komsomolsk", (cite,)), Variant("Komsomolsk-on-Amure", (cite,)))
    spelling = Discrepancy("d", "spelling", "", variants)
    number = Discrepancy("n", "number", "", variants)
    assert _differing([spelling], [fact]) == {}
    assert _differing([number], [fact]) == {"f": {"a"}}
