"""What the dependency tree says about an attribution: who is the subject of its cue.

The positional rules (``rules.speaker_before`` and friends) take the noun phrase next to a
cue, which is often not the one doing the saying: "Tuesday at Baldwin Wallace University,
Kasich said" or "an email to supporters inviting them to ...". The parser's subject of the
cue verb (climbing from ", saying" or "and said" to the verb it hangs from) is read first;
where the tree names none, or the text came without one, the positional answer stands.
"""

from __future__ import annotations

from newsfuse.extract.quotes.rules import (
    DEPICTION_VERBS,
    QUANTIFIERS,
    SPEECH_FORMS,
    VERB_TAGS,
    Found,
    View,
)

_SUBJECT = frozenset({"nsubj"})
_PASSIVE = frozenset({"nsubjpass", "auxpass", "csubjpass"})
# A verb with no subject of its own takes the subject of the verb it hangs from: a second
# verb ("and said"), a verb governed by another ("went on to say"), ", saying ...".
_CLIMB = frozenset({"conj", "xcomp", "advcl"})
# Dependents written before a noun that belong to its mention ("the group's director").
_LEFT_PARTS = frozenset({"det", "compound", "amod", "poss", "nummod", "nmod", "case", "punct"})
_PRONOUN_TAGS = frozenset({"PRP", "WP", "WDT", "DT", "EX"})
_MAX_CLIMB = 3
_RELATIVES = frozenset({"who", "which", "that"})
_PERSONAL = frozenset({"he", "she", "i", "we", "they", "you", "who"})
# What a verb says or does to: a clause, an object, an infinitive ("noted how", "urged him").
_COMPLEMENTS = frozenset({"ccomp", "xcomp", "dobj", "dative", "attr", "oprd", "csubj"})
_RELATIVE_TAGS = frozenset({"WP", "WDT"})
_NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})
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
            if k == cue:
                return _agent(v, k, cue)  # "was asked by X": X asked; the subject was asked
            passive = next((c for c in kids if v.dep[c] == "nsubjpass"), None)
            return None if passive is None else mention(v, passive)  # "was joined by X and joked"
        subject = next((c for c in kids if v.dep[c] in _SUBJECT), None)
        if subject is not None:
            return mention(v, subject) if _plausible(v, subject, cue) else None
        up = v.head[k]
        if v.dep[k] not in _CLIMB or up < 0 or up == k or v.tag[up] not in VERB_TAGS:
            return None
        k = up
    return None


def _agent(v: View, verb: int, cue: int) -> tuple[int, int] | None:
    """The mention in a passive verb's by-phrase ("was asked by moderator Gerard Baker"):
    the one who did the asking; None without one."""
    for by in v.kids[verb]:
        if v.dep[by] != "agent":
            continue
        obj = next((c for c in v.kids[by] if v.dep[c] == "pobj"), None)
        if obj is not None and _plausible(v, obj, cue):
            return mention(v, obj)
    return None


def _author(v: View, noun: int) -> tuple[int, int] | None:
    """Who wrote a document cited as a source: its by-phrase ("according to a filing by
    prosecutor Tom Reyes") or the by-agent of a participle after it ("a court document
    filed by state attorney Dave Aronberg"); None when the source names no one that way."""
    if not v.head or v.ent[noun] == "PERSON":
        return None
    for c in v.kids[noun]:
        if v.dep[c] == "acl" and v.tag[c] == "VBN":
            who = _agent(v, c, noun)
            if who is not None:
                return who
        if v.dep[c] == "prep" and v.lower[c] == "by":
            obj = next((k for k in v.kids[c] if v.dep[k] == "pobj"), None)
            if obj is not None and _plausible(v, obj, noun):
                return mention(v, obj)
    return None


def depicts(v: View, lemma: str, who: tuple[int, int] | None, first: int, cue: int) -> bool:
    """Whether a verb of showing with a subject that is no person depicts rather than
    reports ("A video showed Mr Kim dressed in a black suit", "polls show her trailing"):
    only a that-clause (token ``first`` opening the content) or a finite clause by the
    tree ("filings show it has less cash") makes it report."""
    if lemma not in DEPICTION_VERBS or v.lower[first] == "that" or _person(v, who):
        return False
    return not any(v.dep[k] == "ccomp" and _finite(v, k) for k in v.kids[cue])


def _finite(v: View, verb: int) -> bool:
    """Whether a clause's verb is finite: present tense, a modal or auxiliary, or a past
    tense with an object ("made a change"); a bare past form may be a participle that
    describes ("Mr Kim dressed in a suit")."""
    kids = v.kids[verb]
    if v.tag[verb] in {"VBZ", "VBP", "MD"} or any(v.dep[k] in {"aux", "auxpass"} for k in kids):
        return True
    return v.tag[verb] == "VBD" and any(v.dep[k] in _COMPLEMENTS for k in kids)


