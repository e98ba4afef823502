"""ORCID, Crossref, KAKEN, researchmap, Lens and EPO OPS readers on real (or pseudonymised) records (P-3)."""

from __future__ import annotations

import pytest

from rsec.engine.evidence.model import Author, Patent, Position, Work
from rsec.engine.evidence.readers import EvidenceFormatError, read_evidence

EV = "evidence"


def _by_type(records):
    out: dict[str, list] = {}
    for r in records:
        out.setdefault(type(r).__name__, []).append(r)
    return out


@pytest.mark.parametrize("name", ["record-3.0.xml", "record-full-3.0.json"])
def test_orcid_full_record_xml_and_json(fixtures_dir, name):
    """P-3 declared vs ORCID: person, employments/educations…, works with DOI, fundings."""
    recs = _by_type(read_evidence("orcid", fixtures_dir / EV / "orcid" / name))
    (author,) = recs["Author"]
    assert author.orcid and author.ids.orcid == author.orcid and author.names
    kinds = {p.kind for p in recs["Position"]}
    assert {
        "employment",
        "education",
        "invited-position",
        "membership",
        "service",
        "qualification",
        "distinction",
    } <= kinds
    emp = [p for p in recs["Position"] if p.kind == "employment"]
    assert emp[0].institution.name and emp[0].institution.country == "AF" and emp[0].start.startswith("1948")
    assert author.affiliations and author.affiliations[0].institution.name == emp[0].institution.name
    assert recs["Work"] and recs["Grant"]
    assert all(r.provenance.source == "orcid" and r.provenance.reliability in "AC" for r in recs["Position"])


def test_orcid_json_keeps_the_doi_and_grades_by_source(fixtures_dir):
    recs = _by_type(read_evidence("orcid", fixtures_dir / EV / "orcid" / "record-full-3.0.json"))
    (work,) = recs["Work"]
    assert work.doi == "10.1087/20120404"  # the value "work:doi" is not a DOI and is skipped
    grades = {g.provenance.reliability for g in recs["Grant"]}
    assert grades == {"A", "C"}  # one funding asserted by a member client, one self-asserted


def test_orcid_single_items_and_sections(fixtures_dir):
    (work,) = read_evidence("orcid", fixtures_dir / EV / "orcid" / "work-3.0.xml")
    assert isinstance(work, Work) and work.owner.orcid == "8888-8888-8888-8880"
    positions = list(read_evidence("orcid", fixtures_dir / EV / "orcid" / "employments-3.0.xml"))
    assert len(positions) == 2 and all(isinstance(p, Position) and p.kind == "employment" for p in positions)
    (person,) = read_evidence("orcid", fixtures_dir / EV / "orcid" / "person-3.0.xml")
    assert isinstance(person, Author) and person.orcid == "8888-8888-8888-8880"


def test_orcid_xml_entities_are_refused(tmp_path):
    """XML is read without entity expansion (billion-laughs style input is refused, with the file named)."""
    path = tmp_path / "evil.xml"
    path.write_text('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><record>&a;</record>')
    with pytest.raises(EvidenceFormatError) as err:
        list(read_evidence("orcid", path))
    assert "evil.xml" in str(err.value)


def test_crossref_work_with_funder_award_and_affiliations(fixtures_dir):
    (w,) = read_evidence("crossref", fixtures_dir / EV / "crossref" / "work_10.1111_raq.12953.json")
    assert w.doi == "10.1111/raq.12953" and w.year == 2024 and w.date == "2024-07-30"
    assert [(f.funder_id, f.award_id) for f in w.funding] == [("10.13039/501100010197", "FHF 901890")]
    assert [a.position for a in w.authorships] == ["first", "middle", "last"]
    assert w.authorships[1].orcid == "0000-0003-0077-8077"
    assert len(w.authorships[1].raw_affiliations) == 2


def test_kaken_researcher_json(fixtures_dir):
    """P-3 grants and positions: KAKEN researcher number, affiliations, projects with members and roles."""
    recs = _by_type(read_evidence("kaken", fixtures_dir / EV / "kaken" / "researchers_pseudonymised.json"))
    (a,) = recs["Author"]
    assert (
        a.ids.erad_id == "99990001"
        and ("山田 花子", "ja") in a.names
        and ("ヤマダ ハナコ", "ja-Kana") in a.names
    )
    current = [p for p in recs["Position"] if not p.end]
    assert current[0].institution.name == "架空大学" and current[0].institution.id == "erad:9990001000"
    assert {p.institution.name for p in recs["Position"]} == {"架空大学", "見本工業大学"}
    g = {g.id: g for g in recs["Grant"]}
    assert g["KAKENHI-PROJECT-99000002"].role == "principal_investigator"
    assert "99990002" in g["KAKENHI-PROJECT-99000001"].researcher_ids
    assert g["KAKENHI-PROJECT-99000001"].programme == "重点領域研究"  # category, Japanese first
    assert all(r.provenance.reliability == "A" for r in recs["Grant"])
    assert recs["Work"][0].year == 2016


def test_kaken_grant_xml(fixtures_dir):
    grants = list(read_evidence("kaken", fixtures_dir / EV / "kaken" / "grants_invented.xml"))
    assert [g.id for g in grants] == ["KAKENHI-PROJECT-99000001", "KAKENHI-PROJECT-99000002"]
    g = grants[0]
    assert (g.amount, g.currency, g.start, g.end) == (16900000, "JPY", "2019-04-01", "2022-03-31")
    assert [(m.role, m.ids.erad_id) for m in g.members] == [
        ("principal_investigator", "99990002"),
        ("co_investigator_buntan", "99990001"),
    ]
    assert g.members[1].institution.name == "見本工業大学"
    assert grants[1].start == "2023" and grants[1].amount is None


