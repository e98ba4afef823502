"""Qualifiers (birth date, country, identifiers, schema), configuration and retrieval keys (P-3)."""

from __future__ import annotations

import pytest

from rsec.engine.lists.model import ListEntity, Name
from rsec.engine.names import DEFAULT_THRESHOLD, Matcher, MatcherConfig, Query, latin_keys


def person(name: str, **kw) -> ListEntity:
    return ListEntity(id=f"t:{name}", schema="Person", names=[Name.of(name)], list="test", **kw)


def test_birth_date_mismatch_lowers_and_match_raises_the_score():
    """P-3: a birth date on both sides confirms or weakens a name match, and the explanation says so."""
    m = Matcher()
    base = m.compare(Query("山田太郎"), person("Taro Yamada")).score
    same = m.compare(Query("山田太郎", birth_date="1960-05-01"), person("Taro Yamada", birth_dates=["1960"]))
    other = m.compare(
        Query("山田太郎", birth_date="1971-02-03"), person("Taro Yamada", birth_dates=["1960-05-01"])
    )
    assert other.score < base - 0.1
    assert same.score >= base
    assert "birth year matches" in same.explanation
    assert "birth date differs" in other.explanation
    near = m.compare(
        Query("Olaf Scholze", birth_date="1958"), person("Olaf Scholz", birth_dates=["1958-06-14"])
    )
    assert near.score > m.compare(Query("Olaf Scholze"), person("Olaf Scholz")).score


def test_country_mismatch_lowers_the_score():
    m = Matcher()
    same = m.compare(Query("Ivan Petrov", country="RU"), person("Ivan Petrov", countries=["ru"])).score
    other = m.compare(Query("Ivan Petrov", country="bg"), person("Ivan Petrov", countries=["ru"])).score
    assert other < same


def test_identifier_match_lifts_a_weak_name_match_over_the_threshold():
    """P-3: an equal passport number is strong evidence even where the name is spelt differently."""
    m = Matcher()
    entity = person("Mohammed Al-Amin Kashlaf", identifiers={"passportNumber": ["AB 123456"]})
    weak = m.compare(Query("Ahmad Kashlaf"), entity).score
    strong = m.compare(Query("Ahmad Kashlaf", identifiers={"passport": ["ab123456"]}), entity)
    assert strong.score >= DEFAULT_THRESHOLD > weak
    assert "identifier matches" in strong.explanation


def test_person_against_organisation_is_penalised():
    m = Matcher()
    org = ListEntity(id="o", schema="Organization", names=[Name.of("Taro Yamada")], list="test")
    assert (
        m.compare(Query("Taro Yamada"), org).score
        < m.compare(Query("Taro Yamada"), person("Taro Yamada")).score
    )


def test_config_is_documented_data_and_changes_behaviour():
    """Tunables are a config object that can be loaded from a mapping (e.g. YAML), not buried constants."""
    strict = Matcher(MatcherConfig.from_mapping({"birth_date_mismatch": 0.5}))
    q = Query("Ivan Petrov", birth_date="1970")
    assert strict.compare(q, person("Ivan Petrov", birth_dates=["1980"])).score <= 0.5
    with pytest.raises(ValueError, match="unknown matcher settings: nonsense"):
        MatcherConfig.from_mapping({"nonsense": 1})


def test_compare_caches_the_entity_side():
    m = Matcher()
    e = person("Taro Yamada")
    assert m.prepare(e) is m.prepare(e)


@pytest.mark.parametrize(
    "a,b,schema",
    [
        ("山田太郎", "Taro Yamada", "Person"),
        ("ミロシェヴィッチ・スロボダン", "Milosevic Slobodan", "Person"),
        ("김정은", "Kim Jong Un", "Person"),
        ("Дмитрий Медведев", "Dmitry Medvedev", "Person"),
        ("习近平", "Xi Jinping", "Person"),
        ("哈爾浜工業大学", "Harbin Institute of Technology", "Organization"),
    ],
)
def test_latin_keys_of_matching_names_overlap(a, b, schema):
    """Candidate retrieval: names that match share at least one retrieval key; keys are short Latin strings."""
    ka, kb = latin_keys(a, schema), latin_keys(b, schema)
    assert ka & kb
    assert all(k.isascii() and k == k.lower() and len(k) <= 40 for k in ka | kb)
    assert len(ka) <= 60


def test_latin_keys_drop_generic_words():
    keys = latin_keys("Tokyo University of Science", "Organization")
    assert "tokyo" in keys and "university" not in keys


def test_a_screening_run_explains_its_hits_only_and_scores_alike():
    """Bulk screening explains only what it reports: below ``explain_min`` the explanation is left out,
    the score is the same; at or above it the explanation is the full one that compare() gives."""
    m = Matcher()
    listed = person("Taro Yamada", birth_dates=["1960"])
    for query in (Query("山田太郎", birth_date="1960-05-01"), Query("Hanako Suzuki")):
        pe = m.prepare(listed)
        full = m.compare(query, listed)
        lazy = m.compare_prepared(query, listed, pe, explain_min=DEFAULT_THRESHOLD)
        assert lazy.score == full.score and lazy.matched_name == full.matched_name
        if full.score >= DEFAULT_THRESHOLD:
            assert lazy.explanation == full.explanation and "birth year matches" in lazy.explanation
            # the readings compared, written with the explanation
            assert lazy.features[0].data == full.features[0].data
            assert full.features[0].data["candidate_reading"] == "taro yamada"
        else:
            assert lazy.explanation == "" and full.explanation
    assert m.compare(Query("山田太郎"), listed).score >= DEFAULT_THRESHOLD  # both branches were taken


def test_a_company_naming_its_legal_form_is_not_an_individual():
    """A partner company (株式会社…, … Ltd) against a listed individual of a similar name: the schema
    penalty doubles when the query names its legal form and the listed name reads as a person's."""
    from rsec.engine.lists.model import ListEntity, Name
    from rsec.engine.names import Matcher, Query

    m = Matcher()
    person = ListEntity(id="p:1", schema="Person", names=[Name.of("Karim Hassan")], list="t")
    bare = m.compare(Query("Karim Hassan", "Organization"), person)
    company = m.compare(Query("Karim Hassan Ltd", "Organization"), person)
    assert "a company (legal form named) compared with an individual" in company.explanation
    assert "individual" not in bare.explanation
    assert bare.score - company.score >= m.config.schema_mismatch_legal_form - 1e-4
    org = ListEntity(id="o:1", schema="Organization", names=[Name.of("Karim Hassan Trading")], list="t")
    assert m.compare(Query("Karim Hassan Trading Ltd", "Organization"), org).score >= 0.7
