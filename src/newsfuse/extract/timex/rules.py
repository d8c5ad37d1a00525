"""Lexical tables and patterns for time expressions, kept as data so rules can be read and tuned.

Each ``RULES`` entry names a handler in ``resolve`` and a pattern, which runs on the
lower-cased text. A pattern may mark the words that form the expression with a group named in
``SPAN_GROUPS`` when it also matches context (the span is then that group); handlers read the
other named groups. Patterns are compiled once, at import.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

MONTHS: Final[dict[str, int]] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS: Final[dict[str, int]] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
SMALL_NUMBERS: Final[dict[str, int]] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "a": 1, "an": 1, "single": 1, "dozen": 12, "a dozen": 12,
    "a couple of": 2, "couple of": 2, "a couple": 2, "a hundred": 100, "one hundred": 100,
    "hundred": 100,
}  # fmt: skip
TENS: Final[dict[str, int]] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
ORDINALS: Final[dict[str, int]] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
    "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
    "final": 4, "last": 4,
}  # fmt: skip
# Counts that stand for "some number of": the TIMEX3 value gets an X (PXY).
VAGUE_NUMBERS: Final[frozenset[str]] = frozenset(
    {"a few", "few", "several", "some", "many", "a number of", "numerous"}
)
# Unit word -> (TIMEX3 designator, multiplier, is a time-of-day unit).
UNITS: Final[dict[str, tuple[str, int, bool]]] = {
    "second": ("S", 1, True), "minute": ("M", 1, True), "hour": ("H", 1, True),
    "day": ("D", 1, False), "night": ("D", 1, False), "week": ("W", 1, False),
    "fortnight": ("W", 2, False), "month": ("M", 1, False), "quarter": ("Q", 1, False),
    "year": ("Y", 1, False), "decade": ("Y", 10, False), "century": ("Y", 100, False),
}  # fmt: skip
# One step down, to write "a year and a half" as P18M.
SMALLER_UNIT: Final[dict[str, tuple[str, int]]] = {
    "Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("M", 60),
    "Q": ("M", 3),
}  # fmt: skip
DECADE_WORDS: Final[dict[str, int]] = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}  # fmt: skip
SEASONS: Final[dict[str, str]] = {
    "spring": "SP",
    "summer": "SU",
    "fall": "FA",
    "autumn": "FA",
    "winter": "WI",
}
SEASON_START_MONTH: Final[dict[str, int]] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
PARTS_OF_DAY: Final[dict[str, str]] = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "tonight": "NI",
    "overnight": "NI",
}
SET_ADVERBS: Final[dict[str, str]] = {
    "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y",
    "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W", "bimonthly": "P2M",
    "semiannually": "P6M", "quarterly": "P3M",
}  # fmt: skip
REFERENCES: Final[dict[str, str]] = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "just now": "PRESENT_REF",
    "currently": "PRESENT_REF", "current": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF", "at present": "PRESENT_REF", "the time being": "PRESENT_REF",
    "recently": "PAST_REF", "recent": "PAST_REF", "more recently": "PAST_REF",
    "lately": "PAST_REF", "the past": "PAST_REF", "earlier": "PAST_REF",
    "the future": "FUTURE_REF", "the near future": "FUTURE_REF",
    "the distant future": "FUTURE_REF", "the near term": "FUTURE_REF",
    "the long term": "FUTURE_REF", "the short term": "FUTURE_REF",
}  # fmt: skip
# Vague adverbs ("previously", "soon", "shortly", "future" as an adjective) are left out:
# TimeML annotators mark them too rarely for tagging them to pay.
# Fixed-date holidays (month, day) and those defined by the n-th weekday of a month.
FIXED_HOLIDAYS: Final[dict[str, tuple[int, int]]] = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new year's day": (1, 1), "new year's eve": (12, 31), "new year's": (1, 1),
    "halloween": (10, 31), "valentine's day": (2, 14), "independence day": (7, 4),
    "the fourth of july": (7, 4), "veterans day": (11, 11), "boxing day": (12, 26),
}  # fmt: skip
# name -> (month, weekday, n): n-th weekday of the month, n=-1 for the last one.
NTH_WEEKDAY_HOLIDAYS: Final[dict[str, tuple[int, int, int]]] = {
    "thanksgiving": (11, 3, 4), "thanksgiving day": (11, 3, 4), "labor day": (9, 0, 1),
    "memorial day": (5, 0, -1), "martin luther king day": (1, 0, 3),
}  # fmt: skip
TIMEZONES_UTC: Final[frozenset[str]] = frozenset({"utc", "gmt", "z"})

# --- pattern fragments ----------------------------------------------------------------------------


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first so that the longest one wins."""
    items = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


