"""Each indicator on its own, positive and negative (P-3 ① due diligence: declaration vs evidence).

Records are built directly from the evidence model; names are pseudonyms.
"""

from __future__ import annotations

import datetime as dt

import pytest

from rsec.engine.evidence.model import (
    Authorship,
    Funding,
    Grant,
    InstitutionRef,
    Patent,
    PatentParty,
    PersonIds,
    Position,
    Provenance,
    Work,
)
from rsec.engine.evidence.ror import RorName, RorOrganization, RorRegistry, RorRelationship
from rsec.engine.indicators import Declaration, load_library, run_diligence
from rsec.engine.lists.model import ListEntity, Name

TODAY = dt.date(2025, 3, 31)
KYOTO = InstitutionRef(id="I22299242", name="Kyoto University", ror_id="02kpeqv85", country="JP")
LAB = InstitutionRef(
    id="I4210141960", name="Example Key Laboratory of Water", ror_id="05s6mpv98", country="CN"
)
FOREIGN_U = InstitutionRef(id="I1", name="Example Polytechnic University", ror_id="0aaaaaa11", country="CN")
DEFENCE_U = InstitutionRef(id="I2", name="National University of Defense Technology", country="CN")
TOHOKU = InstitutionRef(id="I3", name="Tohoku University", ror_id="01dq60k83", country="JP")


def ror_registry() -> RorRegistry:
    """A three-record registry: a laboratory whose parent is a (listed) university, and Kyoto."""

    def org(rid, names, country, rels=()):
        return RorOrganization(
            id=f"https://ror.org/{rid}",
            names=tuple(
                RorName(n, lang, ("ror_display",) if i == 0 else ("label",))
                for i, (n, lang) in enumerate(names)
            ),
            status="active",
            country_code=country,
            relationships=tuple(RorRelationship(t, f"https://ror.org/{i}", lab) for t, i, lab in rels),
        )

    return RorRegistry(
        [
            org(
                "01yqg2h08",
                [("Harbin Institute of Technology", "en"), ("哈尔滨工业大学", "zh")],
                "CN",
                [("child", "05s6mpv98", "Example Key Laboratory of Water")],
            ),
            org(
                "05s6mpv98",
                [("Example Key Laboratory of Water", "en")],
                "CN",
                [("parent", "01yqg2h08", "Harbin Institute of Technology")],
            ),
            org("02kpeqv85", [("Kyoto University", "en"), ("京都大学", "ja")], "JP"),
        ]
    )


def listed(
    name: str, *aliases: str, lst: str = "meti_eul", topics: tuple[str, ...] = ("export.control",)
) -> ListEntity:
    return ListEntity(
        id=f"{lst}:{abs(hash(name)) % 10**6}",
        schema="Organization",
        names=[Name.of(name)] + [Name.of(a, kind="alias") for a in aliases],
        list=lst,
        topics=list(topics),
    )


LISTS = [
    listed("Harbin Institute of Technology (HIT)", "哈爾浜工業大学"),
    listed(
        "National University of Defense Technology", lst="aspi", topics=("aspi:military", "research.defence")
    ),
    listed("Harbin Institute of Technology", lst="aspi", topics=("aspi:seven-sons", "research.defence")),
]


def declaration(**sections) -> Declaration:
    data = {
        "schema_version": "1",
        "declared_at": "2025-03-31",
        "names": {"kanji": "山田 太郎", "latin": "Taro Yamada"},
        "affiliations": [
            {
                "id": "aff-1",
                "institution": "京都大学",
                "institution_names": ["Kyoto University"],
                "ror": "02kpeqv85",
                "country": "JP",
                "start": "2012-04",
            }
        ],
    }
    data.update(sections)
    return Declaration.from_dict(data, "PERSON.json")


def work(wid: str, year: int, me_insts, coauthors=(), funding=()) -> Work:
    auths = [Authorship(author_id="A1", name="Taro Yamada", institutions=list(me_insts))]
    for n, insts in coauthors:
        auths.append(Authorship(author_id="A-" + n, name=n, institutions=list(insts)))
    return Work(
        id=wid,
        year=year,
        authorships=auths,
        funding=list(funding),
        provenance=Provenance(
            "openalex", wid, "2025-03-01", "B", f"https://openalex.org/{wid}", "works.jsonl:1"
        ),
    )


