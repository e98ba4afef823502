"""Institutions written in Chinese, Korean or Japanese (in kanji, or written out in kana) against their English names (P-3: partner institutions and
supporters checked against lists that write them in English). Institutions are public bodies, not
people; the pairs are of the kind the ROR registry lists."""

from __future__ import annotations

import pytest
from names_helpers import alerts_both_ways, score

from rsec.engine.names import DEFAULT_THRESHOLD, chinese
from rsec.engine.names.readings import _gloss_words, _written_out, prepare

ORG = "Organization"


def test_chinese_text_is_told_from_japanese_kanji():
    assert chinese.is_chinese_text("新疆财经大学")  # 财: simplified, outside the Japanese set
    assert chinese.is_chinese_text("香港兒童醫院")  # 醫: traditional, Japanese writes 医
    # Japanese names in kanji are written alike in either language: not Chinese
    assert not chinese.is_chinese_text("岩手県立久慈病院")
    assert not chinese.is_chinese_text("東京大学")


def test_chinese_names_are_cut_into_words():
    words = [w for w, _ in chinese.segment("新疆财经")]
    assert words == ["新疆", "财经"]
    assert dict(chinese.segment("天津职业"))["天津"] is True  # a place: read aloud, not translated


def test_a_chinese_place_and_its_common_words_are_separate_tokens():
    tokens = prepare("武汉轻工大学", ORG).readings[0].tokens
    alts = [t.alts for t in tokens]
    assert any("wuhan" in a for a in alts)  # not one glued "wuhanqinggong"
    assert any("polytechnic" in a or "light" in a for a in alts)


def test_chinese_institutions_meet_their_english_names():
    assert (
        score(_m(), "新疆财经大学", "Xinjiang University of Finance and Economics", ORG) >= DEFAULT_THRESHOLD
    )
    assert score(_m(), "天津职业大学", "Tianjin Vocational University", ORG) >= DEFAULT_THRESHOLD
    assert score(_m(), "香港兒童醫院", "Hong Kong Children's Hospital", ORG) >= DEFAULT_THRESHOLD
    # the place decides: another city's university of the same kind is not a match
    assert (
        score(_m(), "新疆财经大学", "Shanghai University of Finance and Economics", ORG) < DEFAULT_THRESHOLD
    )


def test_japanese_kanji_names_keep_the_japanese_analysis():
    assert score(_m(), "岩手県立久慈病院", "Iwate Prefectural Kuji Hospital", ORG) >= 0.9


def test_korean_institution_words_are_translated():
    assert score(_m(), "한국재료연구원", "Korea Institute of Materials Science", ORG) >= DEFAULT_THRESHOLD
    assert score(_m(), "국립수산과학원", "National Institute of Fisheries Science", ORG) >= DEFAULT_THRESHOLD
    assert score(_m(), "대한민국 국방부", "Ministry of National Defense", ORG) >= DEFAULT_THRESHOLD
    assert score(_m(), "한국재료연구원", "Korea Institute of Oriental Medicine", ORG) < DEFAULT_THRESHOLD
    # a one-syllable word is never cut out of a name: 부산 is Busan, not 부 (ministry) + 산
    tokens = prepare("부산대학교병원", ORG).readings[0].tokens
    assert tokens[0].alts[0] == "busan"


_MATCHER = None


def _m():
    global _MATCHER
    if _MATCHER is None:
        from rsec.engine.names import Matcher

        _MATCHER = Matcher()
    return _MATCHER


def test_japanese_juridical_person_forms_are_legal_forms():
    pn = prepare("公益財団法人知床財団", ORG)
    assert "公益財団法人" in pn.legal_forms
    words = [a for t in pn.readings[0].tokens for a in t.alts]
    assert "public" not in words and "corporate" not in words  # the form is not part of the name
    assert score(_m(), "公益財団法人知床財団", "Shiretoko Foundation", ORG) >= DEFAULT_THRESHOLD
    assert score(_m(), "医療法人社団白井病院", "Shirai Hospital", ORG) >= DEFAULT_THRESHOLD


