"""Time expressions: what each kind of expression normalises to, on sentences written here.

The DCTs are chosen so that the weekday arithmetic is easy to check: 2023-09-13 is a Wednesday
in ISO week 37, 2023-09-15 a Friday, 2023-09-17 a Sunday.
"""

from __future__ import annotations

import itertools
import json
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.extract._spacy import Parsed, Token
from newsfuse.extract.timex import calendar_start, find_timexes
from newsfuse.model import TimeExpression

ROOT = Path(__file__).resolve().parents[1]
TBAQ = ROOT.parent / "shared" / "data" / "time" / "tbaq"
GATE = ROOT / "bench" / "gates" / "timex.json"

WED = date(2023, 9, 13)
FRI = date(2023, 9, 15)
SUN = date(2023, 9, 17)


def values(text: str, dct: date | datetime | None) -> dict[str, str]:
    return {t.text: t.value for t in find_timexes(text, dct)}


def found(text: str, dct: date | None, expression: str) -> TimeExpression:
    matches = [t for t in find_timexes(text, dct) if t.text == expression]
    assert matches, f"{expression!r} not found in {values(text, dct)}"
    return matches[0]


@pytest.mark.parametrize(
    ("text", "dct", "expression", "value"),
    [
        # a weekday names the DCT's own day, else goes back, unless the future governs it
        ("The minister resigned on Friday after a week of protests.", FRI, "Friday", "2023-09-15"),
        (
            "Protesters blocked the bridge on Wednesday, police said.",
            SUN,
            "Wednesday",
            "2023-09-13",
        ),
        ("The two leaders will meet on Wednesday in Oslo.", SUN, "Wednesday", "2023-09-20"),
        ("The cargo ship is expected to arrive Monday.", WED, "Monday", "2023-09-18"),
        ("Voting ended last Tuesday in most districts.", FRI, "last Tuesday", "2023-09-12"),
        ("The council sits again next Friday.", FRI, "next Friday", "2023-09-22"),
        ("Shares fell sharply in Tuesday's session.", FRI, "Tuesday's", "2023-09-12"),
        # days and weeks around the DCT
        ("The results were published today.", WED, "today", "2023-09-13"),
        ("The storm reached the coast yesterday.", WED, "yesterday", "2023-09-12"),
        ("Schools will reopen tomorrow.", WED, "tomorrow", "2023-09-14"),
        ("The envoy arrived in the capital this week.", WED, "this week", "2023-W37"),
        ("Talks collapsed earlier this week.", FRI, "earlier this week", "2023-W37"),
        ("Inflation slowed last week.", WED, "last week", "2023-W36"),
        ("Sales doubled last year.", WED, "last year", "2022"),
        ("Prices will rise next month.", WED, "next month", "2023-10"),
        ("Exports grew this year.", WED, "this year", "2023"),
        ("The mine closed two years ago.", WED, "two years ago", "2021"),
        # months, seasons and quarters without a year
        ("The bridge will open in March.", WED, "March", "2024-03"),
        ("Sales fell sharply in March.", WED, "March", "2023-03"),
        ("The plant was closed in December after a fire.", WED, "December", "2022-12"),
        ("The vote is set for Oct. 4.", WED, "Oct. 4", "2023-10-04"),
        ("The treaty was signed on Jan. 20.", WED, "Jan. 20", "2023-01-20"),
        ("Tourism recovered this summer.", WED, "this summer", "2023-SU"),
        ("Third-quarter profit rose 4%.", date(2023, 10, 20), "Third-quarter", "2023-Q3"),
        ("Profit fell in the fourth quarter.", date(2024, 2, 10), "the fourth quarter", "2023-Q4"),
        ("Revenue rose in the second half of 2021.", WED, "the second half of 2021", "2021-H2"),
        # explicit dates, decades, centuries
        ("The firm was founded in July 2000.", WED, "July 2000", "2000-07"),
        ("He was born on 4 March 1961.", WED, "4 March 1961", "1961-03-04"),
        ("The law took effect on Sept. 1, 2019.", WED, "Sept. 1, 2019", "2019-09-01"),
        ("The filing is dated 2021-05-07.", WED, "2021-05-07", "2021-05-07"),
        ("The fund grew in the 1980s.", WED, "the 1980s", "198X"),
        ("The church dates from the 12th century.", WED, "the 12th century", "11XX"),
        ("It was the worst flood since 1953.", WED, "1953", "1953"),
        # vague references
        ("Prices are now falling.", WED, "now", "PRESENT_REF"),
        ("The agency currently employs 300 people.", WED, "currently", "PRESENT_REF"),
        ("The rule was recently changed.", WED, "recently", "PAST_REF"),
        ("Such raids were rare in the past.", WED, "in the past", "PAST_REF"),
        ("Demand will grow in the near future.", WED, "in the near future", "FUTURE_REF"),
        # durations
        ("The 19-month war left the region in ruins.", WED, "19-month", "P19M"),
        ("After nearly 19-month talks, a deal emerged.", WED, "nearly 19-month", "P19M"),
        ("The president began a six-day visit to Peru.", WED, "six-day", "P6D"),
        ("An almost week-long strike shut the port.", WED, "week-long", "P1W"),
        ("The crowd stood silent for 40 seconds.", WED, "40 seconds", "PT40S"),
        ("Two days after the vote, the cabinet fell.", WED, "Two days", "P2D"),
        ("The hearing lasted three hours.", WED, "three hours", "PT3H"),
        ("He served a year and a half in prison.", WED, "a year and a half", "P1Y6M"),
        ("The talks ran for several weeks.", WED, "several weeks", "PXW"),
        ("Prices have risen for decades.", WED, "decades", "PXY"),
        # sets
        ("The ferry sails every week.", WED, "every week", "P1W"),
        ("The board meets twice a year.", WED, "a year", "P1Y"),
        ("The paper is published daily.", WED, "daily", "P1D"),
        ("The market opens on Mondays.", WED, "Mondays", "XXXX-WXX-1"),
        # times and parts of the day
        ("The polls close at 8 p.m.", WED, "8 p.m.", "2023-09-13T20:00"),
        ("The launch is set for 15:30 GMT.", WED, "15:30 GMT", "2023-09-13T15:30Z"),
        ("The blast happened at 9 a.m. Tuesday.", WED, "9 a.m. Tuesday", "2023-09-12T09:00"),
        ("Fighting resumed this morning.", WED, "this morning", "2023-09-13TMO"),
        ("Looters struck last night.", WED, "last night", "2023-09-12TNI"),
        ("The concert was held on Tuesday evening.", WED, "Tuesday evening", "2023-09-12TEV"),
    ],
)
def test_value(text: str, dct: date, expression: str, value: str) -> None:
    assert found(text, dct, expression).value == value


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The summit opens on Sept. 13.", "Sept. 13", "XXXX-09-13"),
        ("The strike began on Friday.", "Friday", "XXXX-WXX-5"),
        ("The museum reopened in May.", "May", "XXXX-05"),
        ("The truce held for six days.", "six days", "P6D"),
        ("Sales fell in 2019.", "2019", "2019"),
    ],
)
def test_without_dct_unknown_parts_stay_x(text: str, expression: str, value: str) -> None:
    assert found(text, None, expression).value == value