def run(decl, records, indicator, lists=LISTS, ror=None):
    lib = load_library()
    return run_diligence(
        decl, records, lists, ror=ror, library=lib, reference_date=TODAY, only=[indicator]
    ).findings


# --------------------------------------------------------------------------- listed affiliation


def test_listed_affiliation_via_ror_lineage():
    """P-3: a laboratory of a listed university is reported as that university's, with the path and source."""
    recs = [work("W1", 2023, [KYOTO, LAB])]
    fs = run(declaration(), recs, "listed_affiliation", ror=ror_registry())
    assert {f.details["list_hit"]["list"] for f in fs} == {"meti_eul", "aspi"}
    f = fs[0]
    assert f.severity == "high" and f.declaration is None
    assert f.details["list_hit"]["via"] and "05s6mpv98" in f.details["list_hit"]["via"][0]
    assert f.evidence[0].provenance[0].record_id == "W1"


def test_listed_affiliation_negative_without_lineage_or_outside_window():
    """Without the ROR registry the lab's own name matches no list; a 2015 affiliation is outside 5 years."""
    assert run(declaration(), [work("W1", 2023, [KYOTO, LAB])], "listed_affiliation") == []
    hit = InstitutionRef(name="Harbin Institute of Technology", country="CN")
    assert run(declaration(), [work("W1", 2015, [KYOTO, hit])], "listed_affiliation") == []
    assert run(declaration(), [work("W1", 2023, [KYOTO, hit])], "listed_affiliation")


def test_listed_affiliation_matches_across_scripts_and_declared_items():
    """A declared affiliation written in Japanese shinjitai (哈爾浜工業大学) matches the listed Chinese form."""
    decl = declaration(
        affiliations=[
            {
                "id": "aff-9",
                "institution": "哈尔滨工业大学",
                "country": "CN",
                "kind": "concurrent",
                "start": "2022-01",
            }
        ]
    )
    fs = run(decl, [], "listed_affiliation")
    assert fs and fs[0].declaration is not None and fs[0].declaration.ref == "aff-9"


# --------------------------------------------------------------------------- co-authors


def test_listed_coauthor_institution_within_lookback():
    """P-3: co-authors at listed / defence-linked institutions in the look-back, one finding per entity."""
    recs = [
        work("W1", 2024, [KYOTO], coauthors=[("Ming Li", [DEFENCE_U])]),
        work("W2", 2023, [KYOTO], coauthors=[("Lei Wang", [DEFENCE_U])]),
    ]
    fs = run(declaration(), recs, "listed_coauthor_institution")
    assert len(fs) == 1
    assert sorted(fs[0].details["works"]) == ["W1", "W2"] and len(fs[0].evidence) == 2


def test_listed_coauthor_institution_negative():
    old = [work("W1", 2016, [KYOTO], coauthors=[("Ming Li", [DEFENCE_U])])]
    assert run(declaration(), old, "listed_coauthor_institution") == []
    harmless = [work("W1", 2024, [KYOTO], coauthors=[("Ming Li", [TOHOKU])])]
    assert run(declaration(), harmless, "listed_coauthor_institution") == []


# --------------------------------------------------------------------------- talent programmes and foreign funding


def test_talent_programme_in_acknowledgement_not_declared_then_declared():
    """Talent programmes are found by the YAML name list, in any script; declaring lowers the severity."""
    recs = [
        work("W1", 2023, [KYOTO], funding=[Funding(funder_name="国家海外高层次人才引进计划", award_id="X-1")])
    ]
    fs = run(declaration(), recs, "talent_programme_funding")
    assert len(fs) == 1 and fs[0].status == "not_declared" and fs[0].severity == "high"
    assert fs[0].details["programme"] == "cn_thousand_talents"
    declared = declaration(
        talent_programmes=[{"id": "tp-1", "name": "Thousand Talents Program", "country": "CN"}]
    )
    fs = run(declared, recs, "talent_programme_funding")
    assert fs[0].status == "declared" and fs[0].severity == "medium" and fs[0].declaration.ref == "tp-1"


