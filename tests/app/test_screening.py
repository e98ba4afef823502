"""Watch-list screening in the application: loading snapshots, screening cases, reviewing hits,
tenancy, and re-screening after a list update (P-3(1)–(3), P-6). All people are invented."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from rest_framework.test import APIClient

from rsec.app.audit.models import AuditEntry
from rsec.app.cases import models as m
from rsec.app.cases import services as case_services
from rsec.app.screening import models as sm
from rsec.app.screening import services

HERE = Path(__file__).resolve().parents[1] / "fixtures"
APP_FIXTURES = HERE / "screening_app"
LIST_V1 = APP_FIXTURES / "watch_2026-01-10.csv"
LIST_V2 = APP_FIXTURES / "watch_2026-02-10.csv"
MALFORMED = APP_FIXTURES / "malformed_2026-03-01.csv"
UN_CUT = HERE / "lists" / "un_sc_cut_2026-02-27.xml"


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def upload(path: Path) -> SimpleUploadedFile:
    return SimpleUploadedFile(path.name, path.read_bytes())


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def web(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def screened(world):
    """World of tests/app/conftest.py with list v1 loaded and the shared case screened by A."""
    world.snap1 = services.load_snapshot(world.users["a_officer"], upload(LIST_V1))
    world.outcome = services.screen_case(world.users["a_officer"], world.case)
    hits = {h.entity_id: h for h in sm.Hit.objects.filter(case=world.case)}
    world.hit_copi = hits["csv:p1"]  # B's CO-PI 中村 陽介 ↔ listed "Yosuke Nakamura"
    world.hit_partner = hits["csv:o1"]  # partner 乙大学 (a row owned by A, the lead)
    world.hit_supporter = hits["csv:o2"]  # supporter 某財団
    return world


# ------------------------------------------------------------------ loading


def test_load_real_un_list_stores_snapshot_entities_and_audit(world):
    """P-3(1): the UN Security Council list is loaded from its real XML format; the snapshot keeps
    publication date, hash and every entity (FtM JSON + content hash) in the database."""
    snap = services.load_snapshot(world.users["a_admin"], upload(UN_CUT))
    assert snap.list_code == "un_sc" and snap.format == "un_sc"
    assert snap.published.isoformat() == "2026-02-27"
    assert len(snap.sha256) == 64
    records = list(snap.entities.all())
    assert len(records) == snap.entity_count > 0
    assert all(r.entity_id.startswith("un-sc:") and len(r.content_hash) == 64 for r in records)
    assert records[0].data["properties"]["name"]
    entry = AuditEntry.objects.filter(action="load_list", object_id=str(snap.pk)).get()
    assert entry.actor_username == "a_admin" and entry.after["entity_count"] == snap.entity_count


@pytest.mark.parametrize("who", ["a_pi", "a_auditor", "fa1_officer", "fa1_admin"])
def test_only_admins_and_officers_load_lists(world, who):
    with pytest.raises(PermissionDenied):
        services.load_snapshot(world.users[who], upload(LIST_V1))
    assert not sm.ListSnapshot.objects.exists()
    response = api(world.users[who]).post(
        "/api/list-snapshots/", {"file": upload(LIST_V1)}, format="multipart"
    )
    assert response.status_code == 403
    assert not sm.ListSnapshot.objects.exists()


def test_malformed_list_names_file_and_row_and_stores_nothing(world):
    """Bad input: the error names the uploaded file and the row; no snapshot, entity or audit entry."""
    audit_before = AuditEntry.objects.count()
    with pytest.raises(services.ListLoadError) as info:
        services.load_snapshot(world.users["a_officer"], upload(MALFORMED))
    assert info.value.file == "malformed_2026-03-01.csv" and info.value.location == "row 3"
    assert "malformed_2026-03-01.csv: row 3" in str(info.value.messages)
    response = api(world.users["a_officer"]).post(
        "/api/list-snapshots/", {"file": upload(MALFORMED)}, format="multipart"
    )
    assert response.status_code == 400
    assert "malformed_2026-03-01.csv: row 3" in response.json()["file"][0]
    page = web(world.users["a_officer"]).post("/screening/upload/", {"file": upload(MALFORMED)})
    assert page.status_code == 200 and "malformed_2026-03-01.csv: row 3" in page.content.decode()
    assert not sm.ListSnapshot.objects.exists() and not sm.ListEntityRecord.objects.exists()
    assert AuditEntry.objects.count() == audit_before


def test_management_command_loads_and_rescreens(world, tmp_path):
    """`rsec load_list FILE:FORMAT --published DATE` stores a snapshot and re-screens open cases."""
    services.sync_subjects(world.case)  # the case's subjects exist; the first load screens them all
    call_command("load_list", f"{LIST_V1}:csv", "--published", "2026-01-11")
    snap = sm.ListSnapshot.objects.get()
    assert snap.published.isoformat() == "2026-01-11" and snap.entity_count == 5
    assert set(sm.Hit.objects.values_list("entity_id", flat=True)) == {"csv:p1", "csv:o1", "csv:o2"}
    bad = tmp_path / "bad.csv"
    shutil.copy(MALFORMED, bad)
    with pytest.raises(CommandError, match=r"bad.csv: row 3"):
        call_command("load_list", str(bad))
    assert sm.ListSnapshot.objects.count() == 1


# ------------------------------------------------------------------ screening and review


def test_screen_case_raises_hits_with_explanation(screened):
    """P-3(1)–(3): every person (kanji name ↔ listed romaji), partner and supporter is screened; hits
    carry list, score, matched name and the officer-readable explanation."""
    w = screened
    hit = w.hit_copi
    assert hit.subject.kind == "person" and hit.subject.owner_id == w.b.id
    assert hit.query_name == "中村 陽介" and hit.matched_name == "Yosuke Nakamura"
    assert hit.score >= services.threshold() and hit.status == "needs_review"
    assert "nakamura" in hit.explanation and "yosuke" in hit.explanation
    assert hit.list_code == "csv" and hit.snapshot_id == w.snap1.pk
    assert w.hit_partner.subject.kind == "partner" and w.hit_supporter.subject.kind == "supporter"
    # Nobody else matched: the PI 山田 太郎 is not on list v1, nor is anyone matched twice.
    assert sm.Hit.objects.filter(case=w.case).count() == 3
    entry = AuditEntry.objects.filter(action="screen", case_id=w.case.id).get()
    assert sorted(entry.after["new"]) == sorted(h.pk for h in sm.Hit.objects.filter(case=w.case))
    # Screening again raises nothing new and leaves reviews alone.
    again = services.screen_case(w.users["a_officer"], w.case)
    assert (again.new, again.reraised) == ([], [])


def test_screen_case_needs_a_list_and_permission(world):
    with pytest.raises(ValidationError):
        services.screen_case(world.users["a_officer"], world.case)
    services.load_snapshot(world.users["a_officer"], upload(LIST_V1))
    for who in ["a_pi", "a_auditor", "c_officer", "fa1_officer"]:
        with pytest.raises(PermissionDenied):
            services.screen_case(world.users[who], world.case)
    assert not sm.Hit.objects.exists()


def test_partner_screens_only_its_own_subjects(world):
    services.load_snapshot(world.users["a_officer"], upload(LIST_V1))
    outcome = services.screen_case(world.users["b_officer"], world.case)
    hits = sm.Hit.objects.filter(case=world.case)
    assert outcome.subjects == 1 and [h.entity_id for h in hits] == ["csv:p1"]
    assert hits[0].subject.owner_id == world.b.id


def test_review_needs_reason_and_is_audited(screened):
    """Every judgement is recorded with who, when, why (before and after in the audit trail)."""
    w = screened
    officer = w.users["a_officer"]
    with pytest.raises(ValidationError):
        services.review_hit(officer, w.hit_supporter, "confirmed", "  ")
    with pytest.raises(ValidationError):
        services.review_hit(officer, w.hit_supporter, "maybe", "reason")
    for who in ["a_auditor", "a_pi", "c_officer", "fa1_officer"]:
        with pytest.raises(PermissionDenied):
            services.review_hit(w.users[who], w.hit_supporter, "dismissed", "x")
    hit = services.review_hit(officer, w.hit_supporter, "dismissed", "同名の別団体（所在国・設立年が異なる）")
    assert hit.status == "dismissed" and hit.reviewer == officer and hit.reviewed_at
    entry = AuditEntry.objects.filter(action="review_hit", object_id=str(hit.pk)).get()
    assert entry.before["status"] == "needs_review" and entry.after["status"] == "dismissed"
    assert entry.reason.startswith("同名の別団体") and entry.case_id == w.case.id


# ------------------------------------------------------------------ tenancy


def test_hit_tenancy_through_the_api(screened):
    """Lead sees all hits of its case; the partner only hits on subjects it owns; C, FAs and
    researchers none (P-5 scope figure; FA sees only submissions)."""
    w = screened
    all_ids = {w.hit_copi.pk, w.hit_partner.pk, w.hit_supporter.pk}

    def ids(user, query=""):
        response = api(user).get(f"/api/hits/{query}")
        assert response.status_code == 200
        return {row["id"] for row in response.json()["results"]}

    assert ids(w.users["a_officer"]) == all_ids
    assert ids(w.users["a_auditor"], f"?case={w.case.id}&status=needs_review") == all_ids
    assert ids(w.users["b_officer"]) == {w.hit_copi.pk}
    for who in ["c_officer", "fa1_officer", "fa1_admin", "fa1_auditor", "a_pi", "b_copi"]:
        assert ids(w.users[who]) == set(), who
        assert api(w.users[who]).get(f"/api/hits/{w.hit_copi.pk}/").status_code == 404
    # The partner cannot see or review A's hits; it may review its own.
    b = api(w.users["b_officer"])
    assert (
        b.patch(f"/api/hits/{w.hit_partner.pk}/", {"status": "dismissed", "reason": "x"}).status_code == 404
    )
    response = b.patch(f"/api/hits/{w.hit_copi.pk}/", {"status": "confirmed", "reason": "本人と確認"})
    assert response.status_code == 200 and response.json()["status"] == "confirmed"
    assert b.patch(f"/api/hits/{w.hit_copi.pk}/", {"status": "dismissed"}).status_code == 400
    # Screening runs through the API follow the same rules.
    assert api(w.users["c_officer"]).post("/api/screening-runs/", {"case": w.case.id}).status_code == 400
    assert api(w.users["a_auditor"]).post("/api/screening-runs/", {"case": w.case.id}).status_code == 403
    run = api(w.users["a_officer"]).post("/api/screening-runs/", {"case": w.case.id})
    assert run.status_code == 201 and run.json()["new"] == []
    runs = api(w.users["a_officer"]).get(f"/api/screening-runs/?case={w.case.id}").json()["results"]
    assert [r["action"] for r in runs] == ["screen", "screen"] and runs[1]["after"]["new"]
    for who in ["c_officer", "fa1_officer", "b_copi"]:
        response = api(w.users[who]).get("/api/screening-runs/")
        assert response.status_code == 200 and response.json()["results"] == [], who


def test_snapshot_api_lists_and_uploads(world):
    a = api(world.users["a_officer"])
    response = a.post("/api/list-snapshots/", {"file": upload(LIST_V1), "format": "csv"}, format="multipart")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["entity_count"] == 5 and body["published"] == "2026-01-10" and body["list_code"] == "csv"
    assert [s["id"] for s in a.get("/api/list-snapshots/").json()["results"]] == [body["id"]]
    assert api(world.users["c_officer"]).get(f"/api/list-snapshots/{body['id']}/").status_code == 200
    assert api(world.users["fa1_officer"]).get("/api/list-snapshots/").json()["results"] == []


def test_case_panel_and_pages_respect_tenancy(screened):
    """The case page's screening panel (registered through web/panels.py) shows the hits a user may
    see, with score, list, matched name and explanation; the review form and the run button."""
    w = screened
    page = web(w.users["a_officer"]).get(f"/cases/{w.case.id}/").content.decode()
    assert 'data-testid="screening-panel"' in page and "スクリーニング実行" in page
    for hit in (w.hit_copi, w.hit_partner, w.hit_supporter):
        assert f'data-testid="hit-{hit.pk}"' in page
    assert "Yosuke Nakamura" in page and "nakamura" in page and "1.00" in page
    page_b = web(w.users["b_officer"]).get(f"/cases/{w.case.id}/").content.decode()
    assert f'data-testid="hit-{w.hit_copi.pk}"' in page_b
    assert f'data-testid="hit-{w.hit_partner.pk}"' not in page_b
    assert f'data-testid="hit-{w.hit_supporter.pk}"' not in page_b
    page_pi = web(w.users["a_pi"]).get(f"/cases/{w.case.id}/").content.decode()
    assert "screening-panel" not in page_pi
    assert web(w.users["c_officer"]).get(f"/cases/{w.case.id}/").status_code == 404
    # Screening home: snapshots and the review queue of the user's institution; nav link.
    home_a = web(w.users["a_officer"]).get("/screening/").content.decode()
    assert "watch_2026-01-10.csv" in home_a and f'data-testid="queue-{w.hit_supporter.pk}"' in home_a
    assert 'href="/screening/"' in home_a
    home_c = web(w.users["c_officer"]).get("/screening/").content.decode()
    assert "queue-" not in home_c
    assert web(w.users["fa1_officer"]).get("/screening/").status_code == 403
    assert web(w.users["a_auditor"]).get("/screening/upload/").status_code == 403


def test_review_and_run_through_the_ui(screened):
    w = screened
    c = web(w.users["a_officer"])
    response = c.post(f"/screening/hits/{w.hit_partner.pk}/review/", {"status": "dismissed", "reason": ""})
    assert response.status_code == 302
    w.hit_partner.refresh_from_db()
    assert w.hit_partner.status == "needs_review"  # a reason is required
    c.post(f"/screening/hits/{w.hit_partner.pk}/review/", {"status": "dismissed", "reason": "別機関"})
    w.hit_partner.refresh_from_db()
    assert (w.hit_partner.status, w.hit_partner.reason) == ("dismissed", "別機関")
    # B cannot reach A's hit, C cannot run A's case.
    b = web(w.users["b_officer"])
    assert (
        b.post(
            f"/screening/hits/{w.hit_supporter.pk}/review/", {"status": "dismissed", "reason": "x"}
        ).status_code
        == 404
    )
    assert web(w.users["c_officer"]).post(f"/screening/cases/{w.case.id}/run/").status_code == 404
    assert c.post(f"/screening/cases/{w.case.id}/run/").status_code == 302
    page = c.get("/screening/upload/")
    assert page.status_code == 200 and "リストを読み込む" in page.content.decode()


# ------------------------------------------------------------------ re-screening after a list update


def test_new_snapshot_raises_only_new_or_changed_hits(screened):
    """P-6 / "a list update re-screens everyone in open and running cases and raises only what is new":
    v2 keeps p1 unchanged (its dismissed hit stays dismissed and is not raised again), changes o1 (its
    hit is re-raised as needs_review with a note of what changed), removes o2 (its hit is marked, not
    deleted) and adds p9 "Taro Yamada" (a new hit on the PI 山田 太郎)."""
    w = screened
    officer = w.users["a_officer"]
    services.review_hit(officer, w.hit_copi, "dismissed", "生年・所属が異なる別人")
    services.review_hit(officer, w.hit_partner, "dismissed", "同名の別機関")
    services.review_hit(officer, w.hit_supporter, "confirmed", "掲載団体と同一")
    # A closed case with a person of the same name is not re-screened.
    closed = case_services.create(w.users["c_officer"], m.Case, {"program": w.p2, "title": "終了案件"})
    yamada_c = case_services.create(
        w.users["c_officer"], m.Person, {"family_name": "山田", "given_name": "太郎"}
    )
    case_services.create(w.users["c_officer"], m.Member, {"case": closed, "person": yamada_c, "role": "pi"})
    services.load_snapshot(w.users["c_officer"], upload(LIST_V1))  # same edition again: nothing changes
    services.screen_case(w.users["c_officer"], closed)
    m.Case.objects.filter(pk=closed.pk).update(status="closed")
    hits_before = sm.Hit.objects.count()

    api(officer).post("/api/list-snapshots/", {"file": upload(LIST_V2)}, format="multipart")
    snap2 = sm.ListSnapshot.objects.order_by("-pk").first()
    assert snap2.published.isoformat() == "2026-02-10"

    copi, partner, supporter = (
        sm.Hit.objects.get(pk=h.pk) for h in (w.hit_copi, w.hit_partner, w.hit_supporter)
    )
    assert (copi.status, copi.list_state, copi.note) == ("dismissed", "listed", "")
    assert copi.snapshot_id == w.snap1.pk  # untouched
    assert partner.status == "needs_review" and partner.snapshot_id == snap2.pk
    assert "names" in partner.note and "非該当" in partner.note  # what changed, and the earlier verdict
    assert supporter.status == "confirmed" and supporter.list_state == "removed"
    new = sm.Hit.objects.filter(snapshot=snap2, entity_id="csv:p9")
    assert [(h.case_id, h.query_name, h.status) for h in new] == [(w.case.id, "山田 太郎", "needs_review")]
    assert sm.Hit.objects.count() == hits_before + 1  # nothing in the closed case, nothing deleted
    entry = AuditEntry.objects.filter(action="rescreen", case_id=w.case.id).get()
    assert entry.after["new"] == [new[0].pk] and entry.after["reraised"] == [partner.pk]
    assert entry.after["removed"] == [supporter.pk] and entry.actor_username == "system"
    # The review queue now holds exactly the new and the changed hit.
    queue = api(officer).get(f"/api/hits/?case={w.case.id}&status=needs_review").json()["results"]
    assert {row["id"] for row in queue} == {new[0].pk, partner.pk}


def test_screening_pages_in_english(screened):
    """Japanese first, English on request, for the panel and the screening home."""
    c = web(screened.users["a_officer"])
    assert "スクリーニング実行" in c.get(f"/cases/{screened.case.id}/").content.decode()
    c.post("/i18n/setlang/", {"language": "en", "next": "/screening/"})
    page = c.get(f"/cases/{screened.case.id}/").content.decode()
    assert "Run screening" in page and "スクリーニング実行" not in page and "Needs review" in page
    assert "Hits to review" in c.get("/screening/").content.decode()


def test_the_shipped_list_editions_are_stored_once(db):
    """`rsec demo` / a fresh installation stores the shipped editions; running it again stores nothing
    twice (same content, same snapshot), and each snapshot names its list and edition."""
    from rsec.engine.lists.bundled import BUNDLED

    first = services.load_bundled_lists()
    assert sorted(s.list_code for s in first) == sorted(b.format for b in BUNDLED)
    assert all(s.entity_count > 50 for s in first)
    meti = next(s for s in first if s.list_code == "meti_eul")
    assert str(meti.published) == "2025-09-29"
    assert services.load_bundled_lists() == []
    assert sm.ListSnapshot.objects.count() == len(BUNDLED)
