"""Does the static word model (``newsfuse.extract._static``) pay for fact alignment?

    python -m bench.static_check [--data ../shared/data/account/neus-account-dev.jsonl]

(a) The nearest neighbours of some news words, as a sanity check of the shipped vectors.
(b) The fact-alignment bench of ``bench.account_fit``, with soft-overlap features appended to
    each candidate pair's row: ``soft_f1`` (BERTScore-style greedy F1 of the two sentences'
    content words by static-vector cosine, words weighted by the story's IDF of their key),
    ``soft_margin`` (soft_f1 over the mean of each side's best three soft_f1 among its
    candidate pairs, as ``margin`` does for the cosine) and ``text_cos`` (cosine of the
    IDF-weighted mean word vectors). The features are added by replacing the ``features``
    and ``FEATURES`` that ``bench.account_fit`` imported, not those of ``newsfuse.align.pairs``.
    This experiment is what put ``soft_overlap`` into the shipped model (held-out half 2 pair
    F1 0.658 -> 0.693 against the ten features of then); run now, it measures these features
    on top of the shipped ones, which already include it. The pairs are
    collected once with every extra feature, and each variant fits on its columns: fit on half
    1, scored on half 1 and on half 2 (held out) at fixed thresholds and at the one of
    ``bench.account_fit.THRESHOLDS`` best on half 1. An experiment: nothing is written.
(c) With ``--ecb PATH`` (the ECB+ folder), event coreference on gold mentions as
    ``bench.events`` runs it, with the context similarity inside a lemma block taken from
    (i) the default TF-IDF context vectors, (ii) static-vector sentence vectors (model2vec's
    SIF-weighted mean, through ``cluster``'s ``embed`` hook) and (iii) the full MiniLM
    sentence vectors (``bench.events.minilm_embedder``), for a sweep of the join threshold
    (``Params.same_key`` = ``Params.synonym``): chosen on the odd topics, reported on the even.
    The hook only sees sentences, so a static trigger similarity (joining the blocks of
    different lemmas) cannot be tried without changing ``newsfuse.events``.
"""

from __future__ import annotations

import argparse
import re
import time
from collections import defaultdict
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path

import numpy as np

import bench.account_fit as fit_module
from bench.account import DEFAULT_DATA
from newsfuse.align.compare import ClaimView, Weights
from newsfuse.align.pairs import FEATURES, PairModel
from newsfuse.extract import _static

