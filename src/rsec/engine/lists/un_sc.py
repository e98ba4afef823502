"""UN Security Council consolidated list (XML, ``CONSOLIDATED_LIST``) reader.

Streams the file with ``defusedxml``'s ``iterparse``: DTDs, entity declarations and external
references are refused, and so are files above ``max_bytes``. Each ``INDIVIDUAL`` / ``ENTITY``
becomes one :class:`ListEntity` with id ``un-sc:<REFERENCE_NUMBER>``.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from rsec.engine.lists._base import EntityBuilder, clean, display_name, entity_id
from rsec.engine.lists.dates import parse_dates, year_range
from rsec.engine.lists.errors import ListFormatError
from rsec.engine.lists.model import ListEntity

LIST_CODE = "un_sc"
DEFAULT_MAX_BYTES = 200 * 1024 * 1024
"""Refuse XML files larger than this (the real list is about 2 MB)."""

_ALIAS_KIND = {"good": "alias", "a.k.a.": "alias", "": "alias", "low": "weak_alias", "f.k.a.": "previous"}
_DOC_PROP = {
    "passport": "passportNumber",
    "numéro de passeport": "passportNumber",
    "número de pasaporte": "passportNumber",
}


def _text(el: ET.Element | None) -> str:
    return clean(el.text) if el is not None else ""


def _values(el: ET.Element, tag: str) -> list[str]:
    return [v for v in (_text(x) for x in el.findall(f"{tag}/VALUE")) if v]


def check_size(path: Path, max_bytes: int) -> None:
    size = os.path.getsize(path)
    if size > max_bytes:
        raise ListFormatError(path, "", f"file is {size} bytes, above the limit of {max_bytes} bytes")


def read_un_sc(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[ListEntity]:
    path = Path(path)
    check_size(path, max_bytes)
    counts = {"INDIVIDUAL": 0, "ENTITY": 0}
    root_seen = False
    location = ""
    try:
        with open(path, "rb") as fh:
            for event, el in iterparse(fh, events=("start", "end"), forbid_dtd=True):
                if event == "start":
                    if not root_seen:
                        root_seen = True
                        if el.tag != "CONSOLIDATED_LIST":
                            raise ListFormatError(path, el.tag, "root element is not CONSOLIDATED_LIST")
                    continue
                if el.tag not in counts:
                    continue
                counts[el.tag] += 1
                location = f"{el.tag}[{counts[el.tag]}] DATAID={_text(el.find('DATAID')) or '?'}"
                entity = _entity(path, el, location)
                el.clear()
                if entity is not None:
                    yield entity
    except ListFormatError:
        raise
    except DefusedXmlException as exc:
        raise ListFormatError(path, location or "prolog", f"forbidden XML construct: {exc}") from exc
    except ET.ParseError as exc:
        line, col = getattr(exc, "position", (0, 0))
        after = f" (after {location})" if location else ""
        raise ListFormatError(path, f"line {line}, column {col}{after}", f"malformed XML: {exc}") from exc


def _entity(path: Path, el: ET.Element, location: str) -> ListEntity | None:
    ref = _text(el.find("REFERENCE_NUMBER")) or _text(el.find("DATAID"))
    if not ref:
        raise ListFormatError(path, location, "entry has neither REFERENCE_NUMBER nor DATAID")
    person = el.tag == "INDIVIDUAL"
    b = EntityBuilder(
        LIST_CODE,
        entity_id(LIST_CODE, ref),
        "Person" if person else "Organization",
        f"{display_name(path)}#{location}",
    )
    parts = [_text(el.find(t)) for t in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
    primary = " ".join(p for p in parts if p)
    if not primary:
        raise ListFormatError(path, location, "entry has no FIRST_NAME")
    b.name(primary, "primary")
    original = _text(el.find("NAME_ORIGINAL_SCRIPT"))
    if original:
        b.name(original, "original_script")
    for alias in el.findall("INDIVIDUAL_ALIAS") + el.findall("ENTITY_ALIAS"):
        quality = _text(alias.find("QUALITY")).casefold()
        b.name(_text(alias.find("ALIAS_NAME")), _ALIAS_KIND.get(quality, "alias"))
    b.entity.listing_date = _text(el.find("LISTED_ON"))
    b.programme(_text(el.find("UN_LIST_TYPE")))
    b.identifier("unscId", ref)
    b.topic("sanction")
    for nat in _values(el, "NATIONALITY"):
        b.country(nat, "nationality")
    for addr in el.findall("INDIVIDUAL_ADDRESS") + el.findall("ENTITY_ADDRESS"):
        fields = [_text(addr.find(t)) for t in ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY")]
        b.address(", ".join(f for f in fields if f))
        b.country(_text(addr.find("COUNTRY")), "address country")
    for dob in el.findall("INDIVIDUAL_DATE_OF_BIRTH"):
        b.birth_dates(_birth_dates(dob))
    for doc in el.findall("INDIVIDUAL_DOCUMENT"):
        number = _text(doc.find("NUMBER"))
        if number:
            kind = clean(_text(doc.find("TYPE_OF_DOCUMENT"))).casefold()
            b.identifier(_DOC_PROP.get(kind, "idNumber"), number)
    for tag in ("DESIGNATION", "TITLE"):
        for value in _values(el, tag):
            b.note(f"{tag.lower()}: {value}")
    comments = _text(el.find("COMMENTS1"))
    if comments:
        b.note(comments)
    return b.build()


def _birth_dates(dob: ET.Element) -> list[str]:
    date = _text(dob.find("DATE"))
    year = _text(dob.find("YEAR"))
    start, end = _text(dob.find("FROM_YEAR")), _text(dob.find("TO_YEAR"))
    if date:
        return parse_dates(date)
    if year:
        return parse_dates(year)
    if start.isdigit() and end.isdigit():
        return year_range(int(start), int(end))
    return parse_dates(_text(dob.find("NOTE")))