_MONTH_FULL = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
)
_MONTH_ABBR = r"(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
MONTH = rf"(?P<month>(?:{_MONTH_FULL})(?![a-z])|{_MONTH_ABBR}(?![a-z]))"
MONTH_FULL = rf"(?P<month>(?:{_MONTH_FULL})(?![a-z])|(?:jan|feb|aug|sept|oct|nov|dec)\.)"
DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d|[,.]\d|\s*%)"
YEAR = r"(?P<year>(?:1[0-9]|20)\d\d)(?![\d%]|[,.]\d|-\d)"
WEEKDAY = rf"(?P<wd>{_alt(WEEKDAYS)})"
PART = r"(?P<part>morning|afternoon|evening|night)"
_NUM_WORD = (
    rf"(?:{_alt(TENS)})(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine)(?![a-z]))?"
    rf"|{_alt(k for k in SMALL_NUMBERS if k not in ('a', 'an'))}"
)
NUM = (
    r"(?P<num>\d+(?:\.\d+)?(?:\s+1/2)?"
    rf"|(?:{_NUM_WORD})(?:\s+and\s+a\s+half)?"
    rf"|{_alt(VAGUE_NUMBERS)}"
    r"|an?(?:\s+and\s+a\s+half)?|half\s+an?|a\s+half)"
)
UNIT = (
    r"(?P<unit>seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?"
    r"|years?|decades?|century|centuries)(?![a-z])"
)
_UNIT_ADJ = (
    r"(?:(?:more|additional|straight|consecutive|full|long|short|trading|business|working"
    r"|calendar|separate|further|extra|whole|entire|successive|fiscal|turbulent|tumultuous"
    r"|difficult|busy|grueling|gruelling|intensive|tough|hard)\s+)*"
)
_DUR_PREFIX = (
    r"(?:(?:about|around|approximately|roughly|nearly|almost|some|at\s+least|at\s+most"
    r"|more\s+than|less\s+than|fewer\s+than|over|under|up\s+to|within|just|only|barely"
    r"|well\s+over|another|the\s+(?:past|last|next|first|previous|following|coming|final"
    r"|remaining|initial|latest|same|entire|full|whole|first|recent|preceding|ensuing)"
    r"|past|last|next|first|final)\s+)*"
)
_TZ = r"(?P<tz>utc|gmt|est|edt|cst|cdt|mst|mdt|pst|pdt|bst|cet|cest|local\s+time)(?![a-z])"
_DAYREF = rf"(?P<dayref>{_alt(WEEKDAYS)}|today|yesterday|tomorrow|tonight)"
_MOD = r"early|late|earlier|later|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of"

# Words before a bare "May" or "March" that make it the month (not the modal or the verb).
MONTH_TRIGGERS: Final[frozenset[str]] = frozenset(
    "in since until till by from to through of early late mid mid- last next this during "
    "before after between and or since around on until the end beginning start".split()
)
AMBIGUOUS_MONTHS: Final[frozenset[str]] = frozenset({"may", "march", "mar", "jun", "sep"})
# Words after a 4-digit number that make it a count, not a year.
YEAR_BLOCKERS: Final[frozenset[str]] = frozenset(
    "percent per shares people members units pounds tons tonnes barrels feet foot meters metres "
    "miles km kilometers kilometres points yen dollars euros cars vehicles employees jobs workers "
    "troops soldiers seats acres hectares students votes homes houses cases deaths patients "
    "passengers planes aircraft ships rooms beds kg pages words times stores companies "
    "residents refugees prisoners delegates children women men jets hours minutes index".split()
)
# Words before a 4-digit number that make it a count or a name, not a year.
YEAR_BLOCKERS_BEFORE: Final[frozenset[str]] = frozenset(
    "$ # no. number route flight model version windows boeing airbus pp. page vol. about "
    "some nearly almost over approximately roughly".split()
)


