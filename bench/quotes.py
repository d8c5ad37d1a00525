"""Benchmark quote and attribution extraction on PolNeAR: ``find_quotes`` against textacy.

Usage (from the repository root)::

    python -m bench.quotes --data ../shared/data/quotes/polnear --split dev [--limit N]
        [--half odd|even]

Tune on ``--split train`` (840 articles; ``--limit`` keeps a run short) and check on dev, or
tune on one ``--half`` of a split and report the other: figures fitted to the documents
they are reported on do not hold on news not seen.

Data: ``data/<split>/text/<name>.txt`` and brat standoff files
``data/<split>/attributions/<name>_<annotator>.ann`` (T lines: Source / Cue / Content spans as
character offsets, ``;`` between the pieces of a discontinuous span; E lines link them into one
attribution; ``Content2`` is a second content). An article annotated by several annotators is
scored against the first ``.ann`` file in sorted order. Attributions without a Content are
skipped. Documents are taken in sorted order; ``--limit N`` keeps the first N, then
``--half even`` / ``--half odd`` keeps those at even / odd positions (0-based) of them.

Definitions (``cover(A, B)`` = the share of the characters of span set A that lie in B):

* A gold attribution is *direct* when its Content text holds a quotation mark: ``"`` ``“``
  ``”`` ``‘``, or ``'``/``’`` with no letter or digit just before it (an opening single quote;
  an apostrophe as in "don’t" or "voters’" does not count).
* Our quotes form *attributions*: quotes sharing one ``cue_span`` are one attribution (a quote
  split around its cue, ``"A," she said. "B."``, gives two quotes with the same cue span, as
  PolNeAR gives one attribution with a two-piece Content); a quote without a cue span stands alone.
* A gold attribution is *found* when one of our attributions covers it:
  ``cover(gold content, union of that attribution's content spans) >= 0.5``.
* Its *speaker is found* when a covering attribution has a ``speaker_span`` overlapping a gold
  Source piece (by at least one character); a gold attribution without a Source needs only to
  be found.
* ``direct_recall`` = found direct / gold direct; ``direct_speaker_recall`` = direct with speaker
  found / gold direct; ``all_recall`` = found / all gold attributions (direct and indirect);
  ``all_speaker_recall`` likewise with the speaker.
* ``precision`` = share of OUR direct quotes (``direct=True``) whose content lies at least half
  inside gold Content: ``cover(our content, union of all gold Content pieces) >= 0.5``.
  ``indirect_precision`` is the same for our indirect quotes.

Baseline: ``textacy.extract.triples.direct_quotations`` (textacy 0.13.0) on the same texts
and the same model, en_core_web_sm 3.8, but with its whole pipeline: textacy needs the
dependency parse and lemmas that newsfuse's fast pipeline (``_spacy.load``) leaves out. Its
content span is taken without the enclosing quotation-mark tokens, its speaker tokens as the
speaker span, its cue tokens as one cue span; scored as above (every baseline quote is
direct). textacy refuses a document with an odd number of quotation marks; there it is run
paragraph by paragraph (each paragraph as its own Doc) and a paragraph it still refuses
yields nothing.

Speed: ``parse_s`` is newsfuse's spaCy parse (``_spacy.parse_many``: ``nlp.pipe`` plus the
conversion to ``Parsed``), ``quotes_s`` the ``find_quotes`` calls only, both with
``time.perf_counter`` in this process after the model is loaded; ``quotes_overhead`` =
quotes_s / parse_s and ``words_per_s`` = whitespace words / (parse_s + quotes_s).

The last line printed is one JSON object with the headline figures.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsfuse.extract import _spacy
from newsfuse.extract.quotes import find_quotes
from newsfuse.model import Quote

Pieces = tuple[tuple[int, int], ...]

_QUOTE_MARK = re.compile(r"[\"“”‘]|(?<![^\W_])['’]")


@dataclass(frozen=True)
class GoldAttribution:
    """One PolNeAR attribution: content, source and cue pieces as (start, end) offsets."""

    content: Pieces
    source: Pieces
    cue: Pieces
    direct: bool


@dataclass(frozen=True)
class GoldDoc:
    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]


@dataclass(frozen=True)
class Found:
    """One extractor's attribution as the scorer sees it: content and speaker pieces."""

    content: Pieces
    speaker: Pieces
    direct: bool


