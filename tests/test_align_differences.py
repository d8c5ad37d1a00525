"""Where outlets differ: spelling variants, denials and number ranges on hand-written stories."""

from __future__ import annotations

from dataclasses import replace

from lined_articles import lined_article as _article
from newsfuse.align import align_story
from newsfuse.align.compare import view_text
from newsfuse.align.discrepancies import asserted_concepts, denied_concepts, spelling_key
from newsfuse.align.numbers import quantities
from newsfuse.model import Article, Citation, Claim, Discrepancy, Entity, EntityMention, Span


def _entity(entity_id: str, label: str, *mentions: tuple[str, str, str]) -> Entity:
    """An entity with one mention per (article id, article text, name as written)."""
    cites = tuple(Citation(a, Span(t.index(n), t.index(n) + len(n))) for a, t, n in mentions)
    names = tuple(dict.fromkeys(n for _, _, n in mentions))
    return Entity(entity_id, names[0], label, names, cites)


def _kinds(discrepancies: tuple[Discrepancy, ...], kind: str) -> list[set[str]]:
    return [{v.text for v in d.variants} for d in discrepancies if d.kind == kind]


def _view(text: str):
    return view_text(Claim("c", "a", Span(0, len(text)), text), text)


# --- spelling --------------------------------------------------------------------------------


def test_spelling_key_ignores_accents_titles_and_initials() -> None:
    assert spelling_key("Guantánamo Bay") == spelling_key("Guantanamo Bay")
    assert spelling_key("Anthony S. Fauci") == spelling_key("Dr. Anthony Fauci")


def test_two_spellings_of_one_name_in_two_entities_are_a_variant() -> None:
    text_a = "The prisoner, Abdullatif Nasser, was flown to Morocco on Monday."
    text_b = "Officials approved the transfer of Abdul Latif Nasir to Morocco on Monday."
    a = _entity("e1", "PERSON", ("a", text_a, "Abdullatif Nasser"))
    b = _entity("e2", "PERSON", ("b", text_b, "Abdul Latif Nasir"))
    found = align_story([_article("a", text_a), _article("b", text_b)], (a, b))[2]
    assert _kinds(found, "spelling") == [{"Abdullatif Nasser", "Abdul Latif Nasir"}]


def test_plurals_accents_and_titles_are_not_spellings() -> None:
    text_a = "Every Republican senator and Dr. Anthony Fauci visited Guantánamo Bay."
    text_b = "The Republicans and Anthony S. Fauci both spoke about Guantanamo Bay."
    entities = (
        _entity("r", "NORP", ("a", text_a, "Republican"), ("b", text_b, "Republicans")),
        _entity(
            "f", "PERSON", ("a", text_a, "Dr. Anthony Fauci"), ("b", text_b, "Anthony S. Fauci")
        ),
        _entity("g", "GPE", ("a", text_a, "Guantánamo Bay"), ("b", text_b, "Guantanamo Bay")),
    )
    found = align_story([_article("a", text_a), _article("b", text_b)], entities)[2]
    assert _kinds(found, "spelling") == []


def test_a_name_one_outlet_writes_both_ways_is_not_a_difference_between_outlets() -> None:
    text_a = "Komsomolsk-on-Amur, also written Komsomolsk-on-Amure, hosted the visit."
    text_b = "The leader toured a plant in Komsomolsk-on-Amur on Wednesday morning."
    entity = _entity(
        "k", "GPE", ("a", text_a, "Komsomolsk-on-Amur"), ("a", text_a, "Komsomolsk-on-Amure"),
        ("b", text_b, "Komsomolsk-on-Amur"),
    )  # fmt: skip
    found = align_story([_article("a", text_a), _article("b", text_b)], (entity,))[2]
    assert _kinds(found, "spelling") == []


# --- contradiction: what a negation governs, against what another outlet states as real ---


