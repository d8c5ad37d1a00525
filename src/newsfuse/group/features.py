"""Everything story grouping needs to know about one article, computed once and stored.

Grouping must give the same stories whatever order articles arrive in, so nothing here depends
on the rest of the corpus: words are weighted by a fixed table of English word frequencies
(wordfreq, shipped inside its wheel, so nothing is downloaded) and by counts within the
article itself. A corpus IDF would change every weight each time an article arrives.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from wordfreq import zipf_frequency

from newsfuse.extract.entities import ROLE_LABEL
from newsfuse.group.fingerprint import minhash_of
from newsfuse.link.entities import name_key
from newsfuse.model import Article

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
_YEAR_VALUE = re.compile(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?$")
_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT"})
_PLACES = frozenset({"GPE", "LOC", "FAC"})
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


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
        return _ENCODER.encode(data)

    @classmethod
    def from_json(cls, text: str) -> StoryFeatures:
        data = json.loads(text)
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
    years, days = _dates(article)
    terms, term_weights = _top(_term_weights(article), TOP_TERMS)
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
        minhash=minhash_of(_full_text(article)),
        words=article.word_count,
    )


def _full_text(article: Article) -> str:
    return f"{article.title}\n\n{article.text}" if article.title else article.text


def _term_weights(article: Article) -> dict[str, float]:
    """Log-scaled counts (title words count double) times how rare the word is in English."""
    counts: Counter[str] = Counter()
    for text, boost in ((article.title or "", _TITLE_BOOST), (article.text, 1.0)):
        for match in _WORD.finditer(_URL.sub(" ", text)):
            term = normal_term(match.group())
            if term:
                counts[term] += boost
    return {t: (1.0 + math.log(c)) * rarity(t) for t, c in counts.items() if rarity(t) > 0}


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
    """English frequency on the Zipf scale (0 unseen, 7+ for "the"); a fixed, shipped table."""
    return zipf_frequency(word, "en")


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
    best = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
    norm = math.sqrt(sum(w * w for _, w in best)) or 1.0
    return tuple(k for k, _ in best), tuple(round(w / norm, 5) for _, w in best)


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
