"""Direct quotes: quoted stretches of text, and the cue and speaker framing each one.

Quotation marks (" “ ” ‘ ’ ' and the typewriter '' ``) are paired per paragraph; an
apostrophe ("don’t", "voters’") is told from a single quote by its neighbours, and a curly
mark typed the wrong way round is read by its place. A quote left open at a paragraph's end
goes on when the next paragraph opens with a quote mark (the convention for long quotes).

A quoted stretch is a quote when something frames it: a cue after it (``"...," Peskov
said``, ``"...," said Manturov, who ...``), a cue before it (``Peskov told reporters: "..."``),
a dash and a name (``"..." — Jordan Pike``), a speaker label (``PENCE: ...``). Scare quotes
and titles with nothing framing them are no quotes; ``find`` later attaches quoted words
inside reported speech and quotes that go on after a framed one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsfuse.extract.quotes.rules import (
    ADDRESSEE_VERBS,
    ADVERB_TAGS,
    AFTER_QUOTE_FORMS,
    AMBIGUOUS_DOUBLE,
    AMBIGUOUS_SINGLE,
    AUX_WORDS,
    CLOSE_DOUBLE,
    CLOSE_SINGLE,
    CUE_FORMS,
    FINITE_TAGS,
    MARK_RE,
    NOT_INVERTED,
    NOUN_TAGS,
    NP_TAGS,
    OPEN_DOUBLE,
    OPEN_SINGLE,
    QUANTIFIERS,
    SPEECH_FORMS,
    SPEECH_VERBS,
    STATEMENT_NOUNS,
    SUBJECT_PRONOUNS,
    THOUGHT_VERBS,
    VERB_TAGS,
    Found,
    View,
    gerund_subject,
    looks_like_title,
    np_left,
    np_right,
    object_or_subject,
    speaker_after,
    speaker_before,
)
from newsfuse.extract.quotes.syntax import as_cue, cue_subject, naming


@dataclass(frozen=True)
class Region:
    """One quoted stretch: the marks' offsets and the content between them."""

    open: int
    start: int
    end: int
    close: int
    first: int
    last: int


_SENTENCE_PUNCT = frozenset(".,!?…;:-—)]")
_OPENING_MARKS = frozenset({"``", "“", '"', "‘", "''"})
Mark = tuple[int, int, str]  # offset, length, kind ("od", "cd", "ad", "os", "cs")


# ------------------------------------------------------------------ pairing marks


def _kind(text: str, pos: int, mark: str, lo: int, hi: int) -> str:
    """Classify one mark; "" for an apostrophe ("don’t", "voters’") or a stray mark. A
    curly mark typed the wrong way round is read by its place ("fascist?“ he asked")."""
    prev = text[pos - 1] if pos > lo else " "
    nxt = text[pos + len(mark)] if pos + len(mark) < hi else " "
    opens = not (prev.isalnum() or prev in _SENTENCE_PUNCT) and (nxt.isalnum() or nxt in "‘'$")
    closes = (prev.isalnum() or prev in _SENTENCE_PUNCT) and not nxt.isalnum()
    if mark in OPEN_DOUBLE:
        return "cd" if closes else "od"
    if mark in CLOSE_DOUBLE:
        return "od" if opens or pos == lo else "cd"  # a paragraph cannot open with a closer
    if mark in AMBIGUOUS_DOUBLE:
        return "ad"
    if mark in OPEN_SINGLE:
        return "" if prev.isalnum() else ("cs" if closes else "os")
    if mark in CLOSE_SINGLE:
        return "cs"
    if mark in AMBIGUOUS_SINGLE:
        if prev.isalnum() and nxt.isalnum():
            return ""
        if opens:
            return "os"
        if not prev.isspace() and not nxt.isalnum():
            return "cs"
    return ""


