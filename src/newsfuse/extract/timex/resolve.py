"""Normalise matched time expressions to TIMEX3 values, relative to the publication date (DCT).

Two things decide an underspecified expression: the DCT and the tense around it (found by
``find.TenseIndex``). A bare month-day or month keeps the DCT's year unless the tense points
clearly across a year boundary (two months, or sixty days, away on the wrong side); a bare
weekday lies within the week before the DCT, or after it under a future cue.

Anaphoric expressions ("the quarter", "a year earlier", "that day") resolve against what the
text mentioned last, kept in a per-call ``Context``; relative ones ("last week") against the DCT.
Without a DCT, values keep X for what cannot be known ("XXXX-09-13", "XXXX-WXX-5").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Final, Literal

from newsfuse.extract.timex.rules import (
    DECADE_WORDS,
    FIXED_HOLIDAYS,
    MONTHS,
    NTH_WEEKDAY_HOLIDAYS,
    ORDINALS,
    PARTS_OF_DAY,
    REFERENCES,
    SEASON_START_MONTH,
    SEASONS,
    SET_ADVERBS,
    SMALL_NUMBERS,
    TENS,
    TIMEZONES_UTC,
    UNITS,
    VAGUE_NUMBERS,
    WEEKDAYS,
    group,
    is_rate_context,
)

if TYPE_CHECKING:
    from newsfuse.extract.timex.find import TenseIndex
    from newsfuse.model import TimexType

Tense = Literal["past", "future"] | None
# --- calendar arithmetic --------------------------------------------------------------------------

Norm = tuple["TimexType", str] | None
DAY_X: Final[str] = "XXXX-XX-XX"
_SMALLER: Final[dict[tuple[str, bool], tuple[str, int, bool]]] = {
    ("Y", False): ("M", 12, False), ("Q", False): ("M", 3, False),
    ("M", False): ("D", 30, False), ("W", False): ("D", 7, False),
    ("D", False): ("H", 24, True), ("H", True): ("M", 60, True), ("M", True): ("S", 60, True),
}  # fmt: skip
_REL_STEP: Final[dict[str, int]] = {
    "last": -1, "past": -1, "previous": -1, "preceding": -1, "prior": -1, "this": 0,
    "current": 0, "present": 0, "same": 0, "that": 0, "next": 1, "coming": 1, "following": 1,
}  # fmt: skip
_ANAPHORIC_REL: Final[frozenset[str]] = frozenset(
    {"same", "that", "following", "previous", "preceding", "prior"}
)


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + n
    return index // 12, index % 12 + 1


def iso_week(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th given weekday of a month (n=-1: the last one), for holidays like Thanksgiving."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    n = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * n) // 451
    month, day = divmod(h + n - 7 * m + 114, 31)
    return date(year, month, day + 1)


def parse_number(text: str) -> float | None:
    """The count a number phrase names ("twenty-four", "1 1/2", "a half"); None when vague."""
    t = " ".join(text.lower().replace("-", " ").split())
    if t in VAGUE_NUMBERS or t.replace(" ", "") in ("afew",):
        return None
    half = 0.0
    if t.endswith(" and a half") or t.endswith(" 1/2"):
        half, t = 0.5, t.rsplit(" and a half", 1)[0].rsplit(" 1/2", 1)[0]
    if t in ("half a", "half an", "a half"):
        return 0.5
    if re.fullmatch(r"\d+(\.\d+)?", t):
        return float(t) + half
    parts = t.split()
    if parts and parts[0] in TENS:
        return TENS[parts[0]] + (SMALL_NUMBERS.get(parts[1], 0) if len(parts) > 1 else 0) + half
    value = SMALL_NUMBERS.get(t)
    return None if value is None else value + half


def duration_value(number: str | None, unit_word: str, extra: float = 0.0) -> str:
    """A TIMEX3 duration ("P6D", "PT40S", "P2Y6M", "PXY") for a count of a unit word."""
    unit = unit_word.lower()
    unit = "century" if unit.startswith("centur") else unit.removesuffix("s")
    designator, multiplier, is_time = UNITS[unit]
    n = parse_number(number) if number is not None else 1.0
    if n is None:
        return f"P{'T' if is_time else ''}X{designator}"
    n = (n + extra) * multiplier
    whole = int(n)
    parts: list[tuple[float, str, bool]] = [(whole, designator, is_time)] if whole else []
    if n != whole and (designator, is_time) in _SMALLER:
        small, factor, to_time = _SMALLER[(designator, is_time)]
        rest = (n - whole) * factor
        parts.append((round(rest) if abs(rest - round(rest)) < 0.01 else rest, small, to_time))
    date_part = "".join(f"{_count(c)}{d}" for c, d, t in parts if not t)
    time_part = "".join(f"{_count(c)}{d}" for c, d, t in parts if t)
    return f"P{date_part}{'T' + time_part if time_part else ''}" if parts else "P0D"


def _count(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def shift_value(dct: date, n: float, unit_word: str) -> str:
    """The date ``n`` units from the DCT, written at the unit's granularity."""
    unit = unit_word.lower()
    unit = "century" if unit.startswith("centur") else unit.removesuffix("s")
    designator, multiplier, is_time = UNITS[unit]
    steps = round(n * multiplier)
    if is_time or designator == "D":
        return (dct + timedelta(days=steps if designator == "D" else 0)).isoformat()
    if designator == "W":
        return (dct + timedelta(weeks=steps)).isoformat()
    if designator == "M":
        y, m = add_months(dct.year, dct.month, steps)
        return f"{y}-{m:02d}"
    if designator == "Q":
        y, m = add_months(dct.year, dct.month, 3 * steps)
        return f"{y}-Q{(m - 1) // 3 + 1}"
    return f"{dct.year + steps:04d}"


