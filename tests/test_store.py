"""The SQLite store: round-trips, idempotent writes, all-or-nothing transactions, migrations."""

from __future__ import annotations

import ast
import json
import sqlite3
import typing
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfuse.model import (
    Article,
    EntityMention,
    Membership,
    Outlet,
    Precision,
    Published,
    Quote,
    Rejection,
    Removal,
    Span,
    StoryEvent,
    SyndicationGroup,
    TimeExpression,
    TimexType,
    Zone,
)
from newsfuse.serial import to_jsonable
from newsfuse.store import ArticleEntry, StoreConflict, StoreError, open_store
from newsfuse.store.codec import encode_article
from newsfuse.store.migrations import MIGRATIONS
from newsfuse.store.sqlite import SQLiteStore

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MakeArticle = Callable[..., Article]

# -- hypothesis: random but valid Articles ------------------------------------------------------

offsets = st.integers(-14 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
aware = st.datetimes(
    min_value=datetime(1000, 1, 1), max_value=datetime(9000, 1, 1), timezones=offsets
)
texts = st.text(max_size=40)
words = st.text(max_size=12)
maybe = st.none() | texts
precisions = st.sampled_from(typing.get_args(Precision))


def spans_in(text: str) -> st.SearchStrategy[Span]:
    ends = st.integers(0, len(text))
    return st.tuples(ends, ends).map(lambda ab: Span(min(ab), max(ab)))


def listed(strategy: st.SearchStrategy[typing.Any]) -> st.SearchStrategy[tuple[typing.Any, ...]]:
    return st.lists(strategy, max_size=3).map(tuple)


@st.composite
def articles(draw: st.DrawFn) -> Article:
    text = draw(st.text(max_size=200))
    spans = spans_in(text)
    maybe_spans = st.none() | spans
    removal = st.builds(
        Removal,
        texts,
        texts,
        texts,
        st.sampled_from(typing.get_args(Zone)),
        st.none() | st.integers(0, 10**6),
    )
    quote = st.builds(
        Quote, spans, st.booleans(), st.none() | words, maybe_spans, st.none() | words, maybe_spans
    )
    timex = st.builds(
        TimeExpression, spans, words, st.sampled_from(typing.get_args(TimexType)), words,
        st.none() | st.dates(), st.none() | precisions,
    )  # fmt: skip
    published = st.builds(Published, aware, precisions, texts, st.booleans(), st.booleans())
    return Article(
        id=draw(st.text(min_size=1, max_size=20)),
        source=draw(texts),
        kind=draw(st.sampled_from(["text", "html", "jsonl"])),
        text=text,
        paragraphs=draw(listed(spans)),
        title=draw(maybe),
        standfirst=draw(maybe),
        authors=draw(listed(texts)),
        published=draw(st.none() | published),
        outlet=draw(st.none() | st.builds(Outlet, texts, maybe, texts)),
        url=draw(maybe),
        truncated=draw(st.booleans()),
        removed=draw(listed(removal)),
        notes=draw(listed(texts)),
        language=draw(maybe),
        sentences=draw(listed(spans)),
        entities=draw(listed(st.builds(EntityMention, spans, words, words))),
        quotes=draw(listed(quote)),
        timexes=draw(listed(timex)),
    )


# -- helpers ------------------------------------------------------------------------------------


@pytest.fixture
def store() -> Iterator[SQLiteStore]:
    opened = SQLiteStore(":memory:")
    yield opened
    opened.close()


def entry(
    article: Article, story: str = "s1", *rewritten: Membership, **kw: object
) -> ArticleEntry:
    own = Membership(article.id, story, 0.5, ("shared entities: Kim",), None)
    return ArticleEntry(article, '{"f": 1}', (own, *rewritten), **kw)  # type: ignore[arg-type]


def dated(make_article: MakeArticle, text: str, day: int, outlet: str, **kw: object) -> Article:
    at = datetime(2023, 9, day, 12, tzinfo=UTC)
    return make_article(
        text,
        published=Published(at, "day", "test", True),
        outlet=Outlet(outlet, None, "test"),
        **kw,
    )


# -- round trips --------------------------------------------------------------------------------


@FAST
@given(article=articles())
def test_article_round_trips_through_the_store(article: Article) -> None:
    # The store's fast encoder writes exactly what report.json holds for an article.
    assert json.loads(encode_article(article)) == to_jsonable(article)
    store = SQLiteStore(":memory:")
    assert store.add(entry(article))
    assert list(store.articles([article.id])) == [article]
    assert list(store.articles()) == [article]
    store.close()


def test_the_store_encodes_datetimes_by_the_reports_rule(make_article: MakeArticle) -> None:
    # RFC 3339 cannot spell an offset with seconds: report.json shows it in UTC, so must the
    # store (a naive datetime never gets this far: the model refuses it).
    odd = timezone(timedelta(hours=5, minutes=30, seconds=15))
    at = datetime(2023, 9, 13, 8, 0, 0, 500, tzinfo=odd)
    article = make_article("Text.", published=Published(at, "day", "test", True))
    assert json.loads(encode_article(article)) == to_jsonable(article)
    assert json.loads(encode_article(article))["published"]["at"].endswith("+00:00")


def test_the_store_imports_no_renderer() -> None:
    # Data flows one way: the store shares the JSON codec (newsfuse.serial) with the renderers
    # but never imports one.
    package = Path(__file__).resolve().parent.parent / "src" / "newsfuse" / "store"
    for module in sorted(package.glob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not [n for n in names if n.startswith("newsfuse.render")], module.name


def test_stored_values_come_back_equal(store: SQLiteStore, make_article: MakeArticle) -> None:
    a = dated(make_article, "Kim arrived in Russia on Tuesday.", 12, "BBC")
    b = dated(make_article, "Putin met Kim at the cosmodrome.", 13, "Reuters", title="Later")
    events = (StoryEvent(1, "created", "s1", a.id),)
    group = SyndicationGroup("g1", a.id, (a.id, b.id), 0.9)
    assert store.add(entry(a, events=events))
    assert store.add(entry(b, events=(StoryEvent(7, "joined", "s1", b.id),), syndication=(group,)))
    assert store.memberships() == (
        Membership(a.id, "s1", 0.5, ("shared entities: Kim",)),
        Membership(b.id, "s1", 0.5, ("shared entities: Kim",)),
    )
    assert store.syndication() == (group,)
    assert store.syndication([b.id]) == (group,)
    assert store.syndication(["other"]) == ()
    assert [e.kind for e in store.events("s1")] == ["created", "joined"]
    assert [e.seq for e in store.events()] == [1, 2]  # the store numbers history itself
    assert list(store.features()) == [(a.id, '{"f": 1}'), (b.id, '{"f": 1}')]


# -- writes: idempotent, atomic, single writer --------------------------------------------------


def test_adding_an_article_twice_is_a_no_op(store: SQLiteStore, make_article: MakeArticle) -> None:
    article = make_article("Kim arrived in Russia on Tuesday.")
    assert store.add(entry(article))
    assert not store.add(entry(article, "s2"))
    assert store.count() == 1
    assert store.memberships()[0].story_id == "s1"
    assert store.known([article.id, "nope"]) == {article.id}


def test_a_failed_write_leaves_nothing_behind(
    store: SQLiteStore, make_article: MakeArticle
) -> None:
    article = make_article("Kim arrived in Russia on Tuesday.")
    dangling = Membership("no-such-article", "s1", 0.1, ())
    with pytest.raises(sqlite3.IntegrityError):
        store.add(entry(article, "s1", dangling))
    assert store.count() == 0
    assert store.memberships() == () and list(store.features()) == []
    assert store.add(entry(article))  # and the store is still usable


def test_merges_rewrite_earlier_memberships(store: SQLiteStore, make_article: MakeArticle) -> None:
    a = dated(make_article, "Kim arrived in Russia on Tuesday.", 12, "BBC", title="First")
    b = dated(make_article, "Putin met Kim at the cosmodrome.", 14, "Reuters", title="Second")
    c = dated(make_article, "The two leaders toured a jet plant.", 13, "AP", title=None)
    store.add(entry(a, "sa"))
    store.add(entry(b, "sb"))
    assert [s.id for s in store.stories()] == ["sb", "sa"]  # equal size: most recent first
    moved = (Membership(a.id, "sa", 0.5, ()), Membership(b.id, "sa", 0.4, ("merged",)))
    merge = StoryEvent(3, "merged", "sa", c.id, ("sb",))
    store.add(entry(c, "sa", *moved, events=(merge,)))
    (story,) = store.stories()
    assert story.id == "sa" and story.article_ids == (a.id, b.id, c.id)
    assert story.title == "First" and story.outlets == ("AP", "BBC", "Reuters")
    assert a.published and story.first_published == a.published.at
    assert b.published and story.last_published == b.published.at
    assert store.story("sa") == story and store.story("sb") is None
    assert [(e.kind, e.others) for e in store.events("sb")] == [("merged", ("sb",))]


def test_a_second_writer_is_refused(tmp_path: Path, make_article: MakeArticle) -> None:
    db = tmp_path / "news.db"
    first, second = SQLiteStore(db), SQLiteStore(db)
    seen = second.count()
    first.add(entry(make_article("Kim arrived in Russia on Tuesday.")))
    with pytest.raises(StoreConflict, match="one ingest at a time"):
        second.add(entry(make_article("Putin met Kim at the cosmodrome.")), expected=seen)
    assert second.count() == 1


def test_readers_read_while_a_write_is_open(tmp_path: Path, make_article: MakeArticle) -> None:
    db = tmp_path / "news.db"
    writer = SQLiteStore(db)
    writer.add(entry(make_article("Kim arrived in Russia on Tuesday.")))
    reader = SQLiteStore(db, create=False)
    writer._db.execute("BEGIN IMMEDIATE")
    writer._db.execute("UPDATE memberships SET story_id = 'changed'")
    assert [s.id for s in reader.stories()] == ["s1"]  # the last committed state, no waiting
    writer._db.execute("COMMIT")
    assert [s.id for s in reader.stories()] == ["changed"]


def test_rejections_are_recorded_once(store: SQLiteStore) -> None:
    bad = Rejection("a.txt", "empty", "the file is empty")
    store.add_rejections([(bad, "abc"), (bad, "abc")])
    store.add_rejections([(bad, "abc")])
    assert store.rejections() == (bad,)
    assert store.known(["abc"]) == {"abc"}


def test_story_ids_by_prefix(store: SQLiteStore, make_article: MakeArticle) -> None:
    for i, story in enumerate(["abc123", "abd456", "a_c789"]):
        store.add(entry(make_article(f"Article number {i} about things."), story))
    assert store.story_ids("ab") == ("abc123", "abd456")
    assert store.story_ids("a_") == ("a_c789",)  # LIKE wildcards are taken literally
    assert store.story_ids("ABC") == ()
    assert store.story_ids("") == ("a_c789", "abc123", "abd456")


# -- files and migrations -----------------------------------------------------------------------


def test_a_file_store_is_wal_and_migrated_once(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    open_store(db).close()
    open_store(db).close()
    raw = sqlite3.connect(db)
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    rows = raw.execute("SELECT number FROM _migrations").fetchall()
    assert rows == [(m.number,) for m in MIGRATIONS.steps]


def test_unusable_files_give_one_line_errors(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store at"):
        open_store(tmp_path / "missing.db", create=False)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError, match="cannot use"):
        open_store(junk)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(StoreError, match="something else"):
        open_store(other)
    newer = tmp_path / "newer.db"
    open_store(newer).close()
    with sqlite3.connect(newer) as raw:
        raw.execute("INSERT INTO _migrations VALUES (999, 'future', 'x')")
    with pytest.raises(StoreError, match="newer newsfuse"):
        open_store(newer)
    with pytest.raises(StoreError, match="no/such does not exist; create it first"):
        open_store(tmp_path / "no" / "such" / "dir.db")


def test_story_dates_keep_the_articles_own_offsets(
    tmp_path: Path, make_article: MakeArticle
) -> None:
    """A story's dates are as its articles state them (a London day stays that day), in a
    store made now and in one made before the stated time was kept (migration 2)."""
    london = timezone(timedelta(hours=1))
    midnight = datetime(2012, 6, 2, tzinfo=london)
    first = make_article("Quake in Valdoria.", published=Published(midnight, "day", "t", False))
    edge = datetime(1, 1, 1, tzinfo=london)  # no UTC datetime for it: the store clamps
    second = make_article("Quake, earlier.", published=Published(edge, "day", "t", False))
    db = tmp_path / "news.db"
    store = SQLiteStore(db)
    store.add(entry(first))
    (story,) = store.stories()
    assert story.first_published == midnight and str(story.first_published) == str(midnight)
    store.add(entry(second))
    (story,) = store.stories()
    assert (story.first_published, story.last_published) == (edge, midnight)
    store.close()
    with sqlite3.connect(db) as raw:  # as a store of migration 1 had it
        raw.execute("ALTER TABLE articles DROP COLUMN published_at")
        raw.execute("DELETE FROM _migrations WHERE number = 2")
    store = SQLiteStore(db)
    assert store.stories() == (story,)
    store.close()
