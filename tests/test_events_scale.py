"""The clustering's shortcuts for long stories change no result: scoring only the clusters
that share a context word (positive thresholds), postings cut short past ``_COMMON``."""

from __future__ import annotations

import random

import pytest

from newsfuse.events import coref
from newsfuse.events.coref import EventMention, Params, cluster

_WORDS = [f"w{k}" for k in range(60)] + ["oil", "gulf", "well"] * 20


def _story(seed: int, n: int) -> list[EventMention]:
    rng = random.Random(seed)
    lemmas = ["spill", "leak", "have", "kill", "murder", "explode", "explosion"]
    out = []
    for i in range(n):
        words = rng.sample(_WORDS, rng.randint(0, 5))
        out.append(
            EventMention(
                id=i,
                doc=f"d{rng.randint(0, 30)}",
                trigger="x",
                lemma=rng.choice(lemmas),
                sentence=" ".join(words),
                participants=tuple(rng.sample(["BP", "Obama", "Hayward"], rng.randint(0, 1))),
                times=tuple(rng.sample(["2010-04-20", "2010-05-01"], rng.randint(0, 1))),
                roles=(("agent", rng.choice(["bp", "obama"])), ("patient", rng.choice("ab"))),
            )
        )
    return out


def _every_cluster(clusters, postings, vector, sharing=False):  # type: ignore[no-untyped-def]
    """The candidates without the shortcut for small blocks (what was scored before)."""
    return _original(clusters, postings, vector, False)


_original = coref._candidates


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize(
    "params",
    [
        Params(same_key=0.2, synonym=0.3, conflict=1.0),
        Params(same_key=0.2, synonym=0.3, conflict=1.0, shared_roles=0),
        Params(0.05, 0.1, 0.0),
        Params(),
    ],
)
def test_shortcuts_change_no_cluster(
    seed: int, params: Params, monkeypatch: pytest.MonkeyPatch
) -> None:
    mentions = _story(seed, 1500)  # blocks of hundreds of clusters, words in hundreds
    fast = cluster(mentions, params=params)
    monkeypatch.setattr(coref, "_candidates", _every_cluster)
    assert cluster(mentions, params=params) == fast


def test_postings_are_cut_short_past_common() -> None:
    postings: dict[str, tuple[int, ...]] = {}
    for c in range(3 * coref._COMMON):
        coref._post(postings, c, {"oil": 1.0})
    assert len(postings["oil"]) == coref._COMMON + 1
