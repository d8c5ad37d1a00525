"""How the corpus stages scale with a story's size: one real story of 100, 200, 400 articles.

Usage (from the repository root)::

    python -m bench.bigstory [--sizes 100,200,400] [--cache DIR] [--data DIR]
    python -m bench.bigstory --lines [--timeout 600] [--data DIR]

Story mode. Articles are the Timeline17 InputDocs of one topic, the BP oil spill, with its five
outlets pooled (bbc, guardian, reuters, foxnews, washingtonpost: ~1,460 texts, one sentence a
line, dated by their folder, built as ``bench.claims._topic_story`` builds them). The pick
takes each outlet's files in date order and deals them out in turn (outlet 1, 2, ..., 5, 1,
...), skipping repeated texts, so a story of N holds N real articles of one topic from all
five outlets, and each size holds the smaller ones. The language layer runs once per article,
untimed; its output is cached as JSON in ``--cache`` (default: a folder in the temp dir), so
later sizes and later runs only decode it.

Each size then runs in a fresh interpreter (``spawn``), which decodes its articles and times
the corpus stages, as ``pipeline.build_report`` runs them after the language layer:
``link_entities``, ``align_story``, ``group_quotes``, ``build_timeline``, ``story_events``,
``summarize_story``
(and ``build_story``, counted in the total). Memory is that child's peak resident size, read
from ``/proc/self/status`` (``VmHWM``, reset through ``/proc/self/clear_refs`` just before the
stages, since ``ru_maxrss`` of a spawned child starts at its parent's): ``peak_rss_mb`` is the
whole child at its peak (interpreter, imports and the decoded articles included);
``base_rss_mb`` is its resident size (``VmRSS``) just before the stages ran.
``growth_per_doubling`` is seconds(2N) / seconds(N) for each consecutive pair of sizes;
``cpu_seconds`` and ``cpu_growth_per_doubling`` are the same for the child's processor time
(``time.process_time``), which other work on a shared machine moves less than the clock.

Lines mode (``--lines``): the 100,000-line input, two ways: ``words``, 100,000 one-word lines
as one text article, and ``sentences``, 100,000 short real sentences (Timeline17 lines of 4-15
words from every topic, in file order, repeated ones skipped, cycling if there are too few)
as one text article. For each: ``newsfuse digest FILE --out TMP`` end to end in a subprocess
(killed after ``--timeout`` seconds; the time then reads as the timeout with ``"timed_out"``),
and, in a spawned child as above, the language layer (untimed) and then the corpus stages
(the child is killed after ``--timeout`` seconds too; its times then read NaN).

A table first; the last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsfuse.model import Article, Published, content_id

ROOT = Path(__file__).resolve().parents[1]
TIMELINES = ROOT.parent / "shared" / "data" / "timelines" / "timeline17-dev"
OUTLETS = ("bbc", "guardian", "reuters", "foxnews", "washingtonpost")
STAGES = ("entities", "align", "quotes", "timeline", "events", "summary")
LINES = 100_000


# -- the story ------------------------------------------------------------------------------


def pick(size: int, data: Path = TIMELINES) -> list[Path]:
    """``size`` distinct InputDocs of the bpoil topic, dealt out across its outlets by date."""
    queues = [
        sorted((data / f"bpoil_{o}" / "InputDocs").glob("*/*.txt"), key=_by_date) for o in OUTLETS
    ]
    picked: list[Path] = []
    seen: set[str] = set()
    while len(picked) < size and any(queues):
        for queue in queues:
            while queue and len(picked) < size:
                path = queue.pop(0)
                key = content_id(path.read_text(encoding="utf-8"))
                if key not in seen:
                    seen.add(key)
                    picked.append(path)
                    break
    if len(picked) < size:
        raise SystemExit(f"only {len(picked)} distinct bpoil articles under {data}")
    return picked


def _by_date(path: Path) -> tuple[str, str]:
    return path.parent.name, path.name


def load_article(path: Path) -> Article:
    """The file as a text Article published at noon UTC of its folder's day."""
    text = path.read_text(encoding="utf-8")
    day = datetime.fromisoformat(path.parent.name).replace(hour=12, tzinfo=UTC)
    article = Article.from_text(content_id(text), text, source=str(path))
    return replace(article, published=Published(day, "day", "directory", False))


