"""Latin romanisations of one Arabic, Persian or Turkic name (``phonetic.vowel_folds``).

Names are invented.
"""

from __future__ import annotations

import pytest

from rsec.engine.lists.model import ListEntity, Name
from rsec.engine.names import DEFAULT_THRESHOLD, Matcher, Query
from rsec.engine.names.phonetic import vowel_folds


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher()


def score(matcher: Matcher, query: str, candidate: str) -> float:
    entity = ListEntity(id=f"t:{candidate}", schema="Person", names=[Name.of(candidate)], list="test")
    return matcher.compare(Query(query), entity).score


@pytest.mark.parametrize(
    "query, candidate",
    [
        ("Hussein Abdul Karim", "Husayn Abdul Karim"),  # ei / ay, doubled s
        ("Tariq Qasim Mansour", "Tareq Kassem Mansur"),  # i / e, q / k, ou / u
    ],
)
def test_vowel_spelling_variants_match(matcher, query, candidate):
    assert score(matcher, query, candidate) >= DEFAULT_THRESHOLD


def test_different_given_name_still_rejected(matcher):
    assert score(matcher, "Husayn Nadir Khalil", "Hassan Nadir Khalil") < DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("osama", "usama", True),
        ("laden", "ladin", True),  # e for i
        ("ahmed", "ahmad", True),  # e for a
        ("fatimah", "fatima", True),
        ("haddad", "hadid", False),  # a and i stay apart
        ("hasan", "husayn", False),
        ("said", "saud", False),
    ],
)
def test_vowel_folds(a, b, same):
    assert any(x == y for x, y in zip(vowel_folds(a), vowel_folds(b), strict=True)) is same