def test_translations_are_compared_by_spelling_not_by_sound():
    from rsec.engine.names.phonetic import phonetic_key

    # 日本 = japan; its consonants (j p n) are Esfahan's, but a translation is no sound-alike: the word
    # gets no sound key. In a name that is not recognisably Chinese its pinyin reading riben gets none
    # either (riben ~ LIBAN); in Chinese text (钢 is simplified) the pinyin keeps one.
    japan = next(t for t in prepare("日本鉄鋼協会", ORG).readings[0].tokens if t.alts[0] == "japan")
    assert "riben" in japan.alts and japan.phons == ()
    zh = next(t for t in prepare("日本钢铁协会", ORG).readings[0].tokens if t.alts[0] == "japan")
    assert phonetic_key("japan") not in zh.phons and phonetic_key("riben") in zh.phons
    assert score(_m(), "一般社団法人日本鉄鋼協会", "ESFAHAN STEEL COMPANY", ORG) < DEFAULT_THRESHOLD
    # the readings of a name still meet by sound (ロータス lotus ↔ Lotos), and a translated word meets
    # its plural or its -ation stem exactly (サービス service ↔ Services, 運輸 transportation ↔ Transport)
    assert score(_m(), "貿易運輸サービス有限会社", "Trading and Transport Services Company, Ltd.", ORG) >= 0.9
    assert score(_m(), "株式会社造船所ロータス", "Joint Stock Company Shipbuilding Plant Lotos", ORG) >= (
        DEFAULT_THRESHOLD
    )


def test_pinyin_of_a_japanese_name_is_compared_by_spelling():
    # a kanji name not recognisably Chinese is read in pinyin too (a Chinese body written in Japanese
    # forms), but that reading is spelt by rule, like the Japanese one: no sound-alikes
    assert score(_m(), "熊本大学", "CHUNPING JI", ORG) < DEFAULT_THRESHOLD  # xiong ben
    assert score(_m(), "株式会社常光", "Chongqing University", ORG) < DEFAULT_THRESHOLD  # chang guang
    assert score(_m(), "東京女子大学", "Tianjin University", ORG) < DEFAULT_THRESHOLD  # dong jing
    # while the pinyin still finds the Chinese institution by its spelling
    assert score(_m(), "哈爾浜工業大学", "Harbin Institute of Technology", ORG) >= DEFAULT_THRESHOLD
    assert score(_m(), "北京航空航天大学", "Beihang University", ORG) >= DEFAULT_THRESHOLD


def test_a_japanese_name_is_not_contracted_like_a_chinese_one():
    # 北京航空航天 → 北航 Beihang is a Chinese habit; a Japanese company's leading kanji are not so read
    assert score(_m(), "西芝電機株式会社", "Xidian University", ORG) < DEFAULT_THRESHOLD
    assert score(_m(), "公益財団法人名古屋まちづくり公社", "MINOCONGO", ORG) < DEFAULT_THRESHOLD
    contracted = [r for r in prepare("西芝電機株式会社", ORG).readings if "contraction" in r.method]
    assert contracted == []
    assert [r for r in prepare("西安电子科技大学", ORG).readings if "contraction" in r.method]


def test_latin_words_in_a_japanese_name_are_compared_by_spelling():
    # KDDI株式会社: the Latin word is compared as it would be beside a Latin name, not by a consonant
    # skeleton (kddi ~ qaida, molza ~ mirza)
    assert score(_m(), "KDDI株式会社", "Al Qa'ida", ORG) < DEFAULT_THRESHOLD
    assert score(_m(), "MOLZA株式会社", "Mirza", ORG) < DEFAULT_THRESHOLD
    assert score(_m(), "SONY株式会社", "Sony Corporation", ORG) >= DEFAULT_THRESHOLD


def test_one_sound_alike_word_with_others_left_over_stays_below_the_threshold():
    # the only distinctive word in common agrees by sound alone and the spellings are far apart: the
    # words left over (al, ep) do not make it evidence
    assert score(_m(), "アクアス株式会社", "AL-AQSA", ORG) < DEFAULT_THRESHOLD
    assert score(_m(), "アツギ株式会社", "JAK-A", ORG) < DEFAULT_THRESHOLD
    # a katakana rendering spelt near enough still meets its name
    assert score(_m(), "ブルーノロフ", "Bluenoroff", ORG) >= DEFAULT_THRESHOLD
    assert score(_m(), "シネジス・グループ", "Synesis Group", ORG) >= DEFAULT_THRESHOLD


