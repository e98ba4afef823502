"""Server-rendered UI: pages render in Japanese (default) and English, and respect tenancy."""

from __future__ import annotations

import pytest
from django.test import Client

from rsec.app.cases import models as m


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_pages_render_for_officer(world):
    c = login(world.users["a_officer"])
    for url in [
        "/cases/",
        f"/cases/{world.case.id}/",
        f"/people/{world.pi.id}/",
        "/programs/",
        "/submissions/",
        f"/submissions/{world.sub.id}/",
        "/peacetime/",
        "/audit/",
        f"/audit/?case={world.case.id}",
        "/cases/new/",
        f"/cases/{world.case.id}/add/supporter/",
    ]:
        response = c.get(url)
        assert response.status_code == 200, url
    page = c.get(f"/cases/{world.case.id}/").content.decode()
    assert "研究者" in page and "山田 太郎" in page and "共同研究先機関" in page


@pytest.mark.django_db
def test_english_interface(world):
    """Bilingual interface: Japanese by default, English on request."""
    c = login(world.users["a_officer"])
    assert "案件一覧" in c.get("/cases/").content.decode()
    c.post("/i18n/setlang/", {"language": "en", "next": "/cases/"})
    page = c.get("/cases/").content.decode()
    assert "Cases" in page and "案件一覧" not in page
    detail = c.get(f"/cases/{world.case.id}/").content.decode()
    assert "No. 1" in detail and "第1回" not in detail  # the submission counter
    assert ">Supporter</h1>" in c.get(f"/cases/{world.case.id}/add/supporter/").content.decode().replace(
        "\n", ""
    )


@pytest.mark.django_db
def test_partner_page_shows_only_its_part(world):
    """P-5 scope: partner B sees its own team member and managed item, not A's PI, supporter or partner notes."""
    page = login(world.users["b_officer"]).get(f"/cases/{world.case.id}/").content.decode()
    assert "中村" in page and "乙 測定室" in page
    assert (
        "山田" not in page
        and "某財団" not in page
        and "設計データ" not in page
        and "contract.pdf" not in page
    )


@pytest.mark.django_db
def test_other_tenants_get_404(world):
    for username in ["c_officer", "fa2_officer", "fa1_officer"]:
        c = login(world.users[username])
        assert c.get(f"/cases/{world.case.id}/").status_code == 404
        assert c.get(f"/people/{world.pi.id}/").status_code == 404
    assert login(world.users["fa2_officer"]).get(f"/submissions/{world.sub.id}/").status_code == 404
    assert login(world.users["fa1_officer"]).get(f"/submissions/{world.sub.id}/").status_code == 200


@pytest.mark.django_db
def test_member_add_creates_person_and_member(world):
    c = login(world.users["a_officer"])
    response = c.post(
        f"/cases/{world.case.id}/members/",
        {
            "role": "participant",
            "family_name": "佐々木",
            "given_name": "次郎",
            "family_name_latin": "Sasaki",
            "given_name_latin": "Jiro",
        },
    )
    assert response.status_code == 302
    member = m.Member.objects.get(case=world.case, person__family_name="佐々木")
    assert member.role == "participant" and member.owner_id == world.a.id


@pytest.mark.django_db
def test_member_add_with_invalid_orcid_writes_nothing(world):
    c = login(world.users["a_officer"])
    count = m.Person.objects.count()
    response = c.post(
        f"/cases/{world.case.id}/members/",
        {"role": "participant", "family_name": "誤", "orcid": "12-34"},
        follow=True,
    )
    assert m.Person.objects.count() == count
    assert "ORCID" in response.content.decode()


@pytest.mark.django_db
def test_researcher_cannot_create_case(world):
    assert login(world.users["a_pi"]).get("/cases/new/").status_code == 403


@pytest.mark.django_db
def test_lead_assigns_co_pi_to_partner_who_then_sees_and_edits_it(world):
    """P-5 scope figure: B does its own team — a CO-PI the lead assigns to B is B's to see and edit."""
    c = login(world.users["a_officer"])
    c.post(
        f"/cases/{world.case.id}/members/",
        {
            "role": "co_pi",
            "owner": world.b.id,
            "family_name": "小林",
            "given_name": "誠",
            "affiliation": "乙大学",
        },
    )
    member = m.Member.objects.get(case=world.case, person__family_name="小林")
    assert member.owner_id == world.b.id
    b = login(world.users["b_officer"])
    assert "小林" in b.get(f"/cases/{world.case.id}/").content.decode()
    assert b.get(f"/people/{member.person_id}/").status_code == 200
    b.post(f"/people/{member.person_id}/", {"category": "education", "title": "博士（理学）"})
    assert member.person.declarations.filter(title="博士（理学）").exists()
    # the owner choice is limited to the lead and its partner tenants
    c.post(f"/cases/{world.case.id}/members/", {"role": "co_pi", "owner": world.c.id, "family_name": "不正"})
    assert not m.Member.objects.filter(person__family_name="不正").exists()


@pytest.mark.django_db
def test_fa_records_alternative_route_decision_in_ui(world):
    fa = login(world.users["fa1_officer"])
    page = fa.get(f"/submissions/{world.sub.id}/").content.decode()
    assert "判断を記録" in page
    fa.post(
        f"/submissions/{world.sub.id}/",
        {"contract": world.contract.id, "decision": "rejected", "reason": "範囲が不十分"},
    )
    world.contract.refresh_from_db()
    assert world.contract.fa_decision == "rejected"
    officer = login(world.users["a_officer"])
    assert "判断を記録" not in officer.get(f"/submissions/{world.sub.id}/").content.decode()
    officer.post(
        f"/submissions/{world.sub.id}/",
        {"contract": world.contract.id, "decision": "accepted", "reason": "x"},
    )
    world.contract.refresh_from_db()
    assert world.contract.fa_decision == "rejected"
