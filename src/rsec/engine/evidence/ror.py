"""ROR (Research Organization Registry, 研究機関レジストリ) v2 dump reader and institution registry.

Reads the registry as ROR publishes it on Zenodo — a JSON array of v2 records (``*_schema_v2.json``),
gzip-compressed or inside the release ``.zip`` — and also JSON-lines subsets (one record per line).
Records are streamed: a JSON array is decoded record by record, never as one document.

:class:`RorRegistry` holds what resolution needs: names in every language (display name, aliases,
labels with their language, acronyms), country and city (GeoNames), types, status with successor links,
and relationships, with :meth:`RorRegistry.lineage` walking child → parent. The registry can be saved
to and loaded from a compact gzip'd JSON-lines cache of its own (no pickle), for a fast start.
"""

from __future__ import annotations

import gc
import gzip
import io
import os
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import orjson

CACHE_FORMAT = "rsec-ror-registry/1"
STATUSES = ("active", "inactive", "withdrawn")
RELATIONSHIP_TYPES = ("parent", "child", "related", "successor", "predecessor")
NAME_TYPES = ("ror_display", "label", "alias", "acronym")
_CHUNK = 1 << 20


class RorFormatError(ValueError):
    """A ROR dump that cannot be read; names the file, the record (1-based) and the field."""

    def __init__(self, file: str, record: int | None, message: str, field: str = ""):
        self.file = str(file)
        self.record = record
        self.field = field
        self.reason = message
        where = self.file
        if record is not None:
            where += f": record {record}"
        if field:
            where += f": field {field!r}"
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True, slots=True)
class RorName:
    value: str
    lang: str | None
    types: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RorRelationship:
    type: str
    id: str
    label: str


@dataclass(frozen=True, slots=True)
class RorOrganization:
    """One ROR record, reduced to what resolution and display need."""

    id: str
    names: tuple[RorName, ...]
    status: str
    types: tuple[str, ...] = ()
    country_code: str = ""
    country_name: str = ""
    city: str = ""
    subdivision: str = ""
    relationships: tuple[RorRelationship, ...] = ()
    established: int | None = None
    domains: tuple[str, ...] = ()
    extra_cities: tuple[str, ...] = field(default=())

    @property
    def display_name(self) -> str:
        for n in self.names:
            if "ror_display" in n.types:
                return n.value
        return self.names[0].value if self.names else self.id

    def names_of_type(self, kind: str) -> list[RorName]:
        return [n for n in self.names if kind in n.types]

    def related(self, kind: str) -> list[str]:
        return [r.id for r in self.relationships if r.type == kind]

    # --- compact cache form -------------------------------------------------------------------
    def to_row(self) -> list[Any]:
        return [
            self.id,
            [[n.value, n.lang, list(n.types)] for n in self.names],
            self.status,
            list(self.types),
            self.country_code,
            self.country_name,
            self.city,
            self.subdivision,
            [[r.type, r.id, r.label] for r in self.relationships],
            self.established,
            list(self.domains),
            list(self.extra_cities),
        ]

    @classmethod
    def from_row(cls, row: list[Any]) -> RorOrganization:
        return cls(
            id=row[0],
            names=tuple(RorName(v, lang, tuple(t)) for v, lang, t in row[1]),
            status=row[2],
            types=tuple(row[3]),
            country_code=row[4],
            country_name=row[5],
            city=row[6],
            subdivision=row[7],
            relationships=tuple(RorRelationship(t, i, lab) for t, i, lab in row[8]),
            established=row[9],
            domains=tuple(row[10]),
            extra_cities=tuple(row[11]),
        )


# ------------------------------------------------------------------------------------------------
# Reading the dump
# ------------------------------------------------------------------------------------------------


def _open_text(path: Path) -> tuple[IO[str], Any]:
    """Open a dump as text: plain, gzip (by magic bytes) or a zip holding one ``.json``/``.jsonl``."""
    with open(path, "rb") as fh:
        magic = fh.read(4)
    if magic[:2] == b"\x1f\x8b":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8"), None
    if magic == b"PK\x03\x04":
        zf = zipfile.ZipFile(path)
        members = [m for m in zf.namelist() if m.endswith((".json", ".jsonl"))]
        # Zenodo releases carry a v1 and a v2 file; prefer v2.
        members.sort(key=lambda m: ("schema_v2" not in m, "schema_v1" in m, m))
        if not members:
            zf.close()
            raise RorFormatError(str(path), None, "zip archive holds no .json or .jsonl file")
        return io.TextIOWrapper(zf.open(members[0]), encoding="utf-8"), zf
    return open(path, encoding="utf-8"), None


