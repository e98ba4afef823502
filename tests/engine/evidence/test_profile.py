"""Evidence profile of a person / an institution: every item keeps its provenance (P-3: source, date, reliability)."""

from __future__ import annotations

from pathlib import Path

from rsec.engine.evidence.model import (
    Affiliation,
    Author,
    Authorship,
    Funding,
    Grant,
    GrantMember,
    InstitutionRef,
    Patent,
    PatentParty,
    PersonIds,
    Position,
    Provenance,
    Work,
)
from rsec.engine.evidence.profile import build_institution_profile, build_person_profile
from rsec.engine.indicators.declaration import Declaration

SHARED_DATA = Path(__file__).resolve().parents[4] / "shared" / "data"

KYOTO = InstitutionRef(name="Kyoto University", ror_id="02kpeqv85", country="JP")
FOREIGN = InstitutionRef(name="Example Polytechnic University", ror_id="0aaaaaa11", country="CN")


def decl(**extra):
    data = {
        "schema_version": "1",
        "names": {"kanji": "山田 太郎", "latin": "Taro Yamada"},
        "ids": {"orcid": "0000-0002-1825-0097", "kaken": "90000001"},
        "affiliations": [{"institution": "Kyoto University", "ror": "02kpeqv85", "start": "2012-04"}],
    }
    data.update(extra)
    return Declaration.from_dict(data)


def prov(source, rid, grade="B"):
    return Provenance(source, rid, "2025-03-01", grade, f"https://example.org/{rid}", f"{source}.json:1")


def records():
    w1 = Work(
        id="W1",
        year=2021,
        authorships=[
            Authorship(name="Taro Yamada", orcid="0000-0002-1825-0097", institutions=[KYOTO]),
            Authorship(name="Hanako Sato", institutions=[KYOTO], countries=["JP"]),
        ],
        funding=[Funding(funder_name="JSPS", award_id="21H01234", funder_country="JP")],
        provenance=prov("openalex", "W1"),
    )
    w2 = Work(
        id="W2",
        year=2023,
        authorships=[
            Authorship(name="T. Yamada", institutions=[KYOTO, FOREIGN]),
            Authorship(name="Wei Zhang", institutions=[FOREIGN], countries=["CN"]),
        ],
        provenance=prov("openalex", "W2"),
    )
    other = Work(
        id="W3",
        year=2023,
        authorships=[Authorship(name="Jiro Suzuki", institutions=[KYOTO])],
        provenance=prov("openalex", "W3"),
    )
    grant = Grant(
        id="21H01234",
        funder="JSPS",
        funder_country="JP",
        programme="基盤研究(B)",
        start="2021-04",
        members=[
            GrantMember(name="山田 太郎", role="principal_investigator", ids=PersonIds(kaken_id="90000001"))
        ],
        provenance=prov("kaken", "21H01234", "A"),
    )
    not_mine = Grant(
        id="22K00002",
        funder="JSPS",
        members=[GrantMember(name="他人", ids=PersonIds(kaken_id="90000009"))],
        provenance=prov("kaken", "22K00002", "A"),
    )
    pos = Position(
        person=PersonIds(orcid="0000-0002-1825-0097"),
        institution=FOREIGN,
        title="Visiting Professor",
        kind="invited-position",
        start="2022-09",
        provenance=prov("orcid", "put-1", "A"),
    )
    author = Author(
        id="A1",
        orcid="0000-0002-1825-0097",
        names=[("Taro Yamada", "")],
        affiliations=[Affiliation(institution=KYOTO, years=[2020, 2024])],
        provenance=prov("openalex", "A1"),
    )
    patent = Patent(
        id="JP2023000001A",
        inventors=[PatentParty("山田 太郎", "JP", "inventor")],
        applicants=[PatentParty("Kyoto University", "JP", "applicant")],
        filing_date="2023-01-10",
        provenance=prov("epo-ops", "JP2023000001A", "A"),
    )
    return [w1, w2, other, grant, not_mine, pos, author, patent]


