"""Quotes and attributions of one article: who said what, verbatim or reported.

``find_quotes(parsed)`` is the entry point (the language layer calls it per article). Modules:

- ``find``: ``find_quotes`` and the passes that join the rest (partial and continued quotes,
  speakers resolved inside the article);
- ``direct``: quoted stretches and the cue and speaker framing each one;
- ``indirect``: reported speech framed by a cue verb or "according to", unquoted;
- ``rules``: the heuristics as data (cue verbs, titles, ...) and the token view they read.
"""

from __future__ import annotations

from newsfuse.extract.quotes.find import find_quotes

__all__ = ["find_quotes"]
