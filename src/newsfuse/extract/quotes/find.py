"""Quotes and attributions of one article: who said what, verbatim or reported.

``find_quotes`` reads one parse (PTB tags, entities, sentences; there is no dependency tree)
in passes:

1. quoted stretches and the cues that frame them (``direct``): ``"...," Peskov said``,
   ``Peskov told reporters: "..."``, ``"..." — Name``, transcript and headline labels;
2. indirect speech and "according to" (``indirect``), plus the reported words around
   a framed quote (``Clinton would have to "go more to center," Cuban said``);
3. quoted words inside reported speech become partial quotes (``Putin said he saw
   "possibilities"``), and quotes with no cue of their own go on in the voice of the
   attribution just before them (``"A," he said. "B."``, long quotes over paragraphs);
4. speakers are resolved inside the article (``Names``): pronouns to the latest compatible
   person named outside quotes, surnames and titles ("Mr Manturov", "the Kremlin
   spokesman") to the full name written earlier.

A quote split around its cue gives one Quote per part, all sharing the cue span.
"""

from __future__ import annotations

from bisect import bisect_right, insort
from collections import Counter
from dataclasses import dataclass, field

from newsfuse.extract._spacy import Parsed
from newsfuse.extract.quotes.direct import (
    INTRO_PUNCT,
    Region,
    attribute_regions,
    bare,
    find_regions,
    own_paragraph,
    segment_start,
    speaker_labels,
)
from newsfuse.extract.quotes.indirect import find_indirect
from newsfuse.extract.quotes.rules import (
    CUE_FORMS,
    FEMALE_HONORIFICS,
    HONORIFICS,
    MALE_HONORIFICS,
    NOUN_TAGS,
    NP_TAGS,
    ROLE_SYNONYMS,
    SHORT_TITLES,
    SPEECH_VERBS,
    VERB_TAGS,
    Found,
    View,
    looks_like_title,
    speaker_before,
)
from newsfuse.extract.quotes.syntax import (
    antecedent,
    as_contents,
    clause_contents,
    mention,
    naming,
    with_subject,
)
from newsfuse.model import Quote, Span

_PERSON = "PERSON"
_GROUPS = frozenset({"ORG", "NORP", "GPE"})
_MALE = frozenset({"he", "him", "his", "himself"})
_FEMALE = frozenset({"she", "her", "hers", "herself"})
_DETERMINERS = frozenset({"the", "a", "an"})
_CLOSING = frozenset({'"', "”", "''", "’", "'", ":"})
_POSSESSIVE = ("'s", "’s", "'", "’")
_MAX_NAME_WORDS = 4


def find_quotes(parsed: Parsed) -> tuple[Quote, ...]:
    """Every direct and indirect quote of ``parsed``, in text order."""
    v = View.of(parsed)
    regions = find_regions(v)
    direct = attribute_regions(v, regions)
    used = {v.token_at(f.cue_span[0]) for f in direct.values() if f.cue_span}
    indirect = _outermost([f for f in find_indirect(v, used) if not _repeats(f, regions, direct)])
    indirect += lead_ins(v, regions, direct) + lead_outs(v, regions, direct)
    asides = as_contents(v, used)
    aside_cues = {f.cue_span for f in asides}
    indirect = [f for f in indirect if f.cue_span not in aside_cues] + asides
    indirect += clause_contents(v, used, indirect)
    labels = speaker_labels(v, regions, direct)
    indirect += [f for f in labels if not f.direct]
    _partial_quotes(v, regions, direct, indirect)
    continue_regions(v, regions, direct, indirect)
    transcripts = [f for f in labels if f.direct]
    found = sorted([*direct.values(), *indirect, *transcripts], key=lambda f: f.content)
    found = [with_subject(v, f) for f in found]
    names = Names.of(v, parsed, regions, [f.speaker for f in found if f.speaker])
    return tuple(names.quote(f) for f in found if f.content[1] > f.content[0])


