"""HTML sections of the cross-source account: summary, facts, differences, matrix, grouping.

Built with ``el`` only, so every string from an input is escaped (see ``html_sections``).
Each section returns None when the report has nothing for it, and the page leaves it out.
Citation markers link to the articles by position (``#article-N``), never by an input id.
"""

from __future__ import annotations

from newsfuse.model import Citation, Discrepancy, Fact, Report, SummarySentence
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
from newsfuse.render.html_sections import Markup, anchor, citations, el
from newsfuse.render.markdown import Sources, plural

_CELL_WORDS = {
    "reports": "reports",
    "omits": "covers the story, omits this",
    "differs": "reports it differently",
}


def markers(cited: tuple[Citation, ...], outlets: Outlets) -> Markup:
    """Numbered links to the cited articles, each titled with its outlet: [1] [3]."""
    numbers = dict.fromkeys(
        outlets.number[c.article_id] for c in cited if c.article_id in outlets.number
    )
    links = [el("a", f"[{n}]", href=f"#{anchor(n)}", title=outlets.label_for(n)) for n in numbers]
    return el("span", [[" ", link] for link in links], class_="marks")


def summary_section(report: Report) -> Markup | None:
    summary = report.summary
    if summary is None or not (summary.sentences or summary.single_source or summary.differences):
        return None
    outlets = Outlets(report)
    facts = facts_by_id(report)
    alone = [facts[i] for i in summary.single_source if i in facts]
    found = discrepancies_by_id(report)
    differ = [found[i] for i in summary.differences if i in found]
    return el(
        "section",
        el("h2", "Summary"),
        el("ol", [_summary_item(s, outlets) for s in summary.sentences], class_="summary")
        if summary.sentences
        else None,
        [
            el("h3", "Reported by one outlet only"),
            el("ul", [el("li", f.text, markers(f.claims, outlets)) for f in alone]),
        ]
        if alone
        else None,
        [
            el("h3", "Where the outlets differ"),
            el(
                "ul",
                [
                    el("li", el("span", kind_label(d.kind), class_="tag"), " ", d.description)
                    for d in differ
                ],
            ),
        ]
        if differ
        else None,
        id="summary",
    )


def _summary_item(sentence: SummarySentence, outlets: Outlets) -> Markup:
    return el("li", sentence.text, markers(sentence.citations, outlets))


def facts_section(report: Report) -> Markup | None:
    if not report.facts:
        return None
    outlets, source = Outlets(report), Sources(report)
    shown = shown_facts(report)
    capped = len(shown) < len(report.facts)
    return el(
        "section",
        el("h2", f"Facts ({len(report.facts)})"),
        el(
            "ol",
            [_fact_item(n, f, outlets, source) for n, f in enumerate(shown, 1)],
            class_="facts-list",
        ),
        el("p", fact_limit_note(len(shown), len(report.facts)), class_="meta") if capped else None,
        id="facts",
    )


def _fact_item(n: int, fact: Fact, outlets: Outlets, source: Sources) -> Markup:
    note = attribution_note(fact)
    support = el("span", plural(fact.independent_support, "independent outlet"), class_="tag")
    return el(
        "li",
        el("p", el("strong", fact.text), f" ({note})" if note else None, " ", support),
        el("p", support_line(fact, outlets), class_="where"),
        citations(fact.claims, source) if len(fact.claims) > 1 else None,
        id=f"fact-{n}",
    )


def discrepancies_section(report: Report) -> Markup | None:
    if not report.discrepancies:
        return None
    source = Sources(report)
    items = [_discrepancy_item(d, source) for d in report.discrepancies]
    return el(
        "section",
        el("h2", f"Where the outlets differ ({len(items)})"),
        el("ul", items, class_="differences"),
        id="differences",
    )


def _discrepancy_item(discrepancy: Discrepancy, source: Sources) -> Markup:
    variants = [
        el(
            "li",
            el("p", el("q", v.text), " — ", ", ".join(source.outlets(v.citations)) or "—"),
            citations(v.citations, source),
        )
        for v in discrepancy.variants
    ]
    return el(
        "li",
        el(
            "p",
            el("span", kind_label(discrepancy.kind), class_="tag"),
            " ",
            discrepancy.description,
        ),
        el("ul", variants, class_="variants"),
    )


def matrix_section(report: Report) -> Markup | None:
    if not report.facts or not report.articles:
        return None
    matrix = source_matrix(report)
    outlets = Outlets(report)
    heads = [el("th", "Fact", scope="col")] + [
        el("th", el("a", outlets.label(a), href=f"#{anchor(outlets.number[a])}"), scope="col")
        for a in matrix.article_ids
    ]
    rows = [
        el(
            "tr",
            el("th", el("a", fact.text, href=f"#fact-{n}"), scope="row"),
            [el("td", CELL_MARK[c], class_=c or None, title=_CELL_WORDS.get(c)) for c in cells],
        )
        for n, (fact, cells) in enumerate(zip(matrix.facts, matrix.cells, strict=True), 1)
    ]
    capped = len(matrix.facts) < len(report.facts)
    return el(
        "section",
        el("h2", "Source matrix"),
        el("p", "✓ reports · – covers the story but omits it · ≠ reports it differently",
           class_="meta"),
        el("div", el("table", el("thead", el("tr", heads)), el("tbody", rows), class_="matrix"),
           class_="table-wrap"),
        el("p", fact_limit_note(len(matrix.facts), len(report.facts)), class_="meta")
        if capped
        else None,
        id="matrix",
    )  # fmt: skip


def grouping_section(report: Report) -> Markup | None:
    """Syndicated copies (counted as one source) and why each article belongs to the story."""
    if not report.syndication and not report.memberships:
        return None
    outlets = Outlets(report)
    groups = [
        el(
            "li",
            f"{plural(len(g.members), 'article')} carry one text (similarity {g.similarity:.2f}), "
            "counted as one source: ",
            "; ".join(
                outlets.label(a) + (" — earliest" if a == g.earliest else "") for a in g.members
            ),
        )
        for g in report.syndication
    ]
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
        [el("h3", f"Why each article belongs ({len(members)})"), el("ul", members)]
        if members
        else None,
        id="grouping",
    )
