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
from collections import defaultdict
from collections.abc import Mapping, Sequence

from rapidfuzz.distance import Indel

from newsfuse.align.compare import (
    RELATED,
    SAME,
    ClaimView,
    conflicting_dates,
    conflicting_quantities,
)
from newsfuse.align.numbers import Quantity
from newsfuse.align.text import concept
from newsfuse.align.wording import wording
from newsfuse.model import (
    Article,
    Citation,
    Discrepancy,
    DiscrepancyKind,
    Entity,
    Variant,
    content_id,
)
from newsfuse.resolve.entities import name_key

_OFFSETS = frozenset("after before since ago later earlier".split())
_CONTEXT = 3  # words either side of a number that say what it counts
_QUALIFIERS = ("almost", "nearly", "about", "around", "over", "more than", "less than",
               "fewer than", "at least", "up to", "roughly", "some")  # fmt: skip
_SPELLING_SIMILARITY = 0.85
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
    if score >= SAME and same_fact:
        dates = conflicting_dates(a, b) if score >= _DATE_SAME else None
        if dates is not None:
            found.append(("date", ((dates[0], dates[0], cite_a), (dates[1], dates[1], cite_b))))
        if a.negated != b.negated and _strong(a, b):
            found.append(
                (
                    "contradiction",
                    ((a.claim.text, a.claim.text, cite_a), (b.claim.text, b.claim.text, cite_b)),
                )
            )
    if score < SAME or a.keys == b.keys:
        return found  # a difference of wording only matters between claims of one fact
    for ta, tb in wording(a, b):
        found.append(("specificity", ((_norm(ta), ta, cite_a), (_norm(tb), tb, cite_b))))
    return found


def measure_keys(v: ClaimView) -> set[str]:
    """Blocking keys for claims whose numbers may disagree: unit plus a word it measures."""
    return {f"%{q.unit}|{word}" for q in v.quantities for word in _around(v, q)}


def _strong(a: ClaimView, b: ClaimView) -> bool:
    """Negation only contradicts when the rest of the two claims says the same."""
    shared = a.keys & b.keys
    return len(shared) >= 0.6 * min(len(a.keys), len(b.keys))


def _same_measure(a: ClaimView, qa: Quantity, b: ClaimView, qb: Quantity) -> bool:
    """The words around both numbers share a content word: they count the same thing."""
    return bool(_around(a, qa) & _around(b, qb))


def _around(v: ClaimView, q: Quantity) -> set[str]:
    """Content words near a quantity, as concepts ("visit" and "trip" measure one thing);
    none for an offset ("two days after"), which dates an event rather than measuring it."""
    idx = [i for i, w in enumerate(v.words) if q.span.start <= w.start < q.span.end]
    if not idx:
        return set()
    if idx[-1] + 1 < len(v.words) and v.words[idx[-1] + 1].text.lower() in _OFFSETS:
        return set()
    lo, hi = max(0, idx[0] - _CONTEXT), min(len(v.words), idx[-1] + 1 + _CONTEXT)
    near = v.words[lo : idx[0]] + v.words[idx[-1] + 1 : hi]
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


def spelling_variants(
    entities: Sequence[Entity], articles: Mapping[str, Article]
) -> list[Discrepancy]:
    """Names of one entity written differently beyond case, spacing and hyphens."""
    found = []
    for entity in entities:
        by_text: dict[str, list[Citation]] = defaultdict(list)
        for mention in entity.mentions:
            article = articles.get(mention.article_id)
            if article is not None:
                by_text[mention.span.of(article.text)].append(mention)
        names = [n for n in by_text if _is_name(n)]
        variants = _spelling_group(names)
        if len(variants) < 2:
            continue
        found.append(
            Discrepancy(
                id=content_id("spelling:" + entity.id),
                kind="spelling",
                description=f"{entity.name} is spelled " + " / ".join(f"“{v}”" for v in variants),
                variants=tuple(Variant(v, tuple(by_text[v])) for v in variants),
            )
        )
    return found


def _is_name(text: str) -> bool:
    return len(name_key(text)) >= 5 and text[:1].isupper() and not text.lower().startswith("the ")


def _spelling_group(names: list[str]) -> list[str]:
    """Names whose keys differ but are near-identical; a name that contains another whole
    ("Putin" in "Vladimir Putin") is a longer form, not a spelling."""
    keys = {n: name_key(n) for n in names}
    kept: list[str] = []
    for name in sorted(names, key=lambda n: (-len(n), n)):
        key = keys[name]
        for other in names:
            other_key = keys[other]
            if other == name or other_key == key or _longer_form(name, other):
                continue
            if Indel.normalized_similarity(key, other_key) >= _SPELLING_SIMILARITY:
                if name not in kept:
                    kept.append(name)
                break
    return sorted(kept)


def _longer_form(a: str, b: str) -> bool:
    wa, wb = set(a.casefold().split()), set(b.casefold().split())
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