def _outermost(found: list[Found]) -> list[Found]:
    """Beliefs inside reported speech are part of it ("Orlov said [he saw potential]"):
    an attribution by a belief verb within another's content is left out."""
    said = [f.content for f in found if f.cue in SPEECH_VERBS]
    return [
        f
        for f in found
        if f.cue in SPEECH_VERBS
        or f.cue_span is None
        or not any(a <= f.cue_span[0] < b for a, b in said)
    ]


def _repeats(f: Found, regions: list[Region], direct: dict[int, Found]) -> bool:
    """Whether an indirect content is little more than a quote already attributed
    ('"We will win," he said' again), not a wider clause holding it."""
    a, b = f.content
    inside = sum(max(0, min(b, regions[n].end) - max(a, regions[n].start)) for n in direct)
    return (b - a - inside) < 0.3 * (b - a)


# ------------------------------------------------------------------ reported words around


def lead_outs(v: View, regions: list[Region], found: dict[int, Found]) -> list[Found]:
    """The reported words around a quote framed from before, when there are some:
    ``Ryan said that "we need more information" about the decision``."""
    out = []
    for n, f in found.items():
        r = regions[n]
        if f.tail >= 0 or f.cue_span is None or f.speaker is None:
            continue
        cue = v.token_at(f.cue_span[0])
        if cue >= r.first or not v.same_para(cue, r.first):
            continue
        _, hi = v.clause(r.first)
        after = v.token_at(r.close)
        words = [k for k in range(after, hi + 1) if v.tag[k][:1].isalpha()]
        goes_on = len(words) >= 2 and not any(v.quoted[k] for k in range(after, hi + 1))
        p = v.token_at(r.open) - 1
        between = [k for k in range(cue + 1, p + 1) if v.tag[k][:1].isalpha()]
        embedded = bare(v, p) not in {":", ","} and len(between) >= 3
        if not goes_on and not embedded:
            continue
        start = cue + 1
        while start < r.first and v.lower[start] in {",", ":"}:
            start += 1
        end = v.end[words[-1]] if goes_on else r.end
        out.append(Found((v.start[start], end), False, f.cue, f.cue_span, f.speaker))
    return out


def lead_ins(v: View, regions: list[Region], found: dict[int, Found]) -> list[Found]:
    """The reported words before a quote that ends a sentence: ``Clinton would have to
    "go more to center," Cuban said`` is one attribution, the whole clause."""
    out = []
    for n, f in found.items():
        r = regions[n]
        if f.tail < 0 or f.speaker is None or f.speaker[0] < r.last:
            continue
        lo = segment_start(v, max(0, r.first - 1))
        p = r.first - 2
        if p - lo < 2 or v.lower[p] in INTRO_PUNCT:
            continue
        out.append(Found((v.start[lo], r.end), False, f.cue, f.cue_span, f.speaker, f.tail))
    return out


def _partial_quotes(
    v: View, regions: list[Region], direct: dict[int, Found], indirect: list[Found]
) -> None:
    """Quoted words inside reported speech, or framed by an earlier cue in their sentence,
    are partial quotes of that speaker (the outermost report holding them wins)."""
    for n, r in enumerate(regions):
        if n in direct or looks_like_title(v.text[r.start : r.end]):
            continue
        hosts = [f for f in indirect if f.content[0] <= r.start < f.content[1]]
        host = min(hosts, key=lambda f: (f.content[0], f.cue_span or (0, 0)), default=None)
        found = _framed_by_cue(v, r) if host is None else host
        if found is not None:
            direct[n] = Found((r.start, r.end), True, found.cue, found.cue_span, found.speaker)


