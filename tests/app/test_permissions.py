"""Permission matrix: every API endpoint × every role and tenant (tenancy, P-3 scope, P-5 scope figure).

The expectations below are the access rules written out by hand, independently of the policy code:
institution staff see their cases whole; a partner institution sees only the rows it owns; a researcher
sees only their own records; a funding agency sees only what was submitted to its programs.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from rest_framework.test import APIClient

from rsec.app.audit.models import AuditEntry
from rsec.app.cases import models as m

USERS = [
    "a_admin",
    "a_officer",
    "a_pi",
    "a_auditor",
    "b_officer",
    "b_copi",
    "c_officer",
    "fa1_officer",
    "fa1_admin",
    "fa1_auditor",
    "fa2_officer",
]
A_STAFF = {"a_admin", "a_officer", "a_auditor"}
A_WRITERS = {"a_admin", "a_officer"}
FA1 = {"fa1_officer", "fa1_admin", "fa1_auditor"}

# endpoint -> {fixture object name -> users who may read it}
READ = {
    "programs": {"p1": set(USERS), "p2": set(USERS), "p1_hidden": FA1},
    "cases": {"case": A_STAFF | {"a_pi", "b_officer", "b_copi"}, "case_c": {"c_officer"}},
    "partners": {"partner": A_STAFF},
    "people": {
        "pi": A_STAFF | {"a_pi"},
        "copi": A_STAFF | {"b_officer", "b_copi"},
        "c_person": {"c_officer"},
    },
    "members": {
        "m_pi": A_STAFF | {"a_pi"},
        "m_copi": A_STAFF | {"b_officer", "b_copi"},
        "m_c": {"c_officer"},
    },
    "declarations": {
        "d_pi": A_STAFF | {"a_pi"},
        "d_copi": A_STAFF | {"b_officer", "b_copi"},
        "d_c": {"c_officer"},
    },
    "supporters": {"sup": A_STAFF},
    "managed-items": {"item_a": A_STAFF, "item_b": A_STAFF | {"b_officer"}, "item_c": {"c_officer"}},
    "documents": {"doc_a": A_STAFF, "doc_b": A_STAFF | {"b_officer"}},
    "contracts": {"contract": A_STAFF},
    "peacetime": {"pt_a": A_STAFF, "pt_c": {"c_officer"}},
    "submissions": {"sub": A_STAFF | FA1, "sub_c": {"c_officer", "fa2_officer"}},
}

# endpoint -> (field patched to its current value, {object -> users who may update it})
UPDATE = {
    "programs": ("title_en", {"p1": {"fa1_officer", "fa1_admin"}, "p2": {"fa2_officer"}}),
    "cases": ("summary", {"case": A_WRITERS, "case_c": {"c_officer"}}),
    "partners": ("purpose", {"partner": A_WRITERS}),
    "people": (
        "given_name_latin",
        {"pi": A_WRITERS | {"a_pi"}, "copi": A_WRITERS | {"b_officer", "b_copi"}, "c_person": {"c_officer"}},
    ),
    "members": ("role", {"m_pi": A_WRITERS, "m_copi": A_WRITERS | {"b_officer"}, "m_c": {"c_officer"}}),
    "declarations": (
        "details",
        {"d_pi": A_WRITERS | {"a_pi"}, "d_copi": A_WRITERS | {"b_officer", "b_copi"}, "d_c": {"c_officer"}},
    ),
    "supporters": ("purpose", {"sup": A_WRITERS}),
    "managed-items": (
        "policy",
        {"item_a": A_WRITERS, "item_b": A_WRITERS | {"b_officer"}, "item_c": {"c_officer"}},
    ),
    "contracts": ("scope", {"contract": A_WRITERS}),
    "peacetime": ("details", {"pt_a": A_WRITERS, "pt_c": {"c_officer"}}),
}
DELETE = {
    "supporters": {"sup": A_WRITERS},
    "managed-items": {"item_a": A_WRITERS, "item_b": A_WRITERS | {"b_officer"}, "item_c": {"c_officer"}},
    "documents": {"doc_b": A_WRITERS | {"b_officer"}},
    "declarations": {"d_pi": A_WRITERS | {"a_pi"}, "d_copi": A_WRITERS | {"b_officer", "b_copi"}},
    "peacetime": {"pt_a": A_WRITERS, "pt_c": {"c_officer"}},
    "partners": {"partner": A_WRITERS},
}
READ_ONLY_ENDPOINTS = {"submissions": "sub", "audit": None, "organizations": None}

INSTITUTION_WRITERS = {"a_admin", "a_officer", "b_officer", "c_officer"}
CREATE = {
    "programs": (lambda w: {"title_ja": "新プログラム"}, {"fa1_officer", "fa1_admin", "fa2_officer"}),
    "cases": (lambda w: {"program": w.p1.id, "title": "新案件"}, INSTITUTION_WRITERS),
    "partners": (lambda w: {"case": w.case.id, "name_ja": "新機関", "country": "cn"}, A_WRITERS),
    "people": (lambda w: {"family_name": "新人"}, INSTITUTION_WRITERS),
    "members": (lambda w: {"case": w.case.id, "person": w.extra.id, "role": "participant"}, A_WRITERS),
    "declarations": (
        lambda w: {"person": w.pi.id, "category": "patent", "title": "特許"},
        A_WRITERS | {"a_pi"},
    ),
    "supporters": (
        lambda w: {"case": w.case.id, "name": "某社", "kind": "company", "country": "cn", "support": "pay"},
        A_WRITERS | {"b_officer"},
    ),
    "managed-items": (
        lambda w: {"case": w.case.id, "kind": "dmp", "title": "DMP"},
        A_WRITERS | {"b_officer"},
    ),
    "contracts": (
        lambda w: {"case": w.case.id, "kind": "mou", "counterparty": "某"},
        A_WRITERS | {"b_officer"},
    ),
    "peacetime": (lambda w: {"category": "grants", "title": "記録"}, INSTITUTION_WRITERS),
    "documents": (
        lambda w: {"case": w.case.id, "file": SimpleUploadedFile("x.pdf", b"%PDF-1.4 x")},
        A_WRITERS | {"b_officer"},
    ),
}


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def rolled_back(fn, *args):
    with transaction.atomic():
        result = fn(*args)
        transaction.set_rollback(True)
    return result


def _ids(response) -> set:
    body = response.json()
    return {row["id"] for row in body["results"]}


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", sorted(READ))
def test_read_matrix(world, endpoint):
    """Lists and retrieves return exactly what each role/tenant may see; others answer 404 (no leak)."""
    for username in USERS:
        client = client_for(world.users[username])
        expected = {
            getattr(world, name).id for name, readers in READ[endpoint].items() if username in readers
        }
        response = client.get(f"/api/{endpoint}/")
        assert response.status_code == 200, (endpoint, username, response.content)
        listed = _ids(response)
        fixture_ids = {getattr(world, name).id for name in READ[endpoint]}
        assert listed & fixture_ids == expected, (endpoint, username)
        if endpoint != "programs":
            assert listed <= fixture_ids | _created_by_world_extra(world, endpoint), (
                endpoint,
                username,
                listed,
            )
        for name in READ[endpoint]:
            obj = getattr(world, name)
            status = client.get(f"/api/{endpoint}/{obj.id}/").status_code
            assert status == (200 if obj.id in expected else 404), (endpoint, username, name, status)


def _created_by_world_extra(world, endpoint) -> set:
    return {world.extra.id} if endpoint == "people" else set()


@pytest.fixture
def world(world):  # noqa: F811 - extend the shared world with one spare person of institution A
    from rsec.app.cases import services

    world.extra = services.create(world.users["a_officer"], m.Person, {"family_name": "追加"})
    return world


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", sorted(UPDATE))
def test_update_matrix(world, endpoint):
    """Only the owning tenant's writers (and a researcher for their own records) may update."""
    field, rules = UPDATE[endpoint]
    for name, writers in rules.items():
        obj = getattr(world, name)
        for username in USERS:
            client = client_for(world.users[username])
            before = AuditEntry.objects.count()
            response = rolled_back(
                client.patch, f"/api/{endpoint}/{obj.id}/", {field: getattr(obj, field)}, "json"
            )
            if username in writers:
                assert response.status_code == 200, (endpoint, name, username, response.content)
            else:
                assert response.status_code in (403, 404), (endpoint, name, username, response.status_code)
                visible = username in READ[endpoint].get(name, set())
                assert response.status_code == (403 if visible else 404), (endpoint, name, username)
            assert AuditEntry.objects.count() == before


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", sorted(DELETE))
def test_delete_matrix(world, endpoint):
    for name, writers in DELETE[endpoint].items():
        obj = getattr(world, name)
        model = type(obj)
        for username in USERS:
            client = client_for(world.users[username])

            def attempt(client, obj, model):
                response = client.delete(f"/api/{endpoint}/{obj.id}/")
                return response, model.objects.filter(pk=obj.pk).exists()

            response, still_there = rolled_back(attempt, client, obj, model)
            if username in writers:
                assert response.status_code == 204 and not still_there, (
                    endpoint,
                    name,
                    username,
                    response.content,
                )
            else:
                assert response.status_code in (403, 404) and still_there, (
                    endpoint,
                    name,
                    username,
                    response.status_code,
                )


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", sorted(CREATE))
def test_create_matrix(world, endpoint):
    """Creates succeed only for the tenants and roles that own the target; refused creates write nothing."""
    payload_for, writers = CREATE[endpoint]
    for username in USERS:
        client = client_for(world.users[username])
        fmt = "multipart" if endpoint == "documents" else "json"

        def attempt(client, fmt):
            count = AuditEntry.objects.count()
            response = client.post(f"/api/{endpoint}/", payload_for(world), format=fmt)
            return response, AuditEntry.objects.count() - count

        response, new_entries = rolled_back(attempt, client, fmt)
        if username in writers:
            assert response.status_code == 201, (endpoint, username, response.content)
            assert new_entries == 1
        else:
            assert response.status_code in (400, 403, 404), (
                endpoint,
                username,
                response.status_code,
                response.content,
            )
            assert new_entries == 0


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", sorted(READ_ONLY_ENDPOINTS))
def test_read_only_endpoints_refuse_writes(world, endpoint):
    for username in USERS:
        client = client_for(world.users[username])
        assert client.post(f"/api/{endpoint}/", {}, format="json").status_code in (403, 405)
        if READ_ONLY_ENDPOINTS[endpoint]:
            obj = getattr(world, READ_ONLY_ENDPOINTS[endpoint])
            assert client.patch(f"/api/{endpoint}/{obj.id}/", {"note": "x"}, format="json").status_code in (
                403,
                404,
                405,
            )
            assert client.delete(f"/api/{endpoint}/{obj.id}/").status_code in (403, 404, 405)


