"""Online story grouping: each new article joins a story, starts one, merges or splits some.

Two levels, both deterministic functions of the articles alone (never of their arrival order):

* The link graph. ``similarity.link`` decides each pair from the two articles alone, and the
  candidate index misses no pair that could link. Its connected parts are *threads*.
* Stories. Within a thread, average-linkage clustering over the link scores (a missing link
  counts 0) cuts chains: a single strong link between two groups of articles that otherwise
  do not resemble each other (two earthquakes, one shared place name) no longer merges them.

A story's id is the content hash of its earliest member (published first, then smallest id),
so ids are stable across runs and orders. Adding an article re-clusters only its thread; when
that changes stories the history is kept as ``StoryEvent``s (created, joined, merged, split).
Each ``Membership`` records the article's strongest link inside its story (ties: smaller id).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from functools import lru_cache

from newsfuse.group.clustering import Pairs, average_clusters
from newsfuse.group.features import StoryFeatures, features_of
from newsfuse.group.graph import LinkGraph, Row, linked_slots, scored_links
from newsfuse.group.index import KeyIndex
from newsfuse.group.neardup import NearDuplicateIndex
from newsfuse.group.profiles import ProfileTable
from newsfuse.group.similarity import (
    LinkParams,
    Profile,
    Query,
    Vocabulary,
    link,
    link_scores,
    profile_of,
)
from newsfuse.group.threads import Threads
from newsfuse.model import Article, Membership, StoryEvent, SyndicationGroup, content_id

ALONE = ("no other article in its story links to it",)
RECENT_PROFILES = 1024  # profiles kept as objects (~5 KB each), the latest filed
SortKey = tuple[bool, date, str]


class StoryGrouper:
    """Stories over a growing stream of articles.

    ``cohesion``: the average link score two groups of a thread need to be one story.
    ``separation``: two groups of five or more articles also stay apart when they resemble
    each other less than this share of what holds the looser of them together (two
    earthquakes of one kind, each widely reported; ``clustering.average_clusters``).
    ``max_thread``: threads larger than this are re-clustered only around the new article
    (exact order independence is promised up to this size). Other keywords: ``LinkParams``.
    """

    def __init__(
        self,
        *,
        cohesion: float = 0.2,
        cohesion_per_day: float = 0.06,
        separation: float = 0.65,
        max_thread: int = 200,
        **params: float,
    ) -> None:
        self.cohesion = cohesion
        self.cohesion_per_day = cohesion_per_day
        self.separation = separation
        self.max_thread = max_thread
        self.params = LinkParams(**params)  # type: ignore[arg-type]
        self._vocab = Vocabulary()
        self._index = KeyIndex(window=self.params.max_days)
        self._threads = Threads(limit=max_thread)
        self._copies = NearDuplicateIndex(threshold=self.params.near_duplicate)
        self._slots: dict[str, int] = {}
        self._ids: list[str] = []
        self._table = ProfileTable()
        # The last articles filed, as objects: membership evidence is found between an
        # arrival and its neighbours, nearly always recent ones, and rebuilding a profile
        # from the table's rows cost as much as the evidence itself.
        self._recent: dict[int, Profile] = {}
        self._keys: list[SortKey] = []  # by slot: earliest first (undated last), then by id
        self._graph = LinkGraph()  # links are found again lazily after a restore
        self._story: dict[str, str] = {}
        self._members: dict[str, set[str]] = {}
        self._best: dict[str, Membership] = {}
        self._before: dict[str, Membership | None] = {}  # what the last add replaced
        self._copies_stale = False
        self._seq = 0

    # --- adding ----------------------------------------------------------------------------

    def add(self, features: StoryFeatures) -> tuple[Membership, tuple[StoryEvent, ...]]:
        """File one article; its membership and the story events adding it caused."""
        article_id = features.article_id
        self._before.clear()
        if article_id in self._slots:
            return self._best[article_id], ()
        profile = profile_of(features, self._vocab)
        copies = self._copies.query(profile.minhash)
        found = self._find_links(profile, None, copies)
        slot = self._file(features, profile)
        self._copies.add(article_id, profile.minhash, copies)
        self._graph.link(slot, found)
        for other, _, _ in found:
            if not self._threads.known(other):
                self._walk_restored(other, slot)
        self._threads.add(slot, [other for other, _, _ in found])
        events = self._recluster(article_id)
        return self._best[article_id], events

    def _find_links(
        self, profile: Profile, slot: int | None, copies: dict[str, float] | None = None
    ) -> list[tuple[int, float, int]]:
        """The filed articles a profile links to: (slot, score, days apart or 0), by slot."""
        slots = self._index.candidates(profile.keys, profile.day, self.params.min_shared_keys)
        if copies is None:
            copies = self._copies.query(profile.minhash)
        if copies or slot is not None:  # else the index's answer is already sorted and unique
            more = {self._slots[a] for a in copies}.union(slots)
            more.discard(slot)
            slots = sorted(more)
        found = link_scores(profile, self._table, slots, self.params)
        return [(other, score, days or 0) for other, score, days in found]

    def _neighbours(self, slot: int) -> Row:
        """An article's links, found again from the index if it was restored."""
        row = self._graph.row(slot)
        if row is None:
            row = self._graph.found_again(slot, self._find_links(self._profile(slot), slot))
        return row

    def _profile(self, slot: int) -> Profile:
        recent = self._recent.get(slot)
        return recent if recent is not None else self._table.profile(slot)

    def _file(self, features: StoryFeatures, profile: Profile) -> int:
        slot = self._table.append(profile)
        self._recent[slot] = profile
        if len(self._recent) > RECENT_PROFILES:
            del self._recent[next(iter(self._recent))]
        self._slots[features.article_id] = slot
        self._ids.append(features.article_id)
        published = features.published
        self._keys.append((published is None, published or date.min, features.article_id))
        self._index.add(slot, profile.keys, profile.day)
        self._graph.file(slot)
        return slot

    # --- clustering ------------------------------------------------------------------------

    def _walk_restored(self, start: int, arrival: int) -> None:
        """Tell the threads which part of the graph a restored article is in: walked once,
        finding restored links again, until it is known or too large to re-cluster whole."""
        seen = {start}
        todo = [start]
        linked = set()
        while todo and len(seen) <= self.max_thread:
            for other in linked_slots(self._neighbours(todo.pop())):
                if other == arrival:  # its links are filed with it
                    continue
                if self._threads.known(other):
                    linked.add(other)
                elif other not in seen:
                    seen.add(other)
                    todo.append(other)
        self._threads.adopt(seen, linked)

    def _thread(self, article_id: str) -> tuple[list[str], Pairs]:
        """The articles re-clustered around an arrival, earliest first, and the links among
        them by position: its whole thread, or if that is larger than ``max_thread`` the
        stories it touches."""
        slot = self._slots[article_id]
        members = self._threads.members(slot)
        if members is None:
            ids, story = self._ids, self._story
            seen = {slot}
            for story_id in {story[ids[other]] for other in linked_slots(self._neighbours(slot))}:
                seen.update(map(self._slots.__getitem__, self._members[story_id]))
            members = list(seen)
        order = sorted(members, key=self._keys.__getitem__)
        rows = list(map(self._neighbours, order))
        pairs = self._graph.among(order, rows, self.cohesion_per_day)
        return [self._ids[s] for s in order], pairs

    def _recluster(self, article_id: str) -> tuple[StoryEvent, ...]:
        thread, pairs = self._thread(article_id)
        found = average_clusters(len(thread), pairs, self.cohesion, self.separation)
        clusters = [[thread[i] for i in c] for c in found]
        before = {a: self._story[a] for a in thread if a in self._story}
        sizes = {s: len(self._members[s]) for s in set(before.values())}
        events: list[StoryEvent] = []
        for cluster in clusters:
            story_id = story_id_of(cluster[0])
            same = sizes.get(story_id) == len(cluster) and all(
                before.get(a) == story_id for a in cluster
            )
            if not same:
                events.extend(self._events(story_id, cluster, before, sizes, article_id))
                for member in cluster:
                    self._set_story(member, story_id)
        self._update_best({a for a in thread if before.get(a) != self._story[a]})
        return tuple(events)

    def _set_story(self, article_id: str, story_id: str) -> None:
        old = self._story.get(article_id)
        if old is not None and old != story_id:
            members = self._members[old]
            members.discard(article_id)
            if not members:
                del self._members[old]
        self._story[article_id] = story_id
        self._members.setdefault(story_id, set()).add(article_id)

    def _events(
        self,
        story_id: str,
        cluster: list[str],
        before: dict[str, str],
        sizes: dict[str, int],
        new: str,
    ) -> list[StoryEvent]:
        """What made this cluster: created, joined, merged or split. ``others`` names the story
        ids it replaces: those a merge absorbed, the story a split left, or the old id of a
        story whose earliest member is now the joining article."""
        old = sorted({before[a] for a in cluster if a in before})
        others = tuple(s for s in old if s != story_id)
        if new in cluster and not old:
            return [self._event("created", story_id, new)]
        if len(old) > 1:
            return [self._event("merged", story_id, new if new in cluster else None, others)]
        if new in cluster:
            return [self._event("joined", story_id, new, others)]
        split = old and sizes[old[0]] > len(cluster)
        if old and (split or others):
            return [self._event("split", story_id, None, tuple(old))]
        return []

    def _update_best(self, moved: set[str]) -> None:
        """Each member's strongest link inside its story, after the articles in ``moved``
        changed story (or arrived). Those are found again from all their links. Any other
        article can only gain a link that moved into its story, or lose its strongest if
        that one moved out, and both are links of a moved article: so only the moved
        articles' links are read, not those of every member of the stories they touch."""
        slots, ids, story = self._slots, self._ids, self._story
        moved_slots = {slots[a] for a in moved}
        again = set(moved)
        offers: dict[str, tuple[float, str]] = {}  # an article that stayed: its best new link
        for slot in moved_slots:
            article_id = ids[slot]
            row = self._neighbours(slot)
            for other, score in scored_links(row):
                if other in moved_slots:
                    continue
                member = ids[int(other)]
                if self._best[member].linked_to == article_id:  # its strongest moved out
                    again.add(member)
                elif story[member] == story[article_id]:  # moved in
                    offer = (-score, article_id)
                    if member not in offers or offer < offers[member]:
                        offers[member] = offer
        for member, (negative, other) in offers.items():
            kept = self._best[member]
            if member not in again and (
                kept.linked_to is None or (negative, other) < (-kept.score, kept.linked_to)
            ):
                self._cite(member, other)
        for member in again:
            self._strongest(member)

    def _strongest(self, member: str) -> None:
        """``member``'s membership, from the strongest of all its links inside its story."""
        story_id = self._story[member]
        inside, ids = self._members[story_id], self._ids
        row = self._neighbours(self._slots[member])
        links = []
        for slot, score in scored_links(row):
            other = ids[int(slot)]
            if other in inside:
                links.append((score, other))
        if not links:
            self._set_best(member, Membership(member, story_id, 0.0, ALONE, None))
            return
        top = max(links)[0]
        other = min(o for s, o in links if s == top)  # ties: the smaller id
        kept = self._best.get(member)
        if kept is not None and kept.linked_to == other:  # same evidence, maybe a new id
            if kept.story_id != story_id:
                self._set_best(member, replace(kept, story_id=story_id))
            return
        self._cite(member, other)

    def _cite(self, member: str, other: str) -> None:
        """``member``'s membership, citing its link to ``other`` (in the same story)."""
        slots = self._slots
        evidence = link(
            Query(self._profile(slots[member])), self._profile(slots[other]), self.params
        )
        if evidence is None:  # cannot happen: links are a function of the pair
            raise RuntimeError(f"link {member}-{other} vanished")
        reasons = evidence.reasons(self._vocab)
        self._set_best(
            member, Membership(member, self._story[member], evidence.score, reasons, other)
        )

    def _set_best(self, member: str, membership: Membership) -> None:
        if member not in self._before:
            self._before[member] = self._best.get(member)
        self._best[member] = membership

    def _event(
        self, kind: str, story_id: str, article_id: str | None, others: tuple[str, ...] = ()
    ) -> StoryEvent:
        self._seq += 1
        return StoryEvent(self._seq, kind, story_id, article_id, others)  # type: ignore[arg-type]

    def _sort_key(self, article_id: str) -> SortKey:
        return self._keys[self._slots[article_id]]

    # --- restoring -------------------------------------------------------------------------

    def restore(
        self,
        features: Iterable[StoryFeatures],
        memberships: Iterable[Membership],
        *,
        last_seq: int = 0,
    ) -> None:
        """Rebuild the indexes from stored rows, taking the stored grouping as it is.

        Links are not stored: an article's links are found again the first time a new
        article's thread reaches it. ``last_seq`` continues the event numbering.
        """
        for f in features:
            if f.article_id not in self._slots:
                profile = profile_of(f, self._vocab)
                self._threads.file_unknown(self._file(f, profile))
                self._copies.insert(f.article_id, profile.minhash)
        for m in memberships:
            self._story[m.article_id] = m.story_id
            self._members.setdefault(m.story_id, set()).add(m.article_id)
            self._best[m.article_id] = m
        missing = [a for a in self._ids if a not in self._story]
        if missing:
            raise ValueError(f"article {missing[0]} was restored without a membership")
        self._copies_stale = True
        self._seq = max(self._seq, last_seq)

    # --- reading ---------------------------------------------------------------------------

    def story_of(self, article_id: str) -> str:
        return self._story[article_id]

    def members(self, story_id: str) -> tuple[str, ...]:
        """A story's articles, earliest first."""
        return tuple(sorted(self._members[story_id], key=self._sort_key))

    def stories(self) -> tuple[str, ...]:
        """Every story id, by earliest member."""
        return tuple(sorted(self._members, key=lambda s: self._sort_key(self.members(s)[0])))

    def membership(self, article_id: str) -> Membership:
        """One article's current membership."""
        return self._best[article_id]

    def changed(self) -> tuple[Membership, ...]:
        """The memberships the last ``add`` changed (the new article's included), by id:
        what a store must rewrite after it."""
        before = self._before
        return tuple(self._best[a] for a in sorted(before) if self._best[a] != before[a])

    def memberships(self) -> tuple[Membership, ...]:
        """The current membership of every article, by article id."""
        return tuple(self._best[a] for a in sorted(self._best))

    def syndication(self) -> tuple[SyndicationGroup, ...]:
        """Near-duplicate groups of two or more articles, each naming its earliest member."""
        if self._copies_stale:
            self._copies.rebuild_pairs()
            self._copies_stale = False
        return self._copies.groups(self._sort_key)

    def syndication_of(self, article_id: str) -> tuple[SyndicationGroup, ...]:
        """The near-duplicate group holding one article (none or one): what ``syndication``
        has for it, without building every group."""
        if self._copies_stale:
            self._copies.rebuild_pairs()
            self._copies_stale = False
        group = self._copies.group_of(article_id, self._sort_key)
        return () if group is None else (group,)


@lru_cache(maxsize=65_536)
def story_id_of(earliest: str) -> str:
    """A story's id: the content hash of its earliest member's id (cached: a large thread
    names the same stories on every arrival)."""
    return content_id("story:" + earliest)


def group_articles(
    articles: Iterable[Article], **params: float
) -> tuple[tuple[Membership, ...], tuple[SyndicationGroup, ...], tuple[StoryEvent, ...]]:
    """One-shot grouping of analysed articles (the ``digest`` path)."""
    grouper = StoryGrouper(**params)
    events: list[StoryEvent] = []
    for article in articles:
        events.extend(grouper.add(features_of(article))[1])
    return grouper.memberships(), grouper.syndication(), tuple(events)
