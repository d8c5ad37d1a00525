"""What a report shows first and what it folds away: limits, ranking and "N more" wording.

A 300-article story has thousands of facts and hundreds of differences, most of them stated by
one outlet, and a page that lists all of them (each with its outlets and cited words) runs to
megabytes that no one reads. So the Markdown and HTML reports lead with what most independent
outlets back, cap every list at a fixed length, and say how many more there are; report.json
always has everything. Both formats take their choices from here, so they show the same items.

"Independent outlets" are counted by ``model.source_keys``, the rule ``Fact.independent_support``
follows too: a syndicated (wire) text counts once, whoever prints it, and so do one outlet's
own articles, so 26 Reuters pages carrying one boilerplate line are one outlet's word. Here it
also counts the sides of a difference, the outlets of a timeline entry or a quote.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from newsfuse.model import Discrepancy, Fact, Report, source_keys

T = TypeVar("T")

# The leading facts: the best-supported ones, and what the source matrix shows.
FACT_LIMIT = 40
# Folded items (facts, differences) the HTML lists before an "N more" count.
FOLD_LIMIT = 100
# The differences shown in full, strongest first; the rest fold behind a count.
DIFF_LIMIT = 10
# Outlet names in one line ("bbc (article 3), ... and 17 more").
NAME_LIMIT = 8
# Cited sentences under one item (a fact, a difference's side, a quote, a timeline entry).
CITE_LIMIT = 10
# Timeline entries and quotes shown: those the most independent outlets report.
TIMELINE_LIMIT = 60
QUOTE_LIMIT = 80
# Up to this many articles the source matrix has a column per article; beyond, one per outlet.
MATRIX_COLUMNS = 12
# Quotes and time expressions listed under the articles, shared out among all of them.
LANGUAGE_BUDGET = 400
JSON_HAS_ALL = "report.json lists them all"


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else words or word + 's'}"


def capped(items: Sequence[T], limit: int) -> tuple[Sequence[T], int]:
    """The first ``limit`` items and how many are left out."""
    return items[:limit], max(0, len(items) - limit)


def names_line(names: Sequence[str], limit: int = NAME_LIMIT) -> str:
    """Names joined by commas, at most ``limit`` of them, then "and N more"."""
    shown, more = capped(names, limit)
    return ", ".join(shown) + (f" and {more:,} more" if more else "")


def more_note(more: int, what: str = "more") -> str:
    """ "… and 12 more (report.json lists them all)"."""
    return f"… and {more:,} {what} ({JSON_HAS_ALL})"


class Independence:
    """Counts independent outlets among articles: the copies of one syndicated text count
    once, and so do one outlet's own articles (an article with no outlet counts alone)."""

    def __init__(self, report: Report) -> None:
        self._source = source_keys(report.articles, report.syndication)

    def count(self, article_ids: Iterable[str]) -> int:
        return len({self._source.get(a, f"article:{a}") for a in article_ids})

    def support(self, fact: Fact) -> int:
        """How many independent outlets back the fact."""
        return self.count(fact.supporting_articles)

    def support_text(self, fact: Fact) -> str:
        """ "3 independent outlets", or "1 independent outlet (2 articles)" when they differ."""
        outlets, articles = self.support(fact), len(fact.supporting_articles)
        text = plural(outlets, "independent outlet")
        return text + (f" ({plural(articles, 'article')})" if articles != outlets else "")


def most_supported(
    items: Sequence[T],
    articles: Callable[[T], Iterable[str]],
    independence: Independence,
    limit: int,
) -> list[T]:
    """The ``limit`` items the most independent sources back, kept in their own order (the
    timeline stays in date order)."""  # fmt: skip
    if len(items) <= limit:
        return list(items)
    ranked = sorted(range(len(items)), key=lambda i: (-independence.count(articles(items[i])), i))
    return [items[i] for i in sorted(ranked[:limit])]


# -- facts ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FactPlan:
    """The facts as the report lays them out: the lead, then two folds."""

    lead: tuple[Fact, ...]
    several: tuple[Fact, ...]  # backed by several independent outlets, beyond the lead
    single: tuple[Fact, ...]  # backed by one independent outlet only
    total: int


def fact_plan(report: Report, limit: int = FACT_LIMIT) -> FactPlan:
    """The facts most independent outlets back lead (then the most articles, then the model's
    order); the rest, and the facts one outlet alone reports, fold. A story with no fact two
    outlets share (one outlet, or one wire text) leads with its first facts instead."""
    independence = Independence(report)
    support = [independence.support(f) for f in report.facts]
    ranked = sorted(
        range(len(report.facts)),
        key=lambda i: (-support[i], -report.facts[i].independent_support, i),
    )
    several = [report.facts[i] for i in ranked if support[i] > 1]
    single = [report.facts[i] for i in ranked if support[i] <= 1]
    if not several:
        return FactPlan(tuple(single[:limit]), (), tuple(single[limit:]), len(ranked))
    return FactPlan(tuple(several[:limit]), tuple(several[limit:]), tuple(single), len(ranked))


def fact_fold_note(plan: FactPlan) -> str | None:
    """What the lead leaves out, in one sentence; None when it shows every fact."""
    parts = []
    if plan.several:
        parts.append(f"{plural(len(plan.several), 'more fact')} backed by several outlets")
    if plan.single:
        parts.append(f"{plural(len(plan.single), 'fact')} reported by one outlet only")
    if not parts:
        return None
    return f"Not listed here: {' and '.join(parts)}; report.json lists all {plan.total:,} facts."


# -- differences ----------------------------------------------------------------------------


# At equal support: a contradiction matters more than differing numbers or dates, and those
# more than one outlet being more specific than another.
_KIND_ORDER = {"contradiction": 0, "number": 1, "date": 2, "specificity": 3, "spelling": 4}


@dataclass(frozen=True)
class RankedDifference:
    """A difference with the independent outlets behind each of its variants (in its order)."""

    discrepancy: Discrepancy
    sides: tuple[int, ...]


def ranked_differences(
    report: Report, discrepancies: Iterable[Discrepancy] | None = None
) -> list[RankedDifference]:
    """Strongest first: a difference is as strong as its less-backed side (one outlet against
    twenty is weaker than ten against ten), then by all the independent outlets involved, then
    by kind (a contradiction before a vaguer wording); a spelling variant, which is not a
    different account, comes after every other kind."""
    independence = Independence(report)
    found = []
    for index, d in enumerate(report.discrepancies if discrepancies is None else discrepancies):
        sides = tuple(independence.count(c.article_id for c in v.citations) for v in d.variants)
        backed = sorted(sides, reverse=True)
        everyone = independence.count(c.article_id for v in d.variants for c in v.citations)
        weaker = backed[1] if len(backed) > 1 else 0
        key = (d.kind == "spelling", -weaker, -everyone, _KIND_ORDER.get(d.kind, 9), index)
        found.append((key, RankedDifference(d, sides)))
    return [r for _, r in sorted(found, key=lambda p: p[0])]


def sides_text(sides: Sequence[int]) -> str:
    """ "independent outlets: 2 vs 1": how many take each side, in the variants' order."""
    return "independent outlets: " + " vs ".join(f"{n:,}" for n in sides)


def difference_fold_note(hidden: int, total: int) -> str:
    weaker = plural(hidden, "weaker difference")
    return f"Not listed here: {weaker}; report.json lists all {total:,}."


def language_limit(report: Report) -> int:
    """How many quotes (and time expressions) to list under each article: the budget shared
    out, so a big story's articles carry counts rather than thousands of list items."""
    return LANGUAGE_BUDGET // max(1, len(report.articles))
