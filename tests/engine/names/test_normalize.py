"""Normalisation, kana romanisation, phonetic keys and readings (building blocks of P-3 screening)."""

from __future__ import annotations

import pytest

from rsec.engine.names.kana import japanese_fold, kana_to_hepburn, simple_hepburn
from rsec.engine.names.normalize import ascii_fold, drop_titles, expand_alternatives, fold, tokenize
from rsec.engine.names.phonetic import phonetic_key
from rsec.engine.names.readings import prepare


def test_width_and_case_folding():
    assert fold("ＭＯＨＡＭＭＥＤ　ＡＬＩ") == "mohammed ali"
    assert fold("ｶﾀｶﾅ") == "カタカナ"
    assert ascii_fold("François Pérez Øst") == "francois perez ost"


def test_tokenize_and_titles():
    assert tokenize(fold("YAMADA, Taro")) == ["yamada", "taro"]
    assert tokenize("gajic-milosevic・milica") == ["gajic", "milosevic", "milica"]
    assert drop_titles(["dr", "mohammad", "eslami"]) == ["mohammad", "eslami"]
    assert drop_titles(["general"]) == ["general"]  # never the whole name


@pytest.mark.parametrize(
    "kana,romaji",
    [
        ("ミロシェヴィッチ", "miroshevitchi"),  # シェ, ヴィ, ッチ
        ("フェドトフ", "fedotofu"),
        ("ドゥブロヴニク", "duburovuniku"),
        ("ティムール", "timuuru"),
        ("たろう", "tarou"),
        ("しんいち", "shinichi"),
    ],
)
def test_kana_to_hepburn_handles_extended_katakana(kana, romaji):
    assert kana_to_hepburn(kana) == romaji


def test_long_vowels_and_romanisation_systems_fold_together():
    assert simple_hepburn("tarou") == "taro"
    assert {japanese_fold(x) for x in ("tarō", "tarou", "taroh", "taro")} == {"taro"}
    assert japanese_fold("sinzyuku") == japanese_fold("shinjuku")  # Kunrei ↔ Hepburn
    assert japanese_fold("homma") == japanese_fold("honma")  # ン before m
    # a syllable made Hepburn is not read again: syu → shu, never on to sfu (hu → fu)
    assert japanese_fold("syûiti") == japanese_fold("syuiti") == "shuichi"
    assert japanese_fold("tyuuzi") == "chuji"


def test_kunrei_name_with_long_vowels_matches_its_kanji(matcher):
    from names_helpers import score

    from rsec.engine.names import DEFAULT_THRESHOLD

    assert score(matcher, "佐藤 修一", "Syûiti Satô") >= DEFAULT_THRESHOLD
    assert score(matcher, "Syûiti Satô", "佐藤 修一") >= DEFAULT_THRESHOLD
    assert score(matcher, "佐藤 修一", "Syôiti Satô") < DEFAULT_THRESHOLD  # Shoichi, another name


@pytest.mark.parametrize(
    "a,b",
    [
        ("miroshevitchi", "milosevic"),
        ("surobodan", "slobodan"),
        ("hsu", "xu"),
        ("chang", "zhang"),
        ("iwanofu", "ivanov"),
    ],
)
def test_phonetic_key_absorbs_transliteration_differences(a, b):
    assert phonetic_key(a) == phonetic_key(b)


def test_phonetic_key_keeps_distinct_names_apart():
    assert phonetic_key("yamada") != phonetic_key("tanaka")
    assert phonetic_key("hojin") != phonetic_key("jin")  # initial h is pronounced
    assert phonetic_key("yu") == "a"  # vowel-only: carries no consonant evidence


def test_expand_alternatives():
    assert expand_alternatives("Yury(Yuri) Chaika") == ["Yury Chaika", "Yuri Chaika"]
    assert expand_alternatives("AYYUB BASHIR (original script: ايوب بشير)") == ["AYYUB BASHIR", "ايوب بشير"]
    assert expand_alternatives("ICBC (Asia) Limited") == ["ICBC Asia Limited"]
    assert expand_alternatives("Galina Pyatykh (Piatykh, Fifth)") == ["Galina Pyatykh", "Galina Piatykh"]
    assert expand_alternatives("AL-ITIHAAD AL-ISLAMIYA / AIAI") == ["AL-ITIHAAD AL-ISLAMIYA", "AIAI"]


