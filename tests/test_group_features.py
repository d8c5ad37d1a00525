"""Grouping features: the memoised, piece-by-piece reading gives exactly what the plain recipe
(regular expressions over the whole text, a dict of counts) gives; fast paths into wordfreq
agree with wordfreq; stored features carry their version and stale ones are refused."""

from __future__ import annotations

import json
import math
import random
from collections import Counter
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from wordfreq import get_frequency_dict, zipf_frequency

from newsfuse import settings as limits
from newsfuse.group import features as F
from newsfuse.group.features import (
    FEATURES_VERSION,
    TOP_TERMS,
    StaleFeatures,
    StoryFeatures,
    features_of,
    normal_term,
    rarity,
    zipf,
)
from newsfuse.group.fingerprint import minhash_of
from newsfuse.model import Article

FRAGMENTS = [
    *"Earthquakes earthquake Dallas Dallas’s Reuters said the of a storms storm’s".split(),
    *"so-called COVID-19 U.S. 2019 1,000 3.5 07 naïve Café ΟΔΟΣ 日本 don't Trump’s".split(),
    *"rock-’n’-roll e-mail x http://t.co/a?b=1 www.example.com/x (AP) “We said.” —".split(),
    *"Zorblat vexquin Plimsoth children’s companies 2023-02-06 _id ﬁne İstanbul".split(),
]
SEPARATORS = [" ", " ", " ", ", ", ". ", "\n", "\t", "\xa0", "-", "'", "’"]
TEXTS = st.lists(
    st.tuples(st.sampled_from(FRAGMENTS), st.sampled_from(SEPARATORS)).map("".join),
    max_size=80,
).map("".join)


def reference(title: str | None, text: str) -> tuple[tuple[str, ...], tuple[float, ...]]:
    """Terms and weights as version 1 computed them: the specification the lexicon meets."""
    counts: Counter[str] = Counter()
    for part, boost in ((title or "", 2.0), (text, 1.0)):
        for match in F._WORD.finditer(F._URL.sub(" ", part)):
            term = normal_term(match.group())
            if term:
                counts[term] += boost
    weights = {t: (1.0 + math.log(c)) * rarity(t) for t, c in counts.items() if rarity(t) > 0}
    best = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_TERMS]
    norm = math.sqrt(sum(w * w for _, w in best)) or 1.0
    return tuple(k for k, _ in best), tuple(round(w / norm, 5) for _, w in best)


def article(text: str, title: str | None = None, aid: str = "a") -> Article:
    return replace(Article.from_text(aid, text), title=title)


@settings(max_examples=150, deadline=None)
@given(TEXTS, st.none() | TEXTS)
def test_features_equal_the_whole_text_recipe(text: str, title: str | None) -> None:
    features = features_of(article(text, title))
    assert (features.terms, features.term_weights) == reference(title, text)
    assert features.words == len(text.split())
    assert features.minhash == minhash_of(f"{title}\n\n{text}" if title else text)


def test_features_do_not_depend_on_what_was_read_before() -> None:
    rng = random.Random(3)
    texts = [" ".join(rng.choices(FRAGMENTS, k=60)) for _ in range(30)]
    articles = [article(t, title=t[:40], aid=str(i)) for i, t in enumerate(texts)]
    F.reset_lexicon()
    forward = [features_of(a) for a in articles]
    F.reset_lexicon()
    with limits.overridden(lexicon_pieces=25):  # a fresh lexicon every few articles
        backward = [features_of(a) for a in reversed(articles)]
    assert forward == backward[::-1]


def test_title_terms_count_double_and_ties_go_by_key() -> None:
    features = features_of(article("Vexquin vexquin plimsoth.", title="Zorblat"))
    assert features.terms == ("vexquin", "zorblat", "plimsoth")  # 2 against 2.0: by key
    assert features.term_weights[0] == features.term_weights[1] > features.term_weights[2]
    assert features_of(article("")).terms == ()
    assert features_of(article("")).minhash == ()


def test_fast_zipf_equals_wordfreq() -> None:
    """Plain words, hyphenated ones and numbers are looked up without wordfreq's tokenizer."""
    rng = random.Random(5)
    table = sorted(w for w in get_frequency_dict("en") if w.isascii() and w.isalpha())
    words = [*rng.sample(table, 3000), "zorblat", "qqqq", "a", "said"]
    words += ["-".join(rng.sample(table, rng.randint(2, 3))) for _ in range(600)]
    words += ["so-called", "zorblat-vexquin", "e-mail", "a-", "-a", "a--b"]
    words += [str(rng.randint(0, 10 ** rng.randint(1, 9))) for _ in range(300)]
    words += ["2019", "1999", "2040", "1,000", "3.5", "07", "1.000.000", "10,5"]
    words += ["naïve", "don't", "u.s", "covid-19", "日本"]
    for word in words:
        assert zipf.__wrapped__(word) == zipf_frequency(word, "en"), word


def test_round5_equals_round() -> None:
    rng = random.Random(9)
    values = [rng.random() for _ in range(5000)]
    values += [(rng.randint(0, 99999) + 0.5) / 1e5 for _ in range(5000)]  # halves, or near
    values += [1.0, 0.0, 0.123455, 0.000005, 0.999995, 0.5]
    assert F._round5(np.array(values)) == tuple(round(v, 5) for v in values)


def test_json_round_trip_carries_the_version() -> None:
    features = features_of(article("Zorblat vexquin met in Plimsoth on 6 February.", "Zorblat"))
    data = json.loads(features.to_json())
    assert data["version"] == FEATURES_VERSION
    assert StoryFeatures.from_json(features.to_json()) == features


@pytest.mark.parametrize("version", [None, 1, FEATURES_VERSION + 1])
def test_stale_features_are_refused(version: int | None) -> None:
    data = json.loads(features_of(article("Zorblat vexquin met in Plimsoth.")).to_json())
    if version is None:
        del data["version"]
    else:
        data["version"] = version
    with pytest.raises(StaleFeatures, match="compute them again"):
        StoryFeatures.from_json(json.dumps(data))
    assert issubclass(StaleFeatures, ValueError)
