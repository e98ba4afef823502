"""Affiliation string → ROR institution (P-3 (1)/(2): publications' affiliations and partner institutions).

Runs on a cut of 15 real ROR records (tests/fixtures/evidence/ror) and invented affiliation strings.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rsec.engine.evidence.affiliations import AffiliationMatcher, MatcherConfig, name_key, tokenize
from rsec.engine.evidence.ror import RorRegistry

KYOTO = "https://ror.org/02kpeqv85"
KYOTO_IAE = "https://ror.org/00dtr7z10"
UTOKYO = "https://ror.org/057zh3y96"
TUS = "https://ror.org/05sj3n476"
PKU = "https://ror.org/02v51f717"
THU = "https://ror.org/03cve4549"
CAS = "https://ror.org/034t30j35"
IHEP = "https://ror.org/03v8tnc06"
NIWA = "https://ror.org/04hxcaz34"
ESNZ = "https://ror.org/02zww1c82"
DONGA_KR = "https://ror.org/03qvtpc38"
DONGA_VN = "https://ror.org/0164qgj37"
NICVD_PK = "https://ror.org/0425pdj49"
NICVD_SK = "https://ror.org/00gktjq65"


@pytest.fixture(scope="module")
def registry() -> RorRegistry:
    return RorRegistry.load(Path(__file__).parents[2] / "fixtures" / "evidence" / "ror" / "ror_v2_cut.json")


@pytest.fixture(scope="module")
def matcher(registry) -> AffiliationMatcher:
    return AffiliationMatcher(registry)


def ids(matcher: AffiliationMatcher, text: str) -> list[str]:
    return [m.ror_id for m in matcher.match(text)]


def test_single_institution_with_span_and_explanation(matcher):
    """P-3: a typical affiliation resolves to one institution, with the text it was read from."""
    text = "Department of Physics, Kyoto University, Kyoto 606-8502, Japan"
    (m,) = matcher.match(text)
    assert m.ror_id == KYOTO and m.name == "Kyoto University"
    assert text[m.span[0] : m.span[1]] == "Kyoto University"
    assert "country JP agrees" in m.explanation and "city Kyoto agrees" in m.explanation
    assert m.score >= matcher.config.threshold


def test_department_and_school_are_stripped(matcher):
    """'Graduate School of Science, The University of Tokyo' is the University of Tokyo — not the
    'Tokyo University of Science' that the words across the comma would spell."""
    text = (
        "Graduate School of Science, The University of Tokyo, 7-3-1 Hongo, Bunkyo-ku, Tokyo 113-0033, Japan"
    )
    assert ids(matcher, text) == [UTOKYO]


def test_multi_institution_strings(matcher):
    """Several institutions in one string: split on ';' and on 'and' between names, in text order."""
    assert ids(matcher, "Kyoto University, Japan; Peking University, Beijing, China") == [KYOTO, PKU]
    text = (
        "School of Physics, Peking University and Department of Physics, Tsinghua University, Beijing, China"
    )
    assert ids(matcher, text) == [PKU, THU]


def test_japanese_strings_and_character_variants(matcher):
    """Japanese: names inside unsegmented strings; shinjitai / kyūjitai folded; full-width forms."""
    assert ids(matcher, "京都大学大学院理学研究科") == [KYOTO]
    assert ids(matcher, "東京大學") == [UTOKYO]  # traditional form of 東京大学
    assert ids(matcher, "東京理科大学") == [TUS]  # a different university, not 東京大学
    assert ids(matcher, "ＫＹＯＴＯ　ＵＮＩＶＥＲＳＩＴＹ，ＪＡＰＡＮ") == [KYOTO]


def test_chinese_strings(matcher):
    assert ids(matcher, "北京大学物理学院") == [PKU]
    assert ids(matcher, "中國科學院") == [CAS]  # traditional characters
    assert ids(matcher, "清华大学化学系, 北京") == [THU]


def test_most_specific_match_carries_its_lineage(matcher):
    """A lab of a university resolves to the lab, and its lineage names the university, so that
    screening treats it as the university's."""
    (m,) = matcher.match("京都大学　エネルギー理工学研究所")
    assert m.ror_id == KYOTO_IAE and m.lineage == (KYOTO,)
    (m,) = matcher.match("中国科学院高能物理研究所")
    assert m.ror_id == IHEP and m.lineage == (CAS,)


def test_unit_named_before_its_institution_is_not_reported_separately(matcher):
    """'Institute of X, Chinese Academy of Sciences' names the Academy (as the gold sets label it)."""
    assert ids(matcher, "Institute of High Energy Physics, Chinese Academy of Sciences, Beijing, China") == [
        CAS
    ]


def test_country_and_city_disambiguate_same_names(matcher):
    """Two institutions of the same name in different countries: the text's country decides."""
    assert ids(matcher, "Dong-A University, Busan, Republic of Korea") == [DONGA_KR]
    assert ids(matcher, "Dong A University, Da Nang, Viet Nam") == [DONGA_VN]
    text = "Department of Cardiology, National Institute of Cardiovascular Diseases, Karachi, Pakistan"
    assert ids(matcher, text) == [NICVD_PK]
    assert ids(matcher, "National Institute of Cardiovascular Diseases, Bratislava, Slovakia") == [NICVD_SK]


def test_country_mismatch_rejects(matcher):
    """A name whose only bearer is in another country than the text states is not reported."""
    assert ids(matcher, "Tsinghua University, Hsinchu, Taiwan") == []


def test_acronyms_need_support(matcher, registry):
    """An acronym counts with location support, or when it is the only bearer and stands alone."""
    assert ids(matcher, "IHEP, Beijing, China") == [IHEP]
    assert ids(matcher, "CAS") == [CAS]
    assert ids(matcher, "Our CAS group, Berlin, Germany") == []


def test_inactive_record_and_successor(registry):
    text = "National Institute of Water and Atmospheric Research, Wellington, New Zealand"
    (m,) = AffiliationMatcher(registry).match(text)
    assert m.ror_id == NIWA and ESNZ in m.explanation
    (m,) = AffiliationMatcher(registry, MatcherConfig(follow_successors=True)).match(text)
    assert m.ror_id == ESNZ and m.matched_id == NIWA


def test_no_match_and_empty(matcher):
    assert matcher.match("Department of Physics, Unknown Institute, Nowhere") == []
    assert matcher.match("") == []
    assert matcher.match("   ") == []


def test_threshold_is_a_decision(registry):
    """Raising the threshold above every score returns nothing; the scores are what is compared."""
    text = "京都大学大学院理学研究科"
    (m,) = AffiliationMatcher(registry).match(text)
    assert AffiliationMatcher(registry, MatcherConfig(threshold=m.score + 0.01)).match(text) == []


def test_batch_api_keeps_order(matcher):
    texts = ["Tsinghua University", "nothing here", "Kyoto Univ., Japan"]
    assert [[m.ror_id for m in r] for r in matcher.match_many(texts)] == [[THU], [], [KYOTO]]


def test_normalisation():
    """Abbreviations, accents, HTML entities and glued words normalise like the registry names."""
    assert name_key("Kyoto Univ.") == name_key("Kyoto University")
    assert name_key("Université de Genève") == name_key("Universite de Geneve")
    assert [t.norm for t in tokenize("A&amp;M")] == [t.norm for t in tokenize("A and M")]
    assert [t.norm for t in tokenize("University of PennsylvaniaPhiladelphia")][-2:] == [
        "pennsylvania",
        "philadelphia",
    ]
    text = "Dept. of X &amp; Y, Kyoto"
    toks = tokenize(text)
    assert text[toks[-1].start : toks[-1].end] == "Kyoto"


def test_composite_name_reports_the_parent_it_names(matcher):
    """'Institute of Advanced Energy, Kyoto University' is the registry's name of the institute, and names
    the university too: both are reported (the institute is no unit-like name of the university that
    follows it, since that university is inside its own name); the principal institution is the
    university."""
    text = "Institute of Advanced Energy, Kyoto University, Uji, Kyoto 611-0011, Japan"
    assert ids(matcher, text) == [KYOTO_IAE, KYOTO]
    assert [m.ror_id for m in matcher.primary(text)] == [KYOTO]


def _org(rid: str, name: str, country: str, city: str):
    from rsec.engine.evidence.ror import RorName, RorOrganization

    return RorOrganization(
        f"https://ror.org/{rid}",
        (RorName(name, "en", ("ror_display", "label")),),
        "active",
        types=("healthcare",),
        country_code=country,
        city=city,
    )


def test_two_letter_codes_support_but_never_contradict():
    """'Perth, WA' is Western Australia, not Washington: a lone two-letter code is weak evidence."""
    reg = RorRegistry(
        [
            _org("0aaaaaa11", "Royal Perth Hospital", "AU", "Perth"),
            _org("0aaaaaa22", "Harborview Medical Center", "US", "Seattle"),
        ]
    )
    m = AffiliationMatcher(reg)
    assert [x.ror_id for x in m.match("Royal Perth Hospital, Perth, WA.")] == ["https://ror.org/0aaaaaa11"]
    # a stated country still contradicts
    assert m.match("Royal Perth Hospital, Perth, Scotland, United Kingdom") == []
    (hit,) = m.match("Harborview Medical Center, Seattle, WA 98104")
    assert "country US agrees" in hit.explanation


def test_principal_institution_per_affiliation(matcher):
    """P-3: where one institution per affiliation is recorded, a unit named with its parent gives way
    to the parent, and each ';'-part keeps its own principal institution."""
    text = "Institute of High Energy Physics; 京都大学エネルギー理工学研究所, 京都大学"
    assert ids(matcher, text) == [IHEP, KYOTO_IAE, KYOTO]
    principal = [m.ror_id for m in matcher.primary(text)]
    assert principal == [IHEP, KYOTO]  # IAE gives way to its parent named beside it
    # a university is preferred over a government body named in the same affiliation
    text = "Chinese Academy of Sciences, Tsinghua University, Beijing, China"
    assert set(ids(matcher, text)) == {CAS, THU}
    assert [m.ror_id for m in matcher.primary(text)] == [THU]
    assert [m.part for m in matcher.match("Kyoto University; Peking University")] == [0, 1]


def test_japanese_and_chinese_forms_resolve(matcher):
    """P-3 (1): Japanese and Chinese affiliation strings — units after the name, shinjitai / traditional /
    simplified forms, full-width forms — resolve to the institution (strings invented)."""
    assert ids(matcher, "東京大学大学院工学系研究科") == [UTOKYO]
    assert ids(matcher, "京都大学") == [KYOTO]
    assert ids(matcher, "中国科学院物理研究所") == [CAS]  # a CAS institute not in the registry: CAS
    assert ids(matcher, "中國科學院物理研究所") == [CAS]
    for form in ("清華大学", "清華大學", "清华大学"):  # shinjitai / traditional / simplified
        assert ids(matcher, form) == [THU], form
    assert ids(matcher, "東京大学　大学院工学系研究科，東京都，日本") == [UTOKYO]  # full-width
    assert ids(matcher, "ＤＥＰＴ． ＯＦ ＰＨＹＳＩＣＳ，ＰＥＫＩＮＧ ＵＮＩＶ．，ＢＥＩＪＩＮＧ") == [PKU]


def test_romanised_names_and_city_variants(matcher):
    """Romanised Chinese / Japanese names and other names of a city resolve like the registry form."""
    assert ids(matcher, "Qinghua Daxue, Beijing") == [THU]  # pinyin of the zh label 清华大学
    assert ids(matcher, "Tokyo Daigaku, Japan") == [UTOKYO]
    assert ids(matcher, "Beijing University, Beijing, China") == [PKU]  # Peking = Beijing
    assert ids(matcher, "Kioto University, Japan") == [KYOTO]
    assert ids(matcher, "Università di Bologna, Bologna") == ids(matcher, "University of Bologna")
    assert name_key("Universität München") == name_key("University of Munich")
    assert name_key("Napoli") == name_key("Naples") != name_key("Nancy")


