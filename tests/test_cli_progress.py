"""Progress: every long stage (the story-wide ones of digest and report too) shows its rate and
the time left, on stderr, only on a terminal or when --progress asks; it never mixes with
stdout or the problem lines. Only the lines' form is checked, never how long anything took.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from newsfuse.cli.main import app
from newsfuse.cli.progress import Progress
from newsfuse.pipeline import STORY_STAGES

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "seeds"
runner = CliRunner()
LEFT = r"(about \d+ s|about \d+ min \d+ s|about \d+ h \d+ min|under 1 s) left"
PACE = rf"[\d.]+/s, {LEFT}"


def progress_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("progress: ")]


def stage_lines(lines: list[str], stage: str) -> list[str]:
    return [line for line in lines if line.startswith(f"progress: {stage} ")]


def check_stage(lines: list[str], stage: str, total: int, unit: str, *, paced: bool = True) -> None:
    """A start line, lines with rate and time left as it advances, and an end line."""
    mine = stage_lines(lines, stage)
    assert mine[0] == f"progress: {stage} 0/{total} {unit}", mine
    assert re.fullmatch(
        rf"progress: {stage} {total} {unit} in \d+ (s|min \d+ s), [\d.]+/s", mine[-1]
    )
    middle = mine[1:-1]
    if paced:
        assert middle, f"{stage}: no line while it ran"
    for line in middle:
        assert re.fullmatch(rf"progress: {stage} \d+/{total} {unit}( \(.+\))?, {PACE}", line), line


def test_digest_shows_every_stage_when_asked(tmp_path: Path) -> None:
    result = runner.invoke(app, ["digest", str(SEEDS), "-o", str(tmp_path / "r"), "--progress"])
    assert result.exit_code == 0, result.output
    lines = progress_lines(result.stderr)
    starts = [re.fullmatch(r"progress: (.+?) 0(/\d+)? \w+", line) for line in lines]
    assert [start[1] for start in starts if start] == [
        "reading",
        "cleaning",
        "analysing",
        "grouping",
        "story reports",
    ]
    check_stage(lines, "cleaning", 5, "documents")
    check_stage(lines, "analysing", 5, "articles")
    check_stage(lines, "grouping", 5, "articles", paced=False)  # one step: start and end
    check_stage(lines, "story reports", 5, "articles")  # the story-wide stages
    reports = stage_lines(lines, "story reports")
    for stage in STORY_STAGES[1:]:  # each stage of the story's report is named as it starts
        assert any(f"(story 1: {stage})" in line for line in reports), stage
    assert stage_lines(lines, "reading")[-1].startswith("progress: reading 5 files in ")
    # Progress goes to stderr only, beside the usual lines, which are unchanged.
    assert "progress" not in result.stdout
    others = [line for line in result.stderr.splitlines() if line not in lines]
    assert others == ["read 5 input(s): 5 article(s)"]


@pytest.mark.parametrize("flags", [[], ["-q"], ["--no-progress"]])
def test_no_progress_off_a_terminal_unless_asked(tmp_path: Path, flags: list[str]) -> None:
    result = runner.invoke(app, ["digest", str(SEEDS), "-o", str(tmp_path / "r"), *flags])
    assert result.exit_code == 0
    assert progress_lines(result.stderr) == []


def test_ingest_and_report_show_their_stages(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    args = ["ingest", str(SEEDS), "--db", db, "--no-language", "-q", "--progress"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    lines = progress_lines(first.stderr)
    check_stage(lines, "ingesting", 5, "inputs")
    assert stage_lines(lines, "restoring") == []  # an empty store: nothing to restore
    again = progress_lines(runner.invoke(app, args).stderr)
    check_stage(again, "restoring stories", 5, "articles")
    check_stage(again, "ingesting", 5, "inputs")

    story = json.loads(runner.invoke(app, ["stories", "--db", db, "--json"]).stdout)[0]
    args = ["report", story["id"], "--db", db, "-o", str(tmp_path / "r"), "-q", "--progress"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    check_stage(
        progress_lines(result.stderr), "story reports", len(story["article_ids"]), "articles"
    )


def test_a_terminal_gets_a_bar_with_rate_and_time_left() -> None:
    terminal = Console(file=io.StringIO(), force_terminal=True, width=120)
    assert Progress.choose(terminal, asked=None, quiet=False).mode == "bar"
    assert Progress.choose(terminal, asked=None, quiet=True).mode == "off"
    assert Progress.choose(terminal, asked=False, quiet=False).mode == "off"
    log = Console(file=io.StringIO(), force_terminal=False)
    assert Progress.choose(log, asked=None, quiet=False).mode == "off"
    assert Progress.choose(log, asked=True, quiet=True).mode == "lines"

    progress = Progress.choose(terminal, asked=True, quiet=False)
    with progress, progress.stage("analysing", 4, "articles") as stage:
        for _ in range(3):
            stage.advance()
        assert progress._bar is not None
        progress._bar.refresh()
        shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", terminal.file.getvalue())  # type: ignore[attr-defined]
    assert re.search(r"analysing .*3/4 articles [\d.]+/s \d:\d\d:\d\d left \d:\d\d:\d\d", shown)