SPAN_GROUPS: Final[tuple[str, ...]] = ("t", "t2", "t6")


def _c(pattern: str) -> re.Pattern[str]:
    """Patterns run on lower-cased text: case-sensitive matching keeps the prefix scan fast."""
    return re.compile(pattern)


# name of handler -> pattern. Order matters only among equally long matches (earlier wins).
RULES: Final[tuple[tuple[str, re.Pattern[str]], ...]] = (
    (
        "iso",
        _c(
            r"\b(?P<year>(?:19|20)\d\d)-(?P<month>0[1-9]|1[0-2])-(?P<day>[0-2]\d|3[01])"
            r"(?:[T\s](?P<hour>[01]\d|2[0-3]):(?P<minute>[0-5]\d))?(?![\d-])"
        ),
    ),
    (
        "slash",
        _c(
            r"(?<![\d/.])(?P<month>0?[1-9]|1[0-2])/(?P<day>0?[1-9]|[12]\d|3[01])"
            r"/(?P<year>\d\d(?:\d\d)?)(?![\d/])"
        ),
    ),
    (
        "month_day",
        _c(
            rf"\b(?:{WEEKDAY}(?:,\s*|\s+))?(?:(?P<rel>last|this|next|the)\s+)?{MONTH}\s+{DAY}"
            rf"(?:(?:,\s*|\s+){YEAR})?"
        ),
    ),
    (
        "day_month",
        _c(
            rf"\b(?:{WEEKDAY}(?:,\s*|\s+))?(?:the\s+)?{DAY}(?:\s+of)?\s+{MONTH}"
            rf"(?:,?\s+{YEAR})?"
        ),
    ),
    ("month_year", _c(rf"\b{MONTH}(?:\s+of)?,?\s+{YEAR}")),
    (
        "month",
        _c(
            rf"\b(?:(?P<rel>last|this|next|past|coming)\s+)?{MONTH_FULL}"
            r"(?:(?:\s+of)?\s+(?P<rely>last|this|next)\s+year)?"
        ),
    ),
    (
        "year",
        _c(
            r"\b(?:(?P<fiscal>fiscal(?:\s+year)?|calendar(?:\s+year)?|(?:the\s+)?year|fy)\s*)?"
            rf"{YEAR}(?![-/]\d|'s?\b\s*\d)"
            r"|\b(?:since|in|of|from|until|by)\s+(?P<t>'(?P<yy>\d\d))(?![\w'])"
        ),
    ),
    (
        "decade",
        _c(
            r"\b(?:the\s+)?(?:(?P<y>(?:1[0-9]|20)\d)0'?s|'(?P<yy>\d)0'?s"
            rf"|(?P<word>{_alt(DECADE_WORDS)}))(?![a-z])"
        ),
    ),
    (
        "century",
        _c(
            r"\b(?:the\s+)?(?:(?P<n>\d{1,2})(?:st|nd|rd|th)"
            rf"|(?P<ord>{_alt(k for k in ORDINALS if k not in ('final', 'last'))}))"
            r"[\s-]+century"
            r"|\b(?P<rel>this|last|next|the\s+(?:past|last|previous|current|next))\s+century"
        ),
    ),
    (
        "quarter",
        _c(
            r"\b(?P<pre>(?:(?:the|its|their|a|this\s+year's|last\s+year's|next\s+year's"
            r"|(?:19|20)\d\d|fiscal|same|year-earlier|year-ago|comparable|corresponding"
            r"|latest|current|seasonally|slow|weak|strong|flat|traditionally)\s+)*)"
            r"(?:fiscal[\s-]+)?(?P<q>first|second|third|fourth|final|1st|2nd|3rd|4th)"
            r"[\s-]+(?:fiscal[\s-]+)?quarters?(?![a-z-])"
            r"(?:(?:\s+of|,)\s+(?:fiscal\s+)?(?:(?P<year>(?:19|20)\d\d)(?!\d)"
            r"|(?P<rely>this|last|next)\s+year)|\s+(?P<year2>(?:19|20)\d\d)(?!\d))?"
        ),
    ),
    (
        "quarter_ref",
        _c(
            r"\bthe\s+(?:same|corresponding|comparable)\s+(?:period|quarter|month)\s+(?:a\s+year"
            r"\s+(?:ago|earlier)|last\s+year|of\s+(?:the\s+)?(?:last|previous)\s+year)"
            r"|\b(?:(?:the|this|that|its|their)\s+(?:(?:latest|current|recent|most\s+recent"
            r"|comparable|same|fiscal|year-earlier|year-ago|just-ended|just\s+ended"
            r"|(?P<y>(?:19|20)\d\d)|previous|prior|past|last|first|year-before)\s+)*"
            r"(?:quarter|period)(?![a-z-])(?:\s+a\s+year\s+(?P<ago>ago|earlier))?"
            r"|(?:the\s+)?year-(?:earlier|ago)(?:\s+(?:quarter|period|level|results))?"
            r"|last\s+year's\s+(?:quarter|period))"
        ),
    ),
    (
        "half",
        _c(
            r"\b(?:the\s+)?(?P<h>first|second|latter|last|final)[\s-]+half(?![a-z])"
            r"(?:\s+of\s+(?:(?:fiscal\s+)?(?P<year>(?:19|20)\d\d)(?!\d)"
            r"|(?P<rely>this|last|next)\s+year|the\s+year))?"
        ),
    ),
    (
        "season",
        _c(
            r"\b(?:(?P<rel>last|this|next|past|coming|early|late|the|this\s+past)\s+)?"
            r"(?P<season>spring|summer|fall|autumn|winter)(?![a-z-])"
            r"(?:\s+(?:of\s+)?(?:(?P<year>(?:19|20)\d\d)(?!\d)|(?P<rely>this|last|next)\s+year))?"
        ),
    ),
    (
        "relday",
        _c(
            r"\b(?:the\s+day\s+(?P<ba>before|after)\s+)?(?P<w>today|yesterday|tomorrow|tonight)"
            rf"(?:'s)?(?:\s+{PART})?"
            r"|\b(?P<w2>this|last|tomorrow|yesterday)\s+(?P<part2>morning|afternoon|evening|night)"
        ),
    ),
    (
        "weekday",
        _c(
            r"\b(?:(?P<rel>last|this|next|past|coming|each|every)\s+)?"
            rf"{WEEKDAY}(?P<plural>s)?(?P<poss>'s)?(?![a-z])(?:\s+{PART}(?P<plural2>s)?)?"
            rf"|\b(?:the\s+)?(?P<part2>morning|afternoon|evening|night)\s+of\s+{_DAYREF}"
        ),
    ),
    (
        "clock",
        _c(
            r"\b(?P<hour>[01]?\d|2[0-3])(?:[:.](?P<minute>[0-5]\d))?\s*"
            r"(?P<ampm>a\.m\.?|p\.m\.?|am|pm)(?![a-z])"
            rf"(?:\s+\(?{_TZ}\)?)?(?:(?:,?\s+(?:on\s+)?|\s+)(?:{_DAYREF}(?![a-z])|{MONTH}\s+{DAY}))?"
        ),
    ),
    ("clock", _c(rf"\b(?P<noon>noon|midday|midnight)(?:\s+(?:on\s+)?{_DAYREF}(?![a-z]))?")),
    (
        "clock",
        _c(
            r"\b(?P<h24>[01]\d|2[0-3]):(?P<m24>[0-5]\d)(?![\d:])"
            rf"(?:\s+{_TZ})?(?:\s+{_DAYREF}(?![a-z])|(?=,?\s+{MONTH}\s+{DAY})|)"
        ),
    ),
    ("clock", _c(r"\b(?P<mil>[01]\d|2[0-3])(?P<milm>[0-5]\d)\s+(?P<tz>utc|gmt)\b")),
    (
        "clock",
        _c(
            r"\b(?P<oclock>[01]?\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
            r"|twelve)\s+o'clock"
        ),
    ),
    (
        "ago",
        _c(
            rf"\b{_DUR_PREFIX}{NUM}[\s-]+{_UNIT_ADJ}{UNIT}"
            r"\s+(?P<dir>ago|from\s+now|hence|back|earlier|later)(?![a-z])"
            r"|\b(?P<vague>(?:just\s+|only\s+)?(?:days|weeks|months|years|decades))\s+(?P<dir2>ago)\b"
        ),
    ),
    (
        "duration",
        _c(
            rf"\b(?P<t>{_DUR_PREFIX}{NUM}(?:\s+(?:or|to|-)\s+(?P<num2>\d+|{_NUM_WORD}))?"
            rf"[\s-]+{_UNIT_ADJ}{UNIT}(?P<half>\s+and\s+a\s+half)?"
            r"(?P<long>-long|\s+long(?!\s+(?:as|before|after)))?)"
            r"(?P<old>[\s-]+old)?"
        ),
    ),
    (
        "long",
        _c(r"\b(?P<unit>days?|weeks?|months?|years?|decades?|hours?|minutes?|nights?)-long\b"),
    ),
    (
        "vague_units",
        _c(
            r"\b(?:for|within|over\s+the|in\s+the\s+(?:past|last|next)"
            r"|the\s+(?:past|last|next)|in|after)\s+(?:(?:just|only|mere)\s+)?"
            r"(?P<t>(?P<unit>seconds|minutes|hours|days|weeks|months|years|decades|centuries))"
            r"(?![a-z-])"
            r"|\bthe\s+(?P<t2>(?P<unit2>days|weeks|months|years)\s+(?:before|after|ahead"
            r"|that\s+followed|following|leading\s+up))\b"
            r"|\b(?P<ref>(?P<refword>recent|past|coming|(?:the\s+)?coming)\s+(?:days|weeks|months"
            r"|years|decades|quarters))(?![a-z-])"
        ),
    ),
    (
        "set",
        _c(
            r"\b(?P<q>every|each|per)\s+(?P<other>other\s+)?(?:(?P<unit>second|minute|hour"
            r"|day|night|week|month|quarter|year|decade)(?![a-z])"
            rf"|{WEEKDAY}(?![a-z])|{MONTH_FULL}|{PART}(?![a-z]))"
            r"|\b(?P<adv>daily|weekly|monthly|yearly|annually|hourly|nightly|biweekly"
            r"|bimonthly|semiannually|quarterly)(?![a-z])"
        ),
    ),
    (
        "relative",
        _c(
            rf"\b(?:(?P<mod>{_MOD})\s+)?(?:(?P<rel>last|this|next|past|previous|coming|current"
            r"|following|same|that|preceding|prior|the\s+(?:past|last|previous|coming|current"
            r"|following|same|next|preceding|prior|present))\s+)(?:(?:fiscal|calendar)\s+)?"
            r"(?P<unit>week(?:end)?|month|year|decade|quarter)(?![a-z-])"
            rf"|\b(?P<mod2>{_MOD})\s+(?P<the>the)\s+(?P<unit2>week|month|year|decade|day)\b"
            r"|\b(?P<mod3>early|earlier|late|later)\s+in\s+the\s+(?P<unit3>day|week|month|year)\b"
            r"|\b(?P<lead>over|during|for|of|in|throughout|into|ahead\s+of)\s+(?P<t>the\s+"
            r"(?:(?:full|fiscal|current|calendar|entire|whole)\s+)?(?P<unit4>year|week(?:end)?))\b"
            r"(?P<ended>\s+(?:ended|ending|to|through))?"
            r"|\b(?P<t5>(?:(?:around|by|at|until|since)\s+)?(?:the\s+)?year(?:-|\s+|'s\s+)end)\b"
            r"|\b(?:end|ended|ending|finish|finished|finishing|closed?|closing|for)\s+"
            r"(?P<t6>the\s+day)\b"
        ),
    ),
    (
        "ref",
        _c(
            r"\b(?P<t>right\s+now|just\s+now|now|currently|current|nowadays|these\s+days"
            r"|at\s+present|(?:for\s+)?the\s+time\s+being|(?:more\s+)?recently|recent|lately"
            r"|(?:in\s+)?the\s+past|(?:in\s+)?the\s+(?:near\s+|distant\s+)?future"
            r"|(?:in\s+|over\s+)?the\s+(?:near|long|short)\s+term)(?![a-z-])"
        ),
    ),
    ("earlier", _c(r"\bearlier(?=,)")),
    (
        "spelled_year",
        _c(
            r"\b(?:the\s+year\s+)?(?P<c>nineteen|eighteen)[\s-]+"
            rf"(?P<rest>(?:{_alt(TENS)})(?:[\s-]+(?:one|two|three|four|five|six|seven|eight"
            r"|nine)(?![a-z]))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
            r"|eighteen|nineteen|hundred)(?![a-z])"
            r"|\bthe\s+year\s+two\s+thousand(?:\s+and\s+(?P<r2>one|two|three|four|five|six"
            r"|seven|eight|nine|ten))?"
        ),
    ),
    (
        "anaphor_day",
        _c(
            rf"\b(?:(?P<mod>{_MOD})\s+)?(?:that\s+(?:same\s+)?|the\s+same\s+"
            r"|the\s+(?P<rel>next|following|previous|preceding|prior)\s+)"
            r"(?P<unit>day|morning|afternoon|evening|night)(?![a-z])"
            r"|\bthe\s+day\s+(?P<ba>before|after)(?![a-z\s]*(?:yesterday|tomorrow))"
        ),
    ),
    (
        "holiday",
        _c(
            r"\b(?:(?P<rel>last|this|next)\s+)?"
            rf"(?P<h>{_alt(list(FIXED_HOLIDAYS) + list(NTH_WEEKDAY_HOLIDAYS))}"
            r"|easter(?:\s+sunday)?|good\s+friday|election\s+day)(?![a-z])"
            rf"(?:\s+{YEAR})?"
        ),
    ),
)

