"""Words as alignment compares them: offsets kept, inflections folded, compounds joined.

Outlets state one fact in different words ("gave"/"gifted", "spacesuit"/"space suit",
"North Korean-made"/"North Korean made"). No word vectors ship on the package index we may
use, so comparison is lexical: a light suffix stemmer with an irregular-verb table, hyphens
split, and every two adjacent words also offered joined, so a closed compound meets its open
spelling. Tables are data, not logic, and cover English generally, not one story.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")

STOPWORDS = frozenset(
    """a an the and or but nor so yet of to in on at by for from with without into onto upon
    over under about above below after before since until during through between among
    against toward towards as than then that this these those there here it its it's he him
    his she her hers they them their theirs we us our ours you your yours i me my mine who
    whom whose which what when where why how is are was were be been being am do does did
    done doing have has had having will would shall should can could may might must not no
    if also just only very too more most much many some any all each every both either
    neither other such own same s t mr mrs ms dr one ones while whereas however although
    though because said says say told tell according""".split()
)
# Words that flip a statement: one side negated, the other not, is a contradiction cue.
# The syntactic ones govern the words after them ("no agreements", "did not attend");
# "declined to comment" and "refused to" negate as "would not" does, but state an act.
SYNTACTIC_NEGATIONS = frozenset("not no never none nothing neither nor n't without".split())
NEGATIONS = SYNTACTIC_NEGATIONS | frozenset("denied deny denies declin refus".split())

IRREGULAR = {
    "gave": "give", "given": "give", "met": "meet", "left": "leave", "went": "go", "gone": "go",
    "made": "make", "took": "take", "taken": "take", "told": "tell", "said": "say",
    "saw": "see", "seen": "see", "shown": "show", "held": "hold", "began": "begin",
    "begun": "begin", "brought": "bring", "sent": "send", "spent": "spend", "paid": "pay",
    "flew": "fly", "flown": "fly", "drove": "drive", "driven": "drive", "rode": "ride",
    "came": "come", "became": "become", "fought": "fight", "bought": "buy", "sold": "sell",
    "won": "win", "lost": "lose", "led": "lead", "built": "build", "got": "get",
    "gotten": "get", "found": "find", "kept": "keep", "knew": "know", "known": "know",
    "thought": "think", "wrote": "write", "written": "write", "spoke": "speak",
    "spoken": "speak", "stood": "stand", "struck": "strike", "threw": "throw",
    "thrown": "throw", "chose": "choose", "chosen": "choose", "fell": "fall",
    "fallen": "fall", "felt": "feel", "heard": "hear", "hit": "hit", "killed": "kill",
    "ran": "run", "rose": "rise", "risen": "rise", "sat": "sit", "set": "set", "shot": "shoot",
    "signed": "sign", "arrived": "arrive", "men": "man", "women": "woman", "people": "person",
    "children": "child", "feet": "foot", "countries": "country",
}  # fmt: skip


class Word(NamedTuple):
    """One word of a text: its surface, its comparison key, where it is, and whether it
    carries content (not a stopword, not a bare number). A named tuple, not a dataclass:
    a story of a hundred articles makes hundreds of thousands of them."""

    text: str
    key: str
    start: int
    end: int
    content: bool


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A conservative stem: inflections only (plurals, -ed, -ing), never derivations; a final
    "e" dropped so "arrive" and "arrived" meet."""
    w = word.lower().replace("’", "'")
    if w.endswith("n't"):
        return "not"
    if w.endswith("'s"):
        w = w[:-2]
    base = IRREGULAR.get(w) or _inflection(w)
    return base[:-1] if len(base) > 3 and base.endswith("e") else base


def _inflection(w: str) -> str:
    if len(w) <= 3 or not w.isalpha():
        return w
    if w.endswith(("ies", "ied")) and len(w) > 4:
        return w[:-3] + "y"
    for suffix in ("ing", "ed"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return _undouble(w[: -len(suffix)])
    if w.endswith("es") and w[-3] in "sxz" and len(w) > 4:
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def _undouble(w: str) -> str:
    """ "stopped" -> "stopp" -> "stop" (but "called" keeps its "ll")."""
    if len(w) >= 4 and w[-1] == w[-2] and w[-1] not in "lsz":
        return w[:-1]
    return w


def count_words(text: str, start: int, end: int) -> int:
    """How many words ``text[start:end]`` has (as ``words`` counts them), without stemming."""
    return sum(1 for _ in _WORD.finditer(text, start, end))


def words(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    """The words of ``text[start:end]`` with offsets into ``text``; hyphenated parts split."""
    stop = len(text) if end is None else end
    found = []
    for m in _WORD.finditer(text, start, stop):
        surface = m.group(0)
        key = stem(surface)
        content = surface.lower() not in STOPWORDS and not key.isdigit()
        found.append(Word(surface, key, m.start(), m.end(), content))
    return found


def occurrences(ys: Sequence[Word]) -> dict[str, list[tuple[int, int]]]:
    """Where each key occurs in ys, as one word or as two adjacent words joined."""
    where: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for i, w in enumerate(ys):
        where[w.key].append((i, i))
    for i in range(len(ys) - 1):
        if ys[i + 1].start - ys[i].end <= 1 and ys[i].text.isalpha() and ys[i + 1].text.isalpha():
            where[stem(ys[i].text + ys[i + 1].text)].append((i, i + 1))
    return where


# News vocabulary that outlets use interchangeably for one event or thing: each set
# compares as one concept. General English, kept as data; extend it, never per story.
_SYNONYMS = (
    "meet meeting summit talk discussion",
    "visit tour trip journey excursion travel",
    "plant factory facility works",
    "gift present gave give gifted",
    "leave depart departure",
    "arrive arrival reach",
    "say tell state announce",
    "kill dead death die",
    "injure injury wound hurt",
    "attack strike assault raid",
    "agreement deal accord pact",
    "weapon arms armament",
    "spaceport cosmodrome",
    "ship vessel boat",
    "fleet navy warship",
    "car vehicle automobile",
    "soldier troop",
    "home homeward",
)
CONCEPTS = {stem(w): "~" + line.split()[0] for line in _SYNONYMS for w in line.split()}


def concept(key: str) -> str:
    """The concept a stem belongs to ("~meet" for "summit"), else the stem itself."""
    return CONCEPTS.get(key, key)
