"""Readers for OpenSanctions ``targets.simple.csv``, the ASPI China Defence Universities Tracker
(MISP galaxy JSON) and rsec's own simple CSV (``id,schema,name,aliases,country,birth_date``)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

from rsec.engine.lists._base import EntityBuilder, clean, display_name, entity_id
from rsec.engine.lists.dates import parse_dates
from rsec.engine.lists.errors import ListFormatError
from rsec.engine.lists.model import SCHEMATA, ListEntity

OS_SIMPLE_COLUMNS = ("id", "schema", "name", "aliases", "birth_date", "countries", "identifiers")
CSV_COLUMNS = ("id", "schema", "name", "aliases", "country", "birth_date")


def _csv_rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ListFormatError(path, "", f"not UTF-8 text: {exc}") from exc
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    missing = [c for c in required if c not in header]
    if missing:
        raise ListFormatError(path, "row 1", f"header lacks column(s) {', '.join(missing)}")
    for row in reader:
        if None in row or any(v is None for v in row.values()):
            raise ListFormatError(path, f"row {reader.line_num}", f"expected {len(header)} fields")
        yield reader.line_num, row


def _split(value: str | None) -> list[str]:
    return [p.strip() for p in (value or "").split(";") if p.strip()]


def read_os_simple(path: str | Path) -> Iterator[ListEntity]:
    """OpenSanctions ``targets.simple.csv``: one row per target, multi-values separated by ``;``."""
    path = Path(path)
    for number, row in _csv_rows(path, OS_SIMPLE_COLUMNS):
        where = f"row {number}"
        schema = clean(row["schema"])
        if schema not in SCHEMATA:
            raise ListFormatError(path, where, f"unknown schema {row['schema']!r}")
        if not clean(row["id"]) or not clean(row["name"]):
            raise ListFormatError(path, where, "id and name are required")
        b = EntityBuilder(
            "opensanctions", entity_id("opensanctions", row["id"]), schema, f"{display_name(path)}:{number}"
        )
        b.name(row["name"], "primary")
        for alias in _split(row["aliases"]):
            b.name(alias, "alias")
        for code in _split(row["countries"]):
            b.country_code(code)
        if schema == "Person":
            for value in _split(row["birth_date"]):
                dates = parse_dates(value)
                if dates:
                    b.birth_dates(dates)
                else:
                    b.note(f"birth date: {value}")
        for value in _split(row["identifiers"]):
            b.identifier("idNumber", value)
        for value in _split(row.get("addresses")):
            b.address(value, country=False)
        for value in _split(row.get("program_ids")):
            b.programme(value)
        if clean(row.get("dataset")):
            b.programme(row["dataset"])
        b.entity.listing_date = (row.get("first_seen") or "")[:10]
        b.topic("sanction")
        entity = b.build()
        if entity is not None:
            yield entity


def read_csv(path: str | Path) -> Iterator[ListEntity]:
    """rsec's simple list CSV: ``id,schema,name,aliases,country,birth_date`` (aliases and countries
    separated by ``;``). The file name (without extension) is the list code unless rows say otherwise."""
    path = Path(path)
    seen: set[str] = set()
    for number, row in _csv_rows(path, CSV_COLUMNS):
        where = f"row {number}"
        schema = clean(row["schema"]) or "LegalEntity"
        if schema not in SCHEMATA:
            raise ListFormatError(
                path, where, f"unknown schema {row['schema']!r} (expected one of {', '.join(SCHEMATA)})"
            )
        key, name = clean(row["id"]), clean(row["name"])
        if not key or not name:
            raise ListFormatError(path, where, "id and name are required")
        ident = entity_id("csv", key)
        if ident in seen:
            raise ListFormatError(path, where, f"duplicate id {key!r}")
        seen.add(ident)
        b = EntityBuilder("csv", ident, schema, f"{display_name(path)}:{number}")
        b.name(name, "primary")
        for alias in _split(row["aliases"]):
            b.name(alias, "alias")
        for value in _split(row["country"]):
            before = len(b.entity.countries)
            b.country(value)
            if len(b.entity.countries) == before and clean(value):
                raise ListFormatError(path, where, f"unknown country {value!r}")
        for value in _split(row["birth_date"]):
            dates = parse_dates(value)
            if not dates:
                raise ListFormatError(path, where, f"unreadable birth_date {value!r}")
            b.birth_dates(dates)
        entity = b.build()
        if entity is not None:
            yield entity


_ASPI_CATEGORY = {
    "military": "aspi:military",
    "civilian": "aspi:civilian",
    "defence industry conglomerate": "aspi:defence-industry",
    "security": "aspi:security",
    "seven sons of national defence": "aspi:seven-sons",
}


def read_aspi(path: str | Path) -> Iterator[ListEntity]:
    """ASPI China Defence Universities Tracker as a MISP galaxy cluster (``values`` with ``meta``).

    Categories become topics (``aspi:military`` …) next to ``export.control``-style screening topic
    ``research.defence``; research areas go to the notes; Chinese names among the aliases are kept
    as original-script names. The tracker's own risk ratings are not in this export."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ListFormatError(path, "", f"invalid JSON: {exc}") from exc
    values = data.get("values") if isinstance(data, dict) else None
    if not isinstance(values, list):
        raise ListFormatError(path, "", "not a MISP galaxy cluster (no 'values' list)")
    for index, item in enumerate(values):
        where = f"values[{index}]"
        if not isinstance(item, dict) or not clean(item.get("value")):
            raise ListFormatError(path, where, "entry without 'value'")
        key = clean(item.get("uuid")) or re.sub(r"\W+", "-", item["value"].casefold())
        b = EntityBuilder("aspi", entity_id("aspi", key), "Organization", f"{display_name(path)}#{where}")
        value = clean(item["value"])
        m = re.match(r"^(?P<en>.*?)\s*[(（](?P<zh>[^()（）]*[^\x00-\x7f][^()（）]*)[)）]$", value)
        b.name(m.group("en") if m else value, "primary")
        if m:
            b.name(m.group("zh"), "original_script", lang="zh")
        meta = item.get("meta") or {}
        for alias in meta.get("aliases") or []:
            alias = clean(alias)
            b.name(
                alias, "alias" if alias.isascii() else "original_script", lang="" if alias.isascii() else "zh"
            )
        b.entity.countries.append("cn")
        for category in meta.get("categories") or []:
            b.topic(
                _ASPI_CATEGORY.get(category.casefold(), "aspi:" + re.sub(r"\W+", "-", category.casefold()))
            )
        b.topic("research.defence")
        for topic in meta.get("topics") or []:
            b.note(f"research area: {topic}")
        for agency in meta.get("supervising agencies") or []:
            b.note(f"supervising agency: {agency}")
        if meta.get("address"):
            b.address(meta["address"], country=False)
        if clean(item.get("description")):
            b.note(item["description"])
        for ref in meta.get("refs") or []:
            b.identifier("sourceUrl", ref)
        entity = b.build()
        if entity is not None:
            yield entity
