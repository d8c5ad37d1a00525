"""Indirect speech: reported content framed by a cue verb or "according to", unquoted.

Without a dependency parse the content is found by position: ``X said (that) CLAUSE``,
``CLAUSE, X said``, ``A, X said, B``, ``according to X, CLAUSE`` and, for verbs whose content
is their object, ``X accused Y of Z`` / ``X called the plan "a disaster"``. A content must
read as something said (a "that", a finite verb, "to" + verb after a verb of promising or
urging, a quote inside it), so "said in a statement." or "told reporters." give nothing.
"""

from __future__ import annotations

from newsfuse.extract.quotes.rules import (
    ADDRESSEE_VERBS,
    CUE_FORMS,
    CUE_PREPOSITIONS,
    FINITE_TAGS,
    INTENT_VERBS,
    NOUN_TAGS,
    NP_TAGS,
    OBJECT_VERBS,
    QUOTE_ONLY_VERBS,
    SPEECH_FORMS,
    SPEECH_VERBS,
    Found,
    View,
    coordinated,
    gerund_subject,
    np_right,
    object_or_subject,
    speaker_after,
    speaker_before,
)
from newsfuse.extract.quotes.syntax import counted_object, depicts, naming

_TRAILING = frozenset({".", ",", ";", ":", "!", "—", "–", "--", "-", "\n", "\n\n", " "})
# Tags that cannot open a content clause ("said in ...", "said to ...", "said, ...").
_NOT_OPENERS = frozenset({",", ".", ":", "TO", "MD", "VB", "VBD", "VBZ", "VBP", "RP", "CC"})
_SUBORDINATORS = frozenset({
    "if", "because", "although", "though", "while", "since", "when", "as", "once", "after",
    "before", "unless", "whether", "how", "why", "what", "where", "who",
})  # fmt: skip
_BREAKS = frozenset({",", "—", "–", "--"})
_GERUND_CUE_LEADS = frozenset({",", "and", "—"})
_COORDINATORS = frozenset({"and", "but", "or", ";"})
_HAVE = frozenset({"has", "have", "had", "'ve", "’ve", "having", "'s", "’s", "'d", "’d"})
# Reported content is a clause: none runs this many tokens from its cue. A "sentence" longer
# than that (a text without punctuation) is read only this far either side of each cue, so a
# run-on of thousands of cues costs each cue a bounded look, not the whole run-on.
_REACH = 200


def find_indirect(v: View, used: set[int]) -> list[Found]:
    """Attributions framed by cue tokens not already used by a direct quote."""
    out: list[Found] = []
    for i in range(v.n):
        if i in used or v.quoted[i]:
            continue
        if v.lower[i] == "according" and i + 2 < v.n and v.lower[i + 1] == "to":
            out += according_to(v, i)
            continue
        lemma = v.is_cue(i)
        if lemma is not None and not _passive(v, i):
            out += forward(v, i, lemma) or backward(v, i, lemma)
    return out


def _passive(v: View, i: int) -> bool:
    """A participle right after a noun ("vehicles thought to be driving Mr Kim") or, by
    the tree, modifying one ("a study called ...") describes it; no one speaks there.
    "was told" and "has said" stay cues."""
    if naming(v, i):
        return True
    if v.tag[i] != "VBN":
        return False
    k = i - 1
    while k >= 0 and v.tag[k] in {"RB", "RBR"}:
        k -= 1
    return k >= 0 and v.tag[k] in NOUN_TAGS and v.lower[k] not in _HAVE


def _skip_np(v: View, j: int, hi: int) -> int:
    """Index after a noun phrase or pronoun starting at ``j`` (else ``j``)."""
    if j > hi:
        return j
    if v.tag[j] in {"PRP", "NNP"} and v.lower[j] != "it":
        return np_right(v, j, hi + 1) + 1 if v.tag[j] == "NNP" else j + 1
    if v.tag[j] in NP_TAGS:
        return np_right(v, j, hi + 1) + 1
    return j


def _skip_adjuncts(v: View, j: int, hi: int) -> int:
    """Past "in a statement", "on Friday", ", however,", ", in an interview with CNN,"
    between a cue and its content."""
    for _ in range(8):
        nxt = _skip_adjunct(v, j, hi)
        if nxt == j:
            break
        j = nxt
    return j