def _pair(marks: list[Mark], hi: int) -> list[tuple[int, int, int, int]]:
    """Pair marks into (open, content start, content end, close end) within one paragraph."""
    out = []
    i = 0
    while i < len(marks):
        pos, size, kind = marks[i]
        if kind in ("od", "ad"):
            j = next((j for j in range(i + 1, len(marks)) if marks[j][2] in ("cd", "ad")), None)
        elif kind == "os":
            j = next((j for j in range(i + 1, len(marks)) if marks[j][2] == "cs"), None)
            if j is None:
                i += 1
                continue
        else:
            i += 1
            continue
        if j is None:
            out.append((pos, pos + size, hi, hi))
            break
        out.append((pos, pos + size, marks[j][0], marks[j][0] + marks[j][1]))
        i = j + 1
    return out


def _paragraph_pairs(text: str) -> list[list[tuple[int, int, int, int]]]:
    """Paired marks of each paragraph (one list per non-blank line of the text)."""
    paras = []
    lo = 0
    for line in text.split("\n"):
        hi = lo + len(line)
        marks = [
            (m.start(), len(m.group()), _kind(text, m.start(), m.group(), lo, hi))
            for m in MARK_RE.finditer(text, lo, hi)
        ]
        if line.strip():
            paras.append(_pair([m for m in marks if m[2]], len(line.rstrip()) + lo))
        lo = hi + 1
    return paras


def _opens_paragraph(text: str, pos: int) -> bool:
    return not text[text.rfind("\n", 0, pos) + 1 : pos].strip()


Pair = tuple[int, int, int, int]


def _chain(text: str, paras: list[list[Pair]]) -> list[Pair]:
    """Join a quote left open at a paragraph's end with the next paragraph's opening quote."""
    out: list[Pair] = []
    carry: Pair | None = None  # a quote still running at the end of the last paragraph
    for pairs in paras:
        if carry is not None and pairs and _opens_paragraph(text, pairs[0][0]):
            pairs = [(carry[0], carry[1], pairs[0][2], pairs[0][3]), *pairs[1:]]
        elif carry is not None:
            out.append(carry)
        carry = None
        if pairs:
            *done, last = pairs
            out.extend(done)
            carry = last if last[2] == last[3] else None
            if carry is None:
                out.append(last)
    if carry is not None:
        out.append(carry)
    return out


def find_regions(v: View) -> list[Region]:
    """Every quoted stretch of the text, in order; marks the view's quoted tokens."""
    regions = []
    for op, cs, ce, cl in _chain(v.text, _paragraph_pairs(v.text)):
        while cs < ce and v.text[cs].isspace():
            cs += 1
        while ce > cs and v.text[ce - 1].isspace():
            ce -= 1
        first, last = v.token_at(cs), v.token_at(ce) - 1
        if last < first:
            continue
        regions.append(Region(op, cs, ce, cl, first, last))
        v.quoted[first : last + 1] = b"\x01" * (last + 1 - first)
    return regions


# ------------------------------------------------------------------ framing cues

_LEAD_PUNCT = frozenset({",", "—", "–", "--", "-", "("})
_DASHES = frozenset({"-", "—", "–", "--"})
INTRO_PUNCT = frozenset({":", ",", "that", "—", "–", "--"})
_GERUND_TAGS = frozenset({"VBG"})
# A dash naming the source after a quote, on its line or opening the next one.
_DASH_AFTER = re.compile(r"[ \t\xa0]*\n?[ \t\xa0]*(--|[-—–―])[ \t\xa0]*(?=\w)")
_ADDRESSING = frozenset(f for f, lemma in CUE_FORMS.items() if lemma in ADDRESSEE_VERBS)


def _window_end(v: View, i: int, size: int) -> int:
    """Index one past the last token of a short window from ``i``: the sentence's end, a
    quote, or the paragraph's end."""
    j = i
    while j < min(v.n, i + size) and not v.quoted[j] and v.same_para(i, j):
        if v.is_stop(j) or v.lower[j] in {"``", "“"}:
            break
        j += 1
    return j


