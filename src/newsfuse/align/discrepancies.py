"""Discrepancies: where outlets that report the same thing differ, and how.

Each finding comes from a pair of claims of different articles about one thing:

- number: quantities of one unit that differ ("almost week-long" vs "a few more days"), when
  the words around them agree on what is counted;
- date: day-precise dates that differ in claims that state one fact;
- contradiction: one claim negated, the other not, otherwise the same statement;
- specificity: one outlet names a part or kind of what another names ("a spacesuit" vs "a
  glove from a space suit"), or another word for what one actor did the same thing to
  ("Kim presented ... gun" vs "Kim presented ... rifle"); see wording.py for why a
  paraphrase ("fighter aircraft"/"fighter jets") is not one;
- spelling: variants of one canonical name that are not just case, spacing or hyphens
  ("Komsomolsk-on-Amur" vs "Komsomolsk-on-Amure"): a variant, not a conflict.

Findings with the same variants are merged, so each discrepancy lists every article that
puts it each way, with the claim spans that say so.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping, Sequence
from functools import lru_cache

from rapidfuzz.distance import Indel

from newsfuse.align.compare import (
    RELATED,
    SAME,
    ClaimView,
    conflicting_dates,
    conflicting_quantities,
)
from newsfuse.align.numbers import Quantity
from newsfuse.align.text import SYNTACTIC_NEGATIONS, concept, stem
from newsfuse.align.wording import wording
from newsfuse.model import (
    Article,
    Citation,
    Discrepancy,
    DiscrepancyKind,
    Entity,
    Span,
    Variant,
    content_id,
)
from newsfuse.resolve.entities import name_key

_OFFSETS = frozenset("after before since ago later earlier".split())
_CONTEXT = 3  # words either side of a number that say what it counts
_QUALIFIERS = ("almost", "nearly", "about", "around", "over", "more than", "less than",
               "fewer than", "at least", "up to", "roughly", "some")  # fmt: skip
_SPELLING_SIMILARITY = 0.85
_MONEY = frozenset({"dollar", "pound", "euro", "yen"})
_NUMBER_SAME = RELATED / 2  # numbers of one measure differ only in claims at least this alike
_DATE_SAME = 0.45  # dates only conflict between claims this alike: else they are two events

Finding = tuple[DiscrepancyKind, tuple[tuple[str, str, Citation], ...]]


def pair_findings(
    a: ClaimView, b: ClaimView, score: float, same_fact: bool = True
) -> list[Finding]:
    """What differs between two claims about one thing, as (kind, variants) findings.

    A contradiction or a date conflict needs the two claims grouped into one fact: a
    negation or another day between claims that merely look alike is most often two
    different statements ("attempts have failed" / "have never failed to capture the
    imagination"), and alignment already decided which claims state one thing."""
    found: list[Finding] = []
    cite_a, cite_b = a.citation, b.citation
    for qa, qb in conflicting_quantities(a, b) if score >= _NUMBER_SAME else ():
        if qa.unit and _same_measure(a, qa, b, qb):
            ta, tb = _qualified(a.source, qa), _qualified(b.source, qb)
            found.append(("number", ((qa.key, ta, cite_a), (qb.key, tb, cite_b))))
    if score >= SAME or same_fact:
        for vague, exact in _vague_and_exact(a, b) + _vague_and_exact(b, a):
            found.append(("specificity", (vague, exact)))
    if score >= SAME and same_fact:
        dates = conflicting_dates(a, b) if score >= _DATE_SAME else None
        if dates is not None:
            found.append(("date", ((dates[0], dates[0], cite_a), (dates[1], dates[1], cite_b))))
    denial = _denied(a, b, score, same_fact)
    if denial is not None:
        found.append(("contradiction", denial))
    if score < SAME or a.keys == b.keys:
        return found  # a difference of wording only matters between claims of one fact
    for ta, tb in wording(a, b):
        found.append(("specificity", ((_norm(ta), ta, cite_a), (_norm(tb), tb, cite_b))))
    return found


# Words that count without a number: "several researchers", "thousands of helpers".
_VAGUE = re.compile(
    r"(?<![\w-])(?:several|multiple|many|numerous|some|few|a few|a number of|a handful of|dozens|"
    r"scores|hundreds|thousands|tens of thousands|hundreds of thousands|millions|billions)"
    r"(?:\s+of)?\s+(?:the\s+)?(?P<noun>[A-Za-z][\w'’-]*)",
    re.IGNORECASE,
)


def _vague_and_exact(
    a: ClaimView, b: ClaimView
) -> list[tuple[tuple[str, str, Citation], tuple[str, str, Citation]]]:
    """A vague count in one claim ("several researchers") against an exact count of the
    same thing in the other ("Three researchers"): the second is more specific."""
    if a.claim.article_id == b.claim.article_id:
        return []
    counted = {q.unit: q for q in b.quantities if q.value is not None and q.unit}
    if not counted:
        return []
    found = []
    span = a.claim.span
    for match in _VAGUE.finditer(a.source, span.start, span.end):
        unit = stem(match.group("noun").lower())
        exact = counted.get(unit)
        if exact is not None and not any(q.unit == unit for q in a.quantities):
            text_a = match.group(0)
            found.append(((_norm(text_a), text_a, a.citation), (exact.key, exact.text, b.citation)))
    return found


def measure_keys(v: ClaimView) -> set[str]:
    """Blocking keys for claims whose numbers may disagree: unit plus a word it measures (a
    sum of money: plus a thing named, as ``_same_measure`` compares them)."""
    keys = {f"%{q.unit}|{word}" for q in v.quantities for word in _around(v, q)}
    for q in v.quantities:
        if q.unit in _MONEY:
            keys.update(f"%{q.unit}|{key}" for key in v.entities)
    return keys


def _denied(
    a: ClaimView, b: ClaimView, score: float, same_fact: bool
) -> tuple[tuple[str, str, Citation], ...] | None:
    """One claim denies what the other asserts: the word a negation governs ("No agreements
    were signed") is asserted, not denied, by the other ("agreeing deals"). A negation whose
    scope the other claim never mentions is a different statement, not a contradiction.
    The variants are the denying and the asserting words, keyed by the concept.

    A denied act ("did not offer", "not laying out a plan") is compared only between claims
    aligned as one fact: the same verb in a merely related sentence is most often another
    occasion ("declined the offer"). A denied thing ("no agreements", "no one was hurt")
    contradicts any related claim that states it."""
    if a.claim.article_id == b.claim.article_id:
        return None  # an article's headline against its own body is not a difference
    if not (same_fact or score >= RELATED / 2):
        return None
    denied_a, denied_b = denied_concepts(a), denied_concepts(b)
    if bool(denied_a) == bool(denied_b):
        return None  # both negated: parallel statements ("not one I wanted", "not a decision")
    denier, denied, other = (a, denied_a, b) if denied_a else (b, denied_b, a)
    asserted = asserted_concepts(other)
    for key, (existential, span) in sorted(denied.items(), key=lambda kv: kv[1][1].start):
        if key in asserted and (same_fact or existential):
            said = asserted[key]
            return (
                (_norm(span.of(denier.source)), span.of(denier.source), denier.citation),
                (key, said.of(other.source), other.citation),
            )
    return None


_SCOPE_END = frozenset("and but or while whereas although though because since as".split())
_SCOPE_WORDS = 4  # words after a negation cue that it can govern ("no plan to sign any")


# Syntactic negation only: a verb of refusal ("declined", "rejected", "refused") states an
# act, and two outlets that report it in different words agree.
_CUES = SYNTACTIC_NEGATIONS
_EXISTENTIAL = frozenset("no none nothing neither nor without".split())  # deny a thing


def denied_concepts(v: ClaimView) -> dict[str, tuple[bool, Span]]:
    """What a claim's negations govern, each with whether it is a thing denied to exist ("no
    agreements") rather than an act ("did not attend"), and the words from the cue to it:
    the first common content word after each negation cue, within a few words and the same
    clause (a lexical stand-in for the cue's scope). Names are left out: "is not a Louisiana
    value" denies the value."""
    found: dict[str, tuple[bool, Span]] = {}
    ws = v.words
    headline = v.field == "title"  # every word capitalised
    for i, w in enumerate(ws):
        cue = w.text.lower() if w.text.lower() in _CUES else w.key
        if cue not in _CUES:
            continue
        for later in ws[i + 1 : i + 1 + _SCOPE_WORDS]:
            if later.text.lower() in _SCOPE_END or _boundary(v.source, w.end, later.start):
                break
            if later.content and later.text.isalpha() and (headline or later.text.islower()):
                key = concept(later.key)
                if key not in found or (cue in _EXISTENTIAL and not found[key][0]):
                    found[key] = (cue in _EXISTENTIAL, Span(w.start, later.end))
                break
    return found


# Irrealis, hedge and refusal cues: a word after one of these in its clause is not stated as
# having happened ("a possible weapons deal", "concerns about potential arms agreements", "if
# they go ahead with an arms deal", "declined to comment", "deferred giving a cause of death"),
# so a denial does not contradict it.
_IRREALIS = frozenset(
    """possible possibly potential potentially prospective any if whether could would might may
    should must can will shall likely unlikely perhaps reportedly allegedly rumoured rumored
    expected expect expects hope hoped hopes want wants wanted seek seeks sought plan plans
    planned proposed propose proposes aim aims intend intends concern concerns concerned fear
    fears feared worry worries warned warn warns cautioned caution risk risks threat threatened
    discuss discussed discussing talks talk negotiate negotiating negotiations speculation
    about over against toward towards future rather instead than decline declined declines
    refuse refused refuses refusal deny denied denies reject rejected rejects fail failed
    fails defer deferred defers delay delayed delays postpone postponed pending await
    awaiting""".split()
)


def asserted_concepts(v: ClaimView) -> dict[str, Span]:
    """The concepts a claim states as real, each with the words that say it (the word and the
    one before it): its content words, except those after a negation, hedge or irrealis cue
    in the same clause."""
    found: dict[str, Span] = {}
    ws = v.words
    open_cue = False
    for i, w in enumerate(ws):
        if i and _boundary(v.source, ws[i - 1].end, w.start):
            open_cue = False
        lower = w.text.lower()
        if lower in _IRREALIS or lower in _CUES or w.key in _CUES:
            open_cue = True
            continue
        if w.content and not open_cue:
            before = ws[i - 1] if i and not _boundary(v.source, ws[i - 1].end, w.start) else w
            found.setdefault(concept(w.key), Span(before.start, w.end))
    return found


def _boundary(text: str, start: int, end: int) -> bool:
    """A comma, semicolon or sentence end between two words ends a negation's scope."""
    return any(ch in ",;:.!?" for ch in text[start:end])


def _same_measure(a: ClaimView, qa: Quantity, b: ClaimView, qb: Quantity) -> bool:
    """The words around both numbers share a content word: they count the same thing. Two
    sums of money in claims about one named thing price it ("Keystone XL, a $9 billion
    pipeline", "the $8 billion Keystone XL project")."""
    if qa.unit in _MONEY and a.entities & b.entities:
        return True
    head_a, head_b = _compound_head(a, qa), _compound_head(b, qb)
    if head_a and head_b and head_a != head_b:
        return False  # "the 50-year-old singer" and "the 51-year-old doctor": two people
    return bool(_around(a, qa) & _around(b, qb))


def _compound_end(v: ClaimView, q: Quantity) -> int | None:
    """Index of the last word of the compound a quantity heads ("50-year-old"), if any."""
    idx = [i for i, w in enumerate(v.words) if q.span.start <= w.start < q.span.end]
    if not idx:
        return None
    last = idx[-1]
    while last + 1 < len(v.words) and v.source[v.words[last].end : v.words[last + 1].start] == "-":
        last += 1
    return last


def _compound_head(v: ClaimView, q: Quantity) -> str | None:
    """The noun a hyphenated amount modifies ("50-year-old singer": singer), as a concept."""
    last = _compound_end(v, q)
    if last is None or last + 1 >= len(v.words):
        return None
    if "-" not in v.source[q.span.start : v.words[last].end]:
        return None  # not a compound: "28 people died"
    head = v.words[last + 1]
    if not (head.content and head.text.isalpha() and head.text.islower()):
        return None
    return concept(head.key)


def _around(v: ClaimView, q: Quantity) -> set[str]:
    """Content words near a quantity, as concepts ("visit" and "trip" measure one thing),
    past a compound it heads ("the 50-year-old singer": singer, not old); none for an offset
    ("two days after"), which dates an event rather than measuring it."""
    idx = [i for i, w in enumerate(v.words) if q.span.start <= w.start < q.span.end]
    if not idx:
        return set()
    if idx[-1] + 1 < len(v.words) and v.words[idx[-1] + 1].text.lower() in _OFFSETS:
        return set()
    last = _compound_end(v, q)  # "50-year-old": the compound is the amount's, not what it counts
    if last is None:
        return set()
    lo, hi = max(0, idx[0] - _CONTEXT), min(len(v.words), last + 1 + _CONTEXT)
    near = v.words[lo : idx[0]] + v.words[last + 1 : hi]
    return {concept(w.key) for w in near if w.content and w.text.isalpha() and w.text[0].islower()}


def _qualified(text: str, q: Quantity) -> str:
    """The quantity as written, with a qualifier before it ("almost week-long")."""
    before = text[max(0, q.span.start - 12) : q.span.start].lower()
    for qualifier in _QUALIFIERS:
        if before.rstrip().endswith(qualifier):
            start = q.span.start - len(before) + before.rstrip().rfind(qualifier)
            return text[start : q.span.end]
    return q.text


def _norm(text: str) -> str:
    return re.sub(r"[\s\-‐‑]+", " ", text.strip(" “”\"'‘’").casefold())


_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})
_INITIAL = re.compile(r"(?<!\S)[A-Za-z]\.?(?!\S)")
_INFLECTIONS = ("s", "es", "n", "an", "ese", "ns")  # plural, and demonym forms of a place
_BLOCK = 3  # names compared across entities share their first letters (a blocking key)


