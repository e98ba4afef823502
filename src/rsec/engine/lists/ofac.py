"""OFAC SDN list, legacy CSV format: ``sdn.csv`` + ``alt.csv`` + ``add.csv`` joined by ``ent_num``.

The files have no header row; ``-0-`` means empty. Columns (per OFAC's data specification):

- sdn.csv: ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT,
  Vess_flag, Vess_owner, Remarks
- alt.csv: ent_num, alt_num, alt_type (aka / fka / nka), alt_name, alt_remarks
- add.csv: ent_num, add_num, address, city/state/postal, country, add_remarks

The path may be ``sdn.csv`` itself or the folder holding the three files; ``alt.csv`` and
``add.csv`` are optional. Birth dates, nationalities and passports are read from the remarks
(``DOB 10 Dec 1948; nationality Iran; Passport 123 (Egypt)``).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

from rsec.engine.lists._base import EntityBuilder, clean, display_name, entity_id
from rsec.engine.lists.dates import parse_dates
from rsec.engine.lists.errors import ListFormatError
from rsec.engine.lists.model import ListEntity

LIST_CODE = "ofac_sdn"
_SCHEMA = {"individual": "Person", "vessel": "Vessel", "aircraft": "Airplane", "": "Organization"}
_ALT_KIND = {"aka": "alias", "fka": "previous", "nka": "alias"}
_REMARK_FIELDS = re.compile(
    r"\b(?P<key>DOB|nationality|citizen|Passport|National ID No\.|Cedula No\.|alt\. DOB|alt\. Passport)\s+(?P<value>[^;]+)"
)


def _open_csv(path: Path):
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return text.replace("\x1a", "")


def _rows(path: Path, width: int) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(_open_csv(path).splitlines())
    for number, row in enumerate(reader, start=1):
        if not row or all(not c.strip() for c in row):
            continue
        if len(row) != width:
            raise ListFormatError(path, f"row {number}", f"expected {width} fields, found {len(row)}")
        ent = row[0].strip()
        if not ent.isdigit():
            raise ListFormatError(path, f"row {number}", f"ent_num {ent!r} is not a number")
        yield number, row


def sdn_files(path: str | Path) -> tuple[Path, Path | None, Path | None]:
    path = Path(path)
    sdn = path / "sdn.csv" if path.is_dir() else path
    folder = sdn.parent
    alt = folder / "alt.csv"
    add = folder / "add.csv"
    return sdn, alt if alt.exists() else None, add if add.exists() else None


def read_ofac_sdn(path: str | Path) -> Iterator[ListEntity]:
    sdn, alt, add = sdn_files(path)
    if not sdn.exists():
        raise ListFormatError(sdn, "", "sdn.csv not found")
    aliases: dict[str, list[tuple[str, str]]] = {}
    if alt is not None:
        for _, row in _rows(alt, 5):
            aliases.setdefault(row[0].strip(), []).append((clean(row[2]).casefold(), clean(row[3])))
    addresses: dict[str, list[tuple[str, str]]] = {}
    if add is not None:
        for _, row in _rows(add, 6):
            text = ", ".join(c for c in (clean(row[2]), clean(row[3]), clean(row[4])) if c)
            addresses.setdefault(row[0].strip(), []).append((text, clean(row[4])))
    for number, row in _rows(sdn, 12):
        ent = row[0].strip()
        name = clean(row[1])
        if not name:
            raise ListFormatError(sdn, f"row {number}", "SDN_Name is empty")
        sdn_type = clean(row[2]).casefold()
        if sdn_type not in _SCHEMA:
            raise ListFormatError(sdn, f"row {number}", f"unknown SDN_Type {row[2]!r}")
        b = EntityBuilder(
            LIST_CODE, entity_id(LIST_CODE, ent), _SCHEMA[sdn_type], f"{display_name(sdn)}:{number}"
        )
        b.name(name, "primary")
        for kind, alias in aliases.get(ent, []):
            b.name(alias, _ALT_KIND.get(kind, "weak_alias" if kind == "weak" else "alias"))
        for program in re.findall(r"\[?([A-Z0-9-]+)\]?", clean(row[3])):
            b.programme(program)
        for text, country in addresses.get(ent, []):
            b.address(text, country=False)
            b.country(country, "address country")
        b.identifier("callSign", row[5])
        b.country(row[9], "flag")
        _remarks(b, clean(row[11]))
        b.topic("sanction")
        entity = b.build()
        if entity is not None:
            yield entity


def _document_number(value: str) -> str:
    """'G 649385 issued 08 Sep 2006 expires 17 Jul 2011' / '304555 (Egypt)' → the number alone."""
    return re.split(r"\s*\(|\s+(?:issued|expires|expired)\b", value, maxsplit=1)[0].strip()


def _remarks(b: EntityBuilder, remarks: str) -> None:
    if not remarks:
        return
    for m in _REMARK_FIELDS.finditer(remarks):
        key, value = m.group("key"), m.group("value").strip().rstrip(".")
        if key.endswith("DOB"):
            if b.entity.schema == "Person":
                b.birth_dates(parse_dates(value))
        elif key in ("nationality", "citizen"):
            b.country(value, key)
        elif key.endswith("Passport"):
            b.identifier("passportNumber", _document_number(value))
        else:
            b.identifier("idNumber", _document_number(value))
    for weak in re.findall(r"a\.k\.a\.,?\s+'([^']+)'", remarks):
        b.name(weak, "weak_alias")
    b.note(remarks)