def _framed_by_cue(v: View, r: Region) -> Found | None:
    """``Trump called the plan "a disaster"``: a speech verb earlier in the sentence."""
    lo, _ = v.clause(r.first)
    for c in range(r.first - 1, max(lo, r.first - 10) - 1, -1):
        if v.quoted[c] or v.is_stop(c):
            return None
        lemma = v.is_cue(c, CUE_FORMS)
        if lemma is None and v.tag[c] in VERB_TAGS:
            return None
        if lemma in SPEECH_VERBS:
            if naming(v, c):
                return None  # "a study called 'the cost of waiting'" names it
            who = speaker_before(v, c, lo)
            if who is None:
                return None
            return Found((r.start, r.end), True, lemma, (v.start[c], v.end[c]), who)
    return None


# ------------------------------------------------------------------ quotes going on

Anchor = tuple[int, int, Found]  # where an attribution ends, a tie-breaker, the attribution


def continue_regions(
    v: View, regions: list[Region], found: dict[int, Found], more: list[Found]
) -> None:
    """A quote with no cue of its own goes on in the voice of the attribution just before
    it: ``"A," he said. "B."``, a quote paragraph after ``He said: "A."`` or after ``He said
    X.``, and a sentence holding a quote right after a reported one."""
    anchors = sorted((_anchor(f), n, f) for n, f in enumerate([*found.values(), *more]))
    keys = [a for a, _, _ in anchors]
    for n, r in enumerate(regions):
        if n in found:
            continue
        if n - 1 in found and _right_after(v, found[n - 1], regions[n - 1], r):
            found[n] = _going_on(r, found[n - 1])
            continue
        lo = _previous_sentence(v, r)
        if lo is None:
            _sentence_goes_on(v, n, regions, found, more, anchors)
            continue
        k = bisect_right(keys, r.open) - 1
        if k < 0 or keys[k] < lo:
            continue
        framed = [j for j in range(k, -1, -1) if keys[j] >= lo and anchors[j][2].framed]
        found[n] = _going_on(r, anchors[framed[0] if framed else k][2])
        insort(anchors, (r.end, -n - 1, found[n]))
        keys = [a for a, _, _ in anchors]


def _sentence_goes_on(
    v: View,
    n: int,
    regions: list[Region],
    found: dict[int, Found],
    more: list[Found],
    anchors: list[Anchor],
) -> None:
    """``He said X. Good information wins only when "the truth is sexier."``: a sentence
    with no cue of its own, holding a quote, goes on with the attribution just before it."""
    r = regions[n]
    lo, hi = v.clause(r.first)
    if lo == 0 or not v.same_para(lo - 1, lo) or not v.is_stop(lo - 1):
        return
    if any(v.is_cue(k) for k in range(lo, hi + 1)):
        return
    start, end = v.start[v.clause(lo - 1)[0]], v.end[lo - 1]
    before = [f for at, _, f in anchors if start <= at <= end]
    if not before:
        return
    f = before[-1]
    found[n] = _going_on(r, f)
    last = hi
    while last > lo and v.is_stop(last):
        last -= 1
    piece = (v.start[lo], v.end[last])
    if all(m.content != piece for m in more):
        more.append(Found(piece, False, f.cue, f.cue_span, f.speaker))


def _going_on(r: Region, prev: Found) -> Found:
    """The quote ``r`` in the voice of the attribution before it."""
    return Found((r.start, r.end), True, prev.cue, prev.cue_span, prev.speaker, prev.tail,
                 prev.framed)  # fmt: skip


def _right_after(v: View, prev: Found, before: Region, r: Region) -> bool:
    """``"A," said X, "B."``: only punctuation between the last attribution and ``r``."""
    gap = v.text[max(prev.tail, before.close) : r.open]
    return prev.tail >= 0 and "\n" not in gap and not gap.strip(" ,;:—–-")


def _anchor(f: Found) -> int:
    """Where an attribution ends: its cue or its content, whichever is later."""
    return max(f.content[1], f.cue_span[1] if f.cue_span else 0)


