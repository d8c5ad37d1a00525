"""Recognise publication-date lines and turn them into tz-aware ``Published`` values.

A date line is a short block made only of date words ("Friday 15 September 2023 11:09 BST",
"September 15, 2023", "2023-09-15 01:03:11"). We keep the precision the source gives and say
whether the time zone was stated; when it was not, we use the outlet's home zone if known, or
UTC, and the basis says so. Nothing is guessed silently.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import dateparser

from newsfuse.model import Precision, Published

_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_WEEKDAYS = (
    r"mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?|"
    r"sat(?:urday)?|sun(?:day)?"
)
# Zones whose abbreviation hides daylight saving: resolve them through the IANA zone.
_DST_ZONES = {
    "ET": "America/New_York",
    "CT": "America/Chicago",
    "MT": "America/Denver",
    "PT": "America/Los_Angeles",
    "UK": "Europe/London",
}
_TZ_WORDS = (
    r"utc|gmt|bst|cet|cest|eet|eest|msk|est|edt|cst|cdt|mst|mdt|pst|pdt|et|pt|ct|mt|jst|kst|"
    r"ist|aest|aedt|hkt|sgt|wib|z"
)
_PREFIX = re.compile(
    r"^(?:(?:first |last )?(?:published|posted|updated|modified|date)(?: on| at)?\s*:?\s*|on\s+)",
    re.IGNORECASE,
)
_DATE_TOKEN = re.compile(
    rf"\b(?:{_MONTHS}|{_WEEKDAYS}|{_TZ_WORDS}|a\.?m\.?|p\.?m\.?|at|on|of|the|st|nd|rd|th)\b\.?|"
    r"\d{1,4}(?:st|nd|rd|th)?|[+-]\d{2}:?\d{2}|[T:/.,\-–|()\s]",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_MONTH_WORD = re.compile(rf"\b(?:{_MONTHS})\b", re.IGNORECASE)
_TIME = re.compile(r"(?<!\d)\d{1,2}[:.]\d{2}(?P<sec>[:.]\d{2})?(?!\d)|\b\d{1,2}\s*[ap]\.?m\b", re.I)
_ZONE = re.compile(rf"\b(?P<abbr>{_TZ_WORDS})\b|(?P<offset>[+-]\d{{2}}:?\d{{2}})$|\dZ$", re.I)
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
_ISO_START = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$"
)


def is_date_line(text: str) -> bool:
    """True for a short block that consists of nothing but a date (and maybe a time)."""
    body = _PREFIX.sub("", text.strip())
    if not body or len(body.split()) > 10 or len(body) > 70:
        return False
    if not (_YEAR.search(body) or _MONTH_WORD.search(body)):
        return False
    if not re.search(r"\d", body):
        return False
    return _DATE_TOKEN.sub("", body).strip() == ""


def parse_published(text: str, *, basis: str, home_zone: str | None = None) -> Published | None:
    """Parse a date string; None if it is not a date. ``home_zone`` fills an unstated zone."""
    body = _PREFIX.sub("", text.strip())
    parsed = _parse(body)
    if parsed is None:
        return None
    precision = _precision(body)
    stated = _zone_stated(body)
    if stated:
        parsed = _fix_dst_abbreviation(body, parsed)
        zone_note = ""
    elif home_zone:
        parsed = parsed.replace(tzinfo=ZoneInfo(home_zone))
        zone_note = f"; time zone not stated, taken as the outlet's home zone {home_zone}"
    else:
        parsed = parsed.replace(tzinfo=UTC)
        zone_note = "; time zone not stated, taken as UTC"
    if precision in ("year", "month", "day"):
        parsed = parsed.replace(hour=0, minute=0, second=0, microsecond=0)
    return Published(parsed, precision, basis + zone_note, stated)


def _parse(body: str) -> datetime | None:
    if not (_YEAR.search(body) or _ISO_DATE.search(body)):
        return None
    iso = _from_iso(body)
    if iso is not None:
        return iso
    settings = {"RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DAY_OF_MONTH": "first"}
    if _zone_stated(body):
        settings["RETURN_AS_TIMEZONE_AWARE"] = True
    try:
        value = dateparser.parse(body, languages=["en"], settings=settings)  # type: ignore[arg-type]
    except (ValueError, OverflowError, TypeError):
        return None
    if value is None or not (1900 <= value.year <= 2100):
        return None
    return value


def _from_iso(body: str) -> datetime | None:
    """Machine dates (page metadata, JSON fields) need no natural-language parser."""
    if not _ISO_START.match(body):
        return None
    try:
        return datetime.fromisoformat(body.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        return None


def _precision(body: str) -> Precision:
    time = _TIME.search(body)
    if time:
        return "second" if time.group("sec") else "minute"
    if _ISO_DATE.search(body) or re.search(r"\d", _MONTH_WORD.sub("", _YEAR.sub("", body))):
        return "day"
    return "month" if _MONTH_WORD.search(body) else "year"


def _zone_stated(body: str) -> bool:
    return bool(_ZONE.search(body)) and bool(_TIME.search(body) or "T" in body)


def _fix_dst_abbreviation(body: str, parsed: datetime) -> datetime:
    match = _ZONE.search(body)
    abbr = (match.group("abbr") or "").upper() if match else ""
    if abbr in _DST_ZONES:
        return parsed.replace(tzinfo=None).replace(tzinfo=ZoneInfo(_DST_ZONES[abbr]))
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed
