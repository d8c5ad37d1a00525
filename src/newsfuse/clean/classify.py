"""Label each block of an article: page furniture (with a reason), metadata line, or text.

Labels are decided one block at a time from the tables in ``rules``; the layout pass then
uses position (top, body, bottom) to decide what a heading or a date line means there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from newsfuse.clean import rules
from newsfuse.clean.blocks import Block
from newsfuse.clean.dates import is_date_line

Kind = Literal["boiler", "date", "byline", "source-url", "source-host", "heading", "prose"]

_MAX_LINE_WORDS = 12  # longer blocks are never source or date lines
_QUOTES = re.compile(r"[\"“”«»]")
_SENTENCE_END = re.compile(r"[.!?…:;](?:\s?['\"’”)\]`]+)*$")
_PARTICLES = r"(?:de|da|di|del|della|van|von|der|den|ter|bin|binti|al|el|la|le|du|dos|mac|st\.?)"
# Names are capitalised words. The matching is case-sensitive and each word is matched
# possessively, so a line of many words that fails to be a byline fails in linear time (an
# ambiguous, case-insensitive form of this pattern backtracked for minutes on 11-word lines).
_NAME_WORD = r"[A-Z][a-zA-Z'’\-]*+\.?"
_NAME = rf"{_NAME_WORD}(?:\s+(?:{_PARTICLES}\s+)?{_NAME_WORD}){{1,4}}"
_BYLINE = re.compile(
    rf"^(?i:(?:by|written by|words by|author|authors|reporter)\s*:?\s+)?"
    rf"(?P<names>{_NAME}(?:\s*(?:,|\band\b|&)\s*{_NAME})*)"
    rf"(?:\s*(?:,|(?i:\bin\b|\bfor\b)|\|)\s*[A-Z][\w .'’-]{{0,40}})?$"
)
_BY_PREFIX = re.compile(r"^(?:by|written by|words by|author|authors|reporter)\b", re.IGNORECASE)
_NAME_SPLIT = re.compile(r"\s*(?:,|\band\b|&)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Label:
    kind: Kind
    reason: str = ""
    detail: str = ""
    value: str = ""


def classify(block: Block) -> Label:
    """What one block is, judged on its own text."""
    text, words = block.text, block.words
    if words <= _MAX_LINE_WORDS:  # source and date lines are short
        for source in (_source_url(text), _source_host(text)):
            if source is not None:
                return source
        if is_date_line(text):
            return Label("date", value=text)
    rule = match_rule(text, words)
    if rule is not None:
        return Label("boiler", rule.reason, rule.detail)
    if is_heading(text, words):
        return Label("heading")
    return Label("prose")


def match_rule(text: str, words: int) -> rules.BlockRule | None:
    candidates = _rules_for(words)
    if not candidates:
        return None
    quoted = bool(_QUOTES.search(text))
    lowered = text.lower()
    for rule in candidates:
        if quoted and not rule.quoted_ok:
            continue
        if (rule.keys or rule.starts or rule.ends) and not rule.triggered(text, lowered):
            continue
        if rule.voice and not rules.OUTLET_VOICE.search(text):
            continue
        if rule.pattern.match(text):
            return rule
    return None


@lru_cache(maxsize=256)
def _rules_for(words: int) -> tuple[rules.BlockRule, ...]:
    """The rules a block of this many words may match, in table order (first match wins)."""
    return tuple(rule for rule in rules.BLOCK_RULES if words <= rule.max_words)


def byline_names(text: str) -> tuple[str, ...]:
    """The author names of a byline block, or () if the block is not a byline."""
    if len(text.split()) > 14 or any(ch.isdigit() for ch in text):
        return ()
    if text.casefold() in rules.NOT_NAMES:
        return ()
    match = _BYLINE.match(text)
    if match is None:
        return ()
    names = [n.strip() for n in _NAME_SPLIT.split(match.group("names")) if n.strip()]
    has_prefix = bool(_BY_PREFIX.match(text))
    if not has_prefix and not all(_is_plain_name(n) for n in names):
        return ()
    return tuple(_tidy_name(n) for n in names if len(n.split()) >= 2)


def _is_plain_name(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 4 and all(w[0].isupper() for w in words if len(w) > 3)


def _tidy_name(name: str) -> str:
    return name.title() if name.isupper() else name


def is_heading(text: str, words: int) -> bool:
    """A line that reads as a headline: short, capitalised, and not ended like a sentence."""
    if words > 30 or not (text[:1].isupper() or text[:1].isdigit() or text[:1] in "\"“‘'"):
        return False
    if _SENTENCE_END.search(text):
        return text.endswith(("?", "!")) and words >= 3
    return True


def ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text))


def has_outlet_voice(text: str) -> bool:
    """Speaks as the outlet to the reader (we/our/you) and quotes nobody."""
    return bool(rules.OUTLET_VOICE.search(text)) and not _QUOTES.search(text)


def _source_url(text: str) -> Label | None:
    match = rules.SOURCE_URL.match(text) or rules.BARE_URL.match(text)
    if match is None:
        return None
    return Label(
        "source-url", "source-line", "where the article was taken from", match.group("url") or ""
    )


def _source_host(text: str) -> Label | None:
    match = rules.SOURCE_HOST.match(text)
    if match is None:
        return None
    return Label(
        "source-host", "source-line", "where the article was taken from", match.group("host")
    )
