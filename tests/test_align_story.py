"""align_story on hand-built articles (support, omissions, each discrepancy kind) and seeds."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from newsfuse.align import align_story
from newsfuse.model import (
    Article,
    Citation,
    Discrepancy,
    Entity,
    Fact,
    Report,
    Span,
    SyndicationGroup,
    TimeExpression,
)

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "seeds"


def _article(article_id: str, text: str, timexes: tuple[TimeExpression, ...] = ()) -> Article:
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append(Span(start, start + len(line)))
        start += len(line) + 1
    return replace(Article.from_text(article_id, text), sentences=tuple(spans), timexes=timexes)


TREATY = "The ministers signed the fishing treaty in Oslo after long talks."
FLOOD = "Heavy rain flooded farmland across the southern valley overnight."


def _fact_with(facts: tuple[Fact, ...], words: str, articles: dict[str, Article]) -> Fact:
    for fact in facts:
        if any(words in c.span.of(articles[c.article_id].text) for c in fact.claims):
            return fact
    raise AssertionError(f"no fact about {words!r}")


def _only(discrepancies: tuple[Discrepancy, ...], kind: str) -> Discrepancy:
    found = [d for d in discrepancies if d.kind == kind]
    assert len(found) == 1, [(d.kind, d.description) for d in discrepancies]
    return found[0]


def test_support_counts_a_syndication_group_once_and_lists_omissions() -> None:
    articles = [
        _article("a", f"{TREATY}\n{FLOOD}"),
        _article("b", f"{TREATY}\nThe storm closed the port for the fishing fleet."),
        _article(
            "c",
            "The ministers signed the fishing treaty in Oslo after talks.\nA mayor took office.",
        ),
        _article("d", "A new mayor took office in the northern town after the vote."),
    ]
    group = SyndicationGroup("g", "a", ("a", "b"), 0.95)
    claims, facts, _ = align_story(articles, (), (group,))
    by_id = {a.id: a for a in articles}
    treaty = _fact_with(facts, "fishing treaty", by_id)
    assert treaty.supporting_articles == ("a", "b", "c")
    assert treaty.independent_support == 2
    assert treaty.omitting_articles == ("d",)
    for citation in treaty.claims:
        assert citation.span.of(by_id[citation.article_id].text) in {c.text for c in claims}
    flood = _fact_with(facts, "Heavy rain", by_id)
    assert flood.supporting_articles == ("a",)
    assert flood.independent_support == 1


def test_number_discrepancy_cites_both_variants() -> None:
    articles = [
        _article("a", "The storm killed 12 people in the coastal province on the island."),
        _article("b", "The storm killed 15 people in the coastal province on the island."),
    ]
    _, facts, discrepancies = align_story(articles, ())
    number = _only(discrepancies, "number")
    assert {v.text: tuple(c.article_id for c in v.citations) for v in number.variants} == {
        "12 people": ("a",),
        "15 people": ("b",),
    }
    assert number.fact_id == facts[0].id


def test_contradiction_is_a_negation_flip() -> None:
    articles = [
        _article("a", "The ministers signed the fishing treaty in Oslo on the coast."),
        _article("b", "The ministers did not sign the fishing treaty in Oslo on the coast."),
    ]
    contradiction = _only(align_story(articles, ())[2], "contradiction")
    assert {c.article_id for v in contradiction.variants for c in v.citations} == {"a", "b"}


def test_specificity_part_of_and_other_word() -> None:
    articles = [
        _article(
            "a", "At the summit the president gave the visitor a spacesuit and a signed photo."
        ),
        _article("b", "At the summit the president gave the visitor a glove from a space suit."),
        _article("c", "In return the visitor handed over a locally made gun as a present."),
        _article("d", "In return the visitor handed over a locally made rifle as a present."),
    ]
    _, _, discrepancies = align_story(articles, ())
    variants = {
        frozenset((v.text, tuple(c.article_id for c in v.citations)) for v in d.variants)
        for d in discrepancies
        if d.kind == "specificity"
    }
    assert frozenset({("spacesuit", ("a",)), ("glove from a space suit", ("b",))}) in variants
    assert frozenset({("gun", ("c",)), ("rifle", ("d",))}) in variants


def test_date_discrepancy() -> None:
    text_a = "The ministers met in Oslo on Monday to sign the fishing treaty."
    text_b = "The ministers met in Oslo on Tuesday to sign the fishing treaty."
    ta = TimeExpression(
        Span(text_a.index("Monday"), text_a.index("Monday") + 6), "Monday", "DATE", "2023-09-11"
    )
    tb = TimeExpression(
        Span(text_b.index("Tuesday"), text_b.index("Tuesday") + 7), "Tuesday", "DATE", "2023-09-12"
    )
    articles = [_article("a", text_a, (ta,)), _article("b", text_b, (tb,))]
    date = _only(align_story(articles, ())[2], "date")
    assert {v.text for v in date.variants} == {"2023-09-11", "2023-09-12"}


def test_spelling_variant_of_one_entity() -> None:
    text_a = "The leader arrived in Komsomolsk-on-Amur by train on a cold morning."
    text_b = "The leader arrived in Komsomolsk-on-Amure by train on a cold morning."
    start = text_a.index("Komsomolsk")
    entity = Entity(
        "e", "Komsomolsk-on-Amur", "GPE", ("Komsomolsk-on-Amur", "Komsomolsk-on-Amure"),
        (Citation("a", Span(start, start + 18)), Citation("b", Span(start, start + 19))),
    )  # fmt: skip
    articles = [_article("a", text_a), _article("b", text_b)]
    spelling = _only(align_story(articles, (entity,))[2], "spelling")
    assert [v.text for v in spelling.variants] == ["Komsomolsk-on-Amur", "Komsomolsk-on-Amure"]


def test_alignment_is_deterministic() -> None:
    articles = [_article("a", f"{TREATY}\n{FLOOD}"), _article("b", TREATY)]
    assert align_story(articles, ()) == align_story(list(articles), ())


# --- the seed story, through the real pipeline -------------------------------------------


@pytest.fixture(scope="module")
def seeds() -> tuple[Report, tuple, dict[str, str]]:
    """All five seed articles as one story (cleaned, analysed, entities linked), whatever
    story grouping makes of them: alignment is tested here, grouping in its own tests."""
    from newsfuse.ingest import load_paths
    from newsfuse.pipeline import analyse_articles, build_report, clean_documents

    articles, rejections = clean_documents(load_paths([str(SEEDS)]).documents)
    report = build_report(analyse_articles(articles), rejections)
    names = {a.id: Path(a.source).name[:3] for a in report.articles}
    return report, align_story(report.articles, report.entities, report.syndication), names


def _seed_variants(d: Discrepancy, names: dict[str, str]) -> dict[str, set[str]]:
    return {v.text.casefold(): {names[c.article_id] for c in v.citations} for v in d.variants}


def test_seed_spacesuit_and_glove(seeds) -> None:
    _, (_, _, discrepancies), names = seeds
    found = [_seed_variants(d, names) for d in discrepancies if d.kind == "specificity"]
    match = next(v for v in found if "spacesuit" in v)
    assert match["spacesuit"] == {"000"}
    glove = next(k for k in match if "glove" in k)
    assert {"002", "003"} <= match[glove]


def test_seed_gun_and_rifle(seeds) -> None:
    _, (_, _, discrepancies), names = seeds
    found = [_seed_variants(d, names) for d in discrepancies if d.kind == "specificity"]
    match = next(v for v in found if "gun" in v)
    assert match["gun"] == {"000"}
    assert match["rifle"] & {"002", "003"}


def test_seed_trip_length(seeds) -> None:
    _, (_, _, discrepancies), names = seeds
    numbers = [_seed_variants(d, names) for d in discrepancies if d.kind == "number"]
    assert any(any("week-long" in k for k in v) for v in numbers), numbers


def test_seed_city_spelling(seeds) -> None:
    _, (_, _, discrepancies), names = seeds
    spellings = [_seed_variants(d, names) for d in discrepancies if d.kind == "spelling"]
    match = next(v for v in spellings if "komsomolsk-on-amure" in v)
    assert match["komsomolsk-on-amure"] == {"001"}
    assert {"000", "002"} <= match["komsomolsk-on-amur"]


@pytest.mark.parametrize(
    "words",
    [
        ("Wednesday", "summit", "talks", "met "),  # the summit
        ("plant", "factory", "facility"),  # the plant visit
        ("Vladivostok",),  # leaving for Vladivostok
    ],
)
def test_seed_facts_have_several_independent_supporters(seeds, words) -> None:
    report, (_, facts, _), _ = seeds
    texts = {a.id: a.text for a in report.articles}
    backed = [
        f for f in facts
        if f.independent_support >= 2
        and any(w in c.span.of(texts[c.article_id]) for c in f.claims for w in words)
    ]  # fmt: skip
    assert backed, words


def test_seed_citations_hold_their_words(seeds) -> None:
    report, (claims, facts, discrepancies), _ = seeds
    by_id = {a.id: a for a in report.articles}
    for claim in claims:
        article = by_id[claim.article_id]
        fields = ("text", "title", "standfirst")
        assert any(article.cited(Citation(article.id, claim.span, f)) == claim.text for f in fields)
    cited_claims = {c.text for c in claims}
    for fact in facts:
        for c in fact.claims:
            assert by_id[c.article_id].cited(c) in cited_claims
    for d in discrepancies:
        for v in d.variants:
            for c in v.citations:
                cited = by_id[c.article_id].cited(c).casefold()
                assert d.kind in ("date",) or v.text.casefold() in cited, (v.text, cited)