def spelling_variants(
    entities: Sequence[Entity], articles: Mapping[str, Article]
) -> list[Discrepancy]:
    """Names written differently by different outlets, beyond case, spacing, hyphens,
    accents, titles, initials and inflection ("Komsomolsk-on-Amur" / "Komsomolsk-on-Amure",
    "Abdullatif Nasser" / "Abdul Latif Nasir"): a variant, not a conflict.

    Only proper names of people, organisations and places count (never "Republican" /
    "Republicans"), and only names that outlets disagree on: a variant must be written by
    an article that never writes the other. Entity resolution may keep two spellings of
    one person apart (it merges only near-identical names), so names of one label are also
    compared across entities, blocked by their first letters."""
    written: dict[str, dict[str, list[Citation]]] = {}  # name -> article -> mentions
    label_of: dict[str, str] = {}
    entity_of: dict[str, Entity] = {}
    for entity in entities:
        if entity.label not in _NAME_LABELS:
            continue
        for mention in entity.mentions:
            article = articles.get(mention.article_id)
            if article is None:
                continue
            name = mention.span.of(article.text) if mention.field == "text" else None
            if name is None or not _is_name(name):
                continue
            written.setdefault(name, {}).setdefault(mention.article_id, []).append(mention)
            label_of.setdefault(name, entity.label)
            entity_of.setdefault(name, entity)
    blocks: dict[tuple[str, str], list[str]] = defaultdict(list)
    for name in written:
        key = spelling_key(name)
        blocks[(label_of[name], key[:_BLOCK])].append(name)
    found: dict[frozenset[str], Discrepancy] = {}
    for names in blocks.values():
        for group in _spelling_groups(sorted(names), written):
            variants = tuple(
                Variant(n, tuple(c for cites in written[n].values() for c in cites)) for n in group
            )
            entity = entity_of[group[0]]
            found.setdefault(
                frozenset(group),
                Discrepancy(
                    id=content_id("spelling:" + "|".join(group)),
                    kind="spelling",
                    description=f"{entity.name} is spelled " + " / ".join(f"“{v}”" for v in group),
                    variants=variants,
                ),
            )
    return list(found.values())


