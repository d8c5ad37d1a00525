"""Main article text and metadata from one HTML page.

trafilatura finds the main content (with its readability/jusText/baseline fallbacks); reader
comments are left out (``include_comments=False``, which also prunes comment sections before
the fallbacks run). We then tidy what it returns, because its text still carries pieces that
readers, and the public benchmarks, do not count as the article:

* the headline repeated at the top of the body (it belongs in ``title``), and a standfirst
  heading that repeats the meta description (it belongs in ``description``);
* short boilerplate lines: "Read more: ...", "Sign up for our newsletter", "Follow us on ...";
* short paragraphs that are nothing but link text (teasers for other stories), found by
  marking link text in the page before extraction;
* headings left with nothing under them at the end, and hidden schema.org microdata blocks.

Metadata comes from trafilatura's meta-tag and JSON-LD readers and htmldate, on the same parsed
tree (the page is parsed once). The readers used are module-level functions of the pinned
trafilatura version. Every rule is a small table below; the effect of each was measured with
``python -m bench.extraction`` on two benchmarks (see ``bench/extraction.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from htmldate import find_date
from lxml.etree import XPath, _Element
from lxml.html import HtmlElement
from trafilatura import bare_extraction
from trafilatura.json_metadata import normalize_authors
from trafilatura.metadata import examine_meta, extract_meta_json, extract_sitename, extract_url
from trafilatura.utils import load_html, trim

# Hidden schema.org microdata blocks repeat the headline, dates and image URLs for machines; they
# are never prose, but some extractors' fallbacks pick them up. Other hidden elements are kept:
# pages often hide the real article until a script shows it.
_PRUNE: tuple[XPath, ...] = (
    XPath("//*[@itemscope][contains(translate(@style, ' ', ''), 'display:none') or @hidden]"),
)

# Lines that are page furniture, not article prose. Matched at the start of a block that has at
# most _BOILERPLATE_MAX_WORDS words, so a real paragraph that merely begins alike survives.
_BOILERPLATE_STARTS: tuple[str, ...] = (
    r"(?:read|see|watch|listen)\s+(?:more|also|next|now)\b",  # teaser links
    r"related(?:\s+(?:articles?|stories|posts?|content|coverage|reading))?\s*[:|]",
    r"(?:also\s+(?:read|on|see)|more\s+(?:from|on|like\s+this))\b.{0,80}[:|]",
    r"don'?t\s+miss\b",
    r"you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy|be\s+interested)",
    r"(?:photo|image|picture|video)s?\s*(?:credit)?\s*:",  # caption credits
    r"(?:tags?|topics?|filed\s+under|categories)\s*:",
    r"(?:updated|published|posted|last\s+updated|last\s+modified)\s*(?:on|at)?\s*:?\s*\S*\d",
    r"follow\s+(?:us|him|her|them|me)\s+on\b",
    r"thanks?\s+(?:you\s+)?for\s+(?:signing\s+up|subscribing|reading)",
    r"(?:sign\s+up|subscribe|register)\b.{0,100}\b(?:newsletter|inbox|email|updates)",
    r"(?:get|have)\s+the\s+latest\b.{0,80}\b(?:inbox|newsletter|app)",
    r"table\s+of\s+contents\b",
    r"(?:\d+\s+)?comments?\s*$|leave\s+a\s+(?:comment|reply)",
    r"print\s*(?:article|this)?\s*$|e-?mail\s*(?:this|article)?\s*$",
    r"(?:write|e-?mail)\s+(?:to\s+)?\w+(?:\s\w+){0,3}\s+at\s+\S+@",  # "Write to X at x@y.com"
)
_BOILERPLATE = re.compile("|".join(f"(?:{p})" for p in _BOILERPLATE_STARTS), re.IGNORECASE)
_BOILERPLATE_MAX_WORDS = 30

# A short paragraph whose text is (almost) all link text is a teaser for another page.
_LINK_TEXT_SHARE = 0.9
_LINK_BLOCK_TAGS = frozenset({"p"})
_LINK_PARAGRAPH_MAX_WORDS = 50

# Fewer words than this is a fragment (a button label, an error line), not an article.
_MIN_ARTICLE_WORDS = 10

# The repeated headline, if any, sits within the first few blocks.
_HEADLINE_WINDOW = 3
# A page's only <h1> is its headline when it has this many words.
_HEADLINE_WORDS = range(1, 41)
# Separators between a headline and the site name in <title> ("Headline | Site").
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·•»]\s+|\s*[|·•»]\s*")
_WWW = re.compile(r"^(?:https?://)?(?:www\d?\.)?")

# Byline search when no meta tag names the author: elements whose attributes mention an author
# or a byline (one cheap XPath pass), ranked in Python; those inside comments or side panels
# are someone else's.
_BYLINE_CANDIDATES = XPath("//@*[contains(., 'uthor') or contains(., 'yline')]/..")
_AUTHOR_WORDS = frozenset({"author", "byline"})
_BYLINE_WORD = re.compile("author|byline", re.IGNORECASE)
_BYLINE_TAGS = frozenset({"a", "span", "div", "p", "address", "strong", "b", "li", "h3", "h4"})
_BYLINE_AVOID = re.compile("comment|sidebar|related|widget|footer", re.IGNORECASE)
_BYLINE_CHARS = (2, 120)

# trafilatura's body tree: these tags start a new block of text; the rest are inline.
_BLOCK_TAGS = frozenset(
    {"p", "head", "quote", "code", "list", "item", "table", "row", "cell", "div", "td", "th"}
)
# ⟦ ⟧ mark link text through the extraction: printable, so trafilatura keeps them, and so rare
# in prose that removing them from the output costs nothing.
_LINK_OPEN, _LINK_CLOSE = "\u27e6", "\u27e7"
_LINKED = re.compile("\u27e6([^\u27e6\u27e7]*)\u27e7")
_MARKERS = re.compile("[\u27e6\u27e7]")
_BREAK = "\ue000"  # private-use character: an explicit line break inside a block
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")  # soft hyphen, zero widths
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class HtmlExtraction:
    """The article found in one HTML page."""

    text: str  # main article text, paragraphs separated by "\n\n" (one paragraph per block)
    title: str | None
    authors: tuple[str, ...]
    published: str | None  # ISO date/datetime string as found (htmldate / trafilatura metadata)
    sitename: str | None
    url: str | None  # canonical URL the page declares, else the URL it was fetched from
    language: str | None  # primary language subtag declared by the page ("en")
    description: str | None  # meta description / standfirst if available


@dataclass(frozen=True)
class _Block:
    """One paragraph-like piece of the extracted body."""

    tag: str
    text: str
    link_chars: int  # characters of link text in it


def extract_html(html: str, url: str | None = None) -> HtmlExtraction | None:
    """Main text and metadata of an article page; None when no main text can be found.

    ``url`` is where the page came from: it helps find the date and stands in for a canonical
    URL the page does not declare.
    """
    if not html or not html.strip():
        return None
    tree = load_html(html)
    if tree is None:
        return None
    meta = _metadata(tree, url)  # first: links get marked and microdata pruned below
    _mark_links(tree)
    for xpath in _PRUNE:
        for element in xpath(tree):
            element.drop_tree()  # keeps the tail text
    doc = bare_extraction(  # works on its own copy of the tree
        tree,
        url=url,
        include_comments=False,
    )
    if doc is None or doc.body is None:
        return None
    text = _article_text(doc.body, meta.titles, meta.description)
    if len(text.split()) < _MIN_ARTICLE_WORDS:
        return None
    return HtmlExtraction(
        text=text,
        title=meta.title,
        authors=meta.authors,
        published=meta.published,
        sitename=meta.sitename,
        url=meta.url,
        language=meta.language,
        description=meta.description,
    )


def _article_text(body: _Element, titles: Iterable[str], description: str | None) -> str:
    """The body as paragraphs, without the headline, the standfirst and page furniture."""
    blocks = _drop_standfirst(_drop_headline(list(_blocks(body)), titles), description)
    kept = [b for b in blocks if not _is_furniture(b)]
    while kept and kept[-1].tag == "head":  # a heading with nothing under it
        kept.pop()
    return "\n\n".join(b.text for b in kept)


@dataclass(frozen=True)
class _Meta:
    title: str | None
    titles: tuple[str, ...]  # every form of the headline, to spot it repeated in the body
    authors: tuple[str, ...]
    published: str | None
    sitename: str | None
    url: str | None
    language: str | None
    description: str | None


def _metadata(tree: HtmlElement, url: str | None) -> _Meta:
    """Metadata from meta tags and JSON-LD (trafilatura), the byline, the date (htmldate).

    Leaner than trafilatura's own ``extract_metadata``: no categories, tags or licence, a cheap
    byline search, and htmldate without its extensive free-text scan, which is slow and, on the
    WCXB pages, more often wrong (it finds some date on pages that state none).
    """
    found = extract_meta_json(tree, examine_meta(tree))
    found.clean_and_trim()
    author = found.author if found.author and " " in found.author else None  # as trafilatura
    canonical = found.url or extract_url(tree, url)
    published = find_date(
        tree,
        url=canonical,
        original_date=True,
        extensive_search=False,
        max_date=date.today().isoformat(),
    )
    sitename = (found.sitename or extract_sitename(tree) or "").lstrip("@") or None
    page_title = found.title or _title_element(tree)
    title = _headline(tree) or _strip_site_name(page_title, sitename, canonical)
    return _Meta(
        title=title or None,
        titles=tuple(t for t in (title, page_title) if t),
        authors=_authors(author or _byline(tree)),
        published=published or None,
        sitename=sitename,
        url=canonical or None,
        language=_language(tree),
        description=found.description or None,
    )


def _blocks(element: _Element) -> Iterator[_Block]:
    """Flatten trafilatura's body tree into paragraph-like blocks, in reading order."""
    if element.tag == "row":
        cells = (_tidy(_inline_text(cell)) for cell in element)
        yield from _block("row", " | ".join(c for c in cells if c))
        return
    if element.tag == "code":  # keep the code's own line breaks
        yield from _block("code", _inline_text(element))
        return
    if not any(child.tag in _BLOCK_TAGS for child in element):
        yield from _block(str(element.tag), _inline_text(element))
        return
    # mixed content: loose text between nested blocks becomes blocks of its own
    loose = [element.text or ""]
    for child in element:
        if child.tag in _BLOCK_TAGS:
            yield from _block(str(element.tag), "".join(loose))
            loose.clear()
            yield from _blocks(child)
        else:
            loose.append(_inline_text(child))
        loose.append(child.tail or "")
    yield from _block(str(element.tag), "".join(loose))


