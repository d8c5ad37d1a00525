"""Everything story grouping needs to know about one article, computed once and stored.

Grouping must give the same stories whatever order articles arrive in, so nothing here depends
on the rest of the corpus: words are weighted by a fixed table of English word frequencies
(wordfreq, shipped inside its wheel, so nothing is downloaded) and by counts within the
article itself. A corpus IDF would change every weight each time an article arrives.

Features are stored with their article, so ``FEATURES_VERSION`` marks what computed them: a
change to any field's recipe (version 2: the MinHash's shingle hash) makes the stored ones
stale, and ``StoryFeatures.from_json`` refuses them rather than compare old with new.
"""

from __future__ import annotations

import json
import math
import re
import struct
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

import numpy as np
import orjson
from wordfreq import freq_to_zipf, get_frequency_dict, zipf_frequency, zipf_to_freq
from wordfreq.numbers import digit_freq, smash_numbers

from newsfuse import settings
from newsfuse.extract.entities import ROLE_LABEL
from newsfuse.group.fingerprint import plain_word, signature, word_hash, word_hashes
from newsfuse.model import Article
from newsfuse.resolve.entities import name_key

FEATURES_VERSION = 2  # bump whenever features_of gives different output for the same article
TOP_TERMS = 120  # weighted terms kept per article (the vector that is compared)
KEY_TERMS = 14  # the rarest-and-most-used terms, indexed for candidate retrieval
KEY_ENTITIES = 10
_ZIPF_CEILING = 7.0  # a word this frequent ("of", "and") weighs nothing
_ZIPF_FLOOR = 1.5  # unseen words (typos, codes) weigh no more than rare real words
_COMMON = 5.6  # words at least this frequent are not terms at all ("said", "people")
_TITLE_BOOST = 2.0
_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?|\d+(?:[.,]\d+)*")
_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_YEAR_VALUE = re.compile(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?$")
_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT"})
_PLACES = frozenset({"GPE", "LOC", "FAC"})
_MAX_HASH = np.uint64(0xFFFFFFFF)
_ID_BASE = 1 << 32  # term ids are stored past the word hashes' range


class StaleFeatures(ValueError):
    """Stored features computed by another ``FEATURES_VERSION`` (or before versions were
    recorded): their MinHash, at least, cannot be compared with today's, so the caller must
    compute them again from the article instead of grouping with them."""


@dataclass(frozen=True)
class StoryFeatures:
    """One article reduced to what grouping compares; a plain, JSON-serialisable value.

    ``terms`` and ``entities`` are keys, heaviest first, with their weights in parallel
    tuples (each vector of unit length; parallel tuples load fast). ``years`` are the
    calendar years the text names, most named first; ``days`` the exact days it names.
    ``minhash`` is the word-shingle signature for near-duplicates.
    """

    article_id: str
    published: date | None
    outlet: str | None
    title: str | None
    terms: tuple[str, ...]
    term_weights: tuple[float, ...]
    entities: tuple[str, ...]
    entity_weights: tuple[float, ...]
    years: tuple[int, ...]
    days: tuple[date, ...]
    minhash: tuple[int, ...]
    words: int

    def to_json(self) -> str:
        """One JSON object (fields by name), built directly: ``asdict`` deep-copies every
        tuple and cost more than grouping the article."""
        data = {
            "version": FEATURES_VERSION,
            "article_id": self.article_id,
            "published": self.published.isoformat() if self.published else None,
            "outlet": self.outlet,
            "title": self.title,
            "terms": self.terms,
            "term_weights": self.term_weights,
            "entities": self.entities,
            "entity_weights": self.entity_weights,
            "years": self.years,
            "days": [d.isoformat() for d in self.days],
            "minhash": self.minhash,
            "words": self.words,
        }
        return orjson.dumps(data).decode()

    @classmethod
    def from_json(cls, text: str) -> StoryFeatures:
        """The features ``to_json`` wrote; ``StaleFeatures`` if another version wrote them."""
        data = json.loads(text)
        version = data.get("version")
        if version != FEATURES_VERSION:
            raise StaleFeatures(
                f"features of {data.get('article_id')!r} are version {version}, "
                f"not {FEATURES_VERSION}: compute them again"
            )
        published = data["published"]
        return cls(
            article_id=data["article_id"],
            published=date.fromisoformat(published) if published else None,
            outlet=data["outlet"],
            title=data["title"],
            terms=tuple(data["terms"]),
            term_weights=tuple(map(float, data["term_weights"])),
            entities=tuple(data["entities"]),
            entity_weights=tuple(map(float, data["entity_weights"])),
            years=tuple(map(int, data["years"])),
            days=tuple(map(date.fromisoformat, data["days"])),
            minhash=tuple(map(int, data["minhash"])),
            words=int(data["words"]),
        )


def features_of(article: Article) -> StoryFeatures:
    """The grouping features of one analysed article (entities and times already found)."""
    lexicon = _lexicon()
    years, days = _dates(article)
    ids, hashes, words = lexicon.read(article.text)
    if article.title:  # title terms count double
        title_ids, title_hashes, _ = lexicon.read(article.title)
        ids = np.concatenate((ids, title_ids, title_ids))
        hashes = np.concatenate((title_hashes, hashes))
    terms, term_weights = lexicon.top_terms(ids, TOP_TERMS)
    entities, entity_weights = _top(_entity_weights(article), TOP_TERMS)
    return StoryFeatures(
        article_id=article.id,
        published=article.published.at.date() if article.published else None,
        outlet=article.outlet.name if article.outlet else None,
        title=article.title,
        terms=terms,
        term_weights=term_weights,
        entities=entities,
        entity_weights=entity_weights,
        years=years,
        days=days,
        minhash=signature(hashes),
        words=words,
    )


class _Lexicon:
    """What ``features_of`` has read before: each whitespace-separated piece of text ("said,",
    "Trump’s") as the ids of its terms and its words' MinHash hashes, and each term's rarity.

    Neither a word, nor a URL (which runs to the next space), nor a word of the MinHash spans
    whitespace, so reading a text piece by piece, each piece once, gives what regular
    expressions over the whole text gave (a test compares the two), and a corpus repeats its
    pieces: regular expressions and a dict of counts per word were most of the cost of grouping
    features. Terms are counted and weighted as integer ids in numpy; only the heaviest are
    turned back into strings. Everything here is a pure function of the piece or term, so
    results never depend on what was read before; ids are only meaningful within one lexicon.
    """

    def __init__(self) -> None:
        self.pieces = _Pieces(self._read_piece)
        self._word_ids: dict[str, int | None] = {}  # a word in lower case -> its term's id
        self._plain: dict[str, bytes] = {}  # a plain_word in lower case -> its piece's value
        self._ids: dict[str, int] = {}  # a term (of positive rarity) -> its id (plus 2^32)
        self._terms: list[str] = []
        self._rarity = np.zeros(1024)  # by term id
        self._lock = threading.Lock()  # misses only: ids are handed out one at a time

    def read(self, text: str) -> tuple[np.ndarray, np.ndarray, int]:
        """The ids of the text's terms (one per occurrence), its ``word_hashes`` (uint32) and
        its number of whitespace-separated pieces (``Article.word_count``, without a second
        split). A piece is one bytes value, its word hashes and its term ids (plus 2^32) as
        uint64, so a text is one join and the two are told apart in numpy."""
        pieces = [self.pieces[piece] for piece in text.split()]
        both = np.frombuffer(b"".join(pieces), dtype=np.uint64)
        is_id = both > _MAX_HASH
        return both[is_id], both[~is_id].astype(np.uint32), len(pieces)

    def top_terms(self, ids: np.ndarray, n: int) -> tuple[tuple[str, ...], tuple[float, ...]]:
        """``_top`` of the terms weighted by log-scaled count times rarity, given the ids of
        their occurrences. Counts are whole numbers, so the weights are the very floats that
        summing 1.0 per occurrence (2.0 in the title) and ``1 + math.log`` give."""
        ids, counts = np.unique(ids - _ID_BASE, return_counts=True)
        weights = _log_counts(int(counts.max(initial=0)))[counts] * self._rarity[ids]
        if len(weights) > n:  # only the n heaviest and any that tie with the lightest of them
            keep = weights >= np.partition(weights, len(weights) - n)[len(weights) - n]
            ids, weights = ids[keep], weights[keep]
        return _top_of(list(map(self._terms.__getitem__, ids.tolist())), weights, n)

    def _read_piece(self, piece: str) -> bytes:
        """A piece's word hashes, then its term ids (each plus 2^32), packed as uint64."""
        word = plain_word(piece)
        if word is not None:  # one word and no URL (the common case): no regular expression
            lower = word.lower()  # all that the word's hash and term depend on
            value = self._plain.get(lower)
            if value is None:
                ident = self._word_ids.get(lower, _UNSEEN)
                if ident is _UNSEEN:
                    ident = self._add_word(word, lower)
                hashed = word_hash(lower)  # what word_hashes(piece) gives for a plain piece
                value = _PACK_1(hashed) if ident is None else _PACK_2(hashed, ident)
                self._plain[lower] = value
            return value
        hashes = word_hashes(piece)
        if "://" in piece or "www." in piece.lower():
            piece = _URL.sub(" ", piece)
        ids = []
        for word in _WORD.findall(piece):
            lower = word.lower()
            ident = self._word_ids.get(lower, _UNSEEN)
            if ident is _UNSEEN:
                ident = self._add_word(word, lower)
            if ident is not None:
                ids.append(ident)
        return struct.pack(f"={len(hashes) + len(ids)}Q", *hashes, *ids)

    def _add_word(self, word: str, lower: str) -> int | None:
        """The id (plus 2^32) of the word's term, None if it is no term or weighs nothing;
        remembered by the word's lower case, all ``normal_term`` looks at."""
        term = normal_term(word)
        weight = 0.0 if term is None else rarity(term)
        ident = None
        if term is not None and weight > 0:
            with self._lock:
                ident = self._ids.get(term)
                if ident is None:
                    ident = self._ids[term] = _ID_BASE + len(self._terms)
                    self._terms.append(term)
                    if len(self._terms) > len(self._rarity):  # readers keep a whole array
                        self._rarity = np.concatenate((self._rarity, np.zeros(len(self._rarity))))
                    self._rarity[ident - _ID_BASE] = weight
        self._word_ids[lower] = ident
        return ident


class _Pieces(dict[str, bytes]):
    """Pieces of text read so far, looked up without a Python call per piece."""

    def __init__(self, read: Callable[[str], bytes]) -> None:
        super().__init__()
        self._read = read

    def __missing__(self, piece: str) -> bytes:
        value = self[piece] = self._read(piece)
        return value


_PACK_1 = struct.Struct("=Q").pack
_PACK_2 = struct.Struct("=2Q").pack
_UNSEEN = object()
_LEXICON = _Lexicon()


def _lexicon() -> _Lexicon:
    """The lexicon to read an article with; a fresh one once it holds too many pieces (an
    article being read elsewhere keeps the one it started with)."""
    global _LEXICON
    if len(_LEXICON.pieces) >= settings.current().lexicon_pieces:
        _LEXICON = _Lexicon()
    return _LEXICON


def reset_lexicon() -> None:
    """Start the next article with an empty lexicon (features never depend on what it held)."""
    global _LEXICON
    _LEXICON = _Lexicon()


def _log_counts(most: int) -> np.ndarray:
    """``1 + math.log(c)`` by count c, for counts up to ``most`` at least."""
    global _LOG_COUNTS
    table = _LOG_COUNTS
    if most >= len(table):
        table = _LOG_COUNTS = np.array([0.0] + [1.0 + math.log(c) for c in range(1, 2 * most)])
    return table


_LOG_COUNTS = np.array([0.0] + [1.0 + math.log(c) for c in range(1, 256)])


def normal_term(word: str) -> str | None:
    """The compared form of a word: lower case, no possessive, a plural folded; None if it is
    too short or too common to tell stories apart."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) < 2 or (len(word) < 3 and not word.isdigit()) or zipf(word) >= _COMMON:
        return None
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        singular = word[:-3] + "y" if word.endswith("ies") else word[:-1]
        if zipf(singular) >= zipf(word):  # "earthquakes" folds; "Dallas" does not
            return singular
    return word


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """English frequency on the Zipf scale (0 unseen, 7+ for "the"); a fixed, shipped table.

    wordfreq tokenizes every word it is asked about (Unicode regexes, ~25 us), most of the cost
    of a corpus's first articles. It reads a word of plain lower-case letters, several joined
    by hyphens, or a number as just those tokens, so those are looked up and combined here as
    wordfreq does (a test checks the values against wordfreq's)."""
    if word.isascii() and word.isalpha() and word.islower():  # most words: one table entry
        frequency = _english().get(word)
        value = _ZIPF_OF_FREQUENCY.get(frequency)
        if value is None:
            value = _ZIPF_OF_FREQUENCY[frequency] = _zipf_of_tokens([word])
        return value
    if word.isascii() and word.islower():
        parts = word.split("-")
        if all(part.isalpha() for part in parts):
            return _zipf_of_tokens(parts)
    if word.isascii() and _NUMBER.fullmatch(word):  # "2019", "1,000", "3.5": one token
        return _zipf_of_tokens([word])
    return zipf_frequency(word, "en")


def _zipf_of_tokens(tokens: list[str]) -> float:
    """``zipf_frequency`` of a word that wordfreq reads as these tokens: its
    ``_word_frequency`` (digits estimated, 1/f = 1/f1 + 1/f2 + ...) rounded in just this way."""
    table = _english()
    minimum = _UNSEEN_FREQUENCY
    reciprocal = 0.0
    for token in tokens:
        smashed = smash_numbers(token) if token[0].isdigit() else token
        frequency = table.get(smashed)
        if frequency is None:
            return round(freq_to_zipf(minimum), 2)
        if smashed != token:
            frequency *= digit_freq(token)
        reciprocal += 1.0 / frequency
    unrounded = max(1.0 / reciprocal, minimum)
    rounded = round(unrounded, math.floor(-math.log(unrounded, 10)) + 3)
    return round(freq_to_zipf(rounded), 2)


@cache
def _english() -> dict[str, float]:
    return get_frequency_dict("en")


_UNSEEN_FREQUENCY = zipf_to_freq(0.0)  # what zipf_frequency's minimum of 0 stands for
_ZIPF_OF_FREQUENCY: dict[float | None, float] = {}  # a table entry (or none) -> its Zipf value


def rarity(key: str) -> float:
    """How much sharing this word says: ~0 for "the", up to 5.5 for words English rarely uses."""
    return max(0.0, _ZIPF_CEILING - max(zipf(key), _ZIPF_FLOOR))


def _entity_weights(article: Article) -> dict[str, float]:
    """Entity keys: a person by surname (so "Reid" in one article meets "Tara Reid" in
    another), anything else by its normalised name; weighted by mentions and rarity."""
    names = [
        (m.text, m.label)
        for m in article.entities
        if m.label != ROLE_LABEL and m.label in _ENTITY_LABELS
    ]
    surnames = {key for text, label in names if label == "PERSON" and (key := _surname(text))}
    counts: Counter[str] = Counter()
    for text, label in names:
        key = _surname(text) if label == "PERSON" else name_key(text)
        if key and len(text.split()) == 1 and name_key(text) in surnames:
            key = name_key(text)  # "Horton" tagged as a place, where a Zurana Horton is named
        if key and len(key) > 1:
            counts[key] += 1
    return {k: (1.0 + math.log(c)) * max(rarity(k), 1.0) for k, c in counts.items()}


def _surname(name: str) -> str:
    """The family name a person is compared by (the last part, a "Jr." left out)."""
    parts = [p for p in name.split() if name_key(p) not in _SUFFIXES]
    return name_key(parts[-1]) if parts else ""


def _top(weights: dict[str, float], n: int) -> tuple[tuple[str, ...], tuple[float, ...]]:
    """The ``n`` heaviest keys (ties by key) and their weights scaled to unit length."""
    return _top_of(list(weights), np.fromiter(weights.values(), float, len(weights)), n)


def _top_of(
    keys: list[str], weights: np.ndarray, n: int
) -> tuple[tuple[str, ...], tuple[float, ...]]:
    """``_top`` of keys and their weights in parallel: ordered in numpy (heaviest first, ties
    by key), scaled with the same float operations in the same order, rounded as ``round``."""
    if not keys:
        return (), ()
    rank = np.empty(len(keys), dtype=np.intp)  # each key's place in key order
    rank[sorted(range(len(keys)), key=keys.__getitem__)] = np.arange(len(keys))
    order = np.lexsort((rank, -weights))[:n]
    best = weights[order]
    norm = math.sqrt(sum((best * best).tolist())) or 1.0  # Python's sum: the same additions
    return tuple(map(keys.__getitem__, order.tolist())), _round5(best / norm)


def _round5(values: np.ndarray) -> tuple[float, ...]:
    """``round(v, 5)`` of each value, in numpy. ``round`` gives the double nearest to the
    exact value rounded to 5 decimals; so does k / 1e5 (one correctly rounded division) with
    k = rint(v * 1e5), unless v * 1e5 lies so near a half that the product's own rounding
    could tip it: those few go through ``round`` itself."""
    scaled = values * 1e5
    whole = np.rint(scaled)
    rounded = (whole / 1e5).tolist()
    for i in np.flatnonzero(np.abs(np.abs(scaled - whole) - 0.5) < 1e-6).tolist():
        rounded[i] = round(float(values[i]), 5)
    return tuple(rounded)


def _dates(article: Article) -> tuple[tuple[int, ...], tuple[date, ...]]:
    """Years the text names (most named first) and the exact days it names, in order."""
    years: Counter[int] = Counter()
    days: set[date] = set()
    for timex in article.timexes:
        if timex.type != "DATE":
            continue
        m = _YEAR_VALUE.match(timex.value)
        if not m:
            continue
        years[int(m.group(1))] += 1
        if m.group(3) and timex.start is not None:
            days.add(timex.start)
    ranked = sorted(years, key=lambda y: (-years[y], -y))
    return tuple(ranked), tuple(sorted(days))
