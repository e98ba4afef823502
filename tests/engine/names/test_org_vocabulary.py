"""Organisation names across scripts: romanised Russian words, legal forms, number words, katakana
epenthesis (P-3 screening of listed entities; M-11 high-risk partners). Names are invented."""

from __future__ import annotations

import pytest

from rsec.engine.lists.model import ListEntity, Name
from rsec.engine.names import DEFAULT_THRESHOLD, Matcher, Query, kana, latin_keys, orgs
from rsec.engine.names.readings import prepare


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher()


def org_score(matcher: Matcher, query: str, candidate: str) -> float:
    entity = ListEntity(id=f"t:{candidate}", schema="Organization", names=[Name.of(candidate)], list="t")
    return matcher.compare(Query(query, "Organization"), entity).score


def test_romanised_russian_words_carry_their_translation():
    """P-3: a Latin name that leaves Russian words in romanisation (Zavod, Konstruktorskoe Byuro) also
    means their translation, in any romanisation scheme and inflection."""
    assert orgs.romanised_term("zavod") == "plant"
    assert orgs.romanised_term("konstruktorskoye") == "design"
    assert orgs.romanised_term("konstruktorskoe") == "design"
    assert orgs.romanised_term("byuro") == orgs.romanised_term("bjuro") == "bureau"
    assert orgs.romanised_term("issledovatelskii") == "research"
    # English words are not mistaken for romanised stems (bank → banking)
    assert orgs.romanised_term("banking") == ""
    assert orgs.romanised_term("orlan") == ""
    tokens = prepare("Orlanskoe Konstruktorskoe Byuro", "Organization").readings[0].tokens
    assert "design" in tokens[1].alts and "bureau" in tokens[2].alts
    assert tokens[1].generic and tokens[2].generic


def test_romanised_russian_legal_form_is_stripped_and_known():
    """P-3: Aktsionernoe/Aktsionernoye Obshchestvo is a legal form (joint-stock), not part of the name."""
    for spelling in ("Aktsionernoe Obshchestvo Orlan", "Aktsionernoye Obshchestvo Orlan"):
        p = prepare(spelling, "Organization")
        assert [t.text for t in p.readings[0].tokens] == ["orlan"]
        assert orgs.legal_families(p.legal_forms) == {"stock"}


def test_translated_and_romanised_words_meet_across_scripts(matcher):
    """P-3: katakana + translated kanji (設計局 = design bureau) against the romanised Russian words."""
    assert org_score(matcher, "オルラン設計局", "Orlan Konstruktorskoe Byuro") >= DEFAULT_THRESHOLD
    assert org_score(matcher, "株式会社オルラン工場", "AO Zavod Orlan") >= DEFAULT_THRESHOLD
    # the same kind of body under another name stays apart
    assert org_score(matcher, "ソコル設計局", "Orlan Konstruktorskoe Byuro") < DEFAULT_THRESHOLD


def test_distinctive_extra_word_weighs_fully_across_scripts_generic_does_not(matcher):
    """P-3/M-11: an unmatched distinctive word on one side (Kita, Sangyo) separates two institutions
    even across scripts; an unmatched generic word (企業 enterprise, 国営 state) does not."""
    assert org_score(matcher, "京都大学", "Kyoto University") >= DEFAULT_THRESHOLD
    assert org_score(matcher, "京都大学", "Kyoto Sangyo University") < DEFAULT_THRESHOLD - 0.05
    assert org_score(matcher, "奈良大学", "Nara Kita University") < DEFAULT_THRESHOLD
    assert org_score(matcher, "国営企業オルラン", "Orlan") >= DEFAULT_THRESHOLD


def test_single_kanji_affix_is_a_generic_word_or_part_of_a_dictionary_word(matcher):
    """P-3: a lone kanji beside other words (技術 + 部, 中央 + 軍) is an affix of kind, weighed as
    generic; where the word with its affix is in JMdict (航空 + 機 = aircraft) it is read as that word."""
    tokens = prepare("オルラン技術部", "Organization").readings[0].tokens
    assert [t.generic for t in tokens] == [False, False, True]
    tokens = prepare("オルラン中央軍", "Organization").readings[0].tokens
    assert tokens[-1].generic and "army" in tokens[-1].alts
    tokens = prepare("オルラン航空機工場", "Organization").readings[0].tokens
    assert tokens[1].alts[0] == "aircraft" and "aeronautics" in tokens[1].alts
    assert org_score(matcher, "オルラン航空機工場", "Orlan Aircraft Plant") >= 0.95
    # a kanji leading the words is a name, not an affix, and is a retrieval key (乙大学, 某財団)
    tokens = prepare("乙大学", "Organization").readings[0].tokens
    assert not tokens[0].generic and "otsu" in latin_keys("乙大学", "Organization")
    # an affix that starts a vocabulary term stays with the term (国立 + 大学, not 国立大 + 学)
    tokens = prepare("オルラン国立大学", "Organization").readings[0].tokens
    assert [t.alts[0] for t in tokens] == ["oruran", "national", "university"]