def _block(tag: str, raw: str) -> Iterator[_Block]:
    """One block, or none when it has no text; link markers are counted, then removed."""
    if not raw or raw.isspace():
        return
    link_chars = 0
    if _LINK_OPEN in raw or _LINK_CLOSE in raw:
        link_chars = sum(len(" ".join(link.split())) for link in _LINKED.findall(raw))
        raw = _MARKERS.sub("", raw)
    text = raw.replace(_BREAK, "\n").strip("\n") if tag == "code" else _tidy(raw)
    if text:
        yield _Block(tag, text, link_chars)


def _inline_text(element: _Element) -> str:
    """Text of an element; <lb/> and nested blocks become _BREAK, source line ends stay spaces."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append(_BREAK)
        elif child.tag in _BLOCK_TAGS:
            parts.append(f"{_BREAK}{_inline_text(child)}{_BREAK}")
        else:
            parts.append(_inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _tidy(text: str) -> str:
    """Collapse whitespace, drop invisible characters; each _BREAK starts a new line."""
    lines = (" ".join(line.split()) for line in _INVISIBLE.sub("", text).split(_BREAK))
    return "\n".join(line for line in lines if line)


def _words(text: str | None) -> list[str]:
    """Lower-cased word tokens, for comparing strings that differ only in punctuation or case."""
    return _WORD.findall((text or "").lower())


def _same_headline(text: str, title: str | None) -> bool:
    """True when a block repeats the title, allowing for a site name added to either side."""
    block, head = _words(text), _words(title)
    if not block or not head:
        return False
    if block == head:
        return True
    block_s, head_s = " ".join(block), " ".join(head)
    if len(block) >= 3 and block_s in head_s and len(block) >= 0.5 * len(head):
        return True
    return len(head) >= 3 and head_s in block_s and len(head) >= 0.8 * len(block)


def _drop_headline(blocks: list[_Block], titles: Iterable[str | None]) -> list[_Block]:
    """Remove the first block near the top that repeats the headline."""
    candidates = [t for t in titles if t]
    for i, block in enumerate(blocks[:_HEADLINE_WINDOW]):
        if any(_same_headline(block.text, t) for t in candidates):
            return blocks[:i] + blocks[i + 1 :]
    return blocks


def _drop_standfirst(blocks: list[_Block], description: str | None) -> list[_Block]:
    """Remove a heading near the top that repeats the meta description: the standfirst."""
    wanted = _words(description)
    for i, block in enumerate(blocks[:_HEADLINE_WINDOW]):
        if wanted and block.tag == "head" and _words(block.text) == wanted:
            return blocks[:i] + blocks[i + 1 :]
    return blocks


def _is_furniture(block: _Block) -> bool:
    """Short boilerplate lines and paragraphs that are (almost) all link text (teasers)."""
    words = len(block.text.split())
    if words <= _BOILERPLATE_MAX_WORDS and _BOILERPLATE.match(block.text):
        return True
    return (
        block.tag in _LINK_BLOCK_TAGS
        and words <= _LINK_PARAGRAPH_MAX_WORDS
        and block.link_chars >= _LINK_TEXT_SHARE * len(block.text)
    )


def _mark_links(tree: HtmlElement) -> None:
    """Wrap every piece of link text in _LINK_OPEN/_LINK_CLOSE, to measure link text later.

    trafilatura's own ``include_links`` keeps links too, but it also changes which text is
    extracted; these printable marker characters ride through the extraction unnoticed.
    Each text node is wrapped on its own, so a link around a heading or a picture still counts.
    """
    for link in tree.iter("a"):
        for element in link.iter():
            if element.text and not element.text.isspace():
                element.text = f"{_LINK_OPEN}{element.text}{_LINK_CLOSE}"
            if element is not link and element.tail and not element.tail.isspace():
                element.tail = f"{_LINK_OPEN}{element.tail}{_LINK_CLOSE}"


def _headline(tree: HtmlElement) -> str | None:
    """The page's only <h1>: the visible headline, free of the site name that <title> carries."""
    found = None
    for h1 in tree.iter("h1"):
        if found is not None:
            return None
        found = _SPACES.sub(" ", h1.text_content()).strip()
    if found and len(found.split()) in _HEADLINE_WORDS:
        return found
    return None