def _person(v: View, who: tuple[int, int] | None) -> bool:
    """Whether a speaker mention names a person ("Mr Shoigu", "she"), not a thing."""
    if who is None:
        return False
    a, b = who
    return v.ent[b] == "PERSON" or (a == b and v.lower[a] in _PERSONAL)


def _plausible(v: View, subject: int, cue: int) -> bool:
    """A speaker is no date ("6:50 p.m."), lies in the cue's paragraph (not a dateline or
    a heading above it) and outside quotation marks."""
    return (
        not v.quoted[subject] and v.ent[subject] not in _NOT_SPEAKERS and v.same_para(subject, cue)
    )


def mention(v: View, head: int) -> tuple[int, int]:
    """The noun phrase a subject head stands for, up to the head itself ("the group's
    director"); a common noun with a named apposition is that name ("the director, Mary
    Jones"). A quantifier runs on to its partitive ("few of the delegates"), and
    coordinated subjects ("Bolton and Gorka both said") speak together: the mention runs to
    the last. A pronoun is its own mention ("who", "he"); ``antecedent`` names who it is."""
    if v.lower[head] in QUANTIFIERS:
        whole = _partitive(v, head)
        if whole is not None:
            return (head, whole)
    if v.tag[head] in _PRONOUN_TAGS:
        return (head, head)
    if not v.ent[head]:
        named = [c for c in v.kids[head] if v.dep[c] == "appos" and v.ent[c] == "PERSON"]
        if named:
            return mention(v, named[0])
    return (_left_edge(v, head), _last_conjunct(v, head))


def antecedent(v: View, pronoun: int) -> int | None:
    """The noun a relative clause hangs from, for its subject pronoun ("a surrogate who
    said"): the clause's verb (climbing "who went on to say") is a ``relcl`` of that noun.
    None without a tree or such a clause."""
    if not v.head or v.lower[pronoun] not in _RELATIVES or v.tag[pronoun] not in _RELATIVE_TAGS:
        return None
    k = v.head[pronoun]
    for _ in range(_MAX_CLIMB):
        if k < 0 or v.head[k] == k:
            return None
        if v.dep[k] == "relcl":
            noun = v.head[k]
            return noun if v.tag[noun] in _NOUN_TAGS and not v.quoted[noun] else None
        if v.dep[k] not in _CLIMB:
            return None
        k = v.head[k]
    return None


def _partitive(v: View, head: int) -> int | None:
    """The noun of "of the delegates" after a quantifier subject ("few of the delegates")."""
    for p in v.kids[head]:
        if v.dep[p] == "prep" and v.lower[p] == "of":
            noun = next((c for c in v.kids[p] if v.dep[c] == "pobj"), None)
            if noun is not None and v.tag[noun] in _NOUN_TAGS:
                return noun
    return None


def _last_conjunct(v: View, head: int) -> int:
    """The head of the last subject joined to ``head`` by "and" ("John Bolton and the
    expert Dr. Sebastian Gorka"), a named apposition of it counting as its head; ``head``
    itself when nothing is joined."""
    chain = [head]
    for _ in range(8):
        joined = [c for c in v.kids[chain[-1]] if v.dep[c] == "conj" and v.tag[c] in _NOUN_TAGS]
        if not joined:
            break
        chain.append(joined[-1])
    if not any(v.dep[c] == "cc" for k in chain for c in v.kids[k]):
        return head  # a list with no "and" is no coordinated subject
    last = chain[-1]
    named = [c for c in v.kids[last] if v.dep[c] == "appos" and v.ent[c] == "PERSON"]
    return named[-1] if named else last


def _left_edge(v: View, i: int) -> int:
    """First token of the pre-head part of ``i``'s phrase."""
    left = i
    for c in v.kids[i]:
        if c < i and v.dep[c] in _LEFT_PARTS and not v.quoted[c] and v.lower[c] != ",":
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


def _partial(v: View, speaker: tuple[int, int]) -> bool:
    """Whether a speaker mention is only part of who spoke, or only points at it: a
    quantifier ("both", "few"), the passive subject of a cue with a by-agent ("was asked
    by"), the first of coordinated subjects."""
    if not v.head:
        return False
    a, b = speaker
    if a == b and v.lower[a] in QUANTIFIERS:
        return True
    return v.dep[b] == "nsubjpass" or (
        any(v.dep[c] == "conj" for c in v.kids[b]) and any(v.dep[c] == "cc" for c in v.kids[b])
    )


