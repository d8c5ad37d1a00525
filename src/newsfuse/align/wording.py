"""Specificity: where two outlets name one thing with different words, and when that matters.

Two routes, both about one slot of one statement:

- part or kind: one side names the other's noun with a part of it or a modifier around it
  ("a spacesuit" vs "a glove from a space suit"): the more specific side contains the less
  specific noun (closed or open compound) behind a partitive "of"/"from";
- another word in the same slot ("North Korean-made gun" vs "North Korean-made rifle"): the
  two words follow the same two words, end a noun phrase, and the two claims share a frame,
  the same actor (the nearest named entity before the verb) doing the same thing (one verb)
  before the slot. Without the frame, a different word after the same modifier is almost
  always a paraphrase ("fighter aircraft"/"fighter jets" in two descriptions of a plant,
  "aviation firm"/"aviation plant"), which is wording, not a discrepancy; words of one
  concept in the news synonym table never count.

Why a frame and not a word list: no lexicon of hypernyms ships with the package, and what
makes "gun" vs "rifle" worth showing is that both outlets report one act (Kim presented X)
and differ on X, which the text itself shows.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Sequence

from newsfuse.align.compare import ClaimView
from newsfuse.align.text import IRREGULAR, Word, concept

_PART_OF = frozenset({"of", "from"})
_DETERMINERS = frozenset({"a", "an", "the", "one", "some"})
_VERB_LEAD = frozenset("to will would can could did does had has have may might must".split())
_FOLLOWERS = frozenset("to of from in on at with for and or that which who as by".split())


def wording(a: ClaimView, b: ClaimView) -> list[tuple[str, str]]:
    """Phrases in one slot that name different things: a part of it, or another word."""
    found = []
    for x, y, flip in ((a, b, False), (b, a, True)):
        if x.word_keys & (y.keys - y.word_keys):  # y writes apart a word x writes closed
            for general, specific in _part_of(x, y):
                found.append((specific, general) if flip else (general, specific))
    if a.entities & b.entities:  # a frame needs one actor in both
        found.extend(_substitutions(a, b))
    return found


def _part_of(x: ClaimView, y: ClaimView) -> list[tuple[str, str]]:
    """ "a spacesuit" in x, "a glove from a space suit" in y: y names a part or kind."""
    found = []
    ys = list(y.words)
    where = y.occurrences
    for w in x.words:
        if not w.content or not w.text.isalpha() or w.key not in where:
            continue
        if all(i == j for i, j in where[w.key]):
            continue  # y has the very word: only a compound written apart counts
        for i, j in where[w.key]:
            head = _head_before(ys, i, x)
            if head is not None:
                found.append((w.text, _span_text(y, ys[head].start, ys[j].end)))
    return found


def _head_before(ys: list[Word], i: int, x: ClaimView) -> int | None:
    """Index of the noun in "<noun> of/from (a|the) <here>" if x does not say that noun."""
    k = i - 1
    if k >= 0 and ys[k].text.lower() in _DETERMINERS:
        k -= 1
    if k < 1 or ys[k].text.lower() not in _PART_OF:
        return None
    head = ys[k - 1]
    if not head.content or not head.text.isalpha() or head.key in x.keys:
        return None
    return k - 1


def _span_text(v: ClaimView, start: int, end: int) -> str:
    offset = v.claim.span.start
    return v.claim.text[start - offset : end - offset]


def _substitutions(a: ClaimView, b: ClaimView) -> list[tuple[str, str]]:
    """Different words after the same two words in one frame ("Kim presented ... North
    Korean-made gun" / "Kim presented ... North Korean-made rifle")."""
    only_a = {w.key for w in a.words} - {w.key for w in b.words}
    only_b = {w.key for w in b.words} - {w.key for w in a.words}
    found = []
    contexts = defaultdict(list)
    for i, w in enumerate(b.words):
        if i >= 2 and w.key in only_b and _slot_word(w) and _phrase_end(b, i):
            contexts[(b.words[i - 2].key, b.words[i - 1].key)].append((i, w))
    for i, w in enumerate(a.words):
        if i < 2 or w.key not in only_a or not _slot_word(w):
            continue
        context = (a.words[i - 2].key, a.words[i - 1].key)
        if not a.words[i - 1].content or not _adjacent(a.words[i - 2 : i + 1]):
            continue
        if not _phrase_end(a, i):
            continue
        for j, other in contexts.get(context, []):
            if concept(w.key) != concept(other.key) and _frames(a, i - 2) & _frames(b, j - 2):
                found.append((w.text, other.text))
    return found


def _frames(v: ClaimView, before: int) -> set[tuple[str, str]]:
    """(actor, verb) pairs stated before word ``before``: each verb-like word with the
    nearest named entity before it."""
    frames = set()
    for k, w in enumerate(v.words[:before]):
        if not _verb_like(v.words, k):
            continue
        actors = [key for start, key in v.mentions if start < w.start]
        if actors:
            frames.add((actors[-1], w.key))
    return frames


def _verb_like(ws: Sequence[Word], k: int) -> bool:
    """A word that reads as a verb without a tagger: inflected (-ed, -ing, an irregular past)
    or after "to"/an auxiliary."""
    w = ws[k]
    lower = w.text.lower()
    if not w.content or not w.text.isalpha() or not w.text[0].islower():
        return False
    if lower in IRREGULAR or (lower.endswith(("ed", "ing")) and w.key != lower):
        return True
    return k > 0 and ws[k - 1].text.lower() in _VERB_LEAD


def _phrase_end(v: ClaimView, i: int) -> bool:
    """The word ends a noun phrase: punctuation, the end, or a function word follows."""
    text = v.claim.text
    offset = v.claim.span.start
    after = text[v.words[i].end - offset :].lstrip(" ")
    if not after or after[0] in ",.;:)”\"’'–—":
        return True
    nxt = v.words[i + 1].text.lower() if i + 1 < len(v.words) else ""
    return nxt in _FOLLOWERS


_FOLLOWERS = frozenset("to of from in on at with for and or that which who as by".split())


def _slot_word(w: Word) -> bool:
    """A word that can end a noun phrase: not an adverb, a participle or a past tense
    ("chair" against "sparked" is two different slots, not two names for one thing)."""
    lower = w.text.lower()
    past = lower in IRREGULAR or (lower.endswith("ed") and w.key != lower)
    return (
        w.content and w.text.isalpha() and w.text[0].islower() and len(w.text) > 2
        and not lower.endswith(("ly", "ing")) and not past and lower not in _FOLLOWERS
    )  # fmt: skip


def _adjacent(ws: Sequence[Word]) -> bool:
    return all(q.start - p.end <= 2 for p, q in itertools.pairwise(ws))
