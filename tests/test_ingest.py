"""Ingest: encodings, input kinds, and one clear rejection per bad input."""

from __future__ import annotations

import codecs
import json
import os
import socket
from pathlib import Path

import pytest

from newsfuse.errors import InputRejected
from newsfuse.ingest import load_paths
from newsfuse.ingest.decode import decode_bytes
from newsfuse.ingest.sniff import sniff_kind

TEXT = "Ministers met in Brussels on Tuesday — “a turning point”, said the café owner. " * 3


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
)
def test_decode_recovers_the_text(data: bytes, encoding: str) -> None:
    text, found = decode_bytes(data)
    assert text == TEXT
    assert found == encoding


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\t \n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20, "binary"),
        (bytes(range(1, 32)) * 40, "binary"),
        (codecs.BOM_UTF8 + b"caf\xe9 au lait", "encoding"),
    ],
)
def test_decode_refuses_what_is_not_text(data: bytes, reason: str) -> None:
    with pytest.raises(InputRejected) as caught:
        decode_bytes(data)
    assert caught.value.reason == reason


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", "a.txt", "html"),
        ("<html lang='en'><head></head></html>", "page", "html"),
        ('{"text": "Body", "title": "T"}\n{"text": "B2"}\n', "a.txt", "jsonl"),
        ("Headline\n\nBy Jane Doe\n\nThe story starts here.", "a.html", "text"),
        ("Headline\n\nThe story starts here.", "a.txt", "text"),
    ],
)
def test_sniff_decides_on_content(text: str, name: str, kind: str) -> None:
    assert sniff_kind(text, Path(name)) == kind


