"""Split a labelled article into header, body and footer, reading metadata off the edges.

Plain-text news keeps a recognisable shape: headline, standfirst, byline and date at the top,
then the story, then source lines and page furniture at the bottom. Position decides what an
ambiguous block means: a headline-like line after the date line is the title of an embedded
video, not part of the story; a date line at the bottom is the publication stamp.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsfuse.clean import rules
from newsfuse.clean.blocks import Block
from newsfuse.clean.classify import Label, byline_names, classify, has_outlet_voice
from newsfuse.clean.rules import BARE_URL
from newsfuse.model import Removal, Zone

_HEAD_SCAN = 8  # the byline and date of a story sit within its first few blocks


def normalise_line(text: str) -> str:
    """The form in which lines are compared across articles."""
    return " ".join(text.split()).casefold()


@dataclass
class Layout:
    """What the layout pass found; mutable while it is built, then read once."""

    title: str | None = None
    standfirst: str | None = None
    authors: tuple[str, ...] = ()
    date_text: str | None = None
    date_zone: Zone | None = None
    urls: list[str] = field(default_factory=list)
    hosts: list[str] = field(default_factory=list)
    body: list[Block] = field(default_factory=list)
    removals: list[Removal] = field(default_factory=list)

    def remove(self, block: Block, reason: str, detail: str, zone: Zone) -> None:
        self.removals.append(Removal(block.text, reason, detail, zone, block.line))


def lay_out(blocks: list[Block], *, shared: frozenset[str], with_header: bool) -> Layout:
    """Assign every block to exactly one place: metadata, removal, or the body."""
    labels = _label_all(blocks, shared)
    layout = Layout()
    start = _read_header(blocks, labels, layout) if with_header else 0
    end = _read_footer(blocks, labels, layout, start)
    _read_body(blocks[start:end], labels[start:end], layout)
    return layout


def _label_all(blocks: list[Block], shared: frozenset[str]) -> list[Label]:
    labels = [classify(block) for block in blocks]
    for i, block in enumerate(blocks):
        if not shared:  # a lone article: nothing to compare with
            break
        if labels[i].kind in ("heading", "prose") and normalise_line(block.text) in shared:
            labels[i] = Label(
                "boiler", "shared-boilerplate", "line repeated in other articles of the same outlet"
            )
    _sweep_runs(blocks, labels)
    _mark_repeated_captions(blocks, labels)
    return labels


def _sweep_runs(blocks: list[Block], labels: list[Label]) -> None:
    """A block between two appeals of one kind, speaking in the outlet's voice, is one too."""
    for i in range(1, len(blocks) - 1):
        before, after = labels[i - 1], labels[i + 1]
        if (
            labels[i].kind in ("prose", "heading")
            and before.kind == after.kind == "boiler"
            and before.reason == after.reason
            and before.reason in rules.RUN_REASONS
            and has_outlet_voice(blocks[i].text)
        ):
            labels[i] = Label("boiler", before.reason, before.detail)


def _mark_repeated_captions(blocks: list[Block], labels: list[Label]) -> None:
    """A caption printed twice: the first copy lacks the credit the second one ends with."""
    lines = [normalise_line(block.text) for block in blocks]
    for i in range(len(blocks) - 1):
        here, nxt = lines[i], lines[i + 1]
        if labels[i].kind == "boiler":
            continue
        if labels[i + 1].reason == "caption" and nxt.startswith(here) and len(here) > 20:
            labels[i] = Label("boiler", "caption", "photo caption printed twice")
        elif here == nxt and labels[i].kind in ("prose", "heading"):
            labels[i + 1] = Label("boiler", "duplicate", "the same line printed twice")


