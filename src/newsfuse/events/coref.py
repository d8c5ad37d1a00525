"""Cross-document event coreference: which event mentions of a story tell the same event.

Why this shape: within one story most mentions with the same head lemma tell one event (the
head-lemma baseline is strong), so lemmas are the blocking key; what the baseline gets wrong
is (1) different words for one event ("shooting"/"shot", "death"/"died", "killed"/"murdered")
and (2) one word for different events (two "falls", every "said"). So:

1. Each mention gets a canonical key: its lemma, mapped through a small derivation table
   (``death`` -> ``die``) and through suffix rules (-ing, -s, -ed, -ion, -ment) that only fire
   when the stripped form is itself a lemma of the story, so no dictionary is needed.
2. Keys in one general-English synonym family ({kill, murder, slay}) share a block. A speech
   act ("said", "told") is an event of its own: in ECB+ dev, of the pairs of one article's
   "say" mentions only 8 of 34 corefer (making each its own event: CoNLL +0.002 on both
   the odd and the even topics).
3. Within a block, mentions join clusters greedily (leader clustering: each mention is
   compared with the block's clusters, not with every mention) when their context agrees:
   cosine of the trigger's context (argument words, nearby words, the sentence; or sentence
   embeddings when an ``embed`` function is given) to the cluster's centroid, minus penalties
   when the times, places or participants both sides name are disjoint. A synonym match needs
   more agreement than a same-key match.
4. Clusters of different words join when two of their mentions' arguments agree in two
   roles, one of them the agent or the patient ("released"/"pushed" with agent Microsoft and
   patient patch), unless both clusters have a mention in one sentence. Word vectors of the
   triggers did not tell these pairs apart (static MiniLM cosine, ECB+ odd topics: no
   threshold gained), the arguments did: CoNLL +0.005 odd, +0.003 even.

Measured on the odd ECB+ topics (bench.events), neither the context cosine (lexical or
MiniLM sentence vectors) nor the argument conflicts (entities of the sentence) beat plain
key blocking within a sub-topic, so the default thresholds are 0 and they only split when a
caller raises them (a story with several same-word events, e.g. two falls, needs them).

Cost: one pass over the mentions, each compared with the clusters of its own block only, so
near-linear for a story; a word that every article repeats with different meanings ("said")
makes its block's clusters many, which is where the cost lies. With positive thresholds a
mention is scored only against clusters sharing a context word with it (found through the
block's postings; the others cannot be joined), and the clustering's per-mention state is
kept out of the garbage collector's sight where it can be (postings and keys as tuples,
count bags as plain dicts, one shared empty argument set): in a long story that state
rivals the rest of the heap, and each full collection scans the whole heap.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

import numpy as np

from newsfuse.events.coref_tables import DERIVATIONS, REPORTING, STOPWORDS, SYNONYM_FAMILIES


@dataclass(frozen=True)
class EventMention:
    """One event mention: where it is, its trigger, and what the sentence says around it.

    ``context`` is optional extra words near the trigger (its syntactic arguments, say);
    ``participants``, ``times`` and ``places`` are argument strings, empty when unknown;
    ``roles`` are (role, head word) pairs of its syntactic arguments, the role one of
    "agent", "patient" (voice undone: a passive subject is the patient) or "oblique" (the
    object of a preposition), empty when unknown.
    """

    id: Hashable
    doc: str
    trigger: str
    lemma: str
    sentence: str
    context: tuple[str, ...] = ()
    participants: tuple[str, ...] = ()
    times: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    roles: tuple[tuple[str, str], ...] = ()


Embed = Callable[[Sequence[str]], np.ndarray]


@dataclass(frozen=True)
class Params:
    """Thresholds of the greedy clustering (tuned on the odd ECB+ topics only).

    A mention joins its block's best cluster when cosine - conflict * (disjoint argument
    kinds) >= same_key (synonym when only the family is shared); 0 merges every block.
    Two mentions of different words join their clusters when ``shared_roles`` of their
    (role, head word) arguments agree, one of them the agent or the patient; 0 turns it off.
    """

    same_key: float = 0.0
    synonym: float = 0.0
    conflict: float = 0.0
    shared_roles: int = 2


_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*|\d+")


def canonical_keys(lemmas: Iterable[str]) -> dict[str, str]:
    """Lemma -> canonical key, suffix rules checked against the lemmas seen (``vocab``)."""
    vocab = {lemma.lower() for lemma in lemmas}
    return {lemma: _canonical(lemma, vocab) for lemma in vocab}


def _canonical(lemma: str, vocab: set[str]) -> str:
    word = lemma.lower()
    if word in DERIVATIONS:
        return DERIVATIONS[word]
    for stem in _stems(word):
        if stem in vocab and stem != word:
            return DERIVATIONS.get(stem, stem)
    return word


def _stems(word: str) -> list[str]:
    """Candidate bases of a derived or inflected form, most specific first."""
    out: list[str] = []
    for suffix, repl in (
        ("ings", ""),
        ("ing", ""),
        ("ies", "y"),
        ("es", ""),
        ("s", ""),
        ("ed", ""),
        ("ation", "e"),
        ("ion", "e"),
        ("ion", ""),
        ("ment", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: len(word) - len(suffix)]
            out.append(base + repl)
            if suffix in ("ing", "ings", "ed"):
                out.append(base + "e")
                if len(base) > 3 and base[-1] == base[-2]:
                    out.append(base[:-1])
    return out


def family_of(key: str) -> str:
    """The synonym family of a key (the key itself when it has none)."""
    return _FAMILY.get(key, key)


_FAMILY = {word: members[0] for members in SYNONYM_FAMILIES for word in members}


@dataclass(slots=True)
class _Cluster:
    key: str
    slot: int = 0  # its place in its block
    norm: float = 0.0  # of a lexical centroid, kept as mentions are added
    members: list[int] = field(default_factory=list)
    centroid: np.ndarray | dict[str, float] | None = None
    # the arguments its mentions name: one shared empty set until one names some (most never
    # do), so a story's many clusters do not each hold three empty sets
    times: AbstractSet[str] = frozenset()
    places: AbstractSet[str] = frozenset()
    participants: AbstractSet[str] = frozenset()
    keys: tuple[str, ...] = ()  # one or two: a tuple, which the collector soon stops tracking


def cluster(
    mentions: Sequence[EventMention], *, embed: Embed | None = None, params: Params = Params()
) -> list[list[Hashable]]:
    """Group the mentions of one story into events; every mention lands in one cluster."""
    if not mentions:
        return []
    keys = canonical_keys(m.lemma for m in mentions)
    vectors = _lexical_vectors(mentions)
    args = [_arguments(m) for m in mentions]
    dense = _dense_vectors(mentions, embed) if embed is not None else None
    # With positive thresholds a cluster sharing no context word with a mention (cosine 0)
    # scores below 0 and can never be joined, so only the clusters that share one are scored.
    sharing = dense is None and min(params.same_key, params.synonym) > 0 <= params.conflict
    blocks: dict[str, list[_Cluster]] = {}
    postings: dict[str, dict[str, tuple[int, ...]]] = {}  # block -> context word -> clusters
    result: list[_Cluster] = []
    families: list[str] = []
    for i, m in enumerate(mentions):
        key = keys[m.lemma.lower()]
        family = family_of(key)
        if family in REPORTING:
            family = f"{family}\x00{i}"  # each speech act is its own event
        families.append(family)
        best, best_score = None, -math.inf
        block, posted = blocks.get(family, []), postings.get(family, {})
        for c in _candidates(block, posted, vectors[i], sharing):
            score = _score(i, key, c, vectors, dense, params, args[i])
            if score > best_score:
                best, best_score = c, score
        if best is not None and best_score >= 0:
            _add(best, i, key, vectors, dense, args[i])
            _post(postings.setdefault(family, {}), best.slot, vectors[i])
            continue
        new = _Cluster(key, slot=len(blocks.setdefault(family, [])))
        _add(new, i, key, vectors, dense, args[i])
        blocks[family].append(new)
        _post(postings.setdefault(family, {}), new.slot, vectors[i])
        result.append(new)
    groups = [c.members for c in result]
    if params.shared_roles > 0:
        groups = _link_by_arguments(mentions, groups, families, params.shared_roles)
    return [[mentions[i].id for i in members] for members in groups]


_CORE_ROLES = frozenset(("agent", "patient"))


def _link_by_arguments(
    mentions: Sequence[EventMention],
    groups: list[list[int]],
    families: list[str],
    needed: int,
) -> list[list[int]]:
    """Join clusters whose mentions tell one event in different words: two mentions (not
    speech acts, not of one synonym family) whose arguments agree in ``needed`` roles, one
    of them the agent or the patient ("Microsoft released the patch" / "Microsoft pushed
    the patch"). Two clusters that both have a mention in one sentence stay apart: a
    sentence names an event once (the joined mentions are then the sentence's two events,
    "shot and killed"). Found through postings of (role, word), a word held by more than
    ``_COMMON`` mentions skipped, so the work grows with the mentions, not their square."""
    owner = [0] * len(mentions)
    for g, members in enumerate(groups):
        for i in members:
            owner[i] = g
    parent = list(range(len(groups)))
    # a group's sentences, gathered when it is first a candidate for a join (few are)
    sentences: dict[int, set[tuple[str, str]]] = {}

    def sentences_of(g: int) -> set[tuple[str, str]]:
        if g not in sentences:
            sentences[g] = {(mentions[i].doc, mentions[i].sentence) for i in groups[g]}
        return sentences[g]

    def find(g: int) -> int:
        while parent[g] != g:
            parent[g] = parent[parent[g]]
            g = parent[g]
        return g

    postings: dict[tuple[str, str], tuple[int, ...]] = {}  # cut short as in ``_post``
    for i, m in enumerate(mentions):
        roles = {(r, w.lower()) for r, w in m.roles}
        if "\x00" in families[i] or not roles:
            continue
        shared: Counter[int] = Counter()
        core: set[int] = set()
        for role in roles:
            ids = postings.get(role, ())
            if len(ids) <= _COMMON:
                shared.update(ids)
                if role[0] in _CORE_ROLES:
                    core.update(ids)
                postings[role] = (*ids, i)
        for j, n in shared.items():
            if n < needed or j not in core or families[j] == families[i]:
                continue
            a, b = find(owner[i]), find(owner[j])
            if a == b or not sentences_of(a).isdisjoint(sentences_of(b)):
                continue
            if len(sentences[a]) < len(sentences[b]):
                a, b = b, a
            parent[b] = a
            sentences[a] |= sentences.pop(b)
    joined: dict[int, list[int]] = {}
    for g, members in enumerate(groups):
        joined.setdefault(find(g), []).extend(members)
    return list(joined.values())


_COMPARED = 32  # a mention is compared with at most this many clusters of its block
_COMMON = 4 * _COMPARED  # a context word in more clusters than this is not looked up


def _candidates(
    clusters: list[_Cluster],
    postings: dict[str, tuple[int, ...]],
    vector: dict[str, float],
    sharing: bool = False,
) -> list[_Cluster]:
    """The clusters of a block worth comparing with a mention: all of a small block (with
    ``sharing``, only those that share a context word with it, in block order: the others
    cannot be joined); in a large one (a word every article uses for many events) those
    sharing the most of its context words, so a story's work grows with its mentions, not
    their square. A large block's first cluster is always among them, so a mention with no
    shared word still has one."""
    if len(clusters) <= _COMPARED:
        if not sharing:
            return clusters
        ids = [postings.get(word, ()) for word in vector]
        if any(len(x) > _COMMON for x in ids):  # cut short: it may not hold them all
            return clusters
        return [clusters[c] for c in sorted({c for x in ids for c in x})]
    shared: Counter[int] = Counter({0: 0})
    for word in vector:
        ids = postings.get(word, ())
        if len(ids) <= _COMMON:  # a word in most clusters tells none apart
            shared.update(ids)
    return [
        clusters[c] for c, _ in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:_COMPARED]
    ]


def _post(postings: dict[str, tuple[int, ...]], cluster: int, vector: dict[str, float]) -> None:
    """Add the cluster to its words' postings. A posting is a tuple, which the garbage
    collector stops tracking (a long story has tens of thousands), and is cut short once it
    is longer than ``_COMMON``: a longer one is never read."""
    for word in vector:
        ids = postings.get(word, ())
        if len(ids) <= _COMMON and (not ids or ids[-1] != cluster):
            postings[word] = (*ids, cluster)


def _score(
    i: int,
    key: str,
    c: _Cluster,
    vectors: list[dict[str, float]],
    dense: np.ndarray | None,
    params: Params,
    args: _Args,
) -> float:
    """Agreement of mention ``i`` with cluster ``c`` minus the threshold it must pass."""
    assert c.centroid is not None
    if dense is not None and isinstance(c.centroid, np.ndarray):
        sim = float(dense[i] @ c.centroid) / (float(np.linalg.norm(c.centroid)) or 1.0)
    else:
        assert isinstance(c.centroid, dict)
        sim = _cosine(vectors[i], c.centroid, c.norm)
    conflicts = 0
    if args is not _NO_ARGS:
        times, places, participants = args
        if times and c.times and times.isdisjoint(c.times):
            conflicts += 1
        if places and c.places and places.isdisjoint(c.places):
            conflicts += 1
        if participants and c.participants and participants.isdisjoint(c.participants):
            conflicts += 1
    threshold = params.same_key if key in c.keys else params.synonym
    return sim - params.conflict * conflicts - threshold


def _add(
    c: _Cluster,
    i: int,
    key: str,
    vectors: list[dict[str, float]],
    dense: np.ndarray | None,
    args: _Args,
) -> None:
    c.members.append(i)
    if key not in c.keys:
        c.keys += (key,)
    if args is not _NO_ARGS:
        times, places, participants = args
        c.times = _grown(c.times, times)
        c.places = _grown(c.places, places)
        c.participants = _grown(c.participants, participants)
    if dense is not None:
        prev = c.centroid if isinstance(c.centroid, np.ndarray) else 0
        c.centroid = prev + dense[i]
    else:
        if not isinstance(c.centroid, dict):
            c.centroid = {}
        total, squares = c.centroid, c.norm * c.norm
        for w, v in vectors[i].items():
            old = total.get(w, 0.0)
            total[w] = old + v
            squares += (old + v) ** 2 - old * old
        c.norm = math.sqrt(max(squares, 0.0))


_Args = tuple[frozenset[str], frozenset[str], frozenset[str]]
_NONE: frozenset[str] = frozenset()
_NO_ARGS: _Args = (_NONE, _NONE, _NONE)


def _arguments(m: EventMention) -> _Args:
    """A mention's times, places and participants, normalised once (not per comparison); one
    shared value for the many mentions that name none."""
    if not (m.times or m.places or m.participants):
        return _NO_ARGS
    return (
        frozenset(_norm(x) for x in m.times) or _NONE,
        frozenset(_norm(x) for x in m.places) or _NONE,
        frozenset(_norm(x) for x in m.participants) or _NONE,
    )


def _grown(held: AbstractSet[str], new: frozenset[str]) -> AbstractSet[str]:
    """``held`` with ``new`` added: in place once it is a set of its own."""
    if not new:
        return held
    if isinstance(held, set):
        held |= new
        return held
    return set(held) | new


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _words(text: str) -> list[str]:
    return [w for w in (x.lower() for x in _WORD.findall(text)) if w not in STOPWORDS]


def _lexical_vectors(mentions: Sequence[EventMention]) -> list[dict[str, float]]:
    """TF-IDF vectors (idf over the story's sentences) of each mention's context words.

    A word's idf is computed once, and every vector holds one string object of the word (the
    first seen), so the clustering's many look-ups compare words by identity and a long
    story's vectors do not each hold their own copy of every word."""
    bags = []
    for m in mentions:
        bag = Counter(_words(m.sentence))
        for w in _words(" ".join(m.context + m.participants + m.times + m.places)):
            bag[w] += 2
        bag.pop(m.trigger.lower(), None)
        bags.append(dict(bag))  # a plain dict of words and counts: not tracked by the collector
    df = Counter(w for bag in bags for w in bag)
    n = len(bags)
    idf = {w: math.log(1 + n / count) for w, count in df.items()}
    word = {w: w for w in df}
    vectors = []
    for bag in bags:
        vec = {word[w]: (1 + math.log(tf)) * idf[w] for w, tf in bag.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append({w: v / norm for w, v in vec.items()})
    return vectors


def _dense_vectors(mentions: Sequence[EventMention], embed: Embed) -> np.ndarray:
    texts = [m.sentence for m in mentions]
    unique = sorted(set(texts))
    emb = np.asarray(embed(unique), dtype=np.float64)
    emb /= np.linalg.norm(emb, axis=1, keepdims=True).clip(1e-9)
    row = {t: k for k, t in enumerate(unique)}
    return emb[[row[t] for t in texts]]


def _cosine(vector: dict[str, float], centroid: dict[str, float], norm: float) -> float:
    """Cosine of a unit mention vector with a cluster centroid of the given norm."""
    small, large = (vector, centroid) if len(vector) <= len(centroid) else (centroid, vector)
    dot = 0.0
    for w, v in small.items():
        if w in large:
            dot += v * large[w]
    return dot / (norm or 1.0)