# ---------------------------------------------------------------- loading


def _pieces(offsets: str) -> Pieces:
    out = []
    for part in offsets.split(";"):
        start, end = part.split()
        out.append((int(start), int(end)))
    return tuple(out)


def parse_ann(ann: str, text: str) -> tuple[GoldAttribution, ...]:
    """The attributions of one brat file (T and E lines; anything else is ignored)."""
    spans: dict[str, Pieces] = {}
    links: list[dict[str, list[str]]] = []
    for line in ann.splitlines():
        fields = line.split("\t")
        if len(fields) < 2:
            continue
        if re.fullmatch(r"T\d+", fields[0]):
            _label, _, offsets = fields[1].partition(" ")
            spans[fields[0]] = _pieces(offsets)
        elif re.fullmatch(r"E\d+", fields[0]):
            roles: dict[str, list[str]] = {}
            for arg in fields[1].split():
                role, _, ref = arg.partition(":")
                roles.setdefault(re.sub(r"\d+$", "", role), []).append(ref)
            links.append(roles)
    return tuple(_attribution(roles, spans, text) for roles in links if roles.get("Content"))


def _attribution(
    roles: dict[str, list[str]], spans: dict[str, Pieces], text: str
) -> GoldAttribution:
    def get(role: str) -> Pieces:
        return tuple(sorted(p for ref in roles.get(role, []) for p in spans.get(ref, ())))

    content = get("Content")
    words = " ".join(text[s:e] for s, e in content)
    return GoldAttribution(content, get("Source"), get("Cue"), bool(_QUOTE_MARK.search(words)))


def load_split(root: Path, split: str, limit: int | None = None) -> list[GoldDoc]:
    """The documents of ``split``, sorted by name, with their gold attributions."""
    folder = root / "data" / split if (root / "data").is_dir() else root / split
    if not folder.is_dir():
        raise SystemExit(f"{folder}: no such PolNeAR split folder")
    docs = []
    for path in sorted((folder / "text").glob("*.txt"))[:limit]:
        anns = sorted((folder / "attributions").glob(f"{path.stem}_*.ann"))
        text = path.read_text(encoding="utf-8")
        gold = parse_ann(anns[0].read_text(encoding="utf-8"), text) if anns else ()
        docs.append(GoldDoc(path.stem, text, gold))
    return docs


# ---------------------------------------------------------------- scoring


def _overlap(a: Pieces, b: Pieces) -> int:
    """Characters of ``a`` inside ``b`` (``b``'s pieces may overlap each other)."""
    merged = _merge(b)
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in _merge(a) for s2, e2 in merged)


