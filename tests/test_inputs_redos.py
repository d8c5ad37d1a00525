"""Long runs of punctuation with no space ('"' ten thousand times, '([([(...'): spaCy's
tokenizer strips such a "word" one prefix or suffix at a time, which is quadratic (10,000
characters took about a minute). Runs of punctuation and spaces ('- - - -', tabs and stars)
are linear but make every character a token (half a minute for 100,000). Both are blanked
before spaCy sees them, at the same length, so every offset stays exact; no stage of the
language layer meets them either.

The tests assert on what spaCy and the stages are handed, not on time: the pipeline is wrapped
by a guard that refuses a pathological text at once (before the fix, it would take minutes).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import pytest

from newsfuse import settings
from newsfuse.extract import _spacy, language
from newsfuse.extract._spacy import MASK_RUN, masked
from newsfuse.model import Article

_LONG_RUN = re.compile(rf"[^\w\n]{{{MASK_RUN + 1},}}")  # no letter, digit or line break
BAITS = ('"', "“", "”", "'", "’", "(", "[", ")", "]", "([", ")]", "\"'“”", "*", "- ", "\t*", ". ")


def _noise(text: str) -> str | None:
    """The first long run in ``text`` that is more than white space, if any."""
    return next((m.group(0) for m in _LONG_RUN.finditer(text) if m.group(0).strip()), None)


STORY = (
    "The Kessel bridge opened on Friday, the council said. "
    '"It is a great day for the town," said Anna Berg, the mayor.'
)


class _Guard:
    """The spaCy pipeline, refusing any text with a long punctuation run, recording the rest."""

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp
        self.max_length = nlp.max_length
        self.texts: list[str] = []

    def pipe(self, texts: Any, **options: Any) -> Any:
        items = list(texts)
        for item in items:
            run = _noise(item)
            assert run is None, f"spaCy handed a run of {len(run)} {run[:3]!r}"
        self.texts += items
        return self.nlp.pipe(items, **options)


@pytest.fixture
def guard(monkeypatch: pytest.MonkeyPatch) -> _Guard:
    spy = _Guard(_spacy.load())
    monkeypatch.setattr(_spacy, "load", lambda disable=(): spy)
    return spy


def _bait(char: str, n: int = 10_000) -> str:
    return char * (n // len(char))


def test_masking_keeps_the_length_and_ordinary_punctuation() -> None:
    for text in (
        STORY,
        'He said: "No..." (and left) -- "Why?!" [sic] ' + "-" * (MASK_RUN - 10),
        "https://example.com/a/b?c=d&e=f#g " + "- " * 45 + "\n" + "* " * 45,
        "",
    ):
        assert masked(text) == text
    for char in BAITS:
        text = f"By {_bait(char)} Reporter\n\n{STORY}\n{_bait(char)}x\n"
        blanked = masked(text)
        assert len(blanked) == len(text)
        assert _noise(blanked) is None
        assert blanked.split() == ["By", "Reporter", *STORY.split(), "x"]
    assert masked("a" + '"' * (MASK_RUN + 1) + "b") == "a" + " " * (MASK_RUN + 1) + "b"


@pytest.mark.parametrize("char", BAITS)
def test_spacy_never_sees_a_long_punctuation_run(guard: _Guard, char: str) -> None:
    text = f"By {_bait(char)} Reporter\n\n{STORY}\n{_bait(char)}x\n\nPublished {_bait(char)}2023\n"
    parsed = _spacy.parse(text)
    assert guard.texts and all(_noise(t) is None for t in guard.texts)
    assert len(parsed.text) == len(text)  # every offset is an offset into the input
    for token in parsed.tokens:  # and every word found is where the input has it
        if not token.text.isspace():
            assert text[token.start : token.end] == token.text
    words = [t.text for t in parsed.tokens if not t.text.isspace()]
    assert words[:2] == ["By", "Reporter"] and words[-2:] == ["Published", "2023"]
    assert "Anna Berg" in [e.text for e in parsed.entities if e.label == "PERSON"]
    story = text.index(STORY)
    assert any(start == story for start, _ in parsed.sentences)


def test_a_long_text_of_runs_is_masked_in_every_piece(guard: _Guard) -> None:
    text = "\n".join(f"{STORY} {_bait('([', 3_000)}" for _ in range(5))
    with settings.overridden(piece_chars=2_000):
        (parsed,) = _spacy.parse_many([text])
    assert len(guard.texts) > 1 and all(len(t) <= 2_000 for t in guard.texts)
    assert len(parsed.text) == len(text)
    assert all(text[t.start : t.end] == t.text for t in parsed.tokens if not t.text.isspace())


def test_no_stage_sees_a_long_run(guard: _Guard, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, list[str]] = {"entities": [], "quotes": [], "timexes": []}

    def spying(name: str, find: Any, field: int) -> Any:
        def spy(*args: Any, **kwargs: Any) -> Any:
            given = args[field]
            seen[name].append(given if isinstance(given, str) else given.text)
            return find(*args, **kwargs)

        return spy

    monkeypatch.setattr(language, "find_entities", spying("entities", language.find_entities, 0))
    monkeypatch.setattr(language, "find_quotes", spying("quotes", language.find_quotes, 0))
    monkeypatch.setattr(language, "find_timexes", spying("timexes", language.find_timexes, 0))
    text = f"{_bait(chr(34))} {STORY}\n\n{_bait('“')}x\n\nOn Friday {_bait('(')}{_bait('- ')}\n"
    article = replace(Article.from_text("redos", text), title=f"Bridge {_bait(')')} opens")
    (done,) = language.LanguageLayer()([article])
    assert not [n for n in done.notes if "failed" in n]
    for name, texts in seen.items():
        assert texts, name
        assert all(_noise(t) is None for t in texts), name
    assert done.text == text  # the article keeps its text; only the analysis skips the runs
    for span in done.sentences:
        assert _noise(span.of(text)) is None
    assert {m.text for m in done.entities} >= {"Anna Berg"}
    assert [q.speaker for q in done.quotes if q.speaker] == ["council", "Anna Berg"]
    assert [t.text for t in done.timexes if t.span.of(text) == t.text][:1] == ["Friday"]
