"""Open-source due diligence inside the application (P-3 ① (1)): evidence imports with provenance,
declared-vs-found findings, review for the risk evaluation (P-4), tenancy. All people are invented
(pseudonymised scenario of tests/fixtures/diligence/)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from rsec.app.audit.models import AuditEntry
from rsec.app.cases import models as cm
from rsec.app.cases import services as cs
from rsec.app.diligence import models as dm
from rsec.app.diligence import services as ds
from rsec.app.diligence.export import person_json
from rsec.engine.indicators.declaration import Declaration

FIX = Path(__file__).resolve().parents[1] / "fixtures"
SCENARIO = FIX / "diligence"
LISTS = [
    f"{SCENARIO / 'lists' / 'meti_end_user_list_cut.xlsx'}",
    f"{SCENARIO / 'lists' / 'aspi_cut.json'}",
]
RETRIEVED = dt.date(2025, 4, 1)


def upload(path: Path, name: str | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name or path.name, path.read_bytes())


@pytest.fixture
def scenario(world, settings):
    """The PI of A's case declared only Kyoto University (and a KAKEN grant); the officer imports OpenAlex
    works and a Lens patent export showing more."""
    settings.RSEC_LISTS = LISTS
    settings.RSEC_ROR = str(SCENARIO / "ror_cut.json")
    officer = world.users["a_officer"]
    world.d_kyoto = cs.create(
        world.users["a_pi"],
        cm.Declaration,
        {
            "person": world.pi,
            "category": "research_history",
            "title": "教授",
            "counterpart": "京都大学",
            "country": "jp",
            "start_date": dt.date(2012, 4, 1),
        },
    )
    world.works = ds.import_evidence(
        officer,
        world.case,
        world.pi,
        "openalex",
        upload(SCENARIO / "evidence" / "openalex_works.jsonl"),
        retrieved_on=RETRIEVED,
    )
    return world


def test_person_json_maps_declarations_onto_the_schema(world):
    """P-3 ① (1): the declaration rows become PERSON.json, valid against the engine's schema; each item
    carries the row id so findings can name the declaration they contradict."""
    d = cs.create(
        world.users["a_pi"],
        cm.Declaration,
        {
            "person": world.pi,
            "category": "talent_programme",
            "title": "Thousand Talents Plan",
            "counterpart": "中国政府",
            "country": "cn",
        },
    )
    data = person_json(world.pi, world.case, declared_at=dt.date(2025, 3, 31))
    assert data["names"]["kanji"] == "山田 太郎" and data["names"]["latin"] == "Taro Yamada"
    assert data["grants"] == [{"id": f"decl-{world.d_pi.pk}", "funder": "科研費", "status": "awarded"}]
    assert data["talent_programmes"] == [
        {"id": f"decl-{d.pk}", "name": "Thousand Talents Plan", "country": "CN", "sponsor": "中国政府"}
    ]
    assert data["partners"][0]["institution"] == "乙大学"
    assert world.pi.family_name not in data["person_id"]
    decl = Declaration.from_dict(data)
    assert [i.ref for i in decl.section("talent_programmes")] == [f"decl-{d.pk}"]


def test_import_keeps_provenance(scenario):
    """P-3: every stored record keeps source, record id, retrieval date, reliability and URL."""
    imp = scenario.works
    assert imp.record_count == 4 and imp.records.count() == 4
    assert len(imp.sha256) == 64
    rec = imp.records.get(record_id="W4300000002")
    assert (rec.source, rec.kind, rec.reliability, rec.retrieved) == ("openalex", "work", "B", "2025-04-01")
    assert rec.url == "https://openalex.org/W4300000002"
    assert rec.location == "openalex_works.jsonl:line 2"
    entry = AuditEntry.objects.get(action="evidence_import", object_id=str(imp.pk))
    assert entry.case_id == scenario.case.pk


def test_scenario_undeclared_listed_appointment_and_talent_programme(scenario):
    """P-3 ① (1): declared only a Japanese university; the evidence shows an undeclared appointment at a
    laboratory of a listed foreign university and a foreign talent-programme grant → findings, each linked
    to the source record it rests on."""
    officer = scenario.users["a_officer"]
    found = ds.run_diligence(officer, scenario.case, scenario.pi)
    by_indicator = {}
    for f in found:
        by_indicator.setdefault(f.indicator, []).append(f)
    appointment = by_indicator["undeclared_affiliation"]
    talent = by_indicator["talent_programme_funding"]
    assert len(appointment) == 1 and len(talent) == 1
    assert "State Key Laboratory" in appointment[0].summary_en
    assert "Thousand Talents" in talent[0].summary_en
    listed = by_indicator["listed_affiliation"]
    assert {f.kind for f in listed} == {"listed"}
    for f in (appointment[0], talent[0], *listed):
        assert f.not_declared and f.declaration is None
        assert [r.record_id for r in f.records.all()] == ["W4300000002"]
        assert f.records.get().evidence_import_id == scenario.works.pk
    assert all(f.library_version for f in found)
    run = AuditEntry.objects.get(action="diligence_run")
    assert run.case_id == scenario.case.pk
    assert {x["id"] for x in run.after["findings"]} == {f.id for f in found}
