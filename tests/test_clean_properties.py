"""Properties of cleaning on arbitrary text: it never crashes and every span is in its text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.clean.article import build_article, prepare
from newsfuse.errors import InputRejected
from newsfuse.model import RawDocument

_WORDS = st.sampled_from(
    [
        "Kim",
        "said",
        "the",
        "on",
        "Friday",
        "Read more",
        "(AP)",
        "<u>",
        "</u>",
        "Comments",
        "Your support",
        "By",
        "Jane",
        "Doe",
        "2023",
        "September",
        "15,",
        ".",
        "…",
        "“",
        "”",
        "Share",
        "http://x.org/a",
        "Original from",
        "www.example.com",
        "and",
        "of",
        "it",
    ]
)
_LINE = st.lists(_WORDS, min_size=0, max_size=25).map(" ".join)
_TEXT = st.lists(_LINE, min_size=1, max_size=30).map("\n\n".join)


@settings(max_examples=150, deadline=None)
@given(_TEXT)
def test_cleaning_never_crashes_and_spans_fit(text: str) -> None:
    raw = RawDocument("prop.txt", "text", text, "utf-8")
    try:
        article = build_article(prepare(raw))
    except InputRejected as exc:
        assert exc.reason == "not-article"
        return
    for span in article.paragraphs:
        assert 0 <= span.start < span.end <= len(article.text)
        assert span.of(article.text).strip()
    assert article.text == "\n\n".join(span.of(article.text) for span in article.paragraphs)
    assert all(removal.reason for removal in article.removed)
