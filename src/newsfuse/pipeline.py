"""The digest pipeline: inputs -> clean Articles -> Stories -> Reports. No rendering here.

Every input ends as an Article or a Rejection. A failure inside one article is recorded as
that article's rejection and never stops the batch.

Long stages report progress through optional hooks, for the command line's display: a
callback per document (``clean_documents``) or article (``analyse_articles``), and
``on_stage`` for the story-wide ones (grouping, then for each story its dates and each corpus
stage, ``STORY_STAGES``), called as each starts and ends.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from newsfuse import corpus
from newsfuse.clean.article import NO_DATE_NOTE, Prepared, build_article, prepare
from newsfuse.clean.crossdoc import SharedLines, find_shared_lines
from newsfuse.errors import InputRejected
from newsfuse.extract._spacy import masked
from newsfuse.extract.language import LanguageLayer
from newsfuse.extract.timex import find_timexes
from newsfuse.group.stories import group_articles
from newsfuse.ingest import load_paths
from newsfuse.model import (
    Article,
    Membership,
    Outlet,
    RawDocument,
    Rejection,
    Report,
    Story,
    SyndicationGroup,
    TimeExpression,
    content_id,
)
from newsfuse.summarize.timeline import infer_publication

if TYPE_CHECKING:
    from newsfuse.store import Store

FORMAT_VERSION = "5"
log = logging.getLogger(__name__)

Progress = Callable[[str], None]
StageHook = Callable[[str, int, bool], None]
"""``on_stage(name, articles, finished)``: a story-wide stage starts (False) or ends (True) on
a story (or, for ``grouping``, all the articles) of that many articles."""
T = TypeVar("T")
# What each story's report runs, in order, after grouping: ``on_stage`` names these.
STORY_STAGES = ("dates", *(stage.name for stage in corpus.DEFAULT.stages))


def digest_paths(paths: Iterable[str], *, progress: Progress | None = None) -> Report:
    """Read, clean, analyse and group every input under ``paths``: the largest story's report
    (with every rejection); ``story_reports`` gives the other stories too."""
    loaded = load_paths(paths)
    articles, rejections = clean_documents(loaded.documents, progress=progress)
    analysed = analyse_articles(articles, infer_dates=False)
    return story_reports(analysed, loaded.rejections + rejections)[0]


def story_reports(
    articles: tuple[Article, ...],
    rejections: tuple[Rejection, ...],
    *,
    on_stage: StageHook | None = None,
) -> tuple[Report, ...]:
    """Group analysed articles into stories (one-shot) and report each, largest first.

    Grouping sees the dates the articles state (as ``ingest`` does, so a story gets the same
    id either way); undated articles are then dated from their own story's others. The first
    report also carries every rejection; with no articles it is the only one.
    """
    _report(on_stage, "grouping", len(articles), False)
    memberships, syndication, _ = group_articles(articles)
    _report(on_stage, "grouping", len(articles), True)
    by_story: dict[str, list[Membership]] = {}
    for membership in memberships:
        by_story.setdefault(membership.story_id, []).append(membership)
    by_id = {a.id: a for a in articles}
    order = {a.id: i for i, a in enumerate(articles)}
    reports = []
    for story_id, members in sorted(by_story.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        members.sort(key=lambda m: order[m.article_id])
        ids = {m.article_id for m in members}
        reports.append(
            story_report(
                tuple(by_id[m.article_id] for m in members),
                () if reports else rejections,
                story_id=story_id,
                memberships=tuple(members),
                syndication=syndication_within(syndication, ids),
                on_stage=on_stage,
            )
        )
    return tuple(reports) or (build_report((), rejections),)


def stored_report(store: Store, story_id: str, *, on_stage: StageHook | None = None) -> Report:
    """A stored story's Report: the story-wide stages over the articles, memberships and
    wire copies the store holds for it (the command line and the Python API both use it)."""
    memberships = store.memberships(story_id)
    ids = [m.article_id for m in memberships]
    return story_report(
        tuple(store.articles(ids)),
        story_id=story_id,
        memberships=memberships,
        syndication=syndication_within(store.syndication(ids), set(ids)),
        on_stage=on_stage,
    )


def syndication_within(
    groups: Iterable[SyndicationGroup], article_ids: set[str]
) -> tuple[SyndicationGroup, ...]:
    """The groups as far as they lie inside one story: a report cites only its own articles."""
    kept = []
    for group in groups:
        members = tuple(m for m in group.members if m in article_ids)
        if len(members) >= 2:
            earliest = group.earliest if group.earliest in members else members[0]
            kept.append(replace(group, earliest=earliest, members=members))
    return tuple(kept)


def analyse_articles(
    articles: Iterable[Article],
    *,
    language: LanguageLayer | None = None,
    progress: Callable[[], None] | None = None,
    infer_dates: bool = True,
) -> tuple[Article, ...]:
    """The language layer on each article, then (unless ``infer_dates`` is False, as before
    grouping) dates inferred for undated ones from the others."""
    layer = language or LanguageLayer()
    analysed = []
    for article in layer(articles):
        analysed.append(article)
        if progress is not None:
            progress()
    return infer_missing_dates(tuple(analysed)) if infer_dates else tuple(analysed)


def infer_missing_dates(articles: tuple[Article, ...]) -> tuple[Article, ...]:
    """Date each undated article from the story's other articles, saying how."""
    dated = [a for a in articles if a.published is not None]
    result = []
    for article in articles:
        inferred = None
        if article.published is None and dated:
            inferred = infer_publication(article, dated, _timexer)
        if inferred is not None:
            notes = tuple(n for n in inferred.notes if n != NO_DATE_NOTE)
            inferred = replace(inferred, notes=(*notes, "publication date inferred"))
        result.append(inferred or article)
    return tuple(result)


