"""What the dependency tree says about an attribution: who is the subject of its cue.

The positional rules (``rules.speaker_before`` and friends) take the noun phrase next to a
cue, which is often not the one doing the saying: "Tuesday at Baldwin Wallace University,
Kasich said" or "an email to supporters inviting them to ...". The parser's subject of the
cue verb (climbing from ", saying" or "and said" to the verb it hangs from) is read first;
where the tree names none, or the text came without one, the positional answer stands.
"""

from __future__ import annotations

from newsfuse.extract.quotes.rules import VERB_TAGS, Found, View

_SUBJECT = frozenset({"nsubj"})
_PASSIVE = frozenset({"nsubjpass", "auxpass", "csubjpass"})
# A verb with no subject of its own takes the subject of the verb it hangs from: a second
# verb ("and said"), a verb governed by another ("went on to say"), ", saying ...".
_CLIMB = frozenset({"conj", "xcomp", "advcl"})
# Dependents written before a noun that belong to its mention ("the group's director").
_LEFT_PARTS = frozenset({"det", "compound", "amod", "poss", "nummod", "nmod", "case", "punct"})
_PRONOUN_TAGS = frozenset({"PRP", "WP", "WDT", "DT", "EX"})
_MAX_CLIMB = 3
_OBJECTS = frozenset({"dobj"})
_AMOUNTS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
_NOT_SPEAKERS = frozenset({"DATE", "TIME", "MONEY"})


def cue_subject(v: View, cue: int) -> tuple[int, int] | None:
    """The mention (first, last token) that is the grammatical subject of cue verb ``cue``;
    None when the tree names none (no tree, a passive cue, no subject found)."""
    if not v.head or v.head[cue] < 0:
        return None
    k = cue
    for _ in range(_MAX_CLIMB):
        kids = v.kids[k]
        if any(v.dep[c] in _PASSIVE for c in kids):
            return None  # "was asked": the subject is the one asked
        subject = next((c for c in kids if v.dep[c] in _SUBJECT), None)
        if subject is not None:
            return mention(v, subject) if _plausible(v, subject, cue) else None
        up = v.head[k]
        if v.dep[k] not in _CLIMB or up < 0 or up == k or v.tag[up] not in VERB_TAGS:
            return None
        k = up
    return None


def _plausible(v: View, subject: int, cue: int) -> bool:
    """A speaker is no date ("6:50 p.m."), lies in the cue's paragraph (not a dateline or
    a heading above it) and outside quotation marks."""
    return (
        not v.quoted[subject] and v.ent[subject] not in _NOT_SPEAKERS and v.same_para(subject, cue)
    )


def mention(v: View, head: int) -> tuple[int, int]:
    """The noun phrase a subject head stands for, up to the head itself ("the group's
    director"); a common noun with a named apposition is that name ("the director, Mary
    Jones")."""
    if v.tag[head] in _PRONOUN_TAGS:
        return (head, head)
    if not v.ent[head]:
        named = [c for c in v.kids[head] if v.dep[c] == "appos" and v.ent[c] == "PERSON"]
        if named:
            return mention(v, named[0])
    return (_left_edge(v, head), head)


def _left_edge(v: View, i: int) -> int:
    """First token of the pre-head part of ``i``'s phrase."""
    left = i
    for c in v.kids[i]:
        if c < i and v.dep[c] in _LEFT_PARTS and not v.quoted[c]:
            left = min(left, _left_edge(v, c))
    return left


_NOT_SUBJECT = frozenset({"pobj", "dobj", "npadvmod", "attr", "oprd", "dative", "advmod"})


def _misplaced(v: View, head: int, cue: int) -> bool:
    """Whether the tree reads a speaker mention's head as no subject of the cue: an object
    or an adjunct ("Tuesday at Baldwin Wallace University", "an email to supporters"), or
    a word of what the cue governs (", saying [the city] embodied ...")."""
    if not v.head:
        return False
    return v.dep[head] in _NOT_SUBJECT or v.ent[head] in _NOT_SPEAKERS or _governed(v, head, cue)


