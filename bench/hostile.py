"""Hostile inputs at full size through ``newsfuse digest``: time, memory, tracebacks, drops.

Usage (from the repository root)::

    python -m bench.hostile [--timeout 300] [--cases huge,many-lines] [--keep DIR]

The cases are those of ``tests/test_hostile.py`` (``bench/hostile_cases.py`` builds both), at
the sizes of issue 15: an ordinary article of 1.2 MB in paragraphs, 100,000 one-word lines, a
JSON array of 100,000 short records, JSON nested 100,000 deep; and HTML nested 20,000 deep, runs
of 100,000 spaces, dots, quotes, dashes or brackets in article bodies and in every metadata field,
200 small articles in one folder; the rest as the tests have them (every encoding, broken JSONL,
dates at the ends of time, script payloads, symlink loops and FIFOs, odd and undecodable file
names, the same article twice, ...).

Each case runs alone: ``python -m newsfuse digest CASE-INPUTS --out TMP`` in a fresh process
(killed after ``--timeout`` seconds), in a folder of its own. Per case: wall seconds, the peak
resident memory of that process (``wait4``'s ``ru_maxrss``), its exit status, whether a
traceback appeared, and how many inputs were silently dropped: ended as neither an article (in
a report.json) nor a ``newsfuse: rejected SOURCE: ...`` line, counted for runs that finished
without a traceback (a crash loses every input, loudly). ``problems`` counts every other way an
input ended differently from what its case expects (see ``hostile_cases.outcome_problems``);
they are listed under the table.

A table first; the last line printed is one JSON object:
``{"cases", "max_seconds", "max_rss_mb", "tracebacks", "silent_drops", "timeouts", "problems"}``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bench import hostile_cases as hc


@dataclass(frozen=True)
class Row:
    case: str
    inputs: int
    articles: int | None
    rejected: int | None
    seconds: float
    peak_rss_mb: float
    exit: int | None
    traceback: str | None  # the exception's last line
    timed_out: bool
    silent_drops: int
    problems: tuple[str, ...]


def measure(case: hc.Case, root: Path, out: Path, timeout: float) -> Row:
    run = hc.digest([case], root, out, timeout=timeout)
    totals = run.totals() or {}
    finished = not run.timed_out and not run.traceback
    problems: list[str] = []
    drops = 0
    if finished:
        drops = hc.silent_drops([case], run)
        problems = hc.outcome_problems(case, run, reports=run.returncode == 0)
        problems += hc.count_problems([case], run)
        problems = [p for p in problems if "silently dropped" not in p]
    return Row(
        case=case.name,
        inputs=case.inputs,
        articles=totals.get("articles"),
        rejected=totals.get("rejected"),
        seconds=run.seconds,
        peak_rss_mb=run.peak_rss_mb,
        exit=run.returncode,
        traceback=_exception(run.stderr) if run.traceback else None,
        timed_out=run.timed_out,
        silent_drops=drops,
        problems=tuple(problems),
    )


def _exception(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    tail = lines[lines.index(next(x for x in lines if x.startswith("Traceback"))) :]
    return next((x for x in reversed(tail) if not x.startswith(" ")), tail[-1])[:100]


def table(rows: list[Row]) -> str:
    head = (
        f"{'case':<18}{'inputs':>8}{'articles':>9}{'rejected':>9}{'seconds':>9}{'peak MB':>9}"
        f"{'exit':>6}{'dropped':>9}{'problems':>9}  traceback / note"
    )
    lines = [head, "-" * len(head)]
    for r in rows:
        note = "timed out" if r.timed_out else (r.traceback or "")
        lines.append(
            f"{r.case:<18}{r.inputs:>8}{_n(r.articles):>9}{_n(r.rejected):>9}"
            f"{r.seconds:>9.1f}{r.peak_rss_mb:>9.0f}{_n(r.exit):>6}{r.silent_drops:>9}"
            f"{len(r.problems):>9}  {note}"
        )
    return "\n".join(lines)


def _n(value: int | None) -> str:
    return "-" if value is None else str(value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=300, help="seconds per case")
    parser.add_argument("--cases", help="comma-separated case names (default: all)")
    parser.add_argument("--keep", type=Path, help="build the cases here and keep them")
    args = parser.parse_args()
    names = args.cases.split(",") if args.cases else list(hc.BUILDERS)
    unknown = sorted(set(names) - set(hc.BUILDERS))
    if unknown:
        raise SystemExit(f"unknown case(s) {', '.join(unknown)}; known: {', '.join(hc.BUILDERS)}")
    scratch = Path(tempfile.mkdtemp(prefix="newsfuse-hostile-"))
    root = args.keep or scratch / "cases"
    try:
        rows = []
        for name in names:
            (case,) = hc.build_cases(root, hc.Sizes.bench(), [name])
            out = scratch / "out" / name
            rows.append(measure(case, root, out, args.timeout))
            shutil.rmtree(out, ignore_errors=True)
            if args.keep is None:
                shutil.rmtree(root / name, ignore_errors=True)  # the big cases take room
            print(table(rows[-1:]).splitlines()[-1], flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print()
    print(table(sorted(rows, key=lambda r: (-r.seconds, r.case))))
    for row in rows:
        for problem in row.problems[:5]:
            print(f"  {row.case}: {problem}")
        if len(row.problems) > 5:
            print(f"  {row.case}: ... {len(row.problems) - 5} more")
    print(f"{len(rows)} cases, {os.cpu_count()} CPUs, timeout {args.timeout:.0f} s per case")
    result = {
        "cases": len(rows),
        "max_seconds": round(max((r.seconds for r in rows), default=0.0), 1),
        "max_rss_mb": round(max((r.peak_rss_mb for r in rows), default=0.0)),
        "tracebacks": sum(r.traceback is not None for r in rows),
        "silent_drops": sum(r.silent_drops for r in rows),
        "timeouts": sum(r.timed_out for r in rows),
        "problems": sum(len(r.problems) for r in rows),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
