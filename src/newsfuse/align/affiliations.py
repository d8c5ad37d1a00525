"""Party and state of a politician as each outlet gives them, and where outlets disagree.

American news tags a politician with a party and a state in a few fixed styles: "Sen. Cory
Booker (D-N.J.)", "Booker, D-N.Y.,", "Cory Booker, a New Jersey Democrat", "GOP Sen. Josh
Hawley of Missouri". Outlets get these wrong often enough that a reader wants to see it
("a New Jersey Democrat" against "D-N.Y."), and the tags are exact enough to compare: the
same person with two states, or two parties, is a contradiction between outlets.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

from newsfuse.model import Article, Citation, Discrepancy, Entity, Span, Variant, content_id

_STATES = {
    "alabama": ("al", "ala"), "alaska": ("ak",), "arizona": ("az", "ariz"),
    "arkansas": ("ar", "ark"), "california": ("ca", "calif", "cal"), "colorado": ("co", "colo"),
    "connecticut": ("ct", "conn"), "delaware": ("de", "del"), "florida": ("fl", "fla"),
    "georgia": ("ga",), "hawaii": ("hi",), "idaho": ("id",), "illinois": ("il", "ill"),
    "indiana": ("in", "ind"), "iowa": ("ia",), "kansas": ("ks", "kan", "kans"),
    "kentucky": ("ky",), "louisiana": ("la",), "maine": ("me",), "maryland": ("md",),
    "massachusetts": ("ma", "mass"), "michigan": ("mi", "mich"), "minnesota": ("mn", "minn"),
    "mississippi": ("ms", "miss"), "missouri": ("mo",), "montana": ("mt", "mont"),
    "nebraska": ("ne", "neb", "nebr"), "nevada": ("nv", "nev"), "new hampshire": ("nh",),
    "new jersey": ("nj",), "new mexico": ("nm",), "new york": ("ny",),
    "north carolina": ("nc",), "north dakota": ("nd",), "ohio": ("oh",),
    "oklahoma": ("ok", "okla"), "oregon": ("or", "ore"), "pennsylvania": ("pa", "penn"),
    "rhode island": ("ri",), "south carolina": ("sc",), "south dakota": ("sd",),
    "tennessee": ("tn", "tenn"), "texas": ("tx", "tex"), "utah": ("ut",),
    "vermont": ("vt",), "virginia": ("va",), "washington": ("wa", "wash"),
    "west virginia": ("wv", "wva"), "wisconsin": ("wi", "wis"), "wyoming": ("wy", "wyo"),
}  # fmt: skip
_STATE_OF = {name: name for name in _STATES} | {
    abbr: name for name, abbrs in _STATES.items() for abbr in abbrs
}
_PARTY = {"d": "Democrat", "r": "Republican", "i": "independent"}
_PARTY_WORD = {"democrat": "Democrat", "democratic": "Democrat", "republican": "Republican",
               "gop": "Republican", "independent": "independent"}  # fmt: skip
_STATE_NAME = r"(?:[A-Z][a-z]+\.?)(?:\s[A-Z][a-z]+\.?)?"
_TAG = re.compile(  # "(D-N.Y.)", ", R-Texas,", "(R-MO)"
    r"\A\s*[(,]\s*(?P<party>[DRI])\s*-\s*(?P<state>[A-Z][A-Za-z.]{0,4}(?:\s?[A-Z][a-z.]+)?)"
    r"(?=[\s),;]|\Z)"
)
_APPOSITION = re.compile(  # ", a New Jersey Democrat"
    rf"\A\s*,\s*(?:a|an|the)\s+(?P<state>{_STATE_NAME})\s+(?P<party>Democrat|Republican)\b"
)
_OF_STATE = re.compile(rf"\A\s+(?:\([^)]*\)\s+)?of\s+(?P<state>{_STATE_NAME})\b")
_PARTY_BEFORE = re.compile(
    r"\b(?P<party>Democratic|Republican|GOP)\s+(?:Sen\.|Senator|Rep\.|Representative|Gov\.|"
    r"Governor|Congressman|Congresswoman)\s*\Z"
)

Tag = tuple[str, str, Span]  # (slot, value, words that say it)


def affiliation_conflicts(
    entities: Sequence[Entity], articles: Mapping[str, Article]
) -> list[Discrepancy]:
    """People whose party or state two outlets give differently, with each outlet's words."""
    found = []
    for entity in entities:
        if entity.label != "PERSON":
            continue
        said: dict[str, dict[str, list[tuple[str, Citation]]]] = defaultdict(dict)
        for mention in entity.mentions:
            article = articles.get(mention.article_id)
            if article is None or mention.field != "text":
                continue
            for slot, value, span in tags(article.text, mention.span):
                words = span.of(article.text)
                cite = Citation(article.id, span)
                said[slot].setdefault(value, []).append((words, cite))
        for slot, values in sorted(said.items()):
            if len(values) < 2 or not _outlets_differ(values):
                continue
            variants = tuple(
                Variant(cites[0][0], tuple(c for _, c in cites))
                for _, cites in sorted(values.items())
            )
            found.append(
                Discrepancy(
                    id=content_id(f"affiliation:{entity.id}:{slot}"),
                    kind="contradiction",
                    description=f"{entity.name}'s {slot}: "
                    + " vs ".join(f"“{v.text}”" for v in variants),
                    variants=variants,
                )
            )
    return found


def _outlets_differ(values: Mapping[str, list[tuple[str, Citation]]]) -> bool:
    """Some article gives one value and never the other: not one article's own mix."""
    articles = [{c.article_id for _, c in cites} for cites in values.values()]
    return any(a - set().union(*(b for b in articles if b is not a)) for a in articles)


def tags(text: str, name: Span) -> list[Tag]:
    """The party and state the words right around one mention of a name give it."""
    found: list[Tag] = []
    after = text[name.end : name.end + 60]
    if (m := _TAG.match(after)) is not None:
        state = _state(m.group("state"))
        span = Span(name.end + m.start("party"), name.end + m.end("state"))
        found.append(("party", _PARTY[m.group("party").lower()], span))
        if state:
            found.append(("state", state, span))
    elif (m := _APPOSITION.match(after)) is not None:
        span = Span(name.end + m.start("state"), name.end + m.end("party"))
        found.append(("party", _PARTY_WORD[m.group("party").lower()], span))
        if state := _state(m.group("state")):
            found.append(("state", state, span))
    elif (m := _OF_STATE.match(after)) is not None and (state := _state(m.group("state"))):
        found.append(("state", state, Span(name.end + m.start("state"), name.end + m.end())))
    before = text[max(0, name.start - 40) : name.start]
    if (m := _PARTY_BEFORE.search(before)) is not None:
        span = Span(
            name.start - len(before) + m.start("party"), name.start - len(before) + m.end("party")
        )
        found.append(("party", _PARTY_WORD[m.group("party").lower()], span))
    return found


def _state(words: str) -> str | None:
    key = re.sub(r"[.\s]+", " ", words).strip().casefold()
    return _STATE_OF.get(key) or _STATE_OF.get(key.replace(" ", ""))
