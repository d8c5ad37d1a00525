"""The account metrics of ``../shared/data/account/README.md``, on spans already located.

Kept apart from the runner (``bench.account``) so that the definitions can be tested against
hand-worked cases and any aligner (ours, the TF-IDF baseline, an experiment) scored the same way.

A span is ``(article key, field, start, end)``: ``field`` is ``"title"`` or ``"text"`` and the
offsets are into that string of the *cleaned* article. A citation matches a gold span when both
lie in the same string of the same article and their character ranges overlap.

* Fact pairs. Every pair of citations from two different articles inside one predicted fact is a
  predicted pair; it is correct when both ends match spans of one common gold fact of EITHER
  annotation. Gold pairs: each pair of articles supporting a gold fact; found when one predicted
  fact cites both articles with citations matching that fact's spans. Precision is micro over
  all predicted pairs; recall is micro over each annotation's gold pairs, the two averaged.
* Facts found / complete: a gold fact is found when one predicted fact cites at least two of its
  supporting articles (matching its spans), complete when one predicted fact cites exactly its
  supporting articles, each matching. Averaged over the two annotations.
* Discrepancies: a predicted one matches a gold one when two of its variants match two different
  gold variants (a variant matches when one of its citations overlaps one of the gold variant's
  spans). Precision against either annotation; recall against each, averaged; kind accuracy is
  the share of matched predictions whose kind equals the gold kind (per kind too).
* Summary: each sentence maps (by its own span, its first citation) to the gold facts it
  overlaps; redundancy is the share of mapped sentences whose gold facts were all told by an
  earlier sentence; cut-off sentences end in "..." or "…"; coverage is the share of gold facts
  some sentence maps to.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

Loc = tuple[str, str, int, int]  # (article key, field, start, end)


def overlaps(a: Loc, b: Loc) -> bool:
    """Same article, same string, overlapping character ranges."""
    return a[0] == b[0] and a[1] == b[1] and a[2] < b[3] and b[2] < a[3]


@dataclass(frozen=True)
class GoldFact:
    id: str
    statement: str
    support: dict[str, tuple[Loc, ...]]  # article key -> its located spans


@dataclass(frozen=True)
class GoldVariant:
    articles: tuple[str, ...]
    spans: tuple[Loc, ...]


@dataclass(frozen=True)
class GoldDiscrepancy:
    id: str
    kind: str
    about: str
    variants: tuple[GoldVariant, ...]


@dataclass(frozen=True)
class Annotation:
    facts: tuple[GoldFact, ...]
    discrepancies: tuple[GoldDiscrepancy, ...]


@dataclass(frozen=True)
class Predicted:
    """What a system said about one story, as located spans."""

    facts: tuple[tuple[Loc, ...], ...]  # each fact: its citations
    discrepancies: tuple[tuple[str, tuple[tuple[Loc, ...], ...]], ...] = ()  # (kind, variants)
    summary: tuple[tuple[str, Loc | None], ...] = ()  # (sentence text, own span)


@dataclass
class Tally:
    """Counts summed over stories (micro averages are taken at the end)."""

    pairs: int = 0
    pairs_right: int = 0
    gold_pairs: list[int] = field(default_factory=lambda: [0, 0])
    gold_pairs_found: list[int] = field(default_factory=lambda: [0, 0])
    gold_facts: list[int] = field(default_factory=lambda: [0, 0])
    facts_found: list[int] = field(default_factory=lambda: [0, 0])
    facts_complete: list[int] = field(default_factory=lambda: [0, 0])
    disc: int = 0
    disc_right: int = 0
    disc_kind_right: int = 0
    gold_disc: list[int] = field(default_factory=lambda: [0, 0])
    gold_disc_found: list[int] = field(default_factory=lambda: [0, 0])
    disc_by_kind: Counter[str] = field(default_factory=Counter)
    disc_right_by_kind: Counter[str] = field(default_factory=Counter)
    gold_disc_by_kind: Counter[str] = field(default_factory=Counter)
    gold_disc_found_by_kind: Counter[str] = field(default_factory=Counter)
    summary_mapped: list[int] = field(default_factory=lambda: [0, 0])
    summary_redundant: list[int] = field(default_factory=lambda: [0, 0])
    summary_covered: list[int] = field(default_factory=lambda: [0, 0])
    summary_sentences: int = 0
    summary_cut: int = 0
    stories: int = 0

    def add(self, predicted: Predicted, annotations: Sequence[Annotation]) -> None:
        self.stories += 1
        self._facts(predicted, annotations)
        self._discrepancies(predicted, annotations)
        self._summary(predicted, annotations)

    def _facts(self, predicted: Predicted, annotations: Sequence[Annotation]) -> None:
        for fact in predicted.facts:
            for a, b in combinations(fact, 2):
                if a[0] == b[0]:
                    continue
                self.pairs += 1
                self.pairs_right += any(
                    _matches(g, a) and _matches(g, b) for ann in annotations for g in ann.facts
                )
        for n, ann in enumerate(annotations):
            for gold in ann.facts:
                keys = sorted(gold.support)
                self.gold_facts[n] += 1
                self.gold_pairs[n] += len(keys) * (len(keys) - 1) // 2
                covered = [_covered(gold, fact) for fact in predicted.facts]
                found_pairs = {
                    (a, b) for cover in covered for a, b in combinations(sorted(cover), 2)
                }
                self.gold_pairs_found[n] += len(found_pairs)
                self.facts_found[n] += any(len(c) >= 2 for c in covered)
                self.facts_complete[n] += any(
                    c == set(keys) and {loc[0] for loc in fact} == set(keys)
                    for c, fact in zip(covered, predicted.facts, strict=True)
                )

    def _discrepancies(self, predicted: Predicted, annotations: Sequence[Annotation]) -> None:
        for kind, variants in predicted.discrepancies:
            self.disc += 1
            self.disc_by_kind[kind] += 1
            matched = [
                g for ann in annotations for g in ann.discrepancies if _disc_match(variants, g)
            ]
            if matched:
                self.disc_right += 1
                self.disc_right_by_kind[kind] += 1
                self.disc_kind_right += any(g.kind == kind for g in matched)
        for n, ann in enumerate(annotations):
            for gold in ann.discrepancies:
                self.gold_disc[n] += 1
                self.gold_disc_by_kind[gold.kind] += 1
                if any(_disc_match(v, gold) for _, v in predicted.discrepancies):
                    self.gold_disc_found[n] += 1
                    self.gold_disc_found_by_kind[gold.kind] += 1

    def _summary(self, predicted: Predicted, annotations: Sequence[Annotation]) -> None:
        for text, _ in predicted.summary:
            self.summary_sentences += 1
            self.summary_cut += text.rstrip().endswith(("...", "…"))
        for n, ann in enumerate(annotations):
            told: set[str] = set()
            for _, own in predicted.summary:
                if own is None:
                    continue
                facts = {g.id for g in ann.facts if _matches(g, own)}
                if not facts:
                    continue
                self.summary_mapped[n] += 1
                self.summary_redundant[n] += facts <= told
                told |= facts
            self.summary_covered[n] += len(told)

    def scores(self) -> dict[str, float]:
        def ratio(a: float, b: float) -> float:
            return a / b if b else 0.0

        def mean2(num: list[int], den: list[int]) -> float:
            return (ratio(num[0], den[0]) + ratio(num[1], den[1])) / 2

        p = ratio(self.pairs_right, self.pairs)
        r = mean2(self.gold_pairs_found, self.gold_pairs)
        return {
            "stories": self.stories,
            "pair_p": round(p, 4),
            "pair_r": round(r, 4),
            "pair_f1": round(ratio(2 * p * r, p + r), 4),
            "fact_found": round(mean2(self.facts_found, self.gold_facts), 4),
            "fact_complete": round(mean2(self.facts_complete, self.gold_facts), 4),
            "pairs": self.pairs,
            "disc_p": round(ratio(self.disc_right, self.disc), 4),
            "disc_r": round(mean2(self.gold_disc_found, self.gold_disc), 4),
            "disc_kind_acc": round(ratio(self.disc_kind_right, self.disc_right), 4),
            "discrepancies": self.disc,
            "summary_redundancy": round(mean2(self.summary_redundant, self.summary_mapped), 4),
            "summary_cut": self.summary_cut,
            "summary_sentences": self.summary_sentences,
            "summary_coverage": round(mean2(self.summary_covered, self.gold_facts), 4),
        }

    def by_kind(self) -> dict[str, dict[str, float]]:
        """Discrepancy precision and recall for each kind (gold counted over both annotations)."""
        kinds = sorted(set(self.disc_by_kind) | set(self.gold_disc_by_kind))
        return {
            k: {
                "predicted": self.disc_by_kind[k],
                "p": round(self.disc_right_by_kind[k] / self.disc_by_kind[k], 4)
                if self.disc_by_kind[k]
                else 0.0,
                "gold": self.gold_disc_by_kind[k],
                "r": round(self.gold_disc_found_by_kind[k] / self.gold_disc_by_kind[k], 4)
                if self.gold_disc_by_kind[k]
                else 0.0,
            }
            for k in kinds
        }


def _matches(gold: GoldFact, loc: Loc) -> bool:
    return any(overlaps(loc, g) for g in gold.support.get(loc[0], ()))


def _covered(gold: GoldFact, fact: Iterable[Loc]) -> set[str]:
    """The gold fact's supporting articles that this predicted fact cites on its spans."""
    return {loc[0] for loc in fact if _matches(gold, loc)}


def _variant_match(cites: Sequence[Loc], gold: GoldVariant) -> bool:
    return any(overlaps(c, g) for c in cites for g in gold.spans)


def _disc_match(variants: Sequence[Sequence[Loc]], gold: GoldDiscrepancy) -> bool:
    """Two predicted variants match two different gold variants."""
    for a, b in combinations(variants, 2):
        for ga, gb in combinations(gold.variants, 2):
            if (_variant_match(a, ga) and _variant_match(b, gb)) or (
                _variant_match(a, gb) and _variant_match(b, ga)
            ):
                return True
    return False