def _covers(v: View, subject: tuple[int, int], speaker: tuple[int, int] | None, cue: int) -> bool:
    """Whether the tree's subject may stand in for a bare quantifier the positional rule
    took: it holds the quantifier ("few of the delegates"), or the quantifier qualifies it
    ("Bolton and Gorka both") or floats by the verb ("Trump and Sanders have both
    argued"). Any other positional speaker gives way as before."""
    if speaker is None or speaker[0] != speaker[1] or v.lower[speaker[0]] not in QUANTIFIERS:
        return True
    q = speaker[0]
    return (
        subject[0] <= q <= subject[1]
        or subject[0] <= v.head[q] <= subject[1]
        or (v.head[q] == cue and subject[1] < q)
    )


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
    if f.cue == "according to" and f.speaker is not None:
        author = _author(v, f.speaker[1])
        return f if author is None else Found(f.content, f.direct, f.cue, f.cue_span, author,
                                              f.tail, f.framed)  # fmt: skip
    if f.cue_span is None or f.cue == ":":
        return f
    cue = v.token_at(f.cue_span[0])
    if cue >= v.n or v.tag[cue] not in VERB_TAGS:
        return f
    if (
        f.speaker is not None
        and not _misplaced(v, f.speaker[1], cue)
        and not _partial(v, f.speaker)
    ):
        return f
    subject = cue_subject(v, cue)
    if subject is None or subject == f.speaker or not _covers(v, subject, f.speaker, cue):
        return f
    return Found(f.content, f.direct, f.cue, f.cue_span, subject, f.tail, f.framed)


def naming(v: View, cue: int) -> bool:
    """Whether a cue verb is a participle right after the noun it modifies, with the name
    it gives ("a study called 'the cost of waiting'", "a rule dubbed ...", "a report
    titled ..."): it names the thing; no one speaks there."""
    if not v.head or v.dep[cue] != "acl" or v.tag[cue] not in {"VBN", "VBD"}:
        return False
    noun = v.head[cue]
    named = any(v.dep[k] in {"oprd", "attr", "dobj"} for k in v.kids[cue])
    return noun == cue - 1 and v.tag[noun] in _NOUN_TAGS and v.ent[noun] != "PERSON" and named


# ------------------------------------------------------------------ "as X said"


def as_cue(v: View, lo: int, hi: int) -> int | None:
    """The last speech verb in tokens ``lo..hi-1`` that opens an "as" aside ("As the
    Post reported, ...", "as columnist Jonathan Chait noted"): the aside attributes the
    clause it hangs from to its subject. Its verb has no object or clause of its own (the
    clause it hangs from is that); "as she noted how ..." / "as they urged him to" tell
    when, not what. None without a tree or such a verb."""
    if not v.head:
        return None
    for c in range(hi - 1, lo - 1, -1):
        if v.quoted[c] or v.is_cue(c, SPEECH_FORMS) is None:
            continue
        kids = v.kids[c]
        marks = [m for m in kids if v.dep[m] == "mark" or v.tag[m] == "TO"]
        if [v.lower[m] for m in marks] != ["as"] or any(v.dep[k] in _COMPLEMENTS for k in kids):
            continue  # not "as if to say" (a manner) nor "as she noted how" (a time)
        if _set_off(v, marks[0]):
            return c
    return None


def _set_off(v: View, mark: int) -> bool:
    """Whether an "as" opens an aside set off from its sentence: first in it, or after
    punctuation or a conjunction ("Of course, as ...", "But as ..."); "it comes as rivals
    called for ..." and "even as he said" tell when."""
    lo, _ = v.clause(mark)
    return mark == lo or v.tag[mark - 1] in {",", ":", "CC", "-LRB-", "``", "''"}


def as_contents(v: View, used: set[int]) -> list[Found]:
    """``As X noted, CLAUSE`` / ``CLAUSE, as X reported``: the clause the aside hangs from,
    without the aside, is what X said (one Found per piece either side of the aside)."""
    out: list[Found] = []
    if not v.head:
        return out
    c = 0
    while c < v.n:
        cue = as_cue(v, c, min(v.n, c + 1))
        c += 1
        if cue is None or cue in used or v.dep[cue] != "advcl":
            continue
        who = cue_subject(v, cue)
        host = v.head[cue]
        if who is None or host < 0 or host == cue:
            continue
        lemma = v.is_cue(cue, SPEECH_FORMS)
        lo, hi = _edges(v, host)
        a, b = _edges(v, cue)
        for piece in ((lo, a - 1), (b + 1, hi)):
            span = _piece(v, *piece, cue)
            if span is not None:
                out.append(Found(span, False, lemma, (v.start[cue], v.end[cue]), who))
    return out


def _piece(v: View, a: int, b: int, cue: int) -> tuple[int, int] | None:
    """Character span of tokens ``a..b`` without stray punctuation; None when it leaves
    the cue's paragraph, opens inside a quote or is too short to say anything."""
    while a < b and v.lower[a] in _STRAY:
        a += 1
    while b > a and v.lower[b] in _STRAY:
        b -= 1
    if b - a < 2 or v.quoted[a] or not (v.same_para(a, cue) and v.same_para(b, cue)):
        return None
    return v.start[a], v.end[b]


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
            if piece is None or who is None or depicts(v, lemma, who, piece[0], c):
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