def test_two_sound_alike_words_spelt_apart_are_no_better_than_one():
    # every distinctive word in common agrees by the coarse sound of its kana reading alone (cabot ~ kabul,
    # japan ~ shipping): as weak as one such word
    assert score(_m(), "カボットジャパン株式会社", "KABUL EGYPT SHIPPING COMPANY", ORG) < DEFAULT_THRESHOLD
    # one of them spelt near enough lifts the cap
    assert score(_m(), "スプリングジャパン株式会社", "SPRING SHIPPING LIMITED", ORG) >= DEFAULT_THRESHOLD


def test_korean_institutions_in_mccune_reischauer_spellings():
    # institutions keep older spellings: an unvoiced first consonant, ㅓ as u, ㅢ as ee
    assert score(_m(), "경희대학교", "Kyung Hee University", ORG) >= DEFAULT_THRESHOLD
    assert score(_m(), "대구대학교", "Taegu University", ORG) >= DEFAULT_THRESHOLD
    assert score(_m(), "경희대학교", "Kyungpook National University", ORG) < DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("japanese", "english"),
    [
        ("北斗無線株式会社", "Hokuto Musen Co., Ltd."),  # a JMdict-glossed word kept in romaji
        ("北斗無線株式会社", "Hokuto Radio Co., Ltd."),  # … or translated
        ("東邦設計株式会社", "Toho Sekkei Co., Ltd."),
        ("青葉学院大学", "Aoba Gakuin University"),  # a generic term kept in romaji
        ("北京工业大学", "Beijing Industrial University"),  # 工業 is industry as well as technology
    ],
)
def test_japanese_words_kept_in_romaji_in_english_names(matcher, japanese, english):
    """Japanese bodies often keep a word of their name in romaji in English (Musen, Sekkei, Gakuin)."""
    assert score(matcher, japanese, english, "Organization") >= DEFAULT_THRESHOLD


def test_readings_of_common_words_are_spelt_and_kept_to_japanese_names(matcher):
    # another romaji word is another body: the readings are compared by spelling only
    assert score(matcher, "北斗無線株式会社", "Hokuto Kisen Co., Ltd.", "Organization") < DEFAULT_THRESHOLD
    assert score(matcher, "東邦設計株式会社", "Toho Shoji Co., Ltd.", "Organization") < DEFAULT_THRESHOLD
    # a generic Korean term gets no sound-alike reading (중앙 central does not sound like Chungju)
    assert score(matcher, "중앙대학교의료원", "Chungju Medical Center", "Organization") < DEFAULT_THRESHOLD


def test_chinese_government_bodies_kept_whole_by_jieba_are_translated(matcher):
    # jieba keeps 教育厅 and 勞動部 whole; the stem is translated and the affix names the kind of body
    assert score(matcher, "甘肃省教育厅", "Gansu Education Department", ORG) >= DEFAULT_THRESHOLD
    assert score(matcher, "湖南省教育厅", "Education Department of Hunan Province", ORG) >= DEFAULT_THRESHOLD
    assert score(matcher, "勞動部", "Ministry of Labor", ORG) >= DEFAULT_THRESHOLD
    assert score(matcher, "甘肃省教育厅", "Gansu Health Department", ORG) < DEFAULT_THRESHOLD


def test_common_words_of_korean_institution_names_are_translated(matcher):
    assert score(matcher, "한국보훈복지연구원", "Korea Veterans Welfare Institute", ORG) >= DEFAULT_THRESHOLD
    assert (
        score(matcher, "서울첨단건축연구소", "Seoul Advanced Architecture Institute", ORG)
        >= DEFAULT_THRESHOLD
    )
    assert score(matcher, "한국보훈복지연구원", "Korea Labor Institute", ORG) < DEFAULT_THRESHOLD
    assert score(matcher, "한국보훈복지연구원", "Korea Veterans Hospital", ORG) < DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("written", "english"),
    [
        ("大阪市立大学", "Osaka City University"),
        ("東京都立大学", "Tokyo Metropolitan University"),
        ("大阪府立大学", "Osaka Prefecture University"),
        ("名古屋市立大学", "Nagoya City University"),
    ],
)
def test_who_runs_a_public_body_is_translated(written, english):
    """市立, 都立, 府立 … say who runs the body: its English name says so too (they scored 0.40-0.62)."""
    assert score(_m(), written, english, ORG) >= DEFAULT_THRESHOLD
    assert score(_m(), english, written, ORG) >= DEFAULT_THRESHOLD


