"""Japanese researchers' own names must not alert on foreign sound-alikes (P-3(1): the people an
institution screens are mostly Japanese, written in kanji, kana and romaji).

A Japanese name in kana or romaji is spelt by rule; a foreign name in katakana is only a rendering. So a
kana or romaji name that reads as a Japanese name is compared by spelling (as a kanji reading is), while
foreign and Korean names in katakana keep the comparison by sound that MOF-style renderings need; and a
name in kanji that can only be Japanese gets no Chinese or Korean reading. All names are invented."""

from __future__ import annotations

import pytest

from rsec.engine.lists.model import ListEntity, Name
from rsec.engine.names import DEFAULT_THRESHOLD, Matcher, Query
from rsec.engine.names import japanese as J
from rsec.engine.names.readings import prepare


@pytest.fixture(scope="module")
def matcher():
    return Matcher()


def score(matcher, query: str, listed: str) -> float:
    entity = ListEntity(id="t:1", schema="Person", names=[Name.of(listed)], list="t")
    return matcher.compare(Query(query, "Person"), entity).score


@pytest.mark.parametrize(
    ("family", "given", "japanese"),
    [
        ("ヤマダ", "タロウ", True),
        ("スズキ", "ハナコ", True),
        ("ムハンマド", "アリ", False),  # UniDic knows ムハンマド as a foreign name
        ("キム", "ヨンイル", False),  # a Korean family name
        ("リ", "スヨン", False),  # one mora
        ("パク", "ミンホ", False),  # starts with p
        ("ウラジーミル", "イワノフ", False),  # long-vowel bar
        ("ウエゾノ", "ミツエ", True),  # UniDic reads ウエ + ゾノ-外国: a piece of a word is no foreign name
        ("モトモリ", "カズヨシ", True),  # モト-外国 + モリ
    ],
)
def test_which_kana_names_read_as_japanese_names(family, given, japanese):
    assert J.is_japanese_name_in_kana(family, given) is japanese


@pytest.mark.parametrize(
    ("first", "second", "japanese"),
    [
        ("Taro", "Yamada", True),
        ("YAMADA", "Taro", True),
        ("Yuko", "Ota", True),
        ("Shigeka", "Hatabe", True),
        ("Adil", "Mahdi", False),
        # not romaji syllable by syllable (l, a final consonant other than n): jaconv alone reads them as
        # りさ りせ / ぽっせる and the JMnedict readings matched
        ("Lisa", "Rice", False),
        ("Mika", "Holm", False),
    ],
)
def test_which_romaji_names_read_as_japanese_names(first, second, japanese):
    assert J.is_japanese_name_in_latin(first, second) is japanese


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("ヤマダ タロウ", "Mahdi Adel"),  # yamada ~ mahdi and taro ~ adel by consonant skeleton only
        ("ヤマダ タロウ", "Ahmed Dirie"),
        ("サトウ ケンジ", "Said Kanj"),
        ("アサマル カツユキ", "Samir Kashk"),
        ("山八 美菜恵", "Simba Amigo"),  # once read in pinyin: shan ba mei cai hui
        ("佐來 照瑩", "Celia Chen"),
        ("Koreya Ichise", "アジズ・カイロ"),  # a romaji name against a foreign name in katakana
        ("Taro Yamada", "アフマド・ターリー"),
        ("ウエゾノ ミツエ", "Jhon Mejia Magnani"),  # uezono = jhon, mitsue = mejia by coarse key
    ],
)
def test_japanese_names_do_not_alert_on_foreign_sound_alikes(matcher, query, listed):
    assert score(matcher, query, listed) < DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("ヤマダ タロウ", "Taro Yamada"),
        ("ヤマダ タロウ", "YAMADA, Tarou"),
        ("スズキ ハナコ", "Hanako Suzuki"),
        ("Taro Yamada", "ヤマダ・タロウ"),
        ("山田太郎", "Taro Yamada"),
        ("王 小明", "Wang Xiaoming"),  # a Chinese name keeps its pinyin reading
        ("欧阳 明", "Ouyang Ming"),
        # foreign and Korean names in katakana are still compared by sound
        ("チェ・ヨンス", "Choe Yong Su"),
        ("キム・ヨンイル", "Kim Yong Il"),
        ("ウラジーミル・イワノフ", "Vladimir Ivanov"),
        ("ムハンマド・アリ", "Muhammad Ali"),
    ],
)
def test_the_same_person_still_matches(matcher, query, listed):
    assert score(matcher, query, listed) >= DEFAULT_THRESHOLD


