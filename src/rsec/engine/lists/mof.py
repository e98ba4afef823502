"""MOF asset-freeze list (外為法に基づく資産凍結等の対象者リスト) spreadsheet reader.

The workbook has one sheet per measure (45 in the 2026-03 edition) and each sheet its own layout.
Per sheet the header row is found by its text (日本語表記 and 英語表記 in one row) and every column is
mapped by its header text, never by position. The katakana form (日本語表記) and the English form
(英語表記) of a party become two names of the same entity, with ``lang`` ``ja`` / ``en``; aliases
in both scripts come from the 別名 / 別称 columns.

Whether a row is a person or an organisation comes from the sheet (个人 / 団体 / 銀行 in its title
or caption); sheets listing both are decided per row by whether person-only columns (birth date,
nationality, passport, title …) hold anything. Rows marked 削除 (deleted) are skipped; rows without
a number that only continue the previous entry's notes are added to it.

Ids: ``mof-af:<sheet number>-<告示番号>`` (the notice number without its ``*`` / ``(*186)`` marks).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from rsec.engine.lists._base import EntityBuilder, clean, display_name, entity_id
from rsec.engine.lists.dates import first_date, parse_dates
from rsec.engine.lists.errors import ListFormatError
from rsec.engine.lists.model import ListEntity, detect_script
from rsec.engine.lists.xlsx import column_letter, header_key, open_workbook, rows

LIST_CODE = "mof_af"
HEADER_SEARCH_ROWS = 12

_PERSON_FIELDS = ("dob", "nationality", "passport", "id", "title", "birth_place")


def _classify_header(key: str) -> str | None:
    if not key:
        return None
    if key.startswith("告示日付"):
        return "notice_date"
    if key.startswith("告示番号"):
        return "number"
    if key == "日本語表記":
        return "name_ja"
    if key == "英語表記":
        return "name_en"
    if "確定に十分でない" in key:
        return "weak_alias"
    if key in ("旧称", "旧称・以前の呼称", "以前の別名", "過去の別名"):
        return "previous"
    if "別名" in key or "別称" in key:
        return "alias"
    if "生年月日" in key:
        return "dob"
    if key.startswith("国籍"):
        return "nationality"
    if "旅券" in key:
        return "passport"
    if key in ("id番号", "身分登録番号", "身分証番号"):
        return "id"
    if "国連参照番号" in key:
        return "unsc_id"
    if "住所" in key or "所在地" in key:
        return "address"
    if key in ("称号", "役職", "肩書", "肩書等"):
        return "title"
    if key.startswith("出生地"):
        return "birth_place"
    if key in ("その他の情報", "詳細"):
        return "notes"
    return None


def _find_header(row: tuple) -> dict[str, list[int]] | None:
    columns: dict[str, list[int]] = {}
    for index, cell in enumerate(row):
        field = _classify_header(header_key(cell))
        if field:
            columns.setdefault(field, []).append(index)
    if "name_ja" in columns and "name_en" in columns and "number" in columns:
        return columns
    return None


def _sheet_kind(title: str, caption: str, columns: dict[str, list[int]]) -> str | None:
    """'Person', 'Organization', or None when rows must be classified one by one."""
    for text in (title, caption):
        person, org = "個人" in text, ("団体" in text or "銀行" in text)
        if person and not org:
            return "Person"
        if org and not person:
            return "Organization"
    if not any(f in columns for f in _PERSON_FIELDS):
        return "Organization"
    return None


_ENUM = re.compile(r"[(（]\s*[a-z]{1,2}\s*[)）]|(?:^|(?<=\s))\d{1,2}\)")
_AKA = re.compile(r"\b[af]\.?k\.?a\.?\s*:?", re.I)
_MARKERS = re.compile(r"[(（]?\s*(以前掲載の氏名|formerly listed as|別称|別名)\s*[)）、,]?", re.I)
_BORN = re.compile(
    r"([,、]\s*born\b.*$|[,、（(]\s*\d{4}年.*$|[（(][^()（）]*(出生|生まれ)[^()（）]*[)）]"
    r"|(\s+|\s*[(（]\s*)born\s+(in\s+)?\d.*$"  # "NAME born in 1963", "NAME (born 1 Jan. 1958 in …"
    r"|[,、;(（]?\s*\b(DOB|POB)\s*[:：.].*$"  # "NAME, DOB: 01 Jan.1969. POB: …"
    r"|[(（][^()（）]*(ID|身分証|旅券)?番号\s*[:：].*$)",  # "NAME(マリ共和国ID番号:073/…"
    re.I,
)
_PAREN_PAIR = re.compile(
    r"^(?P<x>[^()（）]*[\u3040-\u30ff\u4e00-\u9fff][^()（）]*?)\s*"
    r"[(（](?P<y>[^()（）\u3040-\u30ff\u4e00-\u9fff]*[A-Za-z][^()（）\u3040-\u30ff\u4e00-\u9fff]*)[)）]$"
)
_MIXED_PAIR = re.compile(r"^(?P<x>[^()（）]+?)\s*[(（](?P<y>[^()（）]+)[)）]$")
_ANNOTATION = re.compile(
    r"[(（【]\s*(戦闘員名|nom de guerre|アラビア語|ロシア語|英語|original script|旧称|別称|以前の名称)\s*[)）】]",
    re.I,
)
_NOT_A_NAME = re.compile(
    r"^(born\s+(in|on|\d)|expired|issued|passport|national identification|nationality|dob)\b|passport number|出生|生まれ"
    r"|旅券|国籍|発行地|\d{4}年|番号\s*[:：]",
    re.I,
)
_QUOTES = "\"'`“”‘’「」『』«»"


def _family(text: str) -> str:
    script = detect_script(text)
    return "Jpan" if script in ("Hani", "Hira", "Kana", "Jpan") else script


def _strip_unbalanced(text: str) -> str:
    text = text.strip(" \t・,、;；.")
    while text and text[0] in "(（" and _depth(text) > 0:
        text = text[1:].strip()
    while text and text[-1] in ")）" and _depth(text) < 0:
        text = text[:-1].strip()
    if len(text) > 2 and text[0] in "(（" and text[-1] in ")）" and _depth(text[1:-1]) == 0:
        text = text[1:-1].strip()
    return text.strip(" ・,、;；")


def _depth(text: str) -> int:
    return sum(1 for c in text if c in "(（") - sum(1 for c in text if c in ")）")


def split_aliases(cell: object) -> list[str]:
    """Names in a MOF alias cell: enumerations ``(a)…(b)…``, ``、`` / ``;`` / newline separated lists,
    ``カタカナ（English）`` pairs and ``(a.k.a.: …)`` blocks; birth notes and markers dropped."""
    if cell is None:
        return []
    text = unicodedata.normalize("NFKC", str(cell))
    text = _ORIGINAL.sub(" ", text)  # read separately as original-script names
    text = _AKA.sub(" ", text)
    text = _ANNOTATION.sub(" ", text)
    text = _MARKERS.sub(" ", text)
    out: list[str] = []
    for chunk in re.split(r"[\n;；]", text):
        for piece in _ENUM.split(chunk):
            latin = piece.isascii() or not re.search(r"[^\x00-\x7f]", piece)
            parts = piece.split(",") if latin and piece.count(",") >= 2 else re.split(r"、", piece)
            for part in parts:
                part = _BORN.sub("", part)
                part = _strip_unbalanced(part)
                if not part:
                    continue
                part = re.sub(r"[(（]\s*[)）]", "", part)
                part = re.sub(r"^(旧称|別称|別名|通称)\s*[:：]\s*", "", part)
                m = _PAREN_PAIR.match(part) or _MIXED_PAIR.match(part)
                if m and m.re is _MIXED_PAIR and _family(m.group("x")) == _family(m.group("y")):
                    m = None  # "組織(パキスタン)", "Group (AQE)": one name with a note, not two names
                names = [m.group("x"), m.group("y")] if m else [part]
                for name in names:
                    name = _strip_unbalanced(name.strip(_QUOTES + " :：")).strip(_QUOTES + " :：")
                    if _NOT_A_NAME.search(name):
                        continue
                    if clean(name) and len(name) >= 2 and not name.isdigit() and name not in out:
                        out.append(name)
    return out


_ORIGINAL = re.compile(r"[(（]\s*original\s+script\s*[:：]\s*(?P<orig>[^)）]*)[)）]?", re.I)


def split_english(cell: object) -> tuple[str, str]:
    """'NAME\\n(original script: محمد)' → ('NAME', 'محمد')."""
    text = str(cell or "")
    m = _ORIGINAL.search(text)
    if not m:
        return " ".join(text.split()), ""
    return " ".join(text[: m.start()].split()), " ".join(m.group("orig").split())


def read_mof_af(path: str | Path) -> Iterator[ListEntity]:
    path = Path(path)
    wb = open_workbook(path)
    sheets_read = 0
    try:
        for ws in wb.worksheets:
            title = ws.title.strip()
            if title == "一覧" or "解除" in title:
                continue
            sheets_read += 1
            yield from _read_sheet(path, ws, title)
    finally:
        wb.close()
    if not sheets_read:
        raise ListFormatError(path, "", "no asset-freeze sheet found (every sheet is an index or lifted)")


def _read_sheet(path: Path, ws, title: str) -> Iterator[ListEntity]:
    m = re.match(r"^\s*(\d+)\s*[.．]", title)
    sheet_no = m.group(1) if m else re.sub(r"\W+", "", title)[:12]
    columns: dict[str, list[int]] | None = None
    caption: list[str] = []
    kind: str | None = None
    pending: EntityBuilder | None = None
    seen: set[str] = set()
    for number, row in rows(ws):
        if columns is None:
            columns = _find_header(row)
            if columns is None:
                caption.extend(str(c) for c in row if c is not None)
                if number >= HEADER_SEARCH_ROWS:
                    break
            else:
                kind = _sheet_kind(title, " ".join(caption), columns)
            continue
        if not any(clean(c) for c in row):
            continue
        where = f"{title}!{number}"
        notice = str(_first(row, columns, "notice_date") or "")
        num_raw = clean(_first(row, columns, "number"))
        if "削除" in notice:
            continue
        name_ja = clean(_first(row, columns, "name_ja"))
        name_en, original = split_english(_first(row, columns, "name_en"))
        name_en = clean(name_en)
        if not num_raw:
            texts = [str(c).strip() for c in row if clean(c)]
            if texts and re.match(r"^[(（]\s*注", texts[0]):
                continue  # a footnote of the sheet
            if pending is not None and not (name_ja or name_en):
                for t in texts:
                    pending.note(t)
                continue
            raise ListFormatError(path, where, "row has a name but no 告示番号 (notice number)")
        if not (name_ja or name_en):
            others = [i for i, c in enumerate(row) if clean(c)]
            if all(i in columns.get("notice_date", []) + columns.get("number", []) for i in others):
                continue  # a vacated number (some are not marked 削除)
            raise ListFormatError(path, where, f"entry {num_raw!r} has neither 日本語表記 nor 英語表記")
        key = re.sub(r"[(（].*$", "", num_raw).strip("*#＊＃ ")
        key = unicodedata.normalize("NFKC", key) or num_raw
        ident = entity_id(LIST_CODE, f"{sheet_no}-{key}")
        if ident in seen:
            raise ListFormatError(path, where, f"duplicate 告示番号 {num_raw!r} in sheet")
        seen.add(ident)
        if pending is not None:
            entity = pending.build()
            if entity is not None:
                yield entity
        pending = _entity(path, title, number, row, columns, kind, ident, name_ja, name_en, original)
    if columns is None:
        raise ListFormatError(
            path, f"{title}!A1", "header row not found: expected 告示番号, 日本語表記 and 英語表記 columns"
        )
    if pending is not None:
        entity = pending.build()
        if entity is not None:
            yield entity


def _first(row: tuple, columns: dict[str, list[int]], field: str) -> object:
    for index in columns.get(field, []):
        if index < len(row) and row[index] is not None:
            return row[index]
    return None


def _all(row: tuple, columns: dict[str, list[int]], field: str) -> list[object]:
    return [row[i] for i in columns.get(field, []) if i < len(row) and row[i] is not None]


def _entity(path, title, number, row, columns, kind, ident, name_ja, name_en, original) -> EntityBuilder:
    schema = kind
    if schema is None:
        person = any(
            clean(v) or str(v).strip() == "不明" for f in _PERSON_FIELDS for v in _all(row, columns, f)
        )
        schema = "Person" if person else "Organization"
    col = column_letter(columns["number"][0])
    b = EntityBuilder(LIST_CODE, ident, schema, f"{display_name(path)}:{title}!{col}{number}")
    if name_en:
        b.name(name_en, "primary", lang="en")
    if name_ja:
        b.name(name_ja, "primary", lang="ja")
    if original:
        b.name(original, "original_script")
    for field, name_kind in (("alias", "alias"), ("previous", "previous"), ("weak_alias", "weak_alias")):
        for cell in _all(row, columns, field):
            for alias in split_aliases(cell):
                b.name(alias, name_kind, lang="ja" if re.search(r"[\u30a0-\u30ff]", alias) else "")
            for m in _ORIGINAL.finditer(unicodedata.normalize("NFKC", str(cell))):
                b.name(m.group("orig"), "original_script")
    b.entity.listing_date = first_date(_first(row, columns, "notice_date"))
    if schema == "Person":
        for cell in _all(row, columns, "dob"):
            b.birth_dates(parse_dates(cell))
    for cell in _all(row, columns, "nationality"):
        b.country(cell, "nationality")
    for field, prop in (("passport", "passportNumber"), ("id", "idNumber"), ("unsc_id", "unscId")):
        for cell in _all(row, columns, field):
            b.identifier(prop, cell)
    for cell in _all(row, columns, "address"):
        b.address(cell)
    for cell in _all(row, columns, "title"):
        if clean(cell):
            b.note(f"title: {cell}")
    for cell in _all(row, columns, "notes"):
        b.note(cell)
    b.programme(re.sub(r"^\s*\d+\s*[.．]\s*", "", title))
    b.topic("sanction")
    return b
