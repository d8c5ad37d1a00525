"""Find time expressions in English news and normalise them TIMEX3-style (TempEval-3 values).

``find_timexes(text, published)`` returns dates ("2023-09-13", "2023-W37", "2023-Q3"), times
("2023-09-13T15:00", "2023-09-13TEV"), durations ("P6D", "PT40S") and sets ("P1W") with
character spans into ``text``. Relative expressions resolve against ``published`` (the document
creation time, DCT) and the tense around them; see ``resolve``.

How: one scan of the lower-cased text finds head words (month and weekday names, units,
digits...); each pattern in ``rules.RULES`` then runs only near its heads; matches that
fail their rule's lexical check (below) are dropped; overlapping matches give way to the
longest (leftmost, then earlier rule, on ties); the survivors are normalised in text order by
``resolve`` so that anaphora ("the quarter", "that day") can use what came before.

Tense: news mostly reports the past, so a bare weekday or month goes back from the DCT unless
a future cue ("will", "is expected to") governs it. The cue used is the nearest one in the
same sentence, left first (the verb before a time adverbial usually governs it); a reporting
verb ("said") on the right counts only when right next to the expression. Cues come from PTB
tags when ``parsed`` is given, else from a cheap word pattern; no parse is needed.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Final

from newsfuse.extract.timex.resolve import HANDLERS, Context, Tense
from newsfuse.extract.timex.rules import (
    AMBIGUOUS_MONTHS,
    FUTURE_MODALS,
    FUTURE_VERBS,
    HEAD,
    HEAD_KIND,
    HEADS,
    MONTH_TRIGGERS,
    NOT_PAST,
    PRE_MOD,
    REACH,
    REPORTING_VERBS,
    RULES,
    SENTENCE_END,
    SPAN_GROUPS,
    TAKES_MOD,
    TENSE_CUES,
    YEAR_BLOCKERS,
    YEAR_BLOCKERS_BEFORE,
    group,
    sentence_start,
    title_word_before,
    word_after,
    word_before,
)
from newsfuse.model import Precision, Span, TimeExpression

if TYPE_CHECKING:
    from newsfuse.extract._spacy import Parsed, Token

__all__ = ["calendar_start", "find_timexes"]

Candidate = tuple[int, int, int, re.Match[str]]  # start, end, rule index, match
# Each rule with the groups that, when they take part, mark its span (else the whole match).
_COMPILED: Final[tuple[tuple[str, re.Pattern[str], tuple[str, ...]], ...]] = tuple(
    (name, pattern, tuple(g for g in SPAN_GROUPS if g in pattern.groupindex))
    for name, pattern in RULES
)
_PRE_MOD_WINDOW: Final[int] = 40
# Years outside 0001-9999 ("2023 years ago" in 2023) have no TIMEX3 value.
_OFF_CALENDAR: Final[re.Pattern[str]] = re.compile(r"-|0000|\d{5}")
# Values these rules derive from an earlier mention are not themselves antecedents.
_DERIVED: Final[frozenset[str]] = frozenset({"ago", "quarter_ref"})


def find_timexes(
    text: str, published: datetime | date | None, *, parsed: Parsed | None = None
) -> tuple[TimeExpression, ...]:
    """Time expressions of ``text``, in text order, normalised relative to ``published``."""
    dct = published.date() if isinstance(published, datetime) else published
    low = _lower(text)
    chosen = _select(_candidates(text, low))
    cx = Context(text, dct, TenseIndex(text, low, parsed))
    found = []
    for start, end, rule, m in chosen:
        try:
            norm = HANDLERS[RULES[rule][0]](m, cx)
        except (ValueError, OverflowError):  # e.g. "tomorrow" from a DCT of 9999-12-31
            norm = None
        if norm is None or _OFF_CALENDAR.match(norm[1]):
            continue
        kind, value = norm
        if RULES[rule][0] not in _DERIVED:
            cx.remember(value, end)
        first, precision = calendar_start(value)
        found.append(
            TimeExpression(Span(start, end), text[start:end], kind, value, first, precision)
        )
    return tuple(found)


def _lower(text: str) -> str:
    """Lower-cased text with the same offsets (a few characters grow when lower-cased)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _heads(low: str) -> dict[str, list[tuple[int, int]]]:
    """Where each kind of head word occurs, in text order."""
    found: dict[str, list[tuple[int, int]]] = {}
    for m in HEAD.finditer(low):
        word = m.group()
        kind = "digit" if word[0].isdigit() else HEAD_KIND[word]
        found.setdefault(kind, []).append(m.span())
    return found