def test_kaken_grant_xml_missing_id(tmp_path):
    path = tmp_path / "g.xml"
    path.write_text(
        "<grantAwardList><grantAward><summary><title>x</title></summary></grantAward></grantAwardList>"
    )
    with pytest.raises(EvidenceFormatError) as err:
        list(read_evidence("kaken", path))
    assert err.value.location == "grantAward[1]" and err.value.field == "id"


def test_researchmap_export_lines(fixtures_dir):
    recs = _by_type(
        read_evidence("researchmap", fixtures_dir / EV / "researchmap" / "export_pseudonymised.jsonl")
    )
    (a,) = recs["Author"]
    assert a.ids.researchmap_id == "R000999999" and a.ids.erad_id == "99990001"
    assert ("山田 花子", "ja") in a.names and ("HANAKO YAMADA", "en") in a.names
    kinds = sorted(p.kind for p in recs["Position"])
    assert kinds == ["education", "employment", "employment", "employment"]
    exp = [p for p in recs["Position"] if p.start == "2025-08"][0]
    assert exp.end == ""  # researchmap's 9999 = to the present
    (w,) = recs["Work"]
    assert w.doi == "10.9999/example.2024.001" and w.owner_roles == ["lead", "corresponding"]
    (g,) = recs["Grant"]
    assert g.role == "principal_investigator" and g.funder == "見本財団"
    assert all(r.provenance.reliability == "C" for r in recs["Position"] + recs["Work"])


def test_researchmap_api_graph(fixtures_dir):
    recs = _by_type(
        read_evidence("researchmap", fixtures_dir / EV / "researchmap" / "api_graph_pseudonymised.json")
    )
    (w,) = recs["Work"]
    assert w.owner.researchmap_id == "R000888888" and [a.position for a in w.authorships] == [
        "first",
        "middle",
        "last",
    ]
    assert w.provenance.url == "https://researchmap.jp/taro_mihon/published_papers/90000001"
    assert recs["Grant"][0].start == "2024-04"


def test_lens_exports_both_column_sets(fixtures_dir):
    cur = list(read_evidence("lens", fixtures_dir / EV / "lens" / "lens_current_excerpt.csv"))
    old = list(read_evidence("lens", fixtures_dir / EV / "lens" / "lens_older_excerpt.csv"))
    assert len(cur) == 4 and len(old) == 4 and all(isinstance(p, Patent) for p in cur + old)
    p = cur[0]
    assert p.id == "US9833479B2" and p.jurisdiction == "US" and p.priority_date == "2014-07-30"
    assert [i.name for i in p.inventors][:2] == ["CONWAY ANTHONY", "COST GREGORY J"]
    assert p.owners[0].name == "SANGAMO THERAPEUTICS INC"  # "(2017-01-05)" assignment date stripped
    assert len(p.priority_claims) == 3 and p.provenance.record_id == "004-833-779-175-375"
    assert old[1].applicants[0].name == "EFREMKIN ARTEM P"


def test_lens_missing_column(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("Jurisdiction,Title\nUS,x\n")
    with pytest.raises(EvidenceFormatError) as err:
        list(read_evidence("lens", path))
    assert err.value.field == "Lens ID" and "x.csv" in str(err.value)


def test_epo_ops_biblio_parties_with_countries(fixtures_dir):
    (p,) = read_evidence("epo-ops", fixtures_dir / EV / "epo_ops" / "get_biblio.xml")
    assert (p.id, p.family, p.jurisdiction) == ("EP2400812A1", "43088294", "EP")
    assert [(a.name, a.country) for a in p.applicants] == [("9SOLUTIONS OY", "FI")]
    assert [i.country for i in p.inventors] == ["FI", "FI", "FI"]
    assert p.priority_claims == ["EP20100167109"] and p.priority_date == "2010-06-24"
    assert p.publication_date == "2011-12-28" and p.title == "BLUETOOTH NETWORKING"
    assert p.classifications[0] == "H04W 84/20"
    assert len(list(read_evidence("epo-ops", fixtures_dir / EV / "epo_ops" / "get_biblio_multiple.xml"))) == 3
    family = list(read_evidence("epo-ops", fixtures_dir / EV / "epo_ops" / "get_family.xml"))
    assert len(family) == 5 and {f.family for f in family} == {"43088294"}


def test_epo_ops_fault_is_an_error(fixtures_dir):
    with pytest.raises(EvidenceFormatError, match="404"):
        list(read_evidence("epo-ops", fixtures_dir / EV / "epo_ops" / "testdata_error_404.xml"))


def test_orcid_public_data_file_tar_is_streamed_member_by_member(tmp_path, fixtures_dir):
    """ORCID's annual public data file is a tar.gz of one record per file."""
    import tarfile

    archive = tmp_path / "ORCID_summaries.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(
            fixtures_dir / EV / "orcid" / "record-3.0.xml", arcname="summaries/880/8888-8888-8888-8880.xml"
        )
        tar.add(
            fixtures_dir / EV / "orcid" / "record-full-3.0.json",
            arcname="summaries/192/0000-0002-7319-2192.json",
        )
        tar.add(fixtures_dir / EV / "orcid" / "LICENSE.orcid-model.txt", arcname="README.txt")
    authors = [r for r in read_evidence("orcid", archive) if isinstance(r, Author)]
    assert [a.orcid for a in authors] == ["8888-8888-8888-8880", "0000-0002-7319-2192"]
    assert authors[0].provenance.file.endswith("ORCID_summaries.tar.gz:summaries/880/8888-8888-8888-8880.xml")