@pytest.mark.django_db
def test_audit_trail_scoped_to_tenant(world):
    """Auditors read their own institution's trail, never another tenant's; researchers read none."""
    for username in USERS:
        response = client_for(world.users[username]).get("/api/audit/?limit=1000")
        assert response.status_code == 200
        rows = response.json()["results"]
        user = world.users[username]
        if username in {
            "a_admin",
            "a_officer",
            "a_auditor",
            "c_officer",
            "b_officer",
            "fa1_admin",
            "fa1_auditor",
        }:
            assert rows, username
        else:
            assert rows == [], username
        lead_cases = set(m.Case.objects.filter(institution=user.organization).values_list("id", flat=True))
        for row in rows:
            assert row["organization_id"] == user.organization_id or row["case_id"] in lead_cases, (
                username,
                row,
            )


@pytest.mark.django_db
def test_fa_sees_only_submitted_snapshot(world):
    """P-1/P-3: the FA sees the submission as it was submitted, not later edits, and nothing of other FAs."""
    from rsec.app.cases import services

    services.update(world.users["a_officer"], world.case, {"summary": "提出後に変更"})
    body = client_for(world.users["fa1_officer"]).get(f"/api/submissions/{world.sub.id}/").json()
    assert body["payload"]["case"]["summary"] != "提出後に変更"
    assert {p["person"]["family_name"] for p in body["payload"]["members"]} == {"山田", "中村"}
    assert (
        client_for(world.users["fa1_officer"]).get(f"/api/submissions/{world.sub_c.id}/").status_code == 404
    )
    assert client_for(world.users["fa1_officer"]).get(f"/api/cases/{world.case.id}/").status_code == 404


