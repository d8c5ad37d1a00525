"""Claim splitting, attribution, comparison and the ClaimDiff quality gate."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from newsfuse.align.claims import extract_claims
from newsfuse.align.compare import Weights, relation, view_text
from newsfuse.align.numbers import quantities
from newsfuse.model import Article, Claim, Quote, Span

ROOT = Path(__file__).resolve().parents[1]
CLAIMDIFF = ROOT.parent / "shared" / "data" / "claims" / "claimdiff"
GATE = ROOT / "bench" / "gates" / "claims.json"


def _article(text: str, quotes: tuple[Quote, ...] = ()) -> Article:
    """One sentence per line, as the language layer would mark them."""
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append(Span(start, start + len(line)))
        start += len(line) + 1
    return replace(Article.from_text("a", text), sentences=tuple(spans), quotes=quotes)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The minister met the rebels in Geneva on Monday.",
            ["The minister met the rebels in Geneva on Monday."],
        ),
        (
            "The army took the town; the rebels fled to the hills.",
            ["The army took the town", "the rebels fled to the hills."],
        ),
        (
            "Prices rose sharply in March, while wages stayed flat across the region.",
            ["Prices rose sharply in March", "wages stayed flat across the region."],
        ),
        (
            "The mayor opened the bridge, and he thanked the builders for their work.",
            ["The mayor opened the bridge", "he thanked the builders for their work."],
        ),
        (
            "Rescuers searched the river and the woods near the village.",
            ["Rescuers searched the river and the woods near the village."],
        ),
    ],
)
def test_sentences_split_into_atomic_claims(sentence: str, expected: list[str]) -> None:
    claims = extract_claims(_article(sentence), {})
    assert [c.text for c in claims] == expected
    for claim in claims:
        assert claim.span.of(sentence) == claim.text


@pytest.mark.parametrize(
    ("sentence", "attribution", "claim_text"),
    [
        (
            "The talks will resume in October, according to TASS.",
            "TASS",
            "The talks will resume in October",
        ),
        (
            "According to the state news agency, the train left the station at noon.",
            "state news agency",
            "the train left the station at noon.",
        ),
        ("The train left the station at noon after a short ceremony.", None, None),
    ],
)
def test_according_to_stays_attributed(
    sentence: str, attribution: str | None, claim_text: str | None
) -> None:
    (claim,) = extract_claims(_article(sentence), {})
    assert claim.attribution == attribution
    assert claim.text == (claim_text or sentence)


def test_reported_quote_keeps_its_speaker() -> None:
    text = "Peskov said no agreements were signed during the visit."
    start = text.index("no agreements")
    quote = Quote(Span(start, len(text) - 1), direct=False, speaker="Dmitry Peskov", cue="say")
    (claim,) = extract_claims(_article(text, (quote,)), {})
    assert claim.attribution == "Dmitry Peskov"
    assert claim.text == "no agreements were signed during the visit"


def test_event_cues_are_not_attributions() -> None:
    text = "Putin agreed to help develop the satellite programme of the North."
    quote = Quote(Span(13, len(text) - 1), direct=False, speaker="Vladimir Putin", cue="agree")
    (claim,) = extract_claims(_article(text, (quote,)), {})
    assert claim.attribution is None


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("The distance is over 200km.", ["200 km"]),
        ("Two men and 40 seconds later.", ["2 man", "40 second"]),
        ("The Su-35 flew over 1,500 people in 2023.", ["1500 person"]),
        ("It cost 3 million dollars, 12% more.", ["3e+06 dollar", "12 percent"]),
        # an increment says nothing of the total; "more than" is a bound, not an increment
        ("He stayed two more days, more than 30 people came.", ["+2 day", "30 person"]),
        ("The visit will continue for another three days.", ["+3 day"]),
    ],
)
def test_quantities_are_normalised(text: str, keys: list[str]) -> None:
    article = Article.from_text("a", text)
    assert [q.key for q in quantities(article, 0, len(text))] == keys


def _views(*texts: str) -> list:
    return [view_text(Claim(str(i), str(i), Span(0, len(t)), t), t) for i, t in enumerate(texts)]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            "The ministers met in Oslo for talks on the fishing treaty.",
            "The ministers met in Oslo for talks on the fishing treaty.",
            "same",
        ),
        (
            "The ministers signed the fishing treaty in Oslo.",
            "The ministers did not sign the fishing treaty in Oslo.",
            "contradiction",
        ),
        (
            "The storm killed 12 people in the coastal province.",
            "The storm killed 15 people in the coastal province.",
            "contradiction",
        ),
        (
            "The ministers signed the fishing treaty.",
            "The ministers signed the fishing treaty after a night of talks in the Oslo city hall.",
            "less_specific",
        ),
        (
            "The ministers signed the fishing treaty in Oslo.",
            "Heavy rain flooded farmland across the southern valley.",
            "unrelated",
        ),
    ],
)
def test_pairwise_relation(a: str, b: str, expected: str) -> None:
    views = _views(a, b, "Filler claim about something else entirely here.", "Another one.")
    assert relation(views[0], views[1], Weights(views))[0] == expected


def test_quality_gate_on_first_claimdiff_pairs() -> None:
    """Accuracy and macro F1 on the first 300 ClaimDiff pairs may not fall below the pins."""
    if not CLAIMDIFF.is_dir():
        pytest.skip(f"no evaluation data at {CLAIMDIFF}")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from bench.claims import load_pairs, predict, scores

    pinned = json.loads(GATE.read_text(encoding="utf-8"))["claimdiff_train_first300"]
    pairs = load_pairs(CLAIMDIFF, "train", 300)
    figures = scores([p.gold for p in pairs], predict(pairs))
    for key, minimum in pinned.items():
        assert figures[key] >= minimum, f"{key} {figures[key]} fell below {minimum}"