def _governed(v: View, i: int, cue: int) -> bool:
    """Whether token ``i`` lies in the cue's complement (below the cue, not as its subject)."""
    for _ in range(40):
        up = v.head[i]
        if up < 0 or up == i:
            return False
        if up == cue:
            return v.dep[i] not in _SUBJECT and v.dep[i] not in _PASSIVE
        i = up
    return False


def with_subject(v: View, f: Found) -> Found:
    """``f`` with its speaker the cue verb's subject when the tree names one."""
    if f.cue_span is None or f.cue in {":", "according to"}:
        return f
    cue = v.token_at(f.cue_span[0])
    if cue >= v.n or v.tag[cue] not in VERB_TAGS:
        return f
    if f.speaker is not None and not _misplaced(v, f.speaker[1], cue):
        return f
    subject = cue_subject(v, cue)
    if subject is None or subject == f.speaker:
        return f
    return Found(f.content, f.direct, f.cue, f.cue_span, subject, f.tail, f.framed)


# ------------------------------------------------------------------ clausal contents

_STRAY = frozenset({",", ".", ";", ":", "—", "–", "--", "-", "``", "''", '"', "“", "”", "(", ")"})


def clause_contents(v: View, used: set[int], have: list[Found]) -> list[Found]:
    """``X said [CLAUSE]`` as the tree reads it: each cue verb's clausal complement whose
    subject-speaker is named, where the positional rules gave that cue nothing (an opener
    they refuse, "says, win or lose, he's staying", an aside, a long subject)."""
    if not v.head:
        return []
    cues = {f.cue_span for f in have if f.cue_span}
    out = []
    for c in range(v.n):
        if c in used or v.quoted[c] or (v.start[c], v.end[c]) in cues:
            continue
        lemma = v.is_cue(c)
        if lemma is None:
            continue
        for k in v.kids[c]:
            if v.dep[k] != "ccomp" or v.quoted[k]:
                continue
            piece = _clause_span(v, k, c)
            who = cue_subject(v, c)
            if piece is None or who is None:
                continue
            span = (v.start[piece[0]], v.end[piece[1]])
            out.append(Found(span, False, lemma, (v.start[c], v.end[c]), who))
    return out


def _clause_span(v: View, k: int, cue: int) -> tuple[int, int] | None:
    """First and last token of complement ``k`` without stray punctuation; None when it
    leaves the cue's paragraph or is too short to say anything."""
    a, b = _edges(v, k)
    while a < b and v.lower[a] in _STRAY:
        a += 1
    while b > a and v.lower[b] in _STRAY:
        b -= 1
    if b - a < 2 or not (v.same_para(a, cue) and v.same_para(b, cue)):
        return None
    return a, b


def _edges(v: View, i: int) -> tuple[int, int]:
    """Leftmost and rightmost token of ``i``'s subtree."""
    lo = hi = i
    stack = [i]
    while stack:
        j = stack.pop()
        lo, hi = min(lo, j), max(hi, j)
        stack.extend(v.kids[j])
    return lo, hi


def counted_object(v: View, j: int, cue: int) -> bool:
    """Whether token ``j`` lies in the cue verb's direct object and that object is an
    amount ("the economy added [175,000 jobs]", "had forecast [240,000]", "added [$2
    billion]"): a verb whose object is a count of things reports no words."""
    if not v.head or v.head[j] < 0:
        return False
    k = j
    for _ in range(40):
        up = v.head[k]
        if up < 0 or up == k:
            return False
        if up == cue:
            return v.dep[k] in _OBJECTS and _amount(v, k)
        k = up
    return False


def _amount(v: View, k: int) -> bool:
    """A noun phrase headed by or counting with a number, outside quotes."""
    if v.quoted[k]:
        return False
    if v.ent[k] in _AMOUNTS or v.tag[k] == "CD":
        return True
    return any(v.dep[c] == "nummod" or v.ent[c] in _AMOUNTS for c in v.kids[k])