@lru_cache(maxsize=1 << 14)
def spelling_key(name: str) -> str:
    """A name as spelling compares it: without accents, titles, initials or separators."""
    folded = "".join(
        ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch)
    )
    return name_key(_INITIAL.sub(" ", folded))


def _is_name(text: str) -> bool:
    return len(name_key(text)) >= 5 and text[:1].isupper() and not text.lower().startswith("the ")


def _spelling_groups(
    names: list[str], written: Mapping[str, Mapping[str, object]]
) -> list[list[str]]:
    """Pairs of near-identical names that differ in spelling and that different articles
    write (one never writing the other's form), joined into groups."""
    keys = {n: spelling_key(n) for n in names}
    linked: dict[str, set[str]] = defaultdict(set)
    for i, name in enumerate(names):
        for other in names[i + 1 :]:
            a, b = keys[name], keys[other]
            if a == b or _inflected(a, b) or _longer_form(name, other):
                continue
            if Indel.normalized_similarity(a, b) < _SPELLING_SIMILARITY:
                continue
            only_a = set(written[name]) - set(written[other])
            only_b = set(written[other]) - set(written[name])
            if only_a and only_b:
                linked[name].add(other)
                linked[other].add(name)
    groups, seen = [], set()
    for name in names:
        if name in seen or name not in linked:
            continue
        group, todo = [], [name]
        while todo:
            n = todo.pop()
            if n in seen:
                continue
            seen.add(n)
            group.append(n)
            todo.extend(linked[n])
        groups.append(sorted(group))
    return groups


