"""Story grouping against gold stories: B-cubed P/R/F1, beside a TF-IDF + agglomerative baseline.

Usage::

    python -m bench.stories --data ../shared/data/clustering/ecbplus-dev [--limit N]
    python -m bench.stories --data ../shared/data/clustering/neus-stories-dev

Data layouts (detected from the folder contents):

* ECB+ (CAT XML ``ECB+/<topic>/<topic>_<n>ecb.xml`` and ``..._<n>ecbplus.xml``): the text is
  rebuilt from the ``<token>`` elements (one line per sentence, light detokenisation). The gold
  story is the topic number plus ``ecb`` or ``ecbplus``: each topic holds two different events
  of one kind (two rehab check-ins, two earthquakes). The documents carry no date, so only
  what the text says about time is used. Documents are fed in a shuffled order (``--seed``).
* NeuS (``*.jsonl`` of AllSides stories): every outlet article (``news.left/center/right``:
  ``newsTitle`` + ``newBody``) of every story, pooled into one stream ordered by date; the
  story's ``date`` is the articles' publication date and the outlet is ``newsSource``. The
  gold story is the AllSides story id.

Every article goes through the language layer (spaCy entities, time expressions), then
``features_of``; then ``StoryGrouper`` adds them one at a time. ``--cache DIR`` keeps the
features as JSONL so a second run skips the language layer.

Scoring is B-cubed over articles (each article's precision and recall against its gold story,
averaged). The baseline is TF-IDF (scikit-learn, English stop words, sublinear tf, on title +
text) with average-linkage agglomerative clustering on cosine distance; its distance threshold
is the best single one on the data itself (swept 0.50-0.95 in steps of 0.05, stated in the
output), so the baseline is given every advantage. Throughput is articles/s of grouping alone
(features already computed) and of ``features_of`` alone. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from datetime import time as dtime
from pathlib import Path

from newsfuse.group.features import StaleFeatures, StoryFeatures, features_of
from newsfuse.group.stories import StoryGrouper
from newsfuse.model import Article, Outlet, Published, content_id

ROOT = Path(__file__).resolve().parents[1]
_ECB_NAME = re.compile(r"^(\d+)_(\d+)(ecb|ecbplus)\.xml$")
_NO_SPACE_BEFORE = re.compile(r"^(?:[,.;:!?%)\]}]|'s|'|n't|'re|'ve|'ll|'d|'m|'')$", re.IGNORECASE)
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``"}
_THRESHOLDS = tuple(round(0.5 + 0.05 * i, 2) for i in range(10))


@dataclass(frozen=True)
class Item:
    """One benchmark article and its gold story."""

    article: Article
    gold: str


# --- loading ---------------------------------------------------------------------------------


def load(data: Path, *, limit: int | None = None, seed: int = 13) -> tuple[str, list[Item]]:
    """The dataset's kind and its articles in feeding order."""
    if any(data.rglob("*ecbplus.xml")):
        return "ecbplus", _limited(load_ecbplus(data, seed), limit)
    if any(data.glob("*.jsonl")):
        return "neus", _limited(load_neus(data), limit)
    raise SystemExit(f"{data} holds neither ECB+ XML nor NeuS JSONL; pass a dataset folder.")


def _limited(items: list[Item], limit: int | None) -> list[Item]:
    """The first ``limit`` gold stories' articles (whole stories, so scores stay meaningful)."""
    if not limit:
        return items
    order = list(dict.fromkeys(sorted(i.gold for i in items)))[:limit]
    keep = set(order)
    return [i for i in items if i.gold in keep]


def load_ecbplus(data: Path, seed: int) -> list[Item]:
    items = []
    for path in sorted(data.rglob("*.xml")):
        m = _ECB_NAME.match(path.name)
        if not m:
            continue
        text = _cat_text(path)
        article = Article.from_text(content_id(path.name + text), text, source=path.name)
        items.append(Item(article, f"{m.group(1)}{m.group(3)}"))
    random.Random(seed).shuffle(items)
    return items


