"""Named-entity mentions of one article, plus role descriptions that stand for a person.

spaCy finds names ("Dmitry Peskov", "Komsomolsk-on-Amur"). News also refers to people by role
once they are named ("the North Korean leader", "the Kremlin spokesman"); those are kept as
``ROLE`` mentions, and ``resolve.entities`` ties them to the person the story gave that role.
Titles written with a name ("Kremlin spokesperson Dmitry Peskov") are how roles are learned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsfuse.extract._spacy import Parsed
from newsfuse.model import EntityMention, Span

# Entity labels worth showing a reader; numbers, dates and the like are left to other stages.
KEPT_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"}
)
ROLE_LABEL = "ROLE"

# Role nouns and their synonyms; the key is how roles are compared.
ROLE_NOUNS: dict[str, str] = {
    "leader": "leader", "president": "president", "premier": "premier",
    "prime minister": "prime minister", "minister": "minister", "secretary": "secretary",
    "spokesman": "spokesperson", "spokeswoman": "spokesperson", "spokesperson": "spokesperson",
    "governor": "governor", "chancellor": "chancellor", "mayor": "mayor", "senator": "senator",
    "king": "king", "queen": "queen", "dictator": "dictator", "ruler": "ruler",
    "general": "general", "commander": "commander", "ambassador": "ambassador",
    "envoy": "envoy", "chairman": "chair", "chairwoman": "chair", "chair": "chair",
    "director": "director", "chief executive": "chief executive", "ceo": "chief executive",
    "adviser": "adviser", "advisor": "adviser", "foreign minister": "foreign minister",
    "defence minister": "defence minister", "defense minister": "defence minister",
    "pope": "pope", "emperor": "emperor", "coach": "coach", "manager": "manager",
}  # fmt: skip
_ROLE_ALT = "|".join(sorted((re.escape(r) for r in ROLE_NOUNS), key=len, reverse=True))
# Lower-case words that may qualify a role; capitalised words qualify it too.
_LOWER_MODIFIERS = frozenset({
    "deputy", "foreign", "defence", "defense", "regional", "former", "vice", "acting", "senior",
    "prime", "state", "chief", "top", "interior", "finance", "trade", "industry", "health",
    "supreme", "military", "national", "security", "press", "district", "local", "federal",
})  # fmt: skip
# Capitalised words that start sentences rather than qualify roles.
_NOT_MODIFIERS = frozenset({
    "the", "but", "and", "when", "while", "as", "after", "before", "then", "said", "says",
    "by", "with", "for", "from", "of", "on", "in", "at", "to", "a", "an", "his", "her", "their",
    "its", "our", "this", "that", "meanwhile", "however", "also", "new", "mr", "mrs", "ms",
})  # fmt: skip
_LOWER_ALT = "|".join(sorted(_LOWER_MODIFIERS, key=len, reverse=True))
_MODIFIER = rf"(?:[A-Z][\w'’.-]*|(?:{_LOWER_ALT}))"
_CONNECTOR = r"(?:\s+(?:and|of)\s+|\s+)"
# "the North Korean leader", "the Kremlin spokesman", "the regional governor"
_DESCRIPTION = re.compile(
    rf"\b[Tt]he\s+(?P<role>(?:{_MODIFIER}{_CONNECTOR}){{0,3}}(?:{_ROLE_ALT}))\b(?!\s+[A-Z])"
)
# "North Korean leader " right before a name; "Russia's Industry and Trade Minister "
_TITLE_BEFORE = re.compile(
    rf"(?P<role>(?:{_MODIFIER}{_CONNECTOR}){{0,4}}(?i:{_ROLE_ALT}))\s*,?\s*$"
)
# ", the Kremlin spokesman," or ", Russia's foreign minister" right after a name
_TITLE_AFTER = re.compile(
    rf"^\s*,\s+(?:the\s+|[A-Z]\w*['’]s\s+)?(?P<role>(?:{_MODIFIER}{_CONNECTOR}){{0,3}}"
    rf"(?i:{_ROLE_ALT}))\b"
)
_HYPHEN_TAIL = re.compile(r"-[a-z]{1,4}-[A-Z]\w*")
_POSSESSIVE = re.compile(r"['’]s?$")
_HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame)\.?\s+$")
_FUNCTION_WORDS = frozenset({"the", "a", "an", "of", "and", "to", "in", "on", "as", "by", "was"})


@dataclass(frozen=True)
class RoleTitle:
    """A role the text gives a named person ("Kremlin spokesperson" for "Dmitry Peskov")."""

    role: str
    person: Span


_ARTICLE = re.compile(r"(?:a|an)\s+")


def find_entities(parsed: Parsed) -> tuple[EntityMention, ...]:
    """Names spaCy found (kept labels only) and role descriptions, in text order."""
    names = [
        _mention(parsed.text, e.start, e.end, e.label)
        for e in parsed.entities
        if e.label in KEPT_LABELS and e.text.strip()
    ]
    people = [(m.span.start, m.span.end) for m in names if m.label == "PERSON"]
    roles = [
        EntityMention(Span(m.start(), m.end()), m.group(0), ROLE_LABEL)
        for m in _DESCRIPTION.finditer(parsed.text)
        if not any(s < m.end() and m.start() < e for s, e in people)
    ]
    return tuple(sorted(names + roles, key=lambda m: (m.span.start, m.span.end)))


def _mention(text: str, start: int, end: int, label: str) -> EntityMention:
    """Whole hyphenated names ("Komsomolsk-on-Amur"), without a leading lower-case "a"/"an"
    or a possessive ending."""
    while (match := _HYPHEN_TAIL.match(text, end)) is not None:
        end = match.end()
    if label == "PERSON" and (honorific := _HONORIFIC.search(text, 0, start)) is not None:
        start = honorific.start()
    if (article := _ARTICLE.match(text, start, end)) is not None and article.end() < end:
        start = article.end()  # "a Department of Health": the article is not the name
    possessive = _POSSESSIVE.search(text, start, end)
    if possessive is not None and possessive.start() > start:
        end = possessive.start()
    return EntityMention(Span(start, end), text[start:end], label)


def role_key(phrase: str) -> str:
    """Compare roles by meaning: synonyms unified, case and articles ignored."""
    words = [w for w in re.split(r"[\s]+", phrase.casefold().replace("’", "'")) if w]
    words = [w for w in words if w not in _FUNCTION_WORDS]
    text = " ".join(words)
    for noun in sorted(ROLE_NOUNS, key=len, reverse=True):
        if text.endswith(noun):
            return (text[: -len(noun)] + ROLE_NOUNS[noun]).strip()
    return text


def titles_of(text: str, mentions: tuple[EntityMention, ...]) -> tuple[RoleTitle, ...]:
    """Roles written next to a person's name, before ("Kremlin spokesperson X") or after."""
    titles = []
    for mention in mentions:
        if mention.label != "PERSON":
            continue
        line_start = text.rfind("\n", 0, mention.span.start) + 1
        before = text[max(line_start, mention.span.start - 60) : mention.span.start]
        after = text[mention.span.end : mention.span.end + 60]
        for match in (_TITLE_BEFORE.search(before), _TITLE_AFTER.match(after)):
            if match is not None:
                role = _trim_modifiers(match.group("role"))
                titles.append(RoleTitle(role, mention.span))
    return tuple(titles)


def _trim_modifiers(role: str) -> str:
    """Drop leading words that start a sentence rather than qualify the role ("But ...")."""
    words = role.split()
    while len(words) > 1 and words[0].casefold().strip("'’s") in _NOT_MODIFIERS:
        words = words[1:]
    return " ".join(words)
