"""The store: articles, rejections and story grouping kept between runs, keyed by content hash.

The pipeline never reads the store and renderers only read what it returns, so the interface
below is all that ingest, ``stories`` and ``report`` rely on. SQLite (``sqlite.SQLiteStore``)
is the default; a server database can implement the same ``Store`` protocol later.

Writes come in whole units: an ``ArticleEntry`` is one article together with everything grouping
changed because of it (new and rewritten memberships, story events, syndication groups), and
``add_many`` stores a run of entries in one transaction, all or nothing (``add`` is a run of
one), so a run killed at any moment leaves a consistent store and a re-run resumes.

    NewsfuseError
     └── StoreError           the store cannot be opened or used (one-line message)
          ├── StoreMissing    there is no store at the path (and none was to be created)
          └── StoreConflict   another writer added articles while this one was running

Every failure of the database underneath (a full disk, a damaged file, an I/O error, a lock)
reaches callers as a ``StoreError`` whose message names the file and says what to do; no
``sqlite3`` exception leaves the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol

from newsfuse.errors import NewsfuseError
from newsfuse.model import Article, Membership, Rejection, Story, StoryEvent, SyndicationGroup

__all__ = [
    "ArticleEntry",
    "Store",
    "StoreConflict",
    "StoreError",
    "StoreMissing",
    "open_store",
]


class StoreError(NewsfuseError):
    """The store cannot be opened or written; the message says which file and what to do."""


class StoreMissing(StoreError):
    """There is no store at the path, and the caller asked not to create one."""


class StoreConflict(StoreError):
    """Another process added articles since this writer loaded the grouping state."""


@dataclass(frozen=True)
class ArticleEntry:
    """Everything one article's ingest writes, as one atomic unit.

    ``features`` is the grouping library's JSON for the article (opaque to the store);
    ``memberships`` holds the article's own membership plus every earlier one whose story id
    changed (stories merge); ``syndication`` holds the whole groups the article touched.
    """

    article: Article
    features: str
    memberships: tuple[Membership, ...]
    events: tuple[StoryEvent, ...] = ()
    syndication: tuple[SyndicationGroup, ...] = ()


class Store(Protocol):
    """What ingest and the readers need of a store. Every method is safe to call while another
    process writes; ``add``, ``add_many`` and ``add_rejections`` are each one transaction."""

    def count(self) -> int:
        """How many articles are stored (also the ``expected`` value for the next ``add``)."""
        ...

    def known(self, ids: Iterable[str]) -> set[str]:
        """The ids among ``ids`` that are stored as articles or recorded as rejected inputs."""
        ...

    def rejected(self, ids: Iterable[str]) -> set[str]:
        """The ids among ``ids`` recorded as rejected inputs (and not stored as articles)."""
        ...

    def recorded(self, rejections: Iterable[Rejection]) -> set[tuple[str, str]]:
        """The (source, reason) of those ``rejections`` that are recorded already: the same
        input refused for the same reason by an earlier run."""
        ...

    def add(self, entry: ArticleEntry, *, expected: int | None = None) -> bool:
        """Store one article and its grouping changes; False if it was already stored.

        With ``expected``, refuse (``StoreConflict``) unless exactly that many articles are
        stored, so two writers never interleave their grouping."""
        ...

    def add_many(
        self, entries: Sequence[ArticleEntry], *, expected: int | None = None
    ) -> tuple[bool, ...]:
        """``add`` for several entries in order, in one transaction: for each, whether it was
        stored (False, and none of its rows written, if its article already was). Later
        entries win where they rewrite an earlier one's membership. ``expected`` is checked
        once, before the first; a failure stores none of them."""
        ...

    def add_rejections(self, rejected: Iterable[tuple[Rejection, str | None]]) -> None:
        """Record rejected inputs with their content hash when known (an input refused while
        loading has none: it is known by its source and reason); repeats are no-ops."""
        ...

    def articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]:
        """Stored articles in ingest order (all of them, or those with the given ids)."""
        ...

    def features(self) -> Iterator[tuple[str, str]]:
        """(article id, features JSON) in ingest order, to restore a grouper."""
        ...

    def replace_features(self, rows: Iterable[tuple[str, str]]) -> None:
        """Store recomputed (article id, features JSON) for stored articles, in one
        transaction (features a newer ``FEATURES_VERSION`` replaces)."""
        ...

    def memberships(self, story_id: str | None = None) -> tuple[Membership, ...]:
        """Memberships in ingest order of their articles, all or one story's."""
        ...

    def stories(
        self,
        *,
        since: date | None = None,
        until: date | None = None,
        outlets: Sequence[str] = (),
    ) -> tuple[Story, ...]:
        """Every story, largest first (then most recent, then id); with filters, those with
        an article that passes all of them: published on or after ``since`` and on or before
        ``until`` (the article's own day, in its own time zone; undated articles never pass a
        date filter), from an outlet whose name contains one of ``outlets`` (any case)."""
        ...

    def story_count(self) -> int:
        """How many stories there are."""
        ...

    def story(self, story_id: str) -> Story | None: ...

    def story_ids(self, prefix: str) -> tuple[str, ...]:
        """The story ids that start with ``prefix``."""
        ...

    def syndication(self, article_ids: Iterable[str] | None = None) -> tuple[SyndicationGroup, ...]:
        """Syndication groups, all or those holding any of ``article_ids``."""
        ...

    def events(self, story_id: str | None = None) -> tuple[StoryEvent, ...]:
        """Story history in the order it happened, all or one story's."""
        ...

    def rejections(self) -> tuple[Rejection, ...]: ...

    def close(self) -> None: ...


def open_store(path: str | Path, *, create: bool = True) -> Store:
    """The store at ``path`` (SQLite); ``:memory:`` gives a private, temporary one."""
    from newsfuse.store.sqlite import SQLiteStore

    return SQLiteStore(path, create=create)
