"""Quote and attribution heuristics as data, and the token view they are read against.

Rules work from PTB tags, entities and character offsets, and read the dependency tree where
it settles who did the saying (a cue's grammatical subject, its direct object). A text
parsed without a tree (heads of -1) falls back to the positional rules alone. Cue verbs are
listed by lemma; their inflected forms are generated once here, so a table entry is one word.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from newsfuse.extract._spacy import Parsed

# ------------------------------------------------------------------ cue words

# Verbs that introduce what someone said; any of them may frame a direct quote.
SPEECH_VERBS = frozenset({
    "say", "tell", "add", "announce", "report", "write", "state", "explain", "note", "claim",
    "argue", "insist", "declare", "reply", "respond", "answer", "ask", "warn", "acknowledge",
    "admit", "confirm", "deny", "suggest", "recall", "conclude", "observe",
    "remark", "comment", "predict", "promise", "pledge", "vow", "tweet", "post", "quip", "joke",
    "boast", "complain", "concede", "contend", "assert", "maintain", "stress", "emphasize",
    "emphasise", "shout", "yell", "scream", "whisper", "mutter", "exclaim", "tout", "testify",
    "reveal", "disclose", "allege", "counter", "retort", "urge", "propose", "recommend",
    "demand", "describe", "proclaim", "estimate", "caution", "lament", "muse", "speculate",
    "wonder", "affirm", "reiterate", "repeat", "agree", "read", "interject", "chant", "concur",
    "posit", "inform", "assure", "remind", "mention", "point", "charge", "accuse", "blast",
    "slam", "praise", "criticize", "criticise", "call", "dub", "label", "brand", "thunder",
    "sneer", "scoff", "gush", "rage", "plead", "beg", "vent", "cite", "quote", "recount",
    "summarize", "opine", "hint", "signal", "guarantee", "swear", "text", "email", "message",
    "retweet", "share", "challenge", "question", "threaten", "advise", "instruct", "order",
    "pronounce", "decry", "fume", "bark", "condemn", "denounce", "rail", "snap", "refer",
    "blame", "publish", "lash", "marvel", "grumble", "groan", "sigh", "laugh", "smile", "cheer",
    "bemoan", "hail", "applaud", "welcome", "assess", "characterize", "remember", "exhort",
    "confess", "protest", "reason", "relay", "paraphrase", "elaborate", "jeer", "press",
    "crack", "cry", "interrupt", "chide", "heckle", "taunt", "boom", "holler", "implore",
    "rebut", "intone", "gloat", "whine", "warble",
})  # fmt: skip
# Verbs of belief and knowledge: attributions too, but only with a that-clause of content.
THOUGHT_VERBS = frozenset({
    "believe", "think", "feel", "fear", "hope", "expect", "worry", "know", "assume", "doubt",
    "suspect", "figure", "reckon", "guess", "understand", "learn", "hear", "realize", "realise",
    "recognize", "recognise", "conclude", "decide", "find", "show", "indicate", "suggest",
    "predict", "forecast", "project", "determine", "discover", "imagine", "sense", "agree",
    "acknowledge", "bet", "insist", "contend", "see", "notice", "remember", "forget", "prove",
    "demonstrate", "estimate", "calculate", "hold", "rule",
})  # fmt: skip
# Verbs that are cues only right after a quote ('"...," Hannity started.').
AFTER_QUOTE_VERBS = frozenset({
    "start", "begin", "continue", "finish", "close", "open", "conclude", "end", "note",
})  # fmt: skip
# Nouns for what someone issued or wrote: "issued a statement, '...'".
STATEMENT_NOUNS = frozenset({
    "statement", "tweet", "tweets", "post", "release", "letter", "email", "e-mail",
    "message", "memo", "note", "interview", "remarks", "speech", "video", "op-ed", "column",
    "editorial", "ad", "advertisement", "caption", "headline", "response", "reply", "answer",
})  # fmt: skip
# Cues that take a to-infinitive as their content ("vowed to fight", "urged voters to ...").
# Only speech acts: "wants to", "plans to", "appeared to" say nothing.
INTENT_VERBS = frozenset({
    "promise", "pledge", "vow", "threaten", "refuse", "decline", "urge", "ask", "offer",
    "agree", "call", "encourage", "warn", "tell", "order", "demand", "propose", "insist",
    "swear", "claim",
})  # fmt: skip
# Cues whose content is their object and its complement: "accused Sanders of a flip-flop",
# "called the plan 'a disaster'", "praised Clinton as a 'work horse'".
OBJECT_VERBS = frozenset({
    "accuse", "blame", "praise", "describe", "label", "dub", "brand", "criticize",
    "criticise", "slam", "blast", "denounce", "condemn", "urge", "invite", "thank", "credit",
    "hail", "mock", "dismiss", "reject", "defend", "deride", "characterize", "cite", "quote",
    "call", "refer", "tout", "assail", "attack", "applaud", "welcome", "question", "challenge",
    "announce", "propose", "reveal", "acknowledge", "deny", "confirm", "predict", "promise",
    "pledge", "vow", "demand", "recommend", "warn", "ask", "tell", "admit", "concede",
    "suggest", "claim", "report", "show", "mention", "recall", "insist", "liken",
    "compare", "rate",
})  # fmt: skip
# Of those, cues that count only with a quote in the content or a particle after them
# ("called it 'a disgrace'", "called for a ban"): "called a meeting" is no attribution.
QUOTE_ONLY_VERBS = frozenset({
    "call", "refer", "cite", "quote", "question", "challenge", "rate", "compare", "show",
    "mention", "welcome", "defend", "reject", "dismiss",
})  # fmt: skip
# Cues whose next noun phrase is their object, never an inverted subject: after a quote,
# "described the plan as ..." names no speaker the way "said Manturov" does.
NOT_INVERTED = frozenset({
    "describe", "call", "accuse", "blame", "praise", "label", "dub", "brand", "criticize",
    "criticise", "slam", "blast", "denounce", "condemn", "urge", "invite", "thank", "credit",
    "hail", "mock", "dismiss", "reject", "defend", "deride", "characterize", "cite", "quote",
    "refer", "tout", "assail", "attack", "applaud", "welcome", "question", "challenge",
    "liken", "compare", "rate", "tell", "inform", "remind", "assure", "advise", "instruct",
    "order", "show", "mention", "propose", "recommend", "demand", "email", "text",
})  # fmt: skip
# Verbs of showing: with a subject that is no person ("a video showed Mr Kim walking") they
# depict, and report words only through a that-clause ("the poll shows that ...").
DEPICTION_VERBS = frozenset({"show", "demonstrate", "depict", "picture", "feature", "capture"})
# Cues that name the addressee before the content ("told reporters that ...").
ADDRESSEE_VERBS = frozenset({
    "tell", "inform", "assure", "remind", "warn", "ask", "urge", "advise", "promise", "email",
    "text", "message", "instruct", "order", "convince", "persuade", "encourage", "show",
})  # fmt: skip

# Irregular and spelling-changing forms: lemma -> its other forms.
IRREGULAR_FORMS: dict[str, tuple[str, ...]] = {
    "say": ("said", "says", "saying"), "tell": ("told",), "write": ("wrote", "written"),
    "think": ("thought",), "feel": ("felt",), "know": ("knew", "known"), "read": (),
    "find": ("found",), "show": ("shown",), "hear": ("heard",), "understand": ("understood",),
    "begin": ("began", "begun", "beginning"), "learn": ("learnt",), "hold": ("held",),
    "forget": ("forgot", "forgotten", "forgetting"), "see": ("saw", "seen"),
    "swear": ("swore", "sworn"), "bet": ("betting",), "speak": ("spoke", "spoken"),
    "seek": ("sought",), "quip": ("quipped", "quipping"), "admit": ("admitted", "admitting"),
    "plan": ("planned", "planning"), "regret": ("regretted",), "rule": ("ruling",),
    "prefer": ("preferred", "preferring"), "beg": ("begged",),
    "concur": ("concurred", "concurring"), "email": ("e-mailed", "emailed"),
}  # fmt: skip
# Verb + particle cues whose verb alone is no cue ("shot back", "chimed in").
PHRASAL_CUES: dict[tuple[str, str], str] = {
    (form, particle): f"{lemma} {particle}"
    for lemma, forms, particle in (
        ("shoot", ("shoot", "shoots", "shot", "shooting"), "back"),
        ("fire", ("fire", "fires", "fired", "firing"), "back"),
        ("hit", ("hit", "hits", "hitting"), "back"),
        ("cut", ("cut", "cuts", "cutting"), "in"),
        ("chime", ("chime", "chimes", "chimed", "chiming"), "in"),
        ("weigh", ("weigh", "weighs", "weighed", "weighing"), "in"),
        ("sum", ("sum", "sums", "summed", "summing"), "up"),
        ("speak", ("speak", "speaks", "spoke", "speaking"), "out"),
        ("lay", ("lay", "lays", "laid", "laying"), "out"),
    )
    for form in forms
}

# ------------------------------------------------------------------ speakers

SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "it", "i", "we", "who", "that", "which"})
REFLEXIVES = frozenset({"himself", "herself", "themselves", "itself", "myself", "ourselves"})
# Tokens after which a noun phrase opens a clause ("On Friday, [Peskov], ...").
_CLAUSE_EDGES = frozenset({
    ",", ";", ":", "—", "–", "--", "``", "''", '"', "“", "”", "(", "as", "while", "when",
    "because", "although", "though", "if", "since", "after", "before",
})  # fmt: skip
# Words written before a name that are not part of it ("Mr. Rubio" is Rubio).
HONORIFICS = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "sen", "rep", "gov", "gen", "lt",
    "col", "sgt", "capt", "adm", "rev", "president", "senator", "governor", "mayor", "judge",
    "justice", "secretary", "minister", "chancellor", "premier", "king", "queen", "prince",
    "princess", "pope", "lord", "lady", "speaker", "chairman", "chairwoman", "ambassador",
    "general", "representative", "vice", "former", "then", "the", "candidate", "nominee",
})  # fmt: skip
# Role nouns that mean the same ("the Kremlin spokesman" is its "spokesperson").
ROLE_SYNONYMS = {
    "spokesman": "spokesperson", "spokeswoman": "spokesperson", "chairman": "chair",
    "chairwoman": "chair", "advisor": "adviser", "ceo": "executive", "congressman": "lawmaker",
    "congresswoman": "lawmaker", "legislator": "lawmaker",
}  # fmt: skip
MALE_HONORIFICS = frozenset({"mr", "sir", "king", "prince", "lord", "chairman"})
FEMALE_HONORIFICS = frozenset({"mrs", "ms", "miss", "dame", "queen", "princess", "lady"})
# Titles that belong to a name mention ("Mr Manturov", "Sen. Cruz").
SHORT_TITLES = MALE_HONORIFICS | FEMALE_HONORIFICS | {
    "dr", "prof", "sen", "rep", "gov", "gen", "rev", "lt", "col", "sgt", "capt", "adm",
}  # fmt: skip
# Words between a subject and its cue that do not break the pattern ("has also said").
AUX_WORDS = frozenset({
    "has", "have", "had", "would", "will", "also", "later", "then", "previously", "once",
    "recently", "again", "reportedly", "repeatedly", "often", "frequently", "always", "never",
    "already", "still", "just", "publicly", "privately", "earlier", "further", "even", "did",
    "does", "do", "could", "might", "may", "should", "can", "is", "was", "were", "are", "be",
    "been", "being", "not", "n't", "quickly", "flatly", "simply", "only", "initially", "first",
    "finally", "subsequently", "since", "now", "too", "openly", "bluntly", "angrily",
    "famously", "similarly", "separately", "directly", "falsely", "correctly", "wrongly",
    "erroneously", "succinctly", "tersely", "proudly", "confidently", "'s", "’s", "'ve", "’ve",
    "'d", "’d", "'ll", "’ll",
})  # fmt: skip

# Words that stand alone as a subject ("most said", "many believe").
QUANTIFIERS = frozenset({
    "most", "many", "some", "others", "both", "all", "few", "several", "none", "one", "each",
    "another",
})  # fmt: skip
# Verbs and particles that sit between a subject and its cue: "went on to say", "was
# prompted to say", "wanted to tell".
BRIDGE_WORDS = frozenset({
    "to", "on", "went", "go", "goes", "prompted", "wanted", "continued", "decided", "seemed",
    "appeared", "began", "tried", "asked", "declined", "refused", "used", "able", "happy",
    "quick", "eager", "careful", "forced", "moved",
})  # fmt: skip
NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})
# Tags that may sit inside a noun phrase before or around its head noun.
NP_TAGS = NOUN_TAGS | {"DT", "JJ", "JJR", "JJS", "CD", "PRP$", "POS", "HYPH", "NNP", "VBN"}
ADVERB_TAGS = frozenset({"RB", "RBR", "RBS"})
VERB_TAGS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD"})
FINITE_TAGS = frozenset({"VBD", "VBP", "VBZ", "MD"})
SENTENCE_END = frozenset({".", "!", "?", ";", "..."})
# Prepositions that may follow a cue before its content ("said in a statement that").
CUE_PREPOSITIONS = frozenset({
    "in", "on", "at", "during", "after", "before", "to", "with", "from", "via", "over", "by",
    "for", "of", "about", "while", "last", "this", "earlier", "late", "early",
})  # fmt: skip

# ------------------------------------------------------------------ quotation marks

# Opening, closing and ambiguous marks; ``''`` and ````` are the typewriter doubles.
MARK_RE = re.compile(r"'''|''|``|[\"“”„«»‘’'‹›]")
OPEN_DOUBLE = frozenset({"“", "„", "«", "``"})
CLOSE_DOUBLE = frozenset({"”", "»"})
AMBIGUOUS_DOUBLE = frozenset({'"', "''", "'''"})
OPEN_SINGLE = frozenset({"‘", "‹"})
CLOSE_SINGLE = frozenset({"›"})
AMBIGUOUS_SINGLE = frozenset({"’", "'"})


# Short words a title leaves in lower case ("Keeping Up with the Kardashians").
TITLE_SMALL_WORDS = frozenset({
    "a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "with", "by",
    "from", "as", "vs", "nor",
})  # fmt: skip
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def looks_like_title(words: str) -> bool:
    """Whether quoted words read as a title ("Good Morning America", "The Apprentice"):
    capitalised words, no sentence end. Titles are named, not said."""
    stripped = words.strip().rstrip(",")
    if not stripped or stripped[-1] in ".!?…":
        return False
    tokens = _WORD.findall(stripped)
    if not tokens or len(tokens) > 8:
        return False
    return all(t[0].isupper() or t.lower() in TITLE_SMALL_WORDS for t in tokens)


def _inflect(lemma: str) -> set[str]:
    """Regular English forms of a verb: -s, -ed, -ing with the usual spelling changes."""
    forms = {lemma, *IRREGULAR_FORMS.get(lemma, ())}
    if lemma.endswith("y") and lemma[-2:-1] not in set("aeiou"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        forms |= {lemma + "s", lemma + "ed", lemma + "ing"}
    return forms


def _forms(lemmas: frozenset[str]) -> dict[str, str]:
    return {form: lemma for lemma in sorted(lemmas) for form in _inflect(lemma)}


SPEECH_FORMS = _forms(SPEECH_VERBS)
AFTER_QUOTE_FORMS = {**_forms(AFTER_QUOTE_VERBS), **SPEECH_FORMS}
THOUGHT_FORMS = _forms(THOUGHT_VERBS)
INTENT_FORMS = _forms(INTENT_VERBS)
CUE_FORMS = {**_forms(OBJECT_VERBS), **THOUGHT_FORMS, **INTENT_FORMS, **SPEECH_FORMS}


# ------------------------------------------------------------------ token view


_ALWAYS_CUES = frozenset({"said", "says"})
_RELATIVES = frozenset({"who", "whom", "which", "that", "whose"})
_ASIDE_MARKS = frozenset({",", "—", "–", "--"})  # "Gingrich — mentioned by Newsmax — told"
_TIME_LABELS = frozenset({"DATE", "TIME"})
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def _tag(tag: str, ent: str, text: str) -> str:
    """A capitalised word inside a name is a proper noun, whatever the tagger said."""
    if ent in _NAME_LABELS and tag not in NOUN_TAGS and text[:1].isupper() and tag != "POS":
        return "NNP"
    return tag


@dataclass
class View:
    """A parse as parallel arrays, plus the paragraph and quote layout rules need to ask."""

    text: str
    start: list[int]
    end: list[int]
    tag: list[str]
    lower: list[str]
    ent: list[str]
    sent: list[int]
    sent_first: list[int]
    sent_last: list[int]
    para: list[int]
    quoted: bytearray = field(default_factory=bytearray)
    head: list[int] = field(default_factory=list)  # syntactic head, -1 when unknown
    dep: list[str] = field(default_factory=list)
    kids: list[list[int]] = field(default_factory=list)

    @classmethod
    def of(cls, parsed: Parsed) -> View:
        """The view of ``parsed`` without whitespace tokens (they would break patterns)."""
        toks = [t for t in parsed.tokens if t.tag != "_SP" and not t.text.isspace()]
        index = {t.i: n for n, t in enumerate(toks)}
        heads = [index.get(t.head, -1) for t in toks]
        kids: list[list[int]] = [[] for _ in toks]
        for n, h in enumerate(heads):
            if 0 <= h != n:
                kids[h].append(n)
        sents = [t.sent for t in toks]
        count = (max(sents) + 1) if sents else 0
        first, last = [len(toks)] * count, [-1] * count
        for i, s in enumerate(sents):
            first[s] = min(first[s], i)
            last[s] = i
        breaks = [m.start() for m in re.finditer("\n", parsed.text)]
        return cls(
            text=parsed.text,
            start=[t.start for t in toks],
            end=[t.end for t in toks],
            tag=[_tag(t.tag, t.ent_type, t.text) for t in toks],
            lower=[t.text.lower() for t in toks],
            ent=[t.ent_type for t in toks],
            sent=sents,
            sent_first=first,
            sent_last=last,
            para=[bisect_left(breaks, t.start) for t in toks],
            quoted=bytearray(len(toks)),
            head=heads,
            dep=[t.dep for t in toks],
            kids=kids,
        )

    @property
    def n(self) -> int:
        return len(self.start)

    def token_at(self, char: int) -> int:
        """The first token starting at or after ``char``."""
        return bisect_left(self.start, char)

    def para_end(self, char: int) -> int:
        """Offset of the newline (or text end) closing the paragraph holding ``char``."""
        end = self.text.find("\n", char)
        return len(self.text) if end < 0 else end

    def same_para(self, a: int, b: int) -> bool:
        """Whether tokens ``a`` and ``b`` lie in one paragraph (one line of the text)."""
        return self.para[a] == self.para[b]

    def clause(self, i: int) -> tuple[int, int]:
        """First and last token of the sentence holding ``i``, within its paragraph."""
        s = self.sent[i]
        lo, hi = self.sent_first[s], self.sent_last[s]
        while lo < i and self.para[lo] != self.para[i]:
            lo += 1
        while hi > i and self.para[hi] != self.para[i]:
            hi -= 1
        return lo, hi

    def is_cue(self, i: int, forms: dict[str, str] = CUE_FORMS) -> str | None:
        """The cue lemma of token ``i`` when it is a verb in ``forms``; "said" and "says"
        count whatever their tag (a capitalised "Said" is often tagged a name)."""
        if self.quoted[i] or (i > 0 and self.tag[i - 1] == "HYPH"):
            return None  # "so-called", "self-described": a compound adjective, no cue
        if self.lower[i] in _ALWAYS_CUES:
            return "say"
        if self.tag[i] not in VERB_TAGS:
            return None
        if i + 1 < len(self.lower) and (self.lower[i], self.lower[i + 1]) in PHRASAL_CUES:
            return PHRASAL_CUES[self.lower[i], self.lower[i + 1]]
        return forms.get(self.lower[i])

    def is_stop(self, i: int) -> bool:
        """Whether token ``i`` ends a sentence."""
        return self.lower[i] in SENTENCE_END


@dataclass
class Found:
    """One attribution before speaker names are resolved; offsets are characters.

    ``speaker`` is the (first, last) token range of the speaker mention; ``tail`` is where
    the attribution's own words end ("..." [Peskov said.]) so a quote right after it can be
    recognised as the same speaker going on.
    """

    content: tuple[int, int]
    direct: bool
    cue: str | None
    cue_span: tuple[int, int] | None
    speaker: tuple[int, int] | None
    tail: int = -1
    framed: bool = False  # a cue frames this quote itself (not a quote inside reported speech)


# ------------------------------------------------------------------ noun phrases

_NP_LINKS = frozenset({"of", "for", "at", "from", "with", "to", "on", "in"})


def np_left(v: View, i: int, floor: int = 0) -> int:
    """First token of the noun phrase ending at ``i`` ("the Kremlin spokesman")."""
    j = i
    while j > floor:
        prev = j - 1
        if v.tag[prev] in NP_TAGS and not v.quoted[prev]:
            j = prev
        elif v.lower[prev] in _NP_LINKS and prev > floor and v.tag[prev - 1] in NOUN_TAGS | {"CD"}:
            j = prev - 1  # "a spokesman for the party", "one of her ads"
        else:
            break
    return j


def _np_word(v: View, j: int, nxt: int, top: int) -> bool:
    """Whether ``nxt`` extends the noun phrase ending at ``j`` (a participle only before a
    noun: "elected officials", "conservative-leaning newspaper")."""
    if v.quoted[nxt]:
        return False
    if v.tag[nxt] not in NP_TAGS and not (v.tag[nxt] == "VBG" and v.tag[j] == "HYPH"):
        return False
    if v.tag[nxt] in {"VBN", "VBG"}:
        return nxt + 1 < top and v.tag[nxt + 1] in NOUN_TAGS
    return True


def np_right(v: View, i: int, limit: int | None = None) -> int:
    """Last token of the noun phrase starting at ``i`` ("a spokesman for the party")."""
    top = min(v.n, limit if limit is not None else v.n)
    j = i
    while j + 1 < top:
        nxt = j + 1
        if _np_word(v, j, nxt, top):
            j = nxt
        elif nxt + 1 < top and _links(v, j, nxt):
            j = nxt + 1
        else:
            break
    while j > i and v.tag[j] not in NOUN_TAGS and v.tag[j] != "CD":
        j -= 1
    return j


def _links(v: View, j: int, nxt: int) -> bool:
    """Whether ``nxt`` joins two parts of one noun phrase: "spokesman [for] the party",
    "Russia's Industry [and] Trade Minister"."""
    if v.lower[nxt] in _NP_LINKS:
        return v.tag[j] in NOUN_TAGS and v.tag[nxt + 1] in NP_TAGS
    return v.lower[nxt] in {"and", "&"} and v.tag[j] == "NNP" and v.tag[nxt + 1] == "NNP"


def _skip_aux_back(v: View, i: int, floor: int) -> int:
    """The token before ``i`` once auxiliaries and adverbs ("has also") are passed over."""
    j = i - 1
    steps = 0
    while (
        j >= floor
        and steps < 5
        and (
            v.lower[j] in AUX_WORDS
            or v.lower[j] in BRIDGE_WORDS
            or v.tag[j] in ADVERB_TAGS
            or v.ent[j] in _TIME_LABELS
        )
    ):
        j -= 1
        steps += 1
    return j


def speaker_before(v: View, cue: int, floor: int) -> tuple[int, int] | None:
    """The subject mention ending just before ``cue`` (past "has also", "(D-N.Y.)" and
    ", who ... ,"); None if there is none."""
    j = _skip_aux_back(v, cue, floor)
    if j >= floor and v.lower[j] == "," and v.tag[cue] == "VBG":
        return None  # ", saying ...": the doer is the clause's subject (gerund_subject)
    if j > floor:
        j = _skip_parens_back(v, j, floor)
    if j > floor and v.lower[j] in REFLEXIVES:
        j -= 1
    if j < floor or v.quoted[j]:
        return None
    if v.tag[j] in {"PRP", "WP", "WDT"} and v.lower[j] in SUBJECT_PRONOUNS:
        return (j, j)
    if v.tag[j] in NOUN_TAGS or (v.tag[j] == "CD" and j > floor):
        return (np_left(v, j, floor), j)
    if v.lower[j] in QUANTIFIERS:
        return (j, j)
    if v.lower[j] in _ASIDE_MARKS and j > floor:
        return _appositive_subject(v, j, floor)
    return None


def object_or_subject(
    v: View, cue: int, who: tuple[int, int] | None, floor: int
) -> tuple[int, int] | None:
    """For ", saying ..." after "X issued a statement": the doer X, not the statement."""
    if who is None or v.tag[cue] != "VBG" or who[0] <= floor:
        return who
    before = v.lower[who[0] - 1]
    if before == "with" or (v.tag[who[0] - 1] not in VERB_TAGS and v.tag[who[0] - 1] != "IN"):
        return who  # a subject ("with Trump yelling"); after a verb or preposition an object
    return gerund_subject(v, who[0], floor) or who


def coordinated(v: View, cue: int, floor: int) -> bool:
    """Whether the cue is a second verb of its subject ("X used to ..., but now said")."""
    j = _skip_aux_back(v, cue, floor)
    return j >= floor and v.lower[j] in {"and", "but", "or"}


def gerund_subject(v: View, i: int, floor: int) -> tuple[int, int] | None:
    """The doer of ", adding ..." / ", saying ...": the subject of the cue or main verb
    before it in the sentence ("Law said, noting that ..." -> Law)."""
    for k in range(i - 1, floor - 1, -1):
        if not _main_verb(v, k, floor):
            continue
        who = speaker_before(v, k, floor)
        if who is None and v.lower[k] in CUE_FORMS:
            who = speaker_after(v, k, i)
        if who is None or v.lower[who[0]] in _RELATIVES:
            continue
        if not any(v.lower[j] in _RELATIVES for j in range(max(floor, who[0] - 2), who[0])):
            return who  # not the subject of a relative clause ("with whom he clashed")
    return None


def _main_verb(v: View, k: int, floor: int) -> bool:
    """Whether token ``k`` can be a clause's verb: finite, "said", or a participle right
    after the sentence's first word ("Trump defended ...", a past tense mis-tagged)."""
    if v.quoted[k]:
        return False
    if v.tag[k] in FINITE_TAGS or v.lower[k] in _ALWAYS_CUES:
        return True
    return v.tag[k] == "VBN" and k - 1 == floor


