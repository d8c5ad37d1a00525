"""The shipped static word vectors: the file loads and is the checked one, related words are
closer than unrelated ones, and the soft overlap behaves as a similarity."""

from __future__ import annotations

import hashlib
from importlib import resources

import numpy as np
import pytest

from newsfuse.extract import _static


def test_file_is_the_pinned_one() -> None:
    raw = resources.files("newsfuse.extract").joinpath(_static.DATA).read_bytes()
    assert hashlib.sha256(raw).hexdigest() == _static.SHA256
    table = _static.load()
    assert len(table.index) == 40000
    assert table.unit.shape == (40000, table.dims)
    assert table.meta["source_sha256"] == (
        "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
    )


def test_a_changed_file_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_static, "SHA256", "0" * 64)
    _static.load.cache_clear()
    try:
        with pytest.raises(_static.StaticVectorsCorrupt, match="sha256"):
            _static.load()
    finally:
        _static.load.cache_clear()


def _cos(a: str, b: str) -> float:
    va, vb = _static.vector(a), _static.vector(b)
    assert va is not None and vb is not None
    return float(va @ vb)


@pytest.mark.parametrize(
    ("word", "related", "unrelated"),
    [
        ("fired", "dismissed", "banana"),
        ("quake", "earthquake", "election"),
        ("troops", "soldiers", "recipe"),
        ("arrested", "detained", "painted"),
        ("killed", "died", "purple"),
    ],
)
def test_related_words_are_closer(word: str, related: str, unrelated: str) -> None:
    assert _cos(word, related) > _cos(word, unrelated) + 0.2


def test_lookup_is_lower_cased_and_unknown_is_none() -> None:
    vector = _static.vector("Fired")
    assert vector is not None
    assert np.isclose(float(np.linalg.norm(vector)), 1.0, atol=1e-4)
    assert _static.vector("xqzzyv") is None


def test_soft_overlap() -> None:
    a = "Kim fired his defence minister on Tuesday".lower().split()
    b = "Kim dismissed the defence chief on Tuesday".lower().split()
    c = "banana prices rose sharply in markets".split()
    weights = {"kim": 3.0, "fired": 2.0, "dismissed": 2.0}
    assert _static.soft_overlap(a, a, weights) == pytest.approx(1.0)
    assert _static.soft_overlap(["xqzzyv"], ["xqzzyv"]) == pytest.approx(1.0)
    assert _static.soft_overlap(a, b, weights) > _static.soft_overlap(a, c, weights) + 0.3
    assert _static.soft_overlap(a, b, weights) == pytest.approx(_static.soft_overlap(b, a, weights))
    assert _static.soft_overlap([], b) == 0.0


def test_text_vector() -> None:
    a = _static.text_vector("troops crossed the border".split())
    b = _static.text_vector("soldiers entered the frontier".split())
    c = _static.text_vector("bake the cake slowly".split())
    assert a is not None and b is not None and c is not None
    assert float(a @ b) > float(a @ c)
    assert _static.text_vector(["xqzzyv"]) is None