# --- tense cues (on lower-cased text) -------------------------------------------------------------

_IRREGULAR_PAST = (
    "was were had did made took came went got gave found left met began saw held fell rose won "
    "lost sold bought paid brought thought sent spent built led ran struck became knew wrote "
    "spoke broke chose drove flew fought forgot froze grew hid hung kept laid meant rode rang "
    "sang sank shook shot slid stood stole stuck swore swept swam taught tore threw understood "
    "woke wore withdrew sought caught dealt felt fled heard sat slept spun overtook undertook "
    "ago yesterday"
)
_REPORTING = "said told added announced reported stated claimed noted explained insisted"
# Words in -ed that are not past-tense verbs, or are adjectives more often than not.
NOT_PAST: Final[frozenset[str]] = frozenset(
    "need speed seed feed bed shed red bred embed exceed proceed succeed hundred indeed united "
    "limited based proposed unexpected unprecedented detailed advanced related interested "
    "concerned skilled talented wicked naked sacred ragged rugged breed creed greed heed weed "
    "steed deed reed tweed freed expected scheduled planned alleged armed sophisticated "
    "experienced qualified renewed increased reduced revised combined estimated projected "
    "anticipated".split()
)
TENSE_CUES: Final[re.Pattern[str]] = re.compile(
    r"\b(?P<future>(?:will|won't|shall|would|wouldn't|could|might|may|must|should|can|cannot"
    r"|going\s+to|gonna|(?:is|are|was|were)\s+(?:due|set|scheduled|expected|slated|poised|to)"
    r"|expects?\s+to|expected\s+to|expecting\s+to|scheduled|slated\s+(?:to|for)|set\s+to"
    r"|poised\s+to|plans?\s+to|planning\s+to|intends?\s+to|aims?\s+to|hopes?\s+to"
    r"|due\s+to\s+(?:be|begin|start|arrive|meet|open|close|resume|take|hold|visit|end|return"
    r"|vote|release|leave|hear|decide|announce|report)|as\s+(?:soon|early)\s+as"
    r"|upcoming|next|tomorrow)(?:\s+not)?(?:\s+(?:be|have\s+been))?(?:\s+[a-z]+ed)?"
    r"|'ll|'d)\b"
    r"|\b(?P<none>(?:be|being|been)\s+[a-z]+|(?:is|are|am|to|get|gets)\s+[a-z]+ed)\b"
    rf"|\b(?P<report>{'|'.join(_REPORTING.split())})\b"
    r"|\b(?P<past>(?:has|have|had)(?=\s+(?:not\s+)?(?!to\b|a\b|an\b|the\b|no\b)[a-z])"
    rf"|{'|'.join(_IRREGULAR_PAST.split())}|[a-z]{{2,}}ed)\b"
)
FUTURE_MODALS: Final[frozenset[str]] = frozenset("will wo shall 'll would could might may".split())
# Verbs that point ahead when "to" or "for" follows ("expected to", "scheduled for").
FUTURE_VERBS: Final[frozenset[str]] = frozenset(
    "expect expects expected expecting schedule schedules scheduled plan plans planning intend "
    "intends intended aim aims slated set due hope hopes going poised".split()
)
REPORTING_VERBS: Final[frozenset[str]] = frozenset(_REPORTING.split())