# --- context --------------------------------------------------------------------------------------


@dataclass
class Context:
    """What normalisation of one text needs: its DCT, tense cues and what it mentioned last."""

    text: str
    dct: date | None
    tenses: TenseIndex
    memory: dict[str, tuple[int, object]] = field(default_factory=dict)

    def tense(self, m: re.Match[str]) -> Tense:
        return self.tenses.tense(m.start(), m.end())

    def recall(self, key: str, pos: int, within: int = 1 << 30) -> object | None:
        """The last ``key`` ("day", "month", "year", "quarter") remembered up to ``within``
        characters before ``pos`` (positions are where mentions end)."""
        item = self.memory.get(key)
        return item[1] if item is not None and pos - item[0] <= within else None

    def recall_latest(self, key: str, other: str, pos: int) -> tuple[int, int] | None:
        """The remembered ``key`` if it is more recent than ``other`` (both (year, n) pairs)."""
        item, rival = self.memory.get(key), self.memory.get(other)
        if item is None or item[0] > pos or (rival is not None and rival[0] > item[0]):
            return None
        return item[1]  # type: ignore[return-value]

    def remember(self, value: str, pos: int) -> None:
        """Record what a value names, for later anaphora ("that day", "the quarter")."""
        if (m := re.match(r"(\d{4})-(\d\d)-(\d\d)", value)) and (
            day := safe_date(int(m[1]), int(m[2]), int(m[3]))
        ):
            self.memory["day"] = (pos, day)
        if m := re.fullmatch(r"(\d{4})-(\d\d)", value):
            self.memory["month"] = (pos, (int(m[1]), int(m[2])))
        if m := re.match(r"(\d{4})-Q(\d)", value):
            self.memory["quarter"] = (pos, (int(m[1]), int(m[2])))
        if m := re.match(r"(\d{4})(?![\dX])", value):
            self.memory["year"] = (pos, int(m[1]))


# --- resolution helpers ---------------------------------------------------------------------------


_FLIP_DAYS: Final[int] = 60  # tense cues are noisy: only a clear gap moves a date a year
_FLIP_MONTHS: Final[int] = 2


