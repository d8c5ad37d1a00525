"""Benchmark time-expression tagging and normalisation: ``find_timexes`` against dateparser.

Usage::

    python -m bench.timex --data ../shared/data/time/tbaq [--limit N] [--show N]
    python -m bench.timex --data ../shared/data/time/meantime-en

Data layouts (detected from the folder contents):

* TimeML (``*.tml``, TimeBank + AQUAINT): the document text is the content of ``<TEXT>`` with
  the tags taken out; gold timexes are the ``TIMEX3`` elements in it; the document creation
  time (DCT) is the ``TIMEX3`` with ``functionInDocument="CREATION_TIME"``.
* MEANTIME (NAF/CAT ``*.xml`` under ``intra-doc_annotation``): the text is rebuilt from the
  ``<token>`` elements (one line per sentence, light detokenisation: no space before closing
  punctuation). Only the first sentences of each article are annotated (title, dateline and
  about four more), so the text stops after the last sentence holding any markable. Gold
  timexes are ``TIMEX3`` markables with token anchors (those without anchors are not in the
  text and are left out); the DCT is the one with
  ``functionInDocument="CREATION_TIME"``. It is written in the text (the dateline under the
  title), so predictions overlapping it are dropped before scoring, as the DCT is not scored.

Scoring follows TempEval-3 over all TIMEX3 types, leaving out the DCT itself: a prediction
matches a gold timex when their character spans overlap (relaxed match, one-to-one, greedily by
largest overlap). Span P/R/F1 count matches; value P/R/F1 count matches whose normalised value
is exactly the gold one; type accuracy is the share of matches with the gold type.

The baseline is ``dateparser.search.search_dates(text, settings={"RELATIVE_BASE": dct})``;
its found strings are located in the text left to right and valued as ``YYYY-MM-DD`` (DATE).

Throughput is docs/s of ``find_timexes`` without a spaCy parse: one untimed warm-up call, then
the best of ``--rounds`` timed passes over all documents. ``--parsed`` also scores the tagger
with spaCy's tags for tense (``newsfuse+tags``), which loads the model and is slow.
The last line printed is one JSON object with the headline figures (null where not measured).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from newsfuse.extract.timex import find_timexes


@dataclass(frozen=True)
class Mention:
    """One time expression: a span of the document text with its TIMEX3 type and value."""

    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True)
class Doc:
    """One benchmark document: text, creation date and gold time expressions."""

    name: str
    text: str
    dct: date | None
    gold: tuple[Mention, ...]
    dct_span: tuple[int, int] | None = None


@dataclass
class Counts:
    """Tallies over documents for one system."""

    gold: int = 0
    pred: int = 0
    span_tp: int = 0
    value_tp: int = 0
    type_tp: int = 0

    def add(self, other: Counts) -> None:
        self.gold += other.gold
        self.pred += other.pred
        self.span_tp += other.span_tp
        self.value_tp += other.value_tp
        self.type_tp += other.type_tp

    def figures(self) -> dict[str, float]:
        sp, sr, sf = prf(self.span_tp, self.pred, self.gold)
        vp, vr, vf = prf(self.value_tp, self.pred, self.gold)
        type_acc = self.type_tp / self.span_tp if self.span_tp else 0.0
        return {
            "span_p": sp,
            "span_r": sr,
            "span_f1": sf,
            "value_p": vp,
            "value_r": vr,
            "value_f1": vf,
            "type_acc": type_acc,
        }


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# --- loading -----------------------------------------------------------------------------------


def load(data: Path, limit: int | None = None) -> list[Doc]:
    """All documents under ``data`` (sorted by file name), in whichever format it holds."""
    tml = sorted(data.rglob("*.tml"), key=lambda p: p.name)
    if tml:
        return [load_timeml(p) for p in tml[:limit]]
    naf = sorted(
        (p for p in data.rglob("*.xml") if "intra-doc_annotation" in p.parts),
        key=lambda p: p.name,
    )
    if not naf:
        raise SystemExit(f"no TimeML (*.tml) or MEANTIME (intra-doc_annotation/*.xml) in {data}")
    return [load_meantime(p) for p in naf[:limit]]


def load_timeml(path: Path) -> Doc:
    root = ET.parse(path).getroot()
    dct: date | None = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct = date.fromisoformat(timex.get("value", "")[:10])
            break
    body = root.find("TEXT")
    parts: list[str] = []
    gold: list[Mention] = []
    if body is not None:
        _walk(body, parts, gold)
    return Doc(path.name, "".join(parts), dct, tuple(gold))


def _walk(node: ET.Element, parts: list[str], gold: list[Mention]) -> None:
    """Flatten mixed XML content into ``parts``, recording TIMEX3 offsets."""
    parts.append(node.text or "")
    for child in node:
        start = sum(map(len, parts))
        _walk(child, parts, gold)
        if child.tag == "TIMEX3" and child.get("functionInDocument") != "CREATION_TIME":
            end = sum(map(len, parts))
            gold.append(Mention(start, end, child.get("type", ""), child.get("value", "")))
        parts.append(child.tail or "")


_NO_SPACE_BEFORE = re.compile(r"^(?:[,.;:!?%)\]}]|'s|'|n't|'re|'ve|'ll|'d|'m)$", re.IGNORECASE)
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``"}


def load_meantime(path: Path) -> Doc:
    root = ET.parse(path).getroot()
    offsets: dict[str, tuple[int, int]] = {}
    sentence_of: dict[str, str] = {}
    text = ""
    sentence = None
    previous = ""
    annotated = _last_annotated_sentence(root)
    for token in root.iter("token"):
        if int(token.get("sentence") or 0) > annotated:
            break
        word = token.text or ""
        if sentence is not None and token.get("sentence") != sentence:
            text += "\n"
        elif text and not _NO_SPACE_BEFORE.match(word) and previous not in _NO_SPACE_AFTER:
            text += " "
        sentence = token.get("sentence")
        offsets[token.get("t_id", "")] = (len(text), len(text) + len(word))
        sentence_of[token.get("t_id", "")] = sentence or ""
        text += word
        previous = word
    timexes = list(root.iter("TIMEX3"))
    dct_node = next(
        (t for t in timexes if t.get("functionInDocument") == "CREATION_TIME"),
        next((t for t in timexes if _in_dateline(t, sentence_of)), None),
    )
    gold: list[Mention] = []
    dct_span: tuple[int, int] | None = None
    for timex in timexes:
        anchors = [offsets[a.get("t_id", "")] for a in timex.iter("token_anchor")]
        span = (min(a[0] for a in anchors), max(a[1] for a in anchors)) if anchors else None
        if timex is dct_node:
            dct_span = span
        elif span is not None:
            gold.append(Mention(span[0], span[1], timex.get("type", ""), timex.get("value", "")))
    gold.sort(key=lambda m: m.start)
    dct = _lenient_date(dct_node.get("value", "")) if dct_node is not None else None
    return Doc(path.name, text, dct, tuple(gold), dct_span)


def _last_annotated_sentence(root: ET.Element) -> int:
    """MEANTIME annotates only the first sentences of each article: the last one with markables."""
    sentence_of = {t.get("t_id"): int(t.get("sentence") or 0) for t in root.iter("token")}
    anchored = [sentence_of.get(a.get("t_id"), 0) for a in root.iter("token_anchor")]
    return max(anchored, default=max(sentence_of.values(), default=0))


def _in_dateline(timex: ET.Element, sentence_of: dict[str, str]) -> bool:
    """Whether a timex lies in sentence 1, the dateline under the title (DCT when unmarked)."""
    anchors = [sentence_of.get(a.get("t_id", "")) for a in timex.iter("token_anchor")]
    return bool(anchors) and all(s == "1" for s in anchors)


def _lenient_date(value: str) -> date | None:
    """``YYYY-MM-DD``, or the ``MM-DD-YYYY`` that one MEANTIME file uses."""
    if m := re.match(r"(\d{4})-(\d\d)-(\d\d)", value):
        return date(int(m[1]), int(m[2]), int(m[3]))
    if m := re.match(r"(\d\d)-(\d\d)-(\d{4})", value):
        return date(int(m[3]), int(m[1]), int(m[2]))
    return None


# --- systems -----------------------------------------------------------------------------------


def ours(doc: Doc) -> list[Mention]:
    return [
        Mention(t.span.start, t.span.end, t.type, t.value) for t in find_timexes(doc.text, doc.dct)
    ]


def ours_parsed(doc: Doc) -> list[Mention]:
    """``find_timexes`` with spaCy's tags for tense (loads the model: slow, optional)."""
    from newsfuse.extract._spacy import parse

    found = find_timexes(doc.text, doc.dct, parsed=parse(doc.text))
    return [Mention(t.span.start, t.span.end, t.type, t.value) for t in found]