@pytest.mark.django_db
def test_document_download_scoped(world):
    """FA downloads only documents listed in a submission to its program; other tenants get 404."""
    ok = client_for(world.users["fa1_officer"]).get(f"/api/documents/{world.doc_a.id}/download/")
    assert ok.status_code == 200 and b"".join(ok.streaming_content) == b"%PDF-1.4 a"
    assert (
        client_for(world.users["fa2_officer"]).get(f"/api/documents/{world.doc_a.id}/download/").status_code
        == 404
    )
    assert (
        client_for(world.users["b_officer"]).get(f"/api/documents/{world.doc_a.id}/download/").status_code
        == 404
    )
    assert (
        client_for(world.users["b_officer"]).get(f"/api/documents/{world.doc_b.id}/download/").status_code
        == 200
    )


@pytest.mark.django_db
def test_alternative_route_is_decided_by_the_fa_only(world):
    """P-3(5): the institution submits an NDA instead and asks; only the program's FA decides, with a reason."""
    from django.core.exceptions import ValidationError

    from rsec.app.cases import services

    with pytest.raises(ValidationError):
        services.update(world.users["a_officer"], world.contract, {"fa_decision": "accepted"})
    url = f"/api/submissions/{world.sub.id}/decide-alternative-route/"
    body = {"contract": world.contract.id, "decision": "accepted", "reason": "NDA で技術は保護されている"}
    for username in ["a_officer", "fa1_auditor", "fa2_officer", "b_officer"]:
        assert client_for(world.users[username]).post(url, body, format="json").status_code in (403, 404), (
            username
        )
    assert (
        client_for(world.users["fa1_officer"]).post(url, {**body, "reason": ""}, format="json").status_code
        == 400
    )
    response = client_for(world.users["fa1_officer"]).post(url, body, format="json")
    assert response.status_code == 200 and response.json()["fa_decision"] == "accepted"
    entry = AuditEntry.objects.order_by("-seq").first()
    assert (
        entry.action == "fa_decision"
        and entry.reason == body["reason"]
        and entry.actor_username == "fa1_officer"
    )
    assert entry.case_id == world.case.id


