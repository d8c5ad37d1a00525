"""Throughput of the whole language layer beside spaCy's stock pipeline, on the same texts.

    python -m bench.language [--data ../shared/data/quotes/polnear] [--limit N] [--repeat R]

Texts: the PolNeAR dev articles (real news, ~84 documents) plus the bundled seed articles.
Ours: ``LanguageLayer`` (one spaCy parse with every component of en_core_web_sm: tagger,
dependency parser, attribute ruler, lemmatizer, NER; then sentences, entities with role
descriptions, quotes and time expressions). Baselines, ``nlp.pipe`` over the same texts: the
stock en_core_web_sm pipeline with all its components (the bar with the parser on: ours must
keep >= 0.8x of it), and the same model with only tok2vec + ner (the bar before the parser).
Each is run ``--repeat`` times, alternating, after a warm-up, and the best run counts (least
disturbed by other load). Words are whitespace-separated tokens. Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from newsfuse.extract._spacy import load, load_full
from newsfuse.extract.language import LanguageLayer
from newsfuse.model import Article

ROOT = Path(__file__).resolve().parents[1]


def _texts(data: Path, limit: int | None) -> list[str]:
    files = sorted((data / "data" / "dev" / "text").glob("*.txt"))
    files += sorted((ROOT / "examples" / "seeds").glob("*.txt"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    return texts[:limit] if limit else texts


def _article(index: int, text: str) -> Article:
    return Article.from_text(str(index), text, source=f"bench-{index}")


def _time_ours(articles: list[Article]) -> float:
    layer = LanguageLayer()
    start = time.perf_counter()
    for _ in layer(articles):
        pass
    return time.perf_counter() - start


def _time_ner(texts: list[str]) -> float:
    return _time_pipe(load(("tagger", "parser", "attribute_ruler", "lemmatizer")), texts)


def _time_stock(texts: list[str]) -> float:
    return _time_pipe(load_full(), texts)


def _time_pipe(nlp, texts: list[str]) -> float:
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data/quotes/polnear")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = _texts(args.data, args.limit)
    articles = [_article(i, t) for i, t in enumerate(texts)]
    words = sum(len(t.split()) for t in texts)
    # warm up: load models, compile patterns
    _time_ours(articles[:3]), _time_ner(texts[:3]), _time_stock(texts[:3])
    ours, ner, stock = [], [], []
    for _ in range(args.repeat):
        ours.append(_time_ours(articles))
        stock.append(_time_stock(texts))
        ner.append(_time_ner(texts))
    ours_wps, ner_wps, stock_wps = words / min(ours), words / min(ner), words / min(stock)
    print(f"{'pipeline':<34}{'words/s':>12}")
    print(f"{'newsfuse language layer':<34}{ours_wps:>12,.0f}")
    print(f"{'spaCy en_core_web_sm, all of it':<34}{stock_wps:>12,.0f}")
    print(f"{'spaCy NER alone':<34}{ner_wps:>12,.0f}")
    print(f"ratio to stock {ours_wps / stock_wps:.2f} (to NER alone {ours_wps / ner_wps:.2f}) "
          f"over {len(texts)} texts, {words:,} words")  # fmt: skip
    result = {
        "texts": len(texts),
        "words": words,
        "words_per_s": round(ours_wps),
        "stock_words_per_s": round(stock_wps),
        "ner_words_per_s": round(ner_wps),
        "ratio": round(ours_wps / stock_wps, 3),
        "ratio_to_ner": round(ours_wps / ner_wps, 3),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