@pytest.mark.parametrize(
    ("text", "expression", "kind"),
    [
        ("The strike began on Friday.", "Friday", "DATE"),
        ("The polls close at 8 p.m.", "8 p.m.", "TIME"),
        ("The truce held for six days.", "six days", "DURATION"),
        ("The ferry sails every week.", "every week", "SET"),
    ],
)
def test_type(text: str, expression: str, kind: str) -> None:
    assert found(text, WED, expression).type == kind


@pytest.mark.parametrize(
    "text",
    [
        "The firm sold 1500 shares to 2000 employees.",
        "She may resign, aides said, and will march on the capital.",
        "The 45-year-old driver was fined $1990.",
        "The fall in prices surprised analysts.",
        "He watched 60 Minutes and High Noon.",
    ],
)
def test_not_time_expressions(text: str) -> None:
    assert values(text, WED) == {}


def test_expressions_keep_their_modifiers_and_datetime_dct_works() -> None:
    dct = datetime(2023, 9, 13, 22, 30, tzinfo=UTC)
    assert values("Rates will rise in early October.", dct) == {"early October": "2023-10"}
    assert values("Work ends by the end of the year.", dct) == {"the end of the year": "2023"}


def test_weekday_with_a_date_picks_the_year_it_fits() -> None:
    text = "The ceasefire was signed on Wednesday 13 September in Geneva."
    assert found(text, date(2024, 3, 14), "Wednesday 13 September").value == "2023-09-13"


def test_clock_time_takes_the_date_written_before_it() -> None:
    text = "By Ana Ruiz, Friday 15 September 2023 11:09 BST. Markets fell."
    assert found(text, date(2024, 1, 2), "11:09 BST").value == "2023-09-15T11:09"