def test_a_name_that_can_only_be_japanese_gets_no_chinese_reading():
    methods = {r.method for r in prepare("山八 美菜恵", "Person").readings}
    assert not any(m.startswith(("pinyin", "hanja")) for m in methods)
    chinese = {r.method for r in prepare("王 小明", "Person").readings}
    assert "pinyin" in chinese


@pytest.mark.parametrize(
    ("query", "listed", "alert"),
    [
        # a katakana rendering begins with a vowel exactly when the foreign name does
        ("アミホシ ナル", "Nora Mejia Arteaga", False),  # amihoshi = mejia by consonants alone
        ("オサベ アキノ", "Khin Mg Swe", False),  # osabe = swe, akino = khin
        ("アリ・ハサン", "Ali Hassan", True),
        ("オマル・アブドゥラ", "Omar Abdullah", True),
        # silent or half-vowel onsets on either side
        ("ウーゴ・チャベス", "Hugo Chavez", True),
        ("ヨシフ・スターリン", "Iosif Stalin", True),
        ("ウラジーミル・メドヴェージェフ", "Vladimir MEDVEDEV", True),  # ウ before a consonant read as V
    ],
)
def test_katakana_and_latin_onsets_must_agree(matcher, query, listed, alert):
    assert (score(matcher, query, listed) >= DEFAULT_THRESHOLD) is alert


def _jamdict_readings(part: str, role: str) -> tuple[str, ...]:
    """The same readings through jamdict's own lookup (which also searches JMdict and builds every sense)."""
    wanted = J.SURNAME_TYPES if role == "family" else J.GIVEN_TYPES
    out: list[str] = []
    for entry in J._get_jam().lookup(part, lookup_chars=False, strict_lookup=True).names:
        if part in [k.text for k in entry.kanji_forms]:
            if {t for s in entry.senses for t in s.name_type} & wanted:
                out.extend(k.text for k in entry.kana_forms)
    return tuple(dict.fromkeys(out))


@pytest.mark.parametrize("part", ["矢田", "山田", "太郎", "花子", "東海林", "小鳥遊", "一", "京都", "大学"])
@pytest.mark.parametrize("role", ["family", "given"])
def test_jmnedict_readings_read_directly_agree_with_jamdict(part, role):
    assert J.jmnedict_readings.__wrapped__(part, role) == _jamdict_readings(part, role)


def test_jmnedict_readings_of_a_family_name_and_a_given_name():
    assert {"やた", "やだ"} <= set(J.jmnedict_readings("矢田", "family"))
    assert J.jmnedict_readings("矢田", "given") == ()  # recorded as a surname only
    assert "たろう" in J.jmnedict_readings("太郎", "given")


def test_a_forked_worker_reads_the_name_dictionary_through_its_own_connection():
    import multiprocessing
    import os

    parent = J._get_ne_db()
    assert parent is not None

    def child(queue):
        own = J._get_ne_db()
        queue.put(
            (own is not parent, J._ne_db[0] == os.getpid(), J.jmnedict_readings.__wrapped__("矢田", "family"))
        )

    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    proc = ctx.Process(target=child, args=(queue,))
    proc.start()
    fresh, own_pid, readings = queue.get(timeout=60)
    proc.join(timeout=60)
    assert fresh and own_pid
    assert readings == J.jmnedict_readings.__wrapped__("矢田", "family")


