"""Progress of a command's long stages, on stderr: how far, how fast, and how long is left.

Shown only where someone reads it: on a terminal as a bar (unless ``--quiet``), elsewhere
only when ``--progress`` asks, as plain lines a log keeps. ``--no-progress`` turns it off.
A command reports each long stage (reading, cleaning, analysing, grouping, the story-wide
stages of each story's report, ingesting) through ``Progress.stage``; every stage with a known
size shows its rate and the time left, estimated from its rate so far.

Plain lines: one when a stage starts, one each time it passes a tenth of its size or
``LINE_SECONDS`` after the last (whichever comes first, as it advances), and one when it ends:

    progress: analysing 0/120 articles
    progress: analysing 12/120 articles, 3.1/s, about 35 s left
    progress: analysing 120 articles in 39 s, 3.1/s
"""

from __future__ import annotations

import math
import time
from types import TracebackType
from typing import Literal

from rich.console import Console
from rich.progress import (
    BarColumn,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.progress import Progress as RichProgress
from rich.text import Text

Mode = Literal["off", "bar", "lines"]
LINE_SECONDS = 10.0  # plain lines: the longest gap between two lines of an advancing stage
PREFIX = "progress: "


class Progress:
    """The progress display of one command run; a context manager around its stages."""

    def __init__(self, mode: Mode, console: Console) -> None:
        self.mode = mode
        self.console = console
        self._bar: RichProgress | None = None
        if mode == "bar":
            self._bar = RichProgress(
                TextColumn("{task.description}"),
                BarColumn(),
                _Count(),
                _Rate(),
                TimeElapsedColumn(),
                TextColumn("left"),
                TimeRemainingColumn(),
                console=console,
                transient=True,
            )

    @classmethod
    def choose(cls, console: Console, *, asked: bool | None, quiet: bool) -> Progress:
        """``asked``: --progress (True), --no-progress (False) or neither (None: a bar on a
        terminal unless --quiet)."""
        if asked is False or (asked is None and (quiet or not console.is_terminal)):
            return cls("off", console)
        return cls("bar" if console.is_terminal else "lines", console)

    def stage(self, name: str, total: float | None = None, unit: str = "") -> Stage:
        """A new stage (the previous one should be done); ``total`` None: size unknown."""
        return Stage(self, name, total, unit)

    def __enter__(self) -> Progress:
        if self._bar is not None:
            self._bar.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.stop()


class Stage:
    """One long stage: ``advance`` as work is done, ``describe`` what is being done now,
    ``done`` at the end (also on leaving a ``with`` block)."""

    def __init__(self, progress: Progress, name: str, total: float | None, unit: str) -> None:
        self.progress = progress
        self.name = name
        self.total = total
        self.unit = unit
        self.detail = ""
        self.completed = 0.0
        self.started = time.monotonic()
        self._finished = False
        self._next_tenth = 1
        self._last_line = self.started
        self._task = None
        if progress._bar is not None:
            self._task = progress._bar.add_task(name, total=total, unit=unit)
        elif progress.mode == "lines":
            self._line(f"{self.name} {self._count()}")

    def advance(self, amount: float = 1.0, *, show: bool = True) -> None:
        """``amount`` more done; ``show=False``: no plain line now (a ``describe`` follows,
        and its line will say what runs next)."""
        self.completed += amount
        bar = self.progress._bar
        if bar is not None and self._task is not None:
            bar.advance(self._task, amount)
        elif show:
            self._maybe_line()

    def describe(self, detail: str) -> None:
        """What the stage is doing now (``story 2: alignment``), shown beside its name."""
        self.detail = detail
        bar = self.progress._bar
        if bar is not None and self._task is not None:
            bar.update(self._task, description=f"{self.name}: {detail}")
        else:
            self._maybe_line()

    def done(self) -> None:
        if self._finished:
            return
        self._finished = True
        bar = self.progress._bar
        if bar is not None and self._task is not None:
            bar.remove_task(self._task)
        elif self.progress.mode == "lines":
            elapsed = time.monotonic() - self.started
            count = f"{_int(self.completed)} {self.unit}".rstrip()
            rate = f", {_rate(self.completed, elapsed)}" if self.completed else ""
            self._line(f"{self.name} {count} in {_duration(elapsed)}{rate}")

    def __enter__(self) -> Stage:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if kind is None:
            self.done()

    # -- plain lines ------------------------------------------------------------------------

    def _maybe_line(self) -> None:
        """A plain line if one is due: a tenth passed, or ``LINE_SECONDS`` since the last."""
        if self.progress.mode != "lines" or self.completed == 0:
            return
        if self.total is not None and self.completed >= self.total:
            return  # ``done`` says it
        now = time.monotonic()
        tenth = self._tenth()
        if tenth >= self._next_tenth or now - self._last_line >= LINE_SECONDS:
            self._next_tenth = tenth + 1
            self._line(f"{self.name} {self._count()}{self._pace(now)}")

    def _tenth(self) -> int:
        if not self.total:
            return 0
        return math.floor(10 * self.completed / self.total + 1e-9)

    def _count(self) -> str:
        total = f"/{_int(self.total)}" if self.total is not None else ""
        detail = f" ({self.detail})" if self.detail else ""
        return f"{_int(self.completed)}{total} {self.unit}".rstrip() + detail

    def _pace(self, now: float) -> str:
        elapsed = now - self.started
        if not self.completed or elapsed <= 0:
            return ""
        pace = f", {_rate(self.completed, elapsed)}"
        if self.total is not None and self.completed < self.total:
            left = (self.total - self.completed) * elapsed / self.completed
            pace += f", about {_duration(left)} left" if left >= 1 else ", under 1 s left"
        return pace

    def _line(self, text: str) -> None:
        self._last_line = time.monotonic()
        self.progress.console.print(PREFIX + text, markup=False, highlight=False)


class _Count(ProgressColumn):
    """``12/120`` (whole units), or ``12`` while the size is unknown."""

    def render(self, task: Task) -> Text:
        total = f"/{_int(task.total)}" if task.total is not None else ""
        return Text(f"{_int(task.completed)}{total} {task.fields.get('unit', '')}".rstrip())


class _Rate(ProgressColumn):
    """Units per second over the last half minute (rich's estimate)."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("" if speed is None else f"{speed:.1f}/s")


def _rate(done: float, seconds: float) -> str:
    per_second = done / seconds if seconds > 0 else math.inf
    if per_second >= 0.1:
        return f"{per_second:.1f}/s" if per_second < math.inf else "-/s"
    return f"{_duration(seconds / done)} each"


def _duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def _int(value: float | None) -> int:
    return math.floor((value or 0) + 1e-9)


class StoryStages:
    """The pipeline's ``on_stage`` hook shown as two stages: ``grouping``, then ``story
    reports`` over all ``articles``, each of a story's ``stages`` moving it on by its share of
    the story's articles (so its rate is in articles, and its time left is the stories' to
    come), with the story and the stage at work beside it."""

    def __init__(self, progress: Progress, articles: int, stages: tuple[str, ...]) -> None:
        self.progress = progress
        self.articles = articles
        self.stages = stages
        self.story = 0
        self._grouping: Stage | None = None
        self._reports: Stage | None = None

    def __call__(self, name: str, articles: int, finished: bool) -> None:
        if name == "grouping":
            if not finished:
                self._grouping = self.progress.stage("grouping", articles, "articles")
            elif self._grouping is not None:
                self._grouping.advance(articles)
                self._grouping.done()
            return
        if self._reports is None:
            self._reports = self.progress.stage("story reports", self.articles, "articles")
        if not finished:
            self.story += name == self.stages[0]
            self._reports.describe(f"story {self.story}: {name}")
        else:  # the line, if due, comes with the next stage's name
            self._reports.advance(articles / len(self.stages), show=False)

    def done(self) -> None:
        if self._reports is not None:
            self._reports.done()