def _windows(name: str, heads: dict[str, list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """Merged stretches around the heads of rule ``name`` where its matches can lie."""
    before, after = REACH[name]
    kinds = [heads[kind] for kind in HEADS[name] if kind in heads]
    spans = kinds[0] if len(kinds) == 1 else sorted(s for spans in kinds for s in spans)
    merged: list[tuple[int, int]] = []
    for start, end in spans:  # heads never overlap, so their ends rise with their starts
        start, end = start - before, end + after
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((max(0, start), end))
    return merged


def _candidates(text: str, low: str) -> list[Candidate]:
    """Every rule match near its heads that passes its lexical check, modifiers joined."""
    heads = _heads(low)
    found: list[Candidate] = []
    for index, (name, pattern, spans) in enumerate(_COMPILED):
        if not any(kind in heads for kind in HEADS[name]):
            continue
        check = CHECKS.get(name)
        for w_start, w_end in _windows(name, heads):
            for m in pattern.finditer(low, w_start, w_end):
                if check is not None and not check(m, text):
                    continue
                start, end = next((m.span(g) for g in spans if m[g] is not None), m.span())
                if name in TAKES_MOD:
                    mod = PRE_MOD.search(low, max(0, start - _PRE_MOD_WINDOW), start)
                    start = mod.start() if mod else start
                if end > start:
                    found.append((start, end, index, m))
    return found


def _select(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates, longest first, then leftmost, then earlier rule."""
    candidates.sort(key=lambda c: (c[0] - c[1], c[0], c[2]))
    starts: list[int] = []
    ends: list[int] = []
    chosen: list[Candidate] = []
    for cand in candidates:
        start, end = cand[0], cand[1]
        i = bisect_left(starts, start)
        if (i > 0 and ends[i - 1] > start) or (i < len(starts) and starts[i] < end):
            continue
        starts.insert(i, start)
        ends.insert(i, end)
        chosen.insert(i, cand)
    return chosen


# --- lexical checks: a match that fails its rule's check is not a time expression -----------------

_PREFIXES: Final[frozenset[str]] = frozenset({"mid-", "pre-", "post-"})
_POSSESSIVES: Final[frozenset[str]] = frozenset("his her their its my our your whose".split())
_SEASON_LEADS: Final[frozenset[str]] = frozenset(
    "in into during by until till through over since for this last next early late".split()
)


def _capitalised(m: re.Match[str], name: str, text: str) -> bool:
    """Whether group ``name`` starts with a capital in the original ``text`` (or is absent)."""
    return group(m, name) is None or text[m.start(name)].isupper()


def check_month(m: re.Match[str], text: str) -> bool:
    """Month names are capitalised; "May"/"March" need a preposition or a relative word."""
    if not _capitalised(m, "month", text) or not _capitalised(m, "wd", text):
        return False
    word = m["month"].lower().rstrip(".")
    if word not in AMBIGUOUS_MONTHS or "day" in m.re.groupindex or "year" in m.re.groupindex:
        return True
    return bool(m["rel"] or group(m, "rely")) or word_before(text, m.start()) in MONTH_TRIGGERS


def check_year(m: re.Match[str], text: str) -> bool:
    """A 4-digit number is a year unless it counts something or names a model or route."""
    if m["yy"]:
        return True
    year = int(m["year"])
    before = word_before(text, m.start())
    if m["fiscal"]:
        return True
    if before in YEAR_BLOCKERS_BEFORE or before.endswith(("$", "#")) or before[-1:].isdigit():
        return False
    lead = text[max(0, m.start() - 1) : m.start()]
    if lead in ("$", "#", ".", ",", "/", "£", "€") or (lead == "-" and before not in _PREFIXES):
        return False
    if word_after(text, m.end()) in YEAR_BLOCKERS:
        return False
    return 1900 <= year <= 2099 or before in MONTH_TRIGGERS


def check_decade(m: re.Match[str], text: str) -> bool:
    """ "in their twenties" is an age, not a decade."""
    return not (
        m["word"] and word_before(text, m.start()) in _POSSESSIVES | {"early", "mid", "late"}
    )


def check_season(m: re.Match[str], text: str) -> bool:
    """ "fall" and bare season words are dates only after a preposition or a relative word."""
    rel = (m["rel"] or "").lower()
    if m["year"] or m["rely"] or rel not in ("", "the"):
        return m["season"].lower() != "fall" or rel != "" or bool(m["year"])
    if word_after(text, m.end()) in ("of", "in", "from", "season", "'s"):
        return False
    lead = word_before(text, m.start())
    if text[m.start("season")].isupper() and lead[:1].isupper():
        return False  # "Arab Spring", "Prague Spring"
    return lead in _SEASON_LEADS and (rel == "the" or m["season"].lower() != "fall")


def check_weekday(m: re.Match[str], text: str) -> bool:
    """Weekday names are capitalised in news; a lower-case "monday" is something else."""
    if m["dayref"] in ("today", "yesterday", "tomorrow", "tonight"):
        return True
    return _capitalised(m, "wd", text) and _capitalised(m, "dayref", text)


def check_duration(m: re.Match[str], text: str) -> bool:
    """Not an age ("45-year-old"), a fraction ("three-quarters"), a title ("60 Minutes"), nor
    "a second time" or "a quarter of"."""
    if m["old"] or (text[m.start("unit")].isupper() and not sentence_start(text, m)):
        return False
    num, unit = m["num"], m["unit"]
    if unit == "quarters" and text[m.start("unit") - 1] == "-":
        return False
    return not (num in ("a", "an") and unit in ("second", "quarter"))


def check_set(m: re.Match[str], text: str) -> bool:
    """Capitalised "Daily" is usually a newspaper's name; "quarterly" before a noun a payment."""
    if m["adv"] == "quarterly" and word_after(text, m.end())[:1].isalpha():
        return False  # "its quarterly dividend": a kind of payment, not a time
    return not (m["adv"] and text[m.start("adv")].isupper() and not sentence_start(text, m))


def check_quarter_ref(m: re.Match[str], text: str) -> bool:
    """ "the period" alone is too vague; it needs "latest", "year-earlier" and the like."""
    words = m.group().lower().split()
    return not (words[-1] == "period" and len(words) < 3)


def check_not_title(m: re.Match[str], text: str) -> bool:
    """Common words in Title Case mid-sentence name something ("This Week", "VOA Today")."""
    words = text[m.start() : m.end()].split()
    if not all(w[:1].isupper() for w in words) or sentence_start(text, m):
        return True
    return len(words) == 1 and not title_word_before(text, m.start())


def check_clock(m: re.Match[str], text: str) -> bool:
    """ "High Noon" is a film."""
    return group(m, "noon") is None or word_before(text, m.start()) != "high"


def check_capitalised(m: re.Match[str], text: str) -> bool:
    return text[m.start()].isupper() or text[m.start("h")].isupper()


def check_earlier(m: re.Match[str], text: str) -> bool:
    """ "Earlier," opening a sentence is a past reference; elsewhere it modifies something."""
    return text[m.start()].isupper()


CHECKS: Final[dict[str, Callable[[re.Match[str], str], bool]]] = {
    "month_day": check_month,
    "day_month": check_month,
    "month_year": check_month,
    "month": check_month,
    "year": check_year,
    "decade": check_decade,
    "season": check_season,
    "weekday": check_weekday,
    "duration": check_duration,
    "set": check_set,
    "quarter_ref": check_quarter_ref,
    "holiday": check_capitalised,
    "relative": check_not_title,
    "relday": check_not_title,
    "clock": check_clock,
    "earlier": check_earlier,
}

# --- tense ----------------------------------------------------------------------------------------

Cue = tuple[int, int, str]  # start, end, "past" | "future" | "report"
_ADJACENT: Final[int] = 12  # a reporting verb this close ("said Friday") governs the timex


class TenseIndex:
    """Tense cues of one text by sentence, found lazily: most sentences hold no timex."""

    def __init__(self, text: str, low: str, parsed: Parsed | None = None) -> None:
        self._text, self._low = text, low
        self._parsed: list[Cue] | None = None
        if parsed is not None and parsed.text == text:
            self.starts = tuple(s for s, _ in parsed.sentences) or (0,)
            self._parsed = _cues_from_parse(parsed)
        else:
            self.starts = (0, *(m.end() for m in SENTENCE_END.finditer(text)))
        self._cache: dict[int, list[Cue]] = {}

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """The sentence around ``[start, end)`` as character offsets."""
        i = max(0, bisect_right(self.starts, start) - 1)
        j = bisect_left(self.starts, max(end, self.starts[i] + 1))
        return self.starts[i], self.starts[j] if j < len(self.starts) else len(self._low)

    def _cues(self, s: int, e: int) -> list[Cue]:
        if s not in self._cache:
            if self._parsed is not None:
                lo = bisect_left(self._parsed, (s,))
                hi = bisect_left(self._parsed, (e,))
                self._cache[s] = self._parsed[lo:hi]
            else:
                self._cache[s] = _cues_from_words(self._text, self._low, s, e)
        return self._cache[s]

    def tense(self, start: int, end: int) -> Tense:
        """The tense of the nearest cue in the sentence, left first; None if there is none.

        A reporting verb counts as past; on the right it gives way to a later other cue
        unless it is right next to the expression ("Friday, officials said").
        """
        s, e = self.sentence(start, end)
        cues = self._cues(s, e)
        left = [c for c in cues if c[1] <= start]
        if left:
            return "future" if left[-1][2] == "future" else "past"
        right = [c for c in cues if c[0] >= end]
        for cue_start, _, kind in right:
            if kind != "report" or cue_start - end <= _ADJACENT:
                return "future" if kind == "future" else "past"
        return "past" if right else None


def _cues_from_words(text: str, low: str, start: int, end: int) -> list[Cue]:
    cues: list[Cue] = []
    for m in TENSE_CUES.finditer(low, start, end):
        kind = m.lastgroup or ""
        if kind == "none" or (kind == "past" and m.group() in NOT_PAST):
            continue
        if text[m.start()] == "M" and m.group().startswith("may"):
            continue  # the month, not the modal
        cues.append((m.start(), m.end(), kind))
    return cues


def _cues_from_parse(parsed: Parsed) -> list[Cue]:
    """Cues from PTB tags: MD "will" is future, VBD and a perfect VBN are past."""
    tokens = parsed.tokens
    cues: list[Cue] = []
    for k, t in enumerate(tokens):
        word = t.text.lower()
        after = tokens[k + 1].text.lower() if k + 1 < len(tokens) else ""
        if (t.tag == "MD" and word in FUTURE_MODALS) or (
            word in FUTURE_VERBS and after in ("to", "for")
        ):
            cues.append((t.start, t.end, "future"))
        elif t.tag == "VBD" and word in REPORTING_VERBS:
            cues.append((t.start, t.end, "report"))
        elif t.tag == "VBD" or (t.tag == "VBN" and _has_perfect(tokens, k)):
            cues.append((t.start, t.end, "past"))
    return cues


def _has_perfect(tokens: tuple[Token, ...], k: int) -> bool:
    """Whether a participle has a perfect "have" before it (not a passive after "will be")."""
    for j in range(k - 1, max(-1, k - 4), -1):
        if tokens[j].text.lower() in ("have", "has", "had", "'ve", "'d"):
            return True
        if tokens[j].tag == "MD":
            return False
    return False


# --- calendar start -------------------------------------------------------------------------------

_DAY: Final[re.Pattern[str]] = re.compile(r"(\d{4})-(\d\d)-(\d\d)(?:T(\d\d)(?::(\d\d))?)?")
_WEEK: Final[re.Pattern[str]] = re.compile(r"(\d{4})-W(\d\d)(-WE)?$")
_PERIOD: Final[re.Pattern[str]] = re.compile(r"(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI|\d\d)$")
_PERIOD_MONTH: Final[dict[str, int]] = {
    "Q1": 1, "Q2": 4, "Q3": 7, "Q4": 10, "H1": 1, "H2": 7, "SP": 3, "SU": 6, "FA": 9, "WI": 12,
}  # fmt: skip


def calendar_start(value: str) -> tuple[date | None, Precision | None]:
    """The first day a value names, and its precision when that is a calendar unit.

    Weeks, quarters, halves, seasons, decades and centuries get their first day but no
    precision, since ``Precision`` has no such unit.
    """
    if m := _DAY.match(value):
        first = date(int(m[1]), int(m[2]), int(m[3]))
        precision: Precision = "minute" if m[5] else "hour" if m[4] else "day"
        return first, precision
    if m := _WEEK.match(value):
        monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return (monday + timedelta(days=5) if m[3] else monday), None
    if m := _PERIOD.match(value):
        part = m[2]
        if part.isdigit():
            return date(int(m[1]), int(part), 1), "month"
        return date(int(m[1]), _PERIOD_MONTH[part], 1), None
    if re.fullmatch(r"\d{4}", value):
        return date(int(value), 1, 1), "year"
    if m := re.fullmatch(r"(\d{3})X|(\d\d)XX", value):
        return date(max(1, int(m[1]) * 10 if m[1] else int(m[2]) * 100), 1, 1), None
    return None, None
