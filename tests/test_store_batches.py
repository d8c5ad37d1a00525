"""Batched writes: ``add_many`` is one all-or-nothing transaction, and ``StoryWriter`` commits
in batches without changing what ends up in the store; a writer that dies with entries pending
loses only those, and a new writer groups them again as the dead one had."""

from __future__ import annotations

import random
import sqlite3
import threading
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from newsfuse.ingest_run import StoryWriter, restore_grouper
from newsfuse.model import Article, Membership, Outlet, Published, StoryEvent, content_id
from newsfuse.store import ArticleEntry, StoreConflict
from newsfuse.store.sqlite import SQLiteStore
from story_topics import OUTLETS, TOPICS


def corpus(per_topic: int = 7, seed: int = 11) -> list[Article]:
    """Articles mixing one topic's sentences, dated by topic, with exact copies of some under
    another outlet (syndication), interleaved across topics."""
    rng = random.Random(seed)
    articles = []
    for day, (topic, sentences) in enumerate(TOPICS.items(), 3):
        for n in range(per_topic):
            text = ". ".join(rng.sample(sentences, 4)) + f". Report {n} on {topic}."
            at = datetime(2024, 5, day + n // 3, 9, tzinfo=UTC)
            for copy in range(2 if n % 3 == 0 else 1):
                outlet = OUTLETS[(n + copy) % len(OUTLETS)]
                base = Article.from_text(content_id(text + outlet), text)
                articles.append(
                    replace(
                        base,
                        title=text.split(".")[0],
                        published=Published(at, "day", "test", True),
                        outlet=Outlet(outlet, None, "test"),
                    )
                )
    rng.shuffle(articles)
    return articles


def write(store: SQLiteStore, articles: list[Article], **batching: Any) -> StoryWriter:
    writer = StoryWriter(store, restore_grouper(store), **batching)
    for article in articles:
        writer.add(article)
    return writer


def snapshot(store: SQLiteStore) -> dict[str, Any]:
    return {
        "articles": [a.id for a in store.articles()],
        "features": list(store.features()),
        "memberships": store.memberships(),
        "stories": store.stories(),
        "syndication": sorted(store.syndication(), key=lambda g: g.id),
        "events": store.events(),
    }


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return corpus()


@pytest.fixture(scope="module")
def reference(articles: list[Article]) -> dict[str, Any]:
    """One transaction per article, as ingest wrote before batching."""
    store = SQLiteStore(":memory:")
    write(store, articles, every=1).flush()
    found = snapshot(store)
    store.close()
    assert len(found["articles"]) == len(articles)
    assert len(found["stories"]) == len(TOPICS) and found["syndication"]
    return found


# -- StoryWriter --------------------------------------------------------------------------------


@pytest.mark.parametrize("every", [2, 5, 1000])
def test_batches_store_what_one_transaction_each_stores(
    articles: list[Article], reference: dict[str, Any], every: int
) -> None:
    store = SQLiteStore(":memory:")
    writer = write(store, articles, every=every, seconds=3600)
    writer.flush()
    assert snapshot(store) == reference
    assert writer.expected == store.count() == len(articles)


def test_entries_wait_for_a_flush(articles: list[Article]) -> None:
    store = SQLiteStore(":memory:")
    writer = write(store, articles[:3], every=5, seconds=3600)
    assert store.count() == 0 and len(writer.pending) == 3 and writer.expected == 0
    assert not writer.add(articles[0])  # queued counts as filed: not grouped twice
    write_more = [writer.add(a) for a in articles[3:5]]
    assert write_more == [True, True]
    assert store.count() == 5 and not writer.pending and writer.expected == 5  # the 5th flushed
    assert writer.flush() == 0


def test_the_oldest_entry_waits_at_most_the_given_seconds(articles: list[Article]) -> None:
    store = SQLiteStore(":memory:")
    writer = StoryWriter(store, restore_grouper(store), every=1000, seconds=0.0)
    for n, article in enumerate(articles[:4], 1):
        writer.add(article)
        assert store.count() == n


def test_a_writer_that_dies_loses_only_its_pending_tail(
    articles: list[Article], reference: dict[str, Any], tmp_path: Path
) -> None:
    db = tmp_path / "news.db"
    store = SQLiteStore(db)
    dead = write(store, articles[:11], every=4, seconds=3600)
    assert len(dead.pending) == 3
    store.close()  # as a kill would: no flush
    store = SQLiteStore(db)
    assert store.count() == 8
    again = write(store, articles, every=4, seconds=3600)  # restored from the 8 committed
    again.flush()
    assert snapshot(store) == reference
    store.close()


def test_a_second_writer_is_refused_when_it_flushes(
    articles: list[Article], tmp_path: Path
) -> None:
    db = tmp_path / "news.db"
    first, second = SQLiteStore(db), SQLiteStore(db)
    one = StoryWriter(first, restore_grouper(first), every=100)
    two = StoryWriter(second, restore_grouper(second), every=100)
    one.add(articles[0])
    two.add(articles[1])
    one.flush()
    with pytest.raises(StoreConflict, match="one ingest at a time"):
        two.flush()
    assert second.count() == 1 and [a.id for a in second.articles()] == [articles[0].id]
    first.close()
    second.close()


# -- add_many -------------------------------------------------------------------------------


def entry(article: Article, story: str = "s1", *rewritten: Membership, **kw: Any) -> ArticleEntry:
    own = Membership(article.id, story, 0.5, ("terms: quake",), None)
    return ArticleEntry(article, '{"f": 1}', (own, *rewritten), **kw)


def test_add_many_is_all_or_nothing(articles: list[Article]) -> None:
    store = SQLiteStore(":memory:")
    a, b, c = articles[:3]
    dangling = Membership("no-such-article", "s1", 0.1, ())
    with pytest.raises(sqlite3.IntegrityError):
        store.add_many([entry(a), entry(b), entry(c, "s1", dangling)])
    assert store.count() == 0 and store.memberships() == () and list(store.features()) == []
    assert store.add_many([entry(a), entry(b), entry(c)]) == (True, True, True)


def test_add_many_leaves_stored_articles_alone(articles: list[Article]) -> None:
    store = SQLiteStore(":memory:")
    a, b = articles[:2]
    assert store.add(entry(a))
    added = store.add_many([entry(a, "s2"), entry(b, "s3"), entry(b, "s4")], expected=1)
    assert added == (False, True, False)
    assert store.count() == 2
    assert [(m.article_id, m.story_id) for m in store.memberships()] == [(a.id, "s1"), (b.id, "s3")]
    with pytest.raises(StoreConflict):
        store.add_many([entry(articles[2])], expected=1)
    assert store.add_many([]) == ()


def test_later_entries_win_and_history_keeps_its_order(articles: list[Article]) -> None:
    store = SQLiteStore(":memory:")
    a, b = articles[:2]
    created = StoryEvent(1, "created", "sa", a.id)
    merged = StoryEvent(2, "merged", "sb", b.id, ("sa",))
    moved = Membership(a.id, "sb", 0.4, ("merged",), b.id)
    store.add_many([entry(a, "sa", events=(created,)), entry(b, "sb", moved, events=(merged,))])
    assert [(m.article_id, m.story_id) for m in store.memberships()] == [(a.id, "sb"), (b.id, "sb")]
    assert [(e.seq, e.kind) for e in store.events()] == [(1, "created"), (2, "merged")]


# -- the background checkpoint ------------------------------------------------------------------


def _checkpointers() -> int:
    return sum(t.name == "newsfuse-checkpoint" for t in threading.enumerate())


def test_only_a_file_store_that_writes_checkpoints_and_close_stops_it(
    articles: list[Article], tmp_path: Path
) -> None:
    before = _checkpointers()
    memory = SQLiteStore(":memory:")
    memory.add(entry(articles[0]))
    assert _checkpointers() == before
    db = tmp_path / "news.db"
    writer = SQLiteStore(db)
    reader = SQLiteStore(db, create=False)
    reader.stories()
    assert _checkpointers() == before
    writer.add_many([entry(a) for a in articles[:5]])
    assert _checkpointers() == before + 1
    assert reader.count() == 5
    writer.close()
    assert _checkpointers() == before
    reader.close()
    memory.close()
