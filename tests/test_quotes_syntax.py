"""Quotes whose speaker or content the dependency tree settles, on sentences written here.

Rows are (text, an expected quote) with a quote as ``(direct, content, speaker mention,
resolved speaker, cue)``, as in ``test_quotes``; rows for what must NOT come out are checked
against the whole list.
"""

from __future__ import annotations

import pytest

from quote_rows import Expected
from quote_rows import rows as _rows

SUBJECTS = [
    (  # the one who issued the statement speaks, not the statement
        "The governor's office put out a statement on Friday saying the roads would reopen.",
        (False, "the roads would reopen", "The governor's office", "governor's office", "say"),
    ),
    (  # a gerund inside the content is part of it, not a second attribution
        "The mayor says the council is acting too slowly and showing little interest in the "
        "flooded streets.",
        (
            False,
            "the council is acting too slowly and showing little interest in the flooded streets",
            "The mayor",
            "mayor",
            "say",
        ),
    ),
]


@pytest.mark.parametrize(("text", "expected"), SUBJECTS)
def test_speaker_is_the_subject_of_the_cue(text: str, expected: Expected) -> None:
    assert expected in _rows(text)


ADDRESSEES = [
    (  # the writer speaks, never the one the letter is addressed to
        'In a letter addressed to Mayor Ruth Ito, the union said the contract "falls far short."',
        (True, "falls far short.", "the union", "union", "say"),
    ),
    (
        'Ellen Park wrote to Governor Sam Reed on Monday: "Our schools cannot wait a year."',
        (True, "Our schools cannot wait a year.", "Ellen Park", "Ellen Park", "write"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), ADDRESSEES)
def test_the_addressee_is_not_the_speaker(text: str, expected: Expected) -> None:
    rows = _rows(text)
    assert expected in rows
    assert all(r[3] not in {"Ruth Ito", "Sam Reed"} for r in rows)


JOBS = (
    "The U.S. economy added 175,000 jobs in April, fewer than economists surveyed by Dow "
    "Jones had expected. Health care added 56,000 jobs, and the government added 8,000.\n\n"
    '"The labor market is cooling, but it is not cracking," said Ana Ruiz, chief economist '
    "at Harbor Bank.\n\n"
    "The U.S. added jobs for the 40th straight month, the report said."
)


def test_added_jobs_is_no_speech() -> None:
    rows = _rows(JOBS)
    assert all(r[4] != "add" for r in rows), rows  # jobs added, nothing said
    assert all("surveyed" not in r[1] or not r[0] for r in rows)
    assert (
        True,
        "The labor market is cooling, but it is not cracking,",
        "Ana Ruiz",
        "Ana Ruiz",
        "say",
    ) in rows
    assert (False, "The U.S. added jobs for the 40th straight month", "the report", "report",
            "say") in rows  # fmt: skip


NOT_QUOTES = [
    'Rep. Tom Green, a New York Democrat, appeared on "Meet the Press" on Sunday.',
    'Green, a "fiscal hawk" by his own account, voted against the bill.',
    'The show "Face the Nation" aired a long interview with the senator.',
    "Prices are rising faster than wages. The Federal Reserve meets next week.",
]


@pytest.mark.parametrize("text", NOT_QUOTES)
def test_titles_appositions_and_scare_quotes_are_no_quotes(text: str) -> None:
    assert _rows(text) == []


def test_clause_the_positional_rules_refuse() -> None:
    """A comma after the cue ("says, win or lose, ...") still frames its clause."""
    text = "Marco Ruiz says, win or lose in the primary, he is staying in the race."
    rows = _rows(text)
    assert [(r[2], r[4]) for r in rows] == [("Marco Ruiz", "say")]
    assert "he is staying in the race" in rows[0][1]


def test_he_goes_on_with_the_main_subject_not_a_name_inside_the_content() -> None:
    """The subject of the sentence before is who "he" goes on about, not a person named
    inside what that subject reported."""
    text = (
        "After the talks, Mark Olsen announced that Peter Lund would visit the shipyard. "
        "He also said the two ports would share a ferry line."
    )
    rows = _rows(text)
    assert (False, "the two ports would share a ferry line", "He", "Mark Olsen", "say") in rows
