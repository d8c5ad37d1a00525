"""The words a summary is judged by: content terms, and how much the whole story shares each.

A story's account should say what the outlets agree on. A cheap and robust signal of that is
vocabulary: a word that several outlets (or their headlines) use is about the story, a word one
outlet alone uses is colour. Terms are lower-cased and lightly stemmed ("talks" = "talk") so
that inflections count as one; function words carry no weight.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache

from newsfuse.model import Article

# Function words and reporting verbs: present in every sentence of every outlet, so they say
# nothing about which sentence carries the story.
STOPWORDS = frozenset(
    """a an the and or but nor of to in on at for with by from as is are was were be been being
    has have had do does did it its this that these those he she they we you i his her their our
    your him them us me my not no so if than then there here who whom which what when where why
    how will would can could should may might must shall also just said says say saying told
    about after before over under into out up down more most some any all one new mr ms mrs dr
    s t get got make made like even much many very too only other such own same again still yet
    while during through per via being because since until whether both each few""".split()
)
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_SUFFIXES = ("ing", "ed", "es", "s")


@lru_cache(maxsize=1 << 17)
def stem(word: str) -> str:
    """A light suffix stripper: enough to merge plurals and tenses, never shortens a stem below
    four letters (so "news" and "bus" stay themselves). Cached: a story's words repeat, and
    every sentence is stemmed twice (story weights, candidates)."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def terms(text: str) -> list[str]:
    """The stemmed content words of a text, in order, with repeats."""
    stems = (stem(token) for token in _TOKEN.findall(text))
    return [s for s in stems if s and s not in STOPWORDS]


def word_count(text: str) -> int:
    return len(text.split())


def cosine(a: Counter[str], b: Counter[str]) -> float:
    """Cosine similarity of two term-count vectors (0 when either is empty)."""
    if len(a) > len(b):
        a, b = b, a
    dot = sum(count * b[term] for term, count in a.items() if term in b)
    if not dot:
        return 0.0
    norm = math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))
    return dot / norm


def shared_weights(
    articles: Sequence[Article], *, headline_weight: float = 1.0, entity_boost: float = 0.5
) -> dict[str, float]:
    """Each term's weight: in how many articles beyond the first it appears, plus how many
    headlines use it; a term inside a named entity counts ``1 + entity_boost`` times.

    A term used by one article only weighs 0 (unless a headline uses it): the summary should
    rest on what outlets share, which is what a neutral roundup reports.
    """
    in_articles: Counter[str] = Counter()
    in_headlines: Counter[str] = Counter()
    named: set[str] = set()
    for article in articles:
        headline = set(terms(article.title or ""))
        in_articles.update(set(terms(article.text)) | headline)
        in_headlines.update(headline)
        named.update(t for mention in article.entities for t in terms(mention.text))
    return {
        term: ((count - 1) + headline_weight * in_headlines[term])
        * (1 + entity_boost * (term in named))
        for term, count in in_articles.items()
    }


def weigh(items: Iterable[str], weights: dict[str, float]) -> float:
    return sum(weights.get(item, 0.0) for item in items)