def _merge(pieces: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(pieces):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def cover(a: Pieces, b: Pieces) -> float:
    """Share of the characters of ``a`` that lie inside ``b``."""
    size = sum(e - s for s, e in _merge(a))
    return _overlap(a, b) / size if size else 0.0


def group_quotes(quotes: Sequence[Quote]) -> list[Found]:
    """Our quotes as attributions: those sharing a cue span are one attribution."""
    groups: dict[Any, list[Quote]] = {}
    for n, q in enumerate(quotes):
        key = (q.cue_span.start, q.cue_span.end) if q.cue_span else ("alone", n)
        groups.setdefault(key, []).append(q)
    return [
        Found(
            tuple((q.content.start, q.content.end) for q in qs),
            tuple((q.speaker_span.start, q.speaker_span.end) for q in qs if q.speaker_span),
            any(q.direct for q in qs),
        )
        for qs in groups.values()
    ]


@dataclass
class Tally:
    """Counts behind the metrics, summed over documents."""

    gold_direct: int = 0
    direct_found: int = 0
    direct_speaker: int = 0
    gold_all: int = 0
    all_found: int = 0
    all_speaker: int = 0
    ours_direct: int = 0
    ours_direct_ok: int = 0
    ours_indirect: int = 0
    ours_indirect_ok: int = 0

    def add(self, other: Tally) -> None:
        for key, value in vars(other).items():
            setattr(self, key, getattr(self, key) + value)

    def metrics(self) -> dict[str, float]:
        def ratio(a: int, b: int) -> float:
            return round(a / b, 4) if b else 0.0

        return {
            "direct_recall": ratio(self.direct_found, self.gold_direct),
            "direct_speaker_recall": ratio(self.direct_speaker, self.gold_direct),
            "precision": ratio(self.ours_direct_ok, self.ours_direct),
            "all_recall": ratio(self.all_found, self.gold_all),
            "all_speaker_recall": ratio(self.all_speaker, self.gold_all),
            "indirect_precision": ratio(self.ours_indirect_ok, self.ours_indirect),
        }


def match_gold(gold: GoldAttribution, found: Sequence[Found]) -> tuple[bool, bool]:
    """(content found, speaker found) for one gold attribution."""
    covering = [f for f in found if cover(gold.content, f.content) >= 0.5]
    if not covering:
        return False, False
    if not gold.source:
        return True, True
    return True, any(_overlap(gold.source, f.speaker) > 0 for f in covering)


def recall_tally(gold: Sequence[GoldAttribution], found: Sequence[Found]) -> Tally:
    """Gold attributions found, and found with their speaker, in one document."""
    t = Tally()
    for g in gold:
        hit, speaker = match_gold(g, found)
        t.gold_all += 1
        t.all_found += hit
        t.all_speaker += speaker
        if g.direct:
            t.gold_direct += 1
            t.direct_found += hit
            t.direct_speaker += speaker
    return t


def precision_tally(
    gold: Sequence[GoldAttribution], contents: Iterable[tuple[tuple[int, int], bool]]
) -> Tally:
    """Of our (content, direct) items, those lying at least half inside gold Content."""
    t = Tally()
    gold_content = tuple(p for g in gold for p in g.content)
    for piece, direct in contents:
        ok = cover((piece,), gold_content) >= 0.5
        if direct:
            t.ours_direct += 1
            t.ours_direct_ok += ok
        else:
            t.ours_indirect += 1
            t.ours_indirect_ok += ok
    return t


def score_quotes(gold: Sequence[GoldAttribution], quotes: Sequence[Quote]) -> Tally:
    """Score ``find_quotes`` output of one document."""
    t = recall_tally(gold, group_quotes(quotes))
    t.add(precision_tally(gold, (((q.content.start, q.content.end), q.direct) for q in quotes)))
    return t


def score_found(gold: Sequence[GoldAttribution], found: Sequence[Found]) -> Tally:
    """Score attributions already in the scorer's form (the baseline's)."""
    t = recall_tally(gold, found)
    t.add(precision_tally(gold, ((piece, f.direct) for f in found for piece in f.content)))
    return t


# ---------------------------------------------------------------- baseline


def textacy_found(doc: Any) -> list[Found]:
    """textacy's direct quotations as scorer attributions (paragraph-wise if it refuses)."""
    try:
        return _textacy_triples(doc, 0)
    except ValueError:
        pass
    found: list[Found] = []
    for m in re.finditer(r"[^\n]+", doc.text):
        part = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if part is None:
            continue
        try:
            found += _textacy_triples(part.as_doc(), part.start_char)
        except ValueError:
            continue
    return found


def _textacy_triples(doc: Any, offset: int) -> list[Found]:
    from textacy.extract.triples import direct_quotations

    out = []
    for triple in direct_quotations(doc):
        content = triple.content
        inner = content[1:-1] if len(content) > 2 else content
        speaker = triple.speaker
        s = min(t.idx for t in speaker) + offset
        e = max(t.idx + len(t) for t in speaker) + offset
        start, end = inner.start_char + offset, inner.end_char + offset
        out.append(Found(((start, end),), ((s, e),), True))
    return out


# ---------------------------------------------------------------- running


@dataclass
class Result:
    ours: Tally
    base: Tally
    words: int
    parse_s: float
    quotes_s: float
    docs: int


def run(docs: Sequence[GoldDoc], baseline: bool = True) -> Result:
    """Parse each document with newsfuse's pipeline, time parse and ``find_quotes`` apart,
    score both extractors."""
    _spacy.load()  # model loading is charged to neither side
    ours, base = Tally(), Tally()
    parse_s = quotes_s = 0.0
    parses = _spacy.parse_many(d.text for d in docs)
    for gold in docs:
        start = time.perf_counter()
        parsed = next(parses)
        parse_s += time.perf_counter() - start
        start = time.perf_counter()
        quotes = find_quotes(parsed)
        quotes_s += time.perf_counter() - start
        ours.add(score_quotes(gold.attributions, quotes))
    if baseline:
        for gold, doc in zip(docs, _full_pipeline().pipe(d.text for d in docs), strict=True):
            base.add(score_found(gold.attributions, textacy_found(doc)))
    words = sum(len(d.text.split()) for d in docs)
    return Result(ours, base, words, parse_s, quotes_s, len(docs))


def _full_pipeline() -> Any:
    """The whole English pipeline, with the dependency parser textacy needs."""
    return _spacy.load_full()


def report(result: Result, baseline: bool = True) -> dict[str, Any]:
    """Print the table; return the headline JSON object."""
    ours, base = result.ours.metrics(), result.base.metrics()
    print(f"{'metric':<24}{'newsfuse':>10}{'textacy':>10}")
    for key in ours:
        print(f"{key:<24}{ours[key]:>10.4f}{base[key] if baseline else float('nan'):>10.4f}")
    t = result.ours
    print(
        f"gold attributions {t.gold_all} (direct {t.gold_direct}); ours: direct {t.ours_direct}, "
        f"indirect {t.ours_indirect}; docs {result.docs}, words {result.words}"
    )
    overhead = result.quotes_s / result.parse_s if result.parse_s else 0.0
    print(
        f"parse {result.parse_s:.2f}s, find_quotes {result.quotes_s:.3f}s "
        f"(overhead {overhead:.1%} of the parse)"
    )
    headline = {k: ours[k] for k in ("direct_recall", "direct_speaker_recall", "precision")}
    headline["all_recall"] = ours["all_recall"]
    headline["baseline_direct_speaker_recall"] = base["direct_speaker_recall"] if baseline else None
    headline.update(
        all_speaker_recall=ours["all_speaker_recall"],
        indirect_precision=ours["indirect_precision"],
        baseline_direct_recall=base["direct_recall"] if baseline else None,
        baseline_precision=base["precision"] if baseline else None,
        docs=result.docs,
        words=result.words,
        words_per_s=round(result.words / (result.parse_s + result.quotes_s), 1),
        quotes_overhead=round(overhead, 4),
    )
    return headline


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/quotes/polnear"))
    parser.add_argument("--split", default="dev")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--half", choices=("even", "odd"), default=None)
    parser.add_argument("--no-baseline", action="store_true", help="skip textacy")
    args = parser.parse_args(argv)
    docs = load_split(args.data, args.split, args.limit)
    if args.half is not None:
        docs = docs[args.half == "odd" :: 2]
    result = run(docs, baseline=not args.no_baseline)
    headline = report(result, baseline=not args.no_baseline)
    print(json.dumps(headline))
    return 0


if __name__ == "__main__":
    sys.exit(main())
