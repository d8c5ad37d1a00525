"""The cross-source account as renderers need it: wording and the source matrix, one place.

Both the Markdown and the HTML report show the summary, the facts with their support, the
discrepancies, the source matrix and the syndication groups; the decisions about what to show
and how to say it live here so that both formats say the same thing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from newsfuse.model import Citation, Discrepancy, Fact, Report
from newsfuse.render.markdown import outlet_name, plural

# The Facts section and the matrix show the best-supported facts; report.json has them all.
FACT_LIMIT = 40
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
    """The facts most outlets back first (stable within a level), at most ``limit``."""
    ranked = sorted(enumerate(report.facts), key=lambda p: (-p[1].independent_support, p[0]))
    return [f for _, f in ranked[:limit]]


def fact_limit_note(shown: int, total: int) -> str:
    return f"Showing the {shown} best-supported of {total} facts; report.json lists them all."


class Outlets:
    """Article numbers and outlet names by article id, for citing across sections."""

    def __init__(self, report: Report) -> None:
        self.number: dict[str, int] = {}
        self.name: dict[str, str] = {}
        for n, article in enumerate(report.articles, 1):
            self.number.setdefault(article.id, n)
            self.name.setdefault(article.id, outlet_name(article))

    def label_for(self, n: int) -> str:
        """The label of the article at position ``n`` (1-based)."""
        article_id = next(a for a, k in self.number.items() if k == n)
        return self.label(article_id)

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


def support_line(fact: Fact, outlets: Outlets) -> str:
    """How many independent outlets back the fact, which, and which cover the story but omit it."""
    line = f"{plural(fact.independent_support, 'independent outlet')}: " + ", ".join(
        outlets.labels(fact.supporting_articles)
    )
    if fact.omitting_articles:
        line += " · not reported by: " + ", ".join(outlets.labels(fact.omitting_articles))
    return line


def attribution_note(fact: Fact) -> str | None:
    return f"according to {fact.attribution}" if fact.attribution else None


@dataclass(frozen=True)
class Matrix:
    """Facts × articles: whether each article reports, omits or words differently each fact."""

    facts: tuple[Fact, ...]
    article_ids: tuple[str, ...]
    cells: tuple[tuple[Cell, ...], ...]


def source_matrix(report: Report, limit: int = FACT_LIMIT) -> Matrix:
    facts = tuple(shown_facts(report, limit))
    ids = tuple(dict.fromkeys(a.id for a in report.articles))
    differing = _differing(report.discrepancies, facts)
    rows = []
    for fact in facts:
        row: list[Cell] = []
        for article_id in ids:
            if article_id in differing.get(fact.id, set()):
                row.append("differs")
            elif article_id in fact.supporting_articles:
                row.append("reports")
            elif article_id in fact.omitting_articles:
                row.append("omits")
            else:
                row.append("")
        rows.append(tuple(row))
    return Matrix(facts, ids, tuple(rows))


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