def _read_header(blocks: list[Block], labels: list[Label], layout: Layout) -> int:
    """Consume title, standfirst, byline and date; return the index where the story starts.

    A date line with nothing but furniture after it is the stamp at the foot of a short story
    ("Published 15 September 2023" under the last paragraph), read by ``_read_footer``: it
    does not end the header, or every paragraph above it would be taken for the standfirst.
    """
    foot = _foot_start(labels)
    meta_at = next(
        (
            i
            for i, b in enumerate(blocks[:_HEAD_SCAN])
            if (labels[i].kind == "date" and i < foot)
            or (i > 0 and labels[i].kind in ("heading", "prose") and byline_names(b.text))
        ),
        None,
    )
    i = 0
    if blocks and labels[0].kind == "heading":
        layout.title = blocks[0].text
        layout.remove(blocks[0], "metadata", "headline, kept as the title", "header")
        i = 1
    standfirst: list[str] = []
    while i < len(blocks):
        block, label = blocks[i], labels[i]
        names = byline_names(block.text) if label.kind in ("heading", "prose") else ()
        if label.kind == "date":
            _take_date(layout, block, "header")
        elif names and (meta_at is None or i <= meta_at + 2):
            layout.authors = layout.authors or names
            layout.remove(block, "metadata", "byline, kept as the authors", "header")
        elif label.kind in ("boiler", "source-url", "source-host"):
            _take_boiler(layout, block, label, "header")
        elif _is_standfirst(i, label, meta_at, has_title=layout.title is not None):
            standfirst.append(block.text)
            layout.remove(block, "metadata", "standfirst, kept as the summary line", "header")
        elif label.kind == "heading" and (layout.title is not None or meta_at is not None):
            layout.remove(
                block,
                "caption",
                "headline of an embedded video or photo, before the story",
                "header",
            )
        else:
            break
        i += 1
    layout.standfirst = " ".join(standfirst) or None
    return i


_FOOT_KINDS = ("boiler", "date", "source-url", "source-host")


def _foot_start(labels: list[Label]) -> int:
    """Where the run of furniture, stamps and source lines that ends the text begins."""
    end = len(labels)
    while end > 0 and labels[end - 1].kind in _FOOT_KINDS:
        end -= 1
    return end


def _is_standfirst(i: int, label: Label, meta_at: int | None, *, has_title: bool) -> bool:
    """Between the headline and the byline/date; or, with neither, one headline-like line."""
    if not has_title:
        return False
    if meta_at is not None:
        return i < meta_at
    return label.kind == "heading" and i == 1


def _read_footer(blocks: list[Block], labels: list[Label], layout: Layout, start: int) -> int:
    """Consume source lines, stamps and furniture from the bottom; return where the body ends."""
    end = _comment_section_start(labels, start)
    tail = range(end, len(blocks))
    for i in tail:
        reason = labels[i].reason or "comments"
        detail = labels[i].detail or "text inside the comment section"
        _take_footer_block(
            layout, blocks[i], Label(labels[i].kind, reason, detail, labels[i].value)
        )
    while end > start and labels[end - 1].kind in _FOOT_KINDS:
        end -= 1
        _take_footer_block(layout, blocks[end], labels[end])
    layout.removals.sort(key=lambda r: r.line or 0)
    return end


def _comment_section_start(labels: list[Label], start: int) -> int:
    """Everything after the comment section opens is furniture or readers' comments."""
    seen_prose = False
    for i in range(start, len(labels)):
        if labels[i].kind == "prose":
            seen_prose = True
        elif seen_prose and labels[i].reason == "comments":
            return i
    return len(labels)


def _take_footer_block(layout: Layout, block: Block, label: Label) -> None:
    if label.kind == "date":
        _take_date(layout, block, "footer")
    elif label.kind in ("boiler", "source-url", "source-host"):
        _take_boiler(layout, block, label, "footer")
    else:
        layout.remove(block, label.reason, label.detail, "footer")


def _read_body(blocks: list[Block], labels: list[Label], layout: Layout) -> None:
    """Inside the story a bare link is content (a list of links); labelled source lines are not."""
    for block, label in zip(blocks, labels, strict=True):
        if label.kind == "source-url" and BARE_URL.match(block.text):
            layout.body.append(block)
        elif label.kind in ("boiler", "source-url", "source-host"):
            _take_boiler(layout, block, label, "body")
        elif label.kind == "date":
            _take_date(layout, block, "body")
        else:
            layout.body.append(block)


def _take_date(layout: Layout, block: Block, zone: Zone) -> None:
    if layout.date_text is None:
        layout.date_text, layout.date_zone = block.text, zone
        layout.remove(block, "metadata", "date line, kept as the publication date", zone)
    else:
        layout.remove(block, "metadata", "another date line (update or scrape stamp)", zone)


def _take_boiler(layout: Layout, block: Block, label: Label, zone: Zone) -> None:
    if label.kind == "source-url" and label.value:
        layout.urls.append(label.value)
    elif label.kind == "source-host" and label.value:
        layout.hosts.append(label.value)
    layout.remove(block, label.reason, label.detail, zone)
