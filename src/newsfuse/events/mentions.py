"""Event mentions of one article: each trigger with its arguments, read off the dependency parse.

Why the parse: "who did what to whom, where and when" is the structure facts and timelines
need, and the parse gives it directly: a verb's subject is its agent, its object (or a passive
subject) its patient; a clause embedded in it ("..., who had met Kim in July, ...") is a
proposition of its own and is left out of the verb's extent, so a citation of the event never
carries words that state something else. Triggers are verbs and event nouns ("summit",
"visit", "election", deverbal "-tion"/"-ment" words); place and time come from the article's
entities and resolved time expressions inside the extent.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from typing import TypeVar

from newsfuse.events.coref_tables import DERIVATIONS, REPORTING, SYNONYM_FAMILIES
from newsfuse.extract._spacy import Parsed, Token
from newsfuse.model import CitedField, EventMention, Span, TimeExpression

# Dependents that start a proposition of their own: left out of their head's extent.
_CLAUSAL = frozenset("ccomp advcl relcl conj parataxis csubj acl xcomp pcomp".split())
_SUBJECTS = frozenset(("nsubj", "nsubjpass", "csubj"))
_OBJECTS = frozenset(("dobj", "obj", "nsubjpass", "attr", "oprd"))
_PLACE_LABELS = frozenset(("GPE", "LOC", "FAC"))
# Nouns that name events in news English, beyond the coreference tables; general, not a story's.
_EVENT_NOUNS = (
    frozenset(
        """summit visit trip tour talks meeting war election vote protest strike attack crash
    fire flood storm quake earthquake hurricane outbreak ceremony parade funeral trial
    hearing verdict ruling deal agreement treaty ceasefire invasion raid operation evacuation
    rally speech interview inspection launch test exercise drill shooting explosion blast
    collapse riot coup referendum campaign tournament match game final""".split()
    )
    | frozenset(DERIVATIONS)
    | frozenset(w for family in SYNONYM_FAMILIES for w in family)
)
T = TypeVar("T")
_DEVERBAL = re.compile(r"[a-z]{4,}(?:tion|sion|ment)$")
_NOT_EVENTS = frozenset("government department apartment equipment environment".split())
# Verbs that only carry an event noun ("held talks", "made a visit"): the noun is the event,
# with the verb's clause, subject, place and time.
_LIGHT_VERBS = frozenset("hold have make give take stage conduct pay host launch".split())


def find_events(
    parsed: Parsed,
    entities: Sequence[tuple[Span, str]] = (),
    timexes: Sequence[TimeExpression] = (),
    field: CitedField = "text",
) -> tuple[EventMention, ...]:
    """Every event mention of one parsed string, in text order. ``entities`` are (span,
    label) pairs and ``timexes`` the resolved time expressions of the same string."""
    tokens = parsed.tokens
    children: list[list[int]] = [[] for _ in tokens]
    for t in tokens:
        if 0 <= t.head < len(tokens) and t.head != t.i:
            children[t.head].append(t.i)
    sentences = parsed.sentences
    entities = sorted(entities, key=lambda e: e[0].start)
    timexes = sorted(timexes, key=lambda t: t.span.start)
    entity_starts = [s.start for s, _ in entities]
    timex_starts = [t.span.start for t in timexes]
    found = []
    for t in tokens:
        if not _is_trigger(t) or _carries_event_noun(t, tokens, children):
            continue
        light = _light_verb(t, tokens)
        members = _extent(light if light is not None else t.i, tokens, children)
        extent = _span(members, tokens)
        covered = [(tokens[i].start, tokens[i].end) for i in members]

        def inside(span: Span, covered: list[tuple[int, int]] = covered) -> bool:
            return any(s <= span.start < e for s, e in covered)

        sentence = _sentence_of(t, sentences)
        agent, patient = _arguments(t, tokens, children)
        if light is not None:
            agent = _arguments(tokens[light], tokens, children)[0]
        found.append(
            EventMention(
                trigger=Span(t.start, t.end),
                lemma=t.lemma.lower() or t.text.lower(),
                extent=extent,
                sentence=sentence,
                agent=agent,
                patient=patient,
                places=tuple(
                    s
                    for s, label in _within(entities, entity_starts, extent)
                    if label in _PLACE_LABELS and inside(s)
                ),
                times=tuple(
                    x.span
                    for x in _within(timexes, timex_starts, extent)
                    if x.type in ("DATE", "TIME") and inside(x.span)
                ),
                negated=any(tokens[c].dep == "neg" for c in children[t.i]),
                reporting=t.lemma.lower() in REPORTING,
                field=field,
            )
        )
    return tuple(found)


def _light_verb(t: Token, tokens: Sequence[Token]) -> int | None:
    """The light verb whose object this event noun is, if any."""
    if t.pos == "NOUN" and t.dep in ("dobj", "obj") and 0 <= t.head < len(tokens):
        head = tokens[t.head]
        if head.pos == "VERB" and head.lemma.lower() in _LIGHT_VERBS:
            return head.i
    return None


def _carries_event_noun(t: Token, tokens: Sequence[Token], children: list[list[int]]) -> bool:
    """A light verb with an event noun as its object is told by the noun's mention."""
    return (
        t.pos == "VERB"
        and t.lemma.lower() in _LIGHT_VERBS
        and any(tokens[c].dep in ("dobj", "obj") and _is_trigger(tokens[c]) for c in children[t.i])
    )