def test_a_denied_thing_against_an_outlet_that_states_it() -> None:
    stories = [
        _article("a", "The two leaders met for five hours at the base, agreeing deals on arms."),
        _article("b", "No agreements were signed at the base, the spokesman told reporters."),
    ]
    found = _kinds(align_story(stories, ())[2], "contradiction")
    assert found == [{"agreeing deals", "No agreements"}]


def test_denials_of_another_thing_or_of_a_possibility_are_not_contradictions() -> None:
    stories = [
        _article("a", "The board fired the director after he refused to resign on Friday."),
        _article("b", "The board fired the director on Friday amid a long dispute over budgets."),
        _article("c", "No agreements were signed, and talks on a possible arms deal went on."),
        _article("d", "The visit raised concerns about potential arms agreements in the region."),
    ]
    assert _kinds(align_story(stories, ())[2], "contradiction") == []


def test_negation_scope_stops_at_the_clause_and_skips_names() -> None:
    denied = denied_concepts(_view("Discrimination is not a Louisiana value, and the bill passed."))
    assert len(denied) == 1 and "louisiana" not in next(iter(denied))
    asserted = asserted_concepts(_view("Leaders voiced concerns about a possible deal, then left."))
    assert not any("deal" in key or "agreement" in key for key in asserted)


# --- numbers: a qualifier gives a range, and ranges that meet do not conflict -------------


def test_qualified_amounts_are_ranges() -> None:
    text = "It ended more than 10 days of fighting; almost 30 people and about 200 homes were hit."
    (more, almost, about) = quantities(Article.from_text("a", text), 0, len(text))
    assert more.bounds == (10.0, float("inf"))
    assert almost.bounds == (24.0, 30.0)
    assert about.bounds[0] < 200 < about.bounds[1]


def test_compatible_amounts_are_not_a_number_conflict_and_different_counts_are() -> None:
    stories = [
        _article("a", "The truce ended an 11-day war in which 28 people died in the city."),
        _article(
            "b", "The truce ended more than 10 days of war in which 26 people died in the city."
        ),
    ]
    numbers = _kinds(align_story(stories, ())[2], "number")
    assert numbers == [{"28 people", "26 people"}]


def test_a_vague_count_against_an_exact_one_is_specificity() -> None:
    stories = [
        _article("a", "A report found that several researchers at the institute fell ill in May."),
        _article("b", "Three researchers at the institute fell ill in May and were treated."),
    ]
    found = _kinds(align_story(stories, ())[2], "specificity")
    assert {"several researchers", "Three researchers"} in found


def test_sums_of_money_are_dollars_whatever_follows_them() -> None:
    text = "A $9 billion oil pipeline and more than $4 trillion in spending."
    nine, four = quantities(Article.from_text("a", text), 0, len(text))
    assert (nine.unit, nine.text, nine.value) == ("dollar", "$9 billion", 9e9)
    assert (four.unit, four.bounds) == ("dollar", (4e12, float("inf")))


def test_counts_of_parts_are_not_compared() -> None:
    """ "including nine children" and "including three children" count parts of two sets."""
    stories = [
        _article("a", "At least 28 people, including nine children, were killed in the city."),
        _article(
            "b", "Of the 28 people killed in the city, including three children, most were men."
        ),
    ]
    assert _kinds(align_story(stories, ())[2], "number") == []


def test_a_verb_is_not_another_name_for_a_noun() -> None:
    """Same actor, same verb, the same two words before: "rifle" against "gun" is another
    word for one thing; "sparked" against "chair" is another slot (a verb), not one."""

    def story(word_a: str, word_b: str) -> list[Article]:
        texts = [
            f"Ann Lee presented the leader with a conference {w}, on Friday."
            for w in (word_a, word_b)
        ]
        return [
            replace(_article(key, t), entities=(EntityMention(Span(0, 7), "Ann Lee", "PERSON"),))
            for key, t in zip("ab", texts, strict=True)
        ]

    def lee(articles: list[Article]) -> Entity:
        return _entity("l", "PERSON", *((a.id, a.text, "Ann Lee") for a in articles))

    nouns = story("chair", "bench")
    assert _kinds(align_story(nouns, (lee(nouns),))[2], "specificity") == [{"chair", "bench"}]
    verb = story("chair", "sparked")
    assert _kinds(align_story(verb, (lee(verb),))[2], "specificity") == []


