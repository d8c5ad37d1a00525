"""The default store: one SQLite file in WAL mode, so readers never wait for the writer.

Each ``add_many`` (``add`` is one article of it) is one ``BEGIN IMMEDIATE`` ... ``COMMIT``: the
articles, their features and memberships, the memberships story merges rewrote, the story
events and the syndication groups they touched are all written or none are.
``synchronous=NORMAL`` in WAL mode keeps every committed transaction across a killed process
(only a power cut can lose the last few), and never leaves a half-written one.

Committing only appends to the WAL; copying it back into the database file (a checkpoint) is
where the disk is synced, twice, and done at commit (SQLite's default) it cost the writer more
than all its inserts. So once a file store writes, checkpoints move to a ``_Checkpointer``
thread on its own connection, as SQLite's WAL notes suggest: a checkpoint runs beside the
writer, and the thread waits on the disk with the interpreter released. SQLite's checkpoint at
commit stays, at ``_BACKSTOP_PAGES``, for when the thread falls behind.

Every transaction ends in ``_commit``, the store's one write point. Every public method turns
what SQLite raises (a full disk, a damaged file, an I/O error) into a ``StoreError`` that names
the file and says what to do (``store_error``), so no caller sees an ``sqlite3`` exception.

Fault injection, for tests only (never set in real use), through the environment:

- ``NEWSFUSE_TEST_KILL=before-commit:N`` (or ``after-commit:N``, ``after-checkpoint:N``): the
  process kills itself with SIGKILL just before (after) its Nth commit, or after the
  background thread's Nth checkpoint, as ``kill -9`` would at that moment;
- ``NEWSFUSE_TEST_MAX_PAGES=N``: the store may not grow past N pages (``PRAGMA
  max_page_count``), so writing past them fails exactly as on a full disk (``SQLITE_FULL``).
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import math
import os
import signal
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

from newsfuse.model import (
    Article,
    Membership,
    Rejection,
    Story,
    StoryEvent,
    SyndicationGroup,
)
from newsfuse.serial import encode_datetime
from newsfuse.store import ArticleEntry, StoreConflict, StoreError, StoreMissing
from newsfuse.store.codec import (
    decode_article,
    decode_list,
    encode_article,
    encode_list,
    parse_time,
    sortable_time,
)
from newsfuse.store.migrations import MIGRATIONS

MEMORY = ":memory:"
_CHUNK = 500  # ids per IN (...) query, well under SQLite's variable limit
_BUSY_MS = 30_000
_CHECKPOINT_BYTES = 2 << 20  # of articles committed: the thread checkpoints after about this
_BACKSTOP_PAGES = 10_000  # of WAL (40 MB at 4 KiB): the writer checkpoints if the thread lags
KILL_ENV = "NEWSFUSE_TEST_KILL"
MAX_PAGES_ENV = "NEWSFUSE_TEST_MAX_PAGES"
_KILL_POINTS = ("before-commit", "after-commit", "after-checkpoint")
# What a damaged file can make decoding a stored row raise (besides sqlite3.Error).
_BAD_ROW = (ValueError, TypeError, KeyError)
# What SQLite raises for a wrong call (a row that breaks a constraint, a closed connection): a
# bug of the caller, not a fault of the file or the disk, so it goes through as it is.
_OUR_BUGS = (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError)
_DETAIL_CHARS = 80  # of SQLite's message (one can quote a whole row)

F = TypeVar("F", bound=Callable[..., Any])


def store_error(path: str, exc: BaseException, *, opening: bool = False) -> StoreError:
    """The one-line StoreError for what SQLite (or decoding a stored row) raised on ``path``."""
    code = getattr(exc, "sqlite_errorcode", None)
    detail = str(exc)[:_DETAIL_CHARS]
    if not isinstance(exc, sqlite3.Error) or (code is None and "decode" in detail):
        # A row SQLite could read whose bytes are not what the store wrote (not UTF-8, not
        # the JSON of an article): damage inside a page that SQLite itself did not notice.
        detail = f"a stored row cannot be read: {type(exc).__name__}"
        code = sqlite3.SQLITE_CORRUPT
    code = (code or sqlite3.SQLITE_ERROR) & 0xFF  # the primary code of an extended one
    if code == sqlite3.SQLITE_FULL:
        return StoreError(
            f"the disk holding {path} is full ({detail}); free some space and run again"
            " (what was written before stays in the store)"
        )
    if code == sqlite3.SQLITE_CORRUPT or (code == sqlite3.SQLITE_NOTADB and not opening):
        return StoreError(
            f"{path} is damaged ({detail}); restore it from a backup, or ingest the articles"
            " again into a new store"
        )
    if code == sqlite3.SQLITE_IOERR:
        return StoreError(f"cannot read or write {path} ({detail}); check the disk, then run again")
    if code in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM):
        return StoreError(f"{path} cannot be written ({detail}); check its permissions")
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return StoreError(f"{path} is locked by another process ({detail}); try again later")
    return StoreError(f"cannot use {path} as a newsfuse store ({detail})")


def _reading(method: F) -> F:
    """Errors of a reading method (a generator too) become ``store_error``s."""
    return _guard(method, (sqlite3.Error, *_BAD_ROW))


def _writing(method: F) -> F:
    """Errors of a writing method become ``store_error``s (a bug of ours, say a value that
    cannot be encoded, is not the store's fault and goes through as it is)."""
    return _guard(method, (sqlite3.Error,))


def _guard(method: F, caught: tuple[type[BaseException], ...]) -> F:
    if inspect.isgeneratorfunction(method):

        @functools.wraps(method)
        def generate(self: SQLiteStore, *args: Any, **kwargs: Any) -> Iterator[Any]:
            try:
                yield from method(self, *args, **kwargs)
            except _OUR_BUGS:
                raise
            except caught as exc:
                raise store_error(self.path, exc) from None

        return generate  # type: ignore[return-value]

    @functools.wraps(method)
    def call(self: SQLiteStore, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except _OUR_BUGS:
            raise
        except caught as exc:
            raise store_error(self.path, exc) from None

    return call  # type: ignore[return-value]


@dataclass
class _Faults:
    """The faults a test asked for in the environment (see the module docstring)."""

    kill: tuple[str, int] | None = None
    max_pages: int | None = None
    commits: int = 0
    checkpoints: int = 0

    @classmethod
    def from_environment(cls) -> _Faults:
        faults = cls()
        kill = os.environ.get(KILL_ENV, "").strip()
        if kill:
            point, _, count = kill.partition(":")
            if point not in _KILL_POINTS or not count.isdigit():
                raise StoreError(f"{KILL_ENV}={kill!r}: expected one of {_KILL_POINTS} and ':N'")
            faults.kill = (point, int(count))
        pages = os.environ.get(MAX_PAGES_ENV, "").strip()
        if pages:
            if not pages.isdigit():
                raise StoreError(f"{MAX_PAGES_ENV}={pages!r}: expected a number of pages")
            faults.max_pages = int(pages)
        return faults

    def reached(self, point: str) -> None:
        """Kill this process (as ``kill -9`` would) if ``point`` is the one asked for."""
        if point == "before-commit":
            self.commits += 1
        elif point == "after-checkpoint":
            self.checkpoints += 1
        if self.kill is None or self.kill[0] != point:
            return
        count = self.checkpoints if point == "after-checkpoint" else self.commits
        if count == self.kill[1]:
            os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))


