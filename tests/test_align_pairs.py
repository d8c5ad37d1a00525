"""The sentence-pair model behind facts: candidates, features, the shipped weights, grouping."""

from __future__ import annotations

import math

from lined_articles import lined_article as _article
from newsfuse.align import align_story, sentence_units
from newsfuse.align.compare import Weights
from newsfuse.align.pairs import (
    FEATURES,
    PairModel,
    candidates,
    default_model,
    features,
    mean_candidates,
)

A = _article(
    "a",
    "The ministers signed the fishing treaty in Oslo after long talks.\n"
    "Heavy rain flooded farmland across the southern valley overnight.",
)
B = _article(
    "b",
    "Ministers from both countries signed a fishing treaty in Oslo on Monday.\n"
    "The central bank left its interest rate unchanged at four percent.",
)


def test_shipped_model_matches_the_features_and_is_a_probability() -> None:
    model = default_model()
    assert len(model.weights) == len(FEATURES)
    assert 0.0 < model.threshold < 1.0
    assert 0.0 <= model.probability([0.0] * len(FEATURES)) <= 1.0


def test_candidates_pair_only_sentences_of_different_articles_that_share_a_key() -> None:
    views, _ = sentence_units([A, B], ())
    pairs = candidates(views, 2)
    assert pairs
    for i, j in pairs:
        assert views[i].claim.article_id != views[j].claim.article_id
        assert views[i].keys & views[j].keys
    texts = {(views[i].claim.text[:12], views[j].claim.text[:12]) for i, j in pairs}
    assert ("The minister", "Ministers fr") in texts


def test_features_rise_with_what_two_sentences_share() -> None:
    views, positions = sentence_units([A, B], ())
    pairs = candidates(views, 2)
    rows = dict(zip(pairs, features(views, pairs, Weights(views), positions), strict=True))
    treaty = next(r for (i, j), r in rows.items() if "treaty" in views[i].claim.text)
    cosine = FEATURES.index("cosine")
    assert treaty[cosine] > 0.3
    assert all(len(r) == len(FEATURES) for r in rows.values())


def test_a_restated_sentence_is_one_fact_and_the_rest_stand_alone() -> None:
    _, facts, _ = align_story([A, B], ())
    shared = [f for f in facts if len(f.supporting_articles) == 2]
    assert len(shared) == 1
    assert "treaty" in shared[0].text
    alone = {f.text for f in facts if len(f.supporting_articles) == 1}
    assert any("rain" in t for t in alone) and any("bank" in t for t in alone)


def test_a_model_that_never_links_leaves_every_sentence_alone() -> None:
    never = PairModel(tuple(0.0 for _ in FEATURES), -30.0, 0.5)
    _, facts, _ = align_story([A, B], (), model=never)
    assert all(len(f.supporting_articles) == 1 for f in facts)
    assert len(facts) == 4


def test_two_facts_backed_by_one_sentence_are_worded_apart() -> None:
    from newsfuse.align.facts import build_facts

    hub = _article("h", "Kim met Putin at the cosmodrome and then toured an aircraft plant.")
    met = _article("m", "Kim met Putin at the cosmodrome on Wednesday.")
    plant = _article("p", "Kim toured an aircraft plant in Komsomolsk.")
    views, _ = sentence_units([hub, met, plant], ())
    facts = build_facts(views, [[0, 1], [0, 2]], Weights(views), ["h", "m", "p"], {})
    texts = [fact.text for fact, _ in facts]
    assert len(set(texts)) == 2
    assert all(any(fact.text == views[i].claim.text for i in group) for fact, group in facts)


def test_more_candidates_per_article_lower_the_odds_of_each() -> None:
    views, _ = sentence_units([A, B], ())
    pairs = candidates(views, 2)
    model = PairModel(tuple(0.0 for _ in FEATURES), 0.0, 0.5, candidates=1.0)
    story = mean_candidates(views, pairs)
    assert story >= 1.0
    assert abs(model.shift(views, pairs) - math.log(1.0 / story)) < 1e-12
    assert PairModel(model.weights, 0.0, 0.5).shift(views, pairs) == 0.0  # no prior: none
    wide = PairModel(model.weights, 0.0, 0.5, candidates=2 * story)
    assert wide.probability([0.0] * len(FEATURES), wide.shift(views, pairs)) > 0.5