def _cat_text(path: Path) -> str:
    """The document's text from its tokens: one line per sentence, light detokenisation."""
    lines: dict[str, list[str]] = defaultdict(list)
    for token in ET.parse(path).getroot().iter("token"):
        lines[token.get("sentence") or "0"].append(token.text or "")
    out = []
    for _, words in sorted(lines.items(), key=lambda kv: int(kv[0])):
        if words and words[0].lower() in ("http", "https"):
            out.append("".join(words))  # a URL, split into tokens by the annotation tool
            continue
        line = ""
        previous = ""
        for word in words:
            if line and not _NO_SPACE_BEFORE.match(word) and previous not in _NO_SPACE_AFTER:
                line += " "
            line += word
            previous = word
        out.append(line.replace("``", '"').replace("''", '"'))
    return "\n".join(out)


def load_neus(data: Path) -> list[Item]:
    items = []
    for path in sorted(data.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                items.extend(_neus_story(json.loads(line)))
    items.sort(key=lambda i: (_published(i.article), i.article.id))
    return items


def _neus_story(story: dict) -> list[Item]:
    at = datetime.fromisoformat(story["date"])
    published = Published(at, "minute", "NeuS story date", timezone_stated=True)
    items = []
    for side, news in sorted(story.get("news", {}).items()):
        body = "\n\n".join(p.strip() for p in news.get("newBody") or [] if p.strip())
        if not body:
            continue
        article = Article.from_text(
            content_id(f"{story['id']}:{side}:{body}"), body, source=f"neus-{story['id']}-{side}"
        )
        outlet = Outlet(news.get("newsSource") or side, None, "NeuS newsSource")
        article = replace(article, title=news.get("newsTitle"), published=published, outlet=outlet)
        items.append(Item(article, str(story["id"])))
    return items


def _published(article: Article) -> datetime:
    if article.published is None:
        return datetime.combine(date.min, dtime(), UTC)
    return article.published.at


# --- features --------------------------------------------------------------------------------


def features(
    items: list[Item], cache: Path | None, name: str
) -> tuple[list[StoryFeatures], float | None]:
    """Each article through the language layer and ``features_of`` (or from the cache), and
    articles/s of ``features_of`` alone on the analysed articles (None when all were cached)."""
    path = cache / f"{name}.features.jsonl" if cache else None
    cached: dict[str, StoryFeatures] = {}
    if path is not None and path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                f = StoryFeatures.from_json(line)
            except StaleFeatures:  # written by an older features_of: computed again below
                continue
            cached[f.article_id] = f
    missing = [i.article for i in items if i.article.id not in cached]
    rate = None
    if missing:
        from newsfuse.extract.language import LanguageLayer

        analysed = list(LanguageLayer()(missing))
        start = time.perf_counter()
        for article in analysed:
            cached[article.id] = features_of(article)
        rate = len(analysed) / max(time.perf_counter() - start, 1e-9)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            text = "\n".join(cached[k].to_json() for k in sorted(cached))
            path.write_text(text + "\n", encoding="utf-8")
    return [cached[i.article.id] for i in items], rate


# --- grouping and scoring --------------------------------------------------------------------


def group(feats: Sequence[StoryFeatures]) -> tuple[dict[str, str], float]:
    """Story of every article, and grouping throughput in articles/s."""
    grouper = StoryGrouper()
    start = time.perf_counter()
    for f in feats:
        grouper.add(f)
    elapsed = time.perf_counter() - start
    return {m.article_id: m.story_id for m in grouper.memberships()}, len(feats) / elapsed


def evaluate(data: Path, *, limit: int | None = None, seed: int = 13) -> dict[str, float]:
    """B-cubed P/R/F1 of the grouper on a dataset (or its first ``limit`` gold stories)."""
    _, items = load(data, limit=limit, seed=seed)
    feats, _ = features(items, None, "")
    pred, _ = group(feats)
    p, r, f1 = bcubed(pred, {i.article.id: i.gold for i in items})
    return {"b3_p": p, "b3_r": r, "b3_f1": f1}


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering against gold classes."""
    pred_members: dict[str, set[str]] = defaultdict(set)
    gold_members: dict[str, set[str]] = defaultdict(set)
    for item, cluster in pred.items():
        pred_members[cluster].add(item)
    for item, cls in gold.items():
        gold_members[cls].add(item)
    p = r = 0.0
    for item in gold:
        same = pred_members[pred[item]] & gold_members[gold[item]]
        p += len(same) / len(pred_members[pred[item]])
        r += len(same) / len(gold_members[gold[item]])
    p, r = p / len(gold), r / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def baseline(items: list[Item]) -> tuple[float, tuple[float, float, float]]:
    """TF-IDF + average-linkage agglomerative clustering at the best single threshold."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [f"{i.article.title or ''}\n{i.article.text}" for i in items]
    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    dense = matrix.toarray()
    gold = {i.article.id: i.gold for i in items}
    best: tuple[float, tuple[float, float, float]] = (0.0, (0.0, 0.0, 0.0))
    for threshold in _THRESHOLDS:
        labels = AgglomerativeClustering(
            n_clusters=None, metric="cosine", linkage="average", distance_threshold=threshold
        ).fit_predict(dense)
        pred = {i.article.id: str(label) for i, label in zip(items, labels, strict=True)}
        scores = bcubed(pred, gold)
        if scores[2] > best[1][2]:
            best = (threshold, scores)
    return best


def errors(items: list[Item], pred: dict[str, str], n: int) -> None:
    """The ``n`` largest wrongly merged or split gold stories, to see what went wrong."""
    by_pred: dict[str, Counter[str]] = defaultdict(Counter)
    for i in items:
        by_pred[pred[i.article.id]][i.gold] += 1
    mixed = sorted((c for c in by_pred.values() if len(c) > 1), key=lambda c: -sum(c.values()))
    for counts in mixed[:n]:
        print("merged:", dict(counts.most_common(6)))
    by_gold: dict[str, Counter[str]] = defaultdict(Counter)
    for i in items:
        by_gold[i.gold][pred[i.article.id]] += 1
    split = sorted((c for c in by_gold.values() if len(c) > 1), key=lambda c: -len(c))
    for gold, counts in list(by_gold.items()):
        if counts in split[:n]:
            print("split:", gold, sorted(counts.values(), reverse=True))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=None, help="only the first N gold stories")
    parser.add_argument("--seed", type=int, default=13, help="shuffle seed for ECB+")
    parser.add_argument("--cache", type=Path, default=None, help="keep features as JSONL here")
    parser.add_argument("--show", type=int, default=0, help="print N merge and split errors")
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args(argv)

    kind, items = load(args.data, limit=args.limit, seed=args.seed)
    feats, features_per_s = features(items, args.cache, f"{kind}-{args.seed}")
    pred, rate = group(feats)
    gold = {i.article.id: i.gold for i in items}
    p, r, f1 = bcubed(pred, gold)
    if args.show:
        errors(items, pred, args.show)
    threshold, (bp, br, bf) = (None, (None, None, None))
    if not args.no_baseline:
        threshold, (bp, br, bf) = baseline(items)

    print(f"{args.data.name} ({kind}): {len(items)} articles, {len(set(gold.values()))} stories")
    print(f"{'system':<34}{'B3 P':>8}{'B3 R':>8}{'B3 F1':>8}{'stories':>9}")
    print(f"{'newsfuse StoryGrouper':<34}{p:>8.3f}{r:>8.3f}{f1:>8.3f}{len(set(pred.values())):>9}")
    if bf is not None:
        label = f"TF-IDF + agglomerative (d<{threshold})"
        print(f"{label:<34}{bp:>8.3f}{br:>8.3f}{bf:>8.3f}")
    print(f"grouping: {rate:,.0f} articles/s with features ready")
    if features_per_s is not None:
        print(f"features_of: {features_per_s:,.0f} articles/s (after the language layer)")
    summary = {
        "dataset": args.data.name,
        "b3_f1": round(f1, 4),
        "b3_p": round(p, 4),
        "b3_r": round(r, 4),
        "baseline_b3_f1": None if bf is None else round(bf, 4),
        "baseline_b3_p": None if bp is None else round(bp, 4),
        "baseline_b3_r": None if br is None else round(br, 4),
        "baseline_threshold": threshold,
        "articles": len(items),
        "stories": len(set(gold.values())),
        "docs_per_s": round(rate),
        "features_per_s": None if features_per_s is None else round(features_per_s),
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
