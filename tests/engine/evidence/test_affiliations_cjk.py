"""Japanese, Chinese and Korean affiliation strings → ROR institution (P-3 (1)/(2)).

Runs on two cuts of real ROR records shipped in tests/fixtures/evidence/ror (`ror_v2_cut.json`,
`ror_v2_cjk_cut.json`, CC0) and affiliation strings written as Japanese, Chinese and Korean affiliation lines are
(university + graduate school / faculty / department, legal forms before the name, 附属病院, glued Hangul).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rsec.engine.evidence.affiliations import AffiliationMatcher, MatcherConfig
from rsec.engine.evidence.ror import RorRegistry

FIXTURES = Path(__file__).parents[2] / "fixtures" / "evidence" / "ror"

KYOTO = "https://ror.org/02kpeqv85"
KYOTO_EHB = "https://ror.org/00fqmtc51"  # its Center for the Evolutionary Origins of Human Behavior
UTOKYO = "https://ror.org/057zh3y96"
OSAKA = "https://ror.org/035t8zc32"
OSAKA_HOSPITAL = "https://ror.org/05rnn8t74"
TOHOKU = "https://ror.org/01dq60k83"
NEU_CN = "https://ror.org/03awzbc87"  # Northeastern University, Shenyang (东北大学)
SWU = "https://ror.org/01kj4z117"  # Southwest University, Chongqing (西南大学)
ATR = "https://ror.org/01pe1d703"
SNU = "https://ror.org/04h9pn542"
SNUBH = "https://ror.org/00cb3km46"
YONSEI = "https://ror.org/01wjejq96"
FUDAN = "https://ror.org/013q1eq08"
NTU = "https://ror.org/05bqach95"
CAS = "https://ror.org/034t30j35"
THU = "https://ror.org/03cve4549"


@pytest.fixture(scope="module")
def registry() -> RorRegistry:
    orgs = list(RorRegistry.load(FIXTURES / "ror_v2_cut.json")) + list(
        RorRegistry.load(FIXTURES / "ror_v2_cjk_cut.json")
    )
    return RorRegistry(orgs)


@pytest.fixture(scope="module")
def matcher(registry) -> AffiliationMatcher:
    return AffiliationMatcher(registry)


def ids(matcher: AffiliationMatcher, text: str) -> list[str]:
    return [m.ror_id for m in matcher.match(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # department / graduate-school suffixes, written glued, with 大学院・, with full-width spaces
        ("東京大学大学院工学系研究科", [UTOKYO]),
        ("大阪大学大学院基礎工学研究科", [OSAKA]),
        ("大阪大学大学院・基礎工学研究科", [OSAKA]),
        ("大阪大学微生物病研究所", [OSAKA]),
        ("京都大学　大学院医学研究科　社会健康医学系専攻", [KYOTO]),
        # legal forms before the name (国立大学法人)
        ("国立大学法人東北大学大学院理学研究科", [TOHOKU]),
        ("国立大学法人 大阪大学", [OSAKA]),
        # simplified / traditional / shinjitai forms fold to one
        ("清华大学", [THU]),
        ("清華大學化學系", [THU]),
        ("復旦大學", [FUDAN]),
        ("复旦大学化学系, 上海", [FUDAN]),
        ("中国科学院物理研究所", [CAS]),
        # a Chinese name the registry has only in English
        ("國立臺灣大學醫學院", [NTU]),
    ],
)
def test_japanese_and_chinese_affiliation_lines_resolve(matcher, text, expected):
    assert ids(matcher, text) == expected


def test_korean_names_are_found_inside_longer_strings(matcher):
    """Hangul syllables are read one by one, like kanji and hanzi, so a name is found whether the faculty is
    written after a space or glued to it (before, NFKD split each syllable into jamo and the glued string
    was one unknown word)."""
    assert ids(matcher, "서울대학교") == [SNU]
    assert ids(matcher, "서울대학교 의과대학") == [SNU]
    assert ids(matcher, "서울대학교의과대학 내과학교실") == [SNU]
    assert ids(matcher, "연세대학교 의과대학, 서울") == [YONSEI]
    assert ids(matcher, "분당서울대학교병원 신경과") == [SNUBH]  # the hospital, not the university
    (m,) = matcher.match("서울대학교 공과대학")
    assert m.score >= 0.8  # a whole name, not a "single word" at the threshold


def test_a_japanese_name_longer_than_sixteen_characters_resolves(matcher, registry):
    """A CJK name is one token per character: ATR's Japanese label has 17, more than the Latin n-gram limit."""
    text = "株式会社国際電気通信基礎技術研究所脳情報通信総合研究所"
    assert ids(matcher, text) == [ATR]
    assert ids(AffiliationMatcher(registry, MatcherConfig(max_cjk_ngram=16)), text) == []


def test_a_japanese_gakuin_university_is_not_read_in_pinyin(matcher):
    """ "西南学院大学" (Seinan Gakuin University) and "東北学院大学" (Tohoku Gakuin University) are not Southwest
    University or Northeastern University: the name goes on after 学院 with 大学, and Japanese text (kana)
    is not romanised in pinyin. The universities' own names still resolve."""
    assert ids(matcher, "西南学院大学経済学部") == []
    assert ids(matcher, "東北学院大学") == []
    assert ids(matcher, "東北学院大学 教養学部 情報科学科") == []
    assert ids(matcher, "西南大学, 重庆") == [SWU]
    assert ids(matcher, "東北大学") == [TOHOKU]  # the Japanese label as written
    assert ids(matcher, "东北大学, 沈阳") == [NEU_CN]  # simplified: the Chinese university


def test_a_university_hospital_and_a_centre_carry_their_university_in_the_lineage(matcher):
    """附属病院 names the hospital and the university it belongs to; a centre named with its university's name
    resolves to the centre, its lineage naming the university (screening treats it as the university's)."""
    found = matcher.match("大阪大学医学部附属病院 循環器内科")
    assert [m.ror_id for m in found] == [OSAKA_HOSPITAL, OSAKA]
    assert found[0].lineage == (OSAKA,)
    (m,) = matcher.match("京都大学ヒト行動進化研究センター")
    assert m.ror_id == KYOTO_EHB and KYOTO in m.lineage


def test_japanese_text_is_not_read_in_pinyin():
    """A Chinese name the registry has only in English is found through its pinyin rendering, but not in
    Japanese text (kana present): 東北大学 written in a Japanese line is Tohoku, never a Chinese "Dongbei"."""
    from rsec.engine.evidence.ror import RorName, RorOrganization

    dongbei = RorOrganization(
        "https://ror.org/0aaacj011",
        (RorName("Dongbei University", "en", ("ror_display", "label")),),
        "active",
        types=("education",),
        country_code="CN",
        city="Shenyang",
    )
    m = AffiliationMatcher(RorRegistry([dongbei]))
    assert [x.ror_id for x in m.match("东北大学软件学院")] == ["https://ror.org/0aaacj011"]
    assert m.match("東北大学大学院工学研究科 ソフトウェア工学専攻") == []
