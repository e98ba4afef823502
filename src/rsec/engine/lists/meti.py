"""METI End User List (外国ユーザーリスト) spreadsheet reader.

Columns are found by their header text (No. / 国名、地域名 Country or Region / 企業名､組織名 Company or
Organization / 別名 Also Known As / 懸念区分 Type of WMD / 通常兵器 Conventional Weapons). The list
numbers its rows with a formula (``=ROW()-1``) and renumbers on every revision, so ids are derived
from the country and the name instead: ``meti-eul:<country>-<hash>``. The printed number is left
out of the record (only ``source`` names the row), so a renumbering is not reported as a change.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from rsec.engine.lists._base import EntityBuilder, clean, display_name, entity_id
from rsec.engine.lists.errors import ListFormatError
from rsec.engine.lists.model import ListEntity
from rsec.engine.lists.xlsx import header_key, open_workbook, rows

LIST_CODE = "meti_eul"

_COLUMNS = {
    "no": ("no.",),
    "country": ("country", "国名"),
    "name": ("company", "企業名"),
    "aliases": ("alsoknownas", "別名"),
    "wmd": ("typeofwmd", "懸念区分"),
    "conventional": ("conventional", "通常兵器"),
}
_REQUIRED = ("country", "name")
_WMD = (
    ("生物", "wmd:biological"),
    ("化学", "wmd:chemical"),
    ("ミサイル", "wmd:missile"),
    ("核", "wmd:nuclear"),
)


def _find_columns(row: tuple) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(row):
        key = header_key(cell)
        for field, needles in _COLUMNS.items():
            if field not in found and any(n in key for n in needles):
                found[field] = index
                break
    return found


def split_aliases(text: str) -> list[str]:
    """'・A\\n・B; and\\n・C' → [A, B, C]."""
    out = []
    for part in re.split(r"[\n;；]", text):
        part = part.strip().lstrip("・･·").strip()
        part = re.sub(r"^(and|及び)\s+", "", part).strip()
        part = re.sub(r"\s+(and)$", "", part).strip()
        if clean(part) and part.casefold() not in ("and", "及び", "or"):
            out.append(part)
    return out


def _split_name(cell: str) -> tuple[str, list[tuple[str, str]]]:
    """'Air Koryo\\n(高麗航空)' → ('Air Koryo', [('高麗航空', 'original_script')])."""
    lines = [line.strip() for line in str(cell).split("\n") if line.strip()]
    primary = lines[0] if lines else ""
    extra: list[tuple[str, str]] = []
    for line in lines[1:]:
        inner = re.sub(r"^[(（]\s*(.*?)\s*[)）]$", r"\1", line)
        kind = "alias" if inner.isascii() else "original_script"
        extra.append((inner, kind))
    return primary, extra


def read_meti_eul(path: str | Path) -> Iterator[ListEntity]:
    path = Path(path)
    wb = open_workbook(path)
    try:
        ws = wb.worksheets[0]
        columns: dict[str, int] | None = None
        header_row = 0
        for number, row in rows(ws):
            if columns is None:
                found = _find_columns(row)
                if all(f in found for f in _REQUIRED):
                    columns, header_row = found, number
                elif number >= 10:
                    break
                continue
            entity = _entity(path, ws.title, number, header_row, row, columns)
            if entity is not None:
                yield entity
        if columns is None:
            raise ListFormatError(
                path,
                f"{ws.title}!A1",
                "header row not found: expected columns 'Country or Region' and 'Company or Organization'",
            )
    finally:
        wb.close()


def _cell(row: tuple, columns: dict[str, int], field: str) -> object:
    index = columns.get(field)
    return row[index] if index is not None and index < len(row) else None


def _entity(path: Path, sheet: str, number: int, header_row: int, row: tuple, columns: dict[str, int]):
    name_cell = _cell(row, columns, "name")
    country_cell = clean(_cell(row, columns, "country"))
    if not clean(name_cell):
        if any(clean(v) for v in row):
            raise ListFormatError(
                path, f"{sheet}!{number}", "row has data but no company or organisation name"
            )
        return None
    primary, extra = _split_name(str(name_cell))
    b = EntityBuilder(LIST_CODE, "", "Organization", f"{display_name(path)}:{sheet}!{number}")
    b.name(primary, "primary")
    for value, kind in extra:
        b.name(value, kind)
    aliases = _cell(row, columns, "aliases")
    if aliases is not None:
        for alias in split_aliases(str(aliases)):
            b.name(alias, "alias")
    b.country(_cell(row, columns, "country"), "country")
    if not b.entity.countries and country_cell:
        raise ListFormatError(path, f"{sheet}!{number}", f"unknown country or region {country_cell!r}")
    b.topic("export.control")
    wmd = unicodedata.normalize("NFKC", str(_cell(row, columns, "wmd") or ""))
    for word, topic in _WMD:
        if word in wmd:
            b.topic(topic)
    if clean(_cell(row, columns, "conventional")):
        b.topic("arms:conventional")
    key_name = " ".join(unicodedata.normalize("NFKC", primary).casefold().split())
    digest = hashlib.sha1(f"{key_name}|{','.join(b.entity.countries)}".encode()).hexdigest()[:12]
    b.entity.id = entity_id(LIST_CODE, f"{(b.entity.countries or ['xx'])[0]}-{digest}")
    return b.build()
