"""How big the rendered report of a big story is: bytes of each format and HTML elements.

Usage (from the repository root)::

    python -m bench.report_size [--size 300] [--cache DIR] [--data DIR] [--seeds DIR] [--out DIR]

The big story is ``bench.bigstory``'s: ``--size`` real Timeline17 articles of the BP oil spill
dealt out across its five outlets (language layer cached in ``--cache``, as bigstory caches
it), each given its outlet from its folder (``bpoil_bbc`` -> ``bbc``) so that the report names
outlets as a digest of real pages does. Grouping (``group_articles``) finds the syndicated
copies; all the articles then make one story, reported by ``pipeline.build_report``. That
report is cached as JSON next to the articles, so re-measuring after a renderer change only
renders. The seeds (``examples/seeds``) are digested as ``newsfuse digest`` does.

For each report: the bytes of report.html, report.md and report.json, the HTML elements (start
tags counted, which is what a browser builds a DOM of) and the HTML bytes of each section. A
table first; the last line printed is one JSON object (the seeds' figures prefixed ``seeds_``).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench.bigstory import TIMELINES, analysed, load_article, pick
from newsfuse.model import Article, Outlet, Report, content_id

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "seeds"
_TAG = re.compile(r"<[a-zA-Z][a-zA-Z0-9]*")
_SECTION = re.compile(r'<(section|header|nav|article|footer)\b[^>]*?(?: id="([^"]*)")?[^>]*>')


def big_report(size: int, cache: Path, data: Path, fresh: bool = False) -> Report:
    """The report of one ``size``-article story, built once and then read from ``cache``."""
    from newsfuse.pipeline import FORMAT_VERSION
    from newsfuse.render import write_json
    from newsfuse.serial import read_json

    paths = pick(size, data)
    key = content_id("\n".join([FORMAT_VERSION, *(str(p) for p in paths)]))
    cached = cache / f"report-{size}-{key}.json"
    if cached.exists() and not fresh:
        return read_json(cached)
    articles = [_with_outlet(a, p) for a, p in zip(_decoded(paths, cache), paths, strict=True)]
    report = _story(tuple(articles))
    write_json(report, cached)
    return report


def _decoded(paths: list[Path], cache: Path) -> list[Article]:
    from newsfuse.store.codec import decode_article

    files = analysed([load_article(p) for p in paths], cache)
    return [decode_article(f.read_text(encoding="utf-8")) for f in files]


def _with_outlet(article: Article, path: Path) -> Article:
    """The outlet its folder names (``.../bpoil_bbc/InputDocs/<day>/<file>`` -> ``bbc``)."""
    name = path.parents[2].name.split("_", 1)[-1]
    return replace(article, outlet=Outlet(name, None, "benchmark folder"))


def _story(articles: tuple[Article, ...]) -> Report:
    """All the articles as one story, with the syndicated copies grouping finds among them."""
    from newsfuse.group.stories import group_articles
    from newsfuse.pipeline import build_report, syndication_within

    memberships, syndication, _ = group_articles(articles)
    ids = {a.id for a in articles}
    print(f"corpus stages on {len(articles)} articles (untimed, cached)", file=sys.stderr)
    return build_report(
        articles, (), memberships=memberships, syndication=syndication_within(syndication, ids)
    )


def seeds_report(seeds: Path) -> Report:
    from newsfuse.pipeline import digest_paths

    return digest_paths([str(seeds)])


def measure(report: Report, out: Path | None = None) -> dict[str, Any]:
    """Bytes of each format, HTML elements, and the HTML bytes of each top-level part."""
    from newsfuse.render import write_report

    texts = _rendered(report)
    if out is not None:
        write_report(report, out)
    html = texts["html"]
    return {
        "articles": len(report.articles),
        "facts": len(report.facts),
        "discrepancies": len(report.discrepancies),
        "html_bytes": len(html.encode("utf-8")),
        "markdown_bytes": len(texts["markdown"].encode("utf-8")),
        "json_bytes": len(texts["json"].encode("utf-8")),
        "html_elements": len(_TAG.findall(html)),
        "sections": _sections(html),
    }


def _rendered(report: Report) -> dict[str, str]:
    from newsfuse.render import render_html, render_markdown
    from newsfuse.render.json import dumps

    return {"html": render_html(report), "markdown": render_markdown(report), "json": dumps(report)}


def _sections(html: str) -> dict[str, dict[str, int]]:
    """Bytes and elements from each section's start to the next one's (articles pooled)."""
    starts = [(m.start(), m.group(2) or m.group(1)) for m in _SECTION.finditer(html)]
    found: dict[str, dict[str, int]] = {}
    for (start, name), (end, _) in zip(starts, [*starts[1:], (len(html), "")], strict=True):
        name = "article" if name.startswith("article-") else name
        part = html[start:end]
        row = found.setdefault(name, {"bytes": 0, "elements": 0})
        row["bytes"] += len(part.encode("utf-8"))
        row["elements"] += len(_TAG.findall(part))
    return found


def _print(label: str, figures: dict[str, Any]) -> None:
    print(
        f"{label:8} {figures['articles']:8} {figures['facts']:6} {figures['discrepancies']:6} "
        f"{figures['html_bytes']:11,} {figures['html_elements']:9,} "
        f"{figures['markdown_bytes']:11,} {figures['json_bytes']:12,}"
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=300, help="articles in the big story")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "bigstory")
    parser.add_argument("--data", type=Path, default=TIMELINES, help="timeline17-dev folder")
    parser.add_argument("--seeds", type=Path, default=SEEDS, help="the small story's folder")
    parser.add_argument("--out", type=Path, help="also write both reports under this folder")
    parser.add_argument("--fresh", action="store_true", help="rebuild the cached big report")
    args = parser.parse_args(argv)
    big = measure(
        big_report(args.size, args.cache, args.data, args.fresh),
        args.out / "big" if args.out else None,
    )
    seeds = measure(seeds_report(args.seeds), args.out / "seeds" if args.out else None)
    print(
        f"{'story':8} {'articles':>8} {'facts':>6} {'diffs':>6} {'html B':>11} {'elements':>9} "
        f"{'md B':>11} {'json B':>12}"
    )
    _print("big", big)
    _print("seeds", seeds)
    print(f"\n{'html section (big)':24} {'bytes':>11} {'elements':>9}")
    for name, row in big["sections"].items():
        print(f"{name:24} {row['bytes']:11,} {row['elements']:9,}")
    figures = {k: v for k, v in big.items() if k != "sections"}
    figures.update({f"seeds_{k}": v for k, v in seeds.items() if k != "sections"})
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
