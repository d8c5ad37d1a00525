"""Threads (union-find over the link graph) and the link graph's rows, against brute force;
and the grouper's large-thread and restored-thread paths on a stream with large threads."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.group.features import StoryFeatures, features_of
from newsfuse.group.graph import LinkGraph, linked_slots, links_of
from newsfuse.group.stories import StoryGrouper
from newsfuse.group.threads import Threads
from newsfuse.model import Article
from story_topics import TOPICS


def _components(edges: dict[int, set[int]], nodes: int) -> dict[int, frozenset[int]]:
    """Each node's connected part, by walking the whole graph."""
    part: dict[int, frozenset[int]] = {}
    for start in range(nodes):
        if start in part:
            continue
        seen, todo = {start}, [start]
        while todo:
            for other in edges[todo.pop()]:
                if other not in seen:
                    seen.add(other)
                    todo.append(other)
        for node in seen:
            part[node] = frozenset(seen)
    return part


@settings(max_examples=80, deadline=None)
@given(st.integers(1, 40), st.integers(1, 12), st.randoms(use_true_random=False))
def test_threads_are_the_connected_parts_of_the_links(nodes: int, limit: int, rng) -> None:
    threads = Threads(limit=limit)
    edges: dict[int, set[int]] = {n: set() for n in range(nodes)}
    for slot in range(nodes):
        linked = rng.sample(range(slot), min(slot, rng.choice([0, 0, 1, 1, 2, 3])))
        threads.add(slot, linked)
        for other in linked:
            edges[slot].add(other)
            edges[other].add(slot)
        part = _components(edges, slot + 1)
        for node in range(slot + 1):
            members = threads.members(node)
            if len(part[node]) > limit:
                assert members is None
            else:
                assert members is not None and frozenset(members) == part[node]


def test_a_walk_that_reaches_a_large_thread_joins_it() -> None:
    """Restored slots are unknown until walked; a walk that reaches a known thread joins it,
    and a thread past the limit lists no members."""
    threads = Threads(limit=3)
    for slot in range(4):
        threads.add(slot, [slot - 1] if slot else [])
    assert threads.members(0) is None
    for slot in (4, 5, 6):
        threads.file_unknown(slot)
        assert not threads.known(slot)
    threads.adopt([4, 5], [3])
    assert threads.members(5) is None
    threads.adopt([6], [])
    assert threads.members(6) == [6]
    threads.add(7, [6])
    assert sorted(threads.members(7) or []) == [6, 7]


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 40), st.randoms(use_true_random=False))
def test_links_among_a_set_of_slots_are_each_link_inside_it_once(nodes: int, rng) -> None:
    graph = LinkGraph()
    truth: dict[frozenset[int], tuple[float, int]] = {}
    for slot in range(nodes):
        graph.file(slot)
        found = []
        for other in sorted(rng.sample(range(slot), min(slot, rng.randrange(4)))):
            score, days = round(rng.random(), 4), rng.randrange(6)
            found.append((other, score, days))
            truth[frozenset((slot, other))] = (score, days)
        graph.link(slot, found)
    for slot in range(nodes):  # rows are symmetric
        row = graph.row(slot)
        assert row is not None
        assert sorted(linked_slots(row)) == sorted(
            next(iter(pair - {slot})) for pair in truth if slot in pair
        )
    chosen = rng.sample(range(nodes), rng.randint(1, nodes))
    rows = [r for r in map(graph.row, chosen) if r is not None]
    pairs = graph.among(chosen, rows, 0.06)
    got = {
        (min(i, j), max(i, j)): score
        for i, j, score in zip(pairs.first, pairs.second, pairs.scores, strict=True)
    }
    assert len(got) == len(pairs.scores)  # each link once
    expected = {}
    for i, a in enumerate(chosen):
        for j, b in enumerate(chosen):
            link = truth.get(frozenset((a, b)))
            if i < j and link is not None:
                expected[(i, j)] = link[0] - 0.06 * link[1]
    assert got.keys() == expected.keys()
    for key, value in expected.items():
        assert abs(got[key] - value) < 1e-12
    for row in rows:
        assert all(isinstance(other, int) for other, _, _ in links_of(row))


def _undated_stream(count: int, seed: int) -> list[StoryFeatures]:
    """Undated articles, each a few sentences of one topic and sometimes one of another: no
    time window keeps them apart, so their threads grow large."""
    rng = random.Random(seed)
    names = sorted(TOPICS)
    feats = []
    for n in range(count):
        topic = TOPICS[rng.choice(names)]
        sentences = rng.sample(topic, 3)
        if rng.random() < 0.3:
            sentences.append(rng.choice(TOPICS[rng.choice(names)]))
        text = ". ".join(sentences) + "."
        feats.append(features_of(Article.from_text(f"u{n:03d}", text)))
    return feats


def test_large_and_restored_threads_resume_as_if_never_stopped() -> None:
    """Threads larger than ``max_thread`` are re-clustered around the arrival; restored
    articles' threads are walked again on the first link to them (here also stopping
    short, past ``max_thread``). Either way a resumed grouper ends like an unbroken one."""
    feats = _undated_stream(60, seed=3)
    for max_thread in (4, 200):
        whole = StoryGrouper(max_thread=max_thread)
        for f in feats:
            whole.add(f)
        assert max(len(whole.members(s)) for s in whole.stories()) > 4
        for cut in (10, 35, 59):
            first = StoryGrouper(max_thread=max_thread)
            for f in feats[:cut]:
                first.add(f)
            resumed = StoryGrouper(max_thread=max_thread)
            resumed.restore(feats[:cut], first.memberships())
            for f in feats[cut:]:
                resumed.add(f)
            assert resumed.memberships() == whole.memberships()