def test_russian_place_adjective_also_reads_as_the_place(matcher):
    """P-3: Ryazanskii Zavod is rendered リャザン工場 (the place, not the adjective)."""
    tokens = prepare("Orlanskii Zavod", "Organization").readings[0].tokens
    assert "orlan" in tokens[0].alts
    assert org_score(matcher, "オルラン工場", "Orlanskii Zavod") >= DEFAULT_THRESHOLD


def test_number_words_in_katakana_meet_digits_and_words(matcher):
    """P-3: ファースト is 'first' is '1st'; a different ordinal is not."""
    for en in ("First Northern Trading", "1st Northern Trading"):
        assert org_score(matcher, "ファースト・ノーザン・トレーディング", en) >= DEFAULT_THRESHOLD
    assert (
        org_score(matcher, "ファースト・ノーザン・トレーディング", "Second Northern Trading")
        < DEFAULT_THRESHOLD
    )
    # the spelt-out word is kept beside the digit for readings that only transliterate it
    tokens = prepare("Second Northern Trading", "Organization").readings[0].tokens
    assert tokens[0].alts[0] == "2" and "second" in tokens[0].alts


def test_katakana_epenthetic_vowels_dropped_as_a_variant():
    """P-3: Japanese inserts u/o after consonant clusters and final consonants."""
    assert kana.without_epenthesis("soyuzu") == "soyuz"
    assert kana.without_epenthesis("novugorodo") == "novgorod"
    assert kana.without_epenthesis("donetsuku") == "donetsk"
    assert kana.without_epenthesis("tanaka") == ""  # no u/o after a consonant: no variant
    tokens = prepare("ドネツク", "Organization").readings[0].tokens
    assert "donetsk" in tokens[0].alts


def test_katakana_letter_names_spell_abbreviations_and_legal_forms(matcher):
    """P-3: ディー・シー・ビー is DCB; エル・エル・シー is the legal form LLC, not three words."""
    p = prepare("ディー・エム・ケー・トレーディング・エル・エル・シー", "Organization")
    assert [t.text for t in p.readings[0].tokens][:1] == ["dmk"]
    assert "llc" in p.legal_forms
    assert (
        org_score(matcher, "ディー・エム・ケー・トレーディング・エル・エル・シー", "DMK Trading LLC")
        >= DEFAULT_THRESHOLD
    )
    assert org_score(matcher, "ディー・エム・ケー・トレーディング", "BRC Trading") < DEFAULT_THRESHOLD
    # a lone letter name stays a word (シー may be "sea")
    assert [t.text for t in prepare("ブルー・シー", "Organization").readings[0].tokens] == ["blue", "sea"]


def test_katakana_run_without_separators_splits_at_known_loanwords(matcher):
    """P-3: オルランヘリコプター is written as one run; the loanword at its end is a word of its own,
    while a run with no long known loanword (a transliterated name) stays whole."""
    tokens = prepare("株式会社オルランヘリコプター", "Organization").readings[0].tokens
    assert [t.alts[0] for t in tokens] == ["oruran", "helicopter"]
    assert org_score(matcher, "株式会社オルランヘリコプター", "Orlan Helicopters JSC") >= DEFAULT_THRESHOLD
    assert len(prepare("ヴェルフネウファレイスキー", "Organization").readings[0].tokens) == 1


def test_latin_name_with_a_katakana_word_is_read_as_cjk(matcher):
    """P-3: a mostly Latin name with a katakana word keeps its katakana readable (no NFKD damage)."""
    assert org_score(matcher, "ORLAN・ベネルックス・NV", "Orlan Benelux NV") >= 0.95


def test_distinctive_word_facing_a_generic_affix_is_an_extra_not_a_conflict(matcher):
    """P-3: across scripts, a word left over on one side that faces only a generic affix (国) is an
    extra; two distinctive words left facing each other still conflict."""
    q = "「オルラン人民共和国」（自称）"
    assert org_score(matcher, q, "Self-proclaimed Orlan People's Republic") >= DEFAULT_THRESHOLD
    assert org_score(matcher, q, "Self-proclaimed Sokol People's Republic") < DEFAULT_THRESHOLD
    # JMdict's two-word gloss is also one word, for the hyphenated English spelling
    tokens = prepare(q, "Organization").readings[0].tokens
    assert any("selfproclaimed" in t.alts for t in tokens)