def _article(words: int = 60) -> str:
    return "Headline of the day\n\n" + " ".join(["The council voted again."] * (words // 4))


def test_bad_inputs_are_rejected_one_line_each_and_the_rest_still_load(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(_article(), encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" * 50)
    (tmp_path / "short.txt").write_text("Just a few words here.", encoding="utf-8")
    (tmp_path / "numbers.csv").write_text("1,2,3,4,5,6,7,8,9\n" * 40, encoding="utf-8")
    result = load_paths([str(tmp_path), str(tmp_path / "missing.txt")])
    assert [Path(d.source).name for d in result.documents] == ["good.txt"]
    reasons = {Path(r.source).name: r.reason for r in result.rejections}
    assert reasons == {
        "empty.txt": "empty",
        "image.png": "binary",
        "short.txt": "not-article",
        "numbers.csv": "not-article",
        "missing.txt": "not-found",
    }
    assert all("\n" not in r.message and r.message for r in result.rejections)


def test_too_large_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(_article(400), encoding="utf-8")
    result = load_paths([str(path)], max_bytes=1000)
    assert not result.documents
    assert result.rejections[0].reason == "too-large"


def test_glob_and_duplicates(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(_article(), encoding="utf-8")
    (tmp_path / "b.txt").write_text(_article(), encoding="utf-8")
    result = load_paths([str(tmp_path / "*.txt")])
    assert len(result.documents) == 1
    assert [r.reason for r in result.rejections] == ["duplicate"]
    assert "a.txt" in result.rejections[0].message


def test_lone_surrogates_in_jsonl_become_replacement_characters(tmp_path: Path) -> None:
    # "\\ud800" is valid JSON but no character: it could be neither hashed nor stored, and
    # once took the whole ingest down.
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"title": "A \\ud800 title", "text": "Body \\udfff text", "authors": ["X\\ud83d"]}\n'
        '{"text": "Paired \\ud83d\\ude00 is one character"}\n',
        encoding="utf-8",
    )
    result = load_paths([str(path)])
    assert result.rejections == ()
    first, second = result.documents
    assert (first.hints.title, first.content, first.hints.authors) == (
        "A \ufffd title",
        "Body \ufffd text",
        ("X\ufffd",),
    )
    assert second.content == "Paired \U0001f600 is one character"


def test_jsonl_records_become_documents_with_hints(tmp_path: Path) -> None:
    lines = [
        {
            "text": "Body text " * 10,
            "title": "T1",
            "url": "https://www.bbc.co.uk/news/x",
            "published": "2024-05-01T10:00:00Z",
            "outlet": "BBC",
            "authors": ["A B"],
        },
        {"html": "<html><body><p>Hello</p></body></html>", "url": "https://example.org/a"},
        {"title": "no body"},
        "not an object",
    ]
    raw = "\n".join(json.dumps(line) for line in lines) + "\n{broken json\n"
    path = tmp_path / "feed.jsonl"
    path.write_text(raw, encoding="utf-8")
    result = load_paths([str(path)])
    assert [d.kind for d in result.documents] == ["text", "html"]
    first = result.documents[0]
    assert first.hints.title == "T1"
    assert first.hints.outlet == "BBC"
    assert first.hints.authors == ("A B",)
    assert first.source.endswith("feed.jsonl:1")
    assert sorted((r.source.rsplit(":", 1)[1], r.reason) for r in result.rejections) == [
        ("3", "not-article"),
        ("4", "not-article"),
        ("5", "bad-json"),
    ]


def _record(text: str, **fields: object) -> str:
    return json.dumps({"title": "Council vote", "text": text, **fields})


def test_deeply_nested_json_is_rejected_one_line_each_and_the_rest_still_load(
    tmp_path: Path,
) -> None:
    # Python's JSON parser recurses once per level: 100,000 levels raised RecursionError
    # and took every other input of the run down with it.
    depth = 100_000
    (tmp_path / "good.txt").write_text(_article(), encoding="utf-8")
    (tmp_path / "arrays.json").write_text("[" * depth + "]" * depth, encoding="utf-8")
    (tmp_path / "objects.json").write_text('{"a": ' * depth + "1" + "}" * depth)
    deep_field = _record(_article(), extra=json.loads("[" * 30 + "]" * 30))
    feed = "\n".join([_record(_article(40)), deep_field, _record(_article(80))]) + "\n"
    (tmp_path / "feed.jsonl").write_text(feed, encoding="utf-8")
    # the first line is deep: sniffing the file's kind parses it too
    (tmp_path / "first-line.txt").write_text('{"a": ' * depth + "1" + "}" * depth + "\n")
    result = load_paths([str(tmp_path)])
    assert sorted(Path(d.source).name for d in result.documents) == [
        "feed.jsonl:1",
        "feed.jsonl:3",
        "good.txt",
    ]
    rejected = {Path(r.source).name: r for r in result.rejections}
    assert sorted(rejected) == ["arrays.json", "feed.jsonl:2", "first-line.txt:1", "objects.json:1"]
    for rejection in rejected.values():
        assert rejection.reason == "bad-json"
        assert "nested more than 20 levels deep" in rejection.message
        assert "\n" not in rejection.message


def test_json_within_the_depth_limit_is_read(tmp_path: Path) -> None:
    nested = {"outlet": {"name": "Reuters"}, "authors": [{"name": "A B"}]}
    path = tmp_path / "feed.json"
    path.write_text(json.dumps([json.loads(_record(_article(), **nested))]), encoding="utf-8")
    result = load_paths([str(path)])
    assert result.rejections == ()
    (document,) = result.documents
    assert document.hints.outlet == "Reuters"


@pytest.mark.parametrize("content", ["[]", "  [ \n ]\n", "\ufeff[]"])
def test_a_json_array_with_no_records_is_one_rejection(tmp_path: Path, content: str) -> None:
    # It once ended as neither an article nor a rejection: articles + rejections < inputs.
    (tmp_path / "good.txt").write_text(_article(), encoding="utf-8")
    (tmp_path / "none.json").write_text(content, encoding="utf-8")
    result = load_paths([str(tmp_path)])
    assert [Path(d.source).name for d in result.documents] == ["good.txt"]
    (rejection,) = result.rejections
    assert (Path(rejection.source).name, rejection.reason) == ("none.json", "empty")
    assert rejection.message == "the JSON array holds no records"


def test_what_a_folder_holds_that_is_no_file_is_one_rejection_each(tmp_path: Path) -> None:
    # A FIFO, a socket or a dangling link inside a folder was skipped without a word (named on
    # the command line, each was already rejected); a directory link is no input.
    folder = tmp_path / "in"
    (folder / "inner").mkdir(parents=True)
    (folder / "good.txt").write_text(_article(), encoding="utf-8")
    os.mkfifo(folder / "feed.pipe")
    os.mkfifo(folder / "inner" / "deeper.pipe")
    (folder / "dangling.txt").symlink_to("no-such-file.txt")
    (folder / "inner" / "up").symlink_to("..")
    (folder / ".hidden.pipe").symlink_to("nowhere")
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(folder / "feed.sock"))
        for paths in ([str(folder)], [str(folder), str(folder)], [str(folder / "*")]):
            result = load_paths(paths)
            assert [Path(d.source).name for d in result.documents] == ["good.txt"]
            rejected = {Path(r.source).relative_to(folder).as_posix(): r for r in result.rejections}
            assert {name: (r.reason, r.message) for name, r in rejected.items()} == {
                "dangling.txt": ("not-found", "no such file or directory"),
                "feed.pipe": ("not-found", "not a regular file"),
                "feed.sock": ("not-found", "not a regular file"),
                "inner/deeper.pipe": ("not-found", "not a regular file"),
            }
            assert len(result.rejections) == 4
    finally:
        server.close()