def test_who_runs_a_body_is_no_part_of_its_contraction():
    """A contraction takes the leading name words (北京航空航天大学 → 北航 Beihang), not the word saying
    who runs the body: 滋賀県立琵琶湖博物館 contracts to 滋琵, not 滋県 (zixian ~ JIAXIANG), and
    市立八幡浜総合病院 has one name word, so no contraction (市 + 八 had made it "Shiba")."""

    def contractions(name: str) -> list[str]:
        return [
            r.tokens[0].alts[0]
            for r in prepare(name, ORG).readings
            if r.method == "contraction of leading words"
        ]

    assert contractions("滋賀県立琵琶湖博物館") == ["zipi"]
    assert contractions("市立八幡浜総合病院") == []
    assert score(_m(), "市立八幡浜総合病院", "SHIBA", ORG) < DEFAULT_THRESHOLD
    assert score(_m(), "滋賀県立琵琶湖博物館", "JIAXIANG INDUSTRY LTD", ORG) < DEFAULT_THRESHOLD


def test_generic_word_joins_only_to_spell_a_word_of_the_other_side():
    """ニュース (news) フロント (front, a generic word) written as one word in English (Newsfront): the two
    join where together they spell the other side's word exactly, and only there."""
    assert score(_m(), "ニュースフロント", "Newsfront", ORG) >= DEFAULT_THRESHOLD
    assert score(_m(), "ニュースフロント", "News Front", ORG) >= DEFAULT_THRESHOLD
    assert score(_m(), "ニュースフロント", "Newsroom", ORG) < DEFAULT_THRESHOLD


def test_initial_u_before_a_vowel_writes_w():
    """Older katakana writes we, wi, wo as ウエ, ウイ, ウオ (ウエスト west, ウイルソン Wilson); ウエスコ had
    scored 0.47 against Wesco."""
    from rsec.engine.names.kana import kana_to_hepburn, loanword_spellings

    assert "wesuko" in loanword_spellings(kana_to_hepburn("ウエスコ"))
    assert score(_m(), "株式会社ウエスコ", "Wesco Inc.", ORG) >= DEFAULT_THRESHOLD
    assert score(_m(), "ウイルソン ジョン", "John Wilson", "Person") >= DEFAULT_THRESHOLD
    assert score(_m(), "株式会社ウエスコ", "Tesco PLC", ORG) < DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("written", "english", "same"),
    [
        (
            "内江市第一人民医院",
            "The First People's Hospital of Neijiang",
            True,
        ),  # 第一: an ordinal, as a digit
        ("内江市第一人民医院", "The Second People's Hospital of Neijiang", False),
        ("北京城市学院", "Beijing City University", True),  # 学院 is as often University as College
        ("北京农学院", "Beijing University of Agriculture", True),
        ("北京农学院", "Beijing Forestry University", False),
    ],
)
def test_chinese_ordinals_and_kinds_of_college(written, english, same):
    assert (score(_m(), written, english, ORG) >= DEFAULT_THRESHOLD) is same


