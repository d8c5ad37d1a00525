"""Boilerplate heuristics as data: each rule names what it removes and why.

A rule is matched against one block (a paragraph or line) of an article. Keeping the rules
here, as tables, lets them be read, tested and extended without touching the control flow.
Rules describe *kinds* of page furniture (comment forms, donation appeals, teasers,
captions), never the sentences of particular articles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_I = re.IGNORECASE


@dataclass(frozen=True)
class BlockRule:
    """A pattern for a whole block; ``max_words`` keeps soft patterns away from real prose."""

    reason: str
    detail: str
    pattern: re.Pattern[str]
    max_words: int = 40
    quoted_ok: bool = True  # False: a block with quotation marks is never matched (speech)
    voice: bool = False  # True: only blocks where the outlet addresses the reader (we/you)
    # A cheap necessary condition checked first (most blocks are prose that no rule fits):
    # one of ``keys`` inside the lower-cased text, or it starts with one of ``starts``
    # (lower-cased) or ends with one of ``ends`` (as written). All empty: always checked, which
    # is cheaper for patterns anchored at the start with no ``.*`` (they fail at once).
    keys: re.Pattern[str] | None = None
    starts: tuple[str, ...] = ()
    ends: tuple[str, ...] = ()

    def triggered(self, text: str, lowered: str) -> bool:
        return (
            lowered.startswith(self.starts)
            or text.endswith(self.ends)
            or (self.keys is not None and self.keys.search(lowered) is not None)
        )


def _rule(
    reason: str,
    detail: str,
    pattern: str,
    max_words: int = 40,
    quoted_ok: bool = True,
    voice: bool = False,
    keys: str = "",
    starts: str = "",
    ends: tuple[str, ...] = (),
) -> BlockRule:
    return BlockRule(
        reason, detail, re.compile(pattern, _I), max_words, quoted_ok, voice,
        _literal_alternation(keys), tuple(starts.split("|")) if starts else (), ends,
    )  # fmt: skip


def _literal_alternation(keys: str) -> re.Pattern[str] | None:
    """One scan for any of the "|"-separated literal keys (searched in lower-cased text)."""
    if not keys:
        return None
    return re.compile("|".join(re.escape(key) for key in keys.split("|")))


# News wires and picture agencies that appear as credits at the end of captions.
AGENCIES = (
    "AP",
    "AFP",
    "Reuters",
    "REUTERS",
    "Getty Images",
    "Getty",
    "EPA",
    "EPA-EFE",
    "PA",
    "PA Wire",
    "TASS",
    "Tass",
    "Sputnik",
    "Xinhua",
    "Bloomberg",
    "Shutterstock",
    "Alamy",
    "Yonhap",
    "KCNA",
    "Anadolu",
    "ANP",
    "DPA",
    "dpa",
    "Kyodo",
    "Pool",
    "Handout",
    "NurPhoto",
    "SOPA Images",
    "Associated Press",
    "Agence France-Presse",
    "UPI",
    "Sipa",
    "Rex",
    "Imago",
    "Zuma",
)
_AGENCY_ALT = "|".join(re.escape(a) for a in sorted(AGENCIES, key=len, reverse=True))

# Whole-block rules, checked in order; the first match wins.
BLOCK_RULES: tuple[BlockRule, ...] = (
    _rule(
        "comments",
        "comment section furniture",
        r"^(?:\d+\s+)?comments?(?:\s*\(\d+\))?$|^(?:join|start) (?:our|the) (?:commenting forum|"
        r"conversation|discussion)\b.*|^join thought-provoking conversations\b.*|"
        r"^(?:leave|post|add|write) a (?:reply|comment)\b.*|^(?:show|view|hide|read) "
        r"(?:all )?comments\b.*|^comments (?:are|have been) closed\b.*|.*\bcommenting "
        r"(?:forum|guidelines|policy)\b.*|^your email address will not be published\b.*|"
        r"^required fields are marked\b.*|^be the first to comment\b.*|^cancel reply$",
        keys="comment|reply|conversation|discussion|email address|required fields",
    ),
    _rule(
        "registration",
        "login or registration prompt",
        r"^thank you for (?:registering|signing up)\b.*|^please (?:refresh|log ?in|sign ?in|"
        r"register)\b.*|.*\bto be (?:automatically )?logged in\b.*|^already (?:a subscriber|"
        r"have an account|registered)\b.*|^(?:create|register for) (?:a |an )?(?:free )?"
        r"account\b.*|^(?:log|sign) ?in (?:to|or) \b.*|^you must be logged in\b.*|"
        r"^(?:log|sign) ?in$|^forgot (?:your )?password\??$",
        keys="regist|login|log in|logged|signin|sign in|signing up|subscriber|account|password|"
        "refresh",
    ),
    _rule(
        "donation",
        "donation or membership appeal",
        r".*\byour (?:support|donation|contribution)s? (?:helps?|makes?|allows?|means?|"
        r"enables?)\b.*|.*\b(?:donate|make a (?:donation|contribution)|become a (?:member|"
        r"supporter|patron)|support (?:our|independent|quality) journalism)\b.*|"
        r".*\bpaywalls?\b.*\b(?:we|our)\b.*|.*\b(?:we|our)\b.*\bpaywalls?\b.*",
        max_words=120,
        quoted_ok=False,
        voice=True,
        keys="support|donat|contribut|member|patron|paywall",
    ),
    _rule(
        "newsletter",
        "newsletter or subscription prompt",
        r".*\bsign up (?:for|to) (?:our|the|a)\b.*newsletters?\b.*|^subscribe\b.{0,80}$|"
        r"^(?:newsletter|subscribe|sign up)$",
        max_words=30,
        quoted_ok=False,
        keys="sign up|subscribe|newsletter",
    ),
    _rule(
        "newsletter",
        "newsletter or subscription prompt",
        r".*\bnewsletters?\b.*\binbox\b.*|.*\binbox\b.*\bnewsletters?\b.*|^get (?:our|the) "
        r".{0,60} (?:in|to) your inbox\b.*",
        max_words=50,
        quoted_ok=False,
        voice=True,
        keys="inbox",
    ),
    _rule(
        "teaser",
        "link to another article",
        r"^(?:read more|related(?: articles?| stories| coverage| content| reading)?|see also|"
        r"also read|read also|more on this(?: story)?|recommended(?: for you)?|you may also "
        r"like|most (?:read|popular|viewed)|trending now|further reading|more from)\b\s*[:\-–|]?.*|"
        r".*(?:read more|read full (?:story|article)|continue reading)\s*[.…»›>]*$",
        max_words=45,
        keys="read|related|see also|more|recommended|like|popular|viewed|trending",
    ),
    _rule(
        "share",
        "social sharing buttons",
        r"^(?:(?:share|tweet|email|print|copy link|save|facebook|twitter|x|whatsapp|linkedin|"
        r"reddit|pinterest|telegram|messenger)(?: (?:this|on|via) [\w ]{0,20})?[\s,|/·•]*)+$",
        max_words=20,
    ),
    _rule(
        "advertisement",
        "advertising slot",
        r"^(?:advertisement|advert|ad|sponsored(?: content)?|supported by|paid (?:content|"
        r"post)|story continues below(?: (?:this )?advertisement)?|scroll to continue.*|"
        r"skip (?:advert|ad))$",
        max_words=12,
    ),
    _rule(
        "editor-note",
        "editor's update or correction note",
        r"^(?:updated?|editor'?s note|correction|clarification)\b\s*(?:with|:|-|–|—|on|at)\b.*",
        max_words=30,
    ),
    _rule(
        "credit",
        "reporting or production credit",
        r"^\(?(?:additional )?(?:reporting|writing|editing|research|compiled|produced)"
        r"(?: and \w+)? by\b.*|^.{0,80}\bcontributed (?:reporting|to this (?:report|story|"
        r"article))\.?\)?$|^.{0,60}\bcan be reached at\b.*",
        max_words=40,
        keys="by |contributed|reached at",
    ),
    _rule(
        "copyright",
        "copyright notice",
        r"^(?:©|copyright\b|\(c\)\s).*|.*\ball rights reserved\.?$",
        max_words=40,
        keys="©|copyright|(c)|rights reserved",
    ),
    _rule(
        "caption",
        "photo or video caption (credit line)",
        rf"^(?:photo(?:graph)?|image|picture|pictured|video|watch|credit|illustration|graphic)s?"
        rf"\s*(?::|by\b).*|"
        rf".*\((?:(?:photo|image|picture|credit)s?\s*(?:by|:)?\s*)?(?:via\s+)?[^()]{{0,60}}"
        rf"\b(?-i:{_AGENCY_ALT})\)$|.*[.!?]\s+(?-i:{_AGENCY_ALT})$",
        max_words=80,
        starts="photo|image|picture|video|watch|credit|illustration|graphic",
        ends=(")", *AGENCIES),
    ),
)

# Lines that only carry where the text came from; parsed for metadata, then removed.
SOURCE_URL = re.compile(
    r"^(?:(?:original|source|canonical)\s+(?:url|link)|url|link|source)\s*:?\s*"
    r"(?P<url>https?://\S+)?$",
    _I,
)
BARE_URL = re.compile(r"^<?(?P<url>https?://[^\s<>]+)>?$", _I)
SOURCE_HOST = re.compile(
    r"^(?:original(?:ly)?(?: published)? (?:from|at|on|by)|source|via|from|published (?:by|on|at))"
    r"\s*:?\s*(?P<host>(?:https?://)?(?:[\w-]+\.)+[a-z]{2,}(?:/\S*)?)$",
    _I,
)

# Outlets describing themselves in their own furniture ("follow other Independent readers").
SELF_NAMING = (
    re.compile(r"\bother ((?:[A-Z][\w'’&-]*\s){1,3})readers\b"),
    re.compile(
        r"\b((?:The\s)?[A-Z][\w'’&-]*(?:\s[A-Z][\w'’&-]*){0,3}) is (?:trusted|on the ground|"
        r"funded|independent|reader-funded|free to read)\b"
    ),
    re.compile(
        r"\bsupport (?:for )?((?:The\s)?[A-Z][\w'’&-]*(?:\s[A-Z][\w'’&-]*){0,3})(?:'s|’s)?"
        r" journalism\b"
    ),
    re.compile(r"\b((?:The\s)?[A-Z][\w'’&-]*(?:\s[A-Z][\w'’&-]*){0,3}) newsletters?\b"),
)
# Reasons whose text may name the outlet itself (never the article body: it names others).
SELF_NAMING_REASONS = frozenset(
    {"donation", "comments", "registration", "newsletter", "shared-boilerplate", "copyright"}
)
# Reasons whose neighbours may be swept in when they speak in the outlet's voice.
RUN_REASONS = frozenset({"donation", "newsletter", "comments", "registration"})
OUTLET_VOICE = re.compile(r"\b(?:we|our|us|you|your)\b", _I)

# Words that look like a byline but are page furniture.
NOT_NAMES = frozenset(
    {
        "comments",
        "share",
        "advertisement",
        "home",
        "news",
        "world",
        "opinion",
        "live",
        "video",
        "politics",
        "business",
        "sport",
        "sports",
        "menu",
        "search",
        "subscribe",
        "close",
        "more",
        "latest",
        "breaking news",
        "updated",
        "published",
        "analysis",
        "exclusive",
        "watch",
    }
)