def year_for_day(dct: date, month: int, day: int, tense: Tense) -> int:
    """The year of a month-day without one: the nearest, or the tense's side when far off."""
    cand = safe_date(dct.year, month, min(day, 28 if month == 2 else day))
    if cand is None:
        return dct.year
    delta = (cand - dct).days
    if (tense == "past" and delta > _FLIP_DAYS) or (tense is None and delta > 183):
        return dct.year - 1
    if (tense == "future" and delta < -_FLIP_DAYS) or (tense is None and delta < -183):
        return dct.year + 1
    return dct.year


def year_for_month(dct: date, month: int, tense: Tense) -> int:
    """The year of a bare month: the DCT's unless tense clearly points across a year boundary."""
    delta = month - dct.month
    if tense == "past" and delta > _FLIP_MONTHS:
        return dct.year - 1
    if tense == "future" and delta < -_FLIP_MONTHS:
        return dct.year + 1
    return dct.year


def resolve_weekday(dct: date, weekday: int, rel: str | None, tense: Tense) -> date:
    back = (dct.weekday() - weekday) % 7
    ahead = (weekday - dct.weekday()) % 7
    if rel in ("last", "past"):
        return dct - timedelta(days=back or 7)
    if rel == "next":
        return dct + timedelta(days=ahead or 7)
    if rel == "coming" or tense == "future":
        return dct + timedelta(days=ahead)
    return dct - timedelta(days=back)


_RELDAY_OFFSET: Final[dict[str, int]] = {
    "today": 0, "tonight": 0, "this": 0, "yesterday": -1, "last": -1, "tomorrow": 1,
}  # fmt: skip


def resolve_dayref(word: str, cx: Context, pos: int, tense: Tense) -> str:
    """The day a weekday or "today"/"yesterday" names, as YYYY-MM-DD (X when no DCT)."""
    w = word.lower()
    if cx.dct is None:
        return f"XXXX-WXX-{WEEKDAYS[w] + 1}" if w in WEEKDAYS else DAY_X
    if w in WEEKDAYS:
        return resolve_weekday(cx.dct, WEEKDAYS[w], None, tense).isoformat()
    return (cx.dct + timedelta(days=_RELDAY_OFFSET.get(w, 0))).isoformat()


def _part(word: str | None) -> str:
    return f"T{PARTS_OF_DAY[word.lower().rstrip('s')]}" if word else ""


def _year_step(word: str | None) -> int:
    return {"last": -1, "next": 1}.get((word or "").lower(), 0)


def _season_year(dct: date, season: str, rel: str, tense: Tense) -> int:
    start = SEASON_START_MONTH[season]
    if rel in ("last", "past", "this past"):
        return dct.year if start < dct.month else dct.year - 1
    if rel in ("next", "coming"):
        return dct.year if start > dct.month else dct.year + 1
    if rel == "this":
        return dct.year
    if tense == "past" and start > dct.month + 1:
        return dct.year - 1
    if tense == "future" and start + 2 < dct.month:
        return dct.year + 1
    return dct.year


def _default_quarter(cx: Context, current: bool) -> tuple[int, int] | None:
    """The quarter "the quarter" means with nothing mentioned: the last completed (or current)."""
    if cx.dct is None:
        return None
    q = quarter_of(cx.dct)
    if current:
        return cx.dct.year, q
    return (cx.dct.year, q - 1) if q > 1 else (cx.dct.year - 1, 4)


_DAYWORD: Final[re.Pattern[str]] = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow)\b",
    re.IGNORECASE,
)


def _day_in_sentence(m: re.Match[str], cx: Context) -> str | None:
    """A day named in the same sentence as a clock time ("at 10 a.m. (0735 GMT) Friday")."""
    s, e = cx.tenses.sentence(m.start(), m.end())
    best: tuple[int, re.Match[str]] | None = None
    for d in _DAYWORD.finditer(cx.text, s, min(e, len(cx.text))):
        if d.group()[0].isupper() or d.group().lower() in _RELDAY_OFFSET:
            distance = abs(d.start() - m.start())
            if best is None or distance < best[0]:
                best = (distance, d)
    if best is None:
        return None
    d = best[1]
    return resolve_dayref(d.group(), cx, d.start(), cx.tenses.tense(d.start(), d.end()))