def _within(items: Sequence[T], starts: Sequence[int], extent: Span) -> Sequence[T]:
    """The items (sorted by start) that start inside ``extent``: found by bisection, so a
    long text's mentions do not each scan all its entities."""
    return items[bisect_left(starts, extent.start) : bisect_left(starts, extent.end)]


def _is_trigger(t: Token) -> bool:
    if t.pos == "VERB":
        return t.dep not in ("aux", "auxpass", "amod")
    if t.pos != "NOUN":
        return False
    lemma = t.lemma.lower()
    return lemma in _EVENT_NOUNS or (
        _DEVERBAL.fullmatch(lemma) is not None and lemma not in _NOT_EVENTS
    )


def _extent(head: int, tokens: Sequence[Token], children: list[list[int]]) -> set[int]:
    """The trigger's subtree without embedded clauses; a relative clause keeps its
    antecedent. (A conjoined verb's borrowed subject is its agent, not part of its extent:
    the words between would state the first conjunct.)"""
    members: set[int] = set()
    stack = [head]
    while stack:
        i = stack.pop()
        members.add(i)
        for c in children[i]:
            child = tokens[c]
            if child.dep in _CLAUSAL and child.pos in ("VERB", "AUX") and c != head:
                continue
            if child.dep in ("cc", "punct") and i == head:
                continue
            stack.append(c)
    t = tokens[head]
    if t.dep in ("relcl", "acl") and 0 <= t.head < len(tokens):
        members.add(t.head)
    return members


def _subtree(i: int, children: list[list[int]]) -> set[int]:
    out, stack = set(), [i]
    while stack:
        j = stack.pop()
        out.add(j)
        stack.extend(children[j])
    return out


def _span(members: set[int], tokens: Sequence[Token]) -> Span:
    return Span(min(tokens[i].start for i in members), max(tokens[i].end for i in members))


def _arguments(
    t: Token, tokens: Sequence[Token], children: list[list[int]]
) -> tuple[Span | None, Span | None]:
    """(agent, patient): subject and object of a verb; possessor and "of" object of a noun;
    each without the clauses embedded in it ("Shoigu, who had met Kim in July," is "Shoigu")."""
    agent = patient = None
    for c in children[t.i]:
        dep = tokens[c].dep
        if dep == "nsubj" and agent is None:
            agent = _span(_extent(c, tokens, children), tokens)
        elif dep == "agent":
            objects = [g for g in children[c] if tokens[g].dep == "pobj"]
            if objects:
                agent = _span(_extent(objects[0], tokens, children), tokens)
        elif dep in _OBJECTS and patient is None:
            patient = _span(_extent(c, tokens, children), tokens)
        elif dep == "poss" and t.pos == "NOUN" and agent is None:
            agent = _span(_extent(c, tokens, children), tokens)
        elif dep == "prep" and t.pos == "NOUN" and tokens[c].text.lower() == "of" and not patient:
            objects = [g for g in children[c] if tokens[g].dep == "pobj"]
            if objects:
                patient = _span(_extent(objects[0], tokens, children), tokens)
    if agent is None and t.dep == "conj" and 0 <= t.head < len(tokens):
        for c in children[t.head]:
            if tokens[c].dep == "nsubj":
                agent = _span(_extent(c, tokens, children), tokens)
    return agent, patient


def _sentence_of(t: Token, sentences: Sequence[tuple[int, int]]) -> Span:
    for start, end in sentences:
        if start <= t.start < end:
            return Span(start, end)
    return Span(t.start, t.end)
