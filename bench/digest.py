"""Benchmark the digest: the seeds cold (wall time, peak memory) and pipeline throughput.

Usage (from the repository root)::

    python -m bench.digest [--runs 3] [--data ../shared/data/clustering/neus-stories-dev]
                           [--limit 120]

Cold: ``python -m newsfuse digest examples/seeds --out <tmp>`` in a fresh interpreter (a
subprocess, so imports and model loading count), ``--runs`` times; the median wall time and the
largest peak resident memory of the child (``wait4`` rusage ``ru_maxrss``) are reported.

Throughput: the first ``--limit`` stories of the NeuS stories dev set (JSONL, each 2-3 outlets'
title and body excerpt) become text RawDocuments (headline, blank line, body paragraphs; the
outlet and date as hints; the date moved on by a minute per outlet, since a story's outlets
share one timestamp there and ``pipeline.build_story`` cannot yet order two articles published
at the same instant) and go through the whole pipeline in this process after a warm-up:
``clean_documents``, ``analyse_articles``, ``story_reports`` (grouping, entities, quotes,
timeline), and for each report ``align_story`` and ``summarize_story`` when the pipeline has not
already filled its facts and summary. ``articles_per_s`` = articles / wall seconds.

The last line printed is one JSON object with the headline figures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from newsfuse.align import align_story
from newsfuse.model import RawDocument, Report, SourceHints
from newsfuse.pipeline import analyse_articles, clean_documents, story_reports
from newsfuse.summarize.summary import summarize_story

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "seeds"
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "clustering" / "neus-stories-dev"


def cold_run(seeds: Path) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of one digest of ``seeds`` in a fresh interpreter."""
    with tempfile.TemporaryDirectory() as out:
        command = [sys.executable, "-m", "newsfuse", "digest", str(seeds), "--out", out]
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        errors = child.stderr.read().decode("utf-8", "replace") if child.stderr else ""
        if child.returncode != 0:
            raise SystemExit(f"digest failed ({child.returncode}): {errors[-2000:]}")
    return wall, usage.ru_maxrss / 1024  # Linux reports kilobytes


def load_documents(data: Path, limit: int) -> list[RawDocument]:
    """Each outlet's article of the first ``limit`` stories as a text document."""
    documents = []
    files = sorted(data.glob("*.jsonl"))
    lines = [line for f in files for line in f.read_text(encoding="utf-8").splitlines() if line]
    for line in lines[:limit]:
        story = json.loads(line)
        for n, (side, news) in enumerate(sorted(story.get("news", {}).items())):
            body = "\n\n".join(p.strip() for p in news.get("newBody", []) if p.strip())
            if not body:
                continue
            title = news.get("newsTitle") or None
            content = f"{title}\n\n{body}" if title else body
            published = _minutes_after(story.get("date"), n)
            hints = SourceHints(title=title, published=published, outlet=news.get("newsSource"))
            source = f"neus-{story.get('id')}-{side}.txt"
            documents.append(RawDocument(source, "text", content, "utf-8", hints))
    return documents


def _minutes_after(stamp: str | None, minutes: int) -> str | None:
    if not stamp:
        return None
    return (datetime.fromisoformat(stamp) + timedelta(minutes=minutes)).isoformat()


def full_pipeline(documents: list[RawDocument]) -> tuple[Report, ...]:
    articles, rejections = clean_documents(documents)
    analysed = analyse_articles(articles, infer_dates=False)
    reports = story_reports(analysed, rejections)
    return tuple(_with_account(r) for r in reports)


def _with_account(report: Report) -> Report:
    """The account stages, for as long as the pipeline does not run them itself."""
    if report.facts or report.summary is not None or not report.articles:
        return report
    claims, facts, discrepancies = align_story(report.articles, report.entities, report.syndication)
    summary = summarize_story(report.articles, facts, discrepancies)
    return replace(report, claims=claims, facts=facts, discrepancies=discrepancies, summary=summary)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=120, help="stories of the throughput set")
    args = parser.parse_args()
    runs = [cold_run(SEEDS) for _ in range(args.runs)]
    cold = statistics.median(wall for wall, _ in runs)
    peak = max(rss for _, rss in runs)
    documents = load_documents(args.data, args.limit)
    full_pipeline(documents[:6])  # warm-up: models loaded, patterns compiled
    start = time.perf_counter()
    reports = full_pipeline(documents)
    seconds = time.perf_counter() - start
    articles = sum(len(r.articles) for r in reports)
    rejected = sum(len(r.rejections) for r in reports)
    print(f"{'measure':<34}{'value':>12}")
    print(f"{'seeds digest, cold (median s)':<34}{cold:>12.2f}")
    print(f"{'seeds digest, peak RSS (MB)':<34}{peak:>12.0f}")
    print(f"{'pipeline articles/s':<34}{articles / seconds:>12.1f}")
    print(
        f"cold runs: {', '.join(f'{w:.2f}s' for w, _ in runs)}; throughput: {articles} articles "
        f"({rejected} rejected) in {len(reports)} stories, {seconds:.1f}s, {os.cpu_count()} CPUs"
    )
    result = {
        "seeds_cold_s": round(cold, 2),
        "seeds_peak_rss_mb": round(peak),
        "articles": articles,
        "articles_per_s": round(articles / seconds, 1),
        "stories": len(reports),
        "runs": args.runs,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