def test_group_filed_as_person_is_compared_as_an_organisation(matcher):
    """P-3: lists file some groups under persons; a name with a word for a kind of body (運動,
    委員会, Front, Committee) beside other words is read as an organisation, a plain name is not."""
    assert prepare("オルラン解放戦線", "Person").kind == "org"
    assert prepare("Orlan Liberation Front", "Person").kind == "org"
    assert prepare("Taro Yamada", "Person").kind == "person"
    assert prepare("Robert Plant", "Person").kind == "person"  # a surname that is also a generic word
    assert prepare("山田太郎", "Person").kind == "person"
    entity = ListEntity(id="t:olf", schema="Person", names=[Name.of("Orlan Liberation Front")], list="t")
    assert matcher.compare(Query("オルラン解放戦線", "Person"), entity).score >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("written", "family"),
    [
        ("Orlan Gesellschaft mit beschränkter Haftung", "limited-liability"),
        ("Orlan Societatea cu Răspundere Limitată", "limited-liability"),
        ("Orlan Europe Sp. z o.o.", "limited-liability"),
        ("Orlan Aktiengeselschaft", "stock"),  # one letter missing
    ],
)
def test_spelt_out_and_misspelt_legal_forms_are_recognised(written, family):
    """P-3: legal forms written out in full or misspelt by a letter are legal forms, not name words."""
    p = prepare(written, "Company")
    assert orgs.legal_families(p.legal_forms) == {family}
    assert "orlan" in [t.text for t in p.readings[0].tokens]
    assert not {"gesellschaft", "haftung", "raspundere", "oo", "aktiengeselschaft"} & {
        t.text for t in p.readings[0].tokens
    }


def test_digits_standing_for_letters_in_a_person_name(matcher):
    """P-3: obfuscated spellings (T4r0 Y4mada) meet the name; real numbers are left alone."""
    entity = ListEntity(id="t:ty", schema="Person", names=[Name.of("Taro Yamada")], list="t")
    assert matcher.compare(Query("T4r0 Y4mada", "Person"), entity).score >= 0.95
    other = ListEntity(id="t:tk", schema="Person", names=[Name.of("Kenji Sato")], list="t")
    assert matcher.compare(Query("T4r0 Y4mada", "Person"), other).score < DEFAULT_THRESHOLD
    tokens = prepare("John Smith 3", "Person").readings[0].tokens
    assert tokens[-1].alts == ("3",)


def test_word_order_is_no_evidence_for_organisations_across_scripts(matcher):
    """P-3: Japanese puts modifiers first, English inverts with "of"; within one script a crossed
    order still counts against a match."""
    q = "オルラン共和国開発銀行"
    assert org_score(matcher, q, "Development Bank of the Republic of Orlan") >= 0.95
    same = org_score(matcher, "Orlan Republic Development Bank", "Orlan Republic Development Bank")
    crossed = org_score(matcher, "Orlan Republic Development Bank", "Development Orlan Bank Republic")
    assert crossed < same


def test_demonym_also_reads_as_the_country(matcher):
    """P-3: Bolivian Petroleum Company is rendered ボリビア石油会社 (the country, not the adjective)."""
    assert "bolivia" in prepare("Bolivian Petroleum Company", "Organization").readings[0].tokens[0].alts
    assert org_score(matcher, "ボリビア石油会社", "Bolivian Petroleum Company") >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("株式会社ナイキ", "NICO"),  # nike ~ nico: one consonant skeleton, different words
        ("トーソー株式会社", "DAESH"),  # toso ~ daesh
        ("株式会社ニコン", "NEGEEN"),  # nikon ~ negeen
        ("アロカ株式会社", "IRG"),  # aroka ~ irg
        ("アルパイン株式会社", "ARVIN"),  # a loanword is judged by its English spelling: alpine, not arupain
    ],
)
def test_one_word_companies_that_only_sound_alike_do_not_alert(matcher, query, listed):
    """Japanese partner companies (P-3, M-11) against listed one-word names: a coarse sound key of a short
    word is shared by many unrelated words, so sound alone, with spellings this far apart, is no match."""
    assert org_score(matcher, query, listed) < DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("ハマス", "HAMAS"),
        ("ヒズボラ", "HIZBALLAH"),
        ("アルカイダ", "AL-QAIDA"),
        ("国営企業オルラン", "Orlan"),
    ],
)
def test_listed_organisations_in_katakana_still_match_by_sound(matcher, query, listed):
    """MOF writes foreign organisations in katakana: their renderings agree by sound and nearly by spelling."""
    assert org_score(matcher, query, listed) >= DEFAULT_THRESHOLD


def test_the_japanese_reading_of_a_kanji_name_is_compared_by_spelling(matcher):
    """東光 read とうこう (toko) matches Toko by spelling; it does not sound like TAK (t-k), as a kana
    rendering of a foreign name would."""
    assert org_score(matcher, "東光株式会社", "Toko Corporation") >= DEFAULT_THRESHOLD
    assert org_score(matcher, "東光株式会社", "TAK") < DEFAULT_THRESHOLD
    token = prepare("東光株式会社", "Organization").readings[0].tokens[0]
    assert "toko" in token.alts and "tk" not in token.phons
