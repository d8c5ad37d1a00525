"""newsfuse: read one news story through every outlet at once.

The Python API (documented in docs/api.md)::

    import newsfuse

    report = newsfuse.digest("examples/seeds")  # files, folders, globs or article texts
    for fact in report.facts:
        print(fact.independent_support, fact.text)

    with newsfuse.Store("newsfuse.db") as store:  # a store that `newsfuse ingest` wrote
        story = store.stories()[0]
        report = store.report(story.id)

- ``digest(*inputs)``: the report of the largest story the inputs tell (``digest_stories``:
  every story's, largest first), as ``newsfuse digest`` makes it.
- ``Store(path)``: a store written by ``newsfuse ingest``: its stories, articles, rejected
  inputs, and any story's report, as ``newsfuse stories`` and ``newsfuse report`` read them.
- ``write_report(report, folder)``: report.json, report.md and report.html.
- The model: ``Report`` and what it holds (``Story``, ``Article``, ``Fact``, ``Discrepancy``,
  ``Entity``, ``QuoteGroup``, ``Event``, ...), frozen dataclasses from ``newsfuse.model``.

``import newsfuse`` is cheap: the pipeline (and spaCy with it) is imported on the first call
that needs it, and the names above are looked up on first use (PEP 562 ``__getattr__``).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:  # for type checkers and editors; at run time these load on first use
    from pathlib import Path

    from newsfuse.errors import InputRejected, NewsfuseError
    from newsfuse.model import (
        Article,
        Citation,
        Claim,
        Discrepancy,
        Entity,
        EntityMention,
        Event,
        EventMention,
        Fact,
        Membership,
        Outlet,
        Published,
        Quote,
        QuoteGroup,
        RawDocument,
        Rejection,
        Removal,
        Report,
        SourceHints,
        Span,
        Story,
        StoryEvent,
        Summary,
        SummarySentence,
        SyndicationGroup,
        TimeExpression,
        TimelineEntry,
        Variant,
    )
    from newsfuse.render import write_report
    from newsfuse.store import Store as StoreProtocol
    from newsfuse.store import StoreError

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Citation",
    "Claim",
    "Discrepancy",
    "Entity",
    "EntityMention",
    "Event",
    "EventMention",
    "Fact",
    "InputRejected",
    "Membership",
    "NewsfuseError",
    "Outlet",
    "Published",
    "Quote",
    "QuoteGroup",
    "RawDocument",
    "Rejection",
    "Removal",
    "Report",
    "SourceHints",
    "Span",
    "Store",
    "StoreError",
    "Story",
    "StoryEvent",
    "Summary",
    "SummarySentence",
    "SyndicationGroup",
    "TimeExpression",
    "TimelineEntry",
    "Variant",
    "__version__",
    "digest",
    "digest_stories",
    "write_report",
]

_MODEL_TYPES = (
    "Article", "Citation", "Claim", "Discrepancy", "Entity", "EntityMention", "Event",
    "EventMention", "Fact", "Membership", "Outlet", "Published", "Quote", "QuoteGroup",
    "RawDocument", "Rejection", "Removal", "Report", "SourceHints", "Span", "Story",
    "StoryEvent", "Summary", "SummarySentence", "SyndicationGroup", "TimeExpression",
    "TimelineEntry", "Variant",
)  # fmt: skip
# Public name -> the module it lives in, imported on first use.
_LAZY = {
    **dict.fromkeys(_MODEL_TYPES, "newsfuse.model"),
    "InputRejected": "newsfuse.errors",
    "NewsfuseError": "newsfuse.errors",
    "StoreError": "newsfuse.store",
    "write_report": "newsfuse.render",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'newsfuse' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


# -- digest -------------------------------------------------------------------------------------

Input: TypeAlias = "str | bytes | os.PathLike[str] | RawDocument | Iterable[Input]"


def digest(*inputs: Input) -> Report:
    """The report of the largest story that ``inputs`` tell, as ``newsfuse digest`` writes it.

    Each input is one of:

    - a path (``str`` without a line break, or ``os.PathLike``): a file, a folder (read
      recursively, hidden files skipped) or a glob pattern, as on the command line;
    - an article's text (``str`` holding a line break): a plain-text article (its title on
      the first line), an HTML page or JSONL, told apart by content as for files; named
      ``<text N>`` (N counts the inputs from 1) in the report;
    - ``bytes``: a file's contents, decoded as files are (byte-order marks, UTF-16, legacy
      code pages); named ``<bytes N>``;
    - a ``RawDocument``, taken as it is;
    - a list, tuple or other iterable of the above.

    Nothing is written. Every input ends either as one of the report's ``articles`` or as one
    of its ``rejections`` (with a reason, as on the command line); an unusable input never
    raises. With no article at all the report has no story title and no articles. When the
    inputs tell several stories, the others are left out: ``digest_stories`` gives them all.
    """
    return digest_stories(*inputs)[0]


def digest_stories(*inputs: Input) -> tuple[Report, ...]:
    """A report per story the inputs tell, largest first (ties: the smaller story id); the
    first also carries every rejected input. Inputs as for ``digest``."""
    from newsfuse.pipeline import analyse_articles, clean_documents, story_reports

    documents, rejections = _load(inputs)
    articles, rejected = clean_documents(documents)
    analysed = analyse_articles(articles, infer_dates=False)
    return story_reports(analysed, rejections + rejected)


def _load(inputs: Iterable[Input]) -> tuple[list[RawDocument], tuple[Rejection, ...]]:
    """Every input as documents and rejections, in input order; a later copy of content seen
    earlier is rejected as a duplicate, as the command line does."""
    from newsfuse.ingest import load_paths
    from newsfuse.model import RawDocument, Rejection

    documents: list[RawDocument] = []
    rejections: list[Rejection] = []
    seen: dict[str, str] = {}
    paths: list[str] = []

    def keep(items: Iterable[RawDocument | Rejection]) -> None:
        for item in items:
            if isinstance(item, Rejection):
                rejections.append(item)
            elif item.id in seen:
                message = f"same content as {seen[item.id]}"
                rejections.append(Rejection(item.source, "duplicate", message))
            else:
                seen[item.id] = item.source
                documents.append(item)

    def flush_paths() -> None:  # paths in a row load together, as one command line's do
        if paths:
            loaded = load_paths(paths)
            rejections.extend(loaded.rejections)
            keep(loaded.documents)
            paths.clear()

    for number, item in enumerate(_flatten(inputs), start=1):
        if isinstance(item, RawDocument):
            flush_paths()
            keep([item])
        elif isinstance(item, bytes):
            flush_paths()
            keep(_load_content(item, f"<bytes {number}>"))
        elif isinstance(item, str) and ("\n" in item or "\r" in item):
            flush_paths()
            keep(_load_content(item, f"<text {number}>"))
        else:
            paths.append(os.fspath(item))
    flush_paths()
    return documents, tuple(rejections)


def _flatten(inputs: Iterable[Input]) -> Iterator[Any]:
    from newsfuse.model import RawDocument

    for item in inputs:
        if isinstance(item, str | bytes | os.PathLike | RawDocument):
            yield item
        elif isinstance(item, Iterable):
            yield from _flatten(item)
        else:
            raise TypeError(
                f"newsfuse.digest: an input is a path, a text, bytes or a RawDocument, "
                f"not {type(item).__name__}"
            )


def _load_content(content: str | bytes, source: str) -> list[RawDocument | Rejection]:
    """One in-memory input, read as a file with these contents would be."""
    from newsfuse.ingest.loader import load_text

    return load_text(content, source)


# -- the store ----------------------------------------------------------------------------------


class Store:
    """A store written by ``newsfuse ingest`` (one SQLite file), opened to read.

    ``Store(path)`` opens the store at ``path``; ``StoreError`` (one line naming the file and
    what to do) when there is none, or it is not a newsfuse store, or a newer newsfuse wrote
    it. ``create=True`` makes an empty one where there is none. Use it in a ``with`` block,
    or call ``close()``. Reading is safe while an ``ingest`` writes to the same file.

    A story is named by its id or, as on the command line, by the start of its id when no
    other id starts the same way; a ``KeyError`` says when none does, or several do.
    ``backend`` is the underlying ``newsfuse.store.Store`` for everything else it offers.
    """

    def __init__(self, path: str | os.PathLike[str] = "newsfuse.db", *, create: bool = False):
        from pathlib import Path

        from newsfuse.store import open_store

        self.path: Path = Path(path)
        self.backend: StoreProtocol = open_store(self.path, create=create)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"newsfuse.Store({str(self.path)!r})"

    def __len__(self) -> int:
        """How many articles are stored."""
        return self.backend.count()

    def close(self) -> None:
        self.backend.close()

    def stories(self) -> tuple[Story, ...]:
        """Every story, largest first, then the most recently updated (as ``newsfuse stories``)."""
        return self.backend.stories()

    def story(self, story: str) -> Story:
        """The story with this id, or the one whose id starts with it."""
        found = self.backend.story(self._story_id(story))
        assert found is not None
        return found

    def articles(self, story: str | Story | None = None) -> tuple[Article, ...]:
        """The stored articles in the order they were ingested: all, or one story's."""
        if story is None:
            return tuple(self.backend.articles())
        members = self.backend.memberships(self._story_id(story))
        return tuple(self.backend.articles([m.article_id for m in members]))

    def rejections(self) -> tuple[Rejection, ...]:
        """The inputs ``ingest`` refused, with their reasons."""
        return self.backend.rejections()

    def report(self, story: str | Story) -> Report:
        """The story's report, as ``newsfuse report`` writes it (the story-wide stages run now,
        so this takes a while on a large story)."""
        from newsfuse.pipeline import stored_report

        return stored_report(self.backend, self._story_id(story))

    def _story_id(self, story: str | Story) -> str:
        given = (story if isinstance(story, str) else story.id).strip().lower()
        if given and self.backend.story(given) is not None:
            return given
        matches = self.backend.story_ids(given) if given else ()
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise KeyError(f"no story {given!r} in {self.path}")
        raise KeyError(f"{given!r} is the start of {len(matches)} story ids; give more of it")
