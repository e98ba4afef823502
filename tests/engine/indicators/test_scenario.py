"""The full scenario (P-3 ①): a researcher (pseudonym) declared only a Japanese university, but the
publications show an undeclared appointment at a listed foreign institution and a foreign talent-programme
grant. Evidence files are real-format cuts in tests/fixtures/diligence/ (OpenAlex works JSON lines, a Lens
CSV row, METI End User List and ASPI tracker cuts, ROR v2 records)."""

from __future__ import annotations

import json

import pytest

from rsec.cli import main
from rsec.engine.evidence.ror import RorRegistry
from rsec.engine.indicators import load_declaration, run_diligence
from rsec.engine.indicators.sources import detect_source, read_evidence_dir
from rsec.engine.lists.readers import read_list


@pytest.fixture
def case(fixtures_dir):
    d = fixtures_dir / "diligence"
    return {
        "person": d / "person.json",
        "evidence": d / "evidence",
        "lists": [d / "lists" / "meti_end_user_list_cut.xlsx", d / "lists" / "aspi_cut.json"],
        "ror": d / "ror_cut.json",
    }


def _by_indicator(findings):
    out = {}
    for f in findings:
        out.setdefault(f.indicator, []).append(f)
    return out


def test_scenario_flags_undeclared_listed_appointment_and_talent_programme(case):
    """P-3: both findings are raised, each naming its source record and 'not declared'."""
    decl = load_declaration(case["person"])
    records = [r for _p, _s, r in read_evidence_dir(case["evidence"], retrieved="2025-03-01")]
    entities = [e for p in case["lists"] for e in read_list(p)]
    result = run_diligence(decl, records, entities, ror=RorRegistry.load(case["ror"]))
    found = _by_indicator(result.findings)

    # the namesake at another university is only "possible" and stays out of the profile
    assert {m.signature.work_id for m in result.profile.works} == {
        "W4300000001",
        "W4300000002",
        "W4300000003",
    }
    assert [m.signature.work_id for m in result.profile.possible_works] == ["W4300000004"]

    (appointment,) = found["undeclared_affiliation"]
    assert appointment.details["ror"] == "05s6mpv98" and appointment.details["country"] == "CN"
    assert appointment.declaration is None and appointment.severity == "high"
    assert [p.record_id for p in appointment.evidence[0].provenance] == ["W4300000002"]
    assert appointment.evidence[0].provenance[0].retrieved == "2025-03-01"

    listed = found["listed_affiliation"]
    assert {f.details["list_hit"]["list"] for f in listed} == {"meti_eul", "aspi"}
    assert all(f.details["list_hit"]["via"] for f in listed)  # the laboratory → its listed parent

    (talent,) = found["talent_programme_funding"]
    assert talent.status == "not_declared" and talent.declaration is None
    assert talent.evidence[0].data["data"]["award_id"] == "QNJH-2022-017"
    assert talent.evidence[0].provenance[0].source == "openalex"

    # the declared home institution and the declared KAKEN grant raise nothing
    assert "unconfirmed_declaration" not in found
    assert all(
        f.details.get("institution") != "Kyoto University" for f in found.get("undeclared_affiliation", [])
    )
    # co-authors at listed institutions, the foreign-owned patent
    assert {f.details["list_hit"]["entity_name"] for f in found["listed_coauthor_institution"]} >= {
        "National University of Defense Technology"
    }
    assert found["foreign_patent_owner"][0].evidence[0].provenance[0].source == "lens"


