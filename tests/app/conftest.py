"""A small multi-tenant world for platform tests. All people are invented."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rsec.app.accounts.models import Organization, Role, User
from rsec.app.cases import models as m
from rsec.app.cases import services


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.RSEC_INDEX_DIR = tmp_path / "screening-index"


@pytest.fixture(autouse=True)
def _no_index_in_memory():
    """Each test starts like a fresh process: no screening index kept in memory from another test."""
    from rsec.app.screening import services as screening_services

    screening_services._INDEX_CACHE.clear()
    yield
    screening_services._INDEX_CACHE.clear()


def _user(username, org, role):
    """Tests authenticate with force_login/force_authenticate: no password, so no slow hashing."""
    user = User(username=username, organization=org, role=role)
    user.set_unusable_password()
    user.save()
    return user


@pytest.fixture
def world(db):
    w = SimpleNamespace()
    w.fa1 = Organization.objects.create(kind="funding_agency", name_ja="FA一", name_en="FA One")
    w.fa2 = Organization.objects.create(kind="funding_agency", name_ja="FA二", name_en="FA Two")
    w.a = Organization.objects.create(kind="institution", name_ja="甲大学", name_en="Ko University")
    w.b = Organization.objects.create(kind="institution", name_ja="乙大学", name_en="Otsu University")
    w.c = Organization.objects.create(kind="institution", name_ja="丙研究所", name_en="Hei Institute")
    w.users = {
        "a_admin": _user("a_admin", w.a, Role.INSTITUTION_ADMIN),
        "a_officer": _user("a_officer", w.a, Role.SECURITY_OFFICER),
        "a_pi": _user("a_pi", w.a, Role.RESEARCHER),
        "a_auditor": _user("a_auditor", w.a, Role.AUDITOR),
        "b_officer": _user("b_officer", w.b, Role.SECURITY_OFFICER),
        "b_copi": _user("b_copi", w.b, Role.RESEARCHER),
        "c_officer": _user("c_officer", w.c, Role.SECURITY_OFFICER),
        "fa1_officer": _user("fa1_officer", w.fa1, Role.FA_OFFICER),
        "fa1_admin": _user("fa1_admin", w.fa1, Role.FA_ADMIN),
        "fa1_auditor": _user("fa1_auditor", w.fa1, Role.AUDITOR),
        "fa2_officer": _user("fa2_officer", w.fa2, Role.FA_OFFICER),
    }
    u = w.users
    w.p1 = services.create(
        u["fa1_officer"],
        m.Program,
        {"title_ja": "指定プログラム1", "designated": True, "risk_management_deadline": dt.date(2027, 3, 31)},
    )
    w.p1_hidden = services.create(
        u["fa1_officer"], m.Program, {"title_ja": "非指定プログラム", "designated": False}
    )
    w.p2 = services.create(u["fa2_officer"], m.Program, {"title_ja": "指定プログラム2", "designated": True})

    w.pi = services.create(
        u["a_officer"],
        m.Person,
        {
            "family_name": "山田",
            "given_name": "太郎",
            "family_name_latin": "Yamada",
            "given_name_latin": "Taro",
        },
    )
    w.pi.user = u["a_pi"]
    w.pi.save()
    w.copi = services.create(u["b_officer"], m.Person, {"family_name": "中村", "given_name": "陽介"})
    w.copi.user = u["b_copi"]
    w.copi.save()
    w.c_person = services.create(u["c_officer"], m.Person, {"family_name": "田中", "given_name": "花子"})

    w.case = services.create(u["a_officer"], m.Case, {"program": w.p1, "title": "共同研究案件"})
    w.partner = services.create(
        u["a_officer"], m.Partner, {"case": w.case, "organization": w.b, "name_ja": "乙大学", "country": "jp"}
    )
    w.m_pi = services.create(u["a_officer"], m.Member, {"case": w.case, "person": w.pi, "role": "pi"})
    w.m_copi = services.create(
        u["b_officer"], m.Member, {"case": w.case, "person": w.copi, "role": "co_pi", "owner": w.b}
    )
    w.d_pi = services.create(
        u["a_pi"], m.Declaration, {"person": w.pi, "category": "grant", "title": "科研費"}
    )
    w.d_copi = services.create(
        u["b_copi"], m.Declaration, {"person": w.copi, "category": "education", "title": "博士"}
    )
    w.d_c = services.create(
        u["c_officer"], m.Declaration, {"person": w.c_person, "category": "education", "title": "修士"}
    )
    w.sup = services.create(
        u["a_officer"],
        m.Supporter,
        {"case": w.case, "name": "某財団", "kind": "foundation", "country": "us", "support": "grant"},
    )
    w.item_a = services.create(
        u["a_officer"], m.ManagedItem, {"case": w.case, "kind": "managed_data", "title": "設計データ"}
    )
    w.item_b = services.create(
        u["b_officer"],
        m.ManagedItem,
        {"case": w.case, "kind": "facility", "title": "乙 測定室", "owner": w.b},
    )
    w.doc_a = services.upload_document(
        u["a_officer"], w.case, SimpleUploadedFile("contract.pdf", b"%PDF-1.4 a")
    )
    w.doc_b = services.upload_document(
        u["b_officer"], w.case, SimpleUploadedFile("b-dmp.pdf", b"%PDF-1.4 b"), owner=w.b
    )
    w.contract = services.create(
        u["a_officer"],
        m.Contract,
        {
            "case": w.case,
            "kind": "nda",
            "counterparty": "乙大学",
            "alternative_route": True,
            "fa_decision": "pending",
            "document": w.doc_a,
        },
    )
    w.pt_a = services.create(
        u["a_officer"], m.PeacetimeRecord, {"category": "facilities", "title": "入退室管理"}
    )
    w.pt_c = services.create(
        u["c_officer"], m.PeacetimeRecord, {"category": "facilities", "title": "丙 入退室管理"}
    )

    w.case_c = services.create(u["c_officer"], m.Case, {"program": w.p2, "title": "丙の案件"})
    w.m_c = services.create(u["c_officer"], m.Member, {"case": w.case_c, "person": w.c_person, "role": "pi"})
    w.item_c = services.create(
        u["c_officer"], m.ManagedItem, {"case": w.case_c, "kind": "dmp", "title": "丙DMP"}
    )

    w.sub = services.submit_case(u["a_officer"], w.case, note="提出")
    w.sub_c = services.submit_case(u["c_officer"], w.case_c)
    return w