def test_anaphora_follows_the_last_mention() -> None:
    text = (
        "Third-quarter profit rose 8%. A year earlier, the company lost money. "
        "Revenue in the quarter was flat."
    )
    got = values(text, date(2023, 10, 25))
    assert got["Third-quarter"] == "2023-Q3"
    assert got["A year earlier"] == "2022-Q3"
    assert got["the quarter"] == "2023-Q3"


def _parsed(text: str, tagged: list[tuple[str, str]]) -> Parsed:
    tokens, pos = [], 0
    for i, (word, tag) in enumerate(tagged):
        start = text.index(word, pos)
        pos = start + len(word)
        tokens.append(
            Token(
                i=i,
                text=word,
                start=start,
                end=pos,
                tag=tag,
                ent_type="",
                ent_iob="O",
                sent=0,
                space_after=True,
            )
        )
    return Parsed(text, ((0, len(text)),), tuple(tokens), ())


def test_parse_tags_decide_the_tense() -> None:
    text = "They will meet on Wednesday."
    words = ["They", "will", "meet", "on", "Wednesday", "."]
    modal = _parsed(text, list(zip(words, ["PRP", "MD", "VB", "IN", "NNP", "."], strict=True)))
    noun = _parsed(text, list(zip(words, ["PRP", "NN", "VB", "IN", "NNP", "."], strict=True)))
    assert find_timexes(text, SUN, parsed=modal)[0].value == "2023-09-20"
    assert find_timexes(text, SUN, parsed=noun)[0].value == "2023-09-13"  # no cue: back


@pytest.mark.parametrize(
    ("value", "start", "precision"),
    [
        ("2023-09-13", date(2023, 9, 13), "day"),
        ("2023-09-13T15:00", date(2023, 9, 13), "minute"),
        ("2023-09-13TEV", date(2023, 9, 13), "day"),
        ("2023-09", date(2023, 9, 1), "month"),
        ("2023", date(2023, 1, 1), "year"),
        ("2023-W37", date(2023, 9, 11), None),
        ("2023-Q3", date(2023, 7, 1), None),
        ("2023-SU", date(2023, 6, 1), None),
        ("198X", date(1980, 1, 1), None),
        ("P6D", None, None),
        ("PRESENT_REF", None, None),
    ],
)
def test_calendar_start(value: str, start: date | None, precision: str | None) -> None:
    assert calendar_start(value) == (start, precision)


def test_found_expressions_carry_their_start() -> None:
    week = found("The envoy arrived this week.", WED, "this week")
    assert (week.start, week.precision) == (date(2023, 9, 11), None)
    day = found("The results came out today.", WED, "today")
    assert (day.start, day.precision) == (WED, "day")


_WORDS = (
    "on Friday last week next year in March 2020 the 1990s for six days every day at 3 p.m. "
    "two years ago the third quarter a year earlier now recently May 5 this morning "
    "Sept. 11, 2001 19-month week-long 12:30 GMT Mondays the same day twice a year"
).split()


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.one_of(st.sampled_from(_WORDS), st.text(max_size=6)), max_size=30),
    st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))),
)
def test_spans_lie_in_the_text(parts: list[str], dct: date | None) -> None:
    text = " ".join(parts)
    timexes = find_timexes(text, dct)
    for t in timexes:
        assert 0 <= t.span.start < t.span.end <= len(text)
        assert text[t.span.start : t.span.end] == t.text
    starts = [t.span.start for t in timexes]
    assert starts == sorted(starts)
    assert all(a.span.end <= b.span.start for a, b in itertools.pairwise(timexes))


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(st.text(), st.lists(st.sampled_from(_WORDS), max_size=12).map(" ".join)),
    st.one_of(st.none(), st.dates()),
)
def test_never_raises_on_arbitrary_text_or_dct(text: str, dct: date | None) -> None:
    for t in find_timexes(text, dct):
        assert text[t.span.start : t.span.end] == t.text
        if t.start is not None:
            assert t.value[:3].isdigit()


def test_quality_gate_on_first_tbaq_documents() -> None:
    """Value F1 on the first 20 TimeBank+AQUAINT documents may not fall below the pinned one."""
    if not TBAQ.is_dir():
        pytest.skip(f"no evaluation data at {TBAQ}")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from bench.timex import evaluate, load, ours

    pinned = json.loads(GATE.read_text(encoding="utf-8"))["tbaq_first20_value_f1"]
    figures = evaluate(load(TBAQ, limit=20), ours).figures()
    assert figures["value_f1"] >= pinned