def test_scenario_through_the_cli_json(case, capsys):
    """The same case through `rsec diligence --format json`: exit 1 (findings), findings with provenance."""
    argv = [
        "diligence",
        "--person",
        str(case["person"]),
        "--evidence",
        str(case["evidence"]),
        "--lists",
        str(case["lists"][0]),
        "--lists",
        f"{case['lists'][1]}:aspi",
        "--ror",
        str(case["ror"]),
        "--format",
        "json",
    ]
    assert main(argv) == 1
    out = json.loads(capsys.readouterr().out)
    kinds = {f["indicator"] for f in out["findings"]}
    assert {"undeclared_affiliation", "talent_programme_funding", "listed_affiliation"} <= kinds
    talent = next(f for f in out["findings"] if f["indicator"] == "talent_programme_funding")
    assert talent["declaration_label"] == {"ja": "未申告", "en": "not declared"}
    assert talent["evidence"][0]["provenance"][0]["record_id"] == "W4300000002"


def test_scenario_through_the_cli_table(case, capsys):
    argv = [
        "diligence",
        "--person",
        str(case["person"]),
        "--evidence",
        str(case["evidence"]),
        "--lists",
        str(case["lists"][0]),
        "--ror",
        str(case["ror"]),
    ]
    assert main(argv) == 1
    out = capsys.readouterr().out
    assert "未申告 / not declared" in out and "undeclared_affiliation" in out
    assert "openalex:W4300000002" in out


def test_cli_bad_declaration_names_file_and_field(case, tmp_path, capsys):
    """Bad input: a clear error naming the file and the field; nothing written."""
    bad = tmp_path / "person.json"
    data = json.loads(case["person"].read_text(encoding="utf-8"))
    data["affiliations"][0]["start"] = "April 2012"
    bad.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "out.json"
    argv = ["diligence", "--person", str(bad), "--evidence", str(case["evidence"]), "--output", str(out)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "person.json" in err and "affiliations[0].start" in err
    assert not out.exists()


def test_cli_bad_evidence_file_is_named(case, tmp_path, capsys):
    ev = tmp_path / "evidence"
    ev.mkdir()
    (ev / "openalex_works.jsonl").write_text(
        '{"id": "https://openalex.org/W1", "authorships": [\n', encoding="utf-8"
    )
    assert main(["diligence", "--person", str(case["person"]), "--evidence", str(ev)]) == 2
    assert "openalex_works.jsonl" in capsys.readouterr().err


def test_detect_source_by_name_and_content(case, tmp_path):
    assert detect_source(case["evidence"] / "openalex_works.jsonl") == "openalex"
    assert detect_source(case["evidence"] / "patents_lens-export.csv") == "lens"
    anon = tmp_path / "download.json"
    anon.write_text((case["evidence"] / "openalex_works.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert detect_source(anon) == "openalex"
    csv_file = tmp_path / "export.csv"
    csv_file.write_text((case["evidence"] / "patents_lens-export.csv").read_text(encoding="utf-8"))
    assert detect_source(csv_file) == "lens"


def test_raw_affiliation_strings_are_resolved_through_ror(case, capsys):
    """2022-schema OpenAlex (raw affiliation strings only): with --ror, bylines resolve to ROR institutions,
    so the undeclared listed appointment and the co-author's listed institution are still found."""
    argv = [
        "diligence",
        "--person",
        str(case["person"]),
        "--evidence",
        str(case["evidence"].parent / "evidence_2022"),
        "--lists",
        str(case["lists"][0]),
        "--ror",
        str(case["ror"]),
        "--format",
        "json",
    ]
    assert main(argv) == 1
    found = {f["indicator"]: f for f in json.loads(capsys.readouterr().out)["findings"]}
    assert found["undeclared_affiliation"]["details"]["ror"] == "01yqg2h08"
    assert "listed_coauthor_institution" in found and "listed_affiliation" in found
    # without the registry the byline stays raw text, split at ';': the listed name is still found inside it
    assert main(argv[:-4] + ["--format", "json"]) == 1
    found = {f["indicator"]: f for f in json.loads(capsys.readouterr().out)["findings"]}
    assert found["undeclared_affiliation"]["details"]["institution"].startswith(
        "School of Environment, Harbin"
    )
    assert found["listed_affiliation"]["details"]["list_hit"]["score"] < 1.0
