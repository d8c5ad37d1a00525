"""One settings object bounds the work: an override holds for its block, and only there."""

from __future__ import annotations

import pytest

from newsfuse import settings
from newsfuse.extract._spacy import pieces
from newsfuse.group import features


def test_an_override_holds_for_its_block_and_ends_with_it() -> None:
    default = settings.current()
    text = "A paragraph of some words.\n\n" * 200
    assert pieces(text) == [(0, len(text))]
    with settings.overridden(piece_chars=1_000) as inside:
        assert settings.current() is inside and inside.piece_chars == 1_000
        assert inside.batch_chars == default.batch_chars
        assert all(end - start <= 1_000 for start, end in pieces(text))
        assert len(pieces(text)) > 1
    assert settings.current() == default
    assert pieces(text) == [(0, len(text))]


def test_a_limit_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="piece_chars"), settings.overridden(piece_chars=0):
        pass


def test_the_lexicon_starts_afresh_at_its_limit() -> None:
    features.reset_lexicon()
    first = features._lexicon()
    first.pieces["x"] = b""
    with settings.overridden(lexicon_pieces=1):
        assert features._lexicon() is not first
    features.reset_lexicon()


def test_a_long_article_parsed_by_worker_processes_is_the_same_analysis(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """From ``long_text_chars`` on, an article's pieces go to worker processes; what comes
    back is the analysis one process gives, to the offset."""
    from newsfuse.extract import _spacy, language
    from newsfuse.model import Article

    processes: list[int] = []
    parse_many = _spacy.parse_many

    def counted(texts: object, **kwargs: object) -> object:
        processes.append(int(kwargs.get("processes", 1)))  # type: ignore[call-overload]
        return parse_many(texts, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(language, "parse_many", counted)
    text = "\n\n".join(
        f"Mayor Anna Berg of Kessel said on Friday that bridge {i} would open in May."
        for i in range(120)
    )
    article = Article.from_text("a", text)
    layer = language.LanguageLayer()
    with settings.overridden(piece_chars=2_000, parse_processes=1):
        (alone,) = layer([article])
    with settings.overridden(piece_chars=2_000, parse_processes=2, long_text_chars=5_000):
        (shared,) = layer([article])
    assert 2 in processes  # the second analysis went to the workers
    assert len(_spacy.pieces(text, 2_000)) > 3
    assert shared == alone
