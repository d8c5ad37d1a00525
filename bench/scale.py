"""Ingest at scale: every article text in ../shared/data through ingest into a fresh store.

    python -m bench.scale [--data ../shared/data] [--limit N] [--analysis rules|spacy]
                          [--cache DIR] [--jobs J] [--hold-out K]

The stream (``bench._stream``): ~14,800 texts (6.2M words) from every dataset, by date.
Ingest has two halves, timed apart because their costs differ by orders of magnitude:

1. **prepare**: cleaning (``pipeline.clean_documents``, batches of 200, as ingest does) and
   analysis. ``--analysis rules`` (default) leaves spaCy out: time expressions by rules, no
   sentences or entities, so grouping sees words, dates and copies but no entity names.
   ``--analysis spacy`` is the real language layer (~5k words/s a core: over 20 CPU-minutes
   for the whole stream; ``--jobs`` runs batches in parallel). ``--cache DIR`` keeps prepared
   batches, so a later run (or a resumed one) skips this half for them.
2. **group + store**: ``ingest_run.StoryWriter`` on each prepared article (grouping
   features, online story grouping, syndication, SQLite transactions of up to
   ``ingest_run.FLUSH_ARTICLES`` articles, as ingest commits them) into a fresh store, in a
   forked process so its peak memory is its own. Features are computed first and timed apart
   (they are per article and pure, like the analysis); the store's share is the time spent in
   ``Store.add_many``, and "grouping with features" is features + grouping, store excluded.
   The last ``--hold-out`` articles are kept out, then added one at a time to the full store,
   features included and each committed on its own: ``add_one_ms`` is their median (the
   grouper resident, as in a running ingest); ``restore_s`` is what a new ingest process
   spends rebuilding the grouper (and finding copies again) from the full store before its
   first article.

Memory: the resident size and the store size at each quarter of the stream, to see whether
memory grows faster than the store. Table first; the last line is one JSON object.
"""

from __future__ import annotations

import argparse
import gc
import gzip
import json
import multiprocessing
import os
import resource
import shutil
import statistics
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench._stream import stream
from newsfuse.model import Article, RawDocument, content_id
from newsfuse.pipeline import clean_documents
from newsfuse.serial import to_jsonable
from newsfuse.store.codec import decode_article

ROOT = Path(__file__).resolve().parents[1]
BATCH = 200


# -- prepare: clean + analyse -----------------------------------------------------------------


def prepare_batch(args: tuple[list[RawDocument], str]) -> tuple[list[str], int, float]:
    """Clean one batch together and analyse it: (articles as JSON, rejected, seconds)."""
    docs, analysis = args
    start = time.perf_counter()
    articles, rejected = clean_documents(docs)
    if analysis == "spacy":
        from newsfuse.extract.language import LanguageLayer

        analysed = list(LanguageLayer()(articles))
    else:
        analysed = [_rules(a) for a in articles]
    encoded = [json.dumps(to_jsonable(a), ensure_ascii=False) for a in analysed]
    return encoded, len(rejected), time.perf_counter() - start


def _rules(article: Article) -> Article:
    """Time expressions by rules alone (no parse); no sentences or entities."""
    from dataclasses import replace

    from newsfuse.extract.timex import find_timexes

    published = article.published.at if article.published else None
    return replace(article, timexes=find_timexes(article.text, published))


def prepare(
    docs: list[RawDocument], analysis: str, cache: Path | None, jobs: int
) -> tuple[list[Article], dict[str, Any]]:
    """Prepared articles in stream order; batches already in the cache are not redone."""
    path = cache / f"analysed-{analysis}.jsonl.gz" if cache else None
    done: dict[int, dict[str, Any]] = {}
    if path is not None and path.exists():
        done = _read_cache(path)
    batches = [docs[i : i + BATCH] for i in range(0, len(docs), BATCH)]
    keys = [content_id(" ".join(d.id for d in b)) for b in batches]
    done = {n: r for n, r in done.items() if n < len(keys) and r.get("key") == keys[n]}
    todo = [(n, b) for n, b in enumerate(batches) if n not in done]
    if todo:
        if path is not None:  # rewrite what was read: drops a cut-off end before appending
            path.parent.mkdir(parents=True, exist_ok=True)
            with gzip.open(path, "wt", encoding="utf-8") as out:
                out.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in done.values())
        work = [(b, analysis) for _, b in todo]
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            results = pool.imap(prepare_batch, work)
            for (n, _), (encoded, rejected, seconds) in zip(todo, results, strict=True):
                done[n] = {"batch": n, "key": keys[n], "articles": encoded}
                done[n].update(rejected=rejected, s=seconds)
                if path is not None:  # one batch at a time: an interrupted prepare resumes
                    with gzip.open(path, "at", encoding="utf-8") as out:
                        out.write(json.dumps(done[n], ensure_ascii=False) + "\n")
                print(f"  prepared batch {n + 1}/{len(batches)} ({seconds:.0f} s)", flush=True)
    records = [done[n] for n in range(len(batches))]
    articles = [decode_article(a) for r in records for a in r["articles"]]
    seconds = sum(r["s"] for r in records)
    stats = {"rejected": sum(r["rejected"] for r in records), "prepare_cpu_s": seconds}
    return articles, stats