def _strip_site_name(title: str | None, sitename: str | None, url: str | None) -> str | None:
    """Drop the parts of "Headline | Site" that name the site (sitename or host name)."""
    if not title:
        return None
    parts = [p for p in _TITLE_SEPARATORS.split(title) if p.strip()]
    site = "".join(_words(sitename))
    host = _WWW.sub("", url or "").split("/")[0].split(".")[0].lower()

    def names_site(part: str) -> bool:
        squashed = "".join(_words(part))
        return bool(squashed) and any(
            name and (name in squashed or squashed in name) for name in (site, host)
        )

    kept = [p.strip() for p in parts if not names_site(p)]
    return " - ".join(kept) if kept and len(kept) < len(parts) else title.strip()


def _title_element(tree: HtmlElement) -> str | None:
    """The text of <title>, when no meta tag gives a title."""
    element = tree.find(".//title")
    return trim(element.text_content()) if element is not None else None


def _byline(tree: HtmlElement) -> str | None:
    """Author names from the best-ranked byline element, when no meta tag names them."""
    best: tuple[int, str] | None = None
    for element in _BYLINE_CANDIDATES(tree):
        rank = _byline_rank(element)
        if rank is None or (best is not None and rank >= best[0]):
            continue
        if any(_BYLINE_AVOID.search(_attrs(a, ("class", "id"))) for a in element.iterancestors()):
            continue
        text = trim(" ".join(element.itertext()))
        if text and _BYLINE_CHARS[0] < len(text) < _BYLINE_CHARS[1]:
            best = (rank, text)
            if rank == 0:
                break
    return normalize_authors(None, best[1]) if best else None