def _list_everything(client, prefixes) -> dict:
    seen = {}
    for prefix in prefixes:
        response = client.get(f"/api/{prefix}/?limit=1000")
        assert response.status_code == 200, (prefix, response.status_code)
        body = response.json()
        rows = body["results"] if isinstance(body, dict) and "results" in body else body
        seen[prefix] = sorted(str(r.get("id", r.get("seq"))) for r in rows)
    return seen


@pytest.mark.django_db
def test_cross_tenant_reads_are_zero_on_every_endpoint(world):
    """Every route registered in the API — including those added by later apps — shows an outsider nothing
    of what institution A writes: C's officer, FA2 (not A's program's FA) and B's researcher (not a member)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from rsec.app import urls
    from rsec.app.cases import services

    prefixes = sorted(
        {prefix for prefix, _viewset, _basename in urls.router.registry} - {"organizations", "programs"}
    )
    outsiders = ["c_officer", "fa2_officer", "b_copi", "fa1_officer"]
    before = {u: _list_everything(client_for(world.users[u]), prefixes) for u in outsiders}

    officer = world.users["a_officer"]
    case = services.create(officer, m.Case, {"program": world.p1, "title": "A だけの案件"})
    person = services.create(officer, m.Person, {"family_name": "秘密", "given_name": "花子"})
    services.create(officer, m.Member, {"case": case, "person": person, "role": "pi"})
    services.create(officer, m.Declaration, {"person": person, "category": "grant", "title": "非公開の助成"})
    services.create(officer, m.Partner, {"case": case, "name_ja": "某社", "country": "cn"})
    services.create(
        officer,
        m.Supporter,
        {"case": case, "name": "某基金", "kind": "foundation", "country": "cn", "support": "grant"},
    )
    services.create(officer, m.ManagedItem, {"case": case, "kind": "dmp", "title": "A の DMP"})
    services.upload_document(officer, case, SimpleUploadedFile("a-only.pdf", b"%PDF-1.4 secret"))
    services.create(officer, m.PeacetimeRecord, {"category": "ip", "title": "A の特許記録"})

    after = {u: _list_everything(client_for(world.users[u]), prefixes) for u in outsiders}
    assert after == before
