"""Benchmark main-text extraction: newsfuse's ``extract_html`` against plain trafilatura.

Usage::

    python -m bench.extraction --data ../shared/data/extraction/scrapinghub-aeb [--limit N]
    python -m bench.extraction --data ../shared/data/extraction/wcxb-dev

Data layouts (detected from the folder contents):

* scrapinghub article-extraction-benchmark: ``html/<id>.html.gz`` and ``ground-truth.json``
  mapping id -> {url, articleBody}.
* WCXB (web-content-extraction-benchmark): ``<split>/html/NNNN.html.gz`` and
  ``<split>/ground-truth/NNNN.json`` with ``ground_truth`` {main_content, title, author,
  publish_date}; a page without ``main_content`` counts with an empty gold text, as WCXB does.

Text metrics (implemented in ``bench/_text_metrics.py``), each dataset scored the way its own
benchmark scores it so the numbers compare with published ones. Tokens are ``\\w+`` matches.

* scrapinghub (``metric: "shingle"``): per page, the texts become multisets of 4-token shingles
  (case kept; a text under 4 tokens is one shingle); tp/fp/fn are multiset overlaps, normalised
  by tp+fp+fn. Precision = mean over pages that predicted something, recall = mean over pages
  with a gold body; F1 = harmonic mean of those two means (evaluate.py of
  scrapinghub/article-extraction-benchmark).
* WCXB (``metric: "word"``): per page, bag-of-words overlap of lower-cased tokens,
  P = overlap/|pred|, R = overlap/|gold|, F1 per page (empty prediction = 0); P, R and F1 are
  plain means over all pages (evaluate.py of Murrough-Foley/web-content-extraction-benchmark).

The other metric is reported too (``alt_*`` keys). Both extractors get the same decoded HTML
and the page URL when the data has one. The baseline is ``trafilatura.extract(html, url=url)``
with default settings.

Throughput: both extractors run in this process on the same pages; each page is extracted by
both, back to back, alternating which goes first, and only the extraction calls are timed
(``time.perf_counter``), so background load on a small machine hits both alike. One untimed
call of each on the first page comes first, so one-time set-up (lazy imports, dateparser's
locale tables, built on its first parse) is charged to neither. ``--rounds N`` repeats the
timed pass N times.

Metadata accuracy (WCXB only, over all pages; a field counts as right when both sides are empty):

* title: equal after normalising (lower-cased ``\\w+`` tokens joined by spaces);
* author: the gold and found name-token sets (lower-cased, without "and"/"by") are non-empty and
  one contains the other (so "A, B and C" matches "A; B; C");
* date: the found date starts with the gold date (``YYYY-MM-DD``, or ``YYYY-MM`` where that is
  all the gold gives).

The last line printed is one JSON object with the headline figures.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import trafilatura

from bench._text_metrics import shingle_scores, word_scores
from newsfuse.clean.article import build_article, prepare
from newsfuse.clean.dates import parse_published
from newsfuse.clean.html import HtmlExtraction
from newsfuse.errors import InputRejected
from newsfuse.model import RawDocument, SourceHints


@dataclass(frozen=True)
class Page:
    """One benchmark page: its HTML and what a perfect extractor would return."""

    id: str
    url: str | None
    html: str
    gold: str
    title: str | None = None
    author: str | None = None
    published: str | None = None


def decode_html(data: bytes) -> str:
    """UTF-8 as the benchmarks read it; a lenient fallback for the odd legacy page."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def detect_layout(root: Path) -> tuple[str, Path]:
    """("scrapinghub", root) or ("wcxb", split folder) from the folder contents."""
    if (root / "ground-truth.json").is_file() and (root / "html").is_dir():
        return "scrapinghub", root
    if (root / "html").is_dir() and (root / "ground-truth").is_dir():
        return "wcxb", root
    splits = sorted(
        p for p in root.iterdir() if (p / "html").is_dir() and (p / "ground-truth").is_dir()
    )
    if splits:
        return "wcxb", splits[0]
    raise SystemExit(f"{root}: neither the scrapinghub nor the WCXB layout")


