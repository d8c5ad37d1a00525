"""A 300-article story stays readable: the best-backed facts and strongest differences lead,
the rest fold behind counts in Markdown and HTML, and report.json keeps everything.

The story is built by hand (no pipeline, no models): 300 articles from 40 outlets, ten of them
one wire text, with thousands of facts, hundreds of differences, a long timeline and many
quotes, some of them hostile markup.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from conftest import HOSTILE, find, make_article
from newsfuse.model import (
    Article,
    Citation,
    Discrepancy,
    Fact,
    Outlet,
    Published,
    QuoteGroup,
    Report,
    Story,
    Summary,
    SummarySentence,
    SyndicationGroup,
    TimelineEntry,
    Variant,
)
from newsfuse.render import render_html, render_markdown, report_from_dict, report_to_dict
from newsfuse.render.fold import DIFF_LIMIT, FACT_LIMIT, FOLD_LIMIT, MATRIX_COLUMNS
from newsfuse.render.json import dumps

ARTICLES = 300
WIRE = tuple(range(100, 110))  # ten outlets printing one wire text: one independent source
BIG_OUTLET = tuple(range(200, 260))  # one outlet's sixty articles: one independent source
SHARED = "Kim toured the Yuri Gagarin aviation plant in Komsomolsk-on-Amur on Friday."
OTHER = "Kremlin spokesperson Dmitry Peskov said the visit would last a few more days."
FILLER = (
    "The plant builds the Su-35 and Su-57 fighter jets and has been under Western sanctions "
    "since 2022, and officials gave no details of any agreement signed during the tour. "
)


def _article(i: int) -> Article:
    own = f"Reporter {i} counted {i} jets on the runway at dawn."
    quirk = HOSTILE if i % 50 == 0 else f"Article {i} adds its own colour to the day."
    text = "\n\n".join([SHARED, OTHER, own, quirk, FILLER * 6])
    day = datetime(2023, 9, 15 + i % 3, 12, tzinfo=UTC)
    return make_article(
        text,
        source=f"inputs/{i:03d}.txt",
        title=f"Kim visits jet plant ({i})",
        outlet=Outlet(_outlet(i), None, "byline"),
        published=Published(day, "hour", "byline", True),
    )


def _outlet(i: int) -> str:
    return HOSTILE if i == 7 else "Outlet Big" if i in BIG_OUTLET else f"Outlet {i}"


def _cite(article: Article, phrase: str) -> Citation:
    return Citation(article.id, find(article.text, phrase))


def _fact(fact_id: str, text: str, articles: list[Article], phrase: str, independent: int) -> Fact:
    cited = tuple(_cite(a, phrase) for a in articles)
    return Fact(fact_id, text, cited, tuple(a.id for a in articles), independent)


def big_story() -> Report:
    """300 articles; facts backed by 1 to 80 independent outlets, one backed only by the ten
    wire copies; differences from 1-vs-1 to 20-vs-15; a long timeline and many quotes."""
    articles = [_article(i) for i in range(ARTICLES)]
    independent = [a for i, a in enumerate(articles) if i not in WIRE + BIG_OUTLET]
    wire = [articles[i] for i in WIRE]
    big = [articles[i] for i in BIG_OUTLET]
    facts = [
        _fact(f"wide{j}", f"Shared fact {j} backed by {2 + j} outlets.", independent[: 2 + j],
              SHARED, 2 + j)
        for j in range(79)
    ]  # fmt: skip
    facts.append(_fact("wire", "The wire text alone says this.", wire, SHARED, 1))
    facts.append(_fact("big", "One outlet's many pages say this.", big[:30], SHARED, 30))
    facts.append(_fact("hostile-lead", HOSTILE, independent[:3], OTHER, 3))
    facts += [
        _fact(f"single{i}", f"Only article {i} counted {i} jets.", [a], f"Reporter {i} ", 1)
        for i, a in enumerate(articles)
    ]
    facts.append(_fact("hostile-single", HOSTILE, [articles[0]], HOSTILE, 1))
    return Report(
        "5",
        Story("big", "Kim visits jet plant", tuple(a.id for a in articles),
              tuple(sorted({a.outlet.name for a in articles if a.outlet})), None, None),
        tuple(articles),
        (),
        timeline=_timeline(articles),
        quotes=_quotes(articles),
        syndication=(SyndicationGroup("wire", wire[0].id, tuple(a.id for a in wire), 0.97),),
        facts=tuple(facts),
        discrepancies=_differences(articles),
        summary=Summary(
            (SummarySentence(SHARED, (_cite(articles[0], SHARED),), ("wide78",)),),
            tuple(f.id for f in facts if f.independent_support == 1),
            ("weak0", "strong", "medium"),
        ),
    )  # fmt: skip


def _differences(articles: list[Article]) -> tuple[Discrepancy, ...]:
    def side(text: str, chosen: list[Article]) -> Variant:
        return Variant(text, tuple(_cite(a, "Friday") for a in chosen))

    weak = [
        Discrepancy(f"weak{i}", "number", HOSTILE if i == 20 else f"jets counted ({i})",
                    (side(f"{i} jets", [articles[i]]), side(f"{i + 1} jets", [articles[i + 1]])))
        for i in range(200)
    ]  # fmt: skip
    medium = Discrepancy("medium", "date", "which day", (
        side("Friday", articles[150:155]), side("Thursday", articles[155:158])))  # fmt: skip
    strong = Discrepancy("strong", "contradiction", "whether a deal was signed", (
        side("signed", articles[110:130]), side("not signed", articles[130:145])))  # fmt: skip
    spelling = Discrepancy("spelling", "spelling", "Komsomolsk spelled two ways", (
        side("Komsomolsk-on-Amur", articles[:100]), side("Komsomolsk", articles[160:200]),
    ))  # fmt: skip
    return (*weak, spelling, medium, strong)


def _timeline(articles: list[Article]) -> tuple[TimelineEntry, ...]:
    return tuple(
        TimelineEntry(f"t{i}", date(2023, 9, 1 + i % 28), "day", "2023-09", f"Event {i}",
                      tuple(_cite(a, SHARED) for a in articles[i : i + 1 + i % 4]), ("Outlet",))
        for i in range(ARTICLES)
    )  # fmt: skip


def _quotes(articles: list[Article]) -> tuple[QuoteGroup, ...]:
    return tuple(
        QuoteGroup(f"q{i}", "Peskov", None, f"a few more days ({i})", False,
                   tuple(_cite(a, OTHER) for a in articles[i : i + 1 + i % 3]))
        for i in range(ARTICLES)
    )  # fmt: skip


@pytest.fixture(scope="module")
def big() -> Report:
    return big_story()


@pytest.fixture(scope="module")
def page(big: Report) -> str:
    return render_html(big)


@pytest.fixture(scope="module")
def text(big: Report) -> str:
    return render_markdown(big)


def _section(document: str, start: str, end: str) -> str:
    return document[document.index(start) : document.index(end, document.index(start))]


def test_json_keeps_every_fact_and_difference(big: Report) -> None:
    data = report_to_dict(big)
    assert len(data["facts"]) == len(big.facts) and len(data["discrepancies"]) == 203
    assert report_from_dict(data) == big
    written = dumps(big)
    assert all(f'"{f.id}"' in written for f in big.facts)


def test_leading_facts_are_ordered_by_independent_support(text: str) -> None:
    facts = _section(text, "## Facts (", "## Where the outlets differ")
    support = [int(n) for n in re.findall(r"^- \*\*.*?\*\* — (\d+) independent outlets?", facts,
                                          re.M)]  # fmt: skip
    assert len(support) == FACT_LIMIT
    assert support == sorted(support, reverse=True) and support[0] == 80
    # ten wire copies count once, and so do one outlet's thirty pages (though the model's
    # independent_support says 30): both facts fold with the one-outlet ones
    assert "The wire text alone says this." not in facts
    assert "One outlet's many pages" not in facts


def test_single_outlet_facts_fold_behind_a_count_in_markdown(big: Report, text: str) -> None:
    facts = _section(text, "## Facts (", "## Where the outlets differ")
    single = sum(f.independent_support == 1 for f in big.facts) + 1  # "big": one outlet
    several = sum(f.independent_support > 1 for f in big.facts) - 1 - FACT_LIMIT
    assert (
        f"Not listed here: {several} more facts backed by several outlets and {single} facts "
        f"reported by one outlet only; report.json lists all {len(big.facts)} facts."
    ) in facts
    assert "Only article" not in facts
    # the summary's own one-outlet list is capped too
    alone = _section(text, "### Reported by one outlet only", "### Where")
    assert alone.count("\n- ") == DIFF_LIMIT + 1 and "- … and 292 more (report.json" in alone


def test_single_outlet_facts_fold_into_a_capped_details_in_html(big: Report, page: str) -> None:
    facts = _section(page, '<section id="facts">', "</section>")
    single = sum(f.independent_support == 1 for f in big.facts) + 1  # "big": one outlet
    fold = _section(facts, f"<details class=\"fold\"><summary>{single} facts reported by one "
                           "outlet only</summary>", "</details>")  # fmt: skip
    assert fold.count("<li") == FOLD_LIMIT + 1  # the last says how many more
    assert f"and {single - FOLD_LIMIT} more (report.json lists them all)" in fold
    lead = facts[: facts.index("<details")]
    assert lead.count('<li id="fact-') == FACT_LIMIT and "Only article" not in lead


def test_differences_lead_with_the_strongest(text: str, page: str) -> None:
    section = _section(text, "## Where the outlets differ (203)", "## Source matrix")
    heads = re.findall(r"^- \*\*[^*]+:\*\* (.*) \(independent outlets: ", section, re.M)
    assert heads[:3] == ["whether a deal was signed", "which day", "jets counted (0)"]
    assert len(heads) == DIFF_LIMIT and "spelled two ways" not in section
    assert "Not listed here: 193 weaker differences; report.json lists all 203." in section
    summary = _section(text, "### Where the outlets differ", "## Facts")
    assert summary.index("whether a deal") < summary.index("which day") < summary.index("(0)")
    html = _section(page, '<section id="differences">', "</section>")
    assert "<summary>193 weaker differences</summary>" in html
    assert html.index("whether a deal") < html.index("which day") < html.index("<details")


def test_html_size_per_fact_and_difference_is_bounded(big: Report, page: str) -> None:
    """Once the lists are full, thousands more facts and differences add only digits."""

    weak = big.discrepancies[:200]  # one outlet against one: they fold

    def grown(times: int) -> Report:
        a = big.articles[0]
        facts = tuple(
            _fact(f"more{i}", f"Fact {i}.", [a], SHARED, 1 + i % 3) for i in range(1000 * times)
        )
        again = tuple(replace(d, id=f"{d.id}-{k}") for k in range(times) for d in weak)
        return replace(big, facts=big.facts + facts, discrepancies=big.discrepancies + again)

    once, thrice = grown(1), grown(3)
    assert 0 <= len(render_html(thrice)) - len(render_html(once)) < 200
    assert 0 <= len(render_markdown(thrice)) - len(render_markdown(once)) < 200
    assert len(render_html(once)) - len(page) < 60_000  # the folds filling up to their caps


def test_html_of_a_300_article_story_is_small_and_shallow(big: Report, page: str) -> None:
    text_bytes = sum(len(a.text.encode()) for a in big.articles)
    assert len(page.encode()) < 3_000_000
    assert len(page.encode()) - text_bytes < 1_500_000  # all but the article texts
    assert len(re.findall(r"<[a-z][a-z0-9]*", page)) < 40_000
    # article 2 backs the 79 widest facts; it is named in few of their outlet lists
    assert page.count("Outlet 2 (article 3)") < 200
    matrix = _section(page, '<section id="matrix">', "</section>")
    assert matrix.count('<th scope="col">') == MATRIX_COLUMNS + 1  # a column per outlet


def test_no_script_and_all_hostile_text_escaped(page: str, text: str) -> None:
    assert "<script" not in page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") > 5
    assert "<script>" not in text and "\\<script\\>" in text
    facts = _section(page, '<section id="facts">', "</section>")
    assert "&lt;script&gt;" in facts[: facts.index("<details")]  # in a leading fact
    assert "&lt;script&gt;" in facts[facts.index("<details") :]  # and in a folded one
    differences = _section(page, '<section id="differences">', "</section>")
    assert "&lt;script&gt;" in differences[differences.index("<details") :]


def test_a_story_without_shared_facts_still_leads_with_facts(big: Report) -> None:
    alone = replace(big, facts=big.facts[-10:], syndication=())
    facts = _section(render_markdown(alone), "## Facts (10)", "## Where")
    assert facts.count("— 1 independent outlet:") == 10 and "Not listed here" not in facts
