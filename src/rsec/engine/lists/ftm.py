"""FollowTheMoney line-JSON: writing :class:`ListEntity` records and reading entities back.

``entity_to_json`` writes :meth:`ListEntity.to_ftm` plus an ``rsec`` block that keeps what FtM
properties cannot say (each name's kind, script and language, the source) so that a written
snapshot reads back to equal records. Files written by other FtM tools (OpenSanctions exports)
have no such block and are read from their properties alone; only target schemata that describe
a party (Person, Organization, Company, LegalEntity, Vessel, Airplane) become entities.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from rsec.engine.lists._base import EntityBuilder, display_name, entity_id
from rsec.engine.lists.dates import parse_dates
from rsec.engine.lists.errors import ListFormatError
from rsec.engine.lists.model import SCHEMATA, ListEntity, Name

_KNOWN = {
    "name",
    "alias",
    "weakAlias",
    "previousName",
    "country",
    "nationality",
    "citizenship",
    "birthDate",
    "programId",
    "createdAt",
    "address",
    "topics",
    "notes",
}
_ID_PROPS = {
    "passportNumber",
    "idNumber",
    "unscId",
    "registrationNumber",
    "taxNumber",
    "innCode",
    "ogrnCode",
    "imoNumber",
    "callSign",
    "wikidataId",
    "leiCode",
    "swiftBic",
}


def entity_to_json(entity: ListEntity) -> dict:
    data = entity.to_ftm()
    data["rsec"] = {
        "names": [[n.value, n.script, n.lang, n.kind] for n in entity.names],
        "birth_dates": list(entity.birth_dates),
        "source": entity.source,
    }
    return data


def write_ftm(entities: Iterable[ListEntity], out: IO[str]) -> int:
    count = 0
    for entity in entities:
        out.write(json.dumps(entity_to_json(entity), ensure_ascii=False, sort_keys=True))
        out.write("\n")
        count += 1
    return count


def entity_from_json(data: dict, source: str = "", list_code: str = "") -> ListEntity | None:
    """A :class:`ListEntity` from one FtM entity dict, or None for schemata that are not parties."""
    schema = data.get("schema")
    if schema not in SCHEMATA:
        return None
    raw = data.get("properties") or {}
    if not isinstance(raw, dict):
        raise ValueError("'properties' is not an object")
    props: dict[str, list[str]] = {
        k: [str(x) for x in v if x is not None] if isinstance(v, list) else [str(v)] for k, v in raw.items()
    }
    datasets = data.get("datasets") or []
    extra = data.get("rsec")
    if extra:
        code = list_code or (datasets[0] if datasets else "ftm")
        ident = str(data["id"])
    else:  # an OpenSanctions (or other FtM tool's) entity
        code = list_code or "opensanctions"
        ident = entity_id(code, str(data["id"]))
    entity = ListEntity(id=ident, schema=schema, names=[], list=code, source=source)
    if extra:
        entity.names = [
            Name(value=v, script=s, lang=lang, kind=k) for v, s, lang, k in extra.get("names", [])
        ]
        entity.birth_dates = list(extra.get("birth_dates", []))
        entity.source = extra.get("source", source)
        entity.countries = list(props.get("country", []))
        entity.programmes = list(props.get("programId", []))
        entity.listing_date = (props.get("createdAt") or [""])[0]
        entity.addresses = list(props.get("address", []))
        entity.topics = list(props.get("topics", []))
        entity.notes = list(props.get("notes", []))
        for key, values in props.items():
            if key not in _KNOWN:
                entity.identifiers[key] = list(values)
        return entity
    b = EntityBuilder(code, ident, schema, source)
    b.entity = entity
    for dataset in datasets:
        b.programme(dataset)
    for value in props.get("name", []) or [data.get("caption", "")]:
        b.name(value, "primary")
    for prop, kind in (("alias", "alias"), ("previousName", "previous"), ("weakAlias", "weak_alias")):
        for value in props.get(prop, []):
            b.name(value, kind)
    for prop in ("country", "nationality", "citizenship"):
        for value in props.get(prop, []):
            b.country_code(value)
    for value in props.get("birthDate", []):
        dates = parse_dates(value)
        if dates:
            b.birth_dates(dates)
        else:
            b.note(f"birth date: {value}")
    for value in props.get("programId", []):
        b.programme(value)
    for value in props.get("address", []):
        b.address(value, country=False)
    for value in props.get("topics", []):
        b.topic(value)
    for value in props.get("notes", []) + props.get("description", []):
        b.note(value)
    for key in _ID_PROPS:
        for value in props.get(key, []):
            b.identifier(key, value)
    entity.listing_date = (props.get("createdAt") or [data.get("first_seen", "")[:10] or ""])[0]
    return b.build()


def read_ftm(path: str | Path) -> Iterator[ListEntity]:
    path = Path(path)
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            line = line.strip()
            if not line:
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ListFormatError(path, f"line {number}", f"invalid JSON: {exc.msg}") from exc
            if not isinstance(data, dict) or "id" not in data or "schema" not in data:
                raise ListFormatError(path, f"line {number}", "not an FtM entity (needs 'id' and 'schema')")
            try:
                entity = entity_from_json(data, f"{display_name(path)}:{number}")
            except (TypeError, ValueError, KeyError) as exc:
                raise ListFormatError(path, f"line {number}", f"malformed FtM entity: {exc}") from exc
            if entity is not None:
                yield entity