# --- party and state tags of politicians ---------------------------------------------------


def test_two_states_for_one_senator_are_a_contradiction_and_styles_agree() -> None:
    from newsfuse.align.affiliations import tags

    def tagged(text: str, name: str) -> set[tuple[str, str]]:
        start = text.index(name)
        return {(slot, value) for slot, value, _ in tags(text, Span(start, start + len(name)))}

    jersey = {("party", "Democrat"), ("state", "new jersey")}
    assert tagged("Sen. Cory Booker (D-N.J.) said so.", "Cory Booker") == jersey
    assert tagged("Cory Booker, a New Jersey Democrat, said so.", "Cory Booker") == jersey
    assert tagged("Only GOP Sen. Josh Hawley of Missouri voted no.", "Josh Hawley") == {
        ("party", "Republican"),
        ("state", "missouri"),
    }
    text_a = "The bill was written by Cory Booker, a New Jersey Democrat, and others."
    text_b = "The bill was written by Cory Booker, D-N.Y. -- and others."
    booker = _entity("b", "PERSON", ("a", text_a, "Cory Booker"), ("b", text_b, "Cory Booker"))
    found = align_story([_article("a", text_a), _article("b", text_b)], (booker,))[2]
    assert _kinds(found, "contradiction") == [{"New Jersey Democrat", "D-N.Y."}]
    same = text_b.replace("D-N.Y.", "D-N.J.")
    booker = _entity("b", "PERSON", ("a", text_a, "Cory Booker"), ("b", same, "Cory Booker"))
    assert not align_story([_article("a", text_a), _article("b", same)], (booker,))[2]


def test_ages_of_two_people_and_a_deferred_answer_are_not_differences() -> None:
    """ "the 50-year-old singer" and "the 51-year-old doctor" are two people's ages; an
    office that "deferred giving a cause of death" has not given one, as "gave no cause"
    says."""
    stories = [
        _article(
            "a",
            "The coroner said the 50-year-old singer died at home in the city on Thursday.\n"
            "The coroner's office deferred giving a cause of death until tests come back.",
        ),
        _article(
            "b",
            "The coroner said the 51-year-old doctor found him at home in the city on Thursday.\n"
            "The coroner's office gave no cause of death until tests come back.",
        ),
    ]
    found = align_story(stories, ())[2]
    assert _kinds(found, "number") == [] and _kinds(found, "contradiction") == []


def test_a_wire_text_is_one_source_and_an_outlets_own_copies_are_the_outlet() -> None:
    from newsfuse.model import Outlet, SyndicationGroup, source_keys

    def paper(article_id: str, name: str | None) -> Article:
        outlet = Outlet(name, None, "test") if name else None
        return replace(Article.from_text(article_id, "Text."), outlet=outlet)

    articles = [paper("b1", "BBC"), paper("b2", "BBC"), paper("r", "Reuters"), paper("x", None)]
    keys = source_keys(
        articles,
        [SyndicationGroup("w", "r", ("b1", "r"), 0.9), SyndicationGroup("s", "b2", ("b2",), 1.0)],
    )
    assert keys["b1"] == keys["r"] != keys["b2"]  # BBC's copy of the wire is the wire's word
    assert len(set(keys.values())) == 3
    own = source_keys(articles[:2], [SyndicationGroup("c", "b1", ("b1", "b2"), 0.9)])
    assert own["b1"] == own["b2"] == "outlet:bbc"  # one outlet copying itself is one source
