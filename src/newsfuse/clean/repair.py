"""Mend the body's paragraphs: rejoin sentences split across lines, and spot a cut-off end."""

from __future__ import annotations

import re

from newsfuse.clean.blocks import Block
from newsfuse.clean.classify import ends_sentence

_CONTINUES = re.compile(r"^[a-z(]|^[,;:–—-]\s")
_DANGLING = re.compile(
    r"(?:\b(?:and|or|but|the|a|an|of|to|in|for|with|that|its|their|his|her)|,)$", re.IGNORECASE
)
_ELLIPSIS = re.compile(r"(?:…|\.\.\.)['\"’”]?$")


def join_split_paragraphs(blocks: list[Block]) -> tuple[list[Block], int]:
    """Join a block to the previous one when the sentence clearly runs on; count the joins.

    Runs of joined blocks are collected and joined once, and only the end of the run so far
    is looked at (both tests read how it ends): thousands of one-word lines that run on cost
    their length, not its square."""
    runs: list[tuple[int, list[str]]] = []
    count = 0
    for block in blocks:
        if runs and _runs_on(runs[-1][1][-1], block.text):
            runs[-1][1].append(block.text)
            count += 1
        else:
            runs.append((block.line, [block.text]))
    return [Block(" ".join(texts), line) for line, texts in runs], count


def _runs_on(previous: str, current: str) -> bool:
    """Whether ``current`` continues the sentence that the block ``previous`` ends (the last
    block joined so far: the run ends the way it does)."""
    if ends_sentence(previous):
        return False
    return bool(_CONTINUES.match(current)) or bool(_DANGLING.search(previous))


def truncation_note(blocks: list[Block]) -> str | None:
    """Why the body looks cut off, or None when it ends like a finished story."""
    if not blocks:
        return None
    last = blocks[-1].text
    if _ELLIPSIS.search(last):
        return "the last paragraph breaks off with an ellipsis"
    if not ends_sentence(last) and len(last.split()) > 8:
        return "the last paragraph stops mid-sentence"
    return None