class SQLiteStore:
    """A ``Store`` in one SQLite file (or ``:memory:``). Not shared between threads."""

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        self.path = str(path)
        self._checkpointer: _Checkpointer | None = None
        self._faults = _Faults.from_environment()
        if self.path != MEMORY:
            _check_path(Path(self.path), create=create)
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None, timeout=_BUSY_MS / 1000)
        except sqlite3.Error as exc:
            raise store_error(self.path, exc, opening=True) from None
        try:
            self._configure()
            self._migrate()
        except sqlite3.Error as exc:
            self._db.close()
            raise store_error(self.path, exc, opening=True) from None
        except StoreError:
            self._db.close()
            raise

    def _configure(self) -> None:
        db = self._db
        if self.path != MEMORY:
            db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA foreign_keys=ON")
        db.execute(f"PRAGMA busy_timeout={_BUSY_MS}")
        if self._faults.max_pages is not None:
            db.execute(f"PRAGMA max_page_count={self._faults.max_pages}")

    def _commit(self) -> None:
        """End the open transaction: the store's one write point."""
        self._faults.reached("before-commit")
        self._db.execute("COMMIT")
        self._faults.reached("after-commit")

    def _migrate(self) -> None:
        tables = {r[0] for r in self._db.execute("SELECT name FROM sqlite_master")}
        if tables and "_migrations" not in tables:
            raise StoreError(
                f"{self.path} is an SQLite file of something else, not a newsfuse store"
            )
        applied = MIGRATIONS.applied(self._db)
        newer = sorted(n for n in applied if n > MIGRATIONS.latest)
        if newer:
            raise StoreError(
                f"{self.path} was written by a newer newsfuse (schema {newer[-1]});"
                " upgrade newsfuse to read it"
            )
        MIGRATIONS.apply(self._db, commit=self._commit)

    def close(self) -> None:
        if self._checkpointer is not None:
            self._checkpointer.close()
        self._db.close()

    # -- writing ----------------------------------------------------------------------------

    @_reading
    def count(self) -> int:
        # seq only grows and nothing is deleted, so MAX(seq) is the count, in O(log n).
        row = self._db.execute("SELECT MAX(seq) FROM articles").fetchone()
        return int(row[0] or 0)

    def add(self, entry: ArticleEntry, *, expected: int | None = None) -> bool:
        return self.add_many((entry,), expected=expected)[0]

    @_writing
    def add_many(
        self, entries: Sequence[ArticleEntry], *, expected: int | None = None
    ) -> tuple[bool, ...]:
        if not entries:
            return ()
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            before = self.count()
            if expected is not None and before != expected:
                raise StoreConflict(
                    f"another process is adding articles to {self.path}; run one ingest at a time"
                )
            added, size = self._insert_articles(entries, before)
            self._insert_rest([e for e, new in zip(entries, added, strict=True) if new])
            self._commit()
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        if self.path != MEMORY:
            if self._checkpointer is None:  # only writers start one; readers never do
                self._checkpointer = _Checkpointer(self.path, self._faults)
                db.execute(f"PRAGMA wal_autocheckpoint={_BACKSTOP_PAGES}")
            self._checkpointer.wrote(size)
        return added

    def _insert_articles(
        self, entries: Sequence[ArticleEntry], before: int
    ) -> tuple[tuple[bool, ...], int]:
        """Insert the articles: which were new, and the size of their JSON. An id already
        stored is left as it is (the UNIQUE index tells, no look-up first); only then are the
        new rows' ids read back. Rows are made one at a time as SQLite takes them, so a batch
        never holds all its encoded articles at once."""
        size = 0

        def rows() -> Iterator[tuple[Any, ...]]:
            nonlocal size
            for entry in entries:
                row = _article_row(entry.article)
                size += len(row[-1])
                yield row

        inserted = self._db.executemany(
            "INSERT INTO articles (id, source, outlet, published, published_at, title, data)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
            rows(),
        ).rowcount
        if inserted == len(entries):
            return (True,) * len(entries), size
        new = {r[0] for r in self._db.execute("SELECT id FROM articles WHERE seq > ?", (before,))}
        added = []
        for entry in entries:  # the same id twice in one call: the first is the one stored
            added.append(entry.article.id in new)
            new.discard(entry.article.id)
        return tuple(added), size

    def _insert_rest(self, entries: Sequence[ArticleEntry]) -> None:
        """Features, memberships, events and syndication of newly stored articles, in entry
        order, so a membership rewritten by a later entry ends as that entry has it."""
        db = self._db
        db.executemany(
            "INSERT INTO features (article_id, data) VALUES (?, ?)",
            ((e.article.id, e.features) for e in entries),
        )
        db.executemany(
            "INSERT OR REPLACE INTO memberships (article_id, story_id, score, reasons, linked_to)"
            " VALUES (?, ?, ?, ?, ?)",
            (
                (m.article_id, m.story_id, m.score, encode_list(m.reasons), m.linked_to)
                for e in entries
                for m in e.memberships
            ),
        )
        db.executemany(
            "INSERT INTO story_events (kind, story_id, article_id, others) VALUES (?, ?, ?, ?)",
            (
                (v.kind, v.story_id, v.article_id, encode_list(v.others))
                for e in entries
                for v in e.events
            ),
        )
        for entry in entries:
            for group in entry.syndication:
                self._write_group(group)

    def _write_group(self, group: SyndicationGroup) -> None:
        """Members move into the group as a whole (groups grow and merge, never shrink)."""
        for chunk in _chunks(group.members):
            marks = ",".join("?" * len(chunk))
            self._db.execute(f"DELETE FROM syndication WHERE article_id IN ({marks})", chunk)
        self._db.execute("DELETE FROM syndication WHERE group_id = ?", (group.id,))
        self._db.executemany(
            "INSERT INTO syndication (article_id, group_id, position, earliest, similarity)"
            " VALUES (?, ?, ?, ?, ?)",
            [
                (m, group.id, i, group.earliest, group.similarity)
                for i, m in enumerate(group.members)
            ],
        )

    @_writing
    def add_rejections(self, rejected: Iterable[tuple[Rejection, str | None]]) -> None:
        rows = [(r.source, r.reason, r.message, raw_id) for r, raw_id in rejected]
        if not rows:
            return
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            db.executemany(
                "INSERT OR IGNORE INTO rejections (source, reason, message, raw_id)"
                " VALUES (?, ?, ?, ?)",
                rows,
            )
            self._commit()
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise

    # -- reading ----------------------------------------------------------------------------

    @_reading
    def known(self, ids: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT id FROM articles WHERE id IN ({marks})"
                f" UNION SELECT raw_id FROM rejections WHERE raw_id IN ({marks})",
                (*chunk, *chunk),
            )
            found.update(row[0] for row in rows)
        return found

    @_reading
    def rejected(self, ids: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT raw_id FROM rejections WHERE raw_id IN ({marks})"
                f" EXCEPT SELECT id FROM articles WHERE id IN ({marks})",
                (*chunk, *chunk),
            )
            found.update(row[0] for row in rows)
        return found

    @_reading
    def recorded(self, rejections: Iterable[Rejection]) -> set[tuple[str, str]]:
        found: set[tuple[str, str]] = set()
        pairs = list(dict.fromkeys((r.source, r.reason) for r in rejections))
        for start in range(0, len(pairs), _CHUNK // 2):
            chunk = pairs[start : start + _CHUNK // 2]
            marks = ",".join("(?, ?)" for _ in chunk)
            rows = self._db.execute(
                f"SELECT source, reason FROM rejections WHERE (source, reason) IN (VALUES {marks})",
                [value for pair in chunk for value in pair],
            )
            found.update((source, reason) for source, reason in rows)
        return found

    @_reading
    def articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]:
        if ids is None:
            for (data,) in self._db.execute("SELECT data FROM articles ORDER BY seq"):
                yield decode_article(data)
            return
        rows: list[tuple[int, str]] = []
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            rows += self._db.execute(f"SELECT seq, data FROM articles WHERE id IN ({marks})", chunk)
        for _, data in sorted(rows):
            yield decode_article(data)

    @_reading
    def features(self) -> Iterator[tuple[str, str]]:
        yield from self._db.execute(
            "SELECT f.article_id, f.data FROM features f JOIN articles a ON a.id = f.article_id"
            " ORDER BY a.seq"
        )

    @_writing
    def replace_features(self, rows: Iterable[tuple[str, str]]) -> None:
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            db.executemany(
                "UPDATE features SET data = ? WHERE article_id = ?",
                [(data, article_id) for article_id, data in rows],
            )
            self._commit()
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise

    @_reading
    def memberships(self, story_id: str | None = None) -> tuple[Membership, ...]:
        where, args = _story_filter("m", story_id)
        rows = self._db.execute(
            "SELECT m.article_id, m.story_id, m.score, m.reasons, m.linked_to FROM memberships m"
            f" JOIN articles a ON a.id = m.article_id {where} ORDER BY a.seq",
            args,
        )
        return tuple(Membership(a, s, score, decode_list(r), link) for a, s, score, r, link in rows)

    @_reading
    def stories(
        self,
        *,
        since: date | None = None,
        until: date | None = None,
        outlets: Sequence[str] = (),
    ) -> tuple[Story, ...]:
        rows = self._story_rows(None)
        if since is not None or until is not None or outlets:
            passes = _article_filter(since, until, outlets)
            wanted = {story_id for story_id, _, outlet, _, at, _ in rows if passes(outlet, at)}
            rows = [row for row in rows if row[0] in wanted]
        stories = _assemble_stories(rows)
        return tuple(sorted(stories, key=_story_order))

    @_reading
    def story_count(self) -> int:
        row = self._db.execute("SELECT COUNT(DISTINCT story_id) FROM memberships").fetchone()
        return int(row[0])

    @_reading
    def story(self, story_id: str) -> Story | None:
        found = _assemble_stories(self._story_rows(story_id))
        return found[0] if found else None

    def _story_rows(self, story_id: str | None) -> list[Any]:
        where, args = _story_filter("m", story_id)
        return list(
            self._db.execute(
                "SELECT m.story_id, a.id, a.outlet, a.published, a.published_at, a.title"
                " FROM memberships m"
                f" JOIN articles a ON a.id = m.article_id {where} ORDER BY a.seq",
                args,
            )
        )

    @_reading
    def story_ids(self, prefix: str) -> tuple[str, ...]:
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = self._db.execute(
            "SELECT DISTINCT story_id FROM memberships WHERE story_id LIKE ? ESCAPE '\\'"
            " ORDER BY story_id",
            (escaped + "%",),
        )
        # LIKE ignores ASCII case; ids are lower-case hex, but check exactly all the same.
        return tuple(row[0] for row in rows if row[0].startswith(prefix))

    @_reading
    def syndication(self, article_ids: Iterable[str] | None = None) -> tuple[SyndicationGroup, ...]:
        if article_ids is None:
            rows = list(
                self._db.execute(
                    "SELECT group_id, article_id, earliest, similarity FROM syndication"
                    " ORDER BY group_id, position"
                )
            )
        else:
            groups: set[str] = set()
            for chunk in _chunks(list(article_ids)):
                marks = ",".join("?" * len(chunk))
                groups.update(
                    r[0]
                    for r in self._db.execute(
                        f"SELECT group_id FROM syndication WHERE article_id IN ({marks})", chunk
                    )
                )
            rows = []
            for chunk in _chunks(sorted(groups)):
                marks = ",".join("?" * len(chunk))
                rows += self._db.execute(
                    "SELECT group_id, article_id, earliest, similarity FROM syndication"
                    f" WHERE group_id IN ({marks}) ORDER BY group_id, position",
                    chunk,
                )
        return _assemble_groups(rows)

    @_reading
    def events(self, story_id: str | None = None) -> tuple[StoryEvent, ...]:
        args: tuple[str, ...] = ()
        where = ""
        if story_id is not None:
            # A merge event is filed under the surviving story and names the absorbed ones.
            where, args = "WHERE story_id = ? OR others LIKE ?", (story_id, f'%"{story_id}"%')
        rows = self._db.execute(
            "SELECT seq, kind, story_id, article_id, others FROM story_events"
            f" {where} ORDER BY seq",
            args,
        )
        return tuple(StoryEvent(seq, k, s, a, decode_list(o)) for seq, k, s, a, o in rows)

    @_reading
    def rejections(self) -> tuple[Rejection, ...]:
        rows = self._db.execute(
            "SELECT source, reason, message FROM rejections ORDER BY source, reason"
        )
        return tuple(Rejection(*row) for row in rows)


class _Checkpointer:
    """A thread that checkpoints the WAL (``PASSIVE``: never blocks the writer or readers)
    once the writer has committed about ``_CHECKPOINT_BYTES`` of articles since the last one
    (about SQLite's own pace; one per commit made single adds slower). A checkpoint it misses
    or cannot do is only work left for the next one: SQLite never needs a checkpoint for
    correctness, and a killed process leaves a WAL that the next connection uses as it is."""

    def __init__(self, path: str, faults: _Faults) -> None:
        self._path = path
        self._faults = faults
        self._written = 0
        self._wake = threading.Event()
        self._closing = False
        self._thread = threading.Thread(target=self._run, name="newsfuse-checkpoint", daemon=True)
        self._thread.start()

    def wrote(self, size: int) -> None:
        """The writer committed about ``size`` more bytes to the WAL."""
        self._written += size
        if self._written >= _CHECKPOINT_BYTES:
            self._written = 0
            self._wake.set()

    def close(self) -> None:
        self._closing = True
        self._wake.set()
        self._thread.join()

    def _run(self) -> None:
        try:
            db = sqlite3.connect(self._path, isolation_level=None, timeout=_BUSY_MS / 1000)
        except sqlite3.Error:
            return
        try:
            while True:
                self._wake.wait()
                self._wake.clear()
                if self._closing:
                    return
                with contextlib.suppress(sqlite3.Error):  # the next one, or SQLite's, will do
                    db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                self._faults.reached("after-checkpoint")
        finally:
            db.close()


def _check_path(path: Path, *, create: bool) -> None:
    """Refuse, in one line, a path that cannot be a store before SQLite says it less clearly."""
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a store; give a file, such as {path}/news.db")
    if path.is_file():
        return
    if not create:
        raise StoreMissing(f"no store at {path}; run 'newsfuse ingest ... --db {path}'")
    folder = path.parent
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise StoreError(f"cannot create the store {path}: {folder} {what}; create it first")


def _article_row(article: Article) -> tuple[Any, ...]:
    return (
        article.id,
        article.source,
        article.outlet.name if article.outlet else None,
        sortable_time(article.published.at) if article.published else None,
        encode_datetime(article.published.at) if article.published else None,
        article.title,
        encode_article(article),
    )


def _chunks(items: Sequence[str]) -> Iterator[tuple[str, ...]]:
    iterator = iter(items)
    while chunk := tuple(islice(iterator, _CHUNK)):
        yield chunk


def _story_filter(alias: str, story_id: str | None) -> tuple[str, tuple[str, ...]]:
    if story_id is None:
        return "", ()
    return f"WHERE {alias}.story_id = ?", (story_id,)


def _assemble_stories(rows: list[Any]) -> list[Story]:
    """Stories from (story, article, outlet, published in UTC, published as stated, title) rows
    in ingest order, as ``build_story`` makes them: the first and last dates as the articles
    state them (their own offsets, so a day is the article's own day), the title the earliest
    dated article's (equal times: the smaller id), else the first titled one's."""
    members: dict[str, list[tuple[str, str | None, str | None, str | None, str | None]]] = {}
    for story_id, article_id, outlet, utc, stated, title in rows:
        members.setdefault(story_id, []).append((article_id, outlet, utc, stated, title))
    stories = []
    for story_id, items in members.items():
        dated = sorted((utc, a, stated, t) for a, _, utc, stated, t in items if utc is not None)
        titled = [t for *_, t in dated if t] or [t for *_, t in items if t]
        stories.append(
            Story(
                id=story_id,
                title=titled[0] if titled else None,
                article_ids=tuple(a for a, *_ in items),
                outlets=tuple(sorted({o for _, o, *_ in items if o is not None})),
                first_published=parse_time(dated[0][2]) if dated else None,
                last_published=parse_time(dated[-1][2]) if dated else None,
            )
        )
    return stories


def _article_filter(
    since: date | None, until: date | None, outlets: Sequence[str]
) -> Callable[[str | None, str | None], bool]:
    """Whether an article (its outlet, its time as stated) passes every filter given. The
    stated time's first ten characters are its own day (``YYYY-MM-DD``, as serial writes it)."""
    low = since.isoformat() if since is not None else None
    high = until.isoformat() if until is not None else None
    names = [name.casefold() for name in outlets]

    def passes(outlet: str | None, at: str | None) -> bool:
        if low is not None or high is not None:
            if at is None:
                return False
            day = at[:10]
            if (low is not None and day < low) or (high is not None and day > high):
                return False
        if names:
            return outlet is not None and any(name in outlet.casefold() for name in names)
        return True

    return passes


def _story_order(story: Story) -> tuple[int, float, str]:
    """Largest first, then the most recently updated, undated last; ties by id."""
    last = story.last_published
    return (-len(story.article_ids), -last.timestamp() if last else math.inf, story.id)


def _assemble_groups(rows: Iterable[Any]) -> tuple[SyndicationGroup, ...]:
    groups: dict[str, tuple[str, float, list[str]]] = {}
    for group_id, article_id, earliest, similarity in rows:
        groups.setdefault(group_id, (earliest, similarity, []))[2].append(article_id)
    return tuple(
        SyndicationGroup(gid, earliest, tuple(members), similarity)
        for gid, (earliest, similarity, members) in groups.items()
    )