def test_talent_programme_negative():
    recs = [
        work("W1", 2023, [KYOTO], funding=[Funding(funder_name="Japan Society for the Promotion of Science")])
    ]
    assert run(declaration(), recs, "talent_programme_funding") == []


def test_talent_programme_in_position_title():
    """A researchmap / ORCID position titled after a talent programme is caught too."""
    pos = Position(
        person=PersonIds(researchmap_id="yamada_t"),
        institution=FOREIGN_U,
        title="Changjiang Scholar Chair Professor",
        start="2021-09",
        provenance=Provenance("researchmap", "rm-1", "2025-03-01", "C"),
    )
    decl = declaration(ids={"researchmap": "yamada_t"})
    fs = run(decl, [pos], "talent_programme_funding")
    assert fs and fs[0].details["programme"] == "cn_changjiang_scholars"


def test_foreign_government_funding_undeclared_only():
    nsfc = Funding(funder_name="National Natural Science Foundation of China", award_id="52270099")
    recs = [work("W1", 2023, [KYOTO], funding=[nsfc])]
    fs = run(declaration(), recs, "foreign_government_funding")
    assert len(fs) == 1 and fs[0].details["country"] == "CN"
    decl = declaration(grants=[{"funder": "NSFC", "award_id": "52270099", "funder_country": "CN"}])
    assert run(decl, recs, "foreign_government_funding") == []
    home = [
        work("W2", 2023, [KYOTO], funding=[Funding(funder_name="JSPS", funder_country="JP", award_id="1")])
    ]
    assert run(declaration(), home, "foreign_government_funding") == []


# --------------------------------------------------------------------------- undeclared / unconfirmed


def test_undeclared_affiliation_found_in_publications():
    """The central check: an appointment seen in bylines but not declared; the home institution is not flagged."""
    recs = [work("W1", 2023, [KYOTO, FOREIGN_U]), work("W2", 2022, [KYOTO])]
    fs = run(declaration(), recs, "undeclared_affiliation")
    assert [f.details["institution"] for f in fs] == ["Example Polytechnic University"]
    assert fs[0].declaration is None and fs[0].declaration_label["en"] == "not declared"
    assert fs[0].severity == "high" and fs[0].evidence[0].provenance[0].record_id == "W1"


def test_undeclared_affiliation_domestic_is_low_and_declared_is_silent():
    recs = [work("W1", 2023, [KYOTO, TOHOKU])]
    fs = run(declaration(), recs, "undeclared_affiliation")
    assert len(fs) == 1 and fs[0].severity == "low"
    decl = declaration(
        affiliations=[
            {"institution": "京都大学", "ror": "02kpeqv85", "start": "2012-04"},
            {"institution": "Tohoku University", "kind": "visiting", "start": "2022-04"},
        ]
    )
    assert run(decl, recs, "undeclared_affiliation") == []


def test_undeclared_affiliation_from_positions_matched_by_ids():
    """Positions count only when they carry the declared person's identifier."""
    mine = Position(
        person=PersonIds(kaken_id="90000001"),
        institution=FOREIGN_U,
        start="2021-04",
        provenance=Provenance("kaken", "90000001", "2025-03-01", "A"),
    )
    other = Position(
        person=PersonIds(kaken_id="90000002"),
        institution=TOHOKU,
        start="2021-04",
        provenance=Provenance("kaken", "90000002", "2025-03-01", "A"),
    )
    decl = declaration(ids={"kaken": "90000001"})
    fs = run(decl, [mine, other], "undeclared_affiliation")
    assert [f.details["institution"] for f in fs] == ["Example Polytechnic University"]


def test_undeclared_funding_and_patent():
    recs = [
        work("W1", 2023, [KYOTO], funding=[Funding(funder_name="Example Foundation", award_id="EF-7")]),
        Patent(
            id="CN116000001A",
            title="Reactor",
            inventors=[PatentParty("YAMADA TARO", role="inventor")],
            applicants=[PatentParty("EXAMPLE CORP", role="applicant")],
            filing_date="2023-02-14",
            provenance=Provenance("lens", "000-1", "2025-03-01", "B"),
        ),
    ]
    assert len(run(declaration(), recs, "undeclared_funding")) == 1
    assert len(run(declaration(), recs, "undeclared_patent")) == 1
    decl = declaration(
        grants=[{"funder": "Example Foundation", "award_id": "EF-7"}],
        patents=[{"number": "CN116000001", "title": "Reactor"}],
    )
    assert run(decl, recs, "undeclared_funding") == []
    assert run(decl, recs, "undeclared_patent") == []