def load_pages(root: Path, limit: int | None = None) -> tuple[str, list[Page]]:
    """The layout name and the pages, sorted by id, at most ``limit`` of them."""
    layout, folder = detect_layout(root)
    loader = _scrapinghub_pages if layout == "scrapinghub" else _wcxb_pages
    return layout, loader(folder, limit)


def _scrapinghub_pages(root: Path, limit: int | None) -> list[Page]:
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[:limit]
    return [
        Page(
            id=i,
            url=truth[i].get("url"),
            html=decode_html(gzip.decompress((root / "html" / f"{i}.html.gz").read_bytes())),
            gold=truth[i].get("articleBody") or "",
        )
        for i in ids
    ]


def _wcxb_pages(split: Path, limit: int | None) -> list[Page]:
    pages = []
    for path in sorted((split / "ground-truth").glob("*.json"))[:limit]:
        record = json.loads(path.read_text(encoding="utf-8"))
        truth = record.get("ground_truth") or {}
        html_path = split / "html" / f"{path.stem}.html.gz"
        pages.append(
            Page(
                id=path.stem,
                url=record.get("url"),
                html=decode_html(gzip.decompress(html_path.read_bytes())),
                gold=truth.get("main_content") or "",
                title=truth.get("title"),
                author=truth.get("author"),
                published=truth.get("publish_date"),
            )
        )
    return pages


@dataclass(frozen=True)
class Ours:
    """Our whole HTML path: the page's extraction, then newsfuse's own article cleaning."""

    text: str | None
    page: HtmlExtraction | None


def _ours(page: Page) -> Ours:
    raw = RawDocument(page.id, "html", page.html, "utf-8", SourceHints(url=page.url))
    try:
        prepared = prepare(raw)
        return Ours(build_article(prepared).text, prepared.page)
    except InputRejected:
        return Ours(None, None)


def _baseline(page: Page) -> str | None:
    return trafilatura.extract(page.html, url=page.url)


@dataclass
class Run:
    """What one extractor produced, and the seconds its calls took."""

    outputs: list
    seconds: float = 0.0


def run_both(pages: Sequence[Page], rounds: int = 1) -> tuple[Run, Run]:
    """Extract every page with both, back to back, alternating which goes first; time each."""
    ours, base = Run([None] * len(pages)), Run([None] * len(pages))
    if pages:  # untimed warm-up: one-time initialisation is charged to neither side
        _ours(pages[0])
        _baseline(pages[0])
        # dateparser builds its language tables on its first parse (~0.2 s), which happens on
        # whichever page first has a written-out date line; do it here instead.
        parse_published("Friday 15 September 2023 11:09 BST", basis="warm-up")
    for r in range(rounds):
        for i, page in enumerate(pages):
            pair: list[tuple[Run, Callable]] = [(ours, _ours), (base, _baseline)]
            for run, func in pair if (i + r) % 2 == 0 else reversed(pair):
                start = time.perf_counter()
                out = func(page)
                run.seconds += time.perf_counter() - start
                if r == 0:
                    run.outputs[i] = out
    return ours, base


_NAME_NOISE = frozenset({"and", "by"})


def _norm(text: str | None) -> str:
    return " ".join(re.findall(r"\w+", (text or "").lower()))


def title_ok(gold: str | None, found: str | None) -> bool:
    return _norm(gold) == _norm(found)


def author_ok(gold: str | None, found: Sequence[str]) -> bool:
    g = set(_norm(gold).split()) - _NAME_NOISE
    f = set(_norm(" ".join(found)).split()) - _NAME_NOISE
    if not g or not f:
        return not g and not f
    return g <= f or f <= g


def date_ok(gold: str | None, found: str | None) -> bool:
    if not gold or not found:
        return not gold and not found
    return found.startswith(gold[:10])


