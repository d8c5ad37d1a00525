"""Quote groups: one statement across outlets, in different translations and wordings."""

from __future__ import annotations

from dataclasses import replace

import pytest

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


@pytest.mark.parametrize("seed", range(4))
def test_groups_are_those_of_comparing_every_pair(seed: int) -> None:
    """The candidate index (two prefix words at once, per-speaker postings) misses no pair:
    on quotes drawn from a small vocabulary, so that most share common words, the groups are
    those of checking every pair of quotes from different articles."""
    import random

    from newsfuse.resolve.quotes import _item, _same_statement, _Speakers
    from newsfuse.unionfind import DisjointSets

    rng = random.Random(seed)
    vocabulary = [f"word{k}" for k in range(400)]
    speakers = ["Lee", "Park", "Kim"]
    articles = []
    for a in range(12):
        parts, quotes = [], []
        at = 0
        for _ in range(8):
            size = rng.choice([3, 4, 5, 6, 8, 10, 13])
            # common words are drawn far more often than rare ones
            words = {vocabulary[min(int(rng.expovariate(0.02)), 400 - 1)] for _ in range(size)}
            content = " ".join(sorted(words))
            who = rng.choice([*speakers, None])
            line = f'"{content}," {who or "someone"} said. '
            start = at + 1
            quotes.append(
                Quote(
                    Span(start, start + len(content)),
                    True,
                    who,
                    Span(start + len(content) + 3, start + len(content) + 3 + len(who))
                    if who
                    else None,
                )
            )
            parts.append(line)
            at += len(line)
        articles.append(replace(Article.from_text(f"a{a}", "".join(parts)), quotes=tuple(quotes)))
    for article in articles:
        for q in article.quotes:
            assert q.speaker is None or q.speaker_span.of(article.text) == q.speaker
    entities = [
        Entity(f"e-{name}", name, "PERSON", (name,), ()) for name in speakers
    ]  # speakers resolve by name
    items = [_item(a, q, _Speakers.of(tuple(entities))) for a in articles for q in a.quotes]
    every = DisjointSets(len(items))
    for i, x in enumerate(items):
        for j in range(i):
            if x.article_id != items[j].article_id and _same_statement(x, items[j]):
                every.union(i, j)
    expected = sorted(
        sorted((items[k].article_id, items[k].quote.content.start) for k in group)
        for group in every.groups()
        if len(group) > 1
    )
    groups = group_quotes(articles, entities)
    found = sorted(
        sorted((c.article_id, c.span.start) for c in g.variants)
        for g in groups
        if len(g.variants) > 1
    )
    assert len(expected) >= 4
    assert found == expected