def test_index_cache_round_trip_and_invalidation(registry, tmp_path):
    """The persistent index (JSON, no pickle) gives the same matches as a fresh build; it is keyed by
    the registry file's content, and a corrupt cache is rebuilt, never trusted."""
    import shutil

    from rsec.engine.evidence.affiliations import load_index

    ror = tmp_path / "ror.json"
    shutil.copy(Path(__file__).parents[2] / "fixtures" / "evidence" / "ror" / "ror_v2_cut.json", ror)
    cache = tmp_path / "cache"
    built, first = load_index(ror, cache)
    read, second = load_index(ror, cache)
    assert not first.from_cache and second.from_cache and first.cache_file == second.cache_file
    texts = ["東京大学大学院工学系研究科", "Kyoto University Hospital, Kyoto, Japan", "IHEP, Beijing, China"]
    fresh = AffiliationMatcher(registry)
    for text in texts:
        expect = [(m.ror_id, m.explanation) for m in fresh.match(text)]
        assert expect
        assert [(m.ror_id, m.explanation) for m in AffiliationMatcher(read).match(text)] == expect
    # another registry file content: another cache entry
    ror.write_text(ror.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _, third = load_index(ror, cache)
    assert not third.from_cache and third.cache_file != first.cache_file
    # a corrupt cache file is rebuilt
    third.cache_file.write_bytes(b'{"format": "rsec-affiliation-index/')
    again, fourth = load_index(ror, cache)
    assert not fourth.from_cache
    assert [m.ror_id for m in AffiliationMatcher(again).match("Kyoto University")] == [KYOTO]


def test_name_completed_by_a_place_needs_a_distinctive_or_whole_head():
    """'Graduate School' followed somewhere later by 'USA' is no 'Graduate School USA' when the words are
    common and sit inside a longer phrase; as a whole segment, or beside the place, they are."""
    reg = RorRegistry(
        [
            _org("0bbbbbb11", "Graduate School USA", "US", "Washington"),
            _org("0bbbbbb22", "University of Pittsburgh", "US", "Pittsburgh"),
            *(_org(f"0bbbbbb3{k}", f"Graduate School of {w}", "GB", "London") for k, w in enumerate("ABC")),
        ]
    )
    m = AffiliationMatcher(reg)
    text = "Dept. of X, University of Pittsburgh Graduate School of Public Health, Pittsburgh, USA"
    assert [x.ror_id for x in m.match(text)] == ["https://ror.org/0bbbbbb22"]
    assert [x.ror_id for x in m.match("Graduate School, Washington, USA")] == ["https://ror.org/0bbbbbb11"]


def test_ministry_sponsoring_a_key_laboratory_is_not_the_affiliation():
    """'Key Laboratory of X of Ministry of Education, Y University' is Y University's laboratory; the
    ministry alone, or not after a laboratory, is still found."""
    reg = RorRegistry(
        [
            _org("0cccccc11", "Ministry of Education", "CN", "Beijing"),
            _org("0cccccc22", "East China University of Science and Technology", "CN", "Shanghai"),
        ]
    )
    m = AffiliationMatcher(reg)
    text = (
        "Key Laboratory of Coal Gasification of Ministry of Education, "
        "East China University of Science and Technology, Shanghai, China"
    )
    assert [x.ror_id for x in m.match(text)] == ["https://ror.org/0cccccc22"]
    text = "Ministry of Education, Beijing; East China University of Science and Technology, Shanghai, China"
    assert len(m.match(text)) == 2


def test_a_name_cited_without_its_function_words_resolves(matcher):
    """Abbreviated citations drop "of", "and", "for" as well as shortening words (ISO 4 style)."""
    text = "Natl. Inst. Water Atmospheric Res., Wellington, New Zealand"
    (m,) = matcher.match(text)
    assert m.ror_id == NIWA
    assert "compact" in m.explanation  # read through the name without its function words


def test_the_name_without_function_words_is_not_another_institutions_name(registry):
    """ "University of Tokyo" and "Tokyo University of Science" keep apart: a form left with fewer than three
    words is no key of its own, and the whole name still wins where it is written out."""
    ix = AffiliationMatcher(registry).index
    assert ("university", "tokyo") not in ix.names or all(
        e.kind != "compact" for e in ix.names[("university", "tokyo")]
    )
    m = AffiliationMatcher(registry)
    assert ids(m, "Graduate School of Science, The University of Tokyo, Tokyo, Japan") == [UTOKYO]


def test_utf8_read_as_latin1_is_repaired_before_matching(matcher):
    from rsec.engine.evidence.affiliations import repair_mojibake

    assert repair_mojibake("PetrÃ³leos Mexicanos, MÃ©xico") == "Petróleos Mexicanos, México"
    assert repair_mojibake("Universidade de SÃO PAULO") == "Universidade de SÃO PAULO"  # real Ã, kept
    assert repair_mojibake("Kyoto University") == "Kyoto University"
    garbled = "Kyōto University, Japan".encode().decode("latin-1")  # "KyÅ\x8dto University, Japan"
    assert ids(matcher, garbled) == [KYOTO]


def test_republic_of_china_is_taiwan_not_also_china(matcher):
    """ "Taiwan, Republic of China" names one country: the word China inside it is not a second one (it
    let "Nanya Institute of Technology, Taiwan, Republic of China" read as a Chinese institution)."""
    text = "Department of Physics, Peking University, Taipei, Taiwan, Republic of China"
    ctx = matcher._context(text, tokenize(text))
    assert {c[0] for c in ctx.countries} == {"TW"}
    ctx = matcher._context("Peking University, Beijing, China", tokenize("Peking University, Beijing, China"))
    assert {c[0] for c in ctx.countries} == {"CN"}


def test_an_acronym_the_text_spells_out_is_not_another_bearer_of_its_letters(matcher):
    """ "Center for Advanced Studies (CAS)" says what its CAS stands for: not the Chinese Academy of Sciences."""
    assert ids(matcher, "Center for Advanced Studies (CAS), Beijing, China") == []
    assert ids(matcher, "Institute of Physics, CAS, Beijing, China") == [CAS]
    assert ids(matcher, "Chinese Academy of Sciences (CAS), Beijing, China") == [CAS]


def test_line_break_and_tab_escapes_of_harvested_metadata_are_spaces():
    """ "#N#", "#R#" and "#TAB#" (line break and tab escapes in harvested affiliation strings) split a name
    no more than a space does."""
    reg = RorRegistry(
        [_org("0dddddd11", "Swiss Federal Laboratories for Materials Science", "CH", "Dübendorf")]
    )
    m = AffiliationMatcher(reg)
    for text in (
        "Empa - Swiss Federal Laboratories#R#for Materials Science, Dübendorf, Switzerland",
        "#N##TAB#Swiss Federal#N#   Laboratories for Materials Science",
    ):
        assert [x.ror_id for x in m.match(text)] == ["https://ror.org/0dddddd11"], text
    assert [t.norm for t in tokenize("Ear#N#Hospital")] == ["ear", "hospital"]


def test_composite_name_reports_the_related_institution_it_names():
    """ "Beijing Chao-Yang Hospital, Capital Medical University" is one record whose name names the university
    it records as related (an affiliated hospital, not a child): both are reported; an unrelated name
    inside a composite one is not."""
    from dataclasses import replace

    from rsec.engine.evidence.ror import RorRelationship

    hosp = _org("0eeeeee11", "Beijing Chao-Yang Hospital, Capital Medical University", "CN", "Beijing")
    uni = _org("0eeeeee22", "Capital Medical University", "CN", "Beijing")
    rel = (RorRelationship("related", uni.id, "Capital Medical University"),)
    m = AffiliationMatcher(RorRegistry([replace(hosp, relationships=rel), uni]))
    assert [x.ror_id for x in m.match("Beijing Chao-Yang Hospital, Capital Medical University")] == [
        hosp.id,
        uni.id,
    ]
    m = AffiliationMatcher(RorRegistry([hosp, uni]))
    assert [x.ror_id for x in m.match("Beijing Chao-Yang Hospital, Capital Medical University")] == [hosp.id]


def _generic_registry() -> RorRegistry:
    """ "Cancer Research Center", "National Research Centre" and filler names that make their words common;
    one record lies in the French region "Centre"."""
    from dataclasses import replace

    return RorRegistry(
        [
            _org("0fffff011", "National Research Centre", "EG", "Cairo"),
            _org("0fffff022", "Cancer Research Center", "US", "Bethesda"),
            replace(_org("0fffff033", "Université d'Orléans", "FR", "Orléans"), subdivision="Centre"),
            *(
                _org(f"0fffff1{k}{k}", f"{w} National Cancer Research Center", "GB", "London")
                for k, w in enumerate(("Alpha", "Beta", "Gamma", "Delta"))
            ),
        ]
    )


def test_a_region_named_by_a_common_word_is_no_place():
    """ "Centre" is a French region, but in "National Research Center for …" it is a word of the name: a
    generic name still needs its location, which the word does not give."""
    m = AffiliationMatcher(_generic_registry())
    text = "National Research Center for Computer Science"
    assert m.match(text) == []
    ctx = m._context(text, tokenize(text))
    assert not ctx.location_token_idx
    assert [x.ror_id for x in m.match("National Research Centre, Cairo, Egypt")] == [
        "https://ror.org/0fffff011"
    ]


def test_a_generic_name_continued_to_the_left_by_a_distinctive_word_is_another_name():
    """ "Fred Hutchinson Cancer Research Center" is not the registry's "Cancer Research Center", though the
    country agrees; the generic name standing alone is."""
    m = AffiliationMatcher(_generic_registry())
    assert m.match("Public Health Division, Fred Hutchinson Cancer Research Center, Seattle, WA, USA") == []
    assert [x.ror_id for x in m.match("Cancer Research Center, Bethesda, MD, USA")] == [
        "https://ror.org/0fffff022"
    ]
    assert [x.ror_id for x in m.match("Dept of Surgery, Cancer Research Center, MD 20892, USA")] == [
        "https://ror.org/0fffff022"
    ]


def test_a_place_at_the_edge_of_a_fuzzily_matched_segment_is_evidence_not_name():
    """ "Ministry of Healthcare of the Russian Federation" is near the name "Ministry of Healthcare" (an
    Azerbaijani record): the country ending the segment is not part of the name, so it contradicts."""
    reg = RorRegistry(
        [
            _org("0aaaab011", "Ministry of Healthcare", "AZ", "Baku"),
            _org(
                "0aaaab022",
                "Pavlov First Saint Petersburg State Medical University",
                "RU",
                "Saint Petersburg",
            ),
        ]
    )
    m = AffiliationMatcher(reg)
    text = "Pavlov First Saint Petersburg State Medical University, Ministry of Healthcare of the Russian Federation"
    assert [x.ror_id for x in m.match(text)] == ["https://ror.org/0aaaab022"]
    assert [x.ror_id for x in m.match("Ministry of Healthcare of Azerbaijan, Baku")] == [
        "https://ror.org/0aaaab011"
    ]


def test_a_name_cited_without_its_founders_initials_resolves():
    """ "Vavilov Research Institute of Plant Industry" is the registry's "N.I. Vavilov …" (with its country);
    initials before a common word are an acronym, not a person: "College of Engineering" is not "B.M.S.
    College of Engineering"."""
    reg = RorRegistry(
        [
            _org("0aaaac011", "N.I. Vavilov Research Institute of Plant Industry", "RU", "Saint Petersburg"),
            _org("0aaaac022", "B.M.S. College of Engineering", "IN", "Bengaluru"),
            *(
                _org(f"0aaaac1{k}{k}", f"{w} College", "IN", "Delhi")
                for k, w in enumerate(("Alpha", "Beta", "Gamma"))
            ),
        ]
    )
    m = AffiliationMatcher(reg)
    text = "Dagestan Experiment Station, Vavilov Research Institute of Plant Industry, Derbent, Russia"
    assert [x.ror_id for x in m.match(text)] == ["https://ror.org/0aaaac011"]
    assert m.match("Department of Physics, College of Engineering, Bengaluru, India") == []
    assert [x.ror_id for x in m.match("B.M.S. College of Engineering, Bengaluru, India")] == [
        "https://ror.org/0aaaac022"
    ]


def test_a_capital_u_after_a_name_is_university_but_us_stays_a_country():
    """ "Syracuse U, Dept of Psychology" and "Ghent U." abbreviate University; "U.S." and "U1011" do not."""
    assert [t.norm for t in tokenize("Syracuse U, Dept of Psychology")] == [
        "syracuse",
        "university",
        "department",
        "psychology",
    ]
    assert [t.norm for t in tokenize("Ghent U.")] == ["ghent", "university"]
    assert [t.norm for t in tokenize("Argonne National Laboratory U.S. Department")][3] == "us"
    assert [t.norm for t in tokenize("INSERM U1011")] == ["inserm", "u", "1011"]
    reg = RorRegistry([_org("0aaaad011", "Syracuse University", "US", "Syracuse")])
    assert [
        x.ror_id for x in AffiliationMatcher(reg).match("Syracuse U, Dept of Psychology, Syracuse, NY")
    ] == ["https://ror.org/0aaaad011"]


def test_a_swapped_name_followed_by_college_is_another_institution():
    """ "Oslo University" is the University of Oslo; "Oslo University College" is another institution."""
    reg = RorRegistry([_org("0aaaae011", "University of Oslo", "NO", "Oslo")])
    m = AffiliationMatcher(reg)
    assert [x.ror_id for x in m.match("Department of Physics, Oslo University, Norway")] == [
        "https://ror.org/0aaaae011"
    ]
    assert m.match("Faculty of Health Sciences, Oslo University College, Norway") == []


def _with_acronym(rid: str, name: str, acronym: str, country: str, city: str):
    from dataclasses import replace

    from rsec.engine.evidence.ror import RorName

    org = _org(rid, name, country, city)
    return replace(org, names=(*org.names, RorName(acronym, None, ("acronym",))))


def test_an_acronym_inside_a_phrase_needs_its_city():
    """ "SFR Condorcet FR 3417" (a research federation in Reims) is not the Société Française de Radiologie
    (Paris) for the country alone; standing alone, or with its city, the acronym still counts."""
    reg = RorRegistry([_with_acronym("0aaaaf011", "Société Française de Radiologie", "SFR", "FR", "Paris")])
    m = AffiliationMatcher(reg)
    assert m.match("Research Unit EA 4707, SFR Condorcet FR 3417, Reims, France") == []
    assert [x.ror_id for x in m.match("SFR, Reims, France")] == ["https://ror.org/0aaaaf011"]
    assert [x.ror_id for x in m.match("SFR Condorcet FR 3417, Paris, France")] == [
        "https://ror.org/0aaaaf011"
    ]


def test_new_york_is_a_city_as_well_as_a_state():
    """ "New York, NY" names the city: an institution there has its city's support ("NYU Grossman School of
    Medicine" needs it, the acronym sitting inside a phrase)."""
    reg = RorRegistry([_with_acronym("0aaaaf022", "New York University", "NYU", "US", "New York")])
    m = AffiliationMatcher(reg)
    text = "Department of Population Health, NYU Grossman School of Medicine, New York, NY, USA"
    assert [x.ror_id for x in m.match(text)] == ["https://ror.org/0aaaaf022"]


def test_a_letter_glued_to_what_follows_is_no_initial():
    """ "U.P.C. C/Gran Capitan" is the acronym UPC, then an address ("C/" for calle): the "C" glued to the
    slash does not join the initials; "U.S." and "M. D. Anderson" still do."""
    assert [t.norm for t in tokenize("U.P.C. C/Gran Capitan")][:2] == ["upc", "c"]
    assert [t.norm for t in tokenize("U.S. Army")] == ["us", "army"]
    assert [t.norm for t in tokenize("M. D. Anderson")] == ["md", "anderson"]
    reg = RorRegistry(
        [_with_acronym("0aaaba011", "Universitat Politècnica de Catalunya", "UPC", "ES", "Barcelona")]
    )
    text = "Departament d'Enginyeria Electronica U.P.C. C/Gran Capitan s/n 08034 Barcelona España"
    assert [x.ror_id for x in AffiliationMatcher(reg).match(text)] == ["https://ror.org/0aaaba011"]


def test_a_swapped_name_is_not_completed_by_a_place():
    """The swapped form of "Shanghai Normal University" ("University Shanghai Normal") is no head "University
    Shanghai" completed by the town of Normal (Illinois) named elsewhere in the text."""
    reg = RorRegistry(
        [
            _org("0aaabb011", "Shanghai Normal University", "CN", "Shanghai"),
            _org("0aaabb022", "Illinois State University", "US", "Normal"),
        ]
    )
    m = AffiliationMatcher(reg)
    assert m.match("School of Life Science, East Normal University, Shanghai 200062, China") == []
    assert [x.ror_id for x in m.match("Shanghai Normal University, Shanghai 200234, China")] == [
        "https://ror.org/0aaabb011"
    ]


def test_a_chinese_name_the_registry_has_only_in_english_resolves():
    """A record without a Chinese label is found through the English rendering of the Chinese name: the place
    romanised, then the kind of institution ("广州医科大学" → Guangzhou Medical University); traditional
    characters fold first ("國立臺灣大學" → National Taiwan University)."""
    reg = RorRegistry(
        [
            _org("0aaabc011", "National Taiwan University", "TW", "Taipei"),
            _org("0aaabc022", "Guangzhou Medical University", "CN", "Guangzhou"),
        ]
    )
    m = AffiliationMatcher(reg)
    assert [x.ror_id for x in m.match("國立臺灣大學醫學院")] == ["https://ror.org/0aaabc011"]
    (hit,) = m.match("广州医科大学附属第一医院, 广州 510120")
    assert hit.ror_id == "https://ror.org/0aaabc022" and "English form" in hit.explanation
    assert m.match("南京医科大学") == []  # another place: no such record


def test_a_school_named_at_its_university_resolves_to_the_university():
    """ "Geisel School of Medicine at Dartmouth" is Dartmouth College's medical school."""
    reg = RorRegistry([_org("0aaabd011", "Dartmouth College", "US", "Hanover")])
    m = AffiliationMatcher(reg)
    text = "Department of Microbiology, Geisel School of Medicine at Dartmouth, Hanover, New Hampshire, USA"
    (hit,) = m.match(text)
    assert hit.ror_id == "https://ror.org/0aaabd011" and "after 'at'" in hit.explanation
    assert m.match("Geisel School of Medicine, Hanover, New Hampshire, USA") == []


def test_a_shared_acronym_standing_alone_with_a_country_is_that_countrys_bearer():
    """ "UNRC - Argentina": of the two UNRCs one is Argentine; the acronym with nothing but its country is
    that one. Beside other words, or with a country where both or neither bear it, it still needs a city."""
    reg = RorRegistry(
        [
            _with_acronym("0aaabe011", "Universidad Nacional de Río Cuarto", "UNRC", "AR", "Río Cuarto"),
            _with_acronym(
                "0aaabe022", "Universidad Nacional Rosario Castellanos", "UNRC", "MX", "Mexico City"
            ),
        ]
    )
    m = AffiliationMatcher(reg)
    assert [x.ror_id for x in m.match("UNRC - Argentina")] == ["https://ror.org/0aaabe011"]
    assert [x.ror_id for x in m.match("UNRC, Mexico")] == ["https://ror.org/0aaabe022"]
    assert m.match("Department of Physics, UNRC, Argentina") == []
    assert m.match("UNRC, Chile") == []


def test_a_shared_acronym_of_a_former_institution_needs_only_its_country_among_other_names():
    """ "…, Université de Valmont, INRX, ENVV, France": of the two INRXs the French one is a former institution
    (an inactive record), whose retired acronym is no current body's there; among other names, with the country,
    it is that one. An active bearer there still needs its city or to stand beside nothing but places."""
    from dataclasses import replace

    former = replace(
        _with_acronym("0aaacx011", "Institut National de la Recherche Xylologique", "INRX", "FR", "Paris"),
        status="inactive",
    )
    abroad = _with_acronym(
        "0aaacx022", "Institut National de la Recherche Xylologique", "INRX", "MA", "Rabat"
    )
    active = _with_acronym("0aaacx033", "Centre National de la Recherche Xylologique", "CNRX", "FR", "Paris")
    lebanon = _with_acronym(
        "0aaacx044", "Conseil National de la Recherche Xylologique", "CNRX", "LB", "Beirut"
    )
    m = AffiliationMatcher(RorRegistry([former, abroad, active, lebanon]))
    text = "GenLab, Université de Valmont, INRX, ENVV, Castelnau, France"
    assert [x.ror_id for x in m.match(text)] == [former.id]
    assert [x.ror_id for x in m.match("GenLab, INRX, ENVV, Rabat, Morocco")] == [abroad.id]
    assert m.match("GenLab, Université de Valmont, CNRX, ENVV, Castelnau, France") == []
    assert m.match("GenLab, Université de Valmont, INRX, ENVV, Castelnau") == []


def test_a_hyphenated_acronym_written_without_its_hyphen_as_a_segment_resolves():
    """ "…, APHV, Service de Neurologie, …, France" is AP-HV: an acronym of two parts written without its hyphen,
    standing as a segment of its own, read as the acronym is; not inside a longer segment ("APHV Nord"), and
    not where the glued letters are another institution's acronym."""
    hv = _with_acronym("0aaacy011", "Assistance Publique – Hôpitaux de Valmont", "AP-HV", "FR", "Valmont")
    other = _with_acronym("0aaacy022", "Agence Publique – Hôpitaux de Marsac", "AP-HM", "FR", "Marsac")
    glued = _with_acronym("0aaacy033", "Association des Physiciens de Haute-Marne", "APHM", "FR", "Chaumont")
    m = AffiliationMatcher(RorRegistry([hv, other, glued]))
    text = "INSERM U999, Faculté de Médecine, APHV, Service de Neurologie, 94000 Le Kremlin, France"
    assert [x.ror_id for x in m.match(text)] == [hv.id]
    assert m.match("Laboratory of Virology, APHV Nord, 94000 Le Kremlin, France") == []
    assert [x.ror_id for x in m.match("Faculté de Médecine, APHM, Chaumont, France")] == [glued.id]


def test_an_institute_named_before_the_word_institute_resolves():
    """ "Valmoreau Institute" is the Institut Valmoreau, "Cryology Institute" the Institute of Cryology: English
    writes an institute's name before the word; as written, such a name is no unit of the university that follows
    it. Not at the end of a longer name ("Campbell Family Cryology Institute" is another institute)."""
    valmoreau = _org("0aaacz011", "Institut Valmoreau", "FR", "Villejuif")
    cryology = _org("0aaacz022", "Institute of Cryology", "FR", "Paris")
    uni = _university("0aaacz033", "Université de Marsac", "FR", "Marsac")
    m = AffiliationMatcher(RorRegistry([valmoreau, cryology, uni]))
    text = "INSERM U999, Valmoreau Institute, Université de Marsac, Villejuif 94800, France"
    assert [x.ror_id for x in m.match(text)] == [valmoreau.id, uni.id]
    text = "Cryology Institute, Université de Marsac, F-75013, Paris, France."
    assert [x.ror_id for x in m.match(text)] == [cryology.id, uni.id]
    assert [x.ror_id for x in m.match("Campbell Family Cryology Institute, Paris, France")] == []


def test_an_acronym_and_the_initials_of_its_qualifier_resolve():
    """ "INSX CVM" and "INSX-CVM" are the INSX Centre Val de Marne (an alias of the Institut National des Sciences
    Xylologiques Centre Val de Marne, acronym INSX): the institution's acronym and its qualifier's words by their
    initials. Not from a name that does not open with the institution's own acronym."""
    from dataclasses import replace

    from rsec.engine.evidence.ror import RorName

    name = "Institut National des Sciences Xylologiques Centre Val de Marne"
    insx = _with_acronym("0aaada011", name, "INSX", "FR", "Valmont")
    insx = replace(insx, names=(*insx.names, RorName("INSX Centre Val de Marne", "fr", ("alias",))))
    lyon = _with_acronym(
        "0aaada033", "Institut National des Sciences Xylologiques de Lyon", "INSX", "FR", "Lyon"
    )
    other = _org("0aaada022", "ABCD Haute Porte Royale", "FR", "Marsac")
    m = AffiliationMatcher(RorRegistry([insx, lyon, other]))
    assert [x.ror_id for x in m.match("Univ. Marsac, INSX CVM, LaMé, Tours, France")] == [insx.id]
    assert [x.ror_id for x in m.match("Univ. Marsac, INSX-CVM, LaMé, 45000 Tours, France")] == [insx.id]
    assert m.match("Laboratoire X, ABCD HPR, Tours, France") == []


def test_a_university_joined_by_a_dash_to_one_of_the_stated_country_is_not_contradicted():
    """ "The University of Valdoria-Marsac Normal University Joint Laboratory, …, China": a university joined by a
    dash to a university of the stated country opens their joint body's name, and is named; not when what follows
    the dash is a place or a body that is no university ("Valdoria Medical College-Qatar")."""
    valdoria = _university("0aaadb011", "University of Valdoria", "AU", "Valdoria")
    marsac = _university("0aaadb022", "Marsac Normal University", "CN", "Marsac")
    college = _university("0aaadb033", "Valdoria Medical College", "US", "Valdoria")
    m = AffiliationMatcher(RorRegistry([valdoria, marsac, college]))
    text = "The University of Valdoria-Marsac Normal University Joint Laboratory for Plant Science, Marsac, China"
    assert [x.ror_id for x in m.match(text)] == [valdoria.id, marsac.id]
    assert m.match("Valdoria Medical College-Qatar, Research Division, Doha, Qatar") == []


def test_a_roman_numeral_of_a_long_name_written_in_figures_resolves():
    """ "Université de Valmont 3 Paul Durand" is the Université Valmont III - Paul Durand: a Roman numeral of a name
    of four words or more written in figures; not in a shorter name ("Valmont 2" is not the "Valmont II" alias)."""
    from dataclasses import replace

    from rsec.engine.evidence.ror import RorName

    ut3 = _university("0aaadc011", "Université Valmont III - Paul Durand", "FR", "Valmont")
    two = replace(
        _university("0aaadc022", "Université Lumière Valmont", "FR", "Valmont"),
        names=(
            RorName("Université Lumière Valmont", "fr", ("ror_display", "label")),
            RorName("Valmont II", None, ("alias",)),
        ),
    )
    m = AffiliationMatcher(RorRegistry([ut3, two]))
    text = "Toxlab, INP-ENVV, Université de Valmont 3 Paul Durand, Valmont, France."
    assert [x.ror_id for x in m.match(text)] == [ut3.id]
    assert m.match("Laboratoire X, Valmont 2, France") == []


def test_forms_added_last_are_not_stored_in_the_index_cache(tmp_path):
    """The forms added after the word counts (initials, figures) are derived again on loading: a cached index has
    the same names and the same name count (which thresholds depend on) as a fresh build."""
    from rsec.engine.evidence.affiliations import AffiliationIndex

    reg = RorRegistry([_university("0aaadd011", "Université Valmont III - Paul Durand", "FR", "Valmont")])
    built = AffiliationIndex(reg)
    built.save(tmp_path / "ix.json")
    read = AffiliationIndex.load(tmp_path / "ix.json", reg)
    assert ("university", "valmont", "3", "paul", "durand") in read.names
    assert read.n_names == built.n_names and set(read.names) == set(built.names)


def test_a_hospital_named_with_its_city_last_resolves():
    """ "General Hospital Valmont" is the Valmont General Hospital: a hospital's name opening with its city, written
    with the city last; not a city that is not the hospital's own ("General Hospital Marsac")."""
    hospital = _org("0aaade011", "Valmont General Hospital", "AT", "Valmont")
    other = _org("0aaade022", "Marsac Clinic", "AT", "Marsac")
    m = AffiliationMatcher(RorRegistry([hospital, other]))
    text = "Department of Radiotherapy, University of Nowhere at the General Hospital Valmont, 1190, Austria"
    assert [x.ror_id for x in m.match(text)] == [hospital.id]
    assert m.match("Department of Radiotherapy, General Hospital Marsac, Austria") == []


def test_a_university_hospital_named_as_a_university_clinical_centre_resolves():
    """ "University Clinical Center Hans Valmer" is the University Hospital Hans Valmer (a Universitätsklinikum):
    a university hospital is often named in English as a university clinical centre; not where that is another
    institution's name."""
    hospital = _org("0aaadf011", "University Hospital Hans Valmer", "DE", "Valmont")
    uni = _university("0aaadf022", "Technical University of Valmont", "DE", "Valmont")
    own = _org("0aaadf033", "University Clinical Center Otto Marsac", "DE", "Marsac")
    namesake = _org("0aaadf044", "University Hospital Otto Marsac", "DE", "Marsac")
    m = AffiliationMatcher(RorRegistry([hospital, uni, own, namesake]))
    text = "Division of Rheumatology, University Clinical Center Hans Valmer at the Technical University of Valmont, Germany"
    assert [x.ror_id for x in m.match(text)] == [hospital.id, uni.id]
    assert [x.ror_id for x in m.match("University Clinical Center Otto Marsac, Marsac, Germany")] == [own.id]


def test_mail_and_web_addresses_are_no_part_of_a_name():
    """ "(SSF) susannah.french@usu.edu": an address is dropped before matching; words without '@' stay."""
    assert [t.norm for t in tokenize("Kyoto University; x.yamada@kyoto-u.ac.jp")] == ["kyoto", "university"]
    assert [t.norm for t in tokenize("Kyoto University www.kyoto-u.ac.jp")] == ["kyoto", "university"]
    assert [t.norm for t in tokenize("Kyoto University at Kyoto")] == ["kyoto", "university", "kyoto"]


def test_an_acronym_of_another_country_than_any_stated_is_not_meant():
    """ "Yadegar-e-Imam Khomeini (RAH) Branch; Islamic Azad University; Tehran Iran": the Royal Adelaide
    Hospital's letters, with Iran stated in another part, are not the hospital; with Australia they are."""
    reg = RorRegistry([_with_acronym("0aaabf011", "Royal Adelaide Hospital", "RAH", "AU", "Adelaide")])
    m = AffiliationMatcher(reg)
    assert m.match("College of Science, Yadegar (RAH) Shahre Rey Branch; Azad University; Tehran Iran") == []
    assert [x.ror_id for x in m.match("RAH; North Terrace; Adelaide, Australia")] == [
        "https://ror.org/0aaabf011"
    ]


def test_an_acronym_beside_a_city_of_another_country_is_not_meant():
    """ "ASRI, Seoul National University": Seoul is named, so the Israeli ASRI is not; beside its own city
    the acronym counts."""
    reg = RorRegistry(
        [
            _with_acronym("0aaabf022", "Asher Space Research Institute", "ASRI", "IL", "Haifa"),
            _org("0aaabf033", "Seoul National University", "KR", "Seoul"),
        ]
    )
    m = AffiliationMatcher(reg)
    text = "School of Electrical Engineering, ASRI, Seoul National University"
    assert [x.ror_id for x in m.match(text)] == ["https://ror.org/0aaabf033"]
    assert [x.ror_id for x in m.match("ASRI, Haifa")] == ["https://ror.org/0aaabf022"]


def test_an_acronym_defined_after_a_legal_form_is_the_texts_own():
    """ "Bundesverband der Arzneimittel-Hersteller e.V. (BAH)" spells out its letters before the legal form
    e.V.: another BAH is not meant; standing alone with its country it is."""
    reg = RorRegistry([_with_acronym("0aaabf044", "Büro für Angewandte Hydrologie", "BAH", "DE", "Berlin")])
    m = AffiliationMatcher(reg)
    assert m.match("Bundesverband der Arzneimittel-Hersteller e.V. (BAH), Bonn, Deutschland") == []
    assert [x.ror_id for x in m.match("BAH, Bonn, Deutschland")] == ["https://ror.org/0aaabf044"]


def test_a_us_city_before_a_state_code_states_the_country():
    """ "Rosemont IL": a US city, then its state's code, states the country, so a Czech institute of the same
    English name is contradicted; a lone code after the name still only supports."""
    reg = RorRegistry(
        [
            _org("0aaabf055", "Dairy Research Institute", "CZ", "Prague"),
            _org("0aaabf066", "Rosemont College", "US", "Rosemont"),
        ]
    )
    m = AffiliationMatcher(reg)
    assert m.match("Dairy Research Institute/National Dairy Council Rosemont IL") == []
    assert [x.ror_id for x in m.match("Dairy Research Institute, IL")] == ["https://ror.org/0aaabf055"]


def test_a_british_postcode_states_the_country():
    """ "Lasswade, Midlothian EH18 1HU" is in Britain: Quebec's ministry of the same English name is not meant;
    a Canadian postcode ("G1R 4X6") is no British one."""
    reg = RorRegistry([_org("0aaabf077", "Ministry of Agriculture, Fisheries and Food", "CA", "Québec")])
    m = AffiliationMatcher(reg)
    assert (
        m.match("Ministry of Agriculture, Fisheries and Food, Eskgrove, Lasswade, Midlothian EH18 1HU") == []
    )
    assert [x.ror_id for x in m.match("Ministry of Agriculture, Fisheries and Food, Québec G1R 4X6")] == [
        "https://ror.org/0aaabf077"
    ]


def test_a_university_hospital_named_in_english_is_its_local_record():
    """ "University Hospital of Tours" is the Centre Hospitalier Universitaire de Tours, "Careggi University
    Hospital" the Azienda Ospedaliero-Universitaria Careggi; but "Reims University Hospital" stays the
    University of Reims (a university of that name exists), and a bare "University Hospital" is not
    completed by a city named elsewhere."""
    reg = RorRegistry(
        [
            _org("0aaabg011", "Centre Hospitalier Universitaire de Tours", "FR", "Tours"),
            _org("0aaabg022", "Azienda Ospedaliero-Universitaria Careggi", "IT", "Florence"),
            _org("0aaabg033", "Centre Hospitalier Universitaire de Reims", "FR", "Reims"),
            _org("0aaabg044", "University of Reims", "FR", "Reims"),
        ]
    )
    m = AffiliationMatcher(reg)
    assert [
        x.ror_id for x in m.match("Department of Surgery, University Hospital of Tours, Tours, France")
    ] == ["https://ror.org/0aaabg011"]
    assert [x.ror_id for x in m.match("Careggi University Hospital, Florence, Italy")] == [
        "https://ror.org/0aaabg022"
    ]
    assert [
        x.ror_id for x in m.match("Orthopaedic Department, Reims University Hospital, Reims, France")
    ] == ["https://ror.org/0aaabg044"]
    assert m.match("Clinical Chemistry, University Hospital, Sart-Tilman, Tours, France") == []


def test_a_name_in_another_word_order_resolves_unless_it_is_inside_a_longer_name():
    """ "Polytechnic University of Marche" is the Marche Polytechnic University and "University Federico II
    Naples" the University of Naples Federico II; but "Trinity Translational Medicine Institute" is no
    "Institute of Translational Medicine", "State University of Iowa" no Iowa State University, and "New York
    City" no "City of New York"."""
    reg = RorRegistry(
        [
            _org("0aaabh011", "Marche Polytechnic University", "IT", "Ancona"),
            _org("0aaabh022", "University of Naples Federico II", "IT", "Naples"),
            _org("0aaabh033", "Institute of Translational Medicine", "GB", "Liverpool"),
            _org("0aaabh044", "Iowa State University", "US", "Ames"),
            _org("0aaabh055", "City of New York", "US", "New York"),
            _org("0aaabh066", "Xi'an Technological University", "CN", "Xi'an"),
            # "city" a common word of names, as in the registry
            *(
                _org(f"0aaabh1{k}1", f"{w} City Hospital", "GB", "Leeds")
                for k, w in enumerate(("Ash", "Elm", "Oak"))
            ),
        ]
    )
    m = AffiliationMatcher(reg)
    assert [x.ror_id for x in m.match("Polytechnic University of Marche")] == ["https://ror.org/0aaabh011"]
    text = "Department of Neuroscience and Dentistry, University Federico II  Naples Italy"
    (hit,) = m.match(text)
    assert hit.ror_id == "https://ror.org/0aaabh022" and "another order" in hit.explanation
    assert m.match("Trinity Translational Medicine Institute") == []
    assert m.match("State University of Iowa College of Medicine") == []
    # "Technological" and "Technology" are one word to the matcher, but not one institution in another order
    assert (
        m.match("Department of Computer Science, Xi'an University of Technology, Xi'an 710048, China") == []
    )
    assert m.match("Columbia-Presbyterian Medical Center, New York City, USA") == []


def test_a_name_cited_with_abbreviated_words_resolves():
    """Citation indexes abbreviate: "Univ. Minn.", "R. Inst. of Technol.", "Univ Calif Berkeley". Each written
    word must equal the name's word, each abbreviated one begin it, in order and one to one; "Univ. Mich." is
    not Minnesota, and "Ph.D." (nothing written out) is not "PHV Dialysezentrum"."""
    reg = RorRegistry(
        [
            _org("0aaabi011", "University of Minnesota", "US", "Minneapolis"),
            _org("0aaabi022", "Royal Institute of Technology", "SE", "Stockholm"),
            _org("0aaabi033", "PHV Dialysezentrum", "DE", "Berlin"),
            _org("0aaabi044", "University of California, Berkeley", "US", "Berkeley"),
        ]
    )
    m = AffiliationMatcher(reg)
    (hit,) = m.match("Dep. Chem., Univ. Minn., Minneapolis, MN 55455, USA")
    assert hit.ror_id == "https://ror.org/0aaabi011" and "abbreviated words" in hit.explanation
    assert [
        x.ror_id for x in m.match("Dept. of Electron. Syst., R. Inst. of Technol., Stockholm, Sweden")
    ] == ["https://ror.org/0aaabi022"]
    assert [x.ror_id for x in m.match("Dept Chem, Univ Calif Berkeley, Berkeley, CA 94720 USA")] == [
        "https://ror.org/0aaabi044"
    ]
    assert m.match("Dep. Chem., Univ. Mich., Ann Arbor, MI 48109, USA") == []
    assert m.match("Ph.D., Assistant Professor, Department of Management") == []


def test_a_head_completed_by_a_country_must_stand_by_itself_or_beside_it():
    """ "University of Pittsburgh Graduate School of Public Health, Pittsburgh, USA" is no "Graduate School USA"
    even where "graduate" is a rare word; the segment "Graduate School, USA" still is."""
    reg = RorRegistry(
        [
            _org("0aaabj011", "University of Pittsburgh", "US", "Pittsburgh"),
            _org("0aaabj022", "Graduate School USA", "US", "Washington"),
        ]
    )
    m = AffiliationMatcher(reg)
    text = "Department of Microbiology, University of Pittsburgh Graduate School of Public Health, Pittsburgh, USA"
    assert [x.ror_id for x in m.match(text)] == ["https://ror.org/0aaabj011"]
    assert [x.ror_id for x in m.match("Graduate School, USA")] == ["https://ror.org/0aaabj022"]


def test_a_college_of_a_named_university_is_not_the_college_its_words_spell():
    """ "University of Ulsan College of Medicine" is the university's medical college, not Ulsan College; a
    name of its own ("Ulsan College, Ulsan") still is."""
    reg = RorRegistry(
        [
            _org("0aaabj033", "Ulsan College", "KR", "Ulsan"),
            _org("0aaabj044", "Asan Medical Center", "KR", "Seoul"),
        ]
    )
    m = AffiliationMatcher(reg)
    text = "Department of Surgery, University of Ulsan College of Medicine, Asan Medical Center, Seoul, Korea"
    assert [x.ror_id for x in m.match(text)] == ["https://ror.org/0aaabj044"]
    assert [x.ror_id for x in m.match("Department of Nursing, Ulsan College, Ulsan, Korea")] == [
        "https://ror.org/0aaabj033"
    ]


def test_capital_initials_with_spaces_are_one_word_as_with_full_stops():
    """ "Dr B R Ambedkar" and "Dr. B. R. Ambedkar", "K J Somaiya" and "K.J. Somaiya" are read alike; lower-case
    single letters ("Universidad de A Coruña", "Ciencia y Tecnologia") and letters across a comma stay apart."""
    assert [t.norm for t in tokenize("Dr B R Ambedkar")] == [t.norm for t in tokenize("Dr. B. R. Ambedkar")]
    assert [t.norm for t in tokenize("K J Somaiya")] == ["kj", "somaiya"]
    assert [t.norm for t in tokenize("Ciencia y Tecnologia")] == ["ciencia", "y", "tech"]
    assert [t.norm for t in tokenize("Division A, B Building")] == ["division", "a", "b", "building"]
    reg = RorRegistry(
        [
            _org(
                "0aaabk011",
                "Dr. B. R. Ambedkar National Institute of Technology Jalandhar",
                "IN",
                "Jalandhar",
            )
        ]
    )
    text = (
        "Department of Chemistry, Dr B R Ambedkar National Institute of Technology, Jalandhar, Punjab, India"
    )
    assert [x.ror_id for x in AffiliationMatcher(reg).match(text)] == ["https://ror.org/0aaabk011"]


def _university(rid: str, name: str, country: str, city: str):
    from dataclasses import replace

    return replace(_org(rid, name, country, city), types=("education",))


def _display_and_alias(display: str, alias: str) -> tuple:
    """The names of a record displayed as ``display`` and also known as ``alias`` (English)."""
    from rsec.engine.evidence.ror import RorName

    return (RorName(display, "en", ("ror_display", "label")), RorName(alias, "en", ("alias",)))


def test_the_opening_words_of_one_universitys_name_with_its_place_resolve():
    """ "Wageningen University, Wageningen" is Wageningen University & Research (no other name opens so);
    not without a place, not the opening of a campus ("Yonsei University Wonju Campus") nor of a name another
    record shares."""
    reg = RorRegistry(
        [
            _university("0aaabl011", "Wageningen University & Research", "NL", "Wageningen"),
            _university("0aaabl022", "Yonsei University", "KR", "Seoul"),
            _university("0aaabl033", "Yonsei University Wonju Campus", "KR", "Wonju"),
            _university("0aaabl044", "Ege University of Applied Sciences", "TR", "Izmir"),
            _org("0aaabl055", "Ege University Hospital", "TR", "Izmir"),
        ]
    )
    m = AffiliationMatcher(reg)
    (hit,) = m.match("Laboratory of Molecular Biology, Wageningen University, Wageningen, The Netherlands")
    assert hit.ror_id == "https://ror.org/0aaabl011"
    assert m.match("Wageningen University") == []
    assert [x.ror_id for x in m.match("College of Health Sciences, Yonsei University, Wonju, Korea")] == [
        "https://ror.org/0aaabl022"
    ]
    assert m.match("Department of Physics, Ege University, Izmir, Turkey") == []


def test_a_cjk_name_ending_a_longer_word_is_not_that_name():
    """ "持田製薬(株)富士中央研究所" is Mochida's Fuji central laboratory, not the registry's "中央研究所" (a label of
    Toyota's laboratories); the name standing alone, or after a legal form ("国立大学法人東北大学") or an
    institution it is affiliated to ("…大学附属…医院"), still counts."""
    from dataclasses import replace

    from rsec.engine.evidence.ror import RorName

    toyota = _org("0aaabm011", "Toyota Central R&D Labs", "JP", "Nagakute")
    toyota = replace(toyota, names=(*toyota.names, RorName("中央研究所", "ja", ("label",))))
    tohoku = _org("0aaabm022", "Tohoku University", "JP", "Sendai")
    tohoku = replace(tohoku, names=(*tohoku.names, RorName("東北大学", "ja", ("label",))))
    ruijin = _org("0aaabm033", "Ruijin Hospital", "CN", "Shanghai")
    ruijin = replace(ruijin, names=(*ruijin.names, RorName("瑞金医院", "zh", ("label",))))
    m = AffiliationMatcher(RorRegistry([toyota, tohoku, ruijin]))
    assert m.match("持田製薬(株)富士中央研究所") == []
    assert [x.ror_id for x in m.match("中央研究所")] == ["https://ror.org/0aaabm011"]
    assert [x.ror_id for x in m.match("国立大学法人東北大学大学院理学研究科")] == [
        "https://ror.org/0aaabm022"
    ]
    assert [x.ror_id for x in m.match("上海交通大学医学院附属瑞金医院")] == ["https://ror.org/0aaabm033"]


def test_a_japanese_word_in_kunrei_shiki_is_read_in_hepburn_when_the_registry_knows_only_that():
    """ "University of Tukuba" (Kunrei-shiki) is the University of Tsukuba; a word the registry itself writes
    in Kunrei-shiki ("Kyusyu Nyugyo") stays as written."""
    reg = RorRegistry(
        [
            _org("0aaabn011", "University of Tsukuba", "JP", "Tsukuba"),
            _org("0aaabn022", "Kyusyu Nyugyo", "JP", "Fukuoka"),
        ]
    )
    m = AffiliationMatcher(reg)
    assert [x.ror_id for x in m.match("Graduate School of Medicine University of Tukuba Ibaraki Japan")] == [
        "https://ror.org/0aaabn011"
    ]
    assert [x.ror_id for x in m.match("Kyusyu Nyugyo, Fukuoka, Japan")] == ["https://ror.org/0aaabn022"]
    assert [t.norm for t in tokenize("Tukuba Kyusyu", {"tsukuba": 1, "kyusyu": 1})] == ["tsukuba", "kyusyu"]


def test_a_number_in_a_fuzzily_matched_name_must_be_in_the_text():
    """ "UMR MA 102" is not the unit "UMR_MA 2102" (a close spelling, another number); the same number is."""
    reg = RorRegistry([_org("0aaabo011", "UMR_MA 2102", "FR", "Dijon")])
    m = AffiliationMatcher(reg)
    assert m.match("LEESU, Université Paris-Est (UMR MA 102), Créteil, France") == []
    assert [x.ror_id for x in m.match("Procédés Alimentaires, (UMR MA 2102), Dijon, France")] == [
        "https://ror.org/0aaabo011"
    ]


def test_initials_in_a_list_of_authors_are_no_acronym():
    """ "(G.B.M., B.M.S., M.M.)" lists authors' initials: B.M.S. is not Bristol-Myers Squibb; the acronym
    standing alone, or dotted but alone in its parentheses, still is."""
    reg = RorRegistry([_with_acronym("0aaabp011", "Bristol-Myers Squibb", "BMS", "US", "New York")])
    m = AffiliationMatcher(reg)
    text = "University of Washington School of Medicine, Seattle, Washington (G.B.M., B.M.S., M.M., S.A.P.)"
    assert m.match(text) == []
    assert [x.ror_id for x in m.match("Discovery Chemistry, B.M.S., New York, USA")] == [
        "https://ror.org/0aaabp011"
    ]


def test_a_kind_of_university_before_university_of_x_is_another_institution():
    """ "Agricultural University of Krakow" is not the University of Kraków (Jagiellonian); "Department of
    Economics University of Oviedo" still is the University of Oviedo (a department, not a kind)."""
    reg = RorRegistry(
        [
            _org("0aaabq011", "University of Kraków", "PL", "Kraków"),
            _org("0aaabq022", "University of Oviedo", "ES", "Oviedo"),
        ]
    )
    m = AffiliationMatcher(reg)
    assert m.match("Department of Soil Science, Agricultural University of Krakow, Kraków, Poland") == []
    assert [x.ror_id for x in m.match("Institute of History, University of Krakow, Kraków, Poland")] == [
        "https://ror.org/0aaabq011"
    ]
    assert [x.ror_id for x in m.match("Department of Economics University of Oviedo Oviedo, Spain")] == [
        "https://ror.org/0aaabq022"
    ]


def test_the_institutions_own_acronym_elsewhere_in_the_string_supports_its_name():
    """ "KTH Mechanics, Royal Institute of Technology": KTH, the institution's acronym, written beside a
    generic name is evidence for it; the name alone gets no such support."""
    reg = RorRegistry([_with_acronym("0aaabr011", "Royal Institute of Technology", "KTH", "SE", "Stockholm")])
    m = AffiliationMatcher(reg)
    (hit,) = m.match("KTH Mechanics, Royal Institute of Technology")
    assert (
        hit.ror_id == "https://ror.org/0aaabr011"
        and "its acronym 'KTH' is also in the text" in hit.explanation
    )
    (alone,) = m.match("Department of Mechanics, Royal Institute of Technology")
    assert "also in the text" not in alone.explanation


def test_a_chinese_hospital_name_with_its_university_names_the_university_too():
    """ "复旦大学附属中山医院" (Zhongshan Hospital affiliated to Fudan University) names both, as "Zhongshan Hospital,
    Fudan University" does; a CJK name without 附属 does not report the name it opens with."""
    from dataclasses import replace

    from rsec.engine.evidence.ror import RorName, RorRelationship

    fudan = _university("0aaabs011", "Fudan University", "CN", "Shanghai")
    fudan = replace(fudan, names=(*fudan.names, RorName("复旦大学", "zh", ("label",))))
    zs = _org("0aaabs022", "Zhongshan Hospital", "CN", "Shanghai")
    zs = replace(
        zs,
        names=(*zs.names, RorName("复旦大学附属中山医院", "zh", ("label",))),
        relationships=(RorRelationship("related", fudan.id, "Fudan University"),),
    )
    m = AffiliationMatcher(RorRegistry([fudan, zs]))
    assert {x.ror_id for x in m.match("复旦大学附属中山医院心内科")} == {fudan.id, zs.id}
    assert [x.ror_id for x in m.match("复旦大学")] == [fudan.id]


def test_a_generic_name_after_a_place_that_is_not_its_city_is_another_name():
    """ "Bethesda" opens "Bethesda Cancer Research Center" there, the generic name's own city: it counts; a
    place that is not its city ("Moscow Cancer Research Center", Moscow being a city of the registry) makes
    it another institution, even with the country stated."""
    from dataclasses import replace

    base = _generic_registry()
    reg = RorRegistry([*base, replace(_org("0fffff044", "Moscow State University", "RU", "Moscow"))])
    m = AffiliationMatcher(reg)
    assert [x.ror_id for x in m.match("Bethesda Cancer Research Center, USA")] == [
        "https://ror.org/0fffff022"
    ]
    assert m.match("Laboratory 5, Moscow Cancer Research Center, USA") == []


def test_a_units_generic_name_needs_its_city():
    """A department's name of common words is some institution's unit in every country: "Department of
    Cancer Research, Alpha College, Leeds, UK" is not the registry's London record of that name; with its city
    it is."""
    base = _generic_registry()
    reg = RorRegistry(
        [
            *base,
            *(
                _org(f"0fffff2{k}{k}", f"Department of Cancer Research {w}", "GB", "York")
                for k, w in enumerate(("Alpha", "Beta", "Gamma"))
            ),
            _org("0fffff055", "Department of Cancer Research", "GB", "London"),
        ]
    )
    m = AffiliationMatcher(reg)
    assert m.match("Department of Cancer Research, Alpha College, Leeds, UK") == []
    assert [x.ror_id for x in m.match("Department of Cancer Research, London, UK")] == [
        "https://ror.org/0fffff055"
    ]


def test_a_state_code_inside_a_university_name_is_the_state():
    """ "University of CA–Davis", "University of NSW": right after "University (of)" a state's postal code is
    the state; elsewhere ("Davis, CA") it stays a place code."""
    reg = RorRegistry(
        [
            _university("0aaabt011", "University of California, Davis", "US", "Davis"),
            _university("0aaabt022", "University of New South Wales", "AU", "Sydney"),
        ]
    )
    m = AffiliationMatcher(reg)
    (hit,) = m.match("Department of Otolaryngology, University of CA–Davis Sacramento, USA")
    assert hit.ror_id == "https://ror.org/0aaabt011" and "CA read as California" in hit.explanation
    assert [
        x.ror_id for x in m.match("St Vincent's Clinical School, University of NSW, Sydney, Australia")
    ] == ["https://ror.org/0aaabt022"]
    assert m.match("Department of Surgery, Sutter Health, Davis, CA, USA") == []


def test_a_school_at_a_universitys_acronym_is_that_university():
    """ "David Geffen School of Medicine at UCLA": the university after "at" by its acronym, when one
    university alone bears it; the acronym of a company ("at IBM") or of several universities is not read so."""
    reg = RorRegistry(
        [
            _with_acronym("0aaabu011", "University of California, Los Angeles", "UCLA", "US", "Los Angeles"),
            _with_acronym("0aaabu022", "International Business Machines", "IBM", "US", "Armonk"),
        ]
    )
    from dataclasses import replace

    reg = RorRegistry(
        [replace(reg["https://ror.org/0aaabu011"], types=("education",)), reg["https://ror.org/0aaabu022"]]
    )
    m = AffiliationMatcher(reg)
    (hit,) = m.match("From the Department of Medicine, David Geffen School of Medicine at UCLA.")
    assert hit.ror_id == "https://ror.org/0aaabu011" and "after 'at'" in hit.explanation
    assert m.match("Research Division, Business School at IBM.") == []


def test_a_name_continued_with_of_is_another_institution():
    """ "Tokyo University of Agriculture" is not "Tokyo University", "Edinburgh College of Art" not Edinburgh
    College: a name ending in University / Institute / College / Academy that the text continues with "of"
    and a word none of its institution's names continues with. A college "of" another registry institution
    ("Baruch College of the City University of New York") is still named, and so is a name the
    institution itself continues ("University of X of Y" where that is its name)."""
    reg = RorRegistry(
        [
            _university("0aaabv011", "Tokyo University", "JP", "Tokyo"),
            _university("0aaabv022", "Edinburgh College", "GB", "Edinburgh"),
            _university("0aaabv033", "Baruch College", "US", "New York"),
            _university("0aaabv044", "City University of New York", "US", "New York"),
            _university("0aaabv055", "Lanzhou University", "CN", "Lanzhou"),
        ]
    )
    m = AffiliationMatcher(reg)
    assert m.match("Department of Biology, Tokyo University of Agriculture, Tokyo, Japan") == []
    assert m.match("Edinburgh College of Art, Edinburgh, UK") == []
    assert [x.ror_id for x in m.match("Department of Biology, Tokyo University, Tokyo, Japan")] == [
        "https://ror.org/0aaabv011"
    ]
    assert [x.ror_id for x in m.match("Baruch College of the City University of New York")] == [
        "https://ror.org/0aaabv033",
        "https://ror.org/0aaabv044",
    ]
    assert m.match("College of Chemistry, Lanzhou University of Arts and Science, Lanzhou, China") == []
    assert [x.ror_id for x in m.match("College of Chemistry, Lanzhou University, Lanzhou, China")] == [
        "https://ror.org/0aaabv055"
    ]


def test_a_units_name_after_a_distinctive_word_is_part_of_a_longer_name():
    """ "William Mitchell College of Law" is not the registry's "College of Law" (a unit word opening the
    name, right after a capitalised distinctive word); the name standing alone still counts."""
    reg = RorRegistry([_university("0aaabw011", "College of Law", "AU", "Sydney")])
    m = AffiliationMatcher(reg)
    assert m.match("William Mitchell College of Law, Saint Paul, Australia") == []
    (hit,) = m.match("College of Law, Sydney, Australia")
    assert hit.ror_id == "https://ror.org/0aaabw011"


def test_italian_degli_studi_is_the_university_of_the_city():
    """ "Università degli Studi di Pisa" (and "Univ. degli Studi Pisa") is the Università di Pisa; the words
    "degli Studi" are dropped after the head word on both sides, so a registry name written with them is
    found from the short form too."""
    reg = RorRegistry(
        [
            _university("0aaabx011", "Università di Pisa", "IT", "Pisa"),
            _university("0aaabx022", "Università degli Studi di Milano-Bicocca", "IT", "Milan"),
        ]
    )
    m = AffiliationMatcher(reg)
    for text in (
        "Dipartimento di Psichiatria, Università degli Studi di Pisa, Pisa, Italy",
        "Dip. di Agronomia, Univ. degli Studi Pisa, I-56124 Pisa, Italy",
    ):
        assert [x.ror_id for x in m.match(text)] == ["https://ror.org/0aaabx011"], text
    assert [x.ror_id for x in m.match("Università di Milano-Bicocca, Milan, Italy")] == [
        "https://ror.org/0aaabx022"
    ]
    assert tokenize("Studi di Pisa")[0].norm == "studi"  # only after the head word


def test_united_states_written_as_us_opens_the_same_name():
    """ "U.S. Naval Academy" is the United States Naval Academy, and "United States Army Research Laboratory"
    the registry's "US Army Research Laboratory": the country opening a name written either way."""
    reg = RorRegistry(
        [
            _university("0aaaby011", "United States Naval Academy", "US", "Annapolis"),
            _org("0aaaby022", "US Army Research Laboratory", "US", "Adelphi"),
        ]
    )
    m = AffiliationMatcher(reg)
    assert [x.ror_id for x in m.match("Department of Physics, U.S. Naval Academy, Annapolis, MD")] == [
        "https://ror.org/0aaaby011"
    ]
    assert [x.ror_id for x in m.match("United States Army Research Laboratory, Adelphi, MD 20783")] == [
        "https://ror.org/0aaaby022"
    ]
    assert m.match("Department of Physics, U.S. Academy, Annapolis, MD") == []


def test_a_hyphenated_acronym_is_one_acronym():
    """ "AP-HP" (Assistance Publique – Hôpitaux de Paris) and "EMBL-EBI" are acronyms written with a hyphen: read
    whole, with their city or country like any shared acronym, not inside a longer chain ("ICE/CSIC-IEEC-X")."""
    reg = RorRegistry(
        [
            _with_acronym("0aaabz011", "Assistance Publique – Hôpitaux de Paris", "AP-HP", "FR", "Paris"),
            _with_acronym("0aaabz022", "European Bioinformatics Institute", "EMBL-EBI", "GB", "Hinxton"),
        ]
    )
    m = AffiliationMatcher(reg)
    assert [x.ror_id for x in m.match("Service de Cardiologie, AP-HP, Paris, France")] == [
        "https://ror.org/0aaabz011"
    ]
    assert [x.ror_id for x in m.match("Haemophilia Centre, AP‐HP Bicêtre Hospital, Paris, France")] == [
        "https://ror.org/0aaabz011"
    ]
    assert [x.ror_id for x in m.match("EMBL-EBI, Hinxton, UK")] == ["https://ror.org/0aaabz022"]
    assert m.match("AP-HP-X consortium, Paris, France") == []
    assert m.match("Service de Cardiologie, AP-HP, Montreal, Canada") == []  # another country


def test_a_school_opening_with_its_universitys_acronym_is_that_university():
    """ "NYU Grossman School of Medicine": a school phrase opened by the acronym one university alone bears;
    not a company's acronym, nor one several universities share, nor the acronym inside a longer phrase."""
    reg = RorRegistry(
        [
            _with_acronym("0aaaca011", "New York University", "NYU", "US", "New York"),
            _with_acronym("0aaaca022", "University College Dublin", "UCD", "IE", "Dublin"),
            _with_acronym("0aaaca033", "University of California, Davis", "UCD", "US", "Davis"),
            _with_acronym("0aaaca044", "International Business Machines", "IBM", "US", "Armonk"),
        ]
    )
    from dataclasses import replace

    reg = RorRegistry(
        [replace(o, types=("education",)) if o.id != "https://ror.org/0aaaca044" else o for o in reg]
    )
    m = AffiliationMatcher(reg)
    (hit,) = m.match("Department of Orthopedic Surgery, NYU Grossman School of Medicine, Brooklyn, NY, USA")
    assert hit.ror_id == "https://ror.org/0aaaca011" and "named 'NYU'" in hit.explanation
    assert m.match("Department of Surgery, UCD School of Medicine, Belfield") == []  # two universities
    assert m.match("IBM Watson School of Medicine") == []  # a company's acronym
    assert m.match("Department of Surgery, Former NYU Grossman School of Medicine") == []


def test_a_hospital_written_before_its_university_is_the_registrys_composed_name():
    """ "Seoul Paik Hospital, Inje University" is the registry's "Inje University Seoul Paik Hospital" (the
    university's name first), reported with the university; not when the record is no part of the institution
    that follows, and not for a unit before its parent ("Faculty of Pharmacy, University of X" stays X)."""
    from dataclasses import replace

    from rsec.engine.evidence.ror import RorRelationship

    inje = _university("0aaacb011", "Inje University", "KR", "Busan")
    paik = replace(
        _org("0aaacb022", "Inje University Seoul Paik Hospital", "KR", "Seoul"),
        relationships=(RorRelationship("parent", inje.id, "Inje University"),),
    )
    other = _org("0aaacb033", "Inje University Haeundae Paik Hospital", "KR", "Busan")  # no relationship
    belgrade = _university("0aaacb044", "University of Belgrade", "RS", "Belgrade")
    faculty = replace(
        _org("0aaacb055", "University of Belgrade Faculty of Pharmacy", "RS", "Belgrade"),
        relationships=(RorRelationship("parent", belgrade.id, "University of Belgrade"),),
    )
    m = AffiliationMatcher(RorRegistry([inje, paik, other, belgrade, faculty]))
    found = m.match("Department of Orthopedic Surgery, Seoul Paik Hospital, Inje University, Seoul, Korea")
    assert [x.ror_id for x in found] == [paik.id, inje.id]
    assert "written after the unit's" in found[0].explanation
    assert [x.ror_id for x in m.match("Haeundae Paik Hospital, Inje University, Busan, Korea")] == [inje.id]
    text = "Department of Pharmacokinetics, Faculty of Pharmacy, University of Belgrade, Belgrade, Serbia"
    assert [x.ror_id for x in m.match(text)] == [belgrade.id]


def test_a_campus_record_gives_way_when_the_text_names_another_campus_of_its_family():
    """ "University of Massachusetts, Worcester" is not UMass *Boston* (display name ending with its own city,
    matched by a name without it) when Worcester is where a sibling stands, in the registry or by the name a
    relationship gives ("UNSW Canberra"); another city alone is no reason ("Liverpool Hospital, University of
    New South Wales, Liverpool"), nor is a region ending the display name ("… University of New Jersey")."""
    from dataclasses import replace

    from rsec.engine.evidence.ror import RorRelationship

    system = RorRelationship("parent", "https://ror.org/0aaacc099", "University of Massachusetts System")
    boston = replace(
        _university("0aaacc011", "University of Massachusetts Boston", "US", "Boston"),
        names=_display_and_alias("University of Massachusetts Boston", "University of Massachusetts"),
        relationships=(system,),
    )
    chan = replace(
        _university("0aaacc022", "University of Massachusetts Chan Medical School", "US", "Worcester"),
        relationships=(system,),
    )
    unsw = replace(
        _university("0aaacc033", "UNSW Sydney", "AU", "Sydney"),
        names=_display_and_alias("UNSW Sydney", "University of New South Wales"),
        relationships=(RorRelationship("child", "https://ror.org/0aaacc098", "UNSW Canberra"),),
    )
    rutgers = replace(
        _university("0aaacc044", "Rutgers, The State University of New Jersey", "US", "New Brunswick"),
        names=_display_and_alias("Rutgers, The State University of New Jersey", "Rutgers University"),
    )
    places = [
        _org("0aaacc055", "Liverpool Hospital", "AU", "Liverpool"),
        _university("0aaacc066", "Australian National University", "AU", "Canberra"),
        _university("0aaacc077", "New Jersey Institute of Technology", "US", "Newark"),
        _org("0aaacc088", "Jersey General Hospital", "JE", "Jersey"),
    ]
    m = AffiliationMatcher(RorRegistry([boston, chan, unsw, rutgers, *places]))

    def found(text: str) -> list[str]:
        return [x.ror_id for x in m.match(text)]

    # what it does: a sibling's city named, the campus's not
    assert boston.id not in found("University of Massachusetts Medical Center, Worcester, USA")
    assert unsw.id not in found("School of Science, University of New South Wales, Canberra, Australia")
    # what it must not do: the campus's own city named, no city at all, a city of no family member
    assert found("University of Massachusetts, Boston, MA, USA") == [boston.id]
    assert found("Department of Physics, University of Massachusetts, USA") == [boston.id]
    text = "Department of Cardiology, Liverpool Hospital, University of New South Wales, Liverpool, Australia"
    assert unsw.id in found(text)
    # a state ending the display name is no campus
    assert found("Department of Zoology and Physiology Rutgers University Newark, NJ") == [rutgers.id]


def test_a_kind_of_institution_is_one_record_only_with_its_city():
    """ "Government Post Graduate College" is an alias of the one in Rawalpindi, but another record is
    "Government Post Graduate College, Karak": with another city named (Mansehra) the alias is no evidence for
    Rawalpindi's; with its city, or no city, it still is; and a parent whose branches bear its name with their
    city ("University of Texas System" / "University of Texas at Austin") keeps its name."""
    from dataclasses import replace

    from rsec.engine.evidence.ror import RorRelationship

    rawalpindi = replace(
        _university("0aaacd011", "Government College Asghar Mall Rawalpindi", "PK", "Rawalpindi"),
        names=_display_and_alias(
            "Government College Asghar Mall Rawalpindi", "Government Post Graduate College"
        ),
    )
    karak = _university("0aaacd022", "Government Post Graduate College, Karak", "PK", "Karak")
    mansehra = _org("0aaacd033", "District Headquarters Hospital Mansehra", "PK", "Mansehra")
    system = replace(
        _university("0aaacd044", "The University of Texas System", "US", "Austin"),
        names=_display_and_alias("The University of Texas System", "University of Texas"),
        relationships=(
            RorRelationship("child", "https://ror.org/0aaacd055", "University of Texas Arlington"),
        ),
    )
    arlington = replace(
        _university("0aaacd055", "University of Texas Arlington", "US", "Arlington"),
        relationships=(RorRelationship("parent", system.id, "The University of Texas System"),),
    )
    houston = _org("0aaacd066", "Houston Methodist", "US", "Houston")
    m = AffiliationMatcher(RorRegistry([rawalpindi, karak, mansehra, system, arlington, houston]))

    def found(text: str) -> list[str]:
        return [x.ror_id for x in m.match(text)]

    (hit,) = m.match("Department of Botany, Government Post Graduate College, Rawalpindi, Pakistan")
    assert hit.ror_id == rawalpindi.id
    assert rawalpindi.id not in found(
        "Department of Chemistry, Government Post Graduate College, Mansehra, Pakistan"
    )
    assert found("Government Post Graduate College, Pakistan") == [rawalpindi.id]
    assert found("Government Post Graduate College, Karak, Pakistan") == [karak.id]
    assert found("Department of Radiology, The University of Texas Medical School, Houston, TX 77030") == [
        system.id
    ]


def test_a_possessive_name_is_one_word():
    """ "King's" (an alias of King's College Hospital) is one word and its possessive, weak as any one-word
    name: "King's Buildings" (a campus of the University of Edinburgh) is not the hospital."""
    from dataclasses import replace

    kch = replace(
        _org("0aaace011", "King's College Hospital", "GB", "London"),
        names=_display_and_alias("King's College Hospital", "King's"),
    )
    edinburgh = _university("0aaace022", "University of Edinburgh", "GB", "Edinburgh")
    m = AffiliationMatcher(RorRegistry([kch, edinburgh]))
    text = (
        "Institute of Evolutionary Biology, University of Edinburgh, King’s Buildings, Edinburgh EH9 3JT, UK"
    )
    assert [x.ror_id for x in m.match(text)] == [edinburgh.id]
    assert [x.ror_id for x in m.match("Department of Surgery, King's College Hospital, London, UK")] == [
        kch.id
    ]


def test_a_university_hospital_of_a_place_without_its_own_record_is_the_university():
    """ "University Hospital of Siena" with no record of that name is read as the University of Siena (as
    "Siena University Hospital" already is); not when the hospital has a record (the CHU de Tours, whose
    French name reads "University Hospital of Tours"), not a named hospital ("Reina Sofia University Hospital
    of Cordoba"), and not without "of" ("University Hospital Leipzig")."""
    siena = _university("0aaacf011", "University of Siena", "IT", "Siena")
    tours = _university("0aaacf022", "University of Tours", "FR", "Tours")
    chu = _org("0aaacf033", "Centre Hospitalier Universitaire de Tours", "FR", "Tours")
    cordoba = _university("0aaacf044", "University of Córdoba", "ES", "Córdoba")
    leipzig = _university("0aaacf055", "University of Leipzig", "DE", "Leipzig")
    m = AffiliationMatcher(RorRegistry([siena, tours, chu, cordoba, leipzig]))

    def found(text: str) -> list[str]:
        return [x.ror_id for x in m.match(text)]

    (hit,) = m.match("Department of Cardiology, University Hospital of Siena, Siena, Italy")
    assert hit.ror_id == siena.id and "read as its university" in hit.explanation
    assert found("Department of Urology, University Hospital of Tours, Tours, France") == [chu.id]
    assert found("UGC Cardiology, Reina Sofia University Hospital of Cordoba, Cordoba, Spain") == []
    assert found("Department of Surgery, University Hospital Leipzig, Leipzig, Germany") == []


def test_a_swapped_head_is_completed_by_its_place():
    """ "Texas Univ., Austin" is the University of Texas at Austin (the head "University of Texas" written
    swapped, completed by the place in the text), as "University of Texas, Austin" is; not when the swapped
    head goes on in its segment ("Texas University of Arts, Austin")."""
    from dataclasses import replace

    system = replace(
        _university("0aaacg011", "The University of Texas System", "US", "Austin"),
        names=_display_and_alias("The University of Texas System", "University of Texas"),
    )
    austin = _university("0aaacg022", "The University of Texas at Austin", "US", "Austin")
    m = AffiliationMatcher(RorRegistry([system, austin]))
    assert [x.ror_id for x in m.match("IC2 Inst., Texas Univ., Austin, TX, USA")] == [austin.id]
    assert [x.ror_id for x in m.match("Dept. of Physics, University of Texas, Austin, TX, USA")] == [
        austin.id
    ]
    assert austin.id not in [x.ror_id for x in m.match("Texas University of Arts, Austin, TX, USA")]


def test_a_single_word_opening_a_sites_name_is_no_institution():
    """ "Wellcome Genome Campus" is a site named after the Wellcome Trust (alias "Wellcome"), not the trust:
    a one-word name opening a phrase of capitalised words that ends with a site word (campus, building, road
    …) is weaker; the word alone still counts as the one-word name it is."""
    from dataclasses import replace

    trust = replace(
        _org("0aaach011", "Wellcome Trust", "GB", "London"),
        names=_display_and_alias("Wellcome Trust", "Wellcome"),
    )
    sanger = _org("0aaach022", "Wellcome Sanger Institute", "GB", "Hinxton")
    m = AffiliationMatcher(RorRegistry([trust, sanger]), MatcherConfig(single_token_max_df=1.0))
    text = "Wellcome Sanger Institute, Wellcome Genome Campus, Hinxton, UK"
    assert [x.ror_id for x in m.match(text)] == [sanger.id]
    assert [x.ror_id for x in m.match("Supported by Wellcome, London, UK")] == [trust.id]


def test_a_one_word_name_written_in_capitals_standing_alone_is_as_good_as_an_acronym():
    """ "CREST, CEREMADE": a one-word name the registry writes in capitals (an alias of the Centre de Recherche
    en Mathématiques de la Décision), one institution's alone (its word in no other institution's one-word
    name, and rare), standing as a segment, is not weakened as a one-word name; inside a phrase it still is."""
    from dataclasses import replace

    from rsec.engine.evidence.ror import RorName

    ceremade = replace(
        _org("0aaaci011", "Centre de Recherche en Mathématiques de la Décision", "FR", "Paris"),
        names=(
            RorName("Centre de Recherche en Mathématiques de la Décision", "fr", ("ror_display", "label")),
            RorName("CEREMADE", "fr", ("alias",)),
        ),
    )
    unochapeco = replace(
        _university("0aaaci022", "Community University of Chapecó Region - Unochapecó", "BR", "Chapecó"),
        names=(
            RorName("Community University of Chapecó Region - Unochapecó", "en", ("ror_display", "label")),
            RorName("UNOCHAPECÓ", "pt", ("alias",)),
        ),
    )
    m = AffiliationMatcher(RorRegistry([ceremade, unochapeco]), MatcherConfig(single_token_max_df=1.0))
    (hit,) = m.match("CREST, CEREMADE")
    assert hit.ror_id == ceremade.id and "single-word" not in hit.explanation
    assert m.match("the CEREMADE seminar series") == []
    # (the word also in the institution's own display name is still its alone)
    assert [x.ror_id for x in m.match("Unochapeco.")] == [unochapeco.id]


def test_a_name_opening_with_its_city_is_completed_by_that_city_in_the_text():
    """ "University of Medical Sciences, …, Poznan, Poland" is Poznan University of Medical Sciences: a name
    that opens with its city, written without it as a segment of its own, with the city elsewhere in the
    text; not without the city, and not for a head without its own "of" ("University Medical Center,
    Amsterdam" is not read as Amsterdam University Medical Centers this way)."""
    poznan = _university("0aaacj011", "Poznan University of Medical Sciences", "PL", "Poznań")
    amsterdam = _org("0aaacj022", "Amsterdam University Medical Centers", "NL", "Amsterdam")
    m = AffiliationMatcher(RorRegistry([poznan, amsterdam]))
    text = (
        "Department of Pharmacology, University of Medical Sciences, Rokietnicka 5a, 60-806 Poznan, Poland."
    )
    (hit,) = m.match(text)
    assert hit.ror_id == poznan.id and "it opens with" in hit.explanation
    assert m.match("Department of Pharmacology, University of Medical Sciences, Poland") == []
    found = m.match("Department of Pathology, University Medical Center, Amsterdam, The Netherlands")
    assert not any("it opens with" in x.explanation for x in found)


def test_a_newly_founded_namesake_gives_way_and_a_withdrawn_duplicate_is_its_successor():
    """ "Université de Toulouse" is the name of a university founded in the registry's latest year and the
    name of a withdrawn record, a duplicate of the federal university that bore it before: the literature
    names the older institution, reported by the record the duplicate was withdrawn for. A newly founded
    institution alone with its name is still found."""
    from dataclasses import replace

    from rsec.engine.evidence.ror import RorName, RorRelationship

    federal = replace(
        _university("0aaack011", "Federal University of Valdemar", "FR", "Valdemar"),
        status="inactive",
        established=2015,
    )
    duplicate = replace(
        _university("0aaack022", "Université de Valdemar", "FR", "Valdemar"),
        names=(
            RorName("Université de Valdemar", "fr", ("ror_display", "label")),
            RorName("University of Valdemar", "en", ("label",)),
        ),
        status="withdrawn",
        relationships=(RorRelationship("successor", federal.id, "Federal University of Valdemar"),),
    )
    founded = replace(
        duplicate, id="https://ror.org/0aaack033", status="active", relationships=(), established=2025
    )
    other = replace(_university("0aaack044", "Université de Marsac", "FR", "Marsac"), established=2025)
    m = AffiliationMatcher(RorRegistry([federal, duplicate, founded, other]))
    (hit,) = m.match("Laboratoire de Chimie, Université de Valdemar, 31000 Valdemar, France")
    assert hit.ror_id == federal.id and hit.matched_id == duplicate.id
    (hit,) = m.match("University of Valdemar, Valdemar, France")
    assert hit.ror_id == federal.id
    assert [x.ror_id for x in m.match("Université de Marsac, France")] == [other.id]


def test_the_opening_words_of_a_name_followed_in_their_segment_by_places_resolve():
    """ "Vellore Institute of Technology Vellore, India" is the Vellore Institute of Technology University: the
    opening words of one university's name, followed in their segment by its city, as when they stand alone
    in it; not when other words follow."""
    vit = _university("0aaacl011", "Talmora Institute of Technology University", "IN", "Talmora")
    m = AffiliationMatcher(RorRegistry([vit]))
    (hit,) = m.match("School of Physics, Talmora Institute of Technology Talmora, India 600001")
    assert hit.ror_id == vit.id
    assert m.match("School of Physics, Talmora Institute of Technology Alumni Office, India") == []


def test_a_unit_like_name_before_an_institution_it_is_related_to_is_its_own_record():
    """ "Centre for Eye Research Australia, …, University of Melbourne": a name opening with a unit word before
    another institution is read as that institution's unit, not as the registry's record of that name, unless
    the registry relates the record to the institution that follows (an affiliated centre of its own)."""
    from dataclasses import replace

    from rsec.engine.evidence.ror import RorRelationship

    uni = _university("0aaacn011", "University of Wattleford", "AU", "Wattleford")
    centre = replace(
        _org("0aaacn022", "Centre for Retinal Research Australia", "AU", "Wattleford"),
        relationships=(RorRelationship("related", uni.id, "University of Wattleford"),),
    )
    other = _org("0aaacn033", "Centre for Soil Studies Australia", "AU", "Perth")
    m = AffiliationMatcher(RorRegistry([uni, centre, other]))
    text = "Centre for Retinal Research Australia, University of Wattleford, Wattleford, Australia"
    assert [x.ror_id for x in m.match(text)] == [centre.id, uni.id]
    text = "Centre for Soil Studies Australia, University of Wattleford, Wattleford, Australia"
    assert [x.ror_id for x in m.match(text)] == [uni.id]


def test_a_german_universitatsklinik_is_read_as_english_writes_it():
    """ "Balgrist University Hospital" is the Universitätsklinik Balgrist, as "Münster University Hospital" is
    the Universitätsklinikum Münster: "Universitätsklinik" and "Universitätsspital" open a university hospital's
    name too; a clinic "für" a speciality gets no such form."""
    klinik = _org("0aaaco011", "Universitätsklinik Valdhof", "CH", "Zurich")
    spital = _org("0aaaco022", "Universitätsspital Ostwald", "CH", "Basel")
    speciality = _org("0aaaco033", "Universitätsklinik für Neurologie", "AT", "Graz")
    m = AffiliationMatcher(RorRegistry([klinik, spital, speciality]))
    assert [x.ror_id for x in m.match("Department of Orthopaedics, Valdhof University Hospital, Zurich")] == [
        klinik.id
    ]
    assert [x.ror_id for x in m.match("Ostwald University Hospital, Basel, Switzerland")] == [spital.id]
    assert m.match("Neurologie University Hospital, Graz, Austria") == []


def test_an_acronym_of_letters_and_digits_is_read_as_an_acronym():
    """ "I2M, Aix-Marseille Univ., Marseille": an acronym of letters and digits, which the tokeniser splits,
    is looked up whole and read as an acronym (with its city or country); not glued to other words, and not
    beside a number (a postcode)."""
    from dataclasses import replace

    from rsec.engine.evidence.ror import RorName

    lab = replace(
        _org("0aaacp011", "Institut de Géométrie de Valmont", "FR", "Valmont"),
        names=(
            RorName("Institut de Géométrie de Valmont", "fr", ("ror_display", "label")),
            RorName("G3V", None, ("acronym",)),
        ),
    )
    m = AffiliationMatcher(RorRegistry([lab]))
    assert [x.ror_id for x in m.match("G3V, CNRS, Valmont, France")] == [lab.id]
    assert m.match("G3V-beta, CNRS, Valmont, France") == []
    assert m.match("Rue du Port, G3V 2AB Valmont, France") == []
    # spelt out just before it ("G3V" is G-G-G-V, a digit repeating the letter before it): another body
    text = "Groupe de Géologie en Gascogne de Valmont (G3V), Valmont, France"
    assert lab.id not in [x.ror_id for x in m.match(text)]


def test_hong_kong_named_beside_a_mainland_institution_does_not_contradict_it():
    """Hong Kong and Macao have their own country codes in ROR but are part of China: a mainland institution in
    a string that names Hong Kong (a joint laboratory with a Hong Kong university) is not contradicted, as a
    Hong Kong institution in a string that says China is not."""
    hk = _university("0aaacq011", "Harbourview University of Hong Kong", "HK", "Hong Kong")
    mainland = _university("0aaacq022", "Lianshan University", "CN", "Lianshan")
    m = AffiliationMatcher(RorRegistry([hk, mainland]))
    text = "Harbourview University of Hong Kong – Lianshan University Joint Laboratory for Marine Ecology"
    assert [x.ror_id for x in m.match(text)] == [hk.id, mainland.id]


def test_a_hospital_named_with_the_university_qualifier_is_the_registry_hospital():
    """ "Hôpital universitaire Necker–Enfants-Malades" is the registry's "Hôpital Necker-Enfants Malades", and
    "Hospital Universitario de La Ribera" its "Hospital de La Ribera": the qualifier a city's teaching hospitals
    are often given, in French or Spanish, unless the qualified form is another institution's name."""
    plain = _org("0aaacr011", "Hôpital Saint-Aurèle", "FR", "Lyon")
    ribera = _org("0aaacr022", "Hospital de La Vega", "ES", "Murcia")
    other = _org("0aaacr033", "Hospital Universitario de Los Olmos", "ES", "Madrid")
    olmos = _org("0aaacr044", "Hospital de Los Olmos", "ES", "Soria")
    m = AffiliationMatcher(RorRegistry([plain, ribera, other, olmos]))
    assert [
        x.ror_id for x in m.match("Service de Pédiatrie, Hôpital universitaire Saint-Aurèle, Lyon, France")
    ] == [plain.id]
    assert [x.ror_id for x in m.match("Hospital Universitario de La Vega, Murcia, Spain")] == [ribera.id]
    assert [x.ror_id for x in m.match("Hospital Universitario de Los Olmos, Madrid, Spain")] == [other.id]


def test_an_italian_policlinico_is_read_as_english_writes_it():
    """ "University Hospital of Tor Vergata" is the Policlinico Tor Vergata: an Italian "Policlinico" is a
    university hospital, and its name is read as English writes one."""
    poli = _org("0aaacs011", "Policlinico Monte Sereno", "IT", "Rome")
    m = AffiliationMatcher(RorRegistry([poli]))
    text = "Department of Surgery, University Hospital of Monte Sereno, Rome, Italy"
    assert [x.ror_id for x in m.match(text)] == [poli.id]


def test_a_part_made_only_of_a_country_is_the_address_of_the_parts_before_it():
    """ "School of Chemical & Life Sciences; Nanyang Polytechnic; Singapore": a ';'-part that is nothing but a
    country is the address of the parts before it, so it contradicts another country's institution there as
    fully as within one part (a country in a part of its own affiliation is otherwise weaker evidence)."""
    from dataclasses import replace

    from rsec.engine.evidence.ror import RorName

    inst = replace(
        _university("0aaact011", "Lanxi Institute of Technology", "CN", "Lanxi"),
        names=(
            RorName("Lanxi Institute of Technology", "en", ("ror_display", "label")),
            RorName("Lanxi Polytechnic", "en", ("alias",)),
        ),
    )
    m = AffiliationMatcher(RorRegistry([inst]))
    assert m.match("School of Chemical & Life Sciences; Lanxi Polytechnic; Singapore") == []
    assert [x.ror_id for x in m.match("School of Chemical & Life Sciences; Lanxi Polytechnic; China")] == [
        inst.id
    ]


def test_a_misspelt_name_followed_by_its_misspelt_city_is_compared_without_the_city():
    """ "Zaporizhya State Medical University Zaporizhya Ukraine": a segment ending with places, or with a word
    that repeats one before it (the city, spelt as the name spells it and not as the registry does), is
    compared with the registry's names without them as well."""
    uni = _university("0aaacu011", "Velikogorsk State Medical University", "UA", "Velikogorsk")
    m = AffiliationMatcher(RorRegistry([uni]))
    (hit,) = m.match("Velikogorskh State Medical University Velikogorskh Ukraine")
    assert hit.ror_id == uni.id and "similarity" in hit.explanation


def test_a_polytechnic_university_named_as_a_technical_one_resolves():
    """ "Technical University of Catalonia" is the Universitat Politècnica de Catalunya, whose English label is
    "Polytechnic University of Catalonia": a polytechnic university is often named in English as a technical
    one; not where that is another institution's name."""
    from dataclasses import replace

    upv = replace(
        _university("0aaacv011", "Universitat Politècnica de Valdoria", "ES", "Valdoria"),
        names=_display_and_alias("Universitat Politècnica de Valdoria", "Polytechnic University of Valdoria"),
    )
    poli = replace(
        _university("0aaacv022", "Politecnico di Borgoverde", "IT", "Borgoverde"),
        names=_display_and_alias("Politecnico di Borgoverde", "Polytechnic University of Borgoverde"),
    )
    tech = _university("0aaacv033", "Technical University of Borgoverde", "IT", "Borgoverde")
    m = AffiliationMatcher(RorRegistry([upv, poli, tech]))
    text = "Formal Methods Research Group, Technical University of Valdoria"
    assert [x.ror_id for x in m.match(text)] == [upv.id]
    assert [x.ror_id for x in m.match("Technical University of Borgoverde, Italy")] == [tech.id]


def test_a_laboratory_named_without_the_word_laboratory_resolves():
    """ "UMR 8523 - PhLAM-Physique des Lasers Atomes et Molécules" is the Laboratoire de Physique des Lasers,
    Atomes et Molécules: a laboratory's name without the word "laboratory", when three words or more remain;
    not a one-word remainder ("Laboratoire de Physique" is not every "Physique")."""
    lab = _org("0aaacw011", "Laboratoire de Chimie des Glaces Polaires", "FR", "Valmont")
    short = _org("0aaacw022", "Laboratoire de Cryologie", "FR", "Valmont")
    m = AffiliationMatcher(RorRegistry([lab, short]))
    text = "UMR 9999 - CGP-Chimie des Glaces Polaires, F-38000 Valmont, France."
    assert [x.ror_id for x in m.match(text)] == [lab.id]
    assert m.match("Department of Cryologie, Valmont, France") == []