def analysed(articles: list[Article], cache: Path) -> list[Path]:
    """The cache file of each article analysed by the language layer (run for missing ones)."""
    from newsfuse.extract.language import LanguageLayer
    from newsfuse.store.codec import encode_article

    cache.mkdir(parents=True, exist_ok=True)
    files = [cache / f"{a.id}.json" for a in articles]
    missing = [a for a, f in zip(articles, files, strict=True) if not f.exists()]
    if missing:
        print(f"language layer on {len(missing)} article(s) (untimed, cached in {cache})")
        for article in LanguageLayer()(missing):
            (cache / f"{article.id}.json").write_text(encode_article(article), encoding="utf-8")
    return files


# -- the timed child --------------------------------------------------------------------------


def corpus_stages(articles: Sequence[Article]) -> dict[str, Any]:
    """Seconds of each corpus stage over ``articles`` (as ``build_report`` runs them, with the
    heap settled as ``CorpusStages.run`` settles it)."""
    from newsfuse.corpus import settled_heap

    articles = tuple(articles)
    with settled_heap():  # as CorpusStages.run runs them
        return _timed_stages(articles)


def _timed_stages(articles: tuple[Article, ...]) -> dict[str, Any]:
    from newsfuse.align import align_story
    from newsfuse.events.story import story_events
    from newsfuse.pipeline import build_story
    from newsfuse.resolve.entities import link_entities
    from newsfuse.resolve.quotes import group_quotes
    from newsfuse.summarize.summary import summarize_story
    from newsfuse.summarize.timeline import build_timeline

    seconds: dict[str, float] = {}
    cpu: dict[str, float] = {}
    clock, cpu_clock = time.perf_counter(), time.process_time()

    def lap(name: str) -> None:
        nonlocal clock, cpu_clock
        now, cpu_now = time.perf_counter(), time.process_time()
        seconds[name], cpu[name] = now - clock, cpu_now - cpu_clock
        clock, cpu_clock = now, cpu_now

    entities = link_entities(articles)
    lap("entities")
    claims, facts, discrepancies = align_story(articles, entities, ())
    lap("align")
    quotes = group_quotes(articles, entities)
    lap("quotes")
    timeline = build_timeline(articles)
    lap("timeline")
    events = story_events(articles, entities)
    lap("events")
    summary = summarize_story(articles, facts, discrepancies) if articles else None
    lap("summary")
    build_story(articles)
    lap("story")
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "counts": {
            "articles": len(articles),
            "sentences": sum(len(a.sentences) for a in articles),
            "entities": len(entities),
            "claims": len(claims),
            "facts": len(facts),
            "discrepancies": len(discrepancies),
            "quotes": len(quotes),
            "timeline": len(timeline),
            "events": len(events),
            "summary": len(summary.sentences) if summary is not None else 0,
        },
    }


def _child_cached(files: list[str]) -> dict[str, Any]:
    from newsfuse.store.codec import decode_article

    articles = [decode_article(Path(f).read_text(encoding="utf-8")) for f in files]
    return _measured(articles)


def _child_text(path: str) -> dict[str, Any]:
    from newsfuse.extract.language import LanguageLayer

    article = load_article(Path(path))
    try:
        analysed = list(LanguageLayer()([article]))
    except ValueError as exc:  # spaCy refuses texts over its max_length
        seconds = dict.fromkeys((*STAGES, "story"), float("nan"))
        return {"seconds": seconds, "cpu_seconds": seconds,
                "counts": {"sentences": 0, "claims": 0},
                "peak_rss_mb": float("nan"), "error": str(exc)[:120]}  # fmt: skip
    return _measured(analysed)


