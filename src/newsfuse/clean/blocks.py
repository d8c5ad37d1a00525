"""Split raw article text into blocks (one per non-empty line) and undo markup leftovers.

Scraped text keeps inline tags glued to words (``Kim Jong Un<u>inspected</u>``) and HTML
entities; both are repaired here so every later rule sees readable words.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

from newsfuse.model import Removal

_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]{0,10})(?:\s[^<>]{0,200})?/?>")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_ODD_SPACE = re.compile(r"[\t\u00a0\u2000-\u200b\u202f\u205f\u3000]")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
# Only tags that really occur inline in prose are stripped; "<3" or "a<b" stay as they are.
_INLINE_TAGS = frozenset(
    {
        "u",
        "b",
        "i",
        "em",
        "strong",
        "a",
        "span",
        "sup",
        "sub",
        "small",
        "mark",
        "s",
        "strike",
        "del",
        "ins",
        "font",
        "br",
        "p",
        "div",
        "abbr",
        "cite",
        "q",
        "code",
        "wbr",
        "time",
    }
)


@dataclass(frozen=True)
class Block:
    """One non-empty line of the input, with its 1-based line number."""

    text: str
    line: int

    @cached_property
    def words(self) -> int:
        return len(self.text.split())


def split_blocks(text: str) -> list[Block]:
    """Each non-empty line is a block; paragraph structure is repaired later, not guessed here."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = _collapse_spaces(_ZERO_WIDTH.sub("", text))
    return [
        Block(line.strip(), number)
        for number, line in enumerate(text.split("\n"), start=1)
        if line and not line.isspace()
    ]


def _collapse_spaces(text: str) -> str:
    """One plain space for each run of spaces. Most texts (all of trafilatura's output) need
    no change, and finding that out is several times cheaper than rewriting every gap."""
    if "  " in text or _ODD_SPACE.search(text):
        return _SPACES.sub(" ", text)
    return text


def strip_markup(blocks: list[Block]) -> tuple[list[Block], list[Removal]]:
    """Remove inline tags and decode entities; a tag glued between two words becomes a space."""
    if not any("<" in block.text or "&" in block.text for block in blocks):
        return blocks, []
    result: list[Block] = []
    tags_seen: dict[str, int] = {}
    first_line: int | None = None
    for block in blocks:
        text = block.text
        if _TAG.search(text):
            text = _TAG.sub(lambda m: _replace_tag(m, tags_seen), text)
        if _ENTITY.search(text):
            text = html.unescape(text)
        if text != block.text and first_line is None:
            first_line = block.line
        text = _collapse_spaces(text).strip()
        if text:
            result.append(Block(text, block.line))
    removals = []
    if tags_seen:
        names = ", ".join(f"<{name}> ×{count}" for name, count in sorted(tags_seen.items()))
        removals.append(
            Removal(names, "markup", "inline HTML tags left in the text", "body", first_line)
        )
    return result, removals


def _replace_tag(match: re.Match[str], seen: dict[str, int]) -> str:
    name = match.group(1).lower()
    if name not in _INLINE_TAGS:
        return match.group(0)
    seen[name] = seen.get(name, 0) + 1
    before = match.string[match.start() - 1] if match.start() > 0 else " "
    after = match.string[match.end()] if match.end() < len(match.string) else " "
    opening = not match.group(0).startswith("</")
    glued = (opening and before.isalnum()) or (not opening and after.isalnum())
    return " " if glued or name in {"br", "p", "div"} else ""
