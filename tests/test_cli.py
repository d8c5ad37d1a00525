"""The command line: help, a real digest, bad inputs, and exit codes that mean something."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from newsfuse.cli.main import app

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "seeds"
runner = CliRunner()


def test_help_explains_the_commands() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "digest" in result.output
    result = runner.invoke(app, ["digest", "--help"])
    assert result.exit_code == 0
    assert "--out" in result.output
    assert "JSONL" in result.output


def test_digest_writes_the_three_reports(tmp_path: Path) -> None:
    out = tmp_path / "report"
    result = runner.invoke(app, ["digest", str(SEEDS), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "read 5 input(s): 5 article(s)" in result.stderr
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert len(data["articles"]) == 5
    assert (out / "report.md").read_text(encoding="utf-8").count("\n") > 50
    assert "<html" in (out / "report.html").read_text(encoding="utf-8")


def test_bad_inputs_get_one_line_each_and_do_not_stop_the_run(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.bin").write_bytes(b"\x00\x01\x02\xff" * 100)
    result = runner.invoke(
        app, ["digest", str(SEEDS), str(tmp_path), "nowhere/*.txt", "--out", str(tmp_path / "r")]
    )
    assert result.exit_code == 0
    lines = [line for line in result.stderr.splitlines() if line.startswith("newsfuse: rejected")]
    assert len(lines) == 3
    assert any("empty.txt: the file is empty" in line for line in lines)
    assert any("blob.bin" in line and "binary" in line for line in lines)
    assert any("nowhere/*.txt: the pattern matches no files" in line for line in lines)
    assert "rejected 3" in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_nothing_readable_exits_non_zero(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["digest", str(tmp_path / "empty.txt"), "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "read 1 input(s): 0 article(s), rejected 1 (empty: 1)" in result.stderr


def test_missing_argument_is_a_usage_error() -> None:
    result = runner.invoke(app, ["digest"])
    assert result.exit_code == 2


def test_a_second_storys_title_is_printed_with_its_control_characters_escaped(
    tmp_path: Path,
) -> None:
    """The 'also story' line prints a title taken from an article: an escape sequence in it
    must not reach the terminal."""
    bridge = (
        "Officials in the northern province said on Monday that the new bridge would open to "
        "traffic next month after two years of construction work on the river crossing."
    )
    match = (
        "The home side won the cup final on Saturday with a late penalty, their first "
        "trophy in twelve years, and the coach thanked the fans who travelled to the stadium."
    )
    records = [
        {"title": "Bridge to open", "text": bridge, "outlet": "A"},
        {"title": "New bridge opens soon", "text": bridge + " Drivers welcomed it.", "outlet": "B"},
        {"title": "Cup won \x1b[31mred\x1b[0m at last", "text": match, "outlet": "C"},
    ]
    path = tmp_path / "two.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["digest", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    also = [line for line in result.output.splitlines() if "also story" in line]
    assert len(also) == 1
    assert "\x1b" not in also[0] and "\\x1b[31mred" in also[0]