def test_unconfirmed_declaration_only_where_evidence_was_loaded():
    decl = declaration(
        ids={"kaken": "90000001"},
        grants=[{"id": "g-1", "funder": "JSPS", "award_id": "21H01234", "start": "2021-04"}],
    )
    # works loaded (affiliation confirmed); a grant record of the person, but not this grant → unconfirmed
    other_grant = Grant(
        id="23K00001",
        funder="JSPS",
        researcher_ids=["90000001"],
        provenance=Provenance("kaken", "23K00001", "2025-03-01", "A"),
    )
    fs = run(decl, [work("W1", 2023, [KYOTO]), other_grant], "unconfirmed_declaration")
    assert [f.declaration.ref for f in fs] == ["g-1"] and fs[0].status == "unconfirmed"
    # no evidence of any kind loaded: nothing can be said
    assert run(decl, [], "unconfirmed_declaration") == []
    # the grant acknowledged on a work confirms it
    acked = work("W2", 2022, [KYOTO], funding=[Funding(funder_name="JSPS", award_id="JP21H01234")])
    assert run(decl, [acked], "unconfirmed_declaration") == []


# --------------------------------------------------------------------------- patents and partners


def test_foreign_patent_owner():
    """P-3 / M-5: the researcher is inventor on a patent owned by a foreign party (country from the office)."""
    p = Patent(
        id="EP1",
        title="Sensor",
        inventors=[PatentParty("Yamada, Taro", "JP", "inventor")],
        applicants=[PatentParty("Example GmbH", "DE", "applicant")],
        filing_date="2022-01-01",
        provenance=Provenance("epo-ops", "EP1", "2025-03-01", "A"),
    )
    fs = run(declaration(), [p], "foreign_patent_owner")
    assert len(fs) == 1 and fs[0].status == "foreign" and fs[0].severity == "medium"
    domestic = Patent(
        id="JP1",
        inventors=[PatentParty("Yamada, Taro", "JP")],
        applicants=[PatentParty("Kyoto Univ", "JP")],
        provenance=Provenance("epo-ops", "JP1", "", "A"),
    )
    not_me = Patent(
        id="EP2",
        inventors=[PatentParty("Suzuki, Jiro", "JP")],
        applicants=[PatentParty("Example GmbH", "DE")],
        provenance=Provenance("epo-ops", "EP2", "", "A"),
    )
    assert run(declaration(), [domestic, not_me], "foreign_patent_owner") == []


def test_partner_category_severity_from_yaml():
    """ASPI categories map to severities in the YAML data: military → high, civilian → medium."""
    lists = LISTS + [listed("Anhui University", lst="aspi", topics=("aspi:civilian",))]
    decl = declaration(
        partners=[
            {"institution": "Anhui University", "country": "CN"},
            {"institution": "National University of Defense Technology"},
        ]
    )
    fs = {f.details["list_hit"]["entity_name"]: f for f in run(decl, [], "partner_category", lists=lists)}
    assert fs["National University of Defense Technology"].severity == "high"
    assert fs["Anhui University"].severity == "medium"
    assert (
        run(declaration(partners=[{"institution": "Tohoku University"}]), [], "partner_category", lists=lists)
        == []
    )


@pytest.mark.parametrize("indicator", [i.id for i in load_library().indicators])
def test_every_indicator_runs_quietly_on_a_clean_case(indicator):
    """A researcher whose evidence matches the declaration raises nothing (no indicator fires by default)."""
    recs = [
        work(
            "W1",
            2023,
            [KYOTO],
            coauthors=[("Hanako Sato", [KYOTO])],
            funding=[Funding(funder_name="JSPS", award_id="21H01234", funder_country="JP")],
        )
    ]
    decl = declaration(grants=[{"funder": "日本学術振興会", "award_id": "21H01234"}])
    assert run(decl, recs, indicator, ror=ror_registry()) == []
