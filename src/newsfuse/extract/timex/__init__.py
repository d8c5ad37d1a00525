"""Time expressions in English news, found and normalised TIMEX3-style (TempEval-3 values).

``find_timexes(text, published)`` is the entry point; ``calendar_start`` reads a TIMEX3 value
back as the first day it names and its precision. Modules:

- ``find``: ``find_timexes`` (scan, lexical checks, overlaps) and the tense around an expression;
- ``rules``: the lexical tables and patterns, kept as data;
- ``resolve``: the handlers that normalise a match relative to the publication date (DCT).
"""

from __future__ import annotations

from newsfuse.extract.timex.find import calendar_start, find_timexes

__all__ = ["calendar_start", "find_timexes"]