def test_korean_place_names_romanised_with_their_sound_changes():
    """Revised Romanisation writes the sound changes at syllable boundaries (한림 Hallim, 종로 Jongno,
    국민 Gungmin, 한국어 Hangugeo); place and institution names follow it (한림대학교 had scored 0.60)."""
    from rsec.engine.names.korean import word_rr_assimilated

    assert [word_rr_assimilated(w) for w in ("한림", "신라", "종로", "국민", "국립", "한국어", "서울")] == [
        "hallim", "silla", "jongno", "gungmin", "gungnip", "hangugeo", "seoul",
    ]  # fmt: skip
    assert score(_m(), "한림대학교", "Hallym University", ORG) >= DEFAULT_THRESHOLD
    assert score(_m(), "한림대학교", "Hanyang University", ORG) < DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("written", "english", "same"),
    [
        ("成都民航技术研究院", "Chengdu Civil Aviation Technology Research Institute", True),
        ("武汉眼科医院", "Wuhan Eye Hospital", True),
        ("武汉眼科医院", "Wuhan Cancer Hospital", False),
        ("山东省食品检验研究院", "Shandong Food Inspection Research Institute", True),
        ("云南省地震局", "Yunnan Seismological Bureau", True),
        ("上海市疾病预防控制中心", "Shanghai Center for Disease Control and Prevention", True),
        ("广州软件学院", "Guangzhou Software College", True),
        ("广州软件学院", "Guangzhou Music College", False),
        ("甘肃省建设设计研究院", "Gansu Construction Design Research Institute", True),
        ("國立臺灣機器人研究中心", "National Taiwan Robotics Research Center", True),  # traditional
        ("長崎記念病院", "Nagasaki Memorial Hospital", True),  # Japanese: 記念 folds to 记念, 病院
    ],
)
def test_common_words_of_institutes_hospitals_and_public_bodies_are_translated(written, english, same):
    """Words that research institutes, hospitals and public bodies share (眼科 eye, 地震 seismological,
    食品 food, 检验 inspection, 疾病预防控制 disease control and prevention …) in simplified, traditional and
    Japanese forms; read aloud they had left the English name's words unmatched (0.3-0.6)."""
    assert alerts_both_ways(_m(), written, english, ORG) == (same, same)


@pytest.mark.parametrize(
    ("written", "english", "same"),
    [
        ("医療法人青葉会山田病院", "Yamada Hospital", True),  # 青葉会 runs 山田病院
        ("医療法人青葉会山田病院", "Aoba Hospital", False),  # the corporation alone is not the hospital
        ("学校法人梅村学園中京大学", "Chukyo University", True),  # 梅村学園 runs 中京大学
        ("医療法人社団済生会病院", "Saiseikai Hospital", True),  # named after its corporation
        ("医療法人社団済生会病院", "Kyoto Hospital", False),  # no name of its own besides 済生会
    ],
)
def test_a_body_is_also_read_without_the_corporation_that_runs_it(written, english, same):
    """A hospital or school run by a medical, social-welfare or school corporation is written after the
    corporation's name (医療法人[社団]…会, 学校法人…学園); its English name leaves the corporation out."""
    assert alerts_both_ways(_m(), written, english, ORG) == (same, same)


@pytest.mark.parametrize(
    ("written", "english", "same"),
    [
        ("부산항만연구원", "Busan Port Research Institute", True),
        ("서울주택공사", "Seoul Housing Corporation", True),
        ("서울주택공사", "Seoul Transportation Corporation", False),
        ("대구기후변화센터", "Daegu Climate Change Center", True),
    ],
)
def test_more_words_of_korean_public_bodies_are_translated(written, english, same):
    """항만 port, 주택 housing, 기후 변화 climate change, 교통 transportation …: Korean public bodies'
    words, two syllables or more."""
    assert alerts_both_ways(_m(), written, english, ORG) == (same, same)


def test_a_japanese_name_written_out_in_kana_is_read_back_into_its_words():
    # registries and forms give an institution's reading (フリガナ) in katakana, word by word: the words
    # are read back into kanji, a homophone decided by the vocabulary (市立 municipal, not 私立 private)
    assert _written_out(["ミナト", "シリツ", "ビョウイン"])[0] == ["港", "市立", "病院"]
    # a kind of body ending a word is split off; the stem is a name unless the two make one word
    assert _written_out(["ヤマナシケン", "スイサン", "ケンキュウジョ"]) == (
        ["ヤマナシ", "県", "水産", "研究所"],
        {1: "けん"},
    )
    assert _written_out(["ザイムショウ", "ケンキュウジョ"])[0] == ["財務", "省", "研究所"]
    assert _written_out(["タマ", "ゼンショウエン"])[0] == ["タマ", "ゼンショウ", "園"]  # not 全勝 + 園
    # loanwords stay as written, to be translated from their English origin
    assert _written_out(["ミナト", "シリツ", "センター"])[0] == ["港", "市立", "センター"]


