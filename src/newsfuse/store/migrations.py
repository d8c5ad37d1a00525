"""Schema migrations for the SQLite store, registered in order with a decorator.

As in sqlite-utils' ``migrations``: each migration is a function with a number and a name;
``apply`` runs, in one transaction each, those not yet recorded in the ``_migrations`` table.
A store written by a newer newsfuse (a migration number we do not know) is refused rather
than guessed at. DDL is transactional in SQLite, so a migration killed half-way leaves no trace.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

Step = Callable[[sqlite3.Connection], None]


@dataclass(frozen=True)
class Migration:
    number: int
    name: str
    step: Step


@dataclass
class Migrations:
    """An ordered list of migrations; ``@migrations(number, name)`` registers one."""

    steps: list[Migration] = field(default_factory=list)

    def __call__(self, number: int, name: str) -> Callable[[Step], Step]:
        def register(step: Step) -> Step:
            if self.steps and number <= self.steps[-1].number:
                raise ValueError(f"migration {number} registered after {self.steps[-1].number}")
            self.steps.append(Migration(number, name, step))
            return step

        return register

    @property
    def latest(self) -> int:
        return self.steps[-1].number if self.steps else 0

    def applied(self, db: sqlite3.Connection) -> set[int]:
        db.execute(
            "CREATE TABLE IF NOT EXISTS _migrations "
            "(number INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        return {row[0] for row in db.execute("SELECT number FROM _migrations")}

    def pending(self, db: sqlite3.Connection) -> list[Migration]:
        done = self.applied(db)
        return [m for m in self.steps if m.number not in done]

    def apply(
        self, db: sqlite3.Connection, *, commit: Callable[[], None] | None = None
    ) -> list[Migration]:
        """Run the pending migrations; ``db`` must be in autocommit mode (we own BEGIN).
        ``commit`` ends each one's transaction (the store's own write point), else COMMIT."""
        ran = []
        for migration in self.pending(db):
            db.execute("BEGIN IMMEDIATE")
            try:
                if migration.number in self.applied(db):  # another process got there first
                    db.execute("ROLLBACK")
                    continue
                migration.step(db)
                db.execute(
                    "INSERT INTO _migrations (number, name, applied_at) VALUES (?, ?, ?)",
                    (migration.number, migration.name, datetime.now(UTC).isoformat()),
                )
                if commit is None:
                    db.execute("COMMIT")
                else:
                    commit()
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise
            ran.append(migration)
        return ran


MIGRATIONS = Migrations()


def _script(db: sqlite3.Connection, sql: str) -> None:
    """Run ``;``-separated statements inside the caller's transaction (executescript commits)."""
    for statement in sql.split(";"):
        if statement.strip():
            db.execute(statement)


@MIGRATIONS(1, "articles, rejections, grouping state and history")
def _initial(db: sqlite3.Connection) -> None:
    _script(
        db,
        """
        CREATE TABLE articles (
            seq INTEGER PRIMARY KEY,          -- ingest order: grouping is replayed in it
            id TEXT NOT NULL UNIQUE,          -- content hash of the input
            source TEXT NOT NULL,
            outlet TEXT,
            published TEXT,                   -- ISO 8601 in UTC, so it sorts
            title TEXT,
            data TEXT NOT NULL                -- the whole Article as JSON (serial)
        );
        CREATE INDEX articles_outlet ON articles (outlet);
        CREATE INDEX articles_published ON articles (published);
        CREATE TABLE rejections (
            source TEXT NOT NULL,
            reason TEXT NOT NULL,
            message TEXT NOT NULL,
            raw_id TEXT,                      -- content hash when the input could be read
            PRIMARY KEY (source, reason)
        );
        CREATE INDEX rejections_raw ON rejections (raw_id);
        CREATE TABLE features (
            article_id TEXT PRIMARY KEY REFERENCES articles (id),
            data TEXT NOT NULL                -- the grouping features as JSON
        );
        CREATE TABLE memberships (
            article_id TEXT PRIMARY KEY REFERENCES articles (id),
            story_id TEXT NOT NULL,
            score REAL NOT NULL,
            reasons TEXT NOT NULL,            -- JSON list of strings
            linked_to TEXT
        );
        CREATE INDEX memberships_story ON memberships (story_id);
        CREATE TABLE story_events (
            seq INTEGER PRIMARY KEY,          -- the store's own order of events
            kind TEXT NOT NULL,
            story_id TEXT NOT NULL,
            article_id TEXT,
            others TEXT NOT NULL              -- JSON list of story ids
        );
        CREATE INDEX story_events_story ON story_events (story_id);
        CREATE TABLE syndication (
            article_id TEXT PRIMARY KEY REFERENCES articles (id),
            group_id TEXT NOT NULL,
            position INTEGER NOT NULL,        -- the member's place in its group
            earliest TEXT NOT NULL,
            similarity REAL NOT NULL
        );
        CREATE INDEX syndication_group ON syndication (group_id)
        """,
    )


@MIGRATIONS(2, "articles keep their publication time as stated, with its own offset")
def _published_as_stated(db: sqlite3.Connection) -> None:
    """``published`` is in UTC, for order; ``published_at`` is the time as the article states
    it (the report's ``published.at``), so a story's dates are the articles' own days."""
    db.execute("ALTER TABLE articles ADD COLUMN published_at TEXT")
    last = 0
    while True:  # in chunks by seq, from the stored JSON (no JSON functions needed in SQLite)
        rows = db.execute(
            "SELECT seq, data FROM articles WHERE seq > ? AND published IS NOT NULL"
            " ORDER BY seq LIMIT 500",
            (last,),
        ).fetchall()
        if not rows:
            return
        db.executemany(
            "UPDATE articles SET published_at = ? WHERE seq = ?",
            [(json.loads(data)["published"]["at"], seq) for seq, data in rows],
        )
        last = rows[-1][0]