def _skip_adjunct(v: View, j: int, hi: int) -> int:
    """Index after one adjunct starting at ``j`` (``j`` itself when there is none)."""
    start = j
    if j + 2 <= hi and v.lower[j] == v.lower[j + 2] == "," and v.tag[j + 1] in {"RB", "NNP"}:
        return j + 3  # ", however," / ", Iowa,"
    if j < hi and v.lower[j] == "," and v.lower[j + 1] in CUE_PREPOSITIONS:
        j += 1
    if j <= hi and v.lower[j] in CUE_PREPOSITIONS:
        after = _skip_np(v, j + 1, hi)
        j = after if after > j + 1 else j  # a preposition only with its noun phrase
    if j <= hi and v.tag[j] == "NNP" and v.ent[j] in {"DATE", "TIME"}:
        j += 1
    if j <= hi and v.lower[j] == "," and start != j:
        j += 1
    return j


def _near(v: View, i: int) -> tuple[int, int]:
    """The cue's clause (its sentence within its paragraph), at most ``_REACH`` tokens
    either side of the cue."""
    lo, hi = v.clause(i)
    return max(lo, i - _REACH), min(hi, i + _REACH)


def _trim(v: View, a: int, b: int) -> int:
    """Last token of ``a..b`` without trailing punctuation."""
    while b > a and (v.lower[b] in _TRAILING or v.tag[b] == "_SP"):
        b -= 1
    return b


def _cut(v: View, a: int, b: int, cue: int) -> int:
    """Stop a content before ", adding ..." / ", according to" (another attribution). Where
    the tree says the gerund belongs to the content ("is acting unlawfully and showing
    disregard"), not to the cue, it stays."""
    for k in range(a + 1, b + 1):
        if v.lower[k - 1] not in _GERUND_CUE_LEADS or v.quoted[k]:
            continue
        if v.lower[k] == "according":
            return k - 2
        if v.tag[k] == "VBG" and v.lower[k] in CUE_FORMS and _own_gerund(v, k, cue):
            return k - 2
    return b


def _own_gerund(v: View, k: int, cue: int) -> bool:
    """Whether gerund ``k`` hangs from the cue (", adding ...": a second attribution of the
    same speaker) rather than from a verb of the content; without a tree, it does."""
    if not v.head or v.head[k] < 0:
        return True
    return v.head[k] == cue or v.lower[k] in SPEECH_FORMS


def _is_clause(v: View, a: int, b: int) -> bool:
    """Whether tokens ``a..b`` read as a clause: a subject-like opener and a finite verb."""
    if b - a < 2 or v.tag[a] in _NOT_OPENERS:
        return False
    if v.tag[a] == "IN" and v.lower[a] not in _SUBORDINATORS:
        return False
    for k in range(a, min(b, a + 20) + 1):
        if v.tag[k] in FINITE_TAGS:
            # not "praised X as a fighter; and declared ...": a second predicate of the cue's
            return not (v.lower[k - 1] in _COORDINATORS and v.lower[k - 2] in {";", ","})
    return False


def _speaker(v: View, i: int, lo: int) -> tuple[int, int] | None:
    """Subject of cue ``i``: before it, or the clause's for ", saying ..."."""
    who = object_or_subject(v, i, speaker_before(v, i, lo), lo)
    if who is None and (v.tag[i] == "VBG" or coordinated(v, i, lo)):
        return gerund_subject(v, i, lo)
    return who


def forward(v: View, i: int, lemma: str) -> list[Found]:
    """``X said (that) CLAUSE`` / ``X told reporters CLAUSE`` / ``X vowed to CLAUSE``."""
    lo, hi = _near(v, i)
    j = i + 1
    if lemma in ADDRESSEE_VERBS:
        j = _skip_np(v, j, hi)
    j = _skip_adjuncts(v, j, hi)
    if j > hi or (v.tag[j] == "VBG" and v.lower[j - 1] == ","):
        return []  # "said Tuesday, noting ...": the gerund is an attribution of its own
    end = _trim(v, j, _cut(v, j, hi, i))
    if lemma not in OBJECT_VERBS and counted_object(v, j, i):
        return []  # "the economy added 175,000 jobs": things added, nothing said
    who = _speaker(v, i, lo)
    if depicts(v, lemma, who, j, i):
        return []  # "A video showed Mr Kim dressed in a black suit": a picture, no words
    if not _reported(v, j, end, lemma):
        end = _object_content(v, i, j, end, lemma)
        if end < 0 or who is None:  # "Thank you for registering" has no one speaking
            return []
    return [Found((v.start[j], v.end[end]), False, lemma, (v.start[i], v.end[i]), who)]


