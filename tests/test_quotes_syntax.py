"""Quotes whose speaker or content the dependency tree settles, on sentences written here.

Rows are (text, an expected quote) with a quote as ``(direct, content, speaker mention,
resolved speaker, cue)``, as in ``test_quotes``; rows for what must NOT come out are checked
against the whole list.
"""

from __future__ import annotations

import pytest

from newsfuse.extract._spacy import parse
from newsfuse.extract.quotes import find_quotes
from newsfuse.model import Quote

Expected = tuple[bool, str, str | None, str | None, str | None]


def _rows(text: str) -> list[Expected]:
    return [_row(text, q) for q in find_quotes(parse(text))]


def _row(text: str, q: Quote) -> Expected:
    mention = q.speaker_span.of(text) if q.speaker_span else None
    return (q.direct, q.content.of(text), mention, q.speaker, q.cue)


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
