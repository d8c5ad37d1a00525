"""Event coreference over hand-built mentions: keys, synonym families, speech acts, splits."""

from __future__ import annotations

from newsfuse.events.coref import EventMention, Params, canonical_keys, cluster


def _m(
    mid: str, doc: str, trigger: str, lemma: str, sentence: str, **kw: tuple[object, ...]
) -> EventMention:
    return EventMention(mid, doc, trigger, lemma, sentence, **kw)


def _as_sets(clusters: list[list[object]]) -> set[frozenset[object]]:
    return {frozenset(c) for c in clusters}


def test_suffix_rules_only_fire_on_lemmas_of_the_story() -> None:
    keys = canonical_keys(["shooting", "shoot", "checks", "check", "thing", "death"])
    assert keys["shooting"] == "shoot"
    assert keys["checks"] == "check"
    assert keys["thing"] == "thing"  # "th" is no lemma here
    assert keys["death"] == "die"  # from the derivation table


def test_derived_forms_and_synonyms_share_a_cluster() -> None:
    ms = [
        _m("a", "d1", "shooting", "shooting", "The shooting left two dead."),
        _m("b", "d2", "shot", "shoot", "A gunman shot two people."),
        _m("c", "d1", "killed", "kill", "Two people were killed."),
        _m("d", "d2", "murdered", "murder", "They were murdered on Sunday."),
        _m("e", "d3", "died", "die", "Both victims died in hospital."),
        _m("f", "d3", "arrested", "arrest", "Police arrested a suspect."),
    ]
    assert _as_sets(cluster(ms)) == {
        frozenset("ab"),
        frozenset("cde"),
        frozenset("f"),
    }


def test_each_speech_act_is_its_own_event() -> None:
    """Within one article or across, two "said" are two statements (in ECB+ dev only 8 of 34
    same-article "say" pairs corefer)."""
    ms = [
        _m("a", "d1", "said", "say", "Police said the man fled."),
        _m("b", "d2", "said", "say", "A witness said she heard shots."),
        _m("c", "d1", "said", "say", "Police said the man was armed."),
    ]
    assert _as_sets(cluster(ms)) == {frozenset("a"), frozenset("b"), frozenset("c")}


def test_conflicting_times_split_a_lemma_cluster_when_asked() -> None:
    ms = [
        _m("a", "d1", "fell", "fall", "A climber fell on Mount Cook.", times=("Monday",)),
        _m("b", "d2", "fell", "fall", "A climber fell near the glacier.", times=("Monday",)),
        _m("c", "d3", "fell", "fall", "Another climber fell in 2010.", times=("2010",)),
    ]
    assert len(cluster(ms)) == 1  # the defaults merge the block
    strict = Params(same_key=-0.5, conflict=1.0)
    assert _as_sets(cluster(ms, params=strict)) == {frozenset("ab"), frozenset("c")}


def test_context_threshold_separates_unrelated_uses() -> None:
    ms = [
        _m("a", "d1", "fire", "fire", "Fire crews fought the warehouse fire overnight."),
        _m("b", "d2", "fire", "fire", "The warehouse fire burned overnight despite fire crews."),
        _m("c", "d3", "fire", "fire", "The board voted to fire the chief executive."),
    ]
    got = _as_sets(cluster(ms, params=Params(same_key=0.2)))
    assert got == {frozenset("ab"), frozenset("c")}


def test_dense_vectors_are_used_when_an_embedder_is_given() -> None:
    import numpy as np

    table = {"x one": [1.0, 0.0], "x two": [0.9, 0.1], "x three": [0.0, 1.0]}

    def embed(texts: object) -> np.ndarray:
        return np.array([table[t] for t in texts])  # type: ignore[union-attr]

    ms = [_m(str(i), f"d{i}", "x", "x", s) for i, s in enumerate(table)]
    got = _as_sets(cluster(ms, embed=embed, params=Params(same_key=0.5)))
    assert got == {frozenset({"0", "1"}), frozenset({"2"})}


def test_empty_input_and_every_mention_once() -> None:
    assert cluster([]) == []
    ms = [_m(str(i), f"d{i % 3}", "attack", "attack", f"Attack number {i}.") for i in range(50)]
    flat = [x for c in cluster(ms) for x in c]
    assert sorted(flat) == sorted(m.id for m in ms)


def test_different_words_with_the_same_agent_and_patient_join() -> None:
    """Two words for one event: the arguments agree in two roles, one of them core; a
    sentence that names both stays two events ("shot and killed")."""
    agent, patient = ("agent", "microsoft"), ("patient", "patch")
    ms = [
        _m("a", "d1", "released", "release", "Microsoft released a patch.", roles=(agent, patient)),
        _m("b", "d2", "pushed", "push", "Microsoft pushed the patch.", roles=(agent, patient)),
        _m("c", "d3", "promised", "promise", "Microsoft promised.", roles=(agent,)),
        _m(
            "d",
            "d4",
            "shot",
            "shoot",
            "Police shot and killed him.",
            roles=(agent, ("patient", "man")),
        ),
        _m(
            "e",
            "d4",
            "killed",
            "kill",
            "Police shot and killed him.",
            roles=(agent, ("patient", "man")),
        ),
    ]
    assert _as_sets(cluster(ms)) == {
        frozenset("ab"),
        frozenset("c"),
        frozenset("d"),
        frozenset("e"),
    }
    assert len(cluster(ms, params=Params(shared_roles=0))) == 5