def _appositive_subject(v: View, comma: int, floor: int) -> tuple[int, int] | None:
    """The subject before an aside: "Peskov, the Kremlin spokesman, said" / "Cruz, who
    ..., said" / "he, once again, pledged". The earliest noun phrase before a comma that
    opens its clause wins ("Speaking on the show, Sen. X (D-Mo.), who ..., said" -> X)."""
    best = None
    low = max(floor, comma - 50)
    for q in range(comma - 1, low, -1):
        if v.quoted[q]:
            continue
        if v.is_stop(q):
            break
        if v.lower[q] not in _ASIDE_MARKS or q - 1 < low:
            continue
        head = _skip_parens_back(v, q - 1, low)
        if v.tag[head] == "PRP" and v.lower[head] in SUBJECT_PRONOUNS:
            best = (head, head)
        elif v.tag[head] in NOUN_TAGS:
            left = np_left(v, head, low)
            edge = v.lower[left - 1]
            if left == floor or edge in _CLAUSE_EDGES or v.tag[left - 1] == "CC":
                best = (left, head)
    if best is None and v.tag[comma - 1] in NOUN_TAGS:  # the aside itself: "..., an expert,"
        best = (np_left(v, comma - 1, low), comma - 1)
    return best


def _skip_parens_back(v: View, j: int, floor: int) -> int:
    """The token before a parenthesis ending at ``j`` ("Sen. X (D-Mo.)" -> X)."""
    if v.lower[j] != ")":
        return j
    while j > floor and v.lower[j] != "(":
        j -= 1
    return max(floor, j - 1)


def speaker_after(v: View, cue: int, limit: int) -> tuple[int, int] | None:
    """The subject mention right after an inverted cue ("said Manturov")."""
    j = cue + 1
    if j >= limit or v.quoted[j]:
        return None
    if v.tag[j] == "PRP" and v.lower[j] in SUBJECT_PRONOUNS:
        return (j, j)
    if v.tag[j] in NP_TAGS:
        end = np_right(v, j, limit)
        if v.tag[end] in NOUN_TAGS:
            return (j, end)
    return None