def _read_cache(path: Path) -> dict[int, dict[str, Any]]:
    """Prepared batches from the cache; a cut-off end (an interrupted prepare) is dropped."""
    done: dict[int, dict[str, Any]] = {}
    try:
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                done[record["batch"]] = record
    except (EOFError, gzip.BadGzipFile, json.JSONDecodeError):
        pass
    return done


# -- group + store ----------------------------------------------------------------------------


def measure(articles: list[Article], hold_out: int) -> dict[str, Any]:
    """Grouping + store into a fresh SQLite file; run in a fresh process (peak RSS)."""
    from newsfuse.group.features import features_of
    from newsfuse.ingest_run import StoryWriter, restore_grouper
    from newsfuse.store.sqlite import SQLiteStore

    folder = Path(tempfile.mkdtemp(prefix="newsfuse-scale-"))
    db = folder / "scale.db"
    store = SQLiteStore(db)
    writer = StoryWriter(store, restore_grouper(store))
    store_s = [0.0]
    add_many = store.add_many
    pauses = _Pauses()

    def timed_add_many(entries: Any, **kw: Any) -> tuple[bool, ...]:  # the store's share
        t0 = time.perf_counter()
        pauses.in_store = True
        try:
            return add_many(entries, **kw)
        finally:
            pauses.in_store = False
            store_s[0] += time.perf_counter() - t0

    store.add_many = timed_add_many  # type: ignore[method-assign]
    t0 = time.perf_counter()
    features = [features_of(a) for a in articles[: len(articles) - hold_out]]
    features_s = time.perf_counter() - t0
    split = len(articles) - hold_out
    stream_part = list(zip(articles[:split], features, strict=True))
    quarters = {len(stream_part) * q // 4 for q in (1, 2, 3, 4)}
    checkpoints = []
    # The prepared stream (every article, analysed, and its features) is the benchmark's
    # input, held whole only here: ingest holds one batch. Frozen, the collector no longer
    # walks it on every full collection, whose pauses are then the grouper's and store's own.
    gc.freeze()
    gc.callbacks.append(pauses)
    start = time.perf_counter()
    for n, (article, feats) in enumerate(stream_part, 1):
        writer.add(article, feats)
        if n in quarters:
            checkpoints.append((n, _rss_mb(), _size_mb(db), time.perf_counter() - start))
    writer.flush()  # the last batch, as ingest commits it at the end
    elapsed = time.perf_counter() - start
    gc.callbacks.remove(pauses)
    store_part = store_s[0]
    times = []
    for article in articles[split:]:  # features, grouping and store: all an analysed one needs
        t0 = time.perf_counter()
        writer.add(article)
        writer.flush()  # one article on its own: its commit included
        times.append((time.perf_counter() - t0) * 1000)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    restore_grouper(store).syndication()  # the first add after a restore finds copies again
    restore_s = time.perf_counter() - t0
    stories = len(store.stories())
    store.close()
    size = _size_mb(db)
    shutil.rmtree(folder)
    return {
        "grouped": len(stream_part),
        "group_s": elapsed,
        "features_s": features_s,
        "store_s": store_part,
        "add_one_ms": statistics.median(times) if times else None,
        "add_one_max_ms": max(times) if times else None,
        "peak_rss_mb": peak,
        "store_mb": size,
        "restore_s": restore_s,
        "stories": stories,
        "checkpoints": checkpoints,
        "gc_s": pauses.total,
        "gc_in_store_s": pauses.in_store_s,
    }


class _Pauses:
    """Garbage-collector pauses (a ``gc.callbacks`` hook): in all, and inside store calls. A
    full collection walks the whole heap, most of it the stream's articles and the grouper's
    state, and lands in whichever half happens to allocate at that moment; so a half's rate
    can swing by the odd half-second pause that is not its own doing."""

    def __init__(self) -> None:
        self.in_store = False
        self.total = 0.0
        self.in_store_s = 0.0
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
            return
        pause = time.perf_counter() - self._started
        self.total += pause
        if self.in_store:
            self.in_store_s += pause


def _rss_mb() -> float:
    with open(f"/proc/{os.getpid()}/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _size_mb(db: Path) -> float:
    return sum(p.stat().st_size for p in db.parent.glob(db.name + "*")) / 2**20


def _measure_child(articles: list[Article], hold_out: int, queue: Any) -> None:
    queue.put(measure(articles, hold_out))


def measure_apart(articles: list[Article], hold_out: int) -> dict[str, Any]:
    """``measure`` in a forked child: its memory starts from what the parent holds, so the
    parent holds only the prepared articles (no spaCy model) when it forks."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_measure_child, args=(articles, hold_out, queue))
    child.start()
    result = queue.get()
    child.join()
    return dict(result)


# -- report -----------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--limit", type=int, default=None, help="the first N texts only")
    parser.add_argument("--analysis", choices=("rules", "spacy"), default="rules")
    parser.add_argument("--cache", type=Path, default=None, help="keep analysed articles here")
    parser.add_argument("--jobs", type=int, default=1, help="processes for the prepare half")
    parser.add_argument("--hold-out", type=int, default=20, help="articles added one by one")
    args = parser.parse_args(argv)

    docs = stream(args.data)
    docs = docs[: args.limit] if args.limit else docs
    started = time.perf_counter()
    articles, prep = prepare(docs, args.analysis, args.cache, args.jobs)
    prep_wall = time.perf_counter() - started
    # The same content twice is one article: ingest skips the second (by content hash).
    unique = list({a.id: a for a in reversed(articles)}.values())[::-1]
    hold_out = min(args.hold_out, max(len(unique) - 1, 0))
    result = measure_apart(unique, hold_out)

    rate = result["grouped"] / result["group_s"]
    features_rate = result["grouped"] / result["features_s"]
    prep_rate = len(articles) / prep["prepare_cpu_s"] if prep["prepare_cpu_s"] else 0.0
    full_rate = 1 / (1 / prep_rate + 1 / features_rate + 1 / rate) if prep_rate else 0.0
    print(f"stream: {len(docs):,} texts, {sum(len(d.content.split()) for d in docs):,} words")
    print(f"{'half':<44}{'articles':>10}{'articles/s':>12}")
    print(f"{'clean + analyse (' + args.analysis + ', per process)':<44}"
          f"{len(articles):>10,}{prep_rate:>12,.1f}")  # fmt: skip
    print(f"{'grouping features (features_of)':<44}{result['grouped']:>10,}{features_rate:>12,.0f}")
    print(f"{'grouping + store (features computed)':<44}{result['grouped']:>10,}{rate:>12,.0f}")
    group_only = result["grouped"] / (result["group_s"] - result["store_s"])
    store_only = result["grouped"] / result["store_s"]
    with_features = result["grouped"] / (
        result["features_s"] + result["group_s"] - result["store_s"]
    )
    print(f"{'  of which grouping (StoryGrouper.add, ...)':<44}{result['grouped']:>10,}"
          f"{group_only:>12,.0f}")  # fmt: skip
    print(f"{'  of which store (batched transactions)':<44}{result['grouped']:>10,}"
          f"{store_only:>12,.0f}")  # fmt: skip
    print(f"{'grouping with features (store excluded)':<44}{result['grouped']:>10,}"
          f"{with_features:>12,.0f}")  # fmt: skip
    print(f"garbage-collector pauses during grouping + store: {result['gc_s']:.2f} s, "
          f"{result['gc_in_store_s']:.2f} s of them inside store calls")  # fmt: skip
    print(f"{'whole ingest, one process':<44}{len(articles):>10,}{full_rate:>12,.1f}")
    print(f"rejected in cleaning: {prep['rejected']:,}; duplicates skipped: "
          f"{len(articles) - len(unique):,}; stories: {result['stories']:,}")  # fmt: skip
    print(f"add one article to the full store: median {result['add_one_ms']:.1f} ms, "
          f"max {result['add_one_max_ms']:.1f} ms (over {hold_out}); "
          f"a new process restores the grouper in {result['restore_s']:.1f} s")  # fmt: skip
    print(f"store {result['store_mb']:.1f} MB; peak RSS {result['peak_rss_mb']:.0f} MB "
          f"(grouping + store process)")  # fmt: skip
    print(f"{'articles':>10}{'RSS MB':>10}{'store MB':>10}{'s':>8}")
    for n, rss, size, seconds in result["checkpoints"]:
        print(f"{n:>10,}{rss:>10.0f}{size:>10.1f}{seconds:>8.1f}")
    (_, rss1, size1, _), (_, rss4, size4, _) = result["checkpoints"][0], result["checkpoints"][-1]
    growth = (rss4 - rss1) / (size4 - size1) if size4 > size1 else None
    if growth is not None:
        print(f"RSS grew {rss4 - rss1:.0f} MB while the store grew {size4 - size1:.0f} MB "
              f"({growth:.2f} MB of memory per MB of store)")  # fmt: skip
    summary = {
        "articles": result["grouped"] + hold_out,
        "articles_per_s": round(rate, 1),
        "peak_rss_mb": round(result["peak_rss_mb"], 1),
        "add_one_ms": round(result["add_one_ms"], 2),
        "store_mb": round(result["store_mb"], 1),
        "analysis": args.analysis,
        "features_articles_per_s": round(features_rate, 1),
        "grouping_articles_per_s": round(group_only, 1),
        "grouping_with_features_articles_per_s": round(with_features, 1),
        "store_articles_per_s": round(store_only, 1),
        "prepare_articles_per_s": round(prep_rate, 2),
        "ingest_articles_per_s": round(full_rate, 2),
        "restore_s": round(result["restore_s"], 2),
        "gc_pause_s": round(result["gc_s"], 2),
        "gc_pause_in_store_s": round(result["gc_in_store_s"], 2),
        "rss_mb_per_store_mb": round(growth, 3) if growth is not None else None,
        "stories": result["stories"],
        "prepare_wall_s": round(prep_wall, 1),
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
