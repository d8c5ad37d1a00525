"""Every article text in ../shared/data as one stream of RawDocuments, for ``bench.scale``.

What each dataset gives (with the title, date and outlet as source hints where it has them):

* extraction/scrapinghub-aeb: the gold ``articleBody`` of each page;
* extraction/wcxb-dev: the gold ``main_content`` with title and publish date;
* clustering/ecbplus-dev, time/meantime-en: text rebuilt from the CAT/NAF tokens;
* clustering/neus-stories-dev: each outlet's title + body, dated by the story;
* quotes/polnear: every ``text/*.txt`` (train and dev);
* time/tbaq: the TimeML ``<TEXT>`` without tags, dated by its creation time;
* timelines/timeline17-dev: every ``InputDocs/<date>/*.txt``, dated by its folder;
* summaries/neus-roundups: the ``.source`` lines split on [SEP] into titled articles;
* claims/claimdiff: each article's claims joined into one text under its title.

Documents are ordered by date (undated ones last), then source, as a news stream arrives.
Texts that recur across datasets (NeuS stories and roundups share sources) stay in: ingest
skips a second copy of content it has stored, which is part of what is measured.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

from newsfuse.model import RawDocument, SourceHints

Loader = Callable[[Path], Iterator[RawDocument]]
_NO_SPACE_BEFORE = re.compile(r"^[.,;:!?%)\]}'’]|^n't$|^'s$")
_TAG = re.compile(r"<[^>]+>")
_ROUNDUP = re.compile(r"TITLE=>(.*?)ARTICLE=>(.*)", re.S)


def doc(source: str, text: str, **hints: str | None) -> RawDocument:
    return RawDocument(source, "text", text.strip() + "\n", "utf-8", SourceHints(**hints))


def aeb(root: Path) -> Iterator[RawDocument]:
    folder = root / "extraction" / "scrapinghub-aeb"
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    for key, item in sorted(truth.items()):
        yield doc(f"aeb/{key}", item["articleBody"], url=item.get("url"))


def wcxb(root: Path) -> Iterator[RawDocument]:
    for path in sorted((root / "extraction" / "wcxb-dev" / "dev" / "ground-truth").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        gold = data.get("ground_truth") or {}
        if gold.get("main_content"):
            yield doc(
                f"wcxb/{path.stem}", gold["main_content"], title=gold.get("title"),
                published=gold.get("publish_date"), url=data.get("url"),
            )  # fmt: skip


def _tokens_text(path: Path) -> str:
    """CAT/NAF tokens back to text: one line per sentence, no space before punctuation."""
    lines: dict[int, list[str]] = defaultdict(list)
    for token in ET.parse(path).getroot().iter("token"):
        lines[int(token.get("sentence") or 0)].append(token.text or "")
    out = []
    for _, words in sorted(lines.items()):
        line = ""
        for word in words:
            line += word if not line or _NO_SPACE_BEFORE.match(word) else " " + word
        out.append(line)
    return "\n".join(out)


def ecbplus(root: Path) -> Iterator[RawDocument]:
    for path in sorted((root / "clustering" / "ecbplus-dev").rglob("*.xml")):
        yield doc(f"ecb/{path.name}", _tokens_text(path))


def meantime(root: Path) -> Iterator[RawDocument]:
    folder = root / "time" / "meantime-en"
    for path in sorted(folder.rglob("intra-doc_annotation/**/*.xml")):
        yield doc(f"meantime/{path.stem}", _tokens_text(path))


def neus_stories(root: Path) -> Iterator[RawDocument]:
    for path in sorted((root / "clustering" / "neus-stories-dev").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            story = json.loads(line) if line.strip() else {}
            for side, news in sorted(story.get("news", {}).items()):
                body = "\n\n".join(p.strip() for p in news.get("newBody") or [] if p.strip())
                if body:
                    yield doc(
                        f"neus/{story['id']}-{side}", body, title=news.get("newsTitle"),
                        published=story.get("date"), outlet=news.get("newsSource"),
                    )  # fmt: skip


def polnear(root: Path) -> Iterator[RawDocument]:
    for path in sorted((root / "quotes" / "polnear").rglob("text/*.txt")):
        yield doc(f"polnear/{path.parent.parent.name}/{path.stem}", path.read_text("utf-8"))


def tbaq(root: Path) -> Iterator[RawDocument]:
    for path in sorted((root / "time" / "tbaq").rglob("*.tml")):
        raw = path.read_text(encoding="utf-8")
        dct = re.search(r'value="([^"]+)"[^>]*functionInDocument="CREATION_TIME"', raw)
        text = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
        if text:
            body = _TAG.sub("", text.group(1)).replace("&amp;", "&")
            yield doc(f"tbaq/{path.stem}", body, published=dct.group(1) if dct else None)


def timeline17(root: Path) -> Iterator[RawDocument]:
    for path in sorted((root / "timelines" / "timeline17-dev").glob("*/InputDocs/*/*.txt")):
        topic, day = path.parts[-4], path.parent.name
        outlet = topic.split("_", 1)[-1]
        yield doc(f"t17/{topic}/{day}/{path.name}", path.read_text("utf-8", errors="replace"),
                  published=day, outlet=outlet)  # fmt: skip


def roundups(root: Path) -> Iterator[RawDocument]:
    for path in sorted((root / "summaries" / "neus-roundups").glob("*.source")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            for side, part in enumerate(line.split("[SEP]")):
                match = _ROUNDUP.search(part)
                title, body = (match.group(1), match.group(2)) if match else (None, part)
                yield doc(f"roundups/{path.stem}/{n}-{side}", body, title=(title or "").strip())


def claimdiff(root: Path) -> Iterator[RawDocument]:
    claims: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path in sorted((root / "claims" / "claimdiff").rglob("*.json")):
        for pair in json.loads(path.read_text(encoding="utf-8"))["data"]:
            for side in ("a", "b"):
                key = (pair.get(f"article_{side}") or pair["topic"], pair.get("date") or "")
                if pair[f"claim_{side}"] not in claims[key]:
                    claims[key].append(pair[f"claim_{side}"])
    for (title, day), texts in sorted(claims.items()):
        yield doc(f"claimdiff/{title[:60]}", " ".join(texts), title=title, published=day or None)


LOADERS: tuple[Loader, ...] = (
    aeb, wcxb, ecbplus, meantime, neus_stories, polnear, tbaq, timeline17, roundups, claimdiff,
)  # fmt: skip


def stream(root: Path) -> list[RawDocument]:
    """All documents, by date (undated last), then source."""
    docs = [d for loader in LOADERS for d in loader(root) if d.content.strip()]
    return sorted(
        docs, key=lambda d: (d.hints.published is None, d.hints.published or "", d.source)
    )