def _measured(articles: list[Article]) -> dict[str, Any]:
    import newsfuse.pipeline  # noqa: F401  (the stages' imports count in the base, not the peak)

    _reset_peak()
    base = _rss_mb("VmRSS")
    result = corpus_stages(articles)
    return {**result, "base_rss_mb": base, "peak_rss_mb": _rss_mb("VmHWM")}


def _reset_peak() -> None:
    """Start the peak resident size (VmHWM) afresh: a spawned child's counts its parent's."""
    Path("/proc/self/clear_refs").write_text("5")


def _rss_mb(field: str) -> float:
    """``VmRSS`` (now) or ``VmHWM`` (peak since the reset) of this process, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return round(int(line.split()[1]) / 1024, 1)  # kB
    raise RuntimeError(f"no {field} in /proc/self/status")


def in_child(function: Any, argument: Any, timeout: float | None = None) -> dict[str, Any]:
    """``function(argument)`` in a fresh interpreter, so its peak memory is its own; after
    ``timeout`` seconds the child is killed and the result says ``timed_out``."""
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        try:
            return pool.apply_async(function, (argument,)).get(timeout)
        except multiprocessing.TimeoutError:
            seconds = dict.fromkeys((*STAGES, "story"), float("nan"))
            return {"seconds": seconds, "cpu_seconds": seconds,
                    "counts": {"sentences": 0, "claims": 0},
                    "peak_rss_mb": float("nan"), "timed_out": True}  # fmt: skip


# -- story mode -------------------------------------------------------------------------------


def story_mode(sizes: list[int], cache: Path, data: Path) -> dict[str, Any]:
    paths = pick(max(sizes), data)
    files = analysed([load_article(p) for p in paths], cache)
    runs = []
    header = f"{'articles':>8} {'sentences':>9} {'claims':>7} {'facts':>6} " + " ".join(
        f"{s:>9}" for s in STAGES
    )
    print(header + f" {'total s':>8} {'cpu s':>8} {'peak MB':>8} {'base MB':>8}")
    for size in sizes:
        run = in_child(_child_cached, [str(f) for f in files[:size]])
        total = sum(run["seconds"].values())
        cpu = sum(run["cpu_seconds"].values())
        runs.append({**run, "total": total, "cpu": cpu})
        c = run["counts"]
        print(
            f"{size:8} {c['sentences']:9} {c['claims']:7} {c['facts']:6} "
            + " ".join(f"{run['seconds'][s]:9.2f}" for s in STAGES)
            + f" {total:8.2f} {cpu:8.2f} {run['peak_rss_mb']:8.0f} {run['base_rss_mb']:8.0f}"
        )
    totals = [r["total"] for r in runs]
    cpus = [r["cpu"] for r in runs]
    figures: dict[str, Any] = {
        "sizes": sizes,
        "seconds": [round(t, 2) for t in totals],
        "peak_rss_mb": [r["peak_rss_mb"] for r in runs],
        "base_rss_mb": [r["base_rss_mb"] for r in runs],
        "growth_per_doubling": _growth(sizes, totals),
        # the child's own processor time: on a shared machine, less moved by other work
        "cpu_seconds": [round(t, 2) for t in cpus],
        "cpu_growth_per_doubling": _growth(sizes, cpus),
    }
    for stage in STAGES:
        figures[f"{stage}_s"] = [round(r["seconds"][stage], 2) for r in runs]
        figures[f"{stage}_cpu_s"] = [round(r["cpu_seconds"][stage], 2) for r in runs]
    figures["claims"] = [r["counts"]["claims"] for r in runs]
    figures["facts"] = [r["counts"]["facts"] for r in runs]
    return figures


def _growth(sizes: list[int], totals: list[float]) -> list[float]:
    """Per consecutive pair, the time ratio scaled to a doubling of the size."""
    import math

    out = []
    for i in range(1, len(sizes)):
        ratio = totals[i] / totals[i - 1] if totals[i - 1] > 0 else float("inf")
        out.append(round(ratio ** (math.log(2) / math.log(sizes[i] / sizes[i - 1])), 2))
    return out


# -- lines mode -------------------------------------------------------------------------------


def short_sentences(count: int, data: Path = TIMELINES) -> Iterator[str]:
    """``count`` real sentences of 4-15 words from every topic, cycling if too few."""
    lines: list[str] = []
    seen: set[str] = set()
    for path in sorted(data.glob("*/InputDocs/*/*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = " ".join(line.split())
            if 4 <= len(line.split()) <= 15 and line not in seen and re.search("[a-z]", line):
                seen.add(line)
                lines.append(line)
    for i in range(count):
        yield lines[i % len(lines)]


def digest_run(path: Path, timeout: int) -> dict[str, Any]:
    """``newsfuse digest`` on one file in a subprocess: seconds, exit status, timed out?"""
    with tempfile.TemporaryDirectory() as out:
        command = [sys.executable, "-m", "newsfuse", "digest", str(path), "--out", out, "-q"]
        start = time.perf_counter()
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
            return {"seconds": time.perf_counter() - start, "rc": done.returncode}
        except subprocess.TimeoutExpired:
            return {"seconds": float(timeout), "rc": None, "timed_out": True}


def lines_mode(timeout: int, data: Path) -> dict[str, Any]:
    figures: dict[str, Any] = {"lines": LINES}
    words = ("word", "story", "oil", "spill", "said", "well", "gulf", "today")
    texts = {
        "words": "\n".join(words[i % len(words)] for i in range(LINES)),
        "sentences": "\n".join(short_sentences(LINES, data)),
    }
    print(f"{'input':10} {'digest s':>9} {'rc':>4} {'stages s':>9} " + " ".join(
        f"{s:>9}" for s in STAGES
    ) + f" {'peak MB':>8}")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in texts.items():
            path = Path(tmp) / "2010-06-01" / f"{name}.txt"
            path.parent.mkdir(exist_ok=True)
            path.write_text(text + "\n", encoding="utf-8")
            digest = digest_run(path, timeout)
            run = in_child(_child_text, str(path), timeout)
            total = sum(run["seconds"].values())
            print(
                f"{name:10} {digest['seconds']:9.1f} {digest['rc']!s:>4} {total:9.2f} "
                + " ".join(f"{run['seconds'][s]:9.2f}" for s in STAGES)
                + f" {run['peak_rss_mb']:8.0f}"
            )
            figures[f"{name}_digest_s"] = round(digest["seconds"], 1)
            figures[f"{name}_digest_rc"] = digest["rc"]
            figures[f"{name}_digest_timed_out"] = digest.get("timed_out", False)
            figures[f"{name}_stages_s"] = round(total, 2)
            figures[f"{name}_stages_timed_out"] = run.get("timed_out", False)
            if "error" in run:
                figures[f"{name}_stages_error"] = run["error"]
            figures[f"{name}_peak_rss_mb"] = run["peak_rss_mb"]
            for stage in STAGES:
                figures[f"{name}_{stage}_s"] = round(run["seconds"][stage], 2)
            figures[f"{name}_sentences"] = run["counts"]["sentences"]
            figures[f"{name}_claims"] = run["counts"]["claims"]
    return figures


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,200,400", help="story sizes, comma-separated")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "bigstory")
    parser.add_argument("--data", type=Path, default=TIMELINES, help="timeline17-dev folder")
    parser.add_argument("--lines", action="store_true", help="the 100,000-line input instead")
    parser.add_argument(
        "--timeout", type=int, default=600, help="seconds for one digest run, or one stages run"
    )
    args = parser.parse_args(argv)
    if args.lines:
        figures = lines_mode(args.timeout, args.data)
    else:
        figures = story_mode([int(s) for s in args.sizes.split(",")], args.cache, args.data)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
