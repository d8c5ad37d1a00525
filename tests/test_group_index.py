"""The key index proposes exactly the articles sharing enough keys, dated or not."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.group.index import KeyIndex

WINDOW = 5
keys = st.lists(st.integers(-20, 40), min_size=1, max_size=8)
days = st.none() | st.integers(738000, 738030)


@settings(max_examples=60, deadline=None)
@given(
    filed=st.lists(st.tuples(keys, days), max_size=40),
    query=st.tuples(keys, days),
    min_shared=st.integers(1, 3),
)
def test_candidates_are_every_article_sharing_enough_keys_in_the_window(
    filed: list[tuple[list[int], int | None]],
    query: tuple[list[int], int | None],
    min_shared: int,
) -> None:
    # Undated queries are counted from whole posting lists in numpy, dated ones day by day:
    # both must propose exactly what a brute-force comparison finds.
    index = KeyIndex(window=WINDOW)
    for slot, (its_keys, day) in enumerate(filed):
        index.add(slot, its_keys, day)
    wanted, day = query
    expected = [
        slot
        for slot, (its_keys, its_day) in enumerate(filed)
        if len(set(its_keys) & set(wanted)) >= min_shared
        and (day is None or its_day is None or abs(its_day - day) <= WINDOW)
    ]
    assert index.candidates(wanted, day, min_shared) == expected
