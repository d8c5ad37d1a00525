"""Use several articles at once: lines that recur across different articles are furniture.

Two articles of one outlet share their page furniture (comment prompts, sign-up lines) but
not their stories. Two copies of one wire story share almost everything, so a pair that
shares most of its lines is a copy, and its common lines are story, not furniture. Articles
linked by shared furniture are also taken to come from the same outlet.

Only pairs that print a line in common are compared, found through an index from each line
to the articles that print it: comparing every pair took minutes from a few thousand
inputs (a JSON array of 100,000 records would have taken days). A line printed by more
than ``_NEIGHBOURS + 1`` articles pairs each with its ``_NEIGHBOURS`` nearest others
among them (in input order) rather than with all of them, so the work grows linearly with
the input; a line is then furniture for an article when one of its nearest neighbours that
print it is not a copy of it, which for the furniture of one outlet is the first one.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from newsfuse.clean.blocks import Block
from newsfuse.clean.classify import ends_sentence
from newsfuse.clean.layout import normalise_line
from newsfuse.unionfind import DisjointSets

_MAX_WORDS = 25  # longer shared passages are more likely quoted wire copy than furniture
_COPY_OVERLAP = 0.5  # pairs sharing more than this share of words are copies, not siblings
_SAME_OUTLET_LINES = 2
_NEIGHBOURS = 32  # later articles each article is compared with, per line they share


@dataclass(frozen=True)
class SharedLines:
    """Per article, the lines to treat as furniture; and groups of likely same-outlet articles."""

    by_article: tuple[frozenset[str], ...]
    outlet_groups: tuple[frozenset[int], ...]


def find_shared_lines(articles: list[list[Block]]) -> SharedLines:
    """``articles`` holds each article's blocks, in input order."""
    lines = [{normalise_line(b.text): b for b in blocks} for blocks in articles]
    words = [sum(block.words for block in found.values()) for found in lines]
    printed_by: dict[str, list[int]] = {}  # line -> the articles that print it, in order
    for index, found in enumerate(lines):
        for line in found:
            printed_by.setdefault(line, []).append(index)
    shared: list[set[str]] = [set() for _ in articles]
    outlets = DisjointSets(len(articles))
    for a, own in enumerate(lines):
        for b in sorted(_later_partners(a, own, printed_by)):
            common = own.keys() & lines[b].keys()
            if _overlap(common, own, min(words[a], words[b])) > _COPY_OVERLAP:
                continue
            furniture = {line for line in common if _could_be_furniture(own[line])}
            shared[a] |= furniture
            shared[b] |= furniture
            if len(furniture) >= _SAME_OUTLET_LINES:
                outlets.union(a, b)
    return SharedLines(
        tuple(frozenset(s) for s in shared),
        tuple(frozenset(g) for g in outlets.groups() if len(g) > 1),
    )


def _later_partners(a: int, own: dict[str, Block], printed_by: dict[str, list[int]]) -> set[int]:
    """The articles after ``a`` that print one of its lines, up to ``_NEIGHBOURS`` per line."""
    partners: set[int] = set()
    for line in own:
        others = printed_by[line]
        if len(others) > 1:
            at = bisect_left(others, a) + 1
            partners.update(others[at : at + _NEIGHBOURS])
    return partners


def _overlap(common: set[str], a: dict[str, Block], smaller: int) -> float:
    """Share of the shorter article's words (``smaller``) that lie in lines both print."""
    shared = sum(a[line].words for line in common)
    return shared / max(smaller, 1)


def _could_be_furniture(block: Block) -> bool:
    """Short lines that do not read as sentences: two outlets may print the same sentence."""
    return block.words <= _MAX_WORDS and (block.words <= 4 or not ends_sentence(block.text))
