"""Markdown sections of the cross-source account: summary, facts, differences, matrix, grouping.

Each section takes the Report and returns Markdown blocks, and returns none when the report has
nothing for it. Every string from an input goes through ``md_text`` (see ``markdown``).
"""

from __future__ import annotations

from newsfuse.model import Discrepancy, Fact, Report, SummarySentence
from newsfuse.render.account import (
    CELL_MARK,
    Outlets,
    attribution_note,
    discrepancies_by_id,
    fact_limit_note,
    facts_by_id,
    kind_label,
    shown_facts,
    source_matrix,
    support_line,
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
    alone = [facts[i] for i in summary.single_source if i in facts]
    if alone:
        lines = [
            f"- {md_text(f.text)} — {md_text(', '.join(outlets.labels(f.supporting_articles)))}"
            for f in alone
        ]
        blocks += ["### Reported by one outlet only", "\n".join(lines)]
    found = discrepancies_by_id(report)
    differ = [found[i] for i in summary.differences if i in found]
    if differ:
        lines = [f"- **{md_text(kind_label(d.kind))}:** {md_text(d.description)}" for d in differ]
        blocks += ["### Where the outlets differ", "\n".join(lines)]
    return blocks


def _summary_line(sentence: SummarySentence, outlets: Outlets) -> str:
    sources = ", ".join(outlets.cited(sentence.citations)) or "no source cited"
    return f"- {md_text(sentence.text)} — *{md_text(sources)}*"


def facts_section(report: Report) -> list[str]:
    """Each fact with how many independent outlets back it, which, and which omit it."""
    if not report.facts:
        return []
    outlets, source = Outlets(report), Sources(report)
    shown = shown_facts(report)
    blocks = [
        f"## Facts ({len(report.facts)})",
        "\n".join(_fact_item(f, outlets, source) for f in shown),
    ]
    if len(shown) < len(report.facts):
        blocks.append(fact_limit_note(len(shown), len(report.facts)))
    return blocks


def _fact_item(fact: Fact, outlets: Outlets, source: Sources) -> str:
    note = attribution_note(fact)
    head = f"- **{md_text(fact.text)}**" + (f" ({md_text(note)})" if note else "")
    lines = [f"{head} — {md_text(support_line(fact, outlets))}"]
    if len(fact.claims) > 1:
        lines.extend(_citation_lines(fact.claims, source))
    return "\n".join(lines)


def discrepancies_section(report: Report) -> list[str]:
    """Where the outlets differ: the kind, then each variant with its outlets and exact words."""
    if not report.discrepancies:
        return []
    source = Sources(report)
    items = [_discrepancy_item(d, source) for d in report.discrepancies]
    return [f"## Where the outlets differ ({len(items)})", "\n".join(items)]


def _discrepancy_item(discrepancy: Discrepancy, source: Sources) -> str:
    lines = [f"- **{md_text(kind_label(discrepancy.kind))}:** {md_text(discrepancy.description)}"]
    for variant in discrepancy.variants:
        outlets = ", ".join(source.outlets(variant.citations)) or "no outlet named"
        lines.append(f"  - “{md_text(variant.text)}” — {md_text(outlets)}")
        lines.extend(f"  {line}" for line in _citation_lines(variant.citations, source))
    return "\n".join(lines)


def matrix_section(report: Report) -> list[str]:
    """Facts × articles: ✓ reports, – omits, ≠ words it differently (see the differences)."""
    if not report.facts or not report.articles:
        return []
    matrix = source_matrix(report)
    outlets = Outlets(report)
    heads = ["Fact", *(md_text(outlets.label(a)) for a in matrix.article_ids)]
    rows = [
        "| " + " | ".join([md_text(_short(fact.text)), *(CELL_MARK[c] for c in cells)]) + " |"
        for fact, cells in zip(matrix.facts, matrix.cells, strict=True)
    ]
    table = "\n".join(["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads), *rows])
    legend = "✓ reports · – covers the story but omits it · ≠ reports it differently"
    blocks = ["## Source matrix", legend, table]
    if len(matrix.facts) < len(report.facts):
        blocks.append(fact_limit_note(len(matrix.facts), len(report.facts)))
    return blocks


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
        members = [
            outlets.label(a) + (" — earliest" if a == group.earliest else "") for a in group.members
        ]
        lines.append(
            f"- {plural(len(group.members), 'article')} carry one text "
            f"(similarity {group.similarity:.2f}), counted as one source: "
            + md_text("; ".join(members))
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
