"""Quotes and attributions: who said what, on sentences written here for the purpose.

Each table row is (text, an expected quote), a quote written as ``(direct, content, speaker
mention, resolved speaker, cue)`` with content and mention as they stand in the text. The
spaCy model is loaded once for the whole module.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.extract._spacy import parse
from newsfuse.extract.quotes import find_quotes
from quote_rows import Expected
from quote_rows import row as _row

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "data" / "quotes" / "polnear"
GATE = ROOT / "bench" / "gates" / "quotes.json"

QuotesOf = Callable[[str], list[Expected]]


@pytest.fixture(scope="module")
def quotes_of() -> QuotesOf:
    """text -> its quotes as (direct, content, mention, speaker, cue) tuples."""
    parse("Warm-up.")  # load the model once for the module

    def run(text: str) -> list[Expected]:
        return [_row(text, q) for q in find_quotes(parse(text))]

    return run


SPEAKER_AFTER = [
    (
        '"We will build the bridge by spring," Anna Keller said.',
        (True, "We will build the bridge by spring,", "Anna Keller", "Anna Keller", "say"),
    ),
    (
        '"It is over," said Lena Brandt, who chairs the committee.',
        (True, "It is over,", "Lena Brandt", "Lena Brandt", "say"),
    ),
    (
        "\u201cThe talks went well,\u201d Ravi Menon told reporters on Friday.",
        (True, "The talks went well,", "Ravi Menon", "Ravi Menon", "tell"),
    ),
    (
        "\u2018We will not give up,\u2019 the coach said after the match.",
        (True, "We will not give up,", "the coach", "coach", "say"),
    ),
]

SPEAKER_BEFORE = [
    (
        'Mayor Tom Reyes told reporters: "The budget is balanced."',
        (True, "The budget is balanced.", "Tom Reyes", "Tom Reyes", "tell"),
    ),
    (
        'Ines Duarte said, "Nobody expected this result."',
        (True, "Nobody expected this result.", "Ines Duarte", "Ines Duarte", "say"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), SPEAKER_AFTER + SPEAKER_BEFORE)
def test_direct_quote_and_its_speaker(quotes_of: QuotesOf, text: str, expected: Expected) -> None:
    assert expected in quotes_of(text)


PRONOUNS_AND_TITLES = [
    (  # a pronoun resolves to the latest person named before it, outside quotes
        'Maria Lopez, the city treasurer, spoke on Monday.\n\n"We found the error," she said.',
        (True, "We found the error,", "she", "Maria Lopez", "say"),
    ),
    (  # "Mr Orlov" is the Pavel Orlov named earlier
        "Finance Minister Pavel Orlov opened the session on Tuesday.\n\n"
        '"Growth will return next year," Mr Orlov said.',
        (True, "Growth will return next year,", "Mr Orlov", "Pavel Orlov", "say"),
    ),
    (  # a role written with a name earlier stands for that name
        "Harbor spokesman Ian Wells met the press on Friday.\n\n"
        "The spokesman said the port would reopen next week.",
        (False, "the port would reopen next week", "The spokesman", "Ian Wells", "say"),
    ),
    (  # "he" skips a woman named in between when her gender is known
        'Mr Adams met Mrs Brook in Leeds. The meeting was short.\n\n"Nothing was agreed," he said.',
        (True, "Nothing was agreed,", "he", "Adams", "say"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), PRONOUNS_AND_TITLES)
def test_speaker_resolves_inside_the_article(
    quotes_of: QuotesOf, text: str, expected: Expected
) -> None:
    assert expected in quotes_of(text)


def test_quote_over_two_paragraphs_is_one_quote(quotes_of: QuotesOf) -> None:
    text = (
        "Clara Voss described the timetable.\n\n"
        '"The first phase starts in May.\n\n'
        '"The second phase follows in the autumn," she said.'
    )
    direct = [q for q in quotes_of(text) if q[0]]
    assert direct == [
        (
            True,
            'The first phase starts in May.\n\n"The second phase follows in the autumn,',
            "she",
            "Clara Voss",
            "say",
        )
    ]


def test_quote_split_around_its_cue_keeps_the_speaker(quotes_of: QuotesOf) -> None:
    text = 'Jana Novak visited the plant. "We see progress," Novak said. "This is only the start."'
    quotes = find_quotes(parse(text))
    assert [q.content.of(text) for q in quotes] == ["We see progress,", "This is only the start."]
    assert {q.speaker for q in quotes} == {"Jana Novak"}
    assert len({q.cue_span for q in quotes}) == 1  # one attribution, cut in two


def test_partial_quote_inside_reported_speech(quotes_of: QuotesOf) -> None:
    text = 'Orlov said he saw "real potential" in the deal.'
    assert quotes_of(text) == [
        (False, 'he saw "real potential" in the deal', "Orlov", "Orlov", "say"),
        (True, "real potential", "Orlov", "Orlov", "say"),
    ]


INDIRECT = [
    (
        "Peskov said Moscow would quickly prepare the documents.",
        (False, "Moscow would quickly prepare the documents", "Peskov", "Peskov", "say"),
    ),
    (
        "Moscow will quickly prepare the documents, Peskov said on Friday.",
        (False, "Moscow will quickly prepare the documents", "Peskov", "Peskov", "say"),
    ),
    (
        "According to officials, the bridge will close for repairs.",
        (False, "the bridge will close for repairs", "officials", "officials", "according to"),
    ),
    (
        "The bridge will close for repairs, according to local officials.",
        (
            False,
            "The bridge will close for repairs",
            "local officials",
            "local officials",
            "according to",
        ),
    ),
    (
        "The mayor warned that the budget would run out by March.",
        (False, "that the budget would run out by March", "The mayor", "mayor", "warn"),
    ),
]

ORGANISATIONS = [
    (
        "KCNA said the leader inspected the new jets.",
        (False, "the leader inspected the new jets", "KCNA", "KCNA", "say"),
    ),
    (
        "Russian news agencies reported that the train had left the station.",
        (
            False,
            "that the train had left the station",
            "Russian news agencies",
            "Russian news agencies",
            "report",
        ),
    ),
    (
        "The Harbor Authority said in a statement that ships could dock again.",
        (False, "that ships could dock again", "The Harbor Authority", "Harbor Authority", "say"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), INDIRECT + ORGANISATIONS)
def test_indirect_speech(quotes_of: QuotesOf, text: str, expected: Expected) -> None:
    assert expected in quotes_of(text)


def test_aside_between_two_halves_of_reported_speech(quotes_of: QuotesOf) -> None:
    rows = quotes_of("The plan, the senator said, would cost too much.")
    assert [r[1] for r in rows] == ["The plan", "would cost too much"]
    assert {r[3] for r in rows} == {"senator"}


NOT_QUOTES = [
    'The so-called "reform" package passed on Tuesday.',
    'She watched "The Silent Harbor" twice last year.',
    'The museum opened its "Summer of Light" exhibition in June.',
    "The team\u2019s captain didn\u2019t speak to the press after the game.",
    "The farmers' market opens at eight.",
]


@pytest.mark.parametrize("text", NOT_QUOTES)
def test_scare_quotes_titles_and_apostrophes_are_no_quotes(quotes_of: QuotesOf, text: str) -> None:
    assert quotes_of(text) == []


LABELS = [
    (
        '"Maybe we can fix it."\n\u2015 Jordan Pike, Denver',
        (True, "Maybe we can fix it.", "Jordan Pike", "Jordan Pike", "\u2015"),
    ),
    (
        "REYES: We will not raise taxes this year.",
        (True, "We will not raise taxes this year.", "REYES", "REYES", ":"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), LABELS)
def test_dash_and_transcript_labels_name_the_speaker(
    quotes_of: QuotesOf, text: str, expected: Expected
) -> None:
    assert expected in quotes_of(text)


WORDS = st.sampled_from(
    ["The", "mayor", "said", "Ana", "Kim", "told", "reporters", "that", "it", ",", ".",
     '"', "\u201c", "\u201d", "\u2018", "\u2019", "'", ":", "he", "added", "\n\n", "--",
     "according", "to", "officials", "we", "will", "win", "the", "vote"]
)  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(st.lists(WORDS, max_size=40))
def test_every_span_lies_inside_the_text(words: list[str]) -> None:
    text = " ".join(words)
    for q in find_quotes(parse(text)):
        spans = [q.content, q.speaker_span, q.cue_span]
        assert all(s is None or 0 <= s.start <= s.end <= len(text) for s in spans)
        assert q.content.end > q.content.start
        assert q.speaker is None or q.speaker_span is not None


def test_quality_gate_on_first_polnear_dev_documents() -> None:
    """Direct-quote speaker recall and precision on the first 10 PolNeAR dev articles may
    not fall below the pinned figures."""
    if not POLNEAR.is_dir():
        pytest.skip(f"no evaluation data at {POLNEAR}")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from bench.quotes import Tally, load_split, score_quotes

    pinned = json.loads(GATE.read_text(encoding="utf-8"))["polnear_dev_first10"]
    tally = Tally()
    for doc in load_split(POLNEAR, "dev", limit=10):
        tally.add(score_quotes(doc.attributions, find_quotes(parse(doc.text))))
    figures = tally.metrics()
    for key, minimum in pinned.items():
        assert figures[key] >= minimum, f"{key} {figures[key]} fell below {minimum}"
