"""Hostile inputs for ``newsfuse digest`` and ``newsfuse ingest``, built on disk, and a runner that
reads back what a run did with each of them. Shared by ``tests/test_hostile.py`` (small sizes,
several cases batched into one run) and ``python -m bench.hostile`` (full sizes, one run each).

Each case writes its files under ``ROOT/<case name>/`` and says what must come of every input it
holds (``Expect``): an article, a rejection with a given reason, any rejection other than an
internal error, or either. Sources are named as newsfuse names them when the run's working
directory is ``ROOT`` (``name/file.txt``, ``name/feed.jsonl:3``, ``name/array.json[7]``), so a
run's stderr and reports can be checked input by input, however many cases share the run.

Article texts are generated (one council-and-bridge story, sentences drawn from templates with
a random generator seeded by the case and the article), so that no two inputs share content
(they would be duplicates) or lines (repeated lines count as page furniture across a batch).

The package never imports this module.
"""

from __future__ import annotations

import codecs
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# -- what a case expects ------------------------------------------------------------------------

ARTICLE = "article"  # becomes an article
REJECTED = "rejected"  # rejected with a clear reason; which one is the implementation's choice
ANY = "any"  # an article or a clear rejection, as long as it is one of them
INTERNAL = "internal-error"  # never expected: the documented reason for a bug

DOCUMENTED_REASONS = frozenset(
    {"not-found", "empty", "binary", "encoding", "too-large", "unreadable", "not-article"}
    | {"bad-json", "duplicate"}
)


@dataclass(frozen=True)
class Expect:
    """What must come of one input: ``outcome`` is ARTICLE, REJECTED, ANY or a reason code.

    ``contains``: words the article's title or text must hold (decoded right, not mojibake).
    ``fields``: values given with a JSONL record that the article must carry in report.json.
    """

    source: str
    outcome: str
    contains: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()


@dataclass(frozen=True, repr=False)
class Case:
    """One hostile situation: the command-line arguments that name its inputs (relative to
    ROOT) and what must come of each input."""

    name: str
    about: str
    args: tuple[str, ...]
    expect: tuple[Expect, ...]
    payloads: tuple[str, ...] = ()  # hostile markup that must reach the reports inert

    def __repr__(self) -> str:
        return f"Case({self.name!r}: {self.inputs} inputs)"

    @property
    def inputs(self) -> int:
        return len(self.expect)

    @property
    def articles(self) -> int:
        return sum(e.outcome == ARTICLE for e in self.expect)


@dataclass(frozen=True)
class Sizes:
    """How big the big cases are: modest for the tests, the issue's sizes for the bench."""

    huge_chars: int
    lines: int
    records: int
    depth: int
    bait: int
    many_files: int

    @classmethod
    def test(cls) -> Sizes:
        return cls(huge_chars=20_000, lines=3_000, records=400, depth=5_000, bait=1_000,
                   many_files=0)  # fmt: skip

    @classmethod
    def bench(cls) -> Sizes:
        return cls(huge_chars=1_200_000, lines=100_000, records=100_000, depth=100_000,
                   bait=100_000, many_files=200)  # fmt: skip


# -- generated article texts --------------------------------------------------------------------

_SUBJECTS = (
    "The harbour authority", "Mayor Elena Sorvik", "Engineers at Brandt and Cole",
    "The transport ministry", "Residents of the old quarter", "The city council",
    "Union leaders at the shipyard", "Safety inspectors", "Opposition councillor Piet Maren",
    "The regional governor", "Commuters on the coastal line", "The finance committee",
)  # fmt: skip
_VERBS = (
    "said on {day} that", "warned on {day} that", "confirmed that", "argued that",
    "announced on {day} that", "told reporters that", "insisted that", "wrote in a letter that",
)  # fmt: skip
_CLAIMS = (
    "the new Kessel bridge would open to traffic in {month}",
    "repairs to the old crossing would cost {n} million euros",
    "traffic on the coastal road had grown by {pct} percent since {year}",
    "{n} workers had joined the construction crews this spring",
    "the old swing bridge was no longer safe for heavy lorries",
    "the tender for the steel deck had drawn {small} bids from abroad",
    "ferry services would run every {small} minutes until the bridge opened",
    "the budget for the project had risen to {n} million euros",
    "a public hearing on tolls would take place in {month}",
    "divers had found cracks in {small} of the old piers",
    "the harbour would stay open to shipping during the works",
    "cyclists would get a separate lane on the upper deck",
)  # fmt: skip
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
_MONTHS = ("March", "April", "May", "June", "September", "October")
_WORDS = ("bridge", "harbour", "tide", "steel", "crane", "ferry", "toll", "deck", "pier", "dock")


def sentence(rng: random.Random) -> str:
    claim = rng.choice(_CLAIMS).format(
        month=rng.choice(_MONTHS), n=rng.randint(12, 990), pct=rng.randint(3, 80),
        year=rng.randint(1990, 2022), small=rng.randint(2, 19),
    )  # fmt: skip
    verb = rng.choice(_VERBS).format(day=rng.choice(_DAYS))
    return f"{rng.choice(_SUBJECTS)} {verb} {claim}."


def article_text(key: str, *, paragraphs: int = 4, title: str | None = None) -> str:
    """A plain-text article, its title on the first line: unique to ``key``, line by line."""
    rng = random.Random(key)
    head = title or f"Kessel bridge plan: {sentence(rng)[:-1].lower()}"
    body = [" ".join(sentence(rng) for _ in range(rng.randint(2, 3))) for _ in range(paragraphs)]
    return "\n\n".join([head, *body]) + "\n"


def long_text(key: str, chars: int) -> str:
    """An ordinary long article of about ``chars`` characters, in paragraphs."""
    rng = random.Random(key)
    parts, size = [f"The Kessel bridge inquiry, day by day ({key})"], 0
    while size < chars:
        paragraph = " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))
        parts.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(parts) + "\n"