def test_person_profile_gathers_kinds_with_provenance():
    prof = build_person_profile(decl(), records())
    assert {m.signature.work_id for m in prof.works} == {"W1", "W2"}
    by_name = {a.label: a for a in prof.affiliations}
    assert by_name["Kyoto University"].years >= {2020, 2021, 2023, 2024}
    foreign = by_name["Example Polytechnic University"]
    assert {p.record_id for p in foreign.provenance} == {"W2", "put-1"}  # byline and ORCID position merged
    assert set(foreign.data["origins"]) == {"publication", "position"}
    assert [g.data["id"] for g in prof.grants] == ["21H01234"] and prof.grants[0].provenance[
        0
    ].reliability == "A"
    assert [f.data["award_id"] for f in prof.funding] == ["21H01234"]
    assert {c.label for c in prof.coauthors} == {"Hanako Sato", "Wei Zhang"}
    assert next(c for c in prof.coauthors if c.label == "Wei Zhang").country == "CN"
    assert [p.data["number"] for p in prof.patents] == ["JP2023000001A"]
    assert all(p.retrieved == "2025-03-01" for i in prof.items() for p in i.provenance)


def test_person_profile_without_ids_relies_on_names_and_affiliations():
    d = Declaration.from_dict(
        {
            "schema_version": "1",
            "names": {"latin": "Taro Yamada"},
            "affiliations": [{"institution": "Kyoto University"}],
        }
    )
    prof = build_person_profile(d, records())
    assert prof.grants == [] and prof.positions == []  # id-bound records are not attributed by name
    assert {m.signature.work_id for m in prof.works} >= {"W1"}


def test_institution_profile_lists_partner_institutions_and_countries():
    prof = build_institution_profile(records(), ror_id="https://ror.org/0aaaaaa11")
    assert [c.label for c in prof.coauthors] == ["Kyoto University"]
    assert prof.coauthors[0].data["works"] == ["W2"] and prof.coauthors[0].provenance[0].record_id == "W2"
    kyoto = build_institution_profile(records(), names=["Kyoto University"])
    assert {c.label for c in kyoto.coauthors} == {"Example Polytechnic University"}
    assert [p.data["number"] for p in kyoto.patents] == ["JP2023000001A"]


def test_real_kaken_and_researchmap_records_are_attributed_by_identifier():
    """On real KAKEN / researchmap downloads (shared data, when present): grants and positions follow the
    declared researcher number / researchmap permalink, and no one else's records are taken."""
    import pytest

    from rsec.engine.evidence.readers import read_evidence

    kaken = SHARED_DATA / "evidence" / "kaken" / "narimatsu_capstone" / "method1_kaken_researchers.json.gz"
    rmap = SHARED_DATA / "evidence" / "researchmap" / "t_yamane_researchmap_api_items.json"
    if not (kaken.exists() and rmap.exists()):
        pytest.skip("shared data not present")
    recs = list(read_evidence("kaken", kaken))
    first = next(r for r in recs if isinstance(r, Author))
    number = first.ids.kaken_id
    d = Declaration.from_dict(
        {"schema_version": "1", "names": {"latin": "Anonymous Person"}, "ids": {"kaken": number}}
    )
    prof = build_person_profile(d, recs)
    expected = [g for g in recs if isinstance(g, Grant) and number in g.researcher_ids]
    assert expected and len(prof.grants) == len(expected)
    assert prof.positions and all(p.provenance[0].source == "kaken" for p in prof.positions)
    rm = list(read_evidence("researchmap", rmap))
    d2 = Declaration.from_dict(
        {"schema_version": "1", "names": {"latin": "Anonymous Person"}, "ids": {"researchmap": "t_yamane"}}
    )
    prof2 = build_person_profile(d2, rm)
    assert len(prof2.grants) == sum(isinstance(r, Grant) for r in rm) > 0
