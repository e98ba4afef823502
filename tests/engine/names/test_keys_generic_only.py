"""Retrieval keys for names made only of generic words: an exact or cross-script listing of such a name must
still be retrievable (P-3(2): partner institutions and supporters are screened against entity lists)."""

from rsec.engine.names import latin_keys


def test_generic_only_names_still_have_keys():
    for name in ["乙大学", "某財団", "大学", "University"]:
        assert latin_keys(name, "Organization"), name


def test_generic_only_name_shares_a_key_with_its_romanised_form():
    assert latin_keys("乙大学", "Organization") & latin_keys("Otsu University", "Organization")


def test_generic_words_stay_out_when_a_distinctive_word_exists():
    keys = latin_keys("Harbin Institute of Technology", "Organization")
    assert "harbin" in keys and "institute" not in keys and "of" not in keys
