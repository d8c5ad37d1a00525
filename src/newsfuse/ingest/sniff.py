"""Decide whether a decoded input is HTML, JSONL or a plain-text article.

The file name is a hint, the content decides: scraped files often carry the wrong extension.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from newsfuse.ingest.jsonl import too_deep
from newsfuse.model import InputKind

_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAGS = re.compile(
    r"<(?:p|div|span|a|body|head|article|section|br|meta|script)\b[^>]*>", re.IGNORECASE
)
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
_JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson", ".json"})


def sniff_kind(text: str, path: Path | None = None) -> InputKind:
    head = text[:8192]
    if _HTML_START.match(head):
        return "html"
    if _looks_like_jsonl(head):
        return "jsonl"
    suffix = path.suffix.lower() if path else ""
    tags = len(_HTML_TAGS.findall(head))
    if tags >= 8 or (suffix in _HTML_SUFFIXES and tags >= 1):
        return "html"
    if suffix in _JSONL_SUFFIXES and head.lstrip().startswith(("{", "[")):
        return "jsonl"
    return "text"


def _looks_like_jsonl(head: str) -> bool:
    """The first line is a JSON object; one nested too deep to parse counts, so that the
    JSONL reader rejects that line and reads the others."""
    first = next((line for line in head.splitlines() if line.strip()), "")
    if not first.lstrip().startswith("{"):
        return False
    if too_deep(first):
        return True
    try:
        return isinstance(json.loads(first), dict)
    except (ValueError, RecursionError):
        return False
