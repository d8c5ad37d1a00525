"""HTML sections of the cross-source account: summary, facts, differences, matrix, grouping.

Built with ``el`` only, so every string from an input is escaped (see ``html_sections``).
Each section returns None when the report has nothing for it, and the page leaves it out.
Citation markers link to the articles by position (``#article-N``), never by an input id.
"""

from __future__ import annotations

from newsfuse.model import Citation, Fact, Report, SummarySentence
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
    FOLD_LIMIT,
    NAME_LIMIT,
    FactPlan,
    Independence,
    RankedDifference,
    capped,
    fact_plan,
    more_note,
    names_line,
    ranked_differences,
    sides_text,
)
from newsfuse.render.html_sections import Markup, anchor, citations, el
from newsfuse.render.markdown import Sources, plural

_CELL_WORDS = {
    "reports": "reports",
    "omits": "covers the story, omits this",
    "differs": "reports it differently",
}


def markers(cited: tuple[Citation, ...], outlets: Outlets) -> Markup:
    """Numbered links to the cited articles, each titled with its outlet: [1] [3]; after
    ``NAME_LIMIT`` of them, a count ("+12")."""
    numbers = list(
        dict.fromkeys(outlets.number[c.article_id] for c in cited if c.article_id in outlets.number)
    )
    shown, more = capped(numbers, NAME_LIMIT)
    links = [el("a", f"[{n}]", href=f"#{anchor(n)}", title=outlets.label_for(n)) for n in shown]
    return el("span", [[" ", link] for link in links], f" +{more:,}" if more else None,
              class_="marks")  # fmt: skip


def more_item(more: int) -> Markup | None:
    """The last item of a capped list: how many more there are, and where they all are."""
    return el("li", more_note(more), class_="more") if more else None


def summary_section(report: Report) -> Markup | None:
    summary = report.summary
    if summary is None or not (summary.sentences or summary.single_source or summary.differences):
        return None
    outlets = Outlets(report)
    facts = facts_by_id(report)
    alone, more_alone = capped([facts[i] for i in summary.single_source if i in facts], DIFF_LIMIT)
    found = discrepancies_by_id(report)
    ranked = ranked_differences(report, [found[i] for i in summary.differences if i in found])
    differ, more_differ = capped(ranked, DIFF_LIMIT)
    return el(
        "section",
        el("h2", "Summary"),
        el("ol", [_summary_item(s, outlets) for s in summary.sentences], class_="summary")
        if summary.sentences
        else None,
        [
            el("h3", "Reported by one outlet only"),
            el(
                "ul",
                [el("li", f.text, markers(f.claims, outlets)) for f in alone],
                more_item(more_alone),
            ),
        ]
        if alone
        else None,
        [
            el("h3", "Where the outlets differ"),
            el(
                "ul",
                [el("li", _difference_head(r)) for r in differ],
                _more_differences(more_differ),
            ),
        ]
        if differ
        else None,
        id="summary",
    )


def _more_differences(more: int) -> Markup | None:
    link = el("a", f"… and {more:,} more", href="#differences")
    return el("li", link, " under “Where the outlets differ”", class_="more") if more else None


def _summary_item(sentence: SummarySentence, outlets: Outlets) -> Markup:
    return el("li", sentence.text, markers(sentence.citations, outlets))


def fact_anchors(plan: FactPlan) -> dict[str, str]:
    """The anchor of each fact the page lists (the lead, then the folded ones it shows), by
    id, so the matrix links to a fact wherever it is listed."""
    listed = [*plan.lead, *plan.several[:FOLD_LIMIT], *plan.single[:FOLD_LIMIT]]
    return {f.id: f"fact-{n}" for n, f in enumerate(listed, 1)}


def facts_section(report: Report) -> Markup | None:
    """The facts most independent outlets back, in full; then two folds, each a capped list of
    one line per fact: those several outlets back, and those one outlet alone reports (the
    folds' summaries say how many; the Markdown says it in a note instead)."""
    if not report.facts:
        return None
    outlets, source, independence = Outlets(report), Sources(report), Independence(report)
    plan = fact_plan(report)
    anchors = fact_anchors(plan)
    several = f"{plural(len(plan.several), 'more fact')} backed by several outlets"
    single = f"{plural(len(plan.single), 'fact')} reported by one outlet only"
    return el(
        "section",
        el("h2", f"Facts ({len(report.facts)})"),
        el(
            "ol",
            [_fact_item(anchors[f.id], f, outlets, source, independence) for f in plan.lead],
            class_="facts-list",
        ),
        _fact_fold(several, plan.several, anchors, outlets, independence),
        _fact_fold(single, plan.single, anchors, outlets, None),
        id="facts",
    )


def _fact_item(
    fact_id: str, fact: Fact, outlets: Outlets, source: Sources, independence: Independence
) -> Markup:
    note = attribution_note(fact)
    support = el("span", independence.support_text(fact), class_="tag")
    return el(
        "li",
        el("p", el("strong", fact.text), f" ({note})" if note else None, " ", support),
        el("p", support_line(fact, outlets, independence), class_="where"),
        citations(fact.claims, source) if len(fact.claims) > 1 else None,
        id=fact_id,
    )