def record(key: str, **fields: Any) -> dict[str, Any]:
    """A JSONL article record; ``fields`` override or add to text, title and outlet."""
    text = article_text(key)
    title, _, body = text.partition("\n\n")
    return {"title": title, "text": body, "outlet": "Kessel Courier", **fields}


# -- the cases ----------------------------------------------------------------------------------

Builder = Callable[[Path, Sizes], Case]
BUILDERS: dict[str, Builder] = {}


def builder(function: Builder) -> Builder:
    BUILDERS[function.__name__.removeprefix("case_").replace("_", "-")] = function
    return function


def build_cases(root: Path, sizes: Sizes, names: Iterable[str] | None = None) -> list[Case]:
    """Write the files of the named cases (all by default) under ``root``; their Cases."""
    root.mkdir(parents=True, exist_ok=True)
    chosen = list(BUILDERS) if names is None else list(names)
    return [BUILDERS[name](root, sizes) for name in chosen]


def _folder(root: Path, name: str) -> Path:
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _write(folder: Path, name: str | bytes, data: str | bytes, encoding: str = "utf-8") -> str:
    """Write a file; its source as newsfuse names it (relative to the case root)."""
    path = Path(os.fsdecode(os.path.join(os.fsencode(folder), os.fsencode(name))))
    path.write_bytes(data.encode(encoding) if isinstance(data, str) else data)
    return f"{folder.name}/{path.name}"


@builder
def case_empty(root: Path, sizes: Sizes) -> Case:
    folder = _folder(root, "empty")
    expect = [
        Expect(_write(folder, "zero.txt", b""), "empty"),
        Expect(_write(folder, "blank.txt", " \n\t\n  \r\n"), "empty"),
        Expect(_write(folder, "bom-only.txt", codecs.BOM_UTF8), REJECTED),
        Expect(_write(folder, "utf16-bom-only.txt", codecs.BOM_UTF16_LE), REJECTED),
        Expect(_write(folder, "empty.jsonl", b"\n\n\n"), "empty"),
        Expect(_write(folder, "empty-object.jsonl", b"{}\n") + ":1", "not-article"),
        Expect(_write(folder, "few-words.txt", "Bridge opens.\n"), "not-article"),
    ]
    return Case("empty", "empty, blank, BOM-only and nearly empty files", ("empty",), tuple(expect))


@builder
def case_empty_array(root: Path, sizes: Sizes) -> Case:
    """A JSON file holding no records: an input, so it must be named, not pass unseen."""
    folder = _folder(root, "empty-array")
    expect = (
        Expect(_write(folder, "good.txt", article_text("empty-array-good")), ARTICLE),
        Expect(_write(folder, "no-records.json", b"[]"), REJECTED),
        Expect(_write(folder, "no-records-spaced.json", b"  [ \n ]\n"), REJECTED),
    )
    return Case("empty-array", "a JSON array with no records", ("empty-array",), expect)


@builder
def case_binary(root: Path, sizes: Sizes) -> Case:
    folder = _folder(root, "binary")
    rng = random.Random("binary")
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.randrange(256) for _ in range(4000))
    gzip = b"\x1f\x8b\x08\x00" + bytes(rng.randrange(256) for _ in range(4000))
    controls = ("Kessel bridge " + "\x01\x02\x03\x04\x05\x06\x07\x08" * 200).encode()
    expect = [
        Expect(_write(folder, "image.png", png), "binary"),
        Expect(_write(folder, "archive.txt.gz", gzip), "binary"),
        Expect(_write(folder, "controls.txt", controls), "binary"),
        Expect(_write(folder, "nul-in-text.txt", article_text("nul").encode() + b"\x00"), "binary"),
    ]
    return Case("binary", "binary files, some named like text", ("binary",), tuple(expect))


# Words that show whether an encoding was read right (each encodable in the file's encoding).
_LATIN = "Café Müller in São Brás served crème brûlée; façade naïve"
_CP1252 = "“Quoted” – and ‘single’ — €5 … œuvre"
_CYRILLIC = "Мост через гавань откроется весной"
_GREEK = "Η γέφυρα ανοίγει την άνοιξη"


@builder
def case_encodings(root: Path, sizes: Sizes) -> Case:
    """One article per encoding (UTF-16 and UTF-32 with and without a BOM, legacy code pages),
    each holding words that only decode right in its encoding."""
    folder = _folder(root, "encodings")
    expect = []
    plans: Sequence[tuple[str, str, str, bytes]] = (
        ("utf8.txt", "utf-8", _LATIN + " " + _CYRILLIC, b""),
        ("utf8-bom.txt", "utf-8", _LATIN + " " + _GREEK, codecs.BOM_UTF8),
        ("utf16-le-bom.txt", "utf-16-le", _LATIN + " " + _CYRILLIC, codecs.BOM_UTF16_LE),
        ("utf16-be-bom.txt", "utf-16-be", _LATIN + " " + _GREEK, codecs.BOM_UTF16_BE),
        ("utf16-le-nobom.txt", "utf-16-le", _LATIN, b""),
        ("utf16-be-nobom.txt", "utf-16-be", _LATIN, b""),
        ("utf32-le-bom.txt", "utf-32-le", _LATIN + " " + _CYRILLIC, codecs.BOM_UTF32_LE),
        ("latin1.txt", "latin-1", _LATIN, b""),
        ("cp1252.txt", "cp1252", _LATIN + " " + _CP1252, b""),
        ("crlf.txt", "utf-8", _LATIN, b""),
        ("cr-only.txt", "utf-8", _LATIN, b""),
    )
    for name, encoding, words, bom in plans:
        text = article_text(f"enc-{name}")
        title, _, body = text.partition("\n\n")
        body = body.replace(". ", f". {words}. ", 1)
        text = f"{title}\n\n{body}"
        if name == "crlf.txt":
            text = text.replace("\n", "\r\n")
        elif name == "cr-only.txt":
            text = text.replace("\n", "\r")
        data = bom + text.encode(encoding)
        expect.append(Expect(_write(folder, name, data), ARTICLE, contains=(words,)))
    odd = codecs.BOM_UTF16_LE + article_text("enc-odd").encode("utf-16-le") + b"\x00"
    bad_utf8 = codecs.BOM_UTF8 + article_text("enc-bad").encode() + b"\xff\xfe\xc3(" * 50
    expect += [
        Expect(_write(folder, "utf16-odd-length.txt", odd), REJECTED),
        Expect(_write(folder, "utf8-bom-invalid.txt", bad_utf8), "encoding"),
    ]
    return Case("encodings", "every common encoding, with and without BOMs", ("encodings",),
                tuple(expect))  # fmt: skip


