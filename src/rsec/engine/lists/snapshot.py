"""Snapshots of a watch list and the differences between two of them (リスト更新差分).

A :class:`Snapshot` is one published edition of one list: its entities by id, the SHA-256 of the
file(s) it was read from, and its publication date — given explicitly, else taken from the file
name (``…_2026-02-27.xml``, ``…20260227…``) or the content (the UN list's ``dateGenerated``).
:func:`diff` compares two snapshots by entity id; an entity whose
:meth:`~rsec.engine.lists.model.ListEntity.content_hash` differs is *changed*, with the names of the
fields that differ. A snapshot is written as FtM line-JSON (:func:`write_snapshot`) and read back
by :func:`load_snapshot` like any other list file.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from rsec.engine.lists.errors import ListFormatError
from rsec.engine.lists.ftm import write_ftm
from rsec.engine.lists.model import ListEntity
from rsec.engine.lists.ofac import sdn_files
from rsec.engine.lists.readers import LIST_CODES, detect_format, read_list

_COMPARED = [f.name for f in dataclasses.fields(ListEntity) if f.name != "source"]


@dataclass
class Snapshot:
    """One edition of one list (リストの版)."""

    list: str
    source: str
    format: str
    published: str
    sha256: str
    entities: dict[str, ListEntity] = field(default_factory=dict)

    @property
    def entity_count(self) -> int:
        return len(self.entities)

    def count_by_schema(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for entity in self.entities.values():
            counts[entity.schema] = counts.get(entity.schema, 0) + 1
        return dict(sorted(counts.items()))


@dataclass
class EntityChange:
    id: str
    fields: list[str]
    old: ListEntity
    new: ListEntity


@dataclass
class SnapshotDiff:
    added: list[ListEntity]
    removed: list[ListEntity]
    changed: list[EntityChange]

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def summary(self) -> dict:
        return {
            "added": len(self.added),
            "removed": len(self.removed),
            "changed": len(self.changed),
            "added_ids": [e.id for e in self.added],
            "removed_ids": [e.id for e in self.removed],
            "changed_ids": {c.id: c.fields for c in self.changed},
        }


def file_sha256(path: str | Path, format: str | None = None) -> str:
    """SHA-256 of a list file; for OFAC's legacy CSV, of sdn.csv, alt.csv and add.csv in turn."""
    path = Path(path)
    files = [path]
    if format == "ofac_sdn" or path.is_dir():
        files = [p for p in sdn_files(path) if p is not None]
    digest = hashlib.sha256()
    for p in files:
        with open(p, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


_NAME_DATE = re.compile(r"(?<!\d)(20\d{2}|19\d{2})[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)")
_UN_DATE = re.compile(rb'dateGenerated="(\d{4}-\d{2}-\d{2})')


def publication_date(path: str | Path, format: str | None = None) -> str:
    """Publication date from the file name, else from the content where the format carries one."""
    path = Path(path)
    for part in (path.name, path.parent.name if path.is_file() else ""):
        m = _NAME_DATE.search(part)
        if m:
            return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    if format == "un_sc" and path.is_file():
        with open(path, "rb") as fh:
            m = _UN_DATE.search(fh.read(4096))
        if m:
            return m.group(1).decode()
    return ""


def load_snapshot(path: str | Path, format: str | None = None, published: str | None = None) -> Snapshot:
    """Read a list file into a :class:`Snapshot`. Raises :class:`ListFormatError` on bad input,
    including two entities with the same id."""
    path = Path(path)
    fmt = format or detect_format(path)
    entities: dict[str, ListEntity] = {}
    for entity in read_list(path, fmt):
        if entity.id in entities:
            raise ListFormatError(path, entity.source, f"duplicate entity id {entity.id!r}")
        entities[entity.id] = entity
    codes = sorted({e.list for e in entities.values()})
    list_code = codes[0] if len(codes) == 1 else LIST_CODES.get(fmt, fmt)
    return Snapshot(
        list=list_code,
        source=str(path),
        format=fmt,
        published=published or publication_date(path, fmt),
        sha256=file_sha256(path, fmt),
        entities=entities,
    )


def changed_fields(old: ListEntity, new: ListEntity) -> list[str]:
    return [name for name in _COMPARED if getattr(old, name) != getattr(new, name)]


def diff(old: Snapshot, new: Snapshot) -> SnapshotDiff:
    """Entities added, removed and changed from ``old`` to ``new`` (each sorted by id)."""
    added = [new.entities[i] for i in sorted(new.entities.keys() - old.entities.keys())]
    removed = [old.entities[i] for i in sorted(old.entities.keys() - new.entities.keys())]
    changed = []
    for ident in sorted(old.entities.keys() & new.entities.keys()):
        a, b = old.entities[ident], new.entities[ident]
        if a.content_hash() != b.content_hash():
            changed.append(EntityChange(ident, changed_fields(a, b), a, b))
    return SnapshotDiff(added, removed, changed)


def write_snapshot(snapshot: Snapshot, path: str | Path) -> int:
    """Write the snapshot's entities as FtM line-JSON, atomically (a temporary file, then rename)."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as out:
            count = write_ftm(snapshot.entities.values(), out)
        tmp.replace(path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return count