def _previous_sentence(v: View, r: Region) -> int | None:
    """Start offset of the sentence before a quote that opens a sentence or a quote-only
    paragraph; None when the quote sits inside a sentence."""
    p = v.token_at(r.open) - 1
    if p < 0:
        return None
    if v.para[p] != v.para[min(r.first, v.n - 1)]:
        if not own_paragraph(v, r):
            return None
    elif not (v.is_stop(p) or v.lower[p] in _CLOSING):
        return None
    first = v.sent_first[v.sent[p]]
    while first < p and v.para[first] != v.para[p]:
        first += 1
    return v.start[first]


# ------------------------------------------------------------------ speakers


@dataclass
class Names:
    """Who the people and groups of one article are, to resolve speaker mentions."""

    v: View
    people: list[tuple[int, str]] = field(default_factory=list)  # mentions outside quotes
    groups: list[tuple[int, str]] = field(default_factory=list)  # organisations, ditto
    surnames: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    roles: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    gender: dict[str, str] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)

    @classmethod
    def of(
        cls, v: View, parsed: Parsed, regions: list[Region], speakers: list[tuple[int, int]]
    ) -> Names:
        """Every person and organisation named in the article, in text order; speakers
        written as bare names count as people even where the tagger missed them."""
        spans = [(r.start, r.end) for r in regions]
        names = cls(v)
        people = [(e.start, e.end) for e in parsed.entities if e.label == _PERSON]
        people += [(v.start[a], v.end[b]) for a, b in speakers if _bare_name(v, a, b)]
        for start, end in sorted(set(people)):
            names.add_person(start, end, any(a <= start < b for a, b in spans))
        names.groups = [
            (e.start, _strip_det(e.text))
            for e in parsed.entities
            if e.label == "ORG" and not any(a <= e.start < b for a, b in spans)
        ]
        names.vote_genders(spans)
        return names

    def add_person(self, start: int, end: int, quoted: bool) -> None:
        """Register a person mention: its full name, surname, honorific gender and role."""
        v = self.v
        words = _name_words(v.text[start:end])
        if not words or len(words) > _MAX_NAME_WORDS:
            return
        name = self.canonical(" ".join(words), start)
        self.counts[name] += 1
        if len(words) > 1:
            self.surnames.setdefault(words[-1].lower(), []).append((start, name))
        a, b = v.token_at(start), v.token_at(end) - 1
        title = _honorific_before(v, a)
        if title in MALE_HONORIFICS | FEMALE_HONORIFICS:
            self.gender.setdefault(name, "m" if title in MALE_HONORIFICS else "f")
        for role in _roles_near(v, a, b):
            self.roles.setdefault(role, []).append((start, name))
        if not quoted:
            self.people.append((start, name))

    def vote_genders(self, spans: list[tuple[int, int]]) -> None:
        """A gendered pronoun after a person's mention (outside quotes) votes for that
        person's gender; honorifics ("Mr", "Mrs") were recorded already and win."""
        votes: dict[str, list[str]] = {}
        starts = [s for s, _ in self.people]
        for i, word in enumerate(self.v.lower):
            if word not in _MALE | _FEMALE or any(a <= self.v.start[i] < b for a, b in spans):
                continue
            k = bisect_right(starts, self.v.start[i]) - 1
            if k >= 0:
                votes.setdefault(self.people[k][1], []).append("m" if word in _MALE else "f")
        for name, said in votes.items():
            self.gender.setdefault(name, max(("m", "f"), key=said.count))

    def canonical(self, name: str, at: int) -> str:
        """A lone surname as the full name written with it ("Peskov" -> "Dmitry Peskov"):
        the most often named such person, the latest before ``at`` on a tie."""
        if " " in name:
            return name
        known = self.surnames.get(name.lower())
        if not known:
            return name
        before = {n: s for s, n in known if s < at} or {n: s for s, n in known}
        return max(before, key=lambda n: (self.counts[n], before[n]))

    def quote(self, f: Found) -> Quote:
        """The Quote for one attribution, its speaker resolved (quotes come in text order,
        so "it said" can follow the organisation that spoke last)."""
        span = name = None
        if f.speaker is not None:
            a, b = f.speaker
            name = self.resolve(a, b)
            a = _name_start(self.v, a, b)
            span = Span(self.v.start[a], self.v.end[b])
            if name is not None and self.v.ent[b] != _PERSON and self.v.tag[b] in NOUN_TAGS:
                self.groups.append((self.v.start[a], name))
                self.groups.sort()
        cue_span = Span(*f.cue_span) if f.cue_span else None
        return Quote(Span(*f.content), f.direct, name, span, f.cue, cue_span)

    def resolve(self, a: int, b: int) -> str | None:
        """The name a speaker mention (tokens ``a..b``) stands for, None if unknown."""
        v = self.v
        if a == b and v.tag[a] in {"PRP", "WP", "WDT"}:
            return self._pronoun(a)
        people = [n for s, n in self.people if v.start[a] <= s < v.end[b]]
        if people and v.ent[b] == _PERSON:  # "Kremlin spokesman Dmitry Peskov", not "Kim's train"
            return " and ".join(dict.fromkeys(people)) if _joined(v, a, b) else people[-1]
        words = _name_words(v.text[v.start[a] : v.end[b]])
        if words and words[-1].lower() in self.surnames:
            return self.canonical(words[-1], v.start[a])
        role = self.roles.get(_role_key(v.lower[b]))
        described = v.lower[a] in _DETERMINERS | {"this", "that"} or v.tag[a] == "POS"
        if role and described and v.tag[b] in NOUN_TAGS and not v.ent[b]:
            return self._latest(role, v.start[a]) or _strip_det(v.text[v.start[a] : v.end[b]])
        return _strip_det(v.text[v.start[a] : v.end[b]])

    def _latest(self, mentions: list[tuple[int, str]], at: int) -> str | None:
        earlier = [n for s, n in mentions if s < at]
        return earlier[-1] if earlier else None

    def _pronoun(self, i: int) -> str | None:
        """he/she: the latest compatible person named outside quotes; it: the latest
        organisation; who/which: the noun its clause modifies (by the tree; else the noun
        phrase before it); I/we/they: unknown."""
        v, word, at = self.v, self.v.lower[i], self.v.start[i]
        if word in {"who", "which", "that"}:
            noun = antecedent(v, i)
            if noun is not None:
                return self.resolve(*mention(v, noun))
            j = i - 1 if i > 0 and v.lower[i - 1] == "," else i
            if j < 1 or v.tag[j - 1] not in NOUN_TAGS:
                return None
            return self.resolve(_np_start(v, j - 1), j - 1)
        if word == "it":
            return self._latest(self.groups, at)
        if word not in ("he", "she"):
            return None
        want = "m" if word == "he" else "f"
        fits = [(s, n) for s, n in self.people if s < at and self.gender.get(n, want) == want]
        if not fits:
            return None
        last = v.token_at(fits[-1][0])
        if last < v.n and v.sent[last] == v.sent[i]:
            return fits[-1][1]  # named earlier in the pronoun's own sentence
        for start, name in reversed(fits):
            k = v.token_at(start)
            if k < v.n and v.sent[k] < v.sent[i] - 1:
                break
            if _main_subject(v, k):
                return name  # "Putin announced that Kim would ... He also mentioned": Putin
        return fits[-1][1]


