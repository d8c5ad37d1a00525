"""The summary tells each fact once, in whole sentences, and names the outlet a lone claim
rests on."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from newsfuse.model import Article, Citation, Fact, Outlet, Span
from newsfuse.summarize.summary import attributed, summarize_story


def _article(article_id: str, outlet: str, text: str, title: str | None = None) -> Article:
    """Sentences split after a stop and a space, or at the end, so tests control them."""
    spans = [Span(m.start(), m.end()) for m in re.finditer(r"\S.*?(?:[.!?…](?=\s|$)|$)", text)]
    return replace(
        Article.from_text(article_id, text),
        title=title,
        outlet=Outlet(outlet, None, "test"),
        sentences=tuple(s for s in spans if s.end > s.start),
    )


def _fact(fact_id: str, *cited: tuple[Article, int]) -> Fact:
    claims = tuple(Citation(a.id, a.sentences[n]) for a, n in cited)
    articles = tuple(dict.fromkeys(a.id for a, _ in cited))
    return Fact(fact_id, fact_id, claims, articles, len(articles))


LEDE_A = (
    "Louisiana lawmakers failed to override the governor's veto of a bill banning transgender "
    "athletes from school sports teams on Wednesday."
)
# The same fact in other words: term cosine 0.48 (under the 0.6 that marks a repeat by words
# alone), but most of its words have a near match in LEDE_A ("legislators"/"lawmakers").
LEDE_B = (
    "State legislators in Louisiana were unable on Wednesday to overturn the governor's "
    "rejection of a measure keeping transgender athletes off school teams."
)
VOTES = (
    "The House secured 68 votes, with 30 lawmakers voting against, two short of the 70 needed "
    "to overturn the veto."
)
A = _article("a", "The Hill", f"{LEDE_A} Lawmakers in the Senate voted 26-12 to override...")
B = _article("b", "National Review", f"{LEDE_B} {VOTES}")
C = _article(
    "c", "The Independent", "The governor vetoed the bill last month, saying it was cruel."
)
VETO = _fact("f-veto", (A, 0), (B, 0))
# Alignment groups loosely: the vote count shares the veto fact with lede A.
COUNT = _fact("f-count", (B, 1), (A, 0))


def test_a_paraphrase_of_a_told_fact_is_not_told_again_but_new_details_are() -> None:
    summary = summarize_story((A, B), (VETO, COUNT), (), headline=False)
    texts = [s.text for s in summary.sentences]
    assert texts[0] == LEDE_A
    assert not any(t.startswith("State legislators") for t in texts)
    assert any(t.startswith("The House secured 68 votes") for t in texts)


def test_a_sentence_cut_off_by_its_source_never_ends_a_summary_sentence() -> None:
    cut = _article(
        "d",
        "Reuters",
        "Lawmakers failed to override the governor's veto of the transgender sports bill "
        "on Wednesday. The House came two votes short of the seventy needed…",
    )
    merged = replace(cut, sentences=(Span(0, len(cut.text)),))  # the splitter missed a stop
    other = _article("e", "AP", VOTES)
    for article in (cut, merged):
        claims = [Citation("e", other.sentences[0])]
        claims += [Citation(article.id, s) for s in article.sentences]
        fact = Fact("f", "veto", tuple(claims), ("e", article.id), 2)
        summary = summarize_story((other, article), (fact,), (), headline=False)
        texts = [s.text for s in summary.sentences]
        assert any(t.startswith("Lawmakers failed to override") for t in texts)
        assert all(not t.endswith(("...", "…")) and "seventy" not in t for t in texts)
    no_stop = _article("f", "AP", "Lawmakers in the Senate voted 26-12 to override the veto of")
    assert not summarize_story((no_stop,), (), (), headline=False).sentences


def test_the_account_rests_on_what_several_outlets_back() -> None:
    """Where facts are backed twice, one outlet's own sentence (C's) is left to the list of
    what one outlet alone reports; nothing in the account is attributed."""
    summary = summarize_story((A, B, C), (VETO, COUNT), (), headline=False)
    assert summary.sentences
    assert all("according to" not in s.text for s in summary.sentences)
    assert not any(s.citations[0].article_id == "c" for s in summary.sentences)


def test_a_story_one_outlet_tells_is_told_in_one_attributed_sentence() -> None:
    alone = _article("g", "The Hill", f"{LEDE_A} {VOTES}", title="Veto override fails")
    fact = Fact("f", "votes", (Citation("g", alone.sentences[1]),), ("g",), 1)
    summary = summarize_story((alone,), (fact,), ())
    assert [s.text for s in summary.sentences] == ["Veto override fails, according to The Hill"]
    body = summarize_story((alone,), (fact,), (), headline=False)
    assert len(body.sentences) == 1
    assert body.sentences[0].text.endswith(", according to The Hill.")
    assert body.sentences[0].citations[0].article_id == "g"


@pytest.mark.parametrize(
    ("text", "outlet", "expected"),
    [
        ("The bill failed.", "AP", "The bill failed, according to AP."),
        ('He called it "cruel."', "AP", 'He called it "cruel," according to AP.'),
        ("He called it “cruel.”", "AP", "He called it “cruel,” according to AP."),
        ("Veto override fails", "AP", "Veto override fails, according to AP"),
        ("Is it over?", "AP", "Is it over? (according to AP)"),
        ("The bill failed.", "", "The bill failed, according to one outlet."),
        ("The bill failed, according to AP.", "AP", "The bill failed, according to AP."),
    ],
)
def test_attribution_keeps_the_sentence_whole(text: str, outlet: str, expected: str) -> None:
    assert attributed(text, outlet) == expected


def test_an_opinion_piece_is_named_as_one() -> None:
    assert attributed("The ban is cruel.", "NYT", opinion=True) == (
        "The ban is cruel, according to an opinion piece in NYT."
    )


def test_one_outlets_several_articles_get_an_attributed_account() -> None:
    """Five pages of one outlet that share facts are a story of that outlet's telling: more
    than one sentence, each "according to" it; the one-outlet list names a wording once."""
    one = _article("o1", "Daily Post", f"{LEDE_A} {VOTES}")
    two = _article("o2", "Daily Post", f"{LEDE_A} The governor vetoed the bill last month.")
    shared = Fact("f-shared", LEDE_A, (Citation("o1", one.sentences[0]),
                  Citation("o2", two.sentences[0])), ("o1", "o2"), 1)  # fmt: skip
    again = replace(shared, id="f-again", claims=shared.claims[:1], supporting_articles=("o1",))
    votes = Fact("f-votes", VOTES, (Citation("o1", one.sentences[1]),), ("o1",), 1)
    summary = summarize_story((one, two), (shared, again, votes), (), headline=False)
    assert len(summary.sentences) > 1
    assert all(s.text.endswith("according to Daily Post.") for s in summary.sentences)
    listed = [f for f in (shared, again, votes) if f.id in summary.single_source]
    assert len({f.text for f in listed}) == len(listed)