def _tail(v: View, i: int) -> int:
    """Offset where the attribution clause holding token ``i`` ends (sentence end, quote)."""
    j = i
    last = i
    while j < min(v.n, i + 40) and not v.quoted[j] and v.same_para(i, j):
        last = j
        if v.is_stop(j):
            break
        j += 1
    return v.end[last]


def _span(v: View, i: int) -> tuple[int, int]:
    return (v.start[i], v.end[i])


def cue_after(v: View, r: Region) -> Found | None:
    """``"...," Peskov said`` / ``"...," said Manturov`` / ``"...," Cruz, who ..., said`` /
    ``"...," according to X``."""
    k = v.token_at(r.close)
    while k < v.n and (v.lower[k] in _LEAD_PUNCT or v.tag[k] == "_SP") and v.same_para(r.last, k):
        k += 1
    if k >= v.n or v.quoted[k] or not v.same_para(r.last, k):
        return None
    stop = _window_end(v, k, 40)
    if v.lower[k] == "according" and k + 2 < stop and v.lower[k + 1] == "to":
        speaker = (k + 2, np_right(v, k + 2, stop))
        cue = (v.start[k], v.end[k + 1])
        return Found(_content(r), True, "according to", cue, speaker, _tail(v, k))
    lemma = _after_cue(v, k)
    if lemma is not None and lemma not in NOT_INVERTED:
        speaker = speaker_after(v, k, stop)
        return (
            Found(_content(r), True, lemma, _span(v, k), speaker, _tail(v, k)) if speaker else None
        )
    subject = _subject_at(v, k, stop)
    if subject is None:
        return None
    # '"... now." Peskov said.': after a quote that ends a sentence, only a short sentence
    # fits ("He touted his victories ..." is the next sentence, not an attribution).
    ending = v.text[r.end - 1 : r.end]
    if ending in ".!?" and subject[1] - subject[0] > 3:
        return None
    m = subject[1] + 1 if ending == "." else _skip_aside(v, subject[1] + 1, stop)
    lemma = _after_cue(v, m) if m < stop else None
    if lemma is None or (ending == "." and not _ends_soon(v, m + 1, stop)):
        return None
    return Found(_content(r), True, lemma, _span(v, m), subject, _tail(v, m))


def _ends_soon(v: View, k: int, stop: int) -> bool:
    """Whether the clause after a cue is short ("said on Friday.", not "touted his ...")."""
    for j in range(k, k + 5):
        if j >= v.n or not v.same_para(k - 1, j) or v.lower[j] in {",", "("} or v.is_stop(j):
            return True
        if v.quoted[j] or v.lower[j] in _OPENING_MARKS:
            return False
    return False


def _subject_at(v: View, k: int, stop: int) -> tuple[int, int] | None:
    """The noun phrase or subject pronoun starting at token ``k``."""
    if (v.tag[k] == "PRP" and v.lower[k] in SUBJECT_PRONOUNS) or v.lower[k] in QUANTIFIERS:
        return (k, k)  # "he", "one", "another"
    participle = v.tag[k] in {"VBD", "VBN"} and k + 1 < stop and v.tag[k + 1] in NOUN_TAGS
    if v.tag[k] not in NP_TAGS and not participle:  # "retired Air Force general X said"
        return None
    end = np_right(v, k + 1 if participle else k, stop)
    return (k, end) if v.tag[end] in NOUN_TAGS else None


def _skip_aside(v: View, m: int, stop: int) -> int:
    """Past ", the Kremlin spokesman," / ", 81, a retired ...," / "(D-N.Y.)" / "has also"
    after a subject: asides run from comma to comma until a cue follows one."""
    for _ in range(4):
        if m >= stop or v.lower[m] not in {",", "("}:
            break
        close = "," if v.lower[m] == "," else ")"
        end = next((j for j in range(m + 1, min(stop, m + 30)) if v.lower[j] == close), None)
        if end is None:
            return stop
        m = end + 1
        if close == "," and m < stop and _after_cue(v, _skip_aux(v, m, stop)) is None:
            m = end  # that comma also opens the next aside
    return _skip_aux(v, m, stop)


