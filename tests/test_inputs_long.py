"""Long texts: spaCy refuses a text over a million characters (E088), and its parser needs
memory in proportion to what it is handed, so long texts are analysed in pieces cut at
paragraph breaks, with every span exact in the whole text."""

from __future__ import annotations

import json
import random
import re
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newsfuse import settings
from newsfuse.cli.main import app
from newsfuse.extract import _spacy, language
from newsfuse.extract._spacy import PIECE_CHARS, pieces

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "seeds"
runner = CliRunner()


def _seed_sentences() -> list[str]:
    """Real sentences: those of the seed articles' prose paragraphs."""
    sentences = []
    for path in sorted(SEEDS.glob("*.txt")):
        for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
            if len(paragraph.split()) >= 15 and paragraph.rstrip().endswith((".", "”")):
                sentences += re.split(r"(?<=[.!?])\s+(?=[A-Z“])", paragraph.strip())
    return [s for s in sentences if len(s.split()) >= 6]


def long_article(chars: int, *, seed: int = 0) -> str:
    """A headline, a date line and paragraphs of 2-5 real sentences, about ``chars`` long."""
    rng = random.Random(seed)
    sentences = _seed_sentences()
    parts = ["Kim Jong-un extends his visit to Russia", "Friday 15 September 2023 11:09 BST"]
    size = sum(len(p) + 2 for p in parts)
    while size < chars:
        paragraph = " ".join(rng.choice(sentences) for _ in range(rng.randint(2, 5)))
        parts.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(parts) + "\n"


def test_a_long_article_is_cut_at_paragraph_breaks() -> None:
    text = long_article(1_200_000)
    cuts = pieces(text)
    assert len(cuts) >= 1_200_000 // PIECE_CHARS
    assert cuts[0][0] == 0 and cuts[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in pairwise(cuts))  # no gap, no overlap
    assert all(end - start <= PIECE_CHARS for start, end in cuts)
    for start, _ in cuts[1:]:
        assert text[start - 2 : start] == "\n\n" and not text[start].isspace()


def test_without_paragraphs_cuts_fall_after_sentences_then_spaces() -> None:
    one_paragraph = long_article(300_000).replace("\n\n", " ")
    cuts = pieces(one_paragraph, 20_000)
    assert all(one_paragraph[end - 2 : end] in {". ", "” "} for _, end in cuts[:-1])
    no_spaces = "x" * 50_000
    assert pieces(no_spaces, 20_000) == [(0, 20_000), (20_000, 40_000), (40_000, 50_000)]
    assert pieces("", 10) == [(0, 0)]


class _Spy:
    """The spaCy pipeline, recording the length of every text it is handed."""

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp
        self.max_length = nlp.max_length
        self.lengths: list[int] = []

    def pipe(self, texts: Any, **options: Any) -> Any:
        items = list(texts)
        tuples = options.get("as_tuples", False)
        self.lengths += [len(item[0] if tuples else item) for item in items]
        return self.nlp.pipe(items, **options)


def _cited(text: str, span: dict[str, int]) -> str:
    return text[span["start"] : span["end"]]


def test_a_long_article_is_analysed_in_pieces_with_every_span_exact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, schema_errors: Any
) -> None:
    spy = _Spy(_spacy.load())
    monkeypatch.setattr(_spacy, "load", lambda disable=(): spy)
    seen: list[int] = []  # the length of each text the entity stage is given
    original = language.find_entities

    def find_entities(parsed: _spacy.Parsed) -> Any:
        seen.append(len(parsed.text))
        return original(parsed)

    monkeypatch.setattr(language, "find_entities", find_entities)
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "long.txt").write_text(long_article(PIECE_CHARS + 10_000), encoding="utf-8")
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        (inputs / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "report"
    result = runner.invoke(app, ["digest", str(inputs), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "read 3 input(s): 3 article(s)" in result.stderr
    assert spy.lengths and max(spy.lengths) <= PIECE_CHARS  # parsed in pieces
    assert seen and max(seen) <= PIECE_CHARS  # and analysed in pieces

    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert schema_errors(data) == []
    (article,) = [a for a in data["articles"] if a["source"].endswith("long.txt")]
    text = article["text"]
    assert len(text) > PIECE_CHARS
    assert not [n for n in article["notes"] if "failed" in n]
    paragraphs = article["paragraphs"]
    for sentence in article["sentences"]:
        assert _cited(text, sentence).strip() == _cited(text, sentence)
        assert any(
            p["start"] <= sentence["start"] and sentence["end"] <= p["end"] for p in paragraphs
        )
    for mention in article["entities"]:
        assert _cited(text, mention["span"]) == mention["text"]
    for timex in article["timexes"]:
        assert _cited(text, timex["span"]) == timex["text"]
    for quote in article["quotes"]:
        assert _cited(text, quote["content"]).strip()
        if quote["speaker_span"] is not None:
            assert _cited(text, quote["speaker_span"]).strip()
    for event in article["events"]:
        if event["field"] == "title":
            assert _cited(article["title"], event["trigger"]).strip()
            continue
        trigger, sentence = event["trigger"], event["sentence"]
        assert sentence["start"] <= trigger["start"] < trigger["end"] <= sentence["end"]
        assert _cited(text, trigger).strip() == _cited(text, trigger)
    # every piece was analysed, the last one included, and its spans moved into the whole text
    last_cut = pieces(text)[-1][0]
    where = {"sentences": None, "entities": "span", "quotes": "content", "timexes": "span",
             "events": "trigger"}  # fmt: skip
    for name, field in where.items():
        values = [v for v in article[name] if v.get("field", "text") == "text"]
        starts = [(v[field] if field else v)["start"] for v in values]
        assert max(starts) > last_cut, name
        assert min(starts) < PIECE_CHARS, name


def test_a_text_parsed_in_pieces_is_one_parse_of_the_whole_text() -> None:
    text = long_article(7_000, seed=3)
    assert len(pieces(text, 2_000)) >= 4
    with settings.overridden(piece_chars=2_000):  # small pieces, to keep the test fast
        (whole,) = _spacy.parse_many([text])
    assert whole.text == text
    assert [t.i for t in whole.tokens] == list(range(len(whole.tokens)))
    assert all(text[t.start : t.end] == t.text for t in whole.tokens)
    assert all(0 <= t.head < len(whole.tokens) for t in whole.tokens)
    assert all(text[e.start : e.end] == e.text for e in whole.entities)
    starts = [start for start, _ in whole.sentences]
    assert starts == sorted(starts) and whole.sentences[-1][1] <= len(text)
    for token in whole.tokens:  # each token in the sentence it says it is in
        if not token.text.isspace():
            start, end = whole.sentences[token.sent]
            assert start <= token.start < end
    # the heads of each piece stay within it: pieces are parsed apart, then joined
    for start, end in pieces(text, 2_000):
        inside = [t for t in whole.tokens if start <= t.start < end]
        assert all(start <= whole.tokens[t.head].start < end for t in inside)