# Each rule runs only near its head words (one cheap scan finds them all), since a full scan
# of every pattern over the text costs far more than the matching itself.
HEAD_WORDS: Final[dict[str, str]] = {
    "month": f"{_MONTH_FULL.replace('|', ' ')} jan feb mar apr jun jul aug sept sep oct nov dec",
    "weekday": " ".join(WEEKDAYS),
    "relday": "today yesterday tomorrow tonight",
    "part": "morning afternoon evening night",
    "quarter": "quarter period half",
    "unit": "second minute hour day week fortnight month year decade centur",
    "season": "spring summer fall autumn winter",
    "ref": "now current recent lately past future term time present earlier these",
    "setword": " ".join(SET_ADVERBS),
    "clock": "noon midday midnight",
    "decade": " ".join(DECADE_WORDS),
    "spelled": "nineteen eighteen thousand",
    "holiday": "christmas thanksgiving halloween valentine independence easter election "
    "veterans boxing luther labor memorial good new",
}  # fmt: skip
HEAD_KIND: Final[dict[str, str]] = {w: k for k, ws in HEAD_WORDS.items() for w in ws.split()}


_Trie = dict[str, "_Trie"]


def _trie(words: list[str]) -> str:
    """A regex matching any of ``words``, factored by prefix so a scan stays fast."""
    root: _Trie = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: _Trie) -> str:
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else f"(?:{'|'.join(alts)})"
        return f"(?:{body})?" if "" in node else body

    return build(root)