NEWS_WORDS = (
    "fired dismissed quake elected killed summit arrested border troops vaccine sanctions "
    "ceasefire protest resigned flood wildfire missile talks injured hostage"
).split()
EXTRA = ("soft_f1", "soft_margin", "text_cos")
VARIANTS = {
    "baseline": (),
    "+soft_f1": ("soft_f1",),
    "+soft_f1 +soft_margin": ("soft_f1", "soft_margin"),
    "+text_cos": ("text_cos",),
    "+all three": EXTRA,
}
FIXED = (0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
_original_features = fit_module.features


def neighbours(words: Sequence[str], k: int = 6) -> None:
    table = _static.load()
    names = sorted(table.index, key=table.index.__getitem__)
    for word in words:
        i = table.lookup(word)
        if i is None:
            print(f"  {word:10} (no vector)")
            continue
        sims = table.unit @ table.unit[i]
        sims[i] = -1.0
        best = np.argsort(-sims)[:k]
        print(f"  {word:10} " + ", ".join(f"{names[j]} {sims[j]:.2f}" for j in best))


def _bags(views: Sequence[ClaimView], weights: Weights) -> list[_static.Bag]:
    bags = []
    for v in views:
        content = {}
        for w in v.words:
            if w.content:
                content.setdefault(w.text.lower(), weights(w.key))
        bags.append(_static.bag(list(content), content))
    return bags


def _text_vectors(views: Sequence[ClaimView], weights: Weights) -> list[np.ndarray | None]:
    out = []
    for v in views:
        content = {w.text.lower(): weights(w.key) for w in v.words if w.content}
        out.append(_static.text_vector(list(content), content))
    return out


def features_with_static(views, pairs, weights, positions):
    """``pairs.features`` with ``EXTRA`` appended to each row."""
    rows = _original_features(views, pairs, weights, positions)
    if not pairs:
        return rows
    bags = _bags(views, weights)
    vectors = _text_vectors(views, weights)
    soft = [_static.bag_overlap(bags[i], bags[j]) for i, j in pairs]
    best: dict[int, list[float]] = defaultdict(list)
    for (i, j), s in zip(pairs, soft, strict=True):
        best[i].append(s)
        best[j].append(s)
    typical = {i: float(np.mean(sorted(s, reverse=True)[:3])) for i, s in best.items()}
    out = []
    for row, (i, j), s in zip(rows, pairs, soft, strict=True):
        margin = s / max(1e-9, (typical[i] + typical[j]) / 2)
        a, b = vectors[i], vectors[j]
        cos = float(a @ b) if a is not None and b is not None else 0.0
        out.append((*row, s, margin, cos))
    return out


def _project(stories, columns: Sequence[int]):
    """Copies of the collected stories whose rows keep only ``columns``."""
    out = []
    for s in stories:
        copy = object.__new__(type(s))
        copy.gold = s.gold
        copy.parts = [
            (views, pairs, [tuple(r[c] for c in columns) for r in rows], locs, labels)
            for views, pairs, rows, locs, labels in s.parts
        ]
        out.append(copy)
    return out


def _line(name: str, s: dict[str, float]) -> str:
    return (
        f"{name:8} P {s['pair_p']:.3f} R {s['pair_r']:.3f} F1 {s['pair_f1']:.3f} "
        f"found {s['fact_found']:.3f}"
    )


_TOKEN = re.compile(r"[A-Za-z]+")
ECB_THRESHOLDS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


def static_embedder(texts: Sequence[str]) -> np.ndarray:
    """model2vec's sentence vector: the SIF-weighted mean of the words' static vectors."""
    table = _static.load()
    out = np.zeros((len(texts), table.dims), dtype=np.float32)
    for k, text in enumerate(texts):
        v = _static.text_vector(_TOKEN.findall(text))
        if v is not None:
            out[k] = v
    return out


def events_check(data: Path) -> None:
    """ECB+ CoNLL F1 (gold mentions) for each context similarity and join threshold."""
    from bench import events as ev
    from bench.coref_metrics import conll
    from newsfuse.events.coref import Params

    corpus = ev.load(data)
    parses = ev.parse_sentences(corpus.sentences)
    mentions = {}
    for m in corpus.mentions:
        key = (m.doc, m.sentence)
        head = ev.head_of(parses[key], m.tokens)
        mentions[m.id] = ev.to_event_mention(m.id, m.doc, corpus.sentences[key], parses[key], head)
    halves = {}
    for name, parity in (("odd", 1), ("even", 0)):
        ms = [m for m in corpus.mentions if int(re.match(r"\d+", m.subtopic)[0]) % 2 == parity]
        by_sub: dict[str, list] = defaultdict(list)
        for m in ms:
            by_sub[m.subtopic].append(mentions[m.id])
        halves[name] = (ev.gold_clusters(ms), dict(by_sub))
    started = time.perf_counter()
    embedders = {"tf-idf context": None, "static vectors": static_embedder}
    try:
        embedders["MiniLM sentences"] = ev.minilm_embedder()
    except (ImportError, SystemExit) as e:
        print(f"  (MiniLM row skipped: {e})")
    print("\n(c) ECB+ event coreference, gold mentions, CoNLL F1 by join threshold (odd|even)")
    for name, embed in embedders.items():
        if embed is not None:
            embed = _memo(embed, {})
        cells = []
        best = (-1.0, 0.0, 0.0)
        for t in ECB_THRESHOLDS:
            params = Params(same_key=t, synonym=t)
            scores = []
            for key, by_sub in halves.values():
                scores.append(float(conll(key, ev.our_clusters(by_sub, embed, params))["conll"]))
            cells.append(f"{t:.1f}: {scores[0]:.3f}|{scores[1]:.3f}")
            best = max(best, (scores[0], -t, scores[1]))
        print(f"  {name:17} " + "  ".join(cells))
        print(f"  {'':17} best on odd: t={-best[1]:.1f}, odd {best[0]:.3f}, even {best[2]:.3f}")
    print(f"  ({time.perf_counter() - started:.0f} s)")
    trigger_check(halves, conll, ev.our_clusters)


def trigger_check(halves, conll, our_clusters) -> None:
    """Static trigger similarity across lemma blocks, tried from outside ``newsfuse.events``:
    within a sub-topic, clusters (ours, or one per head lemma) whose mean trigger-lemma
    vectors have cosine >= t are joined (single link)."""
    print("  joining clusters of similar triggers (static lemma vectors), CoNLL F1 odd|even")
    for name in ("ours", "head lemma"):
        cells = []
        for t in (1.01, 0.9, 0.8, 0.7, 0.6):
            scores = []
            for key, by_sub in halves.values():
                response: list[list[str]] = []
                for sub, ms in sorted(by_sub.items()):
                    if name == "ours":
                        base = our_clusters({sub: ms})
                    else:
                        lemma: dict[str, list[str]] = defaultdict(list)
                        for m in ms:
                            lemma[m.lemma.lower()].append(str(m.id))
                        base = list(lemma.values())
                    response.extend(_join_similar(base, {str(m.id): m.lemma for m in ms}, t))
                scores.append(float(conll(key, response)["conll"]))
            label = "none" if t > 1 else f"{t:.1f}"
            cells.append(f"{label}: {scores[0]:.3f}|{scores[1]:.3f}")
        print(f"  {name:17} " + "  ".join(cells))


def _join_similar(clusters: list[list[str]], lemmas: dict[str, str], t: float):
    if t > 1:
        return clusters
    vectors = []
    for c in clusters:
        vs = [v for m in c if (v := _static.vector(lemmas[m])) is not None]
        mean = np.mean(vs, axis=0) if vs else None
        vectors.append(None if mean is None else mean / (np.linalg.norm(mean) or 1.0))
    parent = list(range(len(clusters)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, a in enumerate(vectors):
        for j in range(i + 1, len(clusters)):
            b = vectors[j]
            if a is not None and b is not None and float(a @ b) >= t:
                parent[find(i)] = find(j)
    joined: dict[int, list[str]] = defaultdict(list)
    for i, c in enumerate(clusters):
        joined[find(i)].extend(c)
    return list(joined.values())


def _memo(embed, cache: dict[str, np.ndarray]):
    """Embed each distinct sentence once across the threshold sweep."""

    def run(texts: Sequence[str]) -> np.ndarray:
        todo = [t for t in texts if t not in cache]
        if todo:
            cache.update(zip(todo, embed(todo), strict=True))
        return np.stack([cache[t] for t in texts])

    return run


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--ecb", type=Path, help="the ECB+ folder: also run (c)")
    args = parser.parse_args(argv)

    print("(a) nearest neighbours (cosine of the shipped 64-d vectors)")
    neighbours(NEWS_WORDS)

    all_features = (*FEATURES, *EXTRA)
    fit_module.features = features_with_static
    fit_module.FEATURES = all_features
    started = time.perf_counter()
    train_all = fit_module.collect(args.data, 1)
    test_all = fit_module.collect(args.data, 2)
    print(f"\n(b) fact pairs, account dev (collected in {time.perf_counter() - started:.0f} s)")
    for name, extra in VARIANTS.items():
        columns = [all_features.index(f) for f in (*FEATURES, *extra)]
        train, test = _project(train_all, columns), _project(test_all, columns)
        weights, bias = fit_module.fit(train)
        best = max(
            fit_module.THRESHOLDS,
            key=lambda t, w=weights, b=bias: (
                fit_module.evaluate(train, PairModel(w, b, t))["pair_f1"],
                -t,
            ),
        )
        print(f"\n{name}: weights of the extra features "
              f"{[round(weights[c], 2) for c in range(len(FEATURES), len(columns))]}, "
              f"best threshold on half 1: {best}")  # fmt: skip
        for t in sorted({*FIXED, best}):
            model = PairModel(weights, bias, t)
            mark = "*" if t == best else " "
            print(f" {mark}t={t:.2f}  "
                  f"{_line('half 1', fit_module.evaluate(train, model))}  |  "
                  f"{_line('half 2', fit_module.evaluate(test, model))}")  # fmt: skip
    timings(train_all + test_all)
    if args.ecb:
        events_check(args.ecb)


def timings(stories) -> None:
    """Microseconds per call over the account stories' real sentences and candidate pairs."""
    views = [v for s in stories for p in s.parts for v in p[0]]
    parts = [p for s in stories for p in s.parts]
    words = [[w.text for w in v.words if w.content] for v in views]
    started = time.perf_counter()
    bags = [_static.bag(ws) for ws in words]
    per_bag = (time.perf_counter() - started) / len(words) * 1e6
    started = time.perf_counter()
    n_pairs = 0
    for p in parts:
        local = [_static.bag([w.text for w in v.words if w.content]) for v in p[0]]
        for i, j in p[1]:
            _static.bag_overlap(local[i], local[j])
        n_pairs += len(p[1])
    both = time.perf_counter() - started
    started = time.perf_counter()
    for a, b in pairwise(bags):
        _static.bag_overlap(a, b)
    per_overlap = (time.perf_counter() - started) / max(len(bags) - 1, 1) * 1e6
    started = time.perf_counter()
    for a, b in pairwise(words):
        _static.soft_overlap(a, b)
    per_soft = (time.perf_counter() - started) / max(len(words) - 1, 1) * 1e6
    started = time.perf_counter()
    for ws in words:
        _static.text_vector(ws)
    per_text = (time.perf_counter() - started) / len(words) * 1e6
    started = time.perf_counter()
    for ws in words:
        for w in ws:
            _static.vector(w)
    n_words = sum(map(len, words))
    per_word = (time.perf_counter() - started) / max(n_words, 1) * 1e6
    print(f"\n(d) timings on {len(views)} sentences ({n_words} content words), one core: "
          f"bag {per_bag:.1f} us, bag_overlap {per_overlap:.1f} us, soft_overlap (words) "
          f"{per_soft:.1f} us, text_vector {per_text:.1f} us, vector {per_word:.2f} us; "
          f"bags + {n_pairs} candidate pairs of all stories {both:.2f} s")  # fmt: skip


if __name__ == "__main__":
    main()
