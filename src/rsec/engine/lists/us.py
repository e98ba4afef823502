"""US Commerce and trade.gov lists: BIS Denied Persons List (tab-separated) and the Consolidated
Screening List CSV export."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterator
from pathlib import Path

from rsec.engine.lists._base import EntityBuilder, clean, display_name, entity_id
from rsec.engine.lists.dates import first_date, parse_dates
from rsec.engine.lists.errors import ListFormatError
from rsec.engine.lists.model import ListEntity

BIS_DPL = "bis_dpl"
US_CSL = "us_csl"

_DPL_COLUMNS = ("Name", "Street_Address", "City", "State", "Country", "Postal_Code", "Effective_Date")
_CSL_COLUMNS = ("source", "name", "type", "alt_names")
_CSL_SCHEMA = {"individual": "Person", "entity": "Organization", "vessel": "Vessel", "aircraft": "Airplane"}


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _dict_rows(path: Path, delimiter: str, required: tuple[str, ...]) -> Iterator[tuple[int, dict]]:
    reader = csv.DictReader(io.StringIO(_read_text(path)), delimiter=delimiter)
    header = reader.fieldnames or []
    missing = [c for c in required if c not in header]
    if missing:
        raise ListFormatError(path, "row 1", f"header lacks column(s) {', '.join(missing)}")
    for row in reader:
        number = reader.line_num
        if None in row or any(v is None for v in row.values()):
            raise ListFormatError(path, f"row {number}", f"expected {len(header)} fields")
        yield number, row


def _digest(*parts: str) -> str:
    key = "|".join(" ".join(p.casefold().split()) for p in parts)
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


_US_STATES = set(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND "
    "OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI AS MP".split()
)


def read_bis_dpl(path: str | Path) -> Iterator[ListEntity]:
    """BIS Denied Persons List. The list has no ids: an entry's id hashes its name and the order's
    effective date (not the address, which BIS updates); a second order with both equal adds the
    address to the hash. Addresses with a US state and no country are taken as US addresses."""
    path = Path(path)
    seen: set[str] = set()
    for number, row in _dict_rows(path, "\t", _DPL_COLUMNS):
        name = clean(row["Name"])
        if not name:
            raise ListFormatError(path, f"row {number}", "Name is empty")
        key = _digest(name, row.get("Effective_Date", ""))
        if key in seen:
            key = _digest(
                name, row.get("Effective_Date", ""), row.get("Street_Address", ""), row.get("City", "")
            )
        if key in seen:
            key = f"{key}-{number}"
        seen.add(key)
        b = EntityBuilder(BIS_DPL, entity_id(BIS_DPL, key), "LegalEntity", f"{display_name(path)}:{number}")
        b.name(name, "primary")
        fields = [clean(row[c]) for c in ("Street_Address", "City", "State", "Postal_Code", "Country")]
        b.address(", ".join(f for f in fields if f), country=False)
        b.country_code(row["Country"])
        if not clean(row["Country"]) and clean(row["State"]).upper() in _US_STATES:
            b.country_code("us")
        b.entity.listing_date = first_date(row["Effective_Date"])
        if clean(row.get("Expiration_Date")):
            b.note(f"expires: {first_date(row['Expiration_Date']) or row['Expiration_Date']}")
        if clean(row.get("FR_Citation")):
            b.note(f"FR: {clean(row['FR_Citation'])}")
        b.topic("export.control")
        b.topic("debarment")
        entity = b.build()
        if entity is not None:
            yield entity


def _split(value: str) -> list[str]:
    parts = (
        re.sub(r"^and\s+", "", p.strip()).rstrip(".") if p.strip() else "" for p in (value or "").split(";")
    )
    return [p for p in parts if clean(p)]


_NOT_AN_ID = re.compile(r"sanction|directive|website|risk|e-?mail|phone|gender|organization", re.I)


def _identifier(b: EntityBuilder, text: str) -> None:
    """CSL ``ids``: ``[COUNTRY, ]NUMBER, TYPE``; keeps numbers of document types, notes the rest."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) >= 2 and not _NOT_AN_ID.search(text):
        number, kind = parts[-2], parts[-1]
        if re.search(r"\d", number):
            prop = "passportNumber" if "passport" in kind.casefold() else "registrationNumber"
            b.identifier(prop, number)
            return
    b.note(f"id: {text}")


def read_us_csl(path: str | Path) -> Iterator[ListEntity]:
    """trade.gov Consolidated Screening List CSV (with or without the leading ``_id`` column)."""
    path = Path(path)
    seen: set[str] = set()
    for number, row in _dict_rows(path, ",", _CSL_COLUMNS):
        name = clean(row["name"])
        if not name:
            raise ListFormatError(path, f"row {number}", "name is empty")
        source = clean(row["source"])
        code = re.search(r"\(([A-Z]+)\)", source)
        source_code = code.group(1) if code else _digest(source)[:6]
        key = clean(row.get("entity_number")) or clean(row.get("_id"))
        key = f"{source_code}-{key}" if key else f"{source_code}-{_digest(name)}"
        ident = entity_id(US_CSL, key)
        if ident in seen:  # same name twice in one source list: the address tells them apart
            ident = entity_id(US_CSL, f"{source_code}-{_digest(name, row.get('addresses', ''))}")
        if ident in seen:
            ident = entity_id(US_CSL, f"{key}-{number}")
        seen.add(ident)
        schema = _CSL_SCHEMA.get(clean(row.get("type")).casefold(), "LegalEntity")
        b = EntityBuilder(US_CSL, ident, schema, f"{display_name(path)}:{number}")
        b.name(name, "primary")
        for alias in _split(row.get("alt_names", "")):
            b.name(alias, "alias")
        b.programme(source)
        for program in _split(row.get("programs", "")):
            b.programme(program)
        for addr in _split(row.get("addresses", "")):
            b.address(addr)
        for field in ("citizenships", "nationalities"):
            for value in re.split(r"[;,]", row.get(field) or ""):
                b.country_code(value)
        if schema == "Person":
            for value in _split(row.get("dates_of_birth", "")):
                b.birth_dates(parse_dates(value))
        for ident_text in _split(row.get("ids", "")):
            _identifier(b, ident_text)
        b.entity.listing_date = first_date(row.get("start_date"))
        if clean(row.get("title")):
            b.note(f"title: {clean(row['title'])}")
        if clean(row.get("remarks")):
            b.note(clean(row["remarks"]))
        sanctions = "Treasury" in source or "Nonproliferation" in source
        b.topic("sanction" if sanctions else "export.control")
        entity = b.build()
        if entity is not None:
            yield entity