def _main_subject(v: View, k: int) -> bool:
    """Whether the name starting at token ``k`` is the subject of its sentence's main verb
    (the likeliest one a following "he" or "she" goes on about), by the tree."""
    if not v.head:
        return False
    for j in range(k, min(v.n, k + _MAX_NAME_WORDS)):
        if j > k and v.ent[j] != _PERSON:
            return False
        up = v.head[j]
        if v.dep[j] in {"nsubj", "nsubjpass"} and up >= 0 and v.dep[up] == "ROOT":
            return True
    return False


def _name_start(v: View, a: int, b: int) -> int:
    """Where the mention starts: at the name when a phrase ends in one ("Kremlin spokesman
    [Dmitry Peskov]", "Finance Minister [Mr Orlov]"), else at the phrase."""
    if v.ent[b] != _PERSON or _joined(v, a, b):
        return a
    k = b
    while k > a and v.ent[k - 1] == _PERSON:
        k -= 1
    if k > a and v.lower[k - 1].strip(".") in SHORT_TITLES:
        k -= 1
    return k


def _joined(v: View, a: int, b: int) -> bool:
    """Whether tokens ``a..b`` join named people with "and" ("John Bolton and Dr. Gorka",
    not "Industry and Trade Minister Denis Manturov")."""
    return any(
        v.tag[k] == "CC" and _PERSON in v.ent[a:k] and _PERSON in v.ent[k + 1 : b + 1]
        for k in range(a + 1, b)
    )