def _skip_aux(v: View, m: int, stop: int) -> int:
    steps = 0
    while m < stop and steps < 4 and (v.lower[m] in AUX_WORDS or v.tag[m] in ADVERB_TAGS):
        m += 1
        steps += 1
    return m


def _after_cue(v: View, i: int) -> str | None:
    """A cue verb right after a quote; "says"/"said" count whatever their tag."""
    if v.lower[i] in ("said", "says", "say"):
        return "say"
    return v.is_cue(i, AFTER_QUOTE_FORMS)


def _content(r: Region) -> tuple[int, int]:
    return (r.start, r.end)


def cue_before(v: View, r: Region) -> Found | None:
    """``Peskov told reporters: "..."`` / ``Putin said that "..."`` / ``Stone wrote:`` + quote."""
    p = v.token_at(r.open) - 1
    if p >= 0 and v.lower[p] == "." and not v.quoted[p]:
        return _short_intro(v, p, r)
    if p < 0 or v.quoted[p] or v.is_stop(p):
        return None
    if not v.same_para(p, r.first) and v.lower[p] != ":":
        return None
    floor = segment_start(v, p)
    if _after_dash(v, floor, p) > floor:  # "Headline words - Name: ...": the name says it
        labelled = _colon_only(v, p, floor, r)
        if labelled is not None:
            return labelled
    for c in range(p, max(floor, p - 12) - 1, -1):
        lemma = v.is_cue(c, CUE_FORMS)
        if lemma is None and c == p - 1 and bare(v, p) in {":", ","}:
            lemma = v.is_cue(c, AFTER_QUOTE_FORMS)  # 'He continued: "..."'
        if lemma is None:
            if v.tag[c] in FINITE_TAGS and v.lower[c] not in AUX_WORDS:
                break
            continue
        if not _introduces(v, c, p, r) or _inside_report(v, c, lemma, floor) or naming(v, c):
            return None
        speaker = _cue_subject(v, c, floor, p)
        if speaker is None:
            return None
        return Found(_content(r), True, lemma, _span(v, c), speaker, -1)
    return _as_aside(v, p, floor, r) or _colon_only(v, p, floor, r) or _colon_verb(v, p, floor, r)


def _as_aside(v: View, p: int, floor: int, r: Region) -> Found | None:
    """``As Joel Pollak reported after ...: "..."``: a quote a colon introduces after an
    "as" aside with a speech verb is that verb's subject's."""
    if bare(v, p) != ":":
        return None
    c = as_cue(v, floor, p)
    who = None if c is None else cue_subject(v, c)
    if c is None or who is None:
        return None
    return Found(_content(r), True, v.is_cue(c, SPEECH_FORMS), _span(v, c), who, -1)


def _short_intro(v: View, p: int, r: Region) -> Found | None:
    """``Bystrom agreed. "..."``: a short sentence that is only a speaker and a cue."""
    floor = segment_start(v, p)
    if p - floor > 10 or (not v.same_para(p, r.first) and not _opens_paragraph(v.text, r.open)):
        return None
    for c in range(p - 1, floor - 1, -1):
        lemma = v.is_cue(c, SPEECH_FORMS)
        if lemma is not None:
            who = speaker_before(v, c, floor)
            tail_ok = all(v.tag[k] not in VERB_TAGS for k in range(c + 1, p))
            return (
                Found(_content(r), True, lemma, _span(v, c), who, -1) if who and tail_ok else None
            )
        if v.tag[c] in VERB_TAGS and v.lower[c] not in AUX_WORDS:
            return None
    return None


