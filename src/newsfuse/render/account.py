"""The cross-source account as renderers need it: wording and the source matrix, one place.

Both the Markdown and the HTML report show the summary, the facts with their support, the
discrepancies, the source matrix and the syndication groups; the decisions about what to show
and how to say it live here (and what to fold, in ``fold``) so both formats say the same thing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from newsfuse.model import Citation, Discrepancy, Fact, Report
from newsfuse.render.fold import (
    FACT_LIMIT,
    MATRIX_COLUMNS,
    Independence,
    fact_plan,
    names_line,
    plural,
)
from newsfuse.render.markdown import outlet_name

Cell = Literal["reports", "omits", "differs", ""]
CELL_MARK: dict[str, str] = {"reports": "✓", "omits": "–", "differs": "≠", "": ""}
KIND_LABELS = {
    "contradiction": "contradiction",
    "specificity": "more or less specific",
    "number": "numbers differ",
    "date": "dates differ",
    "spelling": "spelling variant",
}


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


def shown_facts(report: Report, limit: int = FACT_LIMIT) -> list[Fact]:
    """The first ``limit`` facts in the Facts section's order: the lead, then the folded ones
    (for the matrix, which has room for one-outlet facts when few facts are shared)."""
    plan = fact_plan(report, limit)
    return [*plan.lead, *plan.several, *plan.single][:limit]


def fact_limit_note(shown: int, total: int) -> str:
    return f"Showing the {shown} best-supported of {total} facts; report.json lists them all."


class Outlets:
    """Article numbers and outlet names by article id, for citing across sections."""

    def __init__(self, report: Report) -> None:
        self.number: dict[str, int] = {}
        self.name: dict[str, str] = {}
        self._at: dict[int, str] = {}
        for n, article in enumerate(report.articles, 1):
            self.number.setdefault(article.id, n)
            self.name.setdefault(article.id, outlet_name(article))
            self._at.setdefault(self.number[article.id], article.id)

    def label_for(self, n: int) -> str:
        """The label of the article at position ``n`` (1-based)."""
        return self.label(self._at[n])

    def label(self, article_id: str) -> str:
        """ "The Independent (article 2)", or the bare id of an article not in the report."""
        n = self.number.get(article_id)
        if n is None:
            return f"article {article_id} (not in this report)"
        return f"{self.name[article_id]} (article {n})"

    def labels(self, article_ids: Iterable[str]) -> list[str]:
        return [self.label(a) for a in dict.fromkeys(article_ids)]

    def cited(self, citations: Iterable[Citation]) -> list[str]:
        return self.labels(c.article_id for c in citations)


def support_line(fact: Fact, outlets: Outlets, independence: Independence) -> str:
    """How many independent outlets back the fact, which, and which cover the story but omit it
    (the first few of each by name, then a count: a big story's fact may have hundreds)."""
    line = f"{independence.support_text(fact)}: " + names_line(
        outlets.labels(fact.supporting_articles)
    )
    if fact.omitting_articles:
        line += " · not reported by: " + names_line(outlets.labels(fact.omitting_articles))
    return line


def attribution_note(fact: Fact) -> str | None:
    return f"according to {fact.attribution}" if fact.attribution else None


@dataclass(frozen=True)
class Column:
    """One column of the matrix: an article, or (in a big story) all of one outlet's articles.

    ``first`` is the position of its first article, for a link; ``label`` names it.
    """

    label: str
    article_ids: tuple[str, ...]
    first: int


@dataclass(frozen=True)
class Matrix:
    """Facts × articles (or outlets): whether each reports, omits or words differently each
    fact; ``counts`` says of how many of an outlet column's articles the cell holds."""

    facts: tuple[Fact, ...]
    columns: tuple[Column, ...]
    cells: tuple[tuple[Cell, ...], ...]
    counts: tuple[tuple[int, ...], ...]
    outlets_left_out: int = 0


def source_matrix(report: Report, limit: int = FACT_LIMIT) -> Matrix:
    """The best-supported facts against each article; with more than ``MATRIX_COLUMNS``
    articles, against the outlets with most articles instead (300 columns read as noise)."""
    facts = tuple(shown_facts(report, limit))
    columns, left_out = _columns(report, Outlets(report))
    differing = _differing(report.discrepancies, facts)
    rows, counts = [], []
    for fact in facts:
        states = [_states(c, fact, differing.get(fact.id, set())) for c in columns]
        rows.append(tuple(state for state, _ in states))
        counts.append(tuple(n for _, n in states))
    return Matrix(facts, tuple(columns), tuple(rows), tuple(counts), left_out)


def _columns(report: Report, outlets: Outlets) -> tuple[list[Column], int]:
    ids = list(dict.fromkeys(a.id for a in report.articles))
    if len(ids) <= MATRIX_COLUMNS:
        return [Column(outlets.label(a), (a,), outlets.number[a]) for a in ids], 0
    by_outlet: dict[str, list[str]] = {}
    for article_id in ids:
        by_outlet.setdefault(outlets.name[article_id], []).append(article_id)
    biggest = sorted(by_outlet.items(), key=lambda kv: -len(kv[1]))[:MATRIX_COLUMNS]
    kept = sorted(biggest, key=lambda kv: outlets.number[kv[1][0]])  # in article order
    columns = [
        Column(f"{name} ({plural(len(members), 'article')})", tuple(members),
               outlets.number[members[0]])
        for name, members in kept
    ]  # fmt: skip
    return columns, len(by_outlet) - len(kept)


def _states(column: Column, fact: Fact, differing: set[str]) -> tuple[Cell, int]:
    """The strongest state any of the column's articles holds, and how many hold it."""
    checks: tuple[tuple[Cell, set[str]], ...] = (
        ("differs", differing),
        ("reports", set(fact.supporting_articles)),
        ("omits", set(fact.omitting_articles)),
    )
    for state, holders in checks:
        n = sum(a in holders for a in column.article_ids)
        if n:
            return state, n
    return "", 0


def cell_text(state: Cell, count: int, column: Column) -> str:
    """The mark, with the number of the outlet's articles when the column is an outlet's."""
    mark = CELL_MARK[state]
    return f"{mark} {count}" if state and len(column.article_ids) > 1 else mark


def matrix_note(matrix: Matrix) -> str | None:
    """Says that columns are outlets (and how many are left out), when they are."""
    if all(len(c.article_ids) == 1 for c in matrix.columns) and not matrix.outlets_left_out:
        return None
    note = "A column per outlet: a mark with a number counts that outlet's articles."
    if matrix.outlets_left_out:
        note += f" {plural(matrix.outlets_left_out, 'outlet')} with fewer articles not shown."
    return note


def _differing(discrepancies: Iterable[Discrepancy], facts: Iterable[Fact]) -> dict[str, set]:
    """For each fact, the articles cited by a discrepancy about it (by fact id, or by a cited
    span overlapping one of the fact's claims)."""
    facts = list(facts)
    found: dict[str, set[str]] = {}
    for discrepancy in discrepancies:
        if discrepancy.kind == "spelling":  # a variant spelling is not a different account
            continue
        cited = [c for v in discrepancy.variants for c in v.citations]
        for fact in facts:
            if discrepancy.fact_id == fact.id or any(_touches(c, fact) for c in cited):
                found.setdefault(fact.id, set()).update(c.article_id for c in cited)
    return found


def _touches(citation: Citation, fact: Fact) -> bool:
    return any(
        c.article_id == citation.article_id
        and c.field == citation.field
        and c.span.start < citation.span.end
        and citation.span.start < c.span.end
        for c in fact.claims
    )


def facts_by_id(report: Report) -> dict[str, Fact]:
    return {f.id: f for f in report.facts}


def discrepancies_by_id(report: Report) -> dict[str, Discrepancy]:
    return {d.id: d for d in report.discrepancies}