def _byline_rank(element: HtmlElement) -> int | None:
    """0: declared author markup; 1: an author/byline class or id; 2: a link to an author page."""
    attrs = element.attrib
    if any(attrs.get(k, "").lower() in _AUTHOR_WORDS for k in ("rel", "itemprop", "class", "id")):
        return 0
    if element.tag in _BYLINE_TAGS and _BYLINE_WORD.search(
        _attrs(element, ("class", "id", "itemprop", "data-component"))
    ):
        return 1
    if element.tag == "a" and "/author" in attrs.get("href", ""):
        return 2
    return None


def _attrs(element: HtmlElement, names: tuple[str, ...]) -> str:
    return " ".join(element.get(n) or "" for n in names)


def _authors(author: str | None) -> tuple[str, ...]:
    """trafilatura joins several authors with "; "."""
    return tuple(a.strip() for a in (author or "").split(";") if a.strip())


# Where a page declares its language, most trusted first.
_LANGUAGE_XPATHS: tuple[XPath, ...] = (
    XPath("/html/@lang"),
    XPath("/html/@*[name()='xml:lang']"),  # the HTML parser keeps the prefix in the name
    XPath(
        "//meta[translate(@http-equiv, 'CONTENT-LANGUAGE', 'content-language')"
        "='content-language']/@content"
    ),
    XPath("//meta[@property='og:locale']/@content"),
)
_LANGUAGE_TAG = re.compile(r"^\s*([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]+)*\s*$")


def _language(tree: HtmlElement) -> str | None:
    """The language the page declares, as a lower-case primary subtag."""
    for xpath in _LANGUAGE_XPATHS:
        for value in xpath(tree):
            match = _LANGUAGE_TAG.match(str(value).split(",")[0])
            if match:
                return match.group(1).lower()
    return None