def test_katakana_names_that_read_as_no_words_are_left_alone():
    for chunks in (["トヨオカ", "サナス"], ["シキボウ"], ["センカ"], ["ダイソー", "ホールディングス"]):
        assert _written_out(chunks) == (chunks, {})
    # one chunk of kanji among them: not a name written out in its reading
    assert _written_out(["ミナト", "市立", "ビョウイン"])[0] == ["ミナト", "市立", "ビョウイン"]


def test_institutions_written_out_in_kana_meet_their_english_names():
    m = _m()
    assert alerts_both_ways(m, "ミナト シリツ ビョウイン", "Minato City Hospital", ORG) == (True, True)
    assert alerts_both_ways(
        m, "ヤマナシケン スイサン ケンキュウジョ", "Yamanashi Prefecture Fisheries Research Institute", ORG
    ) == (True, True)
    # the kind of body still decides: a hospital is not a university
    assert alerts_both_ways(m, "ミナト シリツ ビョウイン", "Minato City University", ORG) == (False, False)


def test_a_name_written_out_in_kana_is_compared_by_spelling():
    # its proper names are Japanese words read aloud, spelt by rule like the reading of a kanji name: no
    # sound-alike (マツオカ ホヨウ ~ Miskhor) nor a chance likeness of spellings (トチギ ~ 会 hui) counts
    m, sanatorium = _m(), "コクリツ リョウヨウジョ マツオカ ホヨウエン"
    assert score(m, sanatorium, "SANATORIUM MISKHOR", ORG) < DEFAULT_THRESHOLD
    assert score(m, sanatorium, "National Sanatorium Matsuoka Hoyoen", ORG) >= 0.9
    fisheries = "ヤマナシケン スイサン ケンキュウジョ"
    assert score(m, fisheries, "Yamagata Prefecture Fisheries Research Institute", ORG) < DEFAULT_THRESHOLD


def test_a_definition_among_glosses_is_not_a_translation():
    assert _gloss_words(("research institute", "laboratory")) == [
        "research",
        "institute",
        "researchinstitute",
        "laboratory",
    ]
    # a gloss of three content words or more beside others defines the word; alone, it translates it
    assert _gloss_words(("education", "education of gifted young people")) == ["education"]
    assert _gloss_words(("Fire and Disaster Management Agency",)) == [
        "fire",
        "disaster",
        "management",
        "agency",
    ]
    # 育英 (JMdict: "education of gifted young people", ...) is not the word "people"
    assert score(_m(), "育英大学", "PEOPLE", ORG) < DEFAULT_THRESHOLD


def test_a_japanese_place_is_read_apart_from_its_kind():
    # 愛知県 is Aichi and a prefecture, not one word "aichiken" that English names never write
    aichi, prefecture, *_ = prepare("愛知県森林研究所", ORG).readings[0].tokens
    assert "aichi" in aichi.alts
    assert prefecture.generic and {"prefecture", "prefectural"} <= set(prefecture.alts)
    assert "xian" not in prefecture.alts  # 県 in a Japanese name is not read in Chinese
    m = _m()
    forestry = "愛知県森林・林業技術センター"
    assert score(m, forestry, "Aichi Prefectural Forestry Research Institute", ORG) >= DEFAULT_THRESHOLD
    # 市 after a place is its city, not JMdict's first sense (market)
    _, city, *_ = prepare("相模原市消防局", ORG).readings[0].tokens
    assert "city" in city.alts and "market" not in city.alts


@pytest.mark.parametrize(
    "written, english",
    [
        ("蒙古国防大学", "Mongolian National Defense University"),  # 蒙古: Mongolia, not "menggu"
        ("广东以色列理工学院", "Guangdong Technion-Israel Institute of Technology"),
        ("中华人民共和国国务院", "State Council of the People's Republic of China"),
    ],
)
def test_a_country_in_a_chinese_name_is_translated(written, english):
    assert alerts_both_ways(_m(), written, english, ORG) == (True, True)


def test_a_country_of_two_characters_inside_a_longer_word_is_no_country():
    # 马里 is Mali, but 马里兰 is Maryland read aloud; 法国 is France, but not in 農法|国際
    maryland = prepare("马里兰大学", ORG).readings[0].tokens
    assert not any("mali" in t.alts for t in maryland)
    assert score(_m(), "马里兰大学", "University of Mali", ORG) < DEFAULT_THRESHOLD
    nature = prepare("自然農法国際研究開発センター", ORG).readings[0].tokens
    assert not any("france" in t.alts for t in nature)
    assert any("farming" in t.alts for t in nature)  # 農法 stays the one word JMdict has
    assert (
        score(_m(), "自然農法国際研究開発センター", "Agricultural Development Bank", ORG) < DEFAULT_THRESHOLD
    )


