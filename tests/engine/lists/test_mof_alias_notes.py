"""MOF asset-freeze list (P-3(1) lists designated by Japan): birth, place-of-birth and ID-number notes written
inside alias cells are not names, and must not become aliases that pollute screening."""

from rsec.engine.lists.mof import split_aliases


def test_dob_and_pob_notes_are_cut_from_aliases():
    assert split_aliases("Iadena Mohammad, DOB: 01 Jan.1969. POB: Badakhshan") == ["Iadena Mohammad"]
    assert split_aliases("Sayf-Al Adl (DOB: 11 Apr. 1963. POB: Monufia Governorate, Egypt)") == [
        "Sayf-Al Adl"
    ]


def test_born_without_a_comma_is_cut():
    assert split_aliases("Mohammad Ishaq Akhund born in 1963") == ["Mohammad Ishaq Akhund"]
    assert split_aliases("Sidi Mohamed Arhali born 1 Jan. 1958 in Bouressa") == ["Sidi Mohamed Arhali"]


def test_id_number_notes_are_not_names():
    assert split_aliases("番号:S335026にみられる") == []
    assert split_aliases("アブドラ・ウルド・アフメド(Abdoullah Ould Ahmed)(マリ共和国ID番号:073/SPICRE") == [
        "アブドラ・ウルド・アフメド",
        "Abdoullah Ould Ahmed",
    ]


def test_names_that_contain_numbers_are_kept():
    assert split_aliases("3月23日運動") == ["3月23日運動"]
    assert split_aliases("Federal State Institution Military Unit 25969") == [
        "Federal State Institution Military Unit 25969"
    ]
    assert split_aliases("Born Free Foundation") == ["Born Free Foundation"]


def test_parenthesised_birth_note_with_nested_alias_is_cut():
    text = (
        "Dr. Ibrahim Awwad Ibrahim Ali al-Badri (born in 1971 in Samarra, Iraq (Ibrahim Awad Ibrahim al-Badri"
    )
    assert split_aliases(text) == ["Dr. Ibrahim Awwad Ibrahim Ali al-Badri"]