def _iter_json_values(fh: IO[str], file: str) -> Iterator[Any]:
    """Yield the elements of a top-level JSON array, or the values of a JSON-lines file, one by one."""
    import json

    decoder = json.JSONDecoder()
    buf = fh.read(_CHUNK)
    pos = 0

    def skip_ws(b: str, p: int) -> int:
        while p < len(b) and b[p] in " \t\r\n,":
            p += 1
        return p

    # BOM
    if buf.startswith("\ufeff"):
        pos = 1
    pos = skip_ws(buf, pos)
    in_array = pos < len(buf) and buf[pos] == "["
    if in_array:
        pos += 1
    count = 0
    eof = False
    while True:
        pos = skip_ws(buf, pos)
        if pos >= len(buf):
            if eof:
                break
            more = fh.read(_CHUNK)
            if not more:
                break
            buf, pos = buf[pos:] + more, 0
            continue
        if in_array and buf[pos] == "]":
            return
        try:
            value, end = decoder.raw_decode(buf, pos)
        except ValueError as exc:
            more = fh.read(_CHUNK) if not eof else ""
            if not more:
                eof = True
                raise RorFormatError(file, count + 1, f"invalid JSON: {exc.msg}") from None
            buf, pos = buf[pos:] + more, 0
            continue
        if end == len(buf) and not eof:  # a number or literal could continue in the next chunk
            more = fh.read(_CHUNK)
            if more:
                buf, pos = buf[pos:] + more, 0
                continue
            eof = True
        count += 1
        yield value
        pos = end
        if pos > _CHUNK:
            buf, pos = buf[pos:], 0
    if in_array:
        raise RorFormatError(file, count + 1, "JSON array is not closed (truncated file?)")


def _parse_record(raw: Any, file: str, index: int) -> RorOrganization:
    if not isinstance(raw, dict):
        raise RorFormatError(file, index, "record is not a JSON object")
    rid = raw.get("id")
    if not isinstance(rid, str) or not rid.startswith("https://ror.org/"):
        raise RorFormatError(file, index, "missing or malformed ROR id", "id")
    names_raw = raw.get("names")
    if not isinstance(names_raw, list) or not names_raw:
        if "name" in raw:
            raise RorFormatError(file, index, "record is in ROR schema v1; a v2 dump is required", "names")
        raise RorFormatError(file, index, "record has no names", "names")
    names = []
    for j, n in enumerate(names_raw):
        if not isinstance(n, dict) or not isinstance(n.get("value"), str) or not n["value"].strip():
            raise RorFormatError(file, index, "name without a value", f"names[{j}].value")
        types = n.get("types") or []
        if not isinstance(types, list) or any(t not in NAME_TYPES for t in types):
            raise RorFormatError(file, index, f"unknown name type {types!r}", f"names[{j}].types")
        names.append(RorName(n["value"].strip(), n.get("lang"), tuple(types)))
    status = raw.get("status")
    if status not in STATUSES:
        raise RorFormatError(file, index, f"unknown status {status!r}", "status")
    country_code = country_name = city = subdivision = ""
    extra_cities: list[str] = []
    for k, loc in enumerate(raw.get("locations") or []):
        g = (loc or {}).get("geonames_details") or {}
        if k == 0:
            country_code = (g.get("country_code") or "").upper()
            country_name = g.get("country_name") or ""
            city = g.get("name") or ""
            subdivision = g.get("country_subdivision_name") or ""
        elif g.get("name"):
            extra_cities.append(g["name"])
    rels = []
    for j, r in enumerate(raw.get("relationships") or []):
        if not isinstance(r, dict) or r.get("type") not in RELATIONSHIP_TYPES or not r.get("id"):
            raise RorFormatError(file, index, "malformed relationship", f"relationships[{j}]")
        rels.append(RorRelationship(r["type"], r["id"], r.get("label") or ""))
    return RorOrganization(
        id=rid,
        names=tuple(names),
        status=status,
        types=tuple(raw.get("types") or ()),
        country_code=country_code,
        country_name=country_name,
        city=city,
        subdivision=subdivision,
        relationships=tuple(rels),
        established=raw.get("established"),
        domains=tuple(raw.get("domains") or ()),
        extra_cities=tuple(extra_cities),
    )


def iter_ror_records(path: str | os.PathLike[str]) -> Iterator[RorOrganization]:
    """Stream the records of a ROR v2 dump (json / json.gz / zip / jsonl[.gz]).

    Raises :class:`RorFormatError` naming the file, record number and field on bad input.
    """
    p = Path(path)
    if not p.exists():
        raise RorFormatError(str(p), None, "file not found")
    fh, zf = _open_text(p)
    try:
        for i, raw in enumerate(_iter_json_values(fh, str(p)), start=1):
            yield _parse_record(raw, str(p), i)
    except (OSError, EOFError, UnicodeDecodeError, zipfile.BadZipFile) as exc:
        raise RorFormatError(str(p), None, f"cannot read: {exc}") from None
    finally:
        fh.close()
        if zf is not None:
            zf.close()


# ------------------------------------------------------------------------------------------------
# Registry
# ------------------------------------------------------------------------------------------------