def _inflected(a: str, b: str) -> bool:
    """One key is the other plus an inflection ("american" / "americans")."""
    short, long = sorted((a, b), key=len)
    return long.startswith(short) and long[len(short) :] in _INFLECTIONS


def _longer_form(a: str, b: str) -> bool:
    wa, wb = set(spelling_key(w) for w in a.split()), set(spelling_key(w) for w in b.split())
    return wa <= wb or wb <= wa


def merge_findings(
    findings: Sequence[Finding], fact_of: Mapping[Citation, str]
) -> list[Discrepancy]:
    """One discrepancy per (kind, set of variants), each variant with every citation."""
    merged: dict[tuple[str, frozenset[str]], dict[str, tuple[str, list[Citation]]]] = {}
    for kind, variants in findings:
        key = (kind, frozenset(v[0] for v in variants))
        slot = merged.setdefault(key, {})
        for norm, text, citation in variants:
            entry = slot.setdefault(norm, (text, []))
            if citation not in entry[1]:
                entry[1].append(citation)
    result = []
    for (kind, _), slot in merged.items():
        variants = tuple(
            Variant(text, tuple(sorted(cites, key=lambda c: (c.article_id, c.span.start))))
            for text, cites in sorted(slot.values(), key=lambda tc: tc[0].casefold())
        )
        facts = {fact_of.get(c) for v in variants for c in v.citations}
        articles = {c.article_id for v in variants for c in v.citations}
        who = "outlets differ" if len(articles) > 1 else "one article differs with itself"
        description = f"{who} ({kind}): " + " vs ".join(f"“{v.text}”" for v in variants)
        result.append(
            Discrepancy(
                id=content_id(kind + "\n" + "\n".join(sorted(v.text for v in variants))),
                kind=kind,
                description=description,
                variants=variants,
                fact_id=next(iter(facts)) if len(facts) == 1 else None,
            )
        )
    return result
