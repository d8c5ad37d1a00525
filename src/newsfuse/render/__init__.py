"""Renderers: turn a finished Report into files people and programs read.

Renderers only read a Report; they never run the pipeline or touch the store. Each format
lives in its own module (``json``, ``markdown``, ``html`` with its building blocks in
``html_sections``) and builds its output section by section, so a stage that adds a section to
the Report adds one function per renderer.
"""

from __future__ import annotations

from pathlib import Path

from newsfuse.model import Report
from newsfuse.render.html import render_html
from newsfuse.render.json import dumps, report_from_dict, report_to_dict, write_json
from newsfuse.render.markdown import render_markdown

__all__ = [
    "FILENAMES",
    "render_html",
    "render_markdown",
    "report_from_dict",
    "report_to_dict",
    "write_json",
    "write_report",
]

FILENAMES = {"json": "report.json", "markdown": "report.md", "html": "report.html"}


def write_report(report: Report, out_dir: str | Path) -> dict[str, Path]:
    """Write report.json, report.md and report.html into ``out_dir`` (created if missing).

    Returns the written paths keyed by format (``json``, ``markdown``, ``html``). Every
    output is rendered before anything is written, so a rendering error leaves no partial set.
    """
    texts = {
        "json": dumps(report),
        "markdown": render_markdown(report),
        "html": render_html(report),
    }
    directory = Path(out_dir)
    directory.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    for fmt, text in texts.items():
        path = directory / FILENAMES[fmt]
        path.write_text(text, encoding="utf-8", newline="\n")
        paths[fmt] = path
    return paths