def _dash_source(v: View, r: Region) -> Found | None:
    """``"..." — Michelle Marks, Philadelphia.``: a dash and a name after the quote."""
    dash = _DASH_AFTER.match(v.text, r.close)
    if dash is None or ("\n" in dash.group() and not own_paragraph(v, r)):
        return None
    first = v.token_at(dash.end())
    if first >= v.n or v.tag[first] not in NP_TAGS:
        return None
    end = np_right(v, first)
    names = any(v.text[v.start[k]].isupper() for k in range(first, end + 1))
    after = end + 1
    if not names or (after < v.n and v.same_para(first, after) and v.lower[after] not in ",."):
        return None
    cue = (dash.start(1), dash.end(1))
    return Found(_content(r), True, dash.group(1), cue, (first, end), v.end[end])


def _inside_report(v: View, c: int, lemma: str, floor: int) -> bool:
    """Whether a belief verb sits inside someone's reported speech ("Orlov said he saw
    'real potential'": the quote is Orlov's, reported)."""
    if lemma not in THOUGHT_VERBS or lemma in SPEECH_VERBS:
        return False
    lo = min(floor, v.clause(c)[0])
    return any(v.is_cue(k, SPEECH_FORMS) for k in range(lo, c))


def segment_start(v: View, p: int) -> int:
    """First token of the stretch before ``p``: after the last sentence end or quote."""
    j = p
    while j > 0 and not v.quoted[j - 1] and not v.is_stop(j - 1) and v.same_para(j - 1, p):
        j -= 1
    return j


def bare(v: View, i: int) -> str:
    """Token ``i`` without quote marks glued to it (",“" in "said,“Look")."""
    return v.lower[i].strip("“”\"‘’'`") or v.lower[i]


def _introduces(v: View, c: int, p: int, r: Region) -> bool:
    """Whether cue ``c`` frames a quote opening after token ``p`` (":", ",", "that", ...)."""
    if looks_like_title(v.text[r.start : r.end]) and bare(v, p) != ":":
        return False  # 'a Web ad, "Playing Trump,"' names the ad
    if c == p or bare(v, p) in INTRO_PUNCT:
        return True
    starts_upper = v.text[r.start : r.start + 1].isupper()
    return starts_upper and p - c <= 6 and r.last - r.first >= 2


def _cue_subject(v: View, c: int, floor: int, p: int) -> tuple[int, int] | None:
    """Subject of a cue before a quote: before it, after it ("Stated Stone:"), or the
    clause's subject for ", adding: ..." / ", saying ..."."""
    speaker = object_or_subject(v, c, speaker_before(v, c, floor), floor)
    if speaker is None and v.tag[c] not in _GERUND_TAGS and v.lower[c] not in _ADDRESSING:
        speaker = speaker_after(v, c, p + 1)
    if speaker is None:
        speaker = gerund_subject(v, c, _sentence_start(v, c))
    return speaker


def _sentence_start(v: View, i: int) -> int:
    return v.clause(i)[0]


def _colon_verb(v: View, p: int, floor: int, r: Region) -> Found | None:
    """``Clinton has since apologized for what happened: "..."``: any verb with a subject
    frames a quote after a colon."""
    if looks_like_title(v.text[r.start : r.end]):
        return None
    statement = any(v.lower[k] in STATEMENT_NOUNS for k in range(max(floor, p - 3), p))
    if bare(v, p) != ":" and not (bare(v, p) == "," and statement):
        return None
    if p > floor and v.tag[p - 1] in NOUN_TAGS:  # "... surprise pollster Daron Shaw:"
        left = np_left(v, p - 1, floor)
        if any(v.tag[k] == "NNP" and v.text[v.start[k]].isupper() for k in range(left, p)):
            return Found(_content(r), True, ":", _span(v, p), (left, p - 1), -1)
    for k in range(p - 1, floor - 1, -1):
        if v.tag[k] in FINITE_TAGS:
            who = speaker_before(v, k, floor)
            if who is not None:
                return Found(_content(r), True, v.lower[k], _span(v, k), who, -1)
    return None