def _bare_name(v: View, a: int, b: int) -> bool:
    """Whether tokens ``a..b`` are only a capitalised name ("Orlov", "Mr. Voss") that no
    entity of another kind claims."""
    return all(
        v.tag[k] == "NNP" and v.text[v.start[k]].isupper() and v.ent[k] in ("", _PERSON)
        for k in range(a, b + 1)
    )


def _name_words(text: str) -> list[str]:
    """A person's name as written, without titles before it or a possessive after it
    ("Mr. Rubio's" -> ["Rubio"], "Sen. Ted Cruz" -> ["Ted", "Cruz"])."""
    words = text.split()
    while words and words[0].lower().strip(".,") in HONORIFICS:
        words = words[1:]
    if words:
        last = words[-1]
        for suffix in _POSSESSIVE:
            if last.endswith(suffix) and len(last) > len(suffix):
                words[-1] = last[: -len(suffix)]
                break
    return [w for w in words if w[:1].isalpha()]


def _honorific_before(v: View, a: int) -> str:
    """The title word right before or opening a name ("Mr", "Mrs"), lower-cased."""
    for k in (a, a - 1):
        if 0 <= k < v.n:
            word = v.lower[k].strip(".")
            if word in MALE_HONORIFICS | FEMALE_HONORIFICS:
                return word
    return ""


def _roles_near(v: View, a: int, b: int) -> list[str]:
    """Role nouns written with a name: "Kremlin spokesman X", "X, the Kremlin spokesman"."""
    roles = []
    k = a - 1
    if k >= 0 and v.tag[k] in NOUN_TAGS and not v.ent[k] and v.lower[k].isalpha():
        roles.append(_role_key(v.lower[k]))
    k = b + 1
    if k + 1 < v.n and v.lower[k] == ",":
        k += 1
        while k < v.n and (v.tag[k] in {"DT", "PRP$", "POS"} or v.ent[k] in _GROUPS):
            k += 1
        head: int | None = None
        while k < v.n and v.tag[k] in NP_TAGS and v.tag[k] != "POS":
            if v.tag[k] in NOUN_TAGS and not v.ent[k]:
                head = k
            k += 1
        if head is not None and _apposed(v, head):
            roles.append(_role_key(v.lower[head]))
    return roles


def _apposed(v: View, noun: int) -> bool:
    """Whether ``noun`` heads (or is part of) an apposition to the name before it, not the
    subject of a verb after it ("Mayor Ito, the union said, ..."); without a tree, it is."""
    if not v.head or v.head[noun] < 0:
        return True
    if v.dep[noun] == "compound":
        noun = v.head[noun]
    return v.dep[noun] == "appos"


def _role_key(noun: str) -> str:
    return ROLE_SYNONYMS.get(noun, noun)


def _np_start(v: View, i: int) -> int:
    j = i
    while j > 0 and v.tag[j - 1] in NP_TAGS:
        j -= 1
    return j


def _strip_det(text: str) -> str:
    words = text.split()
    while len(words) > 1 and words[0].lower() in _DETERMINERS:
        words = words[1:]
    return " ".join(words)
