"""``--out``: checked before any work, and an existing report replaced only by a complete one.

Reports are written into a temporary folder beside (or inside) --out and moved into place at
the end, so a run that fails, reads nothing, or is stopped leaves the report that was there.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import Result
from typer.testing import CliRunner

from newsfuse.cli.main import app

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "seeds"
runner = CliRunner()

QUAKE = (
    "A strong earthquake struck the coastal province of Valdoria early on Monday. Rescue teams "
    "searched collapsed buildings in the port city of Marenza. The seismology institute measured "
    "the tremor at magnitude seven. Hospitals in Marenza treated hundreds of injured residents."
)
CUP = (
    "Northbridge Rovers won the cup final after a dramatic penalty shootout. Goalkeeper Sami "
    "Okafor saved two penalties at the packed stadium. The striker Lucas Ferreira scored an "
    "equaliser in stoppage time. Fans celebrated in the streets of Northbridge until morning."
)


def two_stories(folder: Path) -> Path:
    folder.mkdir()
    (folder / "quake-a.txt").write_text(QUAKE + "\n\nReported by the Daily Courier.\n")
    (folder / "quake-b.txt").write_text("Valdoria earthquake\n\n" + QUAKE.replace("Monday", "Mon"))
    (folder / "cup.txt").write_text(CUP + "\n\nReported by the Evening Ledger.\n")
    return folder


def digest(*args: str) -> Result:
    result = runner.invoke(app, ["digest", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def contents(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones too), by relative path."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def leftovers(folder: Path) -> list[str]:
    """Temporary folders left beside or inside ``folder``."""
    return [p.name for p in [*folder.parent.iterdir(), *folder.iterdir()] if p.name.startswith(".")]


def test_a_run_that_reads_nothing_leaves_the_existing_report(tmp_path: Path) -> None:
    out = tmp_path / "report"
    words = tmp_path / "words"
    assert digest(str(two_stories(words)), "-q", "-o", str(out)).exit_code == 0
    before = contents(out)
    assert "report.json" in before and any(name.startswith("stories/") for name in before)
    result = digest(str(tmp_path / "missing.txt"), "-o", str(out))
    assert result.exit_code == 1
    assert "read 1 input(s): 0 article(s), rejected 1 (not-found: 1)" in result.stderr
    assert contents(out) == before  # was: overwritten by an empty report
    assert leftovers(out) == []


def test_a_new_report_replaces_the_old_one_whole(tmp_path: Path) -> None:
    out = tmp_path / "report"
    assert digest(str(two_stories(tmp_path / "words")), "-q", "-o", str(out)).exit_code == 0
    (stale,) = (out / "stories").iterdir()
    (out / "notes.txt").write_text("the user's own file")
    result = digest(str(SEEDS), "-o", str(out))
    assert result.exit_code == 0
    assert "Kim" in json.loads((out / "report.json").read_text())["story"]["title"]
    assert not (out / "stories").exists(), f"{stale.name}: the old run's other story stayed"
    assert (out / "notes.txt").read_text() == "the user's own file"  # not ours: left alone
    wrote = [line.removeprefix("wrote ") for line in result.stdout.splitlines()]
    assert sorted(wrote) == [str(out / n) for n in ("report.html", "report.json", "report.md")]
    assert leftovers(out) == []


def test_an_unwritable_out_is_refused_before_any_work(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")  # would be reported if loading had begun
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    for out, problem in (
        (blocker / "report", f"{blocker} is not a folder"),
        (blocker, f"{blocker} is a file, not a folder"),
    ):
        result = digest(str(SEEDS), str(tmp_path / "empty.txt"), "-o", str(out))
        assert result.exit_code == 3, result.output
        assert result.stderr.splitlines() == [
            f"newsfuse: cannot write the report to {out}: {problem}; give another --out"
        ]
        assert result.stdout == ""
    assert blocker.read_text() == "not a folder"


def test_report_checks_out_first_too(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    result = runner.invoke(app, ["ingest", str(SEEDS), "--db", str(db), "--no-language", "-q"])
    assert result.exit_code == 0
    stories = json.loads(runner.invoke(app, ["stories", "--db", str(db), "--json"]).stdout)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = runner.invoke(app, ["report", stories[0]["id"], "--db", str(db), "-o", str(blocker)])
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [
        f"newsfuse: cannot write the report to {blocker}: {blocker} is a file, not a folder;"
        " give another --out"
    ]