HEAD: Final[re.Pattern[str]] = re.compile(r"\d+|" + _trie(list(HEAD_KIND)))
HEADS: Final[dict[str, tuple[str, ...]]] = {
    "iso": ("digit",), "slash": ("digit",), "month_day": ("month",), "day_month": ("month",),
    "month_year": ("month",), "month": ("month",), "year": ("digit",),
    "decade": ("digit", "decade"), "century": ("unit",), "quarter": ("quarter",),
    "quarter_ref": ("quarter", "unit"), "half": ("quarter",), "season": ("season",),
    "relday": ("relday", "part"), "weekday": ("weekday", "part"), "clock": ("digit", "clock"),
    "ago": ("unit", "quarter"), "duration": ("unit", "quarter"), "long": ("unit",),
    "vague_units": ("unit", "quarter"), "set": ("unit", "quarter", "setword", "month", "part"),
    "relative": ("unit", "quarter"), "ref": ("ref",), "earlier": ("ref",),
    "spelled_year": ("spelled",), "anaphor_day": ("unit", "part"), "holiday": ("holiday",),
}  # fmt: skip
# How far before a head word a rule's match may start, and after it end (characters).
REACH: Final[dict[str, tuple[int, int]]] = {
    "iso": (0, 20), "slash": (0, 12), "month_day": (24, 16), "day_month": (34, 18),
    "month_year": (0, 16), "month": (8, 18), "year": (18, 6), "decade": (6, 8),
    "century": (28, 8), "quarter": (60, 22), "quarter_ref": (60, 36), "half": (16, 26),
    "season": (12, 18), "relday": (16, 12), "weekday": (16, 24), "clock": (0, 44),
    "ago": (70, 30), "duration": (70, 30), "long": (0, 8), "vague_units": (18, 30),
    "set": (14, 14), "relative": (50, 30), "ref": (22, 12), "earlier": (0, 8),
    "spelled_year": (20, 24), "anaphor_day": (32, 8), "holiday": (6, 24),
}  # fmt: skip