def metadata_accuracy(pages: Sequence[Page], outputs: Sequence[HtmlExtraction | None]) -> dict:
    """Share of pages whose title, author and date match the gold (definitions above)."""
    empty = HtmlExtraction("", None, (), None, None, None, None, None)
    pairs = [(p, o or empty) for p, o in zip(pages, outputs, strict=True)]
    n = len(pairs) or 1
    return {
        "title_acc": sum(title_ok(p.title, o.title) for p, o in pairs) / n,
        "author_acc": sum(author_ok(p.author, o.authors) for p, o in pairs) / n,
        "date_acc": sum(date_ok(p.published, o.published) for p, o in pairs) / n,
    }


def score(layout: str, pages: Sequence[Page], texts: Sequence[str | None]) -> dict[str, float]:
    """Primary metric of the dataset's own benchmark, plus the other one as alt_*."""
    pairs = [(p.gold, t) for p, t in zip(pages, texts, strict=True)]
    shingle, word = shingle_scores(pairs), word_scores(pairs)
    main, alt = (shingle, word) if layout == "scrapinghub" else (word, shingle)
    return {**main, **{f"alt_{k}": v for k, v in alt.items()}}


def main(argv: Sequence[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="benchmark folder")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages by id")
    parser.add_argument("--rounds", type=int, default=1, help="timed passes over the pages")
    args = parser.parse_args(argv)

    layout, pages = load_pages(args.data, args.limit)
    ours, base = run_both(pages, max(1, args.rounds))
    our_texts = [o.text for o in ours.outputs]
    ours_s, base_s = score(layout, pages, our_texts), score(layout, pages, base.outputs)
    timed = len(pages) * max(1, args.rounds)
    ours_pps = timed / ours.seconds if ours.seconds else 0.0
    base_pps = timed / base.seconds if base.seconds else 0.0
    meta = metadata_accuracy(pages, [o.page for o in ours.outputs]) if layout == "wcxb" else {}

    metric = "shingle" if layout == "scrapinghub" else "word"
    print(f"{args.data.name}: {len(pages)} pages, metric {metric} (alt = the other metric)")
    header = f"{'extractor':<28}{'P':>8}{'R':>8}{'F1':>8}{'alt F1':>8}{'empty':>7}{'pages/s':>9}"
    print(header)
    print("-" * len(header))
    rows = (
        ("newsfuse (extract + clean)", ours_s, our_texts, ours_pps),
        ("trafilatura.extract default", base_s, base.outputs, base_pps),
    )
    for name, s, texts, pps in rows:
        empty = sum(not t for t in texts)
        print(
            f"{name:<28}{s['precision']:>8.4f}{s['recall']:>8.4f}{s['f1']:>8.4f}"
            f"{s['alt_f1']:>8.4f}{empty:>7}{pps:>9.1f}"
        )
    if meta:
        print("metadata (ours): " + "  ".join(f"{k} {v:.3f}" for k, v in meta.items()))
    result = {
        "dataset": args.data.name,
        "pages": len(pages),
        "f1": round(ours_s["f1"], 4),
        "precision": round(ours_s["precision"], 4),
        "recall": round(ours_s["recall"], 4),
        "trafilatura_f1": round(base_s["f1"], 4),
        "pages_per_s": round(ours_pps, 2),
        "trafilatura_pages_per_s": round(base_pps, 2),
        "metric": metric,
        "trafilatura_precision": round(base_s["precision"], 4),
        "trafilatura_recall": round(base_s["recall"], 4),
        "alt_f1": round(ours_s["alt_f1"], 4),
        "trafilatura_alt_f1": round(base_s["alt_f1"], 4),
        "speed_ratio": round(ours_pps / base_pps, 3) if base_pps else None,
        **{k: round(v, 4) for k, v in meta.items()},
    }
    print(json.dumps(result))
    sys.stdout.flush()
    return result


if __name__ == "__main__":
    main()