def baseline(doc: Doc) -> list[Mention]:
    """dateparser's ``search_dates`` with the DCT as base; only ever finds dates."""
    from dateparser.search import search_dates

    base = datetime.combine(doc.dct or date.today(), datetime.min.time())
    found = search_dates(doc.text, settings={"RELATIVE_BASE": base}) or []
    mentions: list[Mention] = []
    cursor = 0
    for string, when in found:
        at = doc.text.find(string, cursor)
        if at < 0:
            at = doc.text.find(string)
            if at < 0:
                continue
        else:
            cursor = at + len(string)
        mentions.append(Mention(at, at + len(string), "DATE", when.strftime("%Y-%m-%d")))
    return mentions


# --- scoring -----------------------------------------------------------------------------------


def align(gold: Sequence[Mention], pred: Sequence[Mention]) -> list[tuple[int, int]]:
    """One-to-one (gold index, pred index) pairs of overlapping spans, largest overlap first."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0:
                candidates.append((-overlap, gi, pi))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in candidates:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


def without_dct(doc: Doc, pred: Iterable[Mention]) -> list[Mention]:
    """Predictions, less those overlapping the written DCT (which is not scored)."""
    if doc.dct_span is None:
        return list(pred)
    s, e = doc.dct_span
    return [p for p in pred if p.end <= s or p.start >= e]


def score(doc: Doc, pred: Sequence[Mention]) -> Counts:
    pred = without_dct(doc, pred)
    pairs = align(doc.gold, pred)
    return Counts(
        gold=len(doc.gold),
        pred=len(pred),
        span_tp=len(pairs),
        value_tp=sum(doc.gold[g].value == pred[p].value for g, p in pairs),
        type_tp=sum(doc.gold[g].type == pred[p].type for g, p in pairs),
    )


def evaluate(docs: Sequence[Doc], system: Callable[[Doc], list[Mention]]) -> Counts:
    total = Counts()
    for doc in docs:
        total.add(score(doc, system(doc)))
    return total


# --- reporting ---------------------------------------------------------------------------------


def _context(text: str, start: int, end: int, width: int = 50) -> str:
    left = text[max(0, start - width) : start].replace("\n", " ")
    right = text[end : end + width].replace("\n", " ")
    return f"{left}[[{text[start:end]}]]{right}"


def show_errors(docs: Sequence[Doc], n: int) -> None:
    """Print up to ``n`` of each kind of error with context, to guide rule fixes."""
    misses: dict[str, list[str]] = {"FN": [], "FP": [], "VALUE": [], "TYPE": []}
    for doc in docs:
        pred = without_dct(doc, ours(doc))
        pairs = align(doc.gold, pred)
        matched_g = {g for g, _ in pairs}
        matched_p = {p for _, p in pairs}
        head = f"{doc.name} dct={doc.dct}"
        for gi, g in enumerate(doc.gold):
            if gi not in matched_g:
                ctx = _context(doc.text, g.start, g.end)
                misses["FN"].append(f"{head} {g.type} {g.value}: {ctx}")
        for pi, p in enumerate(pred):
            if pi not in matched_p:
                ctx = _context(doc.text, p.start, p.end)
                misses["FP"].append(f"{head} {p.type} {p.value}: {ctx}")
        for gi, pi in pairs:
            g, p = doc.gold[gi], pred[pi]
            ctx = _context(doc.text, p.start, p.end)
            if g.value != p.value:
                misses["VALUE"].append(f"{head} gold={g.value} ours={p.value}: {ctx}")
            if g.type != p.type:
                misses["TYPE"].append(f"{head} gold={g.type} ours={p.type}: {ctx}")
    for kind, lines in misses.items():
        print(f"--- {kind} ({len(lines)})")
        for line in lines[:n]:
            print("  " + line)


def throughput(docs: Sequence[Doc], rounds: int) -> tuple[float, float]:
    """Docs/s and words/s of ``find_timexes`` (no parse), best of ``rounds`` timed passes."""
    find_timexes(docs[0].text, docs[0].dct)  # untimed warm-up
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for doc in docs:
            find_timexes(doc.text, doc.dct)
        best = min(best, time.perf_counter() - started)
    words = sum(len(d.text.split()) for d in docs)
    return len(docs) / best, words / best


def _maybe(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--show", type=int, default=0, help="print N errors of each kind")
    parser.add_argument("--rounds", type=int, default=3, help="timed passes (best is kept)")
    parser.add_argument("--no-baseline", action="store_true", help="skip dateparser (slow)")
    parser.add_argument(
        "--parsed", action="store_true", help="also score with spaCy tags for tense (slow)"
    )
    args = parser.parse_args(argv)

    docs = load(args.data, args.limit)
    if args.show:
        show_errors(docs, args.show)
    counts = evaluate(docs, ours)
    fig = counts.figures()
    docs_per_s, words_per_s = throughput(docs, args.rounds)
    rows = {"newsfuse": fig}
    if args.parsed:
        rows["newsfuse+tags"] = evaluate(docs, ours_parsed).figures()
    if not args.no_baseline:
        rows["dateparser"] = evaluate(docs, baseline).figures()

    print(f"{args.data.name}: {len(docs)} docs, {counts.gold} gold timexes (DCT excluded)")
    print(f"{'system':<14}" + "".join(f"{k:>10}" for k in fig))
    for name, row in rows.items():
        print(f"{name:<14}" + "".join(f"{v:>10.3f}" for v in row.values()))
    print(f"newsfuse: {docs_per_s:.0f} docs/s, {words_per_s:.0f} words/s (no parse)")
    base = rows.get("dateparser", {})
    summary = {
        "dataset": args.data.name,
        "span_f1": round(fig["span_f1"], 4),
        "value_f1": round(fig["value_f1"], 4),
        "baseline_value_f1": _maybe(base.get("value_f1")),
        "docs_per_s": round(docs_per_s, 1),
        **{k: round(v, 4) for k, v in fig.items() if k not in ("span_f1", "value_f1")},
        "baseline_span_f1": _maybe(base.get("span_f1")),
        "parsed_value_f1": _maybe(rows.get("newsfuse+tags", {}).get("value_f1")),
        "words_per_s": round(words_per_s),
        "docs": len(docs),
        "gold": counts.gold,
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