# A modifier just before a date ("early", "late", "the end of") joins its span; the value
# stays (TIMEX3 keeps it in the separate ``mod`` attribute).
PRE_MOD: Final[re.Pattern[str]] = re.compile(
    r"(?:\b(?:the\s+)?(?:very\s+)?(?:early|late|earlier|later|mid|the\s+(?:end|beginning|start"
    r"|middle|close|turn)\s+of|(?:end|start|beginning)\s+of)[\s-]*)$"
)
SENTENCE_END: Final[re.Pattern[str]] = re.compile(r"[.!?]+[\"'’”)\]]*\s+(?=[\"'“‘`(\[]*[A-Z])|\n")

# --- lexical helpers, shared by the checks and the handlers ---------------------------------------

_WORD_BEFORE: Final[re.Pattern[str]] = re.compile(r"([\w.$#£€'-]+)\s*$")
_WORD_AFTER: Final[re.Pattern[str]] = re.compile(r"\s*([\w%'-]+)")
_RATE_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"(?:\b(?:once|twice|thrice|times|per|cents|percent|dollars|million|billion|each|apiece)"
    r"|\d%?|[$£€]\S*|\b[a-z]{3,}[^s\W]s)\s+$",
    re.IGNORECASE,
)


def word_before(text: str, pos: int) -> str:
    m = _WORD_BEFORE.search(text, max(0, pos - 30), pos)
    return m.group(1).lower() if m else ""


