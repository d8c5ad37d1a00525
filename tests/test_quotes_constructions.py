"""Constructions whose speaker or content the dependency tree settles, on sentences written
here: "as" asides, by-agents, coordinated and partitive subjects, relative pronouns,
headline labels, and words that look like cues but report nothing (a video showing, a
study called, a report discussed).

Rows are (text, an expected quote) with a quote as ``(direct, content, speaker mention,
resolved speaker, cue)``, as in ``test_quotes_syntax``.
"""

from __future__ import annotations

import pytest

from quote_rows import Expected
from quote_rows import rows as _rows

FOUND = [
    (  # an "as" aside with a colon: the aside's subject, not the clause before the colon
        "As the Tribune's Maria Lopez reported after the city appeared to drop the plan: "
        '"The council never voted on it."',
        (True, "The council never voted on it.", "Maria Lopez", "Maria Lopez", "report"),
    ),
    (  # "As X noted, CLAUSE": the clause is what X noted
        "As the county auditor noted, the budget has run a deficit for three years.",
        (False, "the budget has run a deficit for three years", "the county auditor",
         "county auditor", "note"),
    ),
    (  # a passive cue speaks in the voice of its by-agent
        "Mayor Lee was asked by reporter Ann Cole whether the bridge would reopen in May.",
        (False, "whether the bridge would reopen in May", "Ann Cole", "Ann Cole", "ask"),
    ),
    (  # a document cited as a source is its author's
        '"The evidence does not support a charge," according to a filing by prosecutor '
        "Tom Reyes.",
        (True, "The evidence does not support a charge,", "Tom Reyes", "Tom Reyes",
         "according to"),
    ),
    (  # coordinated subjects speak together, not the quantifier after them
        "Senator Ruth Hale and Governor Ben Ortiz both criticized the tax as unfair to renters.",
        (False, "the tax as unfair to renters", "Senator Ruth Hale and Governor Ben Ortiz",
         "Ruth Hale and Ben Ortiz", "criticize"),
    ),
    (  # a quantifier subject is its partitive
        "Few of the delegates said they would back the new rules.",
        (False, "they would back the new rules", "Few of the delegates",
         "Few of the delegates", "say"),
    ),
    (  # a relative pronoun is its own mention; it stands for the noun its clause modifies
        "The union backed a plan by the mayor's office, which said the depot would close.",
        (False, "the depot would close", "which", "mayor's office", "say"),
    ),
    (  # a name after a headline's dash and before the colon speaks the quote
        'Turnout beat the forecasts - Pew Research: "More young voters came out than in 2012."',
        (True, "More young voters came out than in 2012.", "Pew Research", "Pew Research", ":"),
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_construction_gives_the_speaker(text: str, expected: Expected) -> None:
    assert expected in _rows(text)


NOT_SPEECH = [
    # "as she noted how ...": an "as" of time, its own content stays the cue's
    "The mayor smiled as she noted how quickly the repairs had gone.",
    # a video shows a scene; it reports no words
    "A video published by local media showed Mr Ito dressed in a grey suit walking to the car.",
    # "discuss" names a topic, and a title in quote marks after "report on" is no quote
    "She was discussing the agency's new report on “confronting health misinformation.”",
    # a participle naming a thing is no cue
    "The group released a study called “the cost of waiting” last year.",
]


@pytest.mark.parametrize("text", NOT_SPEECH)
def test_no_attribution_is_made_up(text: str) -> None:
    rows = _rows(text)
    assert not any(r[0] for r in rows), rows  # no direct quote
    assert not any(r[4] in {"show", "discuss", "call"} for r in rows), rows


def test_as_of_time_keeps_its_own_content() -> None:
    rows = _rows("The mayor smiled as she noted how quickly the repairs had gone.")
    assert (False, "how quickly the repairs had gone", "she", None, "note") in rows