@builder
def case_huge(root: Path, sizes: Sizes) -> Case:
    folder = _folder(root, "huge")
    source = _write(folder, "long-article.txt", long_text("huge", sizes.huge_chars))
    size = 21 * 1024 * 1024
    over = folder / "over-the-limit.txt"
    with over.open("wb") as handle:  # sparse: as large as the limit sees, nothing on disk
        handle.truncate(size)
    expect = (Expect(source, ARTICLE), Expect("huge/over-the-limit.txt", "too-large"))
    about = f"an ordinary article of {sizes.huge_chars:,} characters; a 21 MB file"
    return Case("huge", about, ("huge",), expect)


@builder
def case_many_lines(root: Path, sizes: Sizes) -> Case:
    folder = _folder(root, "many-lines")
    rng = random.Random("lines")
    words = "\n".join(rng.choice(_WORDS) for _ in range(sizes.lines)) + "\n"
    source = _write(folder, "one-word-lines.txt", words)
    about = f"{sizes.lines:,} one-word lines in one text file"
    return Case("many-lines", about, ("many-lines",), (Expect(source, ANY),))


@builder
def case_many_records(root: Path, sizes: Sizes) -> Case:
    folder = _folder(root, "many-records")
    records = [
        {"title": f"Note {n}", "text": f"Kessel bridge note {n}."} for n in range(sizes.records)
    ]
    source = _write(folder, "records.json", json.dumps(records))
    expect = tuple(Expect(f"{source}[{n}]", ANY) for n in range(sizes.records))
    about = f"a JSON array of {sizes.records:,} short records"
    return Case("many-records", about, ("many-records",), expect)


@builder
def case_many_files(root: Path, sizes: Sizes) -> Case:
    folder = _folder(root, "many-files")
    expect = tuple(
        Expect(_write(folder, f"a{n:04d}.txt", article_text(f"many-{n}", paragraphs=2)), ANY)
        for n in range(sizes.many_files)
    )
    about = f"{sizes.many_files} small articles in one folder"
    return Case("many-files", about, ("many-files",), expect)


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@builder
def case_deep_json(root: Path, sizes: Sizes) -> Case:
    """A JSON document nested ``depth`` deep; a JSONL record with a deep field among good ones."""
    folder = _folder(root, "deep-json")
    array = _write(folder, "nested-array.json", _nested(sizes.depth))
    objects = '{"a": ' * sizes.depth + "1" + "}" * sizes.depth
    objects_source = _write(folder, "nested-objects.json", objects)
    lines = [
        json.dumps(record("deep-1")),
        json.dumps(record("deep-2"))[:-1] + ', "extra": ' + _nested(sizes.depth) + "}",
        json.dumps(record("deep-3")),
    ]
    feed = _write(folder, "feed.jsonl", "\n".join(lines) + "\n")
    expect = (
        Expect(array, REJECTED),
        Expect(f"{objects_source}:1", REJECTED),  # one line starting with '{': JSONL
        Expect(f"{feed}:1", ARTICLE),
        Expect(f"{feed}:2", ANY),
        Expect(f"{feed}:3", ARTICLE),
    )
    about = f"JSON nested {sizes.depth:,} deep (an array, objects, a JSONL field)"
    return Case("deep-json", about, ("deep-json",), expect)


@builder
def case_deep_html(root: Path, sizes: Sizes) -> Case:
    folder = _folder(root, "deep-html")
    depth = min(sizes.depth, 20_000)
    text = article_text("deep-html")
    title, _, body = text.partition("\n\n")
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    page = (
        f"<!DOCTYPE html><html><head><title>{title}</title></head><body><article>"
        f"{paragraphs}{'<div>' * depth}deep{'</div>' * depth}</article></body></html>"
    )
    source = _write(folder, "nested.html", page)
    return Case("deep-html", f"HTML nested {depth:,} deep", ("deep-html",), (Expect(source, ANY),))


