"""Latin spellings of one name that differ by romanisation system or writing habit (P-3 list screening).

Names are invented; each mechanism is checked on a pair it must join and a pair it must keep apart.
"""

from __future__ import annotations

import pytest
from names_helpers import score

from rsec.engine.names import DEFAULT_THRESHOLD
from rsec.engine.names.chinese import is_pinyin_syllable, pinyin_from_wade_giles
from rsec.engine.names.readings import prepare


def test_wade_giles_table_is_derived_and_corrected():
    """The inverse Wade-Giles table comes from pypinyin, with its -ai/-ei slip corrected."""
    assert pinyin_from_wade_giles("hsi") == ("xi",)
    assert set(pinyin_from_wade_giles("chin")) == {"jin", "qin"}
    assert "dong" in pinyin_from_wade_giles("tung")
    assert pinyin_from_wade_giles("lai") == ("lai",)  # pypinyin writes "lei"
    assert pinyin_from_wade_giles("smith") == ()
    assert is_pinyin_syllable("xi") and not is_pinyin_syllable("hsi")


@pytest.mark.parametrize(
    ("wade_giles", "pinyin"),
    [
        ("Chang Hsiao-ming", "Zhang Xiaoming"),
        ("Liu Tse-tung", "Liu Zedong"),
        ("Wang Chih-kuo", "Wang Zhiguo"),
        ("Hsu, Chin-lai", "Xu Jinlai"),  # list order FAMILY, Given
    ],
)
def test_wade_giles_names_match_their_pinyin(matcher, wade_giles, pinyin):
    """P-3: a Chinese name in Wade-Giles matches the same name in pinyin, both ways."""
    assert score(matcher, wade_giles, pinyin) >= DEFAULT_THRESHOLD
    assert score(matcher, pinyin, wade_giles) >= DEFAULT_THRESHOLD


def test_wade_giles_reading_keeps_different_names_apart(matcher):
    assert score(matcher, "Chang Hsiao-ming", "Zhang Xiaolong") < DEFAULT_THRESHOLD
    assert score(matcher, "Liu Tse-tung", "Liu Zhidong") < DEFAULT_THRESHOLD


def test_wade_giles_reading_only_for_names_that_look_like_it():
    """No pinyin reading for Western names or plain pinyin names that happen to be syllables."""
    for name in ("Man Tan", "Chang Ping", "Jean-Paul Martin", "Kim Jong-un", "Ana Lee"):
        assert [r.method for r in prepare(name).readings] == ["as written"], name
    assert "pinyin from Wade-Giles" in [r.method for r in prepare("Ho Tse-min").readings]


def test_slash_between_words_separates_aliases(matcher):
    """P-3: ``Name/Other Name`` lists two names; a legal form such as A/S is not split."""
    from rsec.engine.names.normalize import expand_alternatives

    assert expand_alternatives("Al-Fajr/Northern Relief Front") == [
        "Al-Fajr/Northern Relief Front",
        "Al-Fajr",
        "Northern Relief Front",
    ]
    assert expand_alternatives("Nordlys Shipping A/S") == ["Nordlys Shipping A/S"]
    assert score(matcher, "Al Fajr", "Al-Fajr/Northern Relief Front", "Organization") >= DEFAULT_THRESHOLD


def test_parenthesised_qualifier_weighs_lightly_but_different_qualifiers_clash(matcher):
    """P-3: a branch qualifier on one side only (Schweiz) still matches the parent name; two different
    qualifiers (France ↔ Germany) are different bodies."""
    assert score(matcher, "Kestrel Bank (Schweiz) AG", "Kestrel Bank AG", "Company") >= DEFAULT_THRESHOLD
    assert score(matcher, "Kestrel Bank AG", "Kestrel Bank (Schweiz) AG", "Company") >= DEFAULT_THRESHOLD
    assert (
        score(matcher, "Kestrel Trading (France) SA", "Kestrel Trading (Germany) SA", "Company")
        < DEFAULT_THRESHOLD
    )
    assert (
        score(matcher, "Kestrel Bank (Hong Kong) Limited", "Kestrel Bank (Singapore) Limited", "Company")
        < DEFAULT_THRESHOLD
    )
    # the same word outside parentheses is part of the name and weighs fully
    assert score(matcher, "Kestrel Bank Schweiz AG", "Kestrel Bank AG", "Company") < score(
        matcher, "Kestrel Bank (Schweiz) AG", "Kestrel Bank AG", "Company"
    )