def word_after(text: str, pos: int) -> str:
    m = _WORD_AFTER.match(text, pos)
    return m.group(1).lower() if m else ""


def is_rate_context(text: str, pos: int) -> bool:
    """Whether "a year" at ``pos`` is a rate ("twice a year", "$5 million a year"): a SET."""
    return _RATE_BEFORE.search(text, max(0, pos - 30), pos) is not None


def group(m: re.Match[str], name: str) -> str | None:
    """A named group's text, or None when the pattern lacks it or it did not take part."""
    return m.group(name) if name in m.re.groupindex else None


def sentence_start(text: str, m: re.Match[str]) -> bool:
    """Whether the match opens a sentence (only spaces or nothing after a full stop before)."""
    lead = text[max(0, m.start() - 4) : m.start()].rstrip()
    return not lead or lead[-1] in ".!?\n\"'`"


def title_word_before(text: str, pos: int) -> bool:
    """Whether a capitalised word that does not open the sentence stands just before ``pos``."""
    m = _WORD_BEFORE.search(text, max(0, pos - 30), pos)
    if m is None or not m.group(1)[:1].isupper():
        return False
    return not sentence_start(text, m)


# Rules whose span may take a modifier in front ("early", "late", "the end of").
TAKES_MOD: Final[frozenset[str]] = frozenset(
    "month_day day_month month_year month year decade century quarter half season relday "
    "weekday holiday spelled_year".split()
)
