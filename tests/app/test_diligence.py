"""Open-source due diligence inside the application (P-3 ① (1)): evidence imports with provenance,
declared-vs-found findings, review for the risk evaluation (P-4), tenancy. All people are invented
(pseudonymised scenario of tests/fixtures/diligence/)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

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


def test_review_is_audited_and_rerun_keeps_reviewed_findings(scenario):
    """P-3/P-4: accept or reject a finding with a reason (audited, before/after); a new run replaces the
    OPEN findings and neither drops nor re-raises the reviewed ones."""
    officer = scenario.users["a_officer"]
    first = ds.run_diligence(officer, scenario.case, scenario.pi)
    talent = next(f for f in first if f.indicator == "talent_programme_funding")
    with pytest.raises(ValidationError):
        ds.review_finding(officer, talent, "accepted", "  ")
    with pytest.raises(PermissionDenied):
        ds.review_finding(scenario.users["a_auditor"], talent, "accepted", "監査人は判断しない")
    ds.review_finding(officer, talent, "accepted", "未申告の外国人材プログラム。評価へ")
    talent.refresh_from_db()
    assert (talent.status, talent.reviewed_by) == ("accepted", officer)
    entry = AuditEntry.objects.get(action="review_finding", object_id=str(talent.pk))
    assert entry.before["status"] == "open" and entry.after["status"] == "accepted"
    assert entry.reason == "未申告の外国人材プログラム。評価へ" and entry.case_id == scenario.case.pk

    second = ds.run_diligence(officer, scenario.case, scenario.pi)
    assert talent.pk not in {f.pk for f in second}
    assert not any(f.indicator == "talent_programme_funding" for f in second)
    current = dm.Finding.objects.filter(case=scenario.case, person=scenario.pi)
    assert current.filter(status="accepted").get() == talent
    assert current.filter(status="open").count() == len(first) - 1
    assert not current.filter(pk__in=[f.pk for f in first if f.pk != talent.pk]).exists()


def test_malformed_evidence_names_file_and_line_and_stores_nothing(scenario):
    """Bad input: a broken evidence file is refused naming the file and the line; nothing is stored."""
    before = (
        dm.EvidenceImport.objects.count(),
        dm.EvidenceRecord.objects.count(),
        AuditEntry.objects.count(),
    )
    with pytest.raises(ds.EvidenceImportError) as err:
        ds.import_evidence(
            scenario.users["a_officer"],
            scenario.case,
            scenario.pi,
            "openalex",
            upload(FIX / "diligence_app" / "openalex_works_broken.jsonl"),
        )
    assert (err.value.file, err.value.location) == ("openalex_works_broken.jsonl", "line 2")
    assert "openalex_works_broken.jsonl: line 2" in err.value.messages[0]
    assert "/tmp" not in err.value.messages[0]
    after = (dm.EvidenceImport.objects.count(), dm.EvidenceRecord.objects.count(), AuditEntry.objects.count())
    assert after == before


def test_source_detected_and_unknown_file_refused(scenario):
    """Evidence source told by the file (auto); a file of no known source is refused, naming it."""
    officer = scenario.users["a_officer"]
    imp = ds.import_evidence(
        officer, scenario.case, None, "auto", upload(SCENARIO / "evidence" / "patents_lens-export.csv")
    )
    assert imp.source == "lens" and imp.records.get().kind == "patent"
    with pytest.raises(ds.EvidenceImportError) as err:
        ds.import_evidence(officer, scenario.case, None, "auto", SimpleUploadedFile("notes.txt", b"hello"))
    assert err.value.file == "notes.txt"


# ---------------------------------------------------------------- tenancy, API and UI


@pytest.fixture
def ran(scenario):
    """Scenario after a run, plus a finding about B's co-PI (B's own team) for partner-scope checks."""
    scenario.found = ds.run_diligence(scenario.users["a_officer"], scenario.case, scenario.pi)
    b_imp = ds.import_evidence(
        scenario.users["b_officer"],
        scenario.case,
        scenario.copi,
        "openalex",
        upload(SCENARIO / "evidence" / "openalex_works.jsonl", "copi_openalex.jsonl"),
    )
    scenario.copi_finding = dm.Finding.objects.create(
        case=scenario.case,
        person=scenario.copi,
        indicator="undeclared_affiliation",
        library_version="1.0.0",
        severity="medium",
        kind="not_declared",
        title_ja="未申告の所属・兼業",
        fingerprint="x" * 64,
    )
    scenario.copi_finding.records.add(b_imp.records.first())
    return scenario


def ids_of(resp) -> set[int]:
    data = resp.json()
    return {row["id"] for row in (data["results"] if isinstance(data, dict) else data)}


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_api_scope_of_findings_records_and_imports(ran):
    """Tenancy: lead staff see every finding; the partner only its own team's; C, FAs and researchers
    (even the researcher the findings are about) see none."""
    pi_ids = {f.pk for f in ran.found}
    copi_id = ran.copi_finding.pk
    expected = {
        "a_admin": pi_ids | {copi_id},
        "a_officer": pi_ids | {copi_id},
        "a_auditor": pi_ids | {copi_id},
        "b_officer": {copi_id},
        "a_pi": set(),
        "b_copi": set(),
        "c_officer": set(),
        "fa1_officer": set(),
        "fa1_admin": set(),
    }
    pi_record = ran.works.records.get(record_id="W4300000002")
    for name, ids in expected.items():
        client = api(ran.users[name])
        got = ids_of(client.get("/api/findings/"))
        assert got == ids, name
        records = ids_of(client.get("/api/evidence-records/"))
        assert (pi_record.pk in records) == (name in {"a_admin", "a_officer", "a_auditor"}), name
        imports = ids_of(client.get("/api/evidence-imports/"))
        assert (ran.works.pk in imports) == (name in {"a_admin", "a_officer", "a_auditor"}), name
        status = client.get(f"/api/findings/{ran.found[0].pk}/").status_code
        assert (status == 200) == bool(pi_ids & ids), name


def test_api_upload_run_and_review(scenario):
    """API: upload evidence, POST /api/diligence-runs/, PATCH a finding; refused for others."""
    officer = api(scenario.users["a_officer"])
    with open(SCENARIO / "evidence" / "patents_lens-export.csv", "rb") as fh:
        resp = officer.post(
            "/api/evidence-imports/",
            {"case": scenario.case.pk, "person": scenario.pi.pk, "source": "lens", "file": fh},
            format="multipart",
        )
    assert resp.status_code == 201, resp.content
    assert resp.json()["record_count"] == 1
    with open(FIX / "diligence_app" / "openalex_works_broken.jsonl", "rb") as fh:
        bad = officer.post(
            "/api/evidence-imports/",
            {"case": scenario.case.pk, "person": scenario.pi.pk, "source": "openalex", "file": fh},
            format="multipart",
        )
    assert bad.status_code == 400 and "openalex_works_broken.jsonl: line 2" in bad.json()["file"][0]

    body = {"case": scenario.case.pk, "person": scenario.pi.pk}
    assert api(scenario.users["a_pi"]).post("/api/diligence-runs/", body, format="json").status_code == 403
    assert (
        api(scenario.users["a_auditor"]).post("/api/diligence-runs/", body, format="json").status_code == 403
    )
    assert (
        api(scenario.users["b_officer"]).post("/api/diligence-runs/", body, format="json").status_code == 404
    )
    assert (
        api(scenario.users["c_officer"]).post("/api/diligence-runs/", body, format="json").status_code == 404
    )
    resp = officer.post("/api/diligence-runs/", body, format="json")
    assert resp.status_code == 201
    rows = resp.json()
    assert isinstance(rows, list)
    patent = next(r for r in rows if r["indicator"] == "foreign_patent_owner")
    assert patent["not_declared"] and patent["records"]

    url = f"/api/findings/{patent['id']}/"
    assert (
        api(scenario.users["b_officer"]).patch(url, {"status": "rejected"}, format="json").status_code == 404
    )
    assert officer.patch(url, {"status": "rejected"}, format="json").status_code == 400  # reason required
    resp = officer.patch(url, {"status": "rejected", "reason": "同名の別人"}, format="json")
    assert resp.status_code == 200 and resp.json()["status"] == "rejected"
    assert AuditEntry.objects.filter(action="review_finding", object_id=str(patent["id"])).exists()
    assert officer.put(url, {"status": "open"}, format="json").status_code == 405


def test_person_page_shows_declared_vs_found_with_source_links(ran, client):
    """UI (P-3): the person page shows the declarations on the left and the evidence found on the right,
    each found item linking to its source record page (source, record id, retrieval date, reliability,
    raw record); the case page summarises findings per person for the risk evaluation."""
    client.force_login(ran.users["a_officer"])
    page = client.get(f"/people/{ran.pi.pk}/").content.decode()
    assert 'data-testid="diligence-panel"' in page
    declared = page.split('data-testid="declared"')[1].split('data-testid="found"')[0]
    found = page.split('data-testid="found"')[1].split('data-testid="findings"')[0]
    assert "京都大学" in declared and "W4300000002" not in declared
    record = ran.works.records.get(record_id="W4300000002")
    assert f'href="/diligence/records/{record.pk}/"' in found
    assert "State Key Laboratory" in found and "京都大学" not in found
    assert "デュー・ディリジェンス実行" in page and 'data-testid="evidence-upload"' in page

    rec_page = client.get(f"/diligence/records/{record.pk}/").content.decode()
    for text in ("openalex", "W4300000002", "2025-04-01", "Thousand Talents Plan", "openalex_works.jsonl"):
        assert text in rec_page
    assert ">B<" in rec_page  # reliability grade

    case_page = client.get(f"/cases/{ran.case.pk}/").content.decode()
    row = case_page.split(f'data-testid="diligence-row-{ran.pi.pk}"')[1].split("</tr>")[0]
    high = sum(1 for f in ran.found if f.severity == "high")
    assert f"<td>{high}</td>" in row
    assert f'data-testid="diligence-row-{ran.copi.pk}"' in case_page


def test_ui_actions_run_upload_review(scenario, client):
    """UI: the run button, the upload form and the accept/reject form go through the services."""
    client.force_login(scenario.users["a_officer"])
    base = f"/diligence/cases/{scenario.case.pk}/people/{scenario.pi.pk}"
    resp = client.post(f"{base}/run/")
    assert resp.status_code == 302 and resp["Location"].startswith(f"/people/{scenario.pi.pk}/")
    finding = dm.Finding.objects.filter(person=scenario.pi).first()
    assert finding is not None
    client.post(f"/diligence/findings/{finding.pk}/review/", {"status": "accepted", "reason": "要評価"})
    finding.refresh_from_db()
    assert finding.status == "accepted"
    with open(FIX / "diligence_app" / "openalex_works_broken.jsonl", "rb") as fh:
        resp = client.post(f"{base}/evidence/", {"source": "openalex", "file": fh}, follow=True)
    assert "openalex_works_broken.jsonl: line 2" in resp.content.decode()
    assert dm.EvidenceImport.objects.count() == 1


@pytest.mark.parametrize("name", ["b_officer", "c_officer", "a_pi", "fa1_officer"])
def test_ui_scope_for_others(ran, client, name):
    """Tenancy through the UI: the partner sees only its own team's row and records, C and the FA nothing,
    the researcher no findings about themselves; their posts are refused."""
    client.force_login(ran.users[name])
    record = ran.works.records.get(record_id="W4300000002")
    assert client.get(f"/diligence/records/{record.pk}/").status_code == 404
    person_page = client.get(f"/people/{ran.pi.pk}/")
    assert person_page.status_code in (200, 404)
    assert "State Key Laboratory" not in person_page.content.decode()
    assert 'data-testid="diligence-panel"' not in person_page.content.decode()
    case_page = client.get(f"/cases/{ran.case.pk}/").content.decode()
    assert f'data-testid="diligence-row-{ran.pi.pk}"' not in case_page
    resp = client.post(f"/diligence/cases/{ran.case.pk}/people/{ran.pi.pk}/run/")
    assert resp.status_code in (403, 404)
    resp = client.post(
        f"/diligence/findings/{ran.found[0].pk}/review/", {"status": "rejected", "reason": "x"}
    )
    assert resp.status_code == 404
    assert dm.Finding.objects.filter(status="rejected").count() == 0
    if name == "b_officer":
        assert f'data-testid="diligence-row-{ran.copi.pk}"' in case_page
        copi_page = client.get(f"/people/{ran.copi.pk}/").content.decode()
        assert 'data-testid="diligence-panel"' in copi_page and "未申告の所属・兼業" in copi_page


def test_panel_in_english_on_request(ran, client):
    """Japanese first, English on request (the app ships its own English messages)."""
    client.force_login(ran.users["a_officer"])
    assert "デュー・ディリジェンス実行" in client.get(f"/people/{ran.pi.pk}/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(f"/people/{ran.pi.pk}/").content.decode()
    assert "Run due diligence" in page
    assert "デュー・ディリジェンス実行" not in page and "申告内容と公開情報の照合" not in page


def test_engine_runs_outside_the_write_transaction(scenario, monkeypatch):
    """The engine's run (lists, ROR, indicators: seconds on real lists) holds no write transaction: on
    SQLite one would lock every other writer out for its duration. Only the storing of the findings is
    one transaction."""
    from django.db import connection

    import rsec.engine.indicators as engine

    depth_at_start = len(connection.savepoint_ids)  # the test's own transaction
    depths = []
    original = engine.run_diligence

    def spy(*args, **kwargs):
        depths.append(len(connection.savepoint_ids))
        return original(*args, **kwargs)

    monkeypatch.setattr(engine, "run_diligence", spy)
    found = ds.run_diligence(scenario.users["a_officer"], scenario.case, scenario.pi)
    assert found and depths == [depth_at_start]


def test_a_declaration_changed_during_the_run_stores_nothing(scenario, monkeypatch):
    """If the declaration (or the evidence) changes while the engine runs, the findings would describe
    a state that no longer is: nothing is stored or audited, and the officer is asked to run again."""
    import rsec.engine.indicators as engine

    original = engine.run_diligence

    def meanwhile(*args, **kwargs):
        result = original(*args, **kwargs)
        cs.create(
            scenario.users["a_pi"],
            cm.Declaration,
            {
                "person": scenario.pi,
                "category": "research_history",
                "title": "客員研究員",
                "counterpart": "Example Institute",
                "country": "us",
                "start_date": dt.date(2020, 4, 1),
            },
        )
        return result

    monkeypatch.setattr(engine, "run_diligence", meanwhile)
    with pytest.raises(ValidationError) as err:
        ds.run_diligence(scenario.users["a_officer"], scenario.case, scenario.pi)
    assert "run" in err.value.message_dict
    assert not dm.Finding.objects.exists()
    assert not AuditEntry.objects.filter(action="diligence_run").exists()
    monkeypatch.setattr(engine, "run_diligence", original)
    assert ds.run_diligence(scenario.users["a_officer"], scenario.case, scenario.pi)  # a new run stores