def _timexer(text: str, published: datetime | None) -> tuple[TimeExpression, ...]:
    """Time expressions as the language layer finds them: over the text with runs of
    punctuation blanked (``masked``), which the patterns would backtrack over."""
    return find_timexes(masked(text), published)


def clean_documents(
    documents: Iterable[RawDocument], *, progress: Progress | None = None
) -> tuple[tuple[Article, ...], tuple[Rejection, ...]]:
    """Clean a batch together, so lines shared between articles can count as furniture.
    ``progress`` is called once per document, with its source, as it is done with."""
    prepared: list[Prepared] = []
    rejections: list[Rejection] = []
    for raw in documents:
        outcome = _guarded(raw.source, lambda raw=raw: prepare(raw))
        if isinstance(outcome, Rejection):
            rejections.append(outcome)
            if progress is not None:  # done with: one call per document, whatever its fate
                progress(raw.source)
        else:
            prepared.append(outcome)
    shared = find_shared_lines([p.blocks for p in prepared])
    cleaned: list[tuple[int, Article]] = []
    for index, item in enumerate(prepared):
        outcome = _guarded(
            item.raw.source,
            lambda item=item, index=index: build_article(item, shared.by_article[index]),
        )
        if isinstance(outcome, Rejection):
            rejections.append(outcome)
        else:
            cleaned.append((index, outcome))
        if progress is not None:
            progress(item.raw.source)
    return _share_outlets(cleaned, shared), tuple(rejections)


def _guarded(source: str, step: Callable[[], T]) -> T | Rejection:
    try:
        return step()
    except InputRejected as exc:
        return Rejection(source, exc.reason, exc.message)
    except Exception as exc:  # one bad article must not take the batch down
        log.debug("internal error on %s", source, exc_info=True)
        return Rejection(source, "internal-error", f"could not be processed ({type(exc).__name__})")


def _share_outlets(cleaned: list[tuple[int, Article]], shared: SharedLines) -> tuple[Article, ...]:
    """Articles that share page furniture come from one outlet: lend a known name to the rest."""
    by_index = dict(cleaned)
    for group in shared.outlet_groups:
        members = [i for i in sorted(group) if i in by_index]
        named = next((by_index[i] for i in members if by_index[i].outlet is not None), None)
        if named is None or named.outlet is None:
            continue
        for i in members:
            if by_index[i].outlet is None:
                basis = f"shares page furniture with {named.source}, whose outlet is known"
                outlet = Outlet(named.outlet.name, named.outlet.domain, basis)
                by_index[i] = replace(by_index[i], outlet=outlet)
    return tuple(by_index[i] for i in sorted(by_index))