def _colon_only(v: View, p: int, floor: int, r: Region) -> Found | None:
    """``Lewandowski: "..."``: a short name and a colon frame the quote with no verb; so
    does one after a dash that ends a headline ("Media shares blame - HuffPollster: ...")."""
    floor = _after_dash(v, floor, p)
    while floor < p and v.tag[floor] in {"''", "``", ",", "."}:
        floor += 1
    if bare(v, p) != ":" or p - floor > 4 or p == floor:
        return None
    if not all(v.tag[i] in NOUN_TAGS | {"POS"} for i in range(floor, p)):
        return None
    if not any(v.text[v.start[i]].isupper() for i in range(floor, p)):
        return None
    return Found(_content(r), True, ":", _span(v, p), (floor, p - 1), -1)


def _after_dash(v: View, floor: int, p: int) -> int:
    """The token after the last dash standing between spaces in ``floor..p-1`` (a dash
    that separates, not a hyphen inside a word); ``floor`` when there is none."""
    for k in range(p - 1, floor - 1, -1):
        s, e = v.start[k], v.end[k]
        if v.lower[k] in _DASHES and v.text[s - 1 : s].isspace() and v.text[e : e + 1].isspace():
            return k + 1
    return floor


def attribute_regions(v: View, regions: list[Region]) -> dict[int, Found]:
    """Region index -> attribution, for the quotes a cue frames directly."""
    out = {}
    for n, r in enumerate(regions):
        found = cue_after(v, r) or cue_before(v, r) or _dash_source(v, r)
        if found is not None:
            found.framed = True
            out[n] = found
    return out


def own_paragraph(v: View, r: Region) -> bool:
    """Whether the quote opens its paragraph and nothing but quotes follow it there."""
    if not _opens_paragraph(v.text, r.open):
        return False
    end = v.para_end(r.close)
    return r.close >= end or v.text[r.close : end].strip()[:1] in ("", "“", '"', "‘")


# ------------------------------------------------------------------ speaker labels

# "PENCE: Well, look ..." (a transcript) / "Sanders: Clinton needs to 'get away ...'" (a
# headline): a paragraph opening with a capitalised name and a colon.
_LABEL = re.compile(
    r"^[ \t\xa0\"“]*(?P<name>[A-Z][\w.'’-]*(?:[ \t]+(?:[A-Z][\w.'’-]*|of|de|van|von|bin)){0,5})"
    r"[ \t]*:[ \t\xa0]+(?=\S)",
    re.MULTILINE,
)
_LABEL_STOP = frozenset({
    "update", "updated", "note", "photo", "photos", "video", "watch", "related", "source",
    "sources", "read", "breaking", "exclusive", "transcript", "caption", "credit", "warning",
    "correction", "clarification", "editor", "editors", "abstract", "full", "text", "live",
    "what", "why", "how", "who", "when", "where", "the", "here", "listen", "more",
    "also", "plus", "bottom", "top", "first", "next", "today", "tonight", "subscribe",
})  # fmt: skip


def speaker_labels(v: View, regions: list[Region], found: dict[int, Found]) -> list[Found]:
    """Paragraphs that open with "NAME:" and have no attributed quote: a transcript turn
    (capitals, verbatim) or a headline ("Name: what they said", reported)."""
    attributed = {v.para[regions[n].first] for n in found}
    out = []
    for m in _LABEL.finditer(v.text):
        name = m.group("name")
        words = name.lower().replace("’", "'").split()
        if len(name) < 2 or any(w.strip(".'") in _LABEL_STOP for w in words):
            continue
        first, last = v.token_at(m.start("name")), v.token_at(m.end("name")) - 1
        if first >= v.n or last < first or v.para[first] in attributed:
            continue
        stop = m.end() + len(v.text[m.end() : v.para_end(m.end())].rstrip())
        if stop - m.end() < 3:
            continue
        colon = v.text.index(":", m.end("name"))
        transcript = name.isupper()
        content = (m.end(), stop)
        out.append(Found(content, transcript, ":", (colon, colon + 1), (first, last), stop))
    return out