def test_kanji_name_is_split_and_read_several_ways():
    """Family/given split without a space; several readings of the family name (矢田: やた, やだ)."""
    p = prepare("矢田太郎", "Person")
    japanese = [r for r in p.readings if r.japanese][0]
    family, given = japanese.tokens
    assert family.role == "family" and given.role == "given"
    assert {"yata", "yada"} <= set(family.alts)
    assert "taro" in given.alts


def test_chinese_surname_readings_and_folding():
    p = prepare("单田芳", "Person")
    pinyin = [r for r in p.readings if r.method == "pinyin"][0]
    assert {"shan", "dan"} <= set(pinyin.tokens[0].alts)  # surname reading of 单
    assert (
        prepare("哈爾浜工業大学", "Organization").readings[0].text
        == prepare("哈尔滨工业大学", "Organization").readings[0].text
    )


def test_name_readings_ranked_by_use_and_composed_when_unrecorded():
    """JMnedict lists a name's readings in kana order (羽生: うもう, にわ, はいく … はにゅう); they are ranked
    by reading the characters one by one and by how many names bear them, so the common reading is kept
    and a reading of another spelling is not. A given name JMnedict lacks (結弦) is read character by
    character into a reading that names bear (ゆづる)."""
    from rsec.engine.names.japanese import part_readings

    assert "はにゅう" in part_readings("羽生", "family")
    assert "はねだ" in part_readings("羽田", "family")
    assert "かみむら" in part_readings("上村", "family") and "えじれね" not in part_readings("上村", "family")
    assert "ゆづる" in part_readings("結弦", "given")
    family, given = prepare("羽田結弦", "Person").readings[0].tokens
    assert "haneda" in family.alts and "yuzuru" in given.alts


def test_simplified_characters_are_not_read_as_japanese_variants():
    """沪 is Shanghai's character in simplified Chinese; Japanese writes 濾 (filter) so. A Chinese name
    keeps its own character and reading (hu), while Japanese shinjitai still fold (浜 → 滨)."""
    from rsec.engine.names.chinese import to_simplified

    assert to_simplified("上海沪东造船") == "上海沪东造船"
    assert to_simplified("哈爾浜") == "哈尔滨"
    pinyin = [r for r in prepare("李沪生", "Person").readings if r.method == "pinyin"][0]
    assert "husheng" in pinyin.tokens[1].alts


def test_cantonese_reading_spells_the_family_name_every_way():
    """A Cantonese given name often follows a Wade-Giles or Mandarin family name (Chiang Kai-shek): the
    Cantonese reading's family token carries both, its given name the Hong Kong spellings, joined."""
    cantonese = [r for r in prepare("蒋家明", "Person").readings if r.method.startswith("Cantonese")][0]
    family, given = cantonese.tokens
    assert {"jeung", "chiang", "jiang"} <= set(family.alts)
    assert "kaming" in given.alts
    assert not family.phons and not given.phons  # compared by spelling only


def test_hangul_surname_spellings():
    p = prepare("이민호", "Person")
    assert {"lee", "yi", "rhee"} <= set(p.readings[0].tokens[0].alts)


def test_cyrillic_scheme_variants():
    p = prepare("Юрий Хрущёв", "Person")
    first, last = p.readings[0].tokens
    assert {"yuriy", "iurii", "yury"} <= set(first.alts)
    assert "khrushchev" in last.alts


def test_legal_forms_are_stripped_to_a_feature():
    p = prepare("株式会社UECクリーモフ", "Company")
    assert "株式会社" in p.legal_forms
    assert "uec" in p.readings[0].text
    q = prepare("TACTICAL MISSILES CORPORATION JOINT STOCK COMPANY", "Company")
    assert "joint stock company" in q.legal_forms
