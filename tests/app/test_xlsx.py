"""Declarations ↔ XLSX template (P-3(1)): lossless round trip, all-or-nothing import, errors by sheet/row/column."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import load_workbook

from rsec.app.audit.models import AuditEntry
from rsec.app.cases import models as m
from rsec.app.cases import services
from rsec.app.cases.xlsx import SHEET, XlsxImportError, export_declarations, import_declarations


def _rows(person):
    return sorted(
        m.Declaration.objects.filter(person=person).values(
            "id",
            "category",
            "title",
            "counterpart",
            "country",
            "role",
            "start_date",
            "end_date",
            "identifier",
            "amount_jpy",
            "details",
        ),
        key=lambda r: r["id"],
    )


def _upload(data: bytes, name="declarations.xlsx"):
    buf = io.BytesIO(data)
    buf.name = name
    return buf


@pytest.fixture
def rich_person(world):
    officer = world.users["a_officer"]
    for data in [
        {
            "category": "education",
            "title": "博士（工学）",
            "counterpart": "甲大学（指導教員: 田中）",
            "country": "jp",
            "start_date": dt.date(2005, 4, 1),
            "end_date": dt.date(2008, 3, 31),
        },
        {
            "category": "non_grant_support",
            "title": "客員研究員",
            "counterpart": "某研究所",
            "country": "sg",
            "role": "兼職",
            "amount_jpy": 1_200_000,
            "details": "複数行の\n詳細",
        },
        {"category": "publication", "title": '=HYPERLINK("http://x")', "identifier": "10.1234/abc"},
    ]:
        services.create(officer, m.Declaration, {"person": world.pi, **data})
    return world.pi


@pytest.mark.django_db
def test_round_trip_is_lossless_and_a_no_op(world, rich_person):
    before = _rows(rich_person)
    data = export_declarations([rich_person])
    wb = load_workbook(io.BytesIO(data))
    assert SHEET in wb.sheetnames
    titles = [c.value for c in wb[SHEET]["E"][1:]]
    assert '=HYPERLINK("http://x")' in titles  # stored as text, not a formula
    assert wb[SHEET]["E"][1:][titles.index('=HYPERLINK("http://x")')].data_type == "s"
    audit_before = AuditEntry.objects.count()
    result = import_declarations(world.users["a_officer"], _upload(data), people=[rich_person])
    assert result == {"c": 0, "u": 0, "s": len(before)}
    assert _rows(rich_person) == before
    assert AuditEntry.objects.count() == audit_before


@pytest.mark.django_db
def test_import_updates_and_creates_with_audit(world, rich_person):
    wb = load_workbook(io.BytesIO(export_declarations([rich_person])))
    ws = wb[SHEET]
    ws.cell(row=2, column=5, value="件名を訂正")
    ws.append(
        [
            None,
            rich_person.id,
            "",
            "patent",
            "新規の特許",
            "",
            "us",
            "発明者",
            "2024-01-05",
            None,
            "US123",
            None,
            "",
        ]
    )
    out = io.BytesIO()
    wb.save(out)
    result = import_declarations(world.users["a_pi"], _upload(out.getvalue()), people=[rich_person])
    assert result["c"] == 1 and result["u"] == 1
    new = m.Declaration.objects.get(person=rich_person, title="新規の特許")
    assert new.start_date == dt.date(2024, 1, 5) and new.country == "us"
    assert AuditEntry.objects.filter(reason="XLSX import").count() == 2


@pytest.mark.django_db
def test_bad_rows_are_reported_by_sheet_row_column_and_nothing_is_written(world, rich_person):
    before = _rows(rich_person)
    wb = load_workbook(io.BytesIO(export_declarations([rich_person])))
    ws = wb[SHEET]
    ws.cell(row=2, column=5, value="この変更は捨てられる")
    first = ws.max_row + 1  # header + the person's four existing declarations
    ws.append([None, rich_person.id, "", "no_such_category", "x"])
    ws.append([None, rich_person.id, "", "grant", "y", "", "japan", "", "2024-13-40"])
    ws.append([None, 999999, "", "grant", "z"])
    ws.append([None, rich_person.id, "", "grant", "", "", "", "", "", "", "", "12a"])
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(XlsxImportError) as info:
        import_declarations(world.users["a_officer"], _upload(out.getvalue()), people=[rich_person])
    where = {(p.row, p.column) for p in info.value.problems}
    assert first == 6
    assert (first, "D") in where  # category
    assert (first + 1, "G") in where and (first + 1, "I") in where  # country, start date
    assert (first + 2, "B") in where  # unknown person
    assert (first + 3, "E") in where and (first + 3, "L") in where  # empty title, bad amount
    assert len(where) == 6
    assert all(p.sheet == SHEET for p in info.value.problems)
    assert _rows(rich_person) == before


@pytest.mark.django_db
def test_broken_file_and_missing_sheet(world, rich_person):
    with pytest.raises(XlsxImportError) as info:
        import_declarations(
            world.users["a_officer"], _upload(b"not a zip", "broken.xlsx"), people=[rich_person]
        )
    assert "broken.xlsx" in str(info.value)
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "Sheet1"
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(XlsxImportError) as info:
        import_declarations(world.users["a_officer"], _upload(out.getvalue()), people=[rich_person])
    assert SHEET in str(info.value)


@pytest.mark.django_db
def test_import_respects_permissions(world, rich_person):
    data = export_declarations([rich_person])
    wb = load_workbook(io.BytesIO(data))
    wb[SHEET].cell(row=2, column=5, value="他機関による改変")
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(PermissionDenied):
        import_declarations(world.users["a_auditor"], _upload(out.getvalue()), people=[rich_person])
    assert m.Declaration.objects.filter(title="他機関による改変").count() == 0


@pytest.mark.django_db
def test_ui_export_import(world, rich_person):
    from django.test import Client

    c = Client()
    c.force_login(world.users["a_officer"])
    response = c.get(f"/people/{rich_person.id}/declarations.xlsx")
    assert response.status_code == 200 and response["Content-Type"].startswith(
        "application/vnd.openxmlformats"
    )
    upload = _upload(response.content)
    page = c.post(
        f"/people/{rich_person.id}/declarations/import/", {"file": upload}, follow=True
    ).content.decode()
    assert "変更なし 4 件" in page or "unchanged" in page
    assert c.get(f"/people/{world.copi.id}/declarations.xlsx").status_code == 200  # member of A's lead case
    other = Client()
    other.force_login(world.users["c_officer"])
    assert other.get(f"/people/{rich_person.id}/declarations.xlsx").status_code == 404
