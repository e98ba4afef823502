"""Property tests of the matcher: identity, symmetry, name-order invariance (P-3)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rsec.engine.lists.model import ListEntity, Name
from rsec.engine.names import Matcher, Query
from rsec.engine.names.normalize import TITLES_LATIN

MATCHER = Matcher()

# titles (Mr, Dr) are dropped where they stand at either end, so they are not name words here
latin_word = (
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=9)
    .filter(lambda w: w not in TITLES_LATIN)
    .map(str.capitalize)
)
latin_name = st.lists(latin_word, min_size=1, max_size=4).map(" ".join)
katakana_word = st.text(
    alphabet="アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモラリルレロガギグゲゴン",
    min_size=2,
    max_size=6,
)
katakana_name = st.lists(katakana_word, min_size=1, max_size=3).map("・".join)
hangul_name = st.text(alphabet="김이박최정강조윤장임민준서연지호수영현우", min_size=2, max_size=4)


def score(a: str, b: str, schema: str = "Person") -> float:
    entity = ListEntity(id=f"p:{b}", schema=schema, names=[Name.of(b)], list="test")
    return MATCHER.compare(Query(a, schema), entity).score


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(latin_name, katakana_name, hangul_name))
def test_identical_names_score_one(name):
    assert score(name, name) == 1.0


@settings(max_examples=60, deadline=None)
@given(latin_name, latin_name)
def test_score_is_symmetric_for_latin_names(a, b):
    assert abs(score(a, b) - score(b, a)) <= 0.05


@settings(max_examples=40, deadline=None)
@given(katakana_name, latin_name)
def test_score_is_symmetric_across_scripts(a, b):
    assert abs(score(a, b) - score(b, a)) <= 0.05


@settings(max_examples=60, deadline=None)
@given(st.lists(latin_word, min_size=2, max_size=4, unique_by=str.lower))
def test_reversed_name_order_is_the_same_name(words):
    """Family-name-first and given-name-first forms (Yamada Taro / Taro Yamada) match fully."""
    assert score(" ".join(words), " ".join(reversed(words))) == 1.0
    assert score(" ".join(words), f"{words[-1].upper()}, {' '.join(words[:-1])}") == 1.0


@settings(max_examples=40, deadline=None)
@given(latin_name, latin_name)
def test_scores_are_bounded(a, b):
    assert 0.0 <= score(a, b) <= 1.0
