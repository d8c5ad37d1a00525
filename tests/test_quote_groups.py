"""Quote groups: one statement across outlets, in different translations and wordings."""

from __future__ import annotations

from dataclasses import replace

from newsfuse.model import Article, Citation, Entity, Quote, Span
from newsfuse.resolve.quotes import group_quotes


def _article(article_id: str, text: str, quotes: list[tuple[str, str, str]]) -> Article:
    """Quotes as (content, speaker mention, resolved speaker name)."""
    found = []
    for content, mention, speaker in quotes:
        at, who = text.index(content), text.index(mention)
        found.append(
            Quote(Span(at, at + len(content)), True, speaker, Span(who, who + len(mention)))
        )
    return replace(Article.from_text(article_id, text), quotes=tuple(found))


def test_two_translations_of_one_remark_are_one_group() -> None:
    one = _article(
        "a",
        '"Our grandfathers fought the invaders together, and today we stand together against '
        'pressure from abroad," the governor, Anna Petrova, said. '
        '"Prices will fall," Petrova added.',
        [("Our grandfathers fought the invaders together, and today we stand together against "
          "pressure from abroad", "Anna Petrova", "Anna Petrova"),
         ("Prices will fall", "Petrova", "Anna Petrova")],
    )  # fmt: skip
    two = _article(
        "b",
        '"Our grandfathers together fought against the invaders, and today we jointly stand '
        'against the pressure from abroad," Petrova wrote.',
        [("Our grandfathers together fought against the invaders, and today we jointly stand "
          "against the pressure from abroad", "Petrova", "Anna Petrova")],
    )  # fmt: skip
    petrova = Entity(
        "p", "Anna Petrova", "PERSON", ("Anna Petrova", "Petrova"),
        (Citation("a", Span(one.text.index("Anna Petrova"), one.text.index("Anna Petrova") + 12)),),
    )  # fmt: skip
    groups = group_quotes([one, two], [petrova])
    assert len(groups) == 2
    remark = next(g for g in groups if len(g.variants) == 2)
    assert remark.speaker == "Anna Petrova"
    assert remark.speaker_entity_id == "p"
    assert {c.article_id for c in remark.variants} == {"a", "b"}
    prices = next(g for g in groups if len(g.variants) == 1)
    assert prices.text == "Prices will fall"


def test_different_speakers_with_a_common_phrase_stay_apart() -> None:
    one = _article("a", '"We will respond firmly to any attack," Lee said.',
                   [("We will respond firmly to any attack", "Lee", "Lee")])  # fmt: skip
    two = _article("b", '"We will not respond to rumours," Park said.',
                   [("We will not respond to rumours", "Park", "Park")])  # fmt: skip
    assert len(group_quotes([one, two], [])) == 2
