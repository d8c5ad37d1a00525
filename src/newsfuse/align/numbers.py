"""Quantities in a claim: counts, measures and durations, normalised so outlets can be compared.

"six-day" and "6 days" are one duration; "almost week-long" (P1W) is another. Durations come
from the article's time expressions (already normalised TIMEX3-style); counts and measures
from digits and number words. Model names ("Su-35", "MiG-31", "Covid-19") and years are not
quantities: years are dates, handled by the time expressions.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from newsfuse.align.text import STOPWORDS, stem
from newsfuse.model import Article, Span, TimeExpression

_UNITS_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}  # fmt: skip
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_NUMBER = re.compile(
    r"(?<![\w.-])(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|(?:"
    + "|".join(sorted(_UNITS_WORDS, key=len, reverse=True))
    + r")\b)(?:\s+(?P<scale>thousand|million|billion|trillion|hundred))?"
    r"(?:\s+(?:more|extra|additional|further)\b(?!\s+than))?"
    r"(?:[\s-]*(?P<unit>%|per\s?cent|[A-Za-z]+))?",
    re.IGNORECASE,
)
_VAGUE_SCALE = 10.0  # "a few days" is comparable with up to ten days
_SCALE_RATIO = 10.0
_DAYS = {"D": 1.0, "W": 7.0, "M": 30.0, "Y": 365.0, "H": 1 / 24, "Q": 91.0}
_MORE = re.compile(r"\b(?:more|extra|additional|further)\b")
_MORE_THAN = re.compile(r"\bmore\s+than\b")
_ANOTHER = re.compile(r"\b(?:another|an? (?:additional|extra|further))\s*$")
_DURATION = re.compile(r"^P(?:T)?(\d+(?:\.\d+)?|X)([YMWDHQ])$")


@dataclass(frozen=True)
class Quantity:
    """A number with what it counts: ``key`` compares ("6 day"), ``text`` is as written."""

    value: float | None
    unit: str
    text: str
    span: Span
    increment: bool = False  # "a few more days", "another two weeks": added to something
    low: float | None = None  # the range a qualifier allows ("more than 10": 10 to inf)
    high: float | None = None

    @property
    def key(self) -> str:
        sign = "+" if self.increment else ""
        if self.value is None:
            return f"{sign}some {self.unit}"
        return f"{sign}{self.value:g} {self.unit}".strip()

    def differs(self, other: Quantity) -> bool:
        """Two quantities of one unit and scale that are not the same amount. Vague ("a few
        days") differs from exact ("week-long") only on the same scale; amounts ten times
        apart measure different things ("a few more days" vs "four years")."""
        if self.unit != other.unit or self.value == other.value:
            return False
        if self.increment != other.increment:
            return False  # "extended by a few more days" does not measure the whole trip
        values = [v for v in (self.value, other.value) if v is not None]
        if len(values) == 1:
            return values[0] <= _VAGUE_SCALE
        if self.overlaps(other):
            return False  # "11-day" and "more than 10 days", "almost week-long" and "six-day"
        return max(values) <= _SCALE_RATIO * max(min(values), 1e-9)

    def overlaps(self, other: Quantity) -> bool:
        """Whether the two amounts can be the same, given each one's qualifier."""
        lo_a, hi_a = self.bounds
        lo_b, hi_b = other.bounds
        return lo_a <= hi_b and lo_b <= hi_a

    @property
    def bounds(self) -> tuple[float, float]:
        value = self.value if self.value is not None else 0.0
        low = value if self.low is None else self.low
        high = value if self.high is None else self.high
        return low, high


def quantities(
    article: Article, start: int, end: int, timexes: Sequence[TimeExpression] | None = None
) -> list[Quantity]:
    """Durations (from time expressions) and counts in ``article.text[start:end]``;
    ``timexes``, when given, are the article's time expressions that start in that range."""
    found: list[Quantity] = []
    covered: list[Span] = []
    for timex in article.timexes if timexes is None else timexes:
        if timex.type == "DURATION" and start <= timex.span.start and timex.span.end <= end:
            found.append(_duration(timex.value, timex.text, timex.span))
            covered.append(timex.span)
    text = article.text
    for match in _NUMBER.finditer(text, start, end):
        if any(s.start <= match.start() < s.end for s in covered) or _is_code(text, match):
            continue
        value = _value(match.group("num"), match.group("scale"))
        if value is None:
            continue
        currency = text[max(0, match.start() - 1) : match.start()]
        unit = _CURRENCY[currency] if currency in _CURRENCY else _unit(match.group("unit"))
        if unit in _CLOCK or (match.group("num").isdigit() and 1800 <= value <= 2100):
            continue  # a year or a clock time: dates, which the time expressions handle
        unit_end = match.end() if unit and currency not in _CURRENCY else match.end("num")
        start = match.start()
        if currency in _CURRENCY:  # "$9 billion oil pipeline": the amount is money
            unit_end = match.end("scale") if match.group("scale") else match.end("num")
            start -= 1
        found.append(Quantity(value, unit, text[start:unit_end], Span(start, unit_end)))
    return sorted(
        (
            _bounded(text, replace(q, increment=_is_increment(text, q.span)))
            for q in found
            if not _PART.search(text, max(0, q.span.start - 16), q.span.start)
        ),
        key=lambda q: q.span.start,
    )


# "including nine children", "among them three": a count of part of a set another number
# counts; two parts of two sets do not conflict, so a part is not compared at all.
_PART = re.compile(r"\b(?:including|among them|among whom|of whom|of which)\s+$", re.IGNORECASE)


# A qualifier right before an amount and the range it allows, as factors of the amount.
_BOUNDS = (
    (("more than", "over", "at least", "upwards of", "in excess of"), 1.0, math.inf),
    (("almost", "nearly", "just under", "close to"), 0.8, 1.0),
    (("less than", "fewer than", "under", "up to", "at most", "no more than"), 0.0, 1.0),
    (("about", "around", "roughly", "some", "approximately", "an estimated", "estimated"),
     0.85, 1.15),
)  # fmt: skip
_QUALIFIER = re.compile(
    r"\b(?P<q>" + "|".join(re.escape(q) for qs, _, _ in _BOUNDS for q in qs) + r")\s+(?:an?\s+)?$",
    re.IGNORECASE,
)


_LEADING = re.compile(
    r"(?P<q>" + "|".join(re.escape(q) for qs, _, _ in _BOUNDS for q in qs) + r")\s+", re.IGNORECASE
)


def _bounded(text: str, q: Quantity) -> Quantity:
    """The amount's range from a qualifier before it: "more than 10 days" is 10 or more."""
    if q.value is None:
        return q
    match = _QUALIFIER.search(text, max(0, q.span.start - 24), q.span.start) or _LEADING.match(
        q.text
    )  # a duration's time expression may hold its qualifier ("almost week-long")
    if match is None:
        return q
    word = match.group("q").lower()
    for qualifiers, low, high in _BOUNDS:
        if word in qualifiers:
            return replace(q, low=q.value * low, high=q.value * high)
    return q


def _is_increment(text: str, span: Span) -> bool:
    """ "a few more days", "two extra weeks", "another three days": an amount added to
    another, which says nothing about the total ("more than 100" is a bound, not this)."""
    inside = text[span.start : span.end].lower()
    after = text[span.end : span.end + 6].lower()
    before = text[max(0, span.start - 16) : span.start].lower()
    if _MORE.search(inside) and not (inside.rstrip().endswith("more") and "than" in after):
        return not _MORE_THAN.search(inside)
    return bool(_ANOTHER.search(before))


def _duration(value: str, text: str, span: Span) -> Quantity:
    """A TIMEX3 duration in days: "P6D" -> 6 days, "P1W" -> 7, "PXD" -> some days."""
    match = _DURATION.match(value)
    if match is None:
        return Quantity(None, "duration", text, span)
    amount, unit = match.groups()
    if amount == "X":
        return Quantity(None, "day", text, span)
    return Quantity(round(float(amount) * _DAYS[unit], 2), "day", text, span)


def _is_code(text: str, match: re.Match[str]) -> bool:
    """ "Su-35", "Tu-160", "Covid-19", "G20": letters joined to the digits name a thing."""
    before = text[max(0, match.start() - 2) : match.start()]
    return bool(re.search(r"[A-Za-z]-?$", before)) and match.group("num")[0].isdigit()


def _value(num: str, scale: str | None) -> float | None:
    word = num.lower()
    if word in _UNITS_WORDS:
        value = float(_UNITS_WORDS[word])
    else:
        try:
            value = float(num.replace(",", ""))
        except ValueError:
            return None
    if scale:
        value *= _SCALES.get(scale.lower(), 100.0)
    return value


_CURRENCY = {"$": "dollar", "£": "pound", "€": "euro", "¥": "yen"}
_CLOCK = frozenset({"am", "pm", "s"})
_NOT_UNITS = frozenset("a an the and or of to in on at by for with from as is are was were".split())


def _unit(word: str | None) -> str:
    if not word:
        return ""
    word = word.lower()
    if word in {"%", "percent", "per cent"}:
        return "percent"
    if word in _NOT_UNITS or word in STOPWORDS:
        return ""  # "$760 million so far": a number of nothing named
    return stem(word)