def _reported(v: View, j: int, end: int, lemma: str) -> bool:
    """Whether ``j..end`` reads as what was said: "that ...", "to ..." after an intent
    verb, words with a quote in them after a speech verb, or a clause."""
    if v.lower[j] == "that" and v.tag[j] in {"IN", "WDT"} and end > j:
        return True
    if lemma in INTENT_VERBS and v.lower[j] == "to" and j < end and v.tag[j + 1] == "VB":
        return True
    if lemma in SPEECH_VERBS and any(v.quoted[k] for k in range(j, end + 1)):
        return True
    return _is_clause(v, j, end)


def _object_content(v: View, i: int, j: int, end: int, lemma: str) -> int:
    """End of an object content ("accused [Sanders of a flip-flop]"); -1 if there is none.
    The object stops before a coordinated verb ("... and said ...")."""
    if lemma not in OBJECT_VERBS or v.tag[j] not in NP_TAGS | {"PRP", "``", "IN", "RP"}:
        return -1
    for k in range(j + 1, end + 1):
        if v.lower[k] in {"and", "but", ";"} and k + 1 <= end and v.tag[k + 1] in FINITE_TAGS:
            end = _trim(v, j, k - 1)
            break
    if end - j < 1:
        return -1
    if lemma in QUOTE_ONLY_VERBS:
        quoted = any(v.quoted[k] for k in range(j, end + 1))
        if not quoted and v.lower[i + 1] not in {"for", "on", "to"}:
            return -1
    return end


def _gerund_cue(v: View, k: int) -> bool:
    return v.tag[k] == "VBG" and v.lower[k] in CUE_FORMS


def backward(v: View, i: int, lemma: str) -> list[Found]:
    """``CLAUSE, X said.`` / ``CLAUSE, said X.`` / ``A, X said, B.``"""
    if lemma not in SPEECH_VERBS:
        return []
    lo, hi = _near(v, i)
    who = speaker_before(v, i, lo)
    left = who[0] if who is not None else i
    if who is None:
        who = speaker_after(v, i, hi + 1)
    comma = left - 1
    if comma <= lo or v.lower[comma] not in _BREAKS:
        return []
    j = max(i, who[1] if who is not None else i) + 1
    if lemma in ADDRESSEE_VERBS:
        j = _skip_np(v, j, hi)
    j = _skip_adjuncts(v, j, hi)
    if j - 1 > i and v.lower[j - 1] == "," and j <= hi:
        j -= 1  # the adjuncts ended on the comma that opens the second piece
    first = (lo, _trim(v, lo, comma - 1))
    pieces = [first]
    if j <= hi and v.lower[j] in _BREAKS and j < _trim(v, j, hi):
        if not _gerund_cue(v, j + 1):  # ", noting ...": its own attribution
            pieces.append((j + 1, _trim(v, j, hi)))
    elif j <= hi and not v.is_stop(j) and v.lower[j] not in _TRAILING:
        return []
    if not any(_is_clause(v, a, b) for a, b in pieces) and len(pieces) == 1:
        return []
    cue = (v.start[i], v.end[i])
    return [Found((v.start[a], v.end[b]), False, lemma, cue, who) for a, b in pieces]


def according_to(v: View, i: int) -> list[Found]:
    """``According to X, CLAUSE`` / ``CLAUSE, according to X.`` / ``A, according to X, B``."""
    lo, hi = v.clause(i)
    if i + 2 > hi or v.tag[i + 2] not in NP_TAGS | {"PRP"}:
        return []
    who = (i + 2, np_right(v, i + 2, hi + 1))
    after = who[1] + 1
    while after <= hi and v.lower[after] in _BREAKS:
        after += 1
    pieces = []
    if i > lo and i - 1 > lo:
        pieces.append((lo, _trim(v, lo, i - 1)))
    if after <= hi and _trim(v, after, hi) > after and not v.is_stop(after):
        pieces.append((after, _trim(v, after, hi)))
    cue = (v.start[i], v.end[i + 1])
    return [
        Found((v.start[a], v.end[b]), False, "according to", cue, who)
        for a, b in pieces
        if b - a >= 2
    ]
