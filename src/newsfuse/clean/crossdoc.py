"""Use several articles at once: lines that recur across different articles are furniture.

Two articles of one outlet share their page furniture (comment prompts, sign-up lines) but
not their stories. Two copies of one wire story share almost everything, so a pair that
shares most of its lines is a copy, and its common lines are story, not furniture. Articles
linked by shared furniture are also taken to come from the same outlet.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from newsfuse.clean.blocks import Block
from newsfuse.clean.classify import ends_sentence
from newsfuse.clean.layout import normalise_line
from newsfuse.unionfind import DisjointSets

_MAX_WORDS = 25  # longer shared passages are more likely quoted wire copy than furniture
_COPY_OVERLAP = 0.5  # pairs sharing more than this share of words are copies, not siblings
_SAME_OUTLET_LINES = 2


@dataclass(frozen=True)
class SharedLines:
    """Per article, the lines to treat as furniture; and groups of likely same-outlet articles."""

    by_article: tuple[frozenset[str], ...]
    outlet_groups: tuple[frozenset[int], ...]


def find_shared_lines(articles: list[list[Block]]) -> SharedLines:
    """``articles`` holds each article's blocks, in input order."""
    lines = [{normalise_line(b.text): b for b in blocks} for blocks in articles]
    shared: list[set[str]] = [set() for _ in articles]
    outlets = DisjointSets(len(articles))
    for a, b in combinations(range(len(articles)), 2):
        common = lines[a].keys() & lines[b].keys()
        if not common or _overlap(common, lines[a], lines[b]) > _COPY_OVERLAP:
            continue
        furniture = {line for line in common if _could_be_furniture(lines[a][line])}
        shared[a] |= furniture
        shared[b] |= furniture
        if len(furniture) >= _SAME_OUTLET_LINES:
            outlets.union(a, b)
    return SharedLines(
        tuple(frozenset(s) for s in shared),
        tuple(frozenset(g) for g in outlets.groups() if len(g) > 1),
    )


def _overlap(common: set[str], a: dict[str, Block], b: dict[str, Block]) -> float:
    """Share of the shorter article's words that lie in lines both articles print."""
    shared = sum(a[line].words for line in common)
    smaller = min(sum(x.words for x in a.values()), sum(x.words for x in b.values()))
    return shared / max(smaller, 1)


def _could_be_furniture(block: Block) -> bool:
    """Short lines that do not read as sentences: two outlets may print the same sentence."""
    return block.words <= _MAX_WORDS and (block.words <= 4 or not ends_sentence(block.text))
