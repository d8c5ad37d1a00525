"""Canonical entities across a story: one entry per real-world thing, with every mention.

Outlets spell names differently ("Kim Jong-un", "Kim Jong Un"), shorten them ("Mr Kim",
"Putin"), misspell places ("Komsomolsk-on-Amure") and refer to people by role once named
("the North Korean leader"). Linking goes from strongest evidence to weakest:

1. identical names after normalisation (case, hyphens, titles, possessives) are one entity;
2. near-identical long names of the same kind (edit similarity) are one entity;
3. a one-word person name joins the full name it is the first or last part of, preferring
   one named in the same article (a one-word name tagged as an organisation joins only a
   person named in full in each article it is in);
4. a role description joins the person the story titled with that role.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import Indel

from newsfuse.extract.entities import ROLE_LABEL, role_key, titles_of
from newsfuse.model import Article, Citation, Entity, EntityMention, content_id

_TITLES = re.compile(
    r"^(?:mr|mrs|ms|miss|dr|prof|sir|dame|lord|lady|president|sen|senator|gov|governor|rep|"
    r"gen|general|col|capt|sgt|king|queen|prince|princess|pope|st|saint)\.?\s+",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"['’]s?$")
_THE = re.compile(r"^the\s+", re.IGNORECASE)
_PLACES = frozenset({"GPE", "LOC", "FAC"})
_MIN_FUZZY_LENGTH = 8
_FUZZY_SIMILARITY = 0.92


@lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """The form names are compared in: no title, possessive, case, hyphens or spaces.

    Cached: a story names the same few people and places thousands of times."""
    text = re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE)
    text = _POSSESSIVE.sub("", _TITLES.sub("", text))
    return re.sub(r"[\s\-‐‑–.'’]+", "", text).casefold()


@lru_cache(maxsize=1 << 16)
def _words(text: str) -> tuple[str, ...]:
    """Name parts; a hyphenated part ("Jong-un") stays one part (cached as ``name_key``)."""
    stripped = _POSSESSIVE.sub("", _TITLES.sub("", text.strip()))
    return tuple(w.casefold() for w in stripped.split() if w)


def _family(label: str) -> str:
    return "PLACE" if label in _PLACES else label


@dataclass
class _Cluster:
    """Mentions believed to name one thing; mutable only while linking."""

    mentions: list[tuple[str, EntityMention]] = field(default_factory=list)

    def labels(self) -> Counter[str]:
        return Counter(m.label for _, m in self.mentions if m.label != ROLE_LABEL)

    def family(self) -> str:
        labels = self.labels()
        return _family(labels.most_common(1)[0][0]) if labels else ROLE_LABEL

    def full_names(self) -> Counter[str]:
        return Counter(
            m.text for _, m in self.mentions if m.label != ROLE_LABEL and len(_words(m.text)) > 1
        )


def link_entities(articles: Iterable[Article]) -> tuple[Entity, ...]:
    """Canonical entities of a story, most mentioned first."""
    articles = tuple(articles)
    clusters = _exact_clusters(articles)
    clusters = _merge_similar(clusters)
    clusters = _attach_short_names(clusters)
    clusters = _attach_roles(articles, clusters)
    entities = [_to_entity(c) for c in clusters if c.labels()]
    return tuple(sorted(entities, key=lambda e: (-len(e.mentions), e.name)))


def _exact_clusters(articles: tuple[Article, ...]) -> list[_Cluster]:
    by_key: dict[str, _Cluster] = {}
    for article in articles:
        for mention in article.entities:
            key = ROLE_LABEL + article.id + mention.text if mention.label == ROLE_LABEL else None
            key = key or name_key(mention.text)
            if key:
                by_key.setdefault(key, _Cluster()).mentions.append((article.id, mention))
    return list(by_key.values())


def _merge_similar(clusters: list[_Cluster]) -> list[_Cluster]:
    """Near-identical long names of one kind ("Komsomolsk-on-Amur"/"-Amure") are one.

    Only names of at least ``_MIN_FUZZY_LENGTH`` sharing their first four characters can be
    similar, so each cluster is compared with the earlier ones of its prefix alone, not all.
    A cluster's family is kept up to date as it absorbs others, as before.
    """
    merged: list[_Cluster] = []
    by_prefix: dict[str, list[tuple[str, _Cluster]]] = defaultdict(list)
    family: dict[int, str] = {}
    for cluster in sorted(clusters, key=lambda c: -len(c.mentions)):
        key = name_key(cluster.mentions[0][1].text)
        kind = cluster.family()
        bucket = by_prefix[key[:4]] if len(key) >= _MIN_FUZZY_LENGTH else []
        target = None
        if kind != ROLE_LABEL:
            target = next(
                (
                    other
                    for other_key, other in bucket
                    if family[id(other)] == kind and _similar(key, other_key)
                ),
                None,
            )
        if target is None:
            merged.append(cluster)
            family[id(cluster)] = kind
            if len(key) >= _MIN_FUZZY_LENGTH:
                bucket.append((key, cluster))
        else:
            target.mentions.extend(cluster.mentions)
            family[id(target)] = target.family()
    return merged


def _similar(a: str, b: str) -> bool:
    if min(len(a), len(b)) < _MIN_FUZZY_LENGTH or a[:4] != b[:4]:
        return False
    return Indel.normalized_similarity(a, b) >= _FUZZY_SIMILARITY


def _attach_short_names(clusters: list[_Cluster]) -> list[_Cluster]:
    """ "Putin", "Mr Kim": a one-word person name joins the full name it belongs to.

    Full names are indexed by their first and last parts, so a short name meets only the
    people it can belong to; each person's mentions are kept counted by article as short
    names join it, so weighing a candidate for one mention does not recount all its mentions.
    """
    people = [c for c in clusters if c.family() == "PERSON" and c.full_names()]
    by_part: dict[str, list[int]] = defaultdict(list)
    for index, person in enumerate(people):
        for part in sorted({p for name in person.full_names() for p in _end_parts(name)}):
            by_part[part].append(index)
    by_article = [Counter(a for a, _ in person.mentions) for person in people]
    kept: list[_Cluster] = []
    for cluster in clusters:
        short = [m for _, m in cluster.mentions if len(_words(m.text)) == 1]
        if cluster.full_names() or not short or cluster.family() not in ("PERSON", "ORG"):
            kept.append(cluster)
            continue
        word = _words(short[0].text)[0]
        candidates = by_part.get(word, [])
        if not candidates or (
            cluster.labels()["PERSON"] == 0
            and not _named_alongside(cluster, candidates, by_article)
        ):
            kept.append(cluster)
            continue
        for article_id, mention in cluster.mentions:
            best = _best_candidate(candidates, article_id, people, by_article)
            people[best].mentions.append((article_id, mention))
            by_article[best][article_id] += 1
    return kept


def _named_alongside(
    cluster: _Cluster, candidates: list[int], by_article: list[Counter[str]]
) -> bool:
    """A one-word name the tagger took for an organisation ("said Psaki") is a person's
    surname when every article it is in also names that person in full ("Jen Psaki")."""
    return all(any(by_article[i][a] for i in candidates) for a, _ in cluster.mentions)


def _end_parts(name: str) -> tuple[str, ...]:
    words = _words(name)
    return (words[0], words[-1])


def _best_candidate(
    candidates: list[int], article_id: str, people: list[_Cluster], by_article: list[Counter[str]]
) -> int:
    """The full name most mentioned in the same article, else in the whole story (the first
    of a tie)."""
    return max(candidates, key=lambda i: (by_article[i][article_id], len(people[i].mentions)))


def _attach_roles(articles: tuple[Article, ...], clusters: list[_Cluster]) -> list[_Cluster]:
    """ "The North Korean leader" joins whoever the story titled "North Korean leader"."""
    owner_of_span: dict[tuple[str, int], _Cluster] = {}
    for cluster in clusters:
        for article_id, mention in cluster.mentions:
            owner_of_span[(article_id, mention.span.start)] = cluster
    roles: dict[str, Counter[int]] = defaultdict(Counter)
    by_id = {id(c): c for c in clusters}
    for article in articles:
        for title in titles_of(article.text, article.entities):
            owner = owner_of_span.get((article.id, title.person.start))
            if owner is not None:
                roles[role_key(title.role)][id(owner)] += 1
    by_head: dict[str, list[tuple[set[str], Counter[int]]]] = defaultdict(list)
    for titled, owners in roles.items():
        head, modifiers = _head_and_modifiers(titled)
        by_head[head].append((modifiers, owners))
    owners_of: dict[str, int | None] = {}  # one answer per role key: roles no longer change
    kept = []
    for cluster in clusters:
        if cluster.family() != ROLE_LABEL:
            kept.append(cluster)
            continue
        key = role_key(cluster.mentions[0][1].text)
        if key not in owners_of:
            owners_of[key] = _role_owner(key, roles, by_head)
        owner_id = owners_of[key]
        if owner_id is None:
            continue  # an unresolved description names nobody we know: not an entity
        by_id[owner_id].mentions.extend(cluster.mentions)
    return kept


def _role_owner(
    key: str,
    roles: dict[str, Counter[int]],
    by_head: dict[str, list[tuple[set[str], Counter[int]]]],
) -> int | None:
    """The one person holding this role; a bare role ("the leader") only if unambiguous.

    ``by_head`` holds the titled roles by their head word, in the order of ``roles``.
    """
    if key in roles:
        return roles[key].most_common(1)[0][0]
    head, modifiers = _head_and_modifiers(key)
    matches: Counter[int] = Counter()
    for other_modifiers, owners in by_head.get(head, ()):
        if _modifiers_agree(modifiers, other_modifiers):
            matches.update(owners)
    if len(matches) == 1 or (matches and modifiers):
        return matches.most_common(1)[0][0]
    return None


def _head_and_modifiers(key: str) -> tuple[str, set[str]]:
    words = key.split()
    return (words[-1] if words else ""), {w.strip("'’s")[:5] for w in words[:-1]}


def _modifiers_agree(mine: set[str], theirs: set[str]) -> bool:
    return not mine or len(mine & theirs) * 2 >= len(mine)


def _to_entity(cluster: _Cluster) -> Entity:
    labels = cluster.labels()
    label = labels.most_common(1)[0][0]
    full = cluster.full_names()
    names = full or Counter(m.text for _, m in cluster.mentions if m.label != ROLE_LABEL)
    bare = Counter({_THE.sub("", n): c for n, c in names.items()})
    name = min(bare, key=lambda n: (-bare[n], len(n), n))
    mentions = sorted(
        ((article_id, m) for article_id, m in cluster.mentions),
        key=lambda am: (am[0], am[1].span.start),
    )
    variants = sorted({m.text for _, m in mentions}, key=lambda v: (v != name, v))
    return Entity(
        id=content_id(f"{label}:{name_key(name)}"),
        name=name,
        label=label,
        variants=tuple(variants),
        mentions=tuple(Citation(a, m.span) for a, m in mentions),
    )
