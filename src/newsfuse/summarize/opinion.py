"""Which articles argue rather than report: opinion, analysis and commentary pieces.

A summary states what the outlets report as fact; a column's claims are its author's view, so
they may enter the account only attributed ("..., according to X"), never as bare fact.

Two kinds of evidence mark a piece:

* a label: the outlet's own genre marker in the headline ("Opinion: ...", "Analysis |"), the
  outlet or section name ("New York Times (Opinion)"), the URL path (``/opinion/``) or a
  section/genre field the source carried (``extra``). A label decides.
* its voice: a report speaks through its sources ("..., officials said"), an argument speaks in
  its author's voice: first or second person, "should"/"must", "of course", questions put to
  the reader, all outside quotation marks. Each sentence that carries the author's voice and
  no source's is a vote for opinion, each sentence that carries a source's voice (an
  attribution or a quote) a vote for report. ``opinion_score`` is the smoothed share of
  opinion votes, ``(author + 1) / (author + sources + 2)``: with no votes at all it is 0.5,
  and a piece is opinion when the author's voice outnumbers its sources' by at least two
  sentences (the score then exceeds the share that one vote either way leaves undecided).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsfuse.model import Article, Span

# A genre label: a whole word, in a headline prefix, an outlet/section name or a URL path.
_LABEL = re.compile(
    r"\b(opinion|opinions|op-ed|oped|editorial|editorials|commentary|analysis|column|columns|"
    r"columnist|perspective|perspectives|viewpoint|viewpoints|letters to the editor)\b",
    re.IGNORECASE,
)
# In a headline the label is a prefix ("Opinion: ...", "ANALYSIS | ...", "Commentary - ...");
# elsewhere in a headline the word is news ("analysis shows ...").
_TITLE_LABEL = re.compile(rf"^\s*{_LABEL.pattern}\s*[:|\-–—]", re.IGNORECASE)
_URL_LABEL = re.compile(
    r"/(?:opinions?|op-?eds?|editorials?|commentary|analysis|columns?|columnists?|"
    r"perspectives?|viewpoints?|blogs?)(?:/|$)",
    re.IGNORECASE,
)
_SECTION_KEYS = ("section", "genre", "category", "categories", "type", "kind", "tags")

# The author's own voice, outside quotes.
_AUTHOR = re.compile(
    r"\b(?:I|I'm|I've|I'd|[Mm]e|[Mm]y|[Mm]ine|[Mm]yself|[Ww]e|[Ww]e're|[Ww]e've|[Uu]s|[Oo]ur|"
    r"[Oo]urs|[Oo]urselves|[Yy]ou|[Yy]ou're|[Yy]our|[Yy]ours|[Ss]hould|[Ss]houldn't|[Mm]ust|"
    r"[Oo]ught|[Oo]f course|[Ff]rankly|[Ss]urely|[Oo]bviously|[Cc]learly|[Ss]imply|[Rr]eally|"
    r"[Aa]rguably|[Ii]ndeed|[Ll]et's|[Dd]on't)\b"
)  # case-sensitive: "US" is a country, not "us"
# The author speaking as "I" or "we".
_FIRST_PERSON = re.compile(
    r"\b(?:I|I'm|I've|I'd|[Mm]e|[Mm]y|[Mm]yself|[Ww]e|[Ww]e're|[Ww]e've|[Oo]ur|[Oo]urselves)\b"
)
# A source's voice: an attribution verb or phrase.
_SOURCE = re.compile(
    r"\b(said|says|say|told|tells|according to|reported|reports|announced|announces|"
    r"stated|confirmed|confirms|added|wrote|writes|testified|claimed|claims|alleged|"
    r"argued|insisted|noted|explained|acknowledged|warned|urged)\b",
    re.IGNORECASE,
)
# Quoted words, up to the closing mark or, for a quote that runs on, the end of the sentence.
_QUOTED = re.compile(r"[\"“][^\"“”]*(?:[\"”]|$)")


def voices(article: Article) -> tuple[int, int]:
    """(sentences in the author's voice alone, sentences in a source's voice)."""
    author = sources = 0
    for text in _sentences(article):
        bare = _QUOTED.sub(" ", text)
        if _quotes_someone(text) or _SOURCE.search(bare):
            sources += 1
        elif _AUTHOR.search(bare) or bare.rstrip().endswith(("?", "!")):
            author += 1
    return author, sources


_SCARE_WORDS = 3  # a quoted phrase this short is a term held at a distance, not a source


def _quotes_someone(text: str) -> bool:
    """Quotes words someone said: a quoted stretch longer than a scare-quoted term
    ("purge the internet of “misinformation”" quotes no one)."""
    return any(len(q.split()) > _SCARE_WORDS for q in _QUOTED.findall(text))


def opinion_score(article: Article) -> float:
    """The smoothed share of the article's voiced sentences spoken in the author's voice."""
    author, sources = voices(article)
    return (author + 1) / (author + sources + 2)


def labelled_opinion(article: Article) -> bool:
    """True when the source labels the piece as opinion, analysis or commentary."""
    if article.title and _TITLE_LABEL.match(article.title):
        return True
    if article.outlet is not None and _LABEL.search(article.outlet.name):
        return True
    if article.url and _URL_LABEL.search(article.url.split("?", 1)[0]):
        return True
    return any(_LABEL.search(value) for value in _section_values(article))


def is_opinion(article: Article) -> bool:
    """Labelled as opinion, or spoken in the author's voice in at least two sentences more
    than in its sources'."""
    if labelled_opinion(article):
        return True
    author, sources = voices(article)
    return author - sources >= 2


def first_person(text: str) -> bool:
    """True when the words outside quotation marks speak as "I" or "we": the author's view
    (or the editorial board's), which a report would give to a named source."""
    return bool(_FIRST_PERSON.search(_QUOTED.sub(" ", text)))


def _sentences(article: Article) -> Iterable[str]:
    if article.title:
        yield article.title
    spans = article.sentences or (Span(0, len(article.text)),)
    for span in spans:
        yield span.of(article.text)


def _section_values(article: Article) -> Iterable[str]:
    for key in _SECTION_KEYS:
        value = article.extra.get(key)
        if isinstance(value, str):
            yield value
        elif isinstance(value, list):
            yield from (v for v in value if isinstance(v, str))
