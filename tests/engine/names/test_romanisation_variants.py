"""Latin romanisations of one Arabic, Persian or Turkic name (``phonetic.vowel_folds``).

Names are invented.
"""

from __future__ import annotations

import pytest
from names_helpers import score

from rsec.engine.names import DEFAULT_THRESHOLD
from rsec.engine.names.phonetic import vowel_folds


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


@pytest.mark.parametrize(
    "query, candidate",
    [
        ("Sigrun Jonsdottir", "Sigrun Tomasdottir"),  # Icelandic patronymics of different fathers
        ("Levan Abashvili", "Levan Gelashvili"),  # Georgian family names sharing -shvili
        ("Олег Петренко", "Олег Костенко"),
    ],
)
def test_shared_name_suffix_is_no_evidence(matcher, query, candidate):
    assert score(matcher, query, candidate) < DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    "query, candidate",
    [
        ("Levan Abashvili", "Levan Abashvilli"),  # a typo outside the stem
        ("Nino Darashvili", "Nino Dorashvili"),  # a typo in the stem
        ("Boris Jonson", "Boris Johnson"),
    ],
)
def test_misspelt_suffixed_names_still_match(matcher, query, candidate):
    assert score(matcher, query, candidate) >= DEFAULT_THRESHOLD