def build_report(
    articles: tuple[Article, ...],
    rejections: tuple[Rejection, ...],
    *,
    story_id: str | None = None,
    memberships: tuple[Membership, ...] = (),
    syndication: tuple[SyndicationGroup, ...] = (),
    on_stage: StageHook | None = None,
) -> Report:
    """The story-wide stages over analysed articles (``corpus.DEFAULT``: entities, quotes,
    timeline, events, the facts and where the outlets differ, and the cited summary).

    ``story_id`` is the grouping's id for these articles; the memberships and syndication
    groups that grouping found are carried into the report as they are (syndicated copies
    count once when facts are backed).
    """
    results = _corpus_results(articles, syndication, on_stage)
    return Report(
        FORMAT_VERSION,
        build_story(articles, story_id=story_id),
        articles,
        rejections,
        syndication=syndication,
        memberships=memberships,
        **results,
    )


def story_report(
    articles: tuple[Article, ...],
    rejections: tuple[Rejection, ...] = (),
    *,
    story_id: str,
    memberships: tuple[Membership, ...] = (),
    syndication: tuple[SyndicationGroup, ...] = (),
    on_stage: StageHook | None = None,
) -> Report:
    """One story's report: undated articles are dated from this story's other articles."""
    _report(on_stage, "dates", len(articles), False)
    dated = infer_missing_dates(articles)
    _report(on_stage, "dates", len(articles), True)
    return build_report(
        dated,
        rejections,
        story_id=story_id,
        memberships=memberships,
        syndication=syndication,
        on_stage=on_stage,
    )


def _report(on_stage: StageHook | None, name: str, articles: int, finished: bool) -> None:
    if on_stage is not None:
        on_stage(name, articles, finished)


def _corpus_results(
    articles: tuple[Article, ...],
    syndication: tuple[SyndicationGroup, ...],
    on_stage: StageHook | None,
) -> dict[str, Any]:
    """``corpus.DEFAULT.run``; with ``on_stage``, each stage reports as it starts and ends (the
    runner is corpus's own: each stage is a subclass whose ``fit`` also calls the hook)."""
    if on_stage is None:
        return corpus.DEFAULT.run(articles, syndication=syndication)
    size = len(articles)

    def reporting(stage: type[corpus.CorpusStage]) -> type[corpus.CorpusStage]:
        def fit(self: corpus.CorpusStage, items: Any, **inputs: Any) -> corpus.CorpusStage:
            on_stage(stage.name, size, False)
            fitted = stage.fit(self, items, **inputs)
            on_stage(stage.name, size, True)
            return fitted

        return type(stage.__name__, (stage,), {"fit": fit})

    stages = corpus.CorpusStages([reporting(stage) for stage in corpus.DEFAULT.stages])
    return stages.run(articles, syndication=syndication)


def build_story(articles: tuple[Article, ...], *, story_id: str | None = None) -> Story:
    """The Story of these articles; without a grouping id, one derived from their ids."""
    dated = sorted(
        ((a.published.at, a) for a in articles if a.published is not None),
        key=lambda pair: (pair[0], pair[1].id),  # equal times are common: never compare Articles
    )
    titled = [a for _, a in dated if a.title] or [a for a in articles if a.title]
    outlets = sorted({a.outlet.name for a in articles if a.outlet is not None})
    ids = tuple(sorted(a.id for a in articles))
    return Story(
        id=story_id or content_id("\n".join(ids)),
        title=titled[0].title if titled else None,
        article_ids=tuple(a.id for a in articles),
        outlets=tuple(outlets),
        first_published=dated[0][0] if dated else None,
        last_published=dated[-1][0] if dated else None,
    )