# --- handlers: one per rule in rules.RULES --------------------------------------------------------


def h_iso(m: re.Match[str], cx: Context) -> Norm:
    d = safe_date(int(m["year"]), int(m["month"]), int(m["day"]))
    if d is None:
        return None
    if m["hour"]:
        return "TIME", f"{d.isoformat()}T{m['hour']}:{m['minute']}"
    return "DATE", d.isoformat()


def h_slash(m: re.Match[str], cx: Context) -> Norm:
    year = int(m["year"])
    if year < 100:
        century = (cx.dct.year // 100) * 100 if cx.dct else 2000
        year += (
            century if century + year <= (cx.dct.year if cx.dct else 2000) + 20 else century - 100
        )
    d = safe_date(year, int(m["month"]), int(m["day"]))
    return ("DATE", d.isoformat()) if d else None


def h_month_day(m: re.Match[str], cx: Context) -> Norm:
    month, day, year_text = month_number(m["month"]), int(m["day"]), group(m, "year")
    if year_text:
        d = safe_date(int(year_text), month, day)
        return ("DATE", d.isoformat()) if d else None
    if cx.dct is None:
        return "DATE", f"XXXX-{month:02d}-{day:02d}"
    rel = (group(m, "rel") or "").lower()
    if rel in ("last", "next"):
        this_year = safe_date(cx.dct.year, month, day) or cx.dct
        ahead = this_year > cx.dct
        year = cx.dct.year + (
            -1 if rel == "last" and ahead else 1 if rel == "next" and not ahead else 0
        )
    else:
        year = year_for_day(cx.dct, month, day, cx.tense(m))
    weekday = group(m, "wd")
    if weekday:  # "Wednesday 13 September": the nearby year where the weekday fits
        fits = [y for y in (year, year - 1, year + 1) if _weekday_fits(y, month, day, weekday)]
        year = fits[0] if fits else year
    d = safe_date(year, month, day)
    return ("DATE", d.isoformat()) if d else None


def _weekday_fits(year: int, month: int, day: int, weekday: str) -> bool:
    d = safe_date(year, month, day)
    return d is not None and d.weekday() == WEEKDAYS[weekday.lower()]


def h_month_year(m: re.Match[str], cx: Context) -> Norm:
    return "DATE", f"{int(m['year']):04d}-{month_number(m['month']):02d}"


def h_month(m: re.Match[str], cx: Context) -> Norm:
    month = month_number(m["month"])
    if cx.dct is None:
        return "DATE", f"XXXX-{month:02d}"
    rel = (m["rel"] or "").lower()
    if m["rely"]:
        year = cx.dct.year + _year_step(m["rely"])
    elif rel in ("last", "past"):
        year = cx.dct.year if month < cx.dct.month else cx.dct.year - 1
    elif rel in ("next", "coming"):
        year = cx.dct.year if month > cx.dct.month else cx.dct.year + 1
    elif rel == "this":
        year = cx.dct.year
    else:
        year = year_for_month(cx.dct, month, cx.tense(m))
    return "DATE", f"{year:04d}-{month:02d}"


def h_year(m: re.Match[str], cx: Context) -> Norm:
    if m["yy"]:
        now = cx.dct.year if cx.dct else 2000
        year = now // 100 * 100 + int(m["yy"])
        return "DATE", str(year if year <= now else year - 100)
    return "DATE", f"{int(m['year']):04d}"


def h_decade(m: re.Match[str], cx: Context) -> Norm:
    if m["y"]:
        return "DATE", f"{m['y']}X"
    digit = int(m["yy"]) if m["yy"] else DECADE_WORDS[m["word"].lower()]
    now = cx.dct.year if cx.dct else 2000
    century = now // 100 if (now // 100) * 100 + digit * 10 <= now else now // 100 - 1
    return "DATE", f"{century}{digit}X"


def h_century(m: re.Match[str], cx: Context) -> Norm:
    if m["rel"]:
        if cx.dct is None:
            return "DATE", "XXXX"
        step = _REL_STEP.get(m["rel"].lower().split()[-1], 0)
        return "DATE", f"{cx.dct.year // 100 + step:02d}XX"
    n = int(m["n"]) if m["n"] else ORDINALS[m["ord"].lower()]
    return "DATE", f"{n - 1:02d}XX"


def h_quarter(m: re.Match[str], cx: Context) -> Norm:
    q = ORDINALS.get(m["q"].lower()) or int(m["q"][0])
    pre = (m["pre"] or "").lower()
    explicit = m["year"] or m["year2"] or (re.search(r"(?:19|20)\d\d", pre) or [None])[0]
    if explicit:
        return "DATE", f"{explicit}-Q{q}"
    if cx.dct is None:
        return "DATE", f"XXXX-Q{q}"
    if m["rely"] or "year's" in pre:
        word = m["rely"] or pre.split("year's")[0].split()[-1]
        return "DATE", f"{cx.dct.year + _year_step(word)}-Q{q}"
    year = cx.dct.year
    if q - quarter_of(cx.dct) >= 2 and cx.tense(m) != "future":
        year -= 1  # "fourth-quarter profit" in a spring story: last year's
    if "year-earlier" in pre or "year-ago" in pre:
        year -= 1
    return "DATE", f"{year}-Q{q}"


_YEAR_BACK: Final[re.Pattern[str]] = re.compile(
    r"year-(?:earlier|ago|before)|a\s+year\s+(?:ago|earlier)|(?:last|previous)\s+year"
)


def h_quarter_ref(m: re.Match[str], cx: Context) -> Norm:
    text = m.group()
    back = 1 if _YEAR_BACK.search(text) else 0
    remembered = cx.recall("quarter", m.start())
    if m["y"]:
        return "DATE", m["y"]
    month = cx.recall_latest("month", "quarter", m.start())
    if ("month" in text or "period" in text) and month is not None:
        return "DATE", f"{month[0] - back}-{month[1]:02d}"
    if isinstance(remembered, tuple):
        year, q = remembered
    else:
        current = "current" in text or text.startswith("this")
        default = _default_quarter(cx, current)
        if default is None:
            return "DATE", "XXXX-QX"
        if back and "quarter" not in text and "period" not in text:
            return "DATE", f"{cx.dct.year - 1}" if cx.dct else "XXXX"
        year, q = default
    return "DATE", f"{year - back}-Q{q}"


def h_half(m: re.Match[str], cx: Context) -> Norm:
    h = 1 if m["h"].lower() == "first" else 2
    if m["year"]:
        return "DATE", f"{m['year']}-H{h}"
    if cx.dct is None:
        return "DATE", f"XXXX-H{h}"
    year = cx.dct.year + _year_step(m["rely"])
    if not m["rely"] and h == 2 and cx.dct.month < 7 and cx.tense(m) == "past":
        year -= 1
    return "DATE", f"{year}-H{h}"


def h_season(m: re.Match[str], cx: Context) -> Norm:
    season = SEASONS[m["season"].lower()]
    if m["year"]:
        return "DATE", f"{m['year']}-{season}"
    if cx.dct is None:
        return "DATE", f"XXXX-{season}"
    if m["rely"]:
        return "DATE", f"{cx.dct.year + _year_step(m['rely'])}-{season}"
    rel = " ".join((m["rel"] or "").lower().split())
    return "DATE", f"{_season_year(cx.dct, season, rel, cx.tense(m))}-{season}"


def h_relday(m: re.Match[str], cx: Context) -> Norm:
    word = (m["w"] or m["w2"]).lower()
    part = m["part"] or m["part2"] or ("night" if word == "tonight" else None)
    if cx.dct is None:
        return ("TIME" if part else "DATE"), DAY_X + _part(part)
    offset = _RELDAY_OFFSET[word] + {"before": -1, "after": 1}.get((m["ba"] or "").lower(), 0)
    value = (cx.dct + timedelta(days=offset)).isoformat() + _part(part)
    return "DATE", value


def h_weekday(m: re.Match[str], cx: Context) -> Norm:
    if m["dayref"]:
        return "DATE", resolve_dayref(m["dayref"], cx, m.start(), cx.tense(m)) + _part(m["part2"])
    weekday = WEEKDAYS[m["wd"].lower()]
    rel = (m["rel"] or "").lower() or None
    part = _part(m["part"])
    kind: TimexType = "DATE"  # TimeBank types "Friday night" as a DATE
    if rel in ("each", "every") or m["plural2"] or (m["plural"] and not m["poss"]):
        return "SET", f"XXXX-WXX-{weekday + 1}{part}"
    if cx.dct is None:
        return kind, f"XXXX-WXX-{weekday + 1}{part}"
    tense = None if m["poss"] else cx.tense(m)  # "Friday's ruling" is mostly done
    return kind, resolve_weekday(cx.dct, weekday, rel, tense).isoformat() + part


def _clock_time(g: dict[str, str | None]) -> tuple[int, int] | None:
    if g.get("noon"):
        return (24, 0) if str(g["noon"]).lower() == "midnight" else (12, 0)
    if g.get("h24"):
        return int(str(g["h24"])), int(str(g["m24"]))
    if g.get("mil"):
        return int(str(g["mil"])), int(str(g["milm"]))
    if g.get("oclock"):
        word = str(g["oclock"]).lower()
        return (int(word) if word.isdigit() else SMALL_NUMBERS[word]), 0
    hour, minute = int(str(g["hour"])), int(g.get("minute") or 0)
    if hour > 12 or hour == 0:
        return None
    pm = str(g["ampm"]).lower().startswith("p")
    return (hour % 12 + (12 if pm else 0)), minute


def h_clock(m: re.Match[str], cx: Context) -> Norm:
    g = m.groupdict()
    hm = _clock_time(g)
    if hm is None:
        return None
    adjacent = cx.recall("day", m.start(), within=3)  # "Friday 15 September 2023 11:09"
    if g.get("dayref"):
        day = resolve_dayref(str(g["dayref"]), cx, m.start(), cx.tense(m))
    elif g.get("month"):
        norm = h_month_day(m, cx)
        day = norm[1] if norm else DAY_X
    elif isinstance(adjacent, date):
        day = adjacent.isoformat()
    else:
        day = _day_in_sentence(m, cx) or (cx.dct.isoformat() if cx.dct else DAY_X)
    if day.startswith("XXXX-W"):
        day = DAY_X
    zone = "Z" if (g.get("tz") or "").lower() in TIMEZONES_UTC else ""
    return "TIME", f"{day}T{hm[0]:02d}:{hm[1]:02d}{zone}"


def h_ago(m: re.Match[str], cx: Context) -> Norm:
    if m["vague"]:
        return "DATE", "PAST_REF"
    direction = " ".join(m["dir"].lower().split())
    n = parse_number(m["num"])
    unit = m["unit"].lower()
    if direction in ("earlier", "later"):
        if unit.startswith(("year", "month", "decade")) and n is not None and cx.dct:
            return _anchored_shift(m, cx, -n if direction == "earlier" else n)
        return "DURATION", duration_value(m["num"], unit)
    future = direction in ("from now", "hence")
    if n is None or cx.dct is None:
        return "DATE", "FUTURE_REF" if future else "PAST_REF"
    if not future and n == 1 and unit == "year":
        remembered = cx.recall("quarter", m.start(), within=3000)
        if isinstance(remembered, tuple):
            return "DATE", f"{remembered[0] - 1}-Q{remembered[1]}"
    return "DATE", shift_value(cx.dct, n if future else -n, unit)


def _anchored_shift(m: re.Match[str], cx: Context, n: float) -> Norm:
    """ "A year earlier": the quarter or year last mentioned, moved; else the DCT, moved."""
    assert cx.dct is not None
    if m["unit"].lower().startswith("year") and n == -1:
        remembered = cx.recall("quarter", m.start(), within=3000)
        if isinstance(remembered, tuple):
            return "DATE", f"{remembered[0] - 1}-Q{remembered[1]}"
    return "DATE", shift_value(cx.dct, n, m["unit"])


def h_duration(m: re.Match[str], cx: Context) -> Norm:
    num = m["num"]
    if num in ("a", "an") and is_rate_context(cx.text, m.start("num")):
        return "SET", duration_value("1", m["unit"])
    return "DURATION", duration_value(num, m["unit"], 0.5 if m["half"] else 0.0)


def h_long(m: re.Match[str], cx: Context) -> Norm:
    unit = m["unit"]
    plural = unit.lower().endswith("s")
    return "DURATION", duration_value("several" if plural else "1", unit)


def h_vague_units(m: re.Match[str], cx: Context) -> Norm:
    if m["ref"]:
        return "DATE", "FUTURE_REF" if "coming" in m["refword"] else "PAST_REF"
    return "DURATION", duration_value("several", m["unit"] or m["unit2"])


def h_set(m: re.Match[str], cx: Context) -> Norm:
    if m["adv"]:
        return "SET", SET_ADVERBS[m["adv"].lower()]
    if m["month"]:
        return "SET", f"XXXX-{month_number(m['month']):02d}"
    if m["part"]:
        return "SET", f"{DAY_X}{_part(m['part'])}"
    return "SET", duration_value("2" if m["other"] else "1", m["unit"])


def h_relative(m: re.Match[str], cx: Context) -> Norm:
    if m["t5"]:
        return _year_end(m, cx)
    unit = (m["unit2"] or m["unit3"] or m["unit4"] or ("day" if m["t6"] else "")).lower()
    rel = "this" if unit else m["rel"].lower().split()[-1]
    unit = unit or m["unit"].lower()
    if m["unit4"] and unit == "year" and m["ended"]:
        return "DURATION", "P1Y"
    step = _REL_STEP[rel]
    anaphoric = rel in _ANAPHORIC_REL
    if cx.dct is None:
        return "DATE", {"year": "XXXX", "month": "XXXX-XX", "quarter": "XXXX-QX"}.get(
            unit, "XXXX-WXX"
        )
    if unit == "year":
        base = cx.recall("year", m.start()) if anaphoric else None
        return "DATE", f"{(base if isinstance(base, int) else cx.dct.year) + step:04d}"
    if unit == "month":
        base_m = cx.recall("month", m.start()) if anaphoric else None
        y, mo = base_m if isinstance(base_m, tuple) else (cx.dct.year, cx.dct.month)
        y, mo = add_months(y, mo, step)
        return "DATE", f"{y:04d}-{mo:02d}"
    if unit == "quarter":
        y, mo = add_months(cx.dct.year, cx.dct.month, 3 * step)
        return "DATE", f"{y:04d}-Q{(mo - 1) // 3 + 1}"
    if unit == "decade":
        if m["rel"] and m["rel"].lower().split() == ["the", "past"]:
            return "DURATION", "P10Y"
        return "DATE", f"{cx.dct.year // 10 + step:03d}X"
    if unit == "day":
        return "DATE", cx.dct.isoformat()
    base_d = cx.recall("day", m.start()) if rel in _ANAPHORIC_REL else None
    day = base_d if isinstance(base_d, date) else cx.dct
    if unit == "weekend":
        if step == 0 and day.weekday() < 5 and cx.tense(m) != "future":
            step = -1  # "over the weekend" in a weekday story: the one just past
        return "DATE", iso_week(day + timedelta(weeks=step)) + "-WE"
    return "DATE", iso_week(day + timedelta(weeks=step))


def _year_end(m: re.Match[str], cx: Context) -> Norm:
    if cx.dct is None:
        return "DATE", "XXXX-12-31"
    since = m.group().lower().startswith("since")
    return "DATE", f"{cx.dct.year - (1 if since else 0)}-12-31"


def h_ref(m: re.Match[str], cx: Context) -> Norm:
    words = " ".join(m["t"].lower().split())
    for lead in ("in ", "for ", "over ", "at "):
        words = words.removeprefix(lead)
    return "DATE", REFERENCES.get(words, "PRESENT_REF")


def h_earlier(m: re.Match[str], cx: Context) -> Norm:
    return "DATE", "PAST_REF"


def h_spelled_year(m: re.Match[str], cx: Context) -> Norm:
    if m["c"] is None:
        return "DATE", f"{2000 + (SMALL_NUMBERS[m['r2'].lower()] if m['r2'] else 0)}"
    century = 19 if m["c"].lower() == "nineteen" else 18
    rest = m["rest"].lower()
    tail = 0 if rest == "hundred" else int(parse_number(rest) or 0)
    return "DATE", f"{century * 100 + tail}"


def h_anaphor_day(m: re.Match[str], cx: Context) -> Norm:
    ref = cx.recall("day", m.start())
    base = ref if isinstance(ref, date) else cx.dct
    if base is None:
        return "DATE", DAY_X
    rel = (m["rel"] or m["ba"] or "").lower()
    step = {"next": 1, "following": 1, "after": 1, "previous": -1, "preceding": -1}.get(rel, 0)
    step = -1 if rel in ("prior", "before") else step
    unit = (m["unit"] or "day").lower()
    part = "" if unit == "day" else _part(unit)
    return ("TIME" if part else "DATE"), (base + timedelta(days=step)).isoformat() + part


def h_holiday(m: re.Match[str], cx: Context) -> Norm:
    name = " ".join(m["h"].lower().split())
    if m["year"]:
        year = int(m["year"])
    elif cx.dct is None:
        fixed = FIXED_HOLIDAYS.get(name)
        return "DATE", f"XXXX-{fixed[0]:02d}-{fixed[1]:02d}" if fixed else DAY_X
    else:
        year = cx.dct.year + _year_step(m["rel"])
    d = _holiday_date(name, year)
    if not m["year"] and not m["rel"] and cx.dct is not None:
        tense = cx.tense(m)
        if tense == "past" and d > cx.dct + timedelta(days=7):
            d = _holiday_date(name, year - 1)
        elif tense == "future" and d < cx.dct - timedelta(days=7):
            d = _holiday_date(name, year + 1)
    return "DATE", d.isoformat()


def _holiday_date(name: str, year: int) -> date:
    if name in FIXED_HOLIDAYS:
        return date(year, *FIXED_HOLIDAYS[name])
    if name in NTH_WEEKDAY_HOLIDAYS:
        return nth_weekday(year, *NTH_WEEKDAY_HOLIDAYS[name])
    if name.startswith("easter"):
        return easter(year)
    if name == "good friday":
        return easter(year) - timedelta(days=2)
    return nth_weekday(year, 11, 0, 1) + timedelta(days=1)  # election day


HANDLERS: Final[dict[str, Callable[[re.Match[str], Context], Norm]]] = {
    "iso": h_iso, "slash": h_slash, "month_day": h_month_day, "day_month": h_month_day,
    "month_year": h_month_year, "month": h_month, "year": h_year, "decade": h_decade,
    "century": h_century, "quarter": h_quarter, "quarter_ref": h_quarter_ref, "half": h_half,
    "season": h_season, "relday": h_relday, "weekday": h_weekday, "clock": h_clock,
    "ago": h_ago, "duration": h_duration, "long": h_long, "vague_units": h_vague_units,
    "set": h_set, "relative": h_relative, "ref": h_ref, "earlier": h_earlier,
    "spelled_year": h_spelled_year, "anaphor_day": h_anaphor_day, "holiday": h_holiday,
}  # fmt: skip
