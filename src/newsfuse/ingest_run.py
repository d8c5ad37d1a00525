"""Incremental ingest: RawDocuments -> clean -> analyse -> features -> grouping -> store.

Documents are cleaned in batches (cross-document furniture detection needs its neighbours) in
input order; a batch whose every input is already stored or rejected is skipped without
cleaning, and within a batch stored articles are skipped before the slow language layer.
Each new article is grouped at once, and its store entry (the article with every membership its
arrival changed) is buffered: the writer commits the buffer in one store transaction every
``FLUSH_ARTICLES`` articles, after ``FLUSH_SECONDS``, at the end of each batch and at the end of
the run (a transaction per article held the store to ~1,500 articles/s). A killed run loses at
most the uncommitted tail; the store stays consistent, and the next run, restoring the grouper
from the store, groups that tail again exactly as the killed run did and carries on.

Publication dates are not inferred here: which articles may lend a date depends on the story,
so ``pipeline.story_report`` infers them when a story is reported.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Literal

from newsfuse.extract.language import LanguageLayer
from newsfuse.group.features import StaleFeatures, StoryFeatures, features_of
from newsfuse.group.stories import StoryGrouper
from newsfuse.model import Article, RawDocument, Rejection
from newsfuse.pipeline import clean_documents
from newsfuse.store import ArticleEntry, Store

BATCH = 200  # documents cleaned together (shared furniture is found within a batch)
FLUSH_ARTICLES = 100  # articles per store transaction, at most
FLUSH_SECONDS = 1.0  # the longest an article waits to be committed (what a kill can lose)

Outcome = Literal["added", "stored", "rejected", "known-rejected"]
OnDocument = Callable[[Outcome, str], None]


@dataclass
class IngestTally:
    """What one run did: every input counted once, as added, already stored, rejected (now,
    and recorded), or rejected by an earlier run (``rejected_before``)."""

    added: int = 0
    stored: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    rejected_before: int = 0

    @property
    def total(self) -> int:
        return self.added + self.stored + len(self.rejections) + self.rejected_before


def restore_grouper(store: Store, *, on_article: Callable[[], None] | None = None) -> StoryGrouper:
    """A grouper holding the store's articles and stories, rebuilt without regrouping;
    ``on_article`` is called as each stored article is restored (progress)."""
    grouper = StoryGrouper()
    recomputed: list[tuple[str, str]] = []
    features = _stored_features(store, recomputed)
    if on_article is not None:
        features = _ticking(features, on_article)
    grouper.restore(features, store.memberships())
    if recomputed:
        store.replace_features(recomputed)
    return grouper


def _stored_features(store: Store, recomputed: list[tuple[str, str]]) -> Iterator[StoryFeatures]:
    """The store's features in ingest order, one at a time. Those an older newsfuse computed
    (another ``FEATURES_VERSION``: their signatures would not match today's) are computed
    again from the stored article and added to ``recomputed``, to be written back once."""
    for article_id, data in store.features():
        try:
            yield StoryFeatures.from_json(data)
        except StaleFeatures:
            (article,) = store.articles([article_id])
            fresh = features_of(article)
            recomputed.append((article_id, fresh.to_json()))
            yield fresh


def _ticking(items: Iterator[StoryFeatures], tick: Callable[[], None]) -> Iterator[StoryFeatures]:
    for item in items:
        yield item
        tick()


def ingest_documents(
    documents: Iterable[RawDocument],
    store: Store,
    *,
    rejections: Sequence[Rejection] = (),
    language: LanguageLayer | None = None,
    analyse: bool = True,
    batch: int = BATCH,
    on_document: OnDocument | None = None,
    on_restore: Callable[[], None] | None = None,
    on_ready: Callable[[], None] | None = None,
) -> IngestTally:
    """Add every new document to ``store``; ``analyse=False`` skips the spaCy layer.

    ``rejections`` are the inputs refused while loading (``load_paths``): they are recorded
    first, each known by its source and reason (the loader gives no content hash), so one
    an earlier run recorded counts as ``rejected_before``, as does a document whose content
    an earlier run rejected. ``on_document`` is called once per input as it is counted (not
    for ``rejections``), ``on_restore`` once per stored article as the grouper is restored,
    ``on_ready`` once restored, before the first input."""
    writer = StoryWriter(store, restore_grouper(store, on_article=on_restore))
    if on_ready is not None:
        on_ready()
    layer = (language or LanguageLayer()) if analyse else None
    tally = IngestTally()

    def note(outcome: Outcome, source: str) -> None:
        if on_document is not None:
            on_document(outcome, source)

    _record_loading(store, rejections, tally)
    for chunk in _chunks(documents, batch):
        known = store.known(raw.id for raw in chunk)
        rejected = store.rejected(raw.id for raw in chunk if raw.id in known)
        if all(raw.id in known for raw in chunk):  # finished in an earlier run
            for raw in chunk:
                _count_known(tally, raw.id in rejected, raw.source, note)
            continue
        for raw in chunk:  # rejected before: not cleaned again (cleaning would refuse it again)
            if raw.id in rejected:
                _count_known(tally, True, raw.source, note)
        articles, refused = clean_documents(raw for raw in chunk if raw.id not in rejected)
        ids = {raw.source: raw.id for raw in chunk}
        store.add_rejections((r, ids.get(r.source)) for r in refused)
        for rejection in refused:
            tally.rejections.append(rejection)
            note("rejected", rejection.source)
        new = [a for a in articles if a.id not in known]
        for article in articles:
            if article.id in known:
                tally.stored += 1
                note("stored", article.source)
        for article in layer(new) if layer is not None else new:
            if writer.add(article):  # grouped now, committed by the next flush
                tally.added += 1
                note("added", article.source)
            else:  # the same content twice in one batch cannot happen (load_paths drops it)
                tally.stored += 1
                note("stored", article.source)
        writer.flush()  # the batch is in the store before the next one is looked up
    return tally


def _record_loading(store: Store, rejections: Sequence[Rejection], tally: IngestTally) -> None:
    """Record the loader's rejections in one transaction; count those recorded before."""
    before = store.recorded(rejections)
    new = [r for r in rejections if (r.source, r.reason) not in before]
    store.add_rejections((r, None) for r in new)
    tally.rejections.extend(new)
    tally.rejected_before += len(rejections) - len(new)


def _count_known(tally: IngestTally, rejected: bool, source: str, note: OnDocument) -> None:
    if rejected:
        tally.rejected_before += 1
        note("known-rejected", source)
    else:
        tally.stored += 1
        note("stored", source)


class StoryWriter:
    """Groups one article at a time and writes it with the memberships its arrival changed
    (the grouping + store half of ingest, on its own for benchmarks).

    Entries are buffered and committed together by ``flush`` (on its own every ``every``
    articles or ``seconds`` after the oldest pending one): call ``flush`` when done, or the
    pending tail is not stored. ``filed`` is each article's membership as the store will have
    it once pending entries are committed, so an arrival's changes are computed against that;
    ``expected`` is the article count of the store as committed, which ``add_many`` checks so
    that a second writer is refused. After a failed ``flush`` the writer is spent: ``filed``
    counts entries the store never took.
    """

    def __init__(
        self,
        store: Store,
        grouper: StoryGrouper,
        *,
        every: int | None = None,
        seconds: float | None = None,
    ) -> None:
        self.store = store
        self.grouper = grouper
        self.every = FLUSH_ARTICLES if every is None else every
        self.seconds = FLUSH_SECONDS if seconds is None else seconds
        self.expected = store.count()
        # Each article's membership as the store has it (or will, once pending entries are
        # committed), to see what an arrival changed.
        self.filed = {m.article_id: m for m in grouper.memberships()}
        self.pending: list[ArticleEntry] = []
        self._oldest = 0.0  # when the oldest pending entry was made (monotonic clock)

    def add(self, article: Article, features: StoryFeatures | None = None) -> bool:
        """Group one article (``features`` if already computed) and queue it for the store;
        False, and nothing done, if it is already stored or queued."""
        if article.id in self.filed:
            return False
        features = features or features_of(article)
        membership, events = self.grouper.add(features)
        changed = tuple(
            m
            for m in self.grouper.changed()
            if m.article_id != article.id and self.filed.get(m.article_id) != m
        )
        syndication = self.grouper.syndication_of(article.id)
        entry = ArticleEntry(
            article=article,
            features=features.to_json(),
            memberships=(membership, *changed),
            events=tuple(events),
            syndication=syndication,
        )
        if not self.pending:
            self._oldest = time.monotonic()
        self.pending.append(entry)
        for m in entry.memberships:
            self.filed[m.article_id] = m
        if len(self.pending) >= self.every or time.monotonic() - self._oldest >= self.seconds:
            self.flush()
        return True

    def flush(self) -> int:
        """Commit the pending entries in one store transaction; how many were stored.

        ``StoreConflict`` if another writer added articles since this one last committed."""
        if not self.pending:
            return 0
        added = sum(self.store.add_many(self.pending, expected=self.expected))
        self.expected += added
        self.pending.clear()
        return added


def _chunks(documents: Iterable[RawDocument], size: int) -> Iterator[list[RawDocument]]:
    iterator = iter(documents)
    while chunk := list(islice(iterator, size)):
        yield chunk
