"""Arabic script ↔ Latin person names (``arabic.py``): long vowels, the article, two-word names.

Names are invented.
"""

from __future__ import annotations

import pytest
from names_helpers import score

from rsec.engine.names import DEFAULT_THRESHOLD, arabic


@pytest.mark.parametrize(
    "query, candidate",
    [
        ("موسى جابر", "Moussa Jaber"),  # و as a long vowel, ى as a
        ("سمير ناصر الحداد", "Samir Nasser Al-Haddad"),  # the article
        ("يوسف عبد الرحمن", "Youssef Abdul Rahman"),  # عبد before an article word
        ("يوسف عبد الرحمن", "Youssef Abderrahmane"),  # written as one, article assimilated
        ("نور الدين طه", "Nooruddin Taha"),  # … الدين as one word; طه is Taha, not th
        ("جمال الفواز", "Jamal Al-Fawaz"),  # two letters of one sound class kept apart
    ],
)
def test_arabic_script_meets_latin(matcher, query, candidate):
    assert score(matcher, query, candidate) >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    "query, candidate",
    [
        ("سمير ناصر الحداد", "Samir Nasser Al-Hamadi"),  # one consonant different: Haddad ≠ Hamadi
        ("سمير ناصر الحداد", "Samir Nadir Al-Haddad"),  # a consonant skeleton earns no spelling credit
        ("يوسف عبد الرحمن", "Youssef Abdul Rahim"),  # only an h or l may be added or left out
    ],
)
def test_arabic_script_near_misses_rejected(matcher, query, candidate):
    assert score(matcher, query, candidate) < DEFAULT_THRESHOLD


def test_word_spellings():
    assert "musa" in arabic.word_spellings("موسى")
    assert {"haddad", "hdad"} & set(arabic.word_spellings("الحداد"))
    words = arabic.compounds(arabic.name_words("عبدالله نورالدین"))
    assert [w for w, _ in words] == ["عبد الله", "نور الدین"]
    assert "abdullah" in words[0][1]
