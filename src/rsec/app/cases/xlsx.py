"""Declarations (P-3(1)) as an XLSX workbook — the way research-security offices work today.

Export writes one row per declaration on the sheet ``申告 Declarations``; import reads the same sheet
back. Rows with an ``id`` update that declaration, rows without one create a new one, rows that did
not change are left alone (so export → import is a no-op). Every row is validated before anything is
written; any problem aborts the whole import and is reported by sheet, row and column.
Rows missing from the sheet are not deleted: deletion is a deliberate act in the UI or API.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from . import models as m
from . import services

SHEET = "申告 Declarations"
CATEGORY_SHEET = "区分 Categories"
COLUMNS = [  # (key, Japanese label)
    ("id", "ID"),
    ("person_id", "研究者ID"),
    ("person_name", "研究者名（参考）"),
    ("category", "区分"),
    ("title", "件名"),
    ("counterpart", "相手方"),
    ("country", "国"),
    ("role", "立場・役割"),
    ("start_date", "開始日"),
    ("end_date", "終了日"),
    ("identifier", "識別子"),
    ("amount_jpy", "金額（円）"),
    ("details", "詳細"),
]
DATA_FIELDS = list(m.Declaration.EDITABLE_FIELDS)
MAX_ROWS = 20_000


@dataclass
class Problem:
    sheet: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"{self.sheet}!{self.column}{self.row}" if self.column else f"{self.sheet} row {self.row}"
        return f"{where}: {self.message}"


class XlsxImportError(ValueError):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems[:10]))


def export_declarations(people) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append([f"{label} {key}" for key, label in COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    for person in people:
        for d in person.declarations.order_by("id"):
            ws.append(
                [
                    d.id,
                    person.id,
                    str(person),
                    d.category,
                    d.title,
                    d.counterpart,
                    d.country,
                    d.role,
                    d.start_date,
                    d.end_date,
                    d.identifier,
                    d.amount_jpy,
                    d.details,
                ]
            )
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # declared text is never a formula (spreadsheet injection)
    for idx, (key, _label) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(idx)].width = (
            14 if key not in ("title", "details", "counterpart") else 36
        )
        if key in ("start_date", "end_date"):
            for row in ws.iter_rows(min_row=2, min_col=idx, max_col=idx):
                row[0].number_format = "yyyy-mm-dd"
    ws.freeze_panes = "A2"
    cats = wb.create_sheet(CATEGORY_SHEET)
    cats.append(["code", "区分", "category"])
    for code, label in m.Declaration.Category.choices:
        cats.append([code, str(label), code.replace("_", " ")])
    col = get_column_letter([k for k, _ in COLUMNS].index("category") + 1)
    validation = DataValidation(
        type="list", formula1=f"='{CATEGORY_SHEET}'!$A$2:$A${len(m.Declaration.Category.choices) + 1}"
    )
    validation.add(f"{col}2:{col}{MAX_ROWS}")
    ws.add_data_validation(validation)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _header_keys(row) -> dict[str, int]:
    keys = {}
    for idx, cell in enumerate(row):
        text = str(cell.value or "").strip()
        key = text.rsplit(" ", 1)[-1] if text else ""
        if key in dict(COLUMNS) and key not in keys:
            keys[key] = idx
    return keys


def _cell_value(field: str, value, problems: list[Problem], row_no: int, col: str):
    if value is None or (isinstance(value, str) and not value.strip()):
        return None if field in ("start_date", "end_date", "amount_jpy", "id", "person_id") else ""
    if field in ("start_date", "end_date"):
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            problems.append(
                Problem(SHEET, row_no, col, _("日付は YYYY-MM-DD で入力してください: %(v)s") % {"v": value})
            )
            return None
    if field in ("amount_jpy", "id", "person_id"):
        if isinstance(value, bool):
            problems.append(Problem(SHEET, row_no, col, _("整数を入力してください")))
            return None
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, int):
            return value
        text = str(value).strip().replace(",", "")
        if text.lstrip("-").isdigit():
            return int(text)
        problems.append(Problem(SHEET, row_no, col, _("整数を入力してください: %(v)s") % {"v": value}))
        return None
    return str(value).strip()


def import_declarations(user, upload, *, people) -> dict:
    """Import declarations for ``people`` (the persons the caller is working on) from an XLSX upload."""
    name = getattr(upload, "name", "upload.xlsx")
    try:
        wb = load_workbook(upload, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise XlsxImportError(
            [Problem(name, 0, "", _("XLSX ファイルとして読めません: %(e)s") % {"e": exc})]
        ) from exc
    if SHEET not in wb.sheetnames:
        raise XlsxImportError([Problem(name, 0, "", _("シート「%(s)s」がありません") % {"s": SHEET})])
    ws = wb[SHEET]
    rows = ws.iter_rows()
    header = next(rows, None)
    keys = _header_keys(header or [])
    missing = [k for k in ("person_id", "category", "title") if k not in keys]
    if missing:
        raise XlsxImportError(
            [Problem(SHEET, 1, "", _("必須の列がありません: %(c)s") % {"c": ", ".join(missing)})]
        )
    allowed = {p.id: p for p in people}
    existing = {d.id: d for d in m.Declaration.objects.filter(person_id__in=allowed)}
    problems: list[Problem] = []
    plan: list[tuple[str, m.Declaration | None, dict]] = []
    for row_no, row in enumerate(rows, start=2):
        if row_no > MAX_ROWS:
            problems.append(
                Problem(SHEET, row_no, "", _("行数が上限（%(n)d 行）を超えています") % {"n": MAX_ROWS})
            )
            break
        values = {}
        for key, idx in keys.items():
            col = get_column_letter(idx + 1)
            raw = row[idx].value if idx < len(row) else None
            values[key] = _cell_value(key, raw, problems, row_no, col)
        if all(values.get(k) in (None, "") for k in ["id", "person_id", *DATA_FIELDS]):
            continue  # blank row
        col_of = {k: get_column_letter(i + 1) for k, i in keys.items()}
        person = allowed.get(values.get("person_id"))
        if person is None:
            problems.append(
                Problem(
                    SHEET,
                    row_no,
                    col_of["person_id"],
                    _("対象外の研究者IDです: %(v)s") % {"v": values.get("person_id")},
                )
            )
            continue
        data = {k: values[k] for k in DATA_FIELDS if k in values}
        decl_id = values.get("id")
        if decl_id is not None:
            current = existing.get(decl_id)
            if current is None or current.person_id != person.id:
                problems.append(
                    Problem(
                        SHEET,
                        row_no,
                        col_of.get("id", "A"),
                        _("存在しない申告IDです: %(v)s") % {"v": decl_id},
                    )
                )
                continue
            candidate = m.Declaration(
                pk=current.pk, person=person, **{f: getattr(current, f) for f in DATA_FIELDS}
            )
            for k, v in data.items():
                setattr(candidate, k, v)
        else:
            candidate = m.Declaration(person=person, **data)
            current = None
        try:
            candidate.full_clean(exclude=["person"], validate_unique=False)
        except ValidationError as exc:
            for field, msgs in exc.message_dict.items():
                for msg in msgs:
                    problems.append(Problem(SHEET, row_no, col_of.get(field, ""), f"{field}: {msg}"))
            continue
        plan.append(("update" if current else "create", current, {"person": person, **data}))
    if problems:
        raise XlsxImportError(problems)
    result = {"c": 0, "u": 0, "s": 0}
    with transaction.atomic():
        for op, current, data in plan:
            if op == "create":
                services.create(user, m.Declaration, data, reason="XLSX import")
                result["c"] += 1
            else:
                changes = {k: v for k, v in data.items() if k != "person" and getattr(current, k) != v}
                if changes:
                    services.update(user, current, changes, reason="XLSX import")
                    result["u"] += 1
                else:
                    result["s"] += 1
    return result
