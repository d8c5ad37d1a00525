"""The batch link decision (``link_scores`` over a ``ProfileTable``) is ``link``'s, pair by pair.

Grouping decides every arrival in batch; memberships cite ``link``'s evidence. If the two ever
disagreed, a membership could cite a link that grouping never made, or stories would depend on
which side of a pair arrived first.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.group.features import StoryFeatures
from newsfuse.group.fingerprint import NUM_PERM
from newsfuse.group.profiles import ProfileTable
from newsfuse.group.similarity import (
    LinkParams,
    Query,
    Vocabulary,
    link,
    link_scores,
    profile_of,
)

WORDS = [f"w{i}" for i in range(30)] + ["mtcook", "mountcook"]  # a small pool: many overlaps
DAY = date(2024, 3, 1)


def _unit(weights: list[float]) -> tuple[float, ...]:
    norm = sum(w * w for w in weights) ** 0.5 or 1.0
    return tuple(round(w / norm, 5) for w in weights)


@st.composite
def features(draw: st.DrawFn, name: str) -> StoryFeatures:
    terms = draw(st.lists(st.sampled_from(WORDS), min_size=0, max_size=20, unique=True))
    entities = draw(st.lists(st.sampled_from(WORDS), min_size=0, max_size=8, unique=True))
    weights = st.floats(0.05, 3.0)
    term_weights = _unit(draw(st.lists(weights, min_size=len(terms), max_size=len(terms))))
    entity_weights = _unit(draw(st.lists(weights, min_size=len(entities), max_size=len(entities))))
    offset = draw(st.none() | st.integers(0, 8))
    base = draw(st.integers(0, 3))  # signatures drawn near one another: some copies
    minhash = draw(
        st.just(())
        | st.lists(st.integers(base, base + 2), min_size=NUM_PERM, max_size=NUM_PERM).map(tuple)
    )
    return StoryFeatures(
        article_id=name,
        published=None if offset is None else DAY + timedelta(days=offset),
        outlet=None,
        title=None,
        terms=tuple(terms),
        term_weights=term_weights,
        entities=tuple(entities),
        entity_weights=entity_weights,
        years=tuple(draw(st.lists(st.sampled_from([2019, 2023, 2024]), max_size=2, unique=True))),
        days=tuple(
            sorted(DAY + timedelta(days=d) for d in draw(st.sets(st.integers(-10, 10), max_size=2)))
        ),
        minhash=minhash,
        words=100,
    )


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_batch_decisions_equal_pair_decisions(data: st.DataObject) -> None:
    vocab = Vocabulary()
    table = ProfileTable()
    filed = [profile_of(data.draw(features(f"a{i}")), vocab) for i in range(12)]
    for profile in filed:
        table.append(profile)
    assert [table.profile(slot) for slot in range(len(filed))] == filed
    params = LinkParams(threshold=0.1, min_shared_keys=1)  # low bars: more links to compare
    for new in (data.draw(features("new")), data.draw(features("new2"))):
        profile = profile_of(new, vocab)
        query = Query(profile)
        expected = []
        for slot, other in enumerate(filed):
            evidence = link(query, other, params)
            if evidence is not None:
                expected.append((slot, evidence.score, evidence.days_apart))
        assert link_scores(profile, table, list(range(len(filed))), params) == expected


def test_a_table_grows_past_its_first_columns() -> None:
    """Profiles filed past the initial capacity come back as they were filed."""
    vocab = Vocabulary()
    table = ProfileTable()
    made = []
    for i in range(2100):
        terms = tuple(f"t{(i * 7 + k) % 5000}" for k in range(120))
        profile = profile_of(
            StoryFeatures(
                article_id=str(i),
                published=DAY + timedelta(days=i % 30),
                outlet=None,
                title=None,
                terms=terms,
                term_weights=_unit([1.0] * 120),
                entities=(),
                entity_weights=(),
                years=(),
                days=(),
                minhash=tuple(range(i, i + NUM_PERM)),
                words=500,
            ),
            vocab,
        )
        made.append(profile)
        table.append(profile)
    assert table.profile(0) == made[0]
    assert table.profile(2099) == made[2099]
    assert len(table) == 2100


def test_rows_filed_without_a_comparison_can_hold_larger_ids_than_the_query() -> None:
    """Restoring files rows without comparing them, so a candidate's word ids can be larger
    than any the table has been asked about; comparing a new article with it must work
    (ingest into a restored store of 150,000 words failed here with an IndexError)."""
    vocab = Vocabulary()
    shared = ("quake", "rescue", "rubble")

    def made(name: str, terms: tuple[str, ...]) -> StoryFeatures:
        return StoryFeatures(
            article_id=name, published=DAY, outlet=None, title=None, terms=terms,
            term_weights=_unit([1.0] * len(terms)), entities=(), entity_weights=(),
            years=(), days=(), minhash=(), words=100,
        )  # fmt: skip

    small = profile_of(made("query", shared), vocab)  # the first ids
    for i in range(150_000):
        vocab[f"filler{i}"]
    stored = profile_of(made("stored", (*shared, "aftershock")), vocab)  # one id past 150,000
    table = ProfileTable()
    table.append(stored)
    found = link_scores(small, table, [0], LinkParams())
    assert [slot for slot, _, _ in found] == [0]