@pytest.mark.parametrize(
    ("written", "romaji"),
    [
        ("髙橋一郎", "Ichiro Takahashi"),  # 髙 (hashigo-daka) for 高
        ("𠮷田 花子", "Hanako Yoshida"),  # 𠮷 (tsuchi-yoshi), outside the Basic Multilingual Plane
        ("濵田誠", "Makoto Hamada"),  # 濵 for 浜
        ("增田太郎", "MASUDA, Taro"),  # an old form (旧字体): 增 for 増
        ("葛\U000e0100西 健", "Ken Kasai"),  # an ideographic variation sequence (葛 with a selector)
    ],
)
def test_variant_forms_of_kanji_read_as_the_standard_form(matcher, written, romaji):
    """Family registers keep variant forms of kanji (異体字) that the dictionaries file under the standard
    form: the name is read as its standard form, both ways, and the explanation says so."""
    assert score(matcher, written, romaji) >= DEFAULT_THRESHOLD
    assert score(matcher, romaji, written) >= DEFAULT_THRESHOLD
    reading = next(r for r in prepare(written, "Person").readings if r.japanese)
    assert J.standard_forms(written) in reading.detail


def test_variant_form_still_needs_the_same_given_name(matcher):
    assert score(matcher, "髙橋一郎", "Jiro Takahashi") < DEFAULT_THRESHOLD


def test_standard_forms_leave_standard_text_alone():
    assert J.standard_forms("高橋一郎") == "高橋一郎"
    assert J.standard_forms("髙橋 﨑 𠮷") == "高橋 崎 吉"


def test_japanese_family_name_in_kana_before_a_foreign_given_name_is_spelt(matcher):
    """A Japanese family name in kana (three morae or more, a JMnedict surname reading) before a given name
    of another language (ヤスクリ セイラ: invented) is the reading of a Japanese name: compared by spelling,
    not by the coarse sound that let it meet SHAKRO JR. at 1.0. The given name keeps the comparison by
    sound, and a Korean or foreign family name in katakana is untouched."""
    assert J.is_japanese_family_name_in_kana("ヤスクリ")
    assert not J.is_japanese_family_name_in_kana("キム")  # Korean
    assert not J.is_japanese_family_name_in_kana("ムハンマド")  # UniDic's foreign name
    assert score(matcher, "ヤスクリ セイラ", "SHAKRO JR.") < DEFAULT_THRESHOLD
    assert score(matcher, "ウメサキ アリス", "AMEZCUA, Luis") < DEFAULT_THRESHOLD
    assert score(matcher, "ウメサキ アリス", "Alice Umesaki") >= DEFAULT_THRESHOLD
    assert score(matcher, "キム ジョンウン", "Kim Jong Un") >= DEFAULT_THRESHOLD


def test_passport_n_before_a_vowel_or_y_may_be_syllabic():
    """Passports write ん before a vowel or y as a bare n (Kanichi is かんいち, Manyasu まんやす): the name
    reads as Japanese either way, so it is compared by spelling (invented names)."""
    assert "かんいち" in J._romaji_kana("kanichi", syllabic_n=True) and "かにち" in J._romaji_kana("kanichi")
    assert J.is_japanese_name_in_latin("Yurina", "Manyasu")
    assert J.is_japanese_name_in_latin("Kanichi", "Sato")


def test_warm_up_loads_what_the_name_analysis_would_load_on_first_use():
    """A bulk run warms up before forking its workers (and a benchmark before timing): the tables built
    lazily on first use, the reading prefixes of JMnedict's family and given names among them, are
    built then, not in the middle of the run or once per worker."""
    import subprocess
    import sys

    code = (
        "from rsec.engine.names import warm_up; from rsec.engine.names import japanese as j; "
        "assert not j._prefixes; warm_up(); print(sorted(j._prefixes))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["['family',", "'given']"]