class RorRegistry:
    """Institutions by ROR id, with successor and parent/child navigation."""

    def __init__(self, organizations: Iterable[RorOrganization] = ()):
        self._orgs: dict[str, RorOrganization] = {}
        for org in organizations:
            self._orgs[org.id] = org

    # construction ----------------------------------------------------------------------------
    @classmethod
    def from_dump(cls, path: str | os.PathLike[str]) -> RorRegistry:
        return cls(iter_ror_records(path))

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> RorRegistry:
        """Load a ROR dump, or a cache written by :meth:`save` (recognised by its header line)."""
        p = Path(path)
        if _is_cache(p):
            return cls._load_cache(p)
        return cls.from_dump(p)

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the registry as a gzip'd JSON-lines cache (header line, then one row per record).

        Written to a temporary file and renamed, so a crash never leaves a half-written cache.
        """
        p = Path(path)
        tmp = p.with_name(p.name + ".tmp")
        with gzip.open(tmp, "wb", compresslevel=5) as out:
            out.write(orjson.dumps({"format": CACHE_FORMAT, "records": len(self._orgs)}) + b"\n")
            for org in self._orgs.values():
                out.write(orjson.dumps(org.to_row()) + b"\n")
        os.replace(tmp, p)

    @classmethod
    def _load_cache(cls, p: Path) -> RorRegistry:
        gc_was_on = gc.isenabled()
        gc.disable()  # many small acyclic objects: collection passes only cost time here
        try:
            return cls._read_cache(p)
        finally:
            if gc_was_on:
                gc.enable()

    @classmethod
    def _read_cache(cls, p: Path) -> RorRegistry:
        with gzip.open(p, "rb") as fh:
            header = orjson.loads(fh.readline())
            if header.get("format") != CACHE_FORMAT:
                raise RorFormatError(str(p), None, f"unsupported cache format {header.get('format')!r}")
            orgs = []
            for i, line in enumerate(fh, start=1):
                try:
                    orgs.append(RorOrganization.from_row(orjson.loads(line)))
                except (orjson.JSONDecodeError, ValueError, TypeError, IndexError) as exc:
                    raise RorFormatError(str(p), i, f"corrupt cache row: {exc}") from None
        return cls(orgs)

    # access ----------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._orgs)

    def __iter__(self) -> Iterator[RorOrganization]:
        return iter(self._orgs.values())

    def __contains__(self, ror_id: object) -> bool:
        return isinstance(ror_id, str) and normalize_ror_id(ror_id) in self._orgs

    def get(self, ror_id: str) -> RorOrganization | None:
        return self._orgs.get(normalize_ror_id(ror_id))

    def __getitem__(self, ror_id: str) -> RorOrganization:
        org = self.get(ror_id)
        if org is None:
            raise KeyError(ror_id)
        return org

    def current(self, ror_id: str) -> str:
        """Follow successor links from an inactive/withdrawn record to the active one (if known)."""
        rid = normalize_ror_id(ror_id)
        seen = {rid}
        while True:
            org = self._orgs.get(rid)
            if org is None or org.status == "active":
                return rid
            succ = [s for s in org.related("successor") if s in self._orgs]
            if len(succ) != 1 or succ[0] in seen:
                return rid
            rid = succ[0]
            seen.add(rid)

    def parents(self, ror_id: str) -> list[str]:
        org = self.get(ror_id)
        return org.related("parent") if org else []

    def children(self, ror_id: str) -> list[str]:
        org = self.get(ror_id)
        return org.related("child") if org else []

    def lineage(self, ror_id: str) -> list[str]:
        """Ancestors of ``ror_id`` (parents, grandparents …), nearest first, without cycles.

        Parents outside the registry are listed (their id is known from the link) but not walked.
        """
        start = normalize_ror_id(ror_id)
        out: list[str] = []
        seen = {start}
        frontier = [start]
        while frontier:
            nxt: list[str] = []
            for rid in frontier:
                for parent in self.parents(rid):
                    if parent not in seen:
                        seen.add(parent)
                        out.append(parent)
                        nxt.append(parent)
            frontier = nxt
        return out


def normalize_ror_id(value: str) -> str:
    """``03vek6s52``, ``ror.org/03vek6s52`` or the full URL → ``https://ror.org/03vek6s52``."""
    v = value.strip()
    if v.startswith("https://ror.org/"):
        return v
    for prefix in ("http://ror.org/", "ror.org/", "https://www.ror.org/"):
        if v.startswith(prefix):
            return "https://ror.org/" + v[len(prefix) :]
    return "https://ror.org/" + v


def _is_cache(p: Path) -> bool:
    try:
        with open(p, "rb") as fh:
            if fh.read(2) != b"\x1f\x8b":
                return False
        with gzip.open(p, "rb") as fh:
            return fh.read(len(CACHE_FORMAT) + 16).startswith(b'{"format":"' + CACHE_FORMAT.encode())
    except (OSError, EOFError):
        return False
