"""The Python API (``import newsfuse``): cheap to import, every name it exports resolves, and
docs/api.md's example runs as written on the seed articles (its ``pycon`` blocks are doctests
run in order in one namespace; its ``console`` blocks' ``$ newsfuse ...`` lines run first where
they stand)."""

from __future__ import annotations

import doctest
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

import newsfuse

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "api.md"
SEEDS = ROOT / "examples" / "seeds"
_BLOCK = re.compile(r"^```(\w+)\n(.*?)^```$", re.M | re.S)


def _newsfuse(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "newsfuse", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300)


def test_import_loads_nothing_heavy() -> None:
    code = (
        "import sys, newsfuse\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('spacy', 'thinc', 'numpy', 'trafilatura', 'typer', 'rich', 'sqlite3')"
        " or m.startswith('newsfuse.'))\n"
        "print(heavy)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_every_exported_name_resolves() -> None:
    from newsfuse import model

    assert newsfuse.__all__ == sorted(newsfuse.__all__)
    for name in newsfuse.__all__:
        assert getattr(newsfuse, name) is not None, name
    for name in ("Article", "Report", "Fact", "Discrepancy", "Entity", "Quote", "Event", "Story"):
        assert getattr(newsfuse, name) is getattr(model, name)
    assert callable(newsfuse.digest) and callable(newsfuse.write_report)
    namespace: dict[str, object] = {}
    exec("from newsfuse import *", namespace)
    assert set(newsfuse.__all__) <= set(namespace)
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        _ = newsfuse.nothing_here


def test_inputs_that_cannot_be_read_are_rejections_not_exceptions(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    report = newsfuse.digest(
        empty, [b"\x00\x01\x02" * 50, "   \n  "], str(tmp_path / "missing.txt"), b"\xef\xbb\xbf"
    )
    assert report.articles == ()
    got = [(r.source, r.reason) for r in report.rejections]
    assert got[:1] == [(str(empty), "empty")]
    assert sorted(got[1:]) == sorted(
        [
            ("<bytes 2>", "binary"),
            ("<text 3>", "empty"),
            (str(tmp_path / "missing.txt"), "not-found"),
            ("<bytes 5>", "not-article"),
        ]
    )
    with pytest.raises(TypeError, match="not int"):
        newsfuse.digest(42)  # type: ignore[arg-type]


def test_store_reads_what_ingest_wrote(tmp_path: Path) -> None:
    db = tmp_path / "seeds.db"
    args = ["ingest", str(SEEDS), "--db", str(db), "--no-language", "-q"]
    result = _newsfuse(*args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    with newsfuse.Store(db) as store:
        assert len(store) == 5
        stories = store.stories()
        assert sum(len(s.article_ids) for s in stories) == 5
        largest = stories[0]
        assert store.story(largest.id[:6]) == largest == store.story(largest.id.upper())
        members = store.articles(largest)
        ids = {a.id for a in members}
        assert ids == set(largest.article_ids)
        assert [a.id for a in members] == [a.id for a in store.articles() if a.id in ids]
        assert isinstance(store.rejections(), tuple)
        with pytest.raises(KeyError, match="no story 'zzzz'"):
            store.story("zzzz")
        with pytest.raises(KeyError, match="no story ''"):
            store.story("")
        assert "seeds.db" in repr(store)
    with pytest.raises(newsfuse.StoreError, match=re.escape(str(tmp_path / "none.db"))):
        newsfuse.Store(tmp_path / "none.db")
    assert not (tmp_path / "none.db").exists()
    created = newsfuse.Store(tmp_path / "new.db", create=True)
    assert len(created) == 0 and created.stories() == ()
    created.close()


def doc_blocks(text: str) -> list[tuple[str, str, int]]:
    """(language, body, line number) of each fenced block of a Markdown page."""
    return [
        (match[1], match[2], text.count("\n", 0, match.start()) + 1)
        for match in _BLOCK.finditer(text)
    ]


def test_docs_api_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In a scratch folder that sees the repository's examples/, as a user's checkout does."""
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    text = DOCS.read_text(encoding="utf-8")
    blocks = doc_blocks(text)
    assert [lang for lang, _, _ in blocks].count("pycon") >= 4
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    namespace: dict[str, object] = {}
    examples = 0
    for lang, body, line in blocks:
        if lang == "console":
            for command in body.splitlines():
                if command.startswith("$ newsfuse "):
                    result = _newsfuse(*shlex.split(command[len("$ newsfuse ") :]), cwd=tmp_path)
                    assert result.returncode == 0, f"docs/api.md:{line}: {command}\n{result.stderr}"
        elif lang == "pycon":
            test = parser.get_doctest(body, namespace, f"docs/api.md:{line}", str(DOCS), line)
            runner.run(test, clear_globs=False)
            namespace = test.globs  # the test ran in a copy: the next block goes on from it
            examples += len(test.examples)
    summary = runner.summarize(verbose=False)
    assert summary.failed == 0, f"{summary.failed} of {summary.attempted} examples failed"
    assert examples == summary.attempted >= 20
    assert os.path.exists("seeds.db")