@builder
def case_broken_jsonl(root: Path, sizes: Sizes) -> Case:
    folder = _folder(root, "broken-jsonl")
    lines: list[tuple[str, str]] = [
        (json.dumps(record("jl-1")), ARTICLE),
        ('{"title": "Unterminated", "text": "The bridge', "bad-json"),
        ("this line is not JSON at all", "bad-json"),
        ("[1, 2, 3]", "not-article"),
        ('{"title": "No text here"}', "not-article"),
        ('{"text": 42, "title": "A number"}', "not-article"),
        ("null", "not-article"),
        (json.dumps(record("jl-2", text=record("jl-2")["text"] + " \ud800 lone")), ARTICLE),
        ('{"text": "' + "\\" * 3 + '"}', "bad-json"),
        (json.dumps(record("jl-3")) + " trailing", "bad-json"),
        (json.dumps(record("jl-4")), ARTICLE),
    ]
    body = "\n".join(line for line, _ in lines)  # the last line has no newline
    feed = _write(folder, "feed.jsonl", body)
    crlf = _write(
        folder, "crlf.jsonl", "\r\n".join(json.dumps(record(f"crlf-{n}")) for n in (1, 2))
    )
    truncated = json.dumps([record("arr-1"), record("arr-2")])[:-40]
    array = _write(folder, "truncated-array.json", truncated)
    expect = [Expect(f"{feed}:{n}", outcome) for n, (_, outcome) in enumerate(lines, start=1)]
    expect += [
        Expect(f"{crlf}:1", ARTICLE),
        Expect(f"{crlf}:2", ARTICLE),
        Expect(array, "bad-json"),
    ]
    about = "JSONL with broken lines among good ones; CRLF; a truncated JSON array"
    return Case("broken-jsonl", about, ("broken-jsonl",), tuple(expect))


@builder
def case_user_fields(root: Path, sizes: Sizes) -> Case:
    """JSONL fields of the user's own (an id, tags) and a publication date that cannot be read."""
    folder = _folder(root, "user-fields")
    own = record("fields-1", id="reader-id-7731", tags=["harbour-desk", "kessel-watch"])
    unreadable = record("fields-2", published="the tuesday after next-ish")
    feed = _write(folder, "feed.jsonl", json.dumps(own) + "\n" + json.dumps(unreadable) + "\n")
    expect = (
        Expect(f"{feed}:1", ARTICLE, fields=("reader-id-7731", "kessel-watch")),
        Expect(f"{feed}:2", ARTICLE, fields=("the tuesday after next-ish",)),
    )
    return Case("user-fields", "the user's own JSONL fields", ("user-fields",), expect)


EXTREME_DATES = (
    "0001-01-01",
    "9999-12-31",
    "0001-01-01T00:00:00+14:00",
    "9999-12-31T23:59:59-12:00",
    "9999-12-31T23:59:59.999999-23:59",
    "0001-01-01T00:00:00+23:59",
    "1970-01-01T00:00:00Z",
    "2038-01-19T03:14:08Z",
    "-0001-01-01",
    "+10000-01-01",
    "2023-02-30",
    "2023-09-15T25:61:61",
    str(10**20),
    "",
)


@builder
def case_extreme_dates(root: Path, sizes: Sizes) -> Case:
    """Records of one story dated at the ends of time (and invalid dates), with undated ones."""
    folder = _folder(root, "extreme-dates")
    records = [record(f"date-{n}", published=value) for n, value in enumerate(EXTREME_DATES)]
    records.append(record("date-undated-1"))
    records.append(record("date-undated-2"))
    feed = _write(folder, "feed.jsonl", "\n".join(json.dumps(r) for r in records) + "\n")
    expect = tuple(Expect(f"{feed}:{n}", ARTICLE) for n in range(1, len(records) + 1))
    about = "dates 0001-01-01 to 9999-12-31, timezone extremes, invalid dates, undated"
    return Case("extreme-dates", about, ("extreme-dates",), expect)


_BAIT = (("spaces", " "), ("dots", "."), ("quotes", '"'), ("curly", "“"), ("dashes", "-"),
         ("digits", "7"), ("tabs-stars", "\t*"), ("brackets", "(["), ("ats", "@a."),
         ("dash-space", "- "))  # fmt: skip


