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
    """Join a block to the previous one when the sentence clearly runs on; count the joins."""
    joined: list[Block] = []
    count = 0
    for block in blocks:
        if joined and _runs_on(joined[-1].text, block.text):
            previous = joined.pop()
            joined.append(Block(f"{previous.text} {block.text}", previous.line))
            count += 1
        else:
            joined.append(block)
    return joined, count


def _runs_on(previous: str, current: str) -> bool:
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
