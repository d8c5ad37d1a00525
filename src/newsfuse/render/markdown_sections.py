"""Markdown sections of the cross-source account: summary, facts, differences, matrix, grouping.

Each section takes the Report and returns Markdown blocks, and returns none when the report has
nothing for it. Every string from an input goes through ``md_text`` (see ``markdown``).
"""

from __future__ import annotations

from newsfuse.model import Fact, Report, SummarySentence
from newsfuse.render.account import (
    Cell,
    Matrix,
    Outlets,
    attribution_note,
    cell_text,
    discrepancies_by_id,
    fact_limit_note,
    facts_by_id,
    kind_label,
    matrix_note,
    source_matrix,
    support_line,
)
from newsfuse.render.fold import (
    DIFF_LIMIT,
    NAME_LIMIT,
    Independence,
    RankedDifference,
    capped,
    difference_fold_note,
    fact_fold_note,
    fact_plan,
    more_note,
    names_line,
    ranked_differences,
    sides_text,
)
from newsfuse.render.markdown import Sources, _citation_lines, md_text, plural


def summary_section(report: Report) -> list[str]:
    """The short account, each sentence with the outlets it rests on; then the one-outlet facts
    and the differences."""
    summary = report.summary
    if summary is None or not (summary.sentences or summary.single_source or summary.differences):
        return []
    outlets = Outlets(report)
    blocks = ["## Summary"]
    if summary.sentences:
        blocks.append("\n".join(_summary_line(s, outlets) for s in summary.sentences))
    facts = facts_by_id(report)
    alone, more = capped([facts[i] for i in summary.single_source if i in facts], DIFF_LIMIT)
    if alone:
        lines = [
            f"- {md_text(f.text)} — {md_text(names_line(outlets.labels(f.supporting_articles)))}"
            for f in alone
        ]
        lines += [f"- {more_note(more)}"] if more else []
        blocks += ["### Reported by one outlet only", "\n".join(lines)]
    found = discrepancies_by_id(report)
    ranked = ranked_differences(report, [found[i] for i in summary.differences if i in found])
    differ, more = capped(ranked, DIFF_LIMIT)
    if differ:
        lines = [f"- {_difference_head(r)}" for r in differ]
        lines += [f"- … and {more:,} more under “Where the outlets differ”"] if more else []
        blocks += ["### Where the outlets differ", "\n".join(lines)]
    return blocks


def _summary_line(sentence: SummarySentence, outlets: Outlets) -> str:
    sources = ", ".join(outlets.cited(sentence.citations)) or "no source cited"
    return f"- {md_text(sentence.text)} — *{md_text(sources)}*"


def facts_section(report: Report) -> list[str]:
    """The facts most independent outlets back, each with its support, which outlets and which
    omit it; the rest (and every fact one outlet alone reports) folded behind a count."""
    if not report.facts:
        return []
    outlets, source, independence = Outlets(report), Sources(report), Independence(report)
    plan = fact_plan(report)
    blocks = [
        f"## Facts ({len(report.facts)})",
        "\n".join(_fact_item(f, outlets, source, independence) for f in plan.lead),
    ]
    note = fact_fold_note(plan)
    return [*blocks, note] if note else blocks


def _fact_item(fact: Fact, outlets: Outlets, source: Sources, independence: Independence) -> str:
    note = attribution_note(fact)
    head = f"- **{md_text(fact.text)}**" + (f" ({md_text(note)})" if note else "")
    lines = [f"{head} — {md_text(support_line(fact, outlets, independence))}"]
    if len(fact.claims) > 1:
        lines.extend(_citation_lines(fact.claims, source))
    return "\n".join(lines)


def discrepancies_section(report: Report) -> list[str]:
    """Where the outlets differ, strongest first (by how many independent outlets take each
    side): the kind, then each variant with its outlets and exact words; the weaker ones
    folded behind a count."""
    if not report.discrepancies:
        return []
    source = Sources(report)
    ranked = ranked_differences(report)
    shown, more = capped(ranked, DIFF_LIMIT)
    blocks = [f"## Where the outlets differ ({len(ranked)})"]
    if len(ranked) > 1:
        blocks.append("Strongest first, by how many independent outlets take each side.")
    blocks.append("\n".join(_discrepancy_item(r, source) for r in shown))
    return [*blocks, difference_fold_note(more, len(ranked))] if more else blocks


def _difference_head(ranked: RankedDifference) -> str:
    d = ranked.discrepancy
    sides = sides_text(ranked.sides)
    return f"**{md_text(kind_label(d.kind))}:** {md_text(d.description)} ({sides})"


def _discrepancy_item(ranked: RankedDifference, source: Sources) -> str:
    lines = [f"- {_difference_head(ranked)}"]
    for variant in ranked.discrepancy.variants:
        outlets = names_line(source.outlets(variant.citations)) or "no outlet named"
        lines.append(f"  - “{md_text(variant.text)}” — {md_text(outlets)}")
        lines.extend(f"  {line}" for line in _citation_lines(variant.citations, source))
    return "\n".join(lines)


def matrix_section(report: Report) -> list[str]:
    """Facts × articles: ✓ reports, – omits, ≠ words it differently (see the differences)."""
    if not report.facts or not report.articles:
        return []
    matrix = source_matrix(report)
    heads = ["Fact", *(md_text(c.label) for c in matrix.columns)]
    rows = [
        "| " + " | ".join([md_text(_short(fact.text)), *_marks(cells, counts, matrix)]) + " |"
        for fact, cells, counts in zip(matrix.facts, matrix.cells, matrix.counts, strict=True)
    ]
    table = "\n".join(["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads), *rows])
    legend = "✓ reports · – covers the story but omits it · ≠ reports it differently"
    blocks = ["## Source matrix", legend, matrix_note(matrix) or "", table]
    if len(matrix.facts) < len(report.facts):
        blocks.append(fact_limit_note(len(matrix.facts), len(report.facts)))
    return blocks


def _marks(cells: tuple[Cell, ...], counts: tuple[int, ...], matrix: Matrix) -> list[str]:
    return [cell_text(c, k, col) for c, k, col in zip(cells, counts, matrix.columns, strict=True)]


def _short(text: str, limit: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit].rsplit(" ", 1)[0] + "…"


def syndication_section(report: Report) -> list[str]:
    """Articles that copy one text count once as a source; say which, and how alike they are."""
    if not report.syndication:
        return []
    outlets = Outlets(report)
    lines = []
    for group in report.syndication:
        members, more = capped(group.members, NAME_LIMIT)
        names = [outlets.label(a) + (" — earliest" if a == group.earliest else "") for a in members]
        lines.append(
            f"- {plural(len(group.members), 'article')} carry one text "
            f"(similarity {group.similarity:.2f}), counted as one source: "
            + md_text("; ".join(names) + (f"; and {more:,} more" if more else ""))
        )
    return [f"## Syndicated copies ({len(report.syndication)})", "\n".join(lines)]


def membership_section(report: Report) -> list[str]:
    """Why each article belongs to the story: the evidence, not just the verdict."""
    if not report.memberships:
        return []
    outlets = Outlets(report)
    lines = []
    for m in report.memberships:
        reasons = "; ".join(m.reasons) or "no reason recorded"
        linked = f" · linked to {md_text(outlets.label(m.linked_to))}" if m.linked_to else ""
        lines.append(
            f"- {md_text(outlets.label(m.article_id))} — score {m.score:.2f}: "
            f"{md_text(reasons)}{linked}"
        )
    return [f"## Why each article belongs ({len(report.memberships)})", "\n".join(lines)]
