"""Inputs' names: a file name that is not UTF-8 still names its input in valid text (its bytes
escaped), and a name with control characters is printed escaped, one line per rejection."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from newsfuse.ingest import load_paths
from newsfuse.ingest.sources import source_name

ARTICLE = "Headline of the day\n\n" + " ".join(["The council voted again on Tuesday."] * 12)


def _name(folder: Path, raw: bytes) -> Path:
    """The path of ``raw`` in ``folder`` as Python holds it (undecodable bytes as surrogates)."""
    return Path(os.fsdecode(os.path.join(os.fsencode(folder), raw)))


@pytest.fixture
def latin1(tmp_path: Path) -> Path:
    """A folder of files named in Latin-1, as old archives have them."""
    folder = tmp_path / "archive"
    (folder / "inner").mkdir(parents=True)
    _name(folder, b"caf\xe9-named.txt").write_text(ARTICLE + " One.", encoding="utf-8")
    _name(folder / "inner", b"caf\xe9-found.txt").write_text(ARTICLE + " Two.", encoding="utf-8")
    _name(folder, b"vide-\xe9t\xe9.txt").write_bytes(b"")
    feed = json.dumps({"text": ARTICLE + " Three."}) + "\n" + "not json\n"
    _name(folder, b"fl\xfbx.jsonl").write_text(feed, encoding="utf-8")
    return folder


def test_source_name_escapes_the_bytes_that_are_not_utf8() -> None:
    assert source_name(os.fsdecode(b"dir/caf\xe9.txt")) == "dir/caf\\xe9.txt"
    assert source_name(Path(os.fsdecode(b"\xff\xfe.txt"))) == "\\xff\\xfe.txt"
    assert source_name("ünïcödé 新闻.txt") == "ünïcödé 新闻.txt"
    assert source_name("a\ud800b") == "a\\ud800b"  # no file name holds it; still text


def test_undecodable_names_are_valid_text_and_the_files_are_read(latin1: Path) -> None:
    # Such a name once crashed digest writing its report and ingest storing the article
    # (UnicodeEncodeError / orjson TypeError: surrogates not allowed).
    named = str(_name(latin1, b"caf\xe9-named.txt"))
    missing = str(_name(latin1, b"absent-\xe9.txt"))
    result = load_paths([named, str(latin1), missing])
    sources = [d.source for d in result.documents] + [r.source for r in result.rejections]
    for source in sources:
        source.encode("utf-8")  # no surrogates
    base = str(latin1)
    assert sorted(d.source.removeprefix(base) for d in result.documents) == [
        "/caf\\xe9-named.txt",
        "/fl\\xfbx.jsonl:1",
        "/inner/caf\\xe9-found.txt",
    ]
    assert {r.source.removeprefix(base): r.reason for r in result.rejections} == {
        "/absent-\\xe9.txt": "not-found",
        "/fl\\xfbx.jsonl:2": "bad-json",
        "/vide-\\xe9t\\xe9.txt": "empty",
    }
    assert [d.content for d in result.documents if "named" in d.source] == [ARTICLE + " One."]


CONTROL_NAMES = {
    "empty\nfile.txt": "empty\\nfile.txt",
    "carriage\rreturn.txt": "carriage\\rreturn.txt",
    "\x1b[2J\x1b[31mred.txt": "\\x1b[2J\\x1b[31mred.txt",
    "tab\tand\x7fdel\x9bcsi.txt": "tab\\tand\\x7fdel\\x9bcsi.txt",
    "line\u2028sep\u202eevil.txt": "line\\u2028sep\\u202eevil.txt",
}


def test_rejected_names_with_control_characters_are_one_escaped_line_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Such names were printed raw: a line break split the line, an escape sequence reached the
    # terminal, and rich dropped a carriage return (the line named a file that does not exist).
    from newsfuse.cli.common import print_rejections

    for name in [*CONTROL_NAMES, os.fsdecode(b"vide-\xe9t\xe9.txt")]:
        (tmp_path / name).write_bytes(b"")
    result = load_paths([str(tmp_path)])
    assert len(result.rejections) == len(CONTROL_NAMES) + 1
    print_rejections(result.rejections)
    lines = capsys.readouterr().err.split("\n")
    assert lines.pop() == ""
    expected = [*CONTROL_NAMES.values(), "vide-\\xe9t\\xe9.txt"]
    assert sorted(lines) == sorted(
        f"newsfuse: rejected {tmp_path}/{shown}: the file is empty" for shown in expected
    )


def test_a_failure_line_is_one_escaped_line(capsys: pytest.CaptureFixture[str]) -> None:
    from newsfuse.cli.common import fail

    exit_ = fail("cannot write the report to out\n\x1b[2Jdir: no space", 3)
    assert exit_.exit_code == 3
    assert (
        capsys.readouterr().err
        == "newsfuse: cannot write the report to out\\n\\x1b[2Jdir: no space\n"
    )