def _fact_fold(
    title: str,
    facts: tuple[Fact, ...],
    anchors: dict[str, str],
    outlets: Outlets,
    independence: Independence | None,
) -> Markup | None:
    """Folded facts: one line each (the words, with ``independence`` how many outlets back it,
    and numbered links to its articles), the first ``FOLD_LIMIT`` of them, then a count."""
    if not facts:
        return None
    shown, more = capped(facts, FOLD_LIMIT)
    items = [
        el(
            "li",
            f.text,
            el("span", f" ({plural(independence.support(f), 'outlet')})", class_="where")
            if independence
            else None,
            markers(f.claims, outlets),
            id=anchors.get(f.id),
        )
        for f in shown
    ]
    return el(
        "details", el("summary", title), el("ul", items, more_item(more), class_="folded"),
        class_="fold",
    )  # fmt: skip


def discrepancies_section(report: Report) -> Markup | None:
    """Where the outlets differ, strongest first: the leading ones in full, the weaker ones
    folded as one line each."""
    if not report.discrepancies:
        return None
    source = Sources(report)
    ranked = ranked_differences(report)
    shown, more = capped(ranked, DIFF_LIMIT)
    folded, beyond = capped(ranked[DIFF_LIMIT:], FOLD_LIMIT)
    return el(
        "section",
        el("h2", f"Where the outlets differ ({len(ranked)})"),
        el("p", "Strongest first, by how many independent outlets take each side.",
           class_="meta") if len(ranked) > 1 else None,
        el("ul", [_discrepancy_item(r, source) for r in shown], class_="differences"),
        el(
            "details",
            el("summary", plural(more, "weaker difference")),
            el("ul", [el("li", _difference_head(r)) for r in folded], more_item(beyond),
               class_="folded"),
            class_="fold",
        ) if folded else None,
        id="differences",
    )  # fmt: skip


def _difference_head(ranked: RankedDifference) -> list[Markup | str]:
    d = ranked.discrepancy
    sides = el("span", f" ({sides_text(ranked.sides)})", class_="where")
    return [el("span", kind_label(d.kind), class_="tag"), " ", d.description, sides]


def _discrepancy_item(ranked: RankedDifference, source: Sources) -> Markup:
    variants = [
        el(
            "li",
            el("p", el("q", v.text), " — ", names_line(source.outlets(v.citations)) or "—"),
            citations(v.citations, source),
        )
        for v in ranked.discrepancy.variants
    ]
    return el("li", el("p", _difference_head(ranked)), el("ul", variants, class_="variants"))


def matrix_section(report: Report) -> Markup | None:
    if not report.facts or not report.articles:
        return None
    matrix = source_matrix(report)
    anchors = fact_anchors(fact_plan(report))
    heads = [el("th", "Fact", scope="col")] + [
        el("th", el("a", c.label, href=f"#{anchor(c.first)}"), scope="col") for c in matrix.columns
    ]
    rows = [
        el(
            "tr",
            el(
                "th",
                el("a", fact.text, href=f"#{anchors[fact.id]}")
                if fact.id in anchors
                else fact.text,
                scope="row",
            ),
            _cells(matrix, cells, counts),
        )
        for fact, cells, counts in zip(matrix.facts, matrix.cells, matrix.counts, strict=True)
    ]
    capped_rows = len(matrix.facts) < len(report.facts)
    note = matrix_note(matrix)
    return el(
        "section",
        el("h2", "Source matrix"),
        el("p", "✓ reports · – covers the story but omits it · ≠ reports it differently",
           class_="meta"),
        el("p", note, class_="meta") if note else None,
        el("div", el("table", el("thead", el("tr", heads)), el("tbody", rows), class_="matrix"),
           class_="table-wrap"),
        el("p", fact_limit_note(len(matrix.facts), len(report.facts)), class_="meta")
        if capped_rows
        else None,
        id="matrix",
    )  # fmt: skip


def _cells(matrix: Matrix, cells: tuple[Cell, ...], counts: tuple[int, ...]) -> list[Markup]:
    return [
        el("td", cell_text(c, k, col), class_=c or None, title=_CELL_WORDS.get(c))
        for c, k, col in zip(cells, counts, matrix.columns, strict=True)
    ]


def grouping_section(report: Report) -> Markup | None:
    """Syndicated copies (counted as one source) and why each article belongs to the story,
    the latter folded: one line per article, which a big story has hundreds of."""
    if not report.syndication and not report.memberships:
        return None
    outlets = Outlets(report)
    groups = []
    for g in report.syndication:
        members, more = capped(g.members, NAME_LIMIT)
        names = [outlets.label(a) + (" — earliest" if a == g.earliest else "") for a in members]
        groups.append(
            el(
                "li",
                f"{plural(len(g.members), 'article')} carry one text "
                f"(similarity {g.similarity:.2f}), counted as one source: ",
                "; ".join(names) + (f"; and {more:,} more" if more else ""),
            )
        )
    members = [
        el(
            "li",
            el("strong", outlets.label(m.article_id)),
            f" — score {m.score:.2f}: ",
            "; ".join(m.reasons) or "no reason recorded",
            el("span", f" · linked to {outlets.label(m.linked_to)}", class_="where")
            if m.linked_to
            else None,
        )
        for m in report.memberships
    ]
    return el(
        "section",
        el("h2", "Story grouping"),
        [el("h3", f"Syndicated copies ({len(groups)})"), el("ul", groups)] if groups else None,
        el(
            "details",
            el("summary", f"Why each article belongs ({len(members)})"),
            el("ul", members),
            class_="fold",
        )
        if members
        else None,
        id="grouping",
    )