def test_legal_form_glued_to_the_name(matcher):
    """A legal form written without a space (KestrelAG) is read as the form, seen by its capital."""
    from rsec.engine.names.orgs import unglue_legal_form

    assert unglue_legal_form("KestrelAG") == "Kestrel AG"
    assert unglue_legal_form("Kestrel Ltd.") == "Kestrel Ltd."
    assert unglue_legal_form("BRAG") == "BRAG"  # one case: nothing to see
    assert score(matcher, "KestrelAG", "Kestrel AG", "Company") >= DEFAULT_THRESHOLD
    assert score(matcher, "KestrelAG", "Kestrel GmbH", "Company") < DEFAULT_THRESHOLD


def test_nickname_meets_its_full_name(matcher):
    """P-3: a nickname (Ted, Ben) matches its full given name; two full names sharing a nickname
    (Edward, Theodore → Ted) do not match each other; the family name is not read as a nickname."""
    from rsec.engine.names.nicknames import full_names

    assert "theodore" in full_names("ted")
    assert "edward" not in full_names("theodore")
    assert score(matcher, "Ted Kowalczyk", "Theodore Kowalczyk") >= DEFAULT_THRESHOLD
    assert score(matcher, "Benjamin Ostrowski", "Ben Ostrowski") >= DEFAULT_THRESHOLD
    assert score(matcher, "Edward Kowalczyk", "Theodore Kowalczyk") < DEFAULT_THRESHOLD
    assert score(matcher, "Marek Ted", "Marek Theodore") < DEFAULT_THRESHOLD
    # a name particle is not a nickname (al is also short for Albert)
    assert [t.alts for t in prepare("Al Rashidi Omar").readings[0].tokens][0] == ("al",)


def test_initials_written_together(matcher):
    """P-3: J.C./JC before a family name and U.S. in an organisation name are initials of words."""
    assert score(matcher, "JC Wojcik", "Jean-Claude Wojcik") >= DEFAULT_THRESHOLD
    assert score(matcher, "J.C. Wojcik", "Jean-Claude Wojcik") >= DEFAULT_THRESHOLD
    assert score(matcher, "JC Wojcik", "Marie-Louise Wojcik") < DEFAULT_THRESHOLD
    assert (
        score(
            matcher,
            "U.K. Office of Maritime Trade",
            "United Kingdom Office of Maritime Trade",
            "Organization",
        )
        >= DEFAULT_THRESHOLD
    )
    # letters of a company name are not read as initials, nor a legal form
    assert score(matcher, "C.B.A. Holdings", "A.B.C. Holdings", "Company") < DEFAULT_THRESHOLD
    assert "S.A." in prepare("Kestrel S.A.", "Company").original


def test_word_split_by_a_stray_space(matcher):
    """A family name broken by a stray space (Wojc ikowski) is read as one word; different names stay apart."""
    assert score(matcher, "Marek Wojc ikowski", "Marek Antoni Wojcikowski") >= DEFAULT_THRESHOLD
    assert score(matcher, "Marek Abdul Nowak", "Marek Dost Nowak") < DEFAULT_THRESHOLD


def test_legal_phrase_cut_short_or_misspelt(matcher):
    """A legal-form phrase cut by a field limit or with one letter wrong is still the legal form."""
    full = "Kestrel Avionics Corporation Joint Stock Company"
    assert (
        score(matcher, "Kestrel Avionics Corporation Joint Stock Compan", full, "Company")
        >= DEFAULT_THRESHOLD
    )
    assert (
        score(matcher, "Kestrel Avionics Corporation Joynt Stock Company", full, "Company")
        >= DEFAULT_THRESHOLD
    )
    # a cut-off distinctive word is not a legal form: only the phrase's own words may be cut
    assert "jsc" not in str(prepare("Kestrel Joint Venture", "Company").legal_forms)


def test_baltic_nominative_endings(matcher):
    """P-3: a foreign name in Latvian/Lithuanian spelling (Sergejs, Vasilevskis) meets its usual spelling."""
    assert score(matcher, "Sergejs Vasiljevs", "Sergej Vasiljev") >= DEFAULT_THRESHOLD
    assert score(matcher, "Sergejus Vasiljevas", "Sergej Vasiljev") >= DEFAULT_THRESHOLD
    assert score(matcher, "Sergejs Vasiljevs", "Sergej Vasilenko") < DEFAULT_THRESHOLD


def test_a_repeated_word_gives_two_distinct_tokens():
    """Tokens are memoised by spelling, yet a name that repeats a word keeps one token per place: the
    matcher tells the places of words apart by identity (a stray space, an explanation's spelling)."""
    from rsec.engine.names.readings import make_token, prepare

    tokens = prepare("Abdul Rahman Abdul Karim", "Person").readings[0].tokens
    first, third = tokens[0], tokens[2]
    assert first.alts == third.alts and first is not third
    assert make_token(["ali"]) == make_token(["ali"]) and make_token(["ali"]) is not make_token(["ali"])
