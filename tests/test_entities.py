"""Canonical entities: spellings, short names, titles and role descriptions become one entity."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from newsfuse.extract.entities import find_entities, role_key
from newsfuse.model import Article, EntityMention, Span
from newsfuse.resolve.entities import link_entities, name_key


def _article(article_id: str, text: str, names: dict[str, str]) -> Article:
    """An article whose entity mentions are every occurrence of the given names."""
    mentions = []
    for name, label in names.items():
        for match in re.finditer(re.escape(name), text):
            mentions.append(EntityMention(Span(match.start(), match.end()), name, label))
    entities = tuple(sorted(mentions, key=lambda m: m.span.start))
    return replace(Article.from_text(article_id, text), entities=entities)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Kim Jong-un", "Kim Jong Un", True),
        ("Mr Kim", "Kim", True),
        ("Putin’s", "Putin", True),
        ("the Kremlin", "Kremlin", True),
        ("Kim Jong-un", "Kim Jong-il", False),
    ],
)
def test_name_key(a: str, b: str, same: bool) -> None:
    assert (name_key(a) == name_key(b)) is same


def test_spellings_short_names_and_roles_merge() -> None:
    one = _article(
        "a",
        "North Korean leader Kim Jong-un met Vladimir Putin. Mr Kim then toured "
        "Komsomolsk-on-Amur. The North Korean leader left on Sunday. Putin stayed.",
        {"Kim Jong-un": "PERSON", "Vladimir Putin": "PERSON", "Mr Kim": "PERSON",
         "Komsomolsk-on-Amur": "GPE", "Putin": "PERSON"},
    )  # fmt: skip
    two = _article(
        "b",
        "Kim Jong Un arrived in Komsomolsk-on-Amure. Kim's father, Kim Jong-il, had "
        "visited Russia. Kremlin spokesman Dmitry Peskov said the spokesman for the Kremlin "
        "would brief. Peskov added more.",
        {"Kim Jong Un": "PERSON", "Komsomolsk-on-Amure": "GPE", "Kim": "PERSON",
         "Kim Jong-il": "PERSON", "Dmitry Peskov": "PERSON", "Peskov": "PERSON",
         "Russia": "GPE"},
    )  # fmt: skip
    roles = [
        m for m in find_entities_from_text(one.text) if m.label == "ROLE"
    ]  # the description is found in text
    one = _with_extra(one, roles)
    entities = {e.name: e for e in link_entities([one, two])}
    kim = next(e for e in entities.values() if "Kim Jong-un" in e.variants)
    assert {"Kim Jong-un", "Kim Jong Un", "Mr Kim", "The North Korean leader"} <= set(kim.variants)
    assert "Kim Jong-il" in entities and "Kim Jong-il" not in kim.variants
    city = next(e for e in entities.values() if "Komsomolsk-on-Amur" in e.variants)
    assert set(city.variants) == {
        "Komsomolsk-on-Amur",
        "Komsomolsk-on-Amure",
    }
    assert set(entities["Vladimir Putin"].variants) == {"Vladimir Putin", "Putin"}
    assert set(entities["Dmitry Peskov"].variants) == {"Dmitry Peskov", "Peskov"}
    for entity in entities.values():
        for citation in entity.mentions:
            article = one if citation.article_id == "a" else two
            assert citation.span.of(article.text) in entity.variants


def find_entities_from_text(text: str) -> list[EntityMention]:
    """Role descriptions only need the text, so no model is loaded for them."""
    from newsfuse.extract._spacy import Parsed

    return list(find_entities(Parsed(text, ((0, len(text)),), (), ())))


def _with_extra(article: Article, extra: list[EntityMention]) -> Article:
    from dataclasses import replace

    mentions = sorted(article.entities + tuple(extra), key=lambda m: m.span.start)
    return replace(article, entities=tuple(mentions))


@pytest.mark.parametrize(
    ("phrase", "key"),
    [
        ("Kremlin spokesman", "kremlin spokesperson"),
        ("the Kremlin spokeswoman", "kremlin spokesperson"),
        ("North Korean leader", "north korean leader"),
    ],
)
def test_role_key(phrase: str, key: str) -> None:
    assert role_key(phrase) == key


def test_unknown_role_description_is_not_an_entity() -> None:
    text = "The mayor spoke. Later the harbour master arrived."
    article = _with_extra(_article("c", text, {}), find_entities_from_text(text))
    assert link_entities([article]) == ()


def test_a_surname_tagged_as_an_organisation_joins_the_person_named_in_full() -> None:
    """The small tagger labels a bare "Psaki" ORG; in an article that names Jen Psaki in
    full it is her. Where she is not named in full, an ORG stays an ORG."""
    text = 'Press secretary Jen Psaki spoke on Thursday. "It is wrong," said Psaki.'
    named = _article("a", text, {"Jen Psaki": "PERSON"})
    named = replace(
        named,
        entities=(
            *named.entities,
            EntityMention(Span(text.rindex("Psaki"), len(text) - 1), "Psaki", "ORG"),
        ),
    )
    (person,) = link_entities([named])
    assert person.label == "PERSON" and set(person.variants) >= {"Jen Psaki", "Psaki"}
    alone = _article("b", "Shares of Psaki rose on Thursday.", {"Psaki": "ORG"})
    assert {e.label for e in link_entities([named, alone]) if e.name == "Psaki"} == {"ORG"}


def test_a_leading_indefinite_article_is_not_part_of_a_name() -> None:
    from newsfuse.extract.entities import _mention

    text = "She read a Department of Health report."
    start = text.index("a Department")
    mention = _mention(text, start, text.index(" report"), "ORG")
    assert mention.text == "Department of Health"