def test_a_chinese_conjunction_is_no_word_of_the_name():
    # 和 joins two words ("and"), not the Japanese word for harmony; 局 is also an administration
    tokens = prepare("国家林业和草原局", ORG).readings[0].tokens
    assert not any("harmony" in t.alts or "he" in t.alts for t in tokens)
    assert alerts_both_ways(_m(), "国家林业和草原局", "State Forestry and Grassland Administration", ORG) == (
        True,
        True,
    )
    assert score(
        _m(), "四川省卫生和计划生育委员会", "Health and Family Planning Commission of Sichuan Province", ORG
    ) >= (DEFAULT_THRESHOLD)


@pytest.mark.parametrize(
    "written, english",
    [
        ("滋賀県庁", "Shiga Prefectural Government"),  # 庁 after a prefecture: its government
        ("公立西知多総合病院", "Nishichita General Hospital"),  # 総合: general, not JMdict's synthesis
        ("一般社団法人日本東洋医学会", "The Japan Society for Oriental Medicine"),  # 東洋, 会 a society
        ("公益社団法人国際経済労働研究所", "International Economy and Work Research Institute"),
        ("全日本空輸株式会社", "All Nippon Airways Co., Ltd."),
        ("法務省", "Ministry of Justice"),
        (
            "一般社団法人全国森林レクリエーション協会",
            "Japan Forest Recreation Association",
        ),  # 全国: nationwide
    ],
)
def test_japanese_words_of_kind_and_common_terms_are_translated(written, english):
    assert alerts_both_ways(_m(), written, english, ORG) == (True, True)


def test_a_prefectural_office_is_not_contracted_into_a_sound_alike():
    # 三重県庁 is Mie's government; its leading words are no contraction "sanxian" (~ Jinxiang)
    assert score(_m(), "三重県庁", "Jinxiang Trading Company", ORG) < DEFAULT_THRESHOLD
    assert score(_m(), "三重県庁", "Mie Prefectural Government", ORG) >= DEFAULT_THRESHOLD
    # 会 closing a name is a society or association, not the gathering JMdict reads first
    *_, kind = prepare("日本鍼灸師会", ORG).readings[0].tokens
    assert kind.alts[:2] == ("association", "society") and kind.generic


@pytest.mark.parametrize(
    "written, english, same",
    [
        ("강동성심병원", "Kangdong Sacred Heart Hospital", True),
        ("강동성심병원", "Kangdong Eulji Hospital", False),
        ("인천광역시 의료원", "Incheon Medical Center", True),  # 광역시 is often left out in English
        ("인천광역시 의료원", "Daegu Medical Center", False),
        ("중소조선연구원", "Research Institute of Medium & Small Shipbuilding", True),
        ("한국교육과정평가원", "Korea Institute for Curriculum and Evaluation", True),
    ],
)
def test_korean_words_of_hospitals_and_institutes(written, english, same):
    assert alerts_both_ways(_m(), written, english, ORG) == (same, same)


def test_an_institute_is_also_read_without_the_academy_it_belongs_to():
    # English names of an academy's institutes often leave the academy out
    m = _m()
    nano = "中国科学院苏州纳米技术与纳米仿生研究所"
    assert score(m, nano, "Suzhou Institute of Nano-tech and Nano-bionics", ORG) >= DEFAULT_THRESHOLD
    assert (
        score(m, "中国人民解放军空军哈尔滨飞行学院", "Air Force Harbin Flying College", ORG)
        >= DEFAULT_THRESHOLD
    )
    # the institute's own words still decide: another city's institute is not a match
    assert score(m, nano, "Ningbo Institute of Materials Technology and Engineering", ORG) < DEFAULT_THRESHOLD
    # the academy's university is named as such: no reading without the academy
    names = [r.detail for r in prepare("中国科学院大学", ORG).readings]
    assert not any("left out" in d for d in names)