@builder
def case_redos_text(root: Path, sizes: Sizes) -> Case:
    """Long runs of the characters regular expressions backtrack over, in an article's byline,
    body and dateline: as JSONL texts (a text file made mostly of them is refused as not prose
    before any pattern sees it), runs of spaces also as a text file; and in an HTML page."""
    folder = _folder(root, "redos-text")
    n = sizes.bait
    records = []
    for name, char in _BAIT:
        title, _, body = article_text(f"redos-{name}").partition("\n\n")
        bait = char * (n // len(char))
        text = f"By {bait} Reporter\n\n{body}\n{bait}x\n\nPublished {bait}2023\n"
        records.append(record(f"redos-{name}", title=title, text=text))
    feed = _write(folder, "texts.jsonl", "\n".join(json.dumps(r) for r in records) + "\n")
    expect = [Expect(f"{feed}:{n}", ANY) for n in range(1, len(records) + 1)]
    title, _, body = article_text("redos-spaces-file").partition("\n\n")
    spaces = " " * n
    text = f"{title}\n\nBy{spaces}Reporter\n\nPublished{spaces}2023\n\n{body}\n{spaces}x\n"
    expect.append(Expect(_write(folder, "spaces.txt", text), ANY))
    html = (
        "<!DOCTYPE html><html><head><title>Bridge " + " " * n + "</title>"
        '<meta name="author" content="' + "a " * (n // 2) + '">'
        "</head><body><article><p>" + article_text("redos-html").replace("\n\n", "</p><p>")
        + "<!-- " + "-" * n + "</p>" + "<" * n + "</article></body></html>"
    )  # fmt: skip
    expect.append(Expect(_write(folder, "page.html", html), ANY))
    about = f"runs of {n:,} spaces, dots, quotes, dashes, ... in bylines, bodies, datelines"
    return Case("redos-text", about, ("redos-text",), tuple(expect))


@builder
def case_date_at_end(root: Path, sizes: Sizes) -> Case:
    """Plain-text articles with no byline whose date line comes after the story, as some
    outlets print it ("Published 15 September 2023" at the foot)."""
    folder = _folder(root, "date-at-end")
    expect = []
    for n, line in enumerate(("Published 15 September 2023", "Last updated: 15 September 2023, "
                              "10:42 BST", "Published 2023")):  # fmt: skip
        title, _, body = article_text(f"date-at-end-{n}").partition("\n\n")
        text = f"{title}\n\n{body}\n\n{line}\n"
        expect.append(Expect(_write(folder, f"dated-{n}.txt", text), ARTICLE))
    return Case("date-at-end", "the date line after the story", ("date-at-end",), tuple(expect))


@builder
def case_redos_fields(root: Path, sizes: Sizes) -> Case:
    """The same runs in a JSONL record's metadata fields, one field per record (the date,
    author and outlet parsers, and the title, which is analysed as a sentence of its own)."""
    folder = _folder(root, "redos-fields")
    n = sizes.bait
    fields: list[tuple[str, Any]] = [
        ("published", " " * n + "2023-09-15" + "." * n),
        ("published", "2023-09-15T" + "1" * n),
        ("authors", ["By " + "and " * (n // 4)]),
        ("authors", [", " * (n // 2)]),
        ("outlet", "The " + "-" * n + " Times"),
        ("url", "https://example.com/" + "a/" * (n // 2)),
        ("url", "https://" + "a." * (n // 2) + "com/"),
        ("title", "Bridge " + "- " * (n // 2) + "opens"),
        ("title", "Bridge " + " " * n + "opens"),
    ]
    records = [
        record(f"redos-field-{i}", **{name: value}) for i, (name, value) in enumerate(fields)
    ]
    feed = _write(folder, "fields.jsonl", "\n".join(json.dumps(r) for r in records) + "\n")
    expect = tuple(Expect(f"{feed}:{i}", ANY) for i in range(1, len(records) + 1))
    about = f"runs of {n:,} characters in the date, authors, outlet, url and title fields"
    return Case("redos-fields", about, ("redos-fields",), expect)


XSS = (
    "<script>alert('xss-title')</script>",
    '"><img src=x onerror=alert("xss-text")>',
    "<svg onload=alert('xss-outlet')>",
    "<iframe src=javascript:alert('xss-author')></iframe>",
    "javascript:alert('xss-url')",
)
_MARKDOWN_TRAPS = "[click me](javascript:alert('md')) ![i](x onerror=alert(1)) <b>bold</b> `code`"


@builder
def case_xss(root: Path, sizes: Sizes) -> Case:
    """Script payloads in every field a report shows: title, text, outlet, author, url, the
    file name; as JSONL fields, as an HTML page's metadata, and in a rejected input's name."""
    folder = _folder(root, "xss")
    title_x, text_x, outlet_x, author_x, url_x = XSS
    base = record("xss-jsonl")
    body = base["text"].replace("\n\n", f"\n\n{text_x} {_MARKDOWN_TRAPS}\n\n", 1)
    fields = {
        "title": f"Bridge vote {title_x}",
        "text": body,
        "outlet": f"Courier {outlet_x}",
        "authors": [f"Ann Reporter {author_x}"],
        "url": url_x,
    }
    feed = _write(folder, "feed.jsonl", json.dumps(fields) + "\n")
    second = record("xss-jsonl-2", url='https://example.com/"><script>alert("u2")</script>')
    second["title"] = "<!-- comment --> ]]> {{7*7}} ${7*7} | table | # heading"
    feed2 = _write(folder, "feed2.jsonl", json.dumps(second) + "\n")
    page_text = article_text("xss-html")
    page_title, _, page_body = page_text.partition("\n\n")
    escaped = "&lt;script&gt;alert('xss-entity')&lt;/script&gt;"
    paragraphs = "".join(f"<p>{p}</p>" for p in page_body.split("\n\n"))
    page = (
        "<!DOCTYPE html><html><head>"
        f"<title>{page_title} &lt;script&gt;alert('xss-html-title')&lt;/script&gt;</title>"
        f'<meta name="author" content="{author_x.replace(chr(34), "&quot;")}">'
        f'<meta property="og:site_name" content="Site &lt;svg onload=alert(1)&gt;">'
        f'<link rel="canonical" href="{url_x}">'
        f"<script>alert('page-script')</script></head><body><article><h1>{page_title}</h1>"
        f"<p>{escaped} begins the report.</p>{paragraphs}"
        f'<p><a href="{url_x}">link</a> <img src=x onerror="alert(2)"></p>'
        "</article></body></html>"
    )
    html = _write(folder, "page.html", page)
    named = _write(folder, "<svg onload=alert('xss-name')>.txt", article_text("xss-name"))
    bad_named = _write(folder, "<script>alert('xss-rejected')<\\script>.txt", b"")
    expect = (
        Expect(f"{feed}:1", ARTICLE, contains=(title_x,)),
        Expect(f"{feed2}:1", ARTICLE),
        Expect(html, ARTICLE),
        Expect(named, ARTICLE),
        Expect(bad_named, "empty"),
    )
    payloads = (*XSS, "<svg onload=alert('xss-name')>", "<script>alert('xss-rejected')")
    return Case("xss", "script payloads in every field", ("xss",), expect, payloads=payloads)


@builder
def case_special_files(root: Path, sizes: Sizes) -> Case:
    """Symlink loops, a FIFO, a dangling link, a device, a directory link to its parent: named
    on the command line each gets one line, and so does a FIFO inside a folder; the directory
    link inside the folder is not followed (it is no input)."""
    folder = _folder(root, "special-files")
    good = _write(folder, "good.txt", article_text("special-good"))
    (folder / "loop-a").symlink_to("loop-b")
    (folder / "loop-b").symlink_to("loop-a")
    (folder / "self").symlink_to("self")
    (folder / "dangling.txt").symlink_to("no-such-target.txt")
    os.mkfifo(folder / "pipe.txt")
    inner = folder / "inner"
    inner.mkdir()
    _write(inner, "article.txt", article_text("special-inner"))
    (inner / "up").symlink_to("..")  # a directory loop
    os.mkfifo(inner / "inner-pipe.txt")
    args = ["special-files/good.txt", "special-files/loop-a", "special-files/self",
            "special-files/dangling.txt", "special-files/pipe.txt", "/dev/zero",
            "special-files/inner"]  # fmt: skip
    expect = (
        Expect(good, ARTICLE),
        Expect("special-files/loop-a", "not-found"),
        Expect("special-files/self", "not-found"),
        Expect("special-files/dangling.txt", "not-found"),
        Expect("special-files/pipe.txt", "not-found"),
        Expect("/dev/zero", "not-found"),
        Expect("special-files/inner/article.txt", ARTICLE),
        Expect("special-files/inner/inner-pipe.txt", "not-found"),
    )
    about = "symlink loops, a FIFO, /dev/zero, a dangling link, a directory loop"
    return Case("special-files", about, tuple(args), expect)


@builder
def case_fifo_in_folder(root: Path, sizes: Sizes) -> Case:
    """A FIFO inside a folder given on the command line: an input, so it must be named."""
    folder = _folder(root, "fifo-in-folder")
    good = _write(folder, "good.txt", article_text("fifo-folder-good"))
    os.mkfifo(folder / "feed.pipe")
    expect = (Expect(good, ARTICLE), Expect("fifo-in-folder/feed.pipe", REJECTED))
    return Case("fifo-in-folder", "a FIFO inside a folder", ("fifo-in-folder",), expect)


ODD_NAMES: tuple[str | bytes, ...] = (
    "with space.txt",
    "  leading and trailing spaces  .txt",
    "ünïcödé 新闻 報道.txt",
    "-leading-dash.txt",
    "--out.txt",
    "new\nline.txt",
    "tab\tand\rreturn.txt",
    "quotes ' \" `$(touch pwned)`.txt",
    "semi;colon|pipe&amp.txt",
    "percent %s %n {0}.txt",
    "[brackets]*?.txt",
    "x" * 200 + ".txt",
    "no-extension",
    "\u202etxt.exe",
)


@builder
def case_odd_names(root: Path, sizes: Sizes) -> Case:
    """Good articles under odd names, named one by one on the command line (after ``--``), and
    an empty file under a name with a newline (its one line must still name it)."""
    folder = _folder(root, "odd-names")
    expect, args = [], []
    for n, name in enumerate(ODD_NAMES):
        source = _write(folder, name, article_text(f"odd-{n}"))
        expect.append(Expect(source, ARTICLE))
        args.append(source)
    return Case("odd-names", "odd file names given as arguments", tuple(args), tuple(expect))


@builder
def case_control_names(root: Path, sizes: Sizes) -> Case:
    """Bad inputs whose names hold a line break, a carriage return or an escape sequence: each
    must still get one line (the name's control characters escaped), which a terminal cannot
    rewrite and a log reader does not split."""
    folder = _folder(root, "control-names")
    expect = (
        Expect(_write(folder, "good.txt", article_text("control-good")), ARTICLE),
        Expect(_write(folder, "empty\nfile.txt", b""), "empty"),
        Expect(_write(folder, "carriage\rreturn.txt", b""), "empty"),
        Expect(_write(folder, "\x1b[2J\x1b[31mred.txt", b""), "empty"),
    )
    return Case("control-names", "bad inputs named with control characters", ("control-names",),
                expect)  # fmt: skip


@builder
def case_odd_names_folder(root: Path, sizes: Sizes) -> Case:
    folder = _folder(root, "odd-names-folder")
    expect = [
        Expect(_write(folder, name, article_text(f"odd-folder-{n}")), ARTICLE)
        for n, name in enumerate(("-dash.txt", "new\nline.txt", "ünïcödé.txt", "x" * 250))
    ]
    return Case("odd-names-folder", "odd file names read from a folder", ("odd-names-folder",),
                tuple(expect))  # fmt: skip


@builder
def case_undecodable_name(root: Path, sizes: Sizes) -> Case:
    """File names that are not UTF-8 (Latin-1 bytes, as old archives have them), named on the
    command line and read from a folder."""
    folder = _folder(root, "undecodable-name")
    inner = _folder(folder, "inner")
    named = _write(folder, b"caf\xe9-named.txt", article_text("undecodable-1"))
    found = "undecodable-name/" + _write(inner, b"caf\xe9-found.txt", article_text("undecodable-2"))
    empty = _write(folder, b"vide-\xe9t\xe9.txt", b"")
    expect = (Expect(named, ARTICLE), Expect(empty, "empty"), Expect(found, ARTICLE))
    args = (named, empty, "undecodable-name/inner")
    return Case("undecodable-name", "file names that are not UTF-8", args, expect)


@builder
def case_same_article(root: Path, sizes: Sizes) -> Case:
    """The same article twice: two files, two encodings, one JSONL line twice, a file twice."""
    folder = _folder(root, "same-article")
    text = article_text("same")
    twice = json.dumps(record("same-jsonl"))
    feed = _write(folder, "d-feed.jsonl", f"{twice}\n{twice}\n")
    utf16 = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    expect = (
        Expect(_write(folder, "a-original.txt", text), ARTICLE),
        Expect(_write(folder, "b-copy.txt", text), "duplicate"),
        Expect(_write(folder, "c-utf16.txt", utf16), "duplicate"),
        Expect(f"{feed}:1", ARTICLE),
        Expect(f"{feed}:2", "duplicate"),
    )
    args = ("same-article", "same-article/a-original.txt")  # the same file named twice
    return Case("same-article", "the same article twice, several ways", args, expect)


@builder
def case_not_found(root: Path, sizes: Sizes) -> Case:
    _folder(root, "not-found")
    args = ("not-found/missing.txt", "not-found/*.nothing", "not-found/none/**/*.txt")
    expect = tuple(Expect(arg, "not-found") for arg in args)
    return Case("not-found", "missing files and patterns matching nothing", args, expect)


@builder
def case_odd_html(root: Path, sizes: Sizes) -> Case:
    """Malformed and hostile HTML: unclosed tags, a legacy charset, a page with no article."""
    folder = _folder(root, "odd-html")
    text = article_text("html-unclosed")
    title, _, body = text.partition("\n\n")
    unclosed = f"<html><head><title>{title}<body><article>" + "".join(
        f"<p>{p}<div><span>" for p in body.split("\n\n")
    )
    latin = article_text("html-latin1")
    latin_title, _, latin_body = latin.partition("\n\n")
    latin_page = (
        '<!DOCTYPE html><html><head><meta charset="iso-8859-1">'
        f"<title>{latin_title}</title></head><body><article>"
        f"<p>{_LATIN}.</p>"
        + "".join(f"<p>{p}</p>" for p in latin_body.split("\n\n"))
        + "</article></body></html>"
    )
    nav = "<!DOCTYPE html><html><body><nav><a href='/'>Home</a> <a href='/x'>News</a></nav>"
    expect = (
        Expect(_write(folder, "unclosed.html", unclosed), ANY),
        Expect(_write(folder, "latin1.html", latin_page, "latin-1"), ARTICLE, contains=(_LATIN,)),
        Expect(_write(folder, "nav-only.html", nav), "not-article"),
    )
    return Case("odd-html", "malformed HTML, a legacy charset, a page without text", ("odd-html",),
                expect)  # fmt: skip


# -- running newsfuse ---------------------------------------------------------------------------

_REJECTED_LINE = "newsfuse: rejected "
_TOTALS = re.compile(r"^read (\d+) input\(s\): (.*)$", re.M)
_COUNTS = {
    "articles": re.compile(r"(\d+) article\(s\)"),
    "added": re.compile(r"(\d+) added"),
    "stored": re.compile(r"(\d+) already stored"),
    "rejected_before": re.compile(r"(\d+) already rejected"),
    "rejected": re.compile(r"(?<!already )rejected (\d+)"),
}


@dataclass(repr=False)
class Run:
    """One newsfuse process: what it printed, how it ended, what it cost."""

    command: list[str]
    returncode: int | None
    stdout: str
    stderr: str
    seconds: float
    peak_rss_mb: float
    timed_out: bool
    out: Path | None = None
    reports: list[dict[str, Any]] = field(default_factory=list)
    _messages: list[str] | None = None
    _by_source: dict[str, list[str]] | None = None

    def __repr__(self) -> str:
        return f"Run({' '.join(self.command[3:5])} ..., exit {self.returncode})"

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    @property
    def traceback(self) -> bool:
        return "Traceback (most recent call last)" in self.output

    def rejection_lines(self) -> list[str]:
        """Each rejection message, whole: a source with a newline in its name spans lines, so
        a message runs until the next line that starts a new message or the totals."""
        if self._messages is None:
            messages: list[str] = []
            for line in self.stderr.split("\n"):
                if line.startswith(_REJECTED_LINE):
                    messages.append(line)
                elif messages and not _is_own_line(line):
                    messages[-1] += "\n" + line
            self._messages = messages
        return self._messages

    def rejected(self, source: str) -> list[str]:
        """The messages that name ``source`` (in any of its ``renderings``)."""
        if self._by_source is None:  # every "newsfuse: rejected X: " prefix -> its messages
            self._by_source = {}
            for message in self.rejection_lines():
                rest = message[len(_REJECTED_LINE) :]
                for match in re.finditer(": ", rest):
                    self._by_source.setdefault(rest[: match.start()], []).append(message)
        found = [m for form in renderings(source) for m in self._by_source.get(form, [])]
        return list(dict.fromkeys(found))

    def totals(self) -> dict[str, int] | None:
        """The totals line's counts: ``inputs``, ``articles`` (digest) or ``added``,
        ``stored`` and ``rejected_before`` (ingest), and ``rejected``; None without one."""
        match = _TOTALS.search(self.stderr)
        if match is None:
            return None
        counts = {"inputs": int(match[1])}
        for name, pattern in _COUNTS.items():
            found = pattern.search(match[2])
            counts[name] = int(found[1]) if found else 0
        return counts

    def articles(self) -> list[dict[str, Any]]:
        return [a for r in self.reports for a in r.get("articles", [])]

    def report_rejections(self) -> list[dict[str, Any]]:
        return [x for r in self.reports for x in r.get("rejections", [])]


def renderings(source: str) -> set[str]:
    """The ways a program may fairly print a source: as it is, its control characters escaped,
    and a name that is not UTF-8 (held with surrogate escapes) with its bytes replaced or
    escaped."""
    forms = {source, source.encode("utf-8", "backslashreplace").decode("utf-8")}
    raw = os.fsencode(source)
    forms |= {raw.decode("utf-8", "replace"), raw.decode("utf-8", "backslashreplace")}
    for form in list(forms):
        forms.add(_CONTROL.sub(lambda m: repr(m[0])[1:-1], form))
    return forms


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _find(by_source: dict[str, Any], source: str) -> Any:
    return next((by_source[f] for f in renderings(source) if f in by_source), None)


def _is_own_line(line: str) -> bool:
    return line.startswith(("newsfuse:", "read ", "  also story ")) or not line


def newsfuse(
    args: Sequence[str], *, cwd: Path, timeout: float, env: dict[str, str] | None = None
) -> Run:
    """Run ``python -m newsfuse ARGS`` in ``cwd``: output, exit status, wall time and the child's
    peak resident memory (``wait4``'s ``ru_maxrss``); killed after ``timeout`` seconds."""
    command = [sys.executable, "-m", "newsfuse", *args]
    out_path, err_path = cwd / f".run-{os.getpid()}-{time.monotonic_ns()}.out", None
    err_path = out_path.with_suffix(".err")
    with out_path.open("wb") as out, err_path.open("wb") as err:
        start = time.perf_counter()
        child = subprocess.Popen(
            command, cwd=cwd, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
            env={**os.environ, **(env or {}), "COLUMNS": "200"}, start_new_session=True,
        )  # fmt: skip
        timed_out = False
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > timeout:
                timed_out = True
                os.killpg(child.pid, signal.SIGKILL)
                _, status, usage = os.wait4(child.pid, 0)
                break
            time.sleep(0.02)
        seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    run = Run(
        command=command,
        returncode=None if timed_out else child.returncode,
        stdout=_read(out_path),
        stderr=_read(err_path),
        seconds=seconds,
        peak_rss_mb=usage.ru_maxrss / 1024,  # Linux reports kilobytes
        timed_out=timed_out,
    )
    out_path.unlink()
    err_path.unlink()
    return run


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8", "replace")


def digest(cases: Sequence[Case], root: Path, out: Path, *, timeout: float = 600) -> Run:
    """``newsfuse digest`` over the cases' inputs; with every report.json it wrote when it
    read an article (exit status 0: otherwise it writes nothing)."""
    args = ["digest", "--out", str(out), "--", *(a for c in cases for a in c.args)]
    run = newsfuse(args, cwd=root, timeout=timeout)
    run.out = out
    for path in sorted(out.rglob("report.json")) if run.returncode == 0 else ():
        try:
            run.reports.append(json.loads(path.read_text(encoding="utf-8")))
        except ValueError:
            run.reports.append({"unreadable": str(path)})
    return run


def ingest(
    cases: Sequence[Case], root: Path, db: Path, *, timeout: float = 600, language: bool = True
) -> Run:
    """``newsfuse ingest`` over the cases' inputs into the store ``db``."""
    options = [] if language else ["--no-language"]
    args = ["ingest", "--db", str(db), *options, "--", *(a for c in cases for a in c.args)]
    return newsfuse(args, cwd=root, timeout=timeout)


# -- checking a run, input by input --------------------------------------------------------------


def outcome_problems(case: Case, run: Run, *, reports: bool = True) -> list[str]:
    """What is wrong with what ``run`` made of ``case``'s inputs: each input must end as one
    article or one rejection (as expected), named in one whole line of stderr when rejected.
    ``reports``: also check the report.json files (digest) for the articles and reasons."""
    problems = []
    articles = {a.get("source"): a for a in run.articles()} if reports else {}
    reasons = {r.get("source"): r.get("reason") for r in run.report_rejections()}
    for expect in case.expect:
        lines = run.rejected(expect.source)
        article = _find(articles, expect.source)
        is_article = article is not None
        where = f"{expect.source!r}"
        if len(lines) > 1:
            problems.append(f"{where}: {len(lines)} rejection lines")
        if any(_CONTROL.search(line) for line in lines):
            problems.append(f"{where}: its line holds control characters: {lines[0]!r}")
        if lines and is_article:
            problems.append(f"{where}: both an article and rejected")
        if reports and not lines and not is_article:
            problems.append(f"{where}: silently dropped (neither an article nor rejected)")
        reason = _find(reasons, expect.source)
        if lines and reports and reason is None:
            problems.append(f"{where}: rejected on stderr but not in report.json")
        if reason == INTERNAL or (lines and "could not be processed" in lines[0]):
            problems.append(f"{where}: internal error: {lines[0] if lines else reason}")
        if expect.outcome == ARTICLE and lines:
            problems.append(f"{where}: expected an article, got {lines[0]!r}")
        if expect.outcome == ARTICLE and reports and not is_article and not lines:
            problems.append(f"{where}: expected an article")
        if expect.outcome not in (ARTICLE, ANY) and not lines:
            problems.append(f"{where}: expected a rejection ({expect.outcome}), got none")
        specific = expect.outcome not in (ARTICLE, ANY, REJECTED)
        if specific and reports and lines and reason != expect.outcome:
            problems.append(f"{where}: expected reason {expect.outcome}, got {reason}")
        if article is not None:
            shown = f"{article.get('title') or ''}\n{article.get('text') or ''}"
            for words in expect.contains:
                if words not in shown:
                    problems.append(f"{where}: the article does not hold {words!r}")
    return problems


def count_problems(cases: Sequence[Case], run: Run) -> list[str]:
    """The totals line against the inputs: articles + rejections = inputs, nothing lost, as
    many rejection lines as rejections (and for digest, as many in the reports)."""
    totals = run.totals()
    if totals is None:
        return ["no totals line ('read N input(s): ...') on stderr"]
    expected = sum(c.inputs for c in cases)
    problems = []
    if totals["inputs"] != expected:
        problems.append(f"totals count {totals['inputs']} inputs, the cases hold {expected}")
    accounted = sum(v for k, v in totals.items() if k != "inputs")
    if accounted != totals["inputs"]:
        problems.append(f"totals: {totals} do not add up")
    lines = len(run.rejection_lines())
    if lines != totals["rejected"]:
        problems.append(f"{lines} rejection lines, totals say {totals['rejected']}")
    if run.reports:
        if len(run.articles()) != totals["articles"]:
            problems.append(f"reports hold {len(run.articles())} articles, totals {totals}")
        if len(run.report_rejections()) != totals["rejected"]:
            problems.append(f"reports hold {len(run.report_rejections())} rejections, {totals}")
    return problems


def silent_drops(cases: Sequence[Case], run: Run) -> int:
    """Inputs that ended as neither an article nor a rejection (digest runs)."""
    articles = {a.get("source"): a for a in run.articles()}
    return sum(
        1
        for case in cases
        for e in case.expect
        if _find(articles, e.source) is None and not run.rejected(e.source)
    )
