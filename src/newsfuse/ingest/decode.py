"""Turn raw bytes into text, detecting the encoding, and refuse what is not text.

Order matters: a byte-order mark is proof; UTF-16 without a BOM shows as NUL bytes in every
other position; strict UTF-8 almost never decodes by accident; only then do we ask
charset-normalizer, which can mistake one 8-bit code page for another.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from newsfuse.errors import InputRejected

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters other than tab, newline, carriage return and form feed.
_CONTROL = frozenset(range(32)) - {9, 10, 12, 13}
_MAX_CONTROL_SHARE = 0.01
# Guesses that are one Western code page mistaken for another; cp1252 is a superset in practice.
_WESTERN = ("cp125", "latin", "iso8859", "mac_", "cp850", "cp437", "ascii")


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise InputRejected for empty, binary or undecodable data."""
    if not data.strip():
        raise InputRejected("empty", "the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding), encoding
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _strict(data, utf16), utf16
    if b"\x00" in data:
        raise InputRejected("binary", "the file is binary (it contains NUL bytes), not text")
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError:
        text, encoding = _guess_8bit(data)
    _refuse_control_characters(text)
    return text, encoding


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputRejected(
            "encoding", f"the file declares {encoding} but is not valid {encoding}: {exc.reason}"
        ) from None


def _utf16_without_bom(data: bytes) -> str | None:
    """Spot UTF-16 text without a BOM: mostly-ASCII text has NULs at every other byte."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0) / len(sample[0::2])
    odd_nuls = sample[1::2].count(0) / len(sample[1::2])
    if odd_nuls > 0.6 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.6 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _guess_8bit(data: bytes) -> tuple[str, str]:
    """Decode non-UTF-8 text; Windows-1252 is by far the most common in scraped news."""
    best = from_bytes(data[:65536]).best()
    candidates = ["cp1252"]
    if best is not None and not best.encoding.startswith(_WESTERN):
        candidates.insert(0, best.encoding)
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            continue
    raise InputRejected("encoding", "the file's text encoding could not be recognised")


def _refuse_control_characters(text: str) -> None:
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) in _CONTROL)
    if controls > max(2, _MAX_CONTROL_SHARE * len(sample)):
        raise InputRejected("binary", "the file looks binary (many control characters), not text")
