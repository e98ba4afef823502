"""Public entry points for reading watch lists (ウォッチリスト).

``FORMATS`` maps a format name to its reader; :func:`read_list` picks one by name or by
:func:`detect_format`. Every reader yields :class:`~rsec.engine.lists.model.ListEntity` records
and raises :class:`ListFormatError` (naming the file and the row / sheet!row / element) on bad input.

=============  ==================================================================
format         file
=============  ==================================================================
un_sc          UN Security Council consolidated list, XML
meti_eul       METI End User List (外国ユーザーリスト), xlsx
mof_af         MOF asset-freeze list (資産凍結等の対象者リスト), xlsx, all sheets
ofac_sdn       OFAC SDN legacy CSV (``sdn.csv`` + ``alt.csv`` + ``add.csv``, or their folder)
bis_dpl        BIS Denied Persons List, tab-separated
us_csl         trade.gov Consolidated Screening List CSV
ftm            FollowTheMoney line-JSON (OpenSanctions exports, ``rsec lists export`` output)
os_simple      OpenSanctions ``targets.simple.csv``
aspi           ASPI China Defence Universities Tracker, MISP galaxy JSON
csv            simple CSV ``id,schema,name,aliases,country,birth_date``
=============  ==================================================================
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

from rsec.engine.lists.errors import ListFormatError
from rsec.engine.lists.ftm import read_ftm
from rsec.engine.lists.meti import read_meti_eul
from rsec.engine.lists.model import ListEntity
from rsec.engine.lists.mof import read_mof_af
from rsec.engine.lists.ofac import read_ofac_sdn, sdn_files
from rsec.engine.lists.other import read_aspi, read_csv, read_os_simple
from rsec.engine.lists.un_sc import read_un_sc
from rsec.engine.lists.us import read_bis_dpl, read_us_csl

__all__ = ["FORMATS", "ListFormatError", "detect_format", "parse_list_spec", "read_list"]

Reader = Callable[[Path], Iterator[ListEntity]]

FORMATS: dict[str, Reader] = {
    "un_sc": read_un_sc,
    "meti_eul": read_meti_eul,
    "mof_af": read_mof_af,
    "ofac_sdn": read_ofac_sdn,
    "bis_dpl": read_bis_dpl,
    "us_csl": read_us_csl,
    "ftm": read_ftm,
    "os_simple": read_os_simple,
    "aspi": read_aspi,
    "csv": read_csv,
}

DESCRIPTIONS = {
    "un_sc": "UN Security Council consolidated list (XML)",
    "meti_eul": "METI End User List 外国ユーザーリスト (xlsx)",
    "mof_af": "MOF asset-freeze list 資産凍結等の対象者リスト (xlsx, all sheets)",
    "ofac_sdn": "OFAC SDN legacy CSV (sdn.csv + alt.csv + add.csv, or their folder)",
    "bis_dpl": "BIS Denied Persons List (tab-separated)",
    "us_csl": "trade.gov Consolidated Screening List (CSV)",
    "ftm": "FollowTheMoney line-JSON (OpenSanctions, rsec lists export)",
    "os_simple": "OpenSanctions targets.simple.csv",
    "aspi": "ASPI China Defence Universities Tracker (MISP galaxy JSON)",
    "csv": "simple CSV id,schema,name,aliases,country,birth_date",
}

LIST_CODES = {
    "un_sc": "un_sc",
    "meti_eul": "meti_eul",
    "mof_af": "mof_af",
    "ofac_sdn": "ofac_sdn",
    "bis_dpl": "bis_dpl",
    "us_csl": "us_csl",
    "ftm": "opensanctions",
    "os_simple": "opensanctions",
    "aspi": "aspi",
    "csv": "csv",
}
"""List code of the records each format yields (``ftm`` files written by rsec keep their own)."""


def parse_list_spec(spec: str) -> tuple[Path, str | None]:
    """``"FILE[:FORMAT]"`` → (path, format or None).

    Only a suffix that names a known format is taken as the format, so paths that contain ``:``
    themselves (``data/2026:03/list.xml``) stay whole."""
    head, sep, tail = spec.rpartition(":")
    if sep and head and tail in FORMATS:
        return Path(head), tail
    return Path(spec), None


def _head(path: Path, size: int = 4096) -> str:
    with open(path, "rb") as fh:
        return fh.read(size).decode("utf-8", errors="replace").lstrip("\ufeff")


def detect_format(path: str | Path) -> str:
    """Format name of ``path``, from its extension and a look at its first bytes."""
    path = Path(path)
    if path.is_dir():
        if (path / "sdn.csv").exists():
            return "ofac_sdn"
        raise ListFormatError(path, "", "folder without sdn.csv: cannot tell the list format")
    if not path.exists():
        raise ListFormatError(path, "", "file not found")
    name = path.name.lower()
    head = _head(path)
    first_line = head.splitlines()[0] if head.splitlines() else ""
    if name.endswith(".xml") or head.lstrip().startswith("<"):
        if "CONSOLIDATED_LIST" in head or "<INDIVIDUALS" in head:
            return "un_sc"
        raise ListFormatError(path, "", "XML but not a UN consolidated list (no CONSOLIDATED_LIST)")
    if name.endswith((".xlsx", ".xlsm")) or head.startswith("PK"):
        return _detect_xlsx(path)
    if name.endswith((".json", ".jsonl", ".ndjson")) or head.lstrip().startswith(("{", "[")):
        stripped = head.lstrip()
        try:
            json.loads(first_line)
            one_line = True
        except json.JSONDecodeError:
            one_line = False
        if one_line and '"schema"' in first_line:
            return "ftm"
        if '"values"' in head or "galaxy" in head or "misp" in name:
            return "aspi"
        if stripped.startswith("{") and '"schema"' in head:
            return "ftm"
        raise ListFormatError(path, "", "JSON but neither FtM entities nor a MISP galaxy")
    lowered = first_line.replace('"', "").strip().lower()
    columns = [c.strip() for c in lowered.split("\t" if "\t" in lowered else ",")]
    if "\t" in first_line and "name" in columns and "street_address" in columns:
        return "bis_dpl"
    if columns[:6] == ["id", "schema", "name", "aliases", "country", "birth_date"]:
        return "csv"
    if {"id", "schema", "name", "aliases", "countries"} <= set(columns):
        return "os_simple"
    if {"source", "name", "alt_names"} <= set(columns):
        return "us_csl"
    if name == "sdn.csv" or (columns and columns[0].isdigit() and len(columns) == 12):
        return "ofac_sdn"
    raise ListFormatError(path, "", "cannot tell the list format; give it as FILE:FORMAT")


def _sniff_shared_strings(path: Path) -> str | None:
    """Cheap byte search of the shared-string table for the lists' header texts."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive, archive.open("xl/sharedStrings.xml") as fh:
            data = fh.read(64 * 1024 * 1024)
    except (KeyError, zipfile.BadZipFile, OSError):
        return None
    if all(m.encode() in data for m in ("日本語表記", "英語表記", "告示番号")):
        return "mof_af"
    if b"Also Known As" in data and "企業名".encode() in data:
        return "meti_eul"
    return None


def _detect_xlsx(path: Path) -> str:
    from rsec.engine.lists.xlsx import header_key, open_workbook

    sniffed = _sniff_shared_strings(path)
    if sniffed:
        return sniffed
    wb = open_workbook(path)
    try:
        for ws in wb.worksheets[:4]:
            for number, row in enumerate(ws.iter_rows(values_only=True, max_row=12), start=1):
                keys = [header_key(c) for c in row]
                if "日本語表記" in keys and "英語表記" in keys:
                    return "mof_af"
                if any("alsoknownas" in k for k in keys) or any("企業名" in k for k in keys):
                    return "meti_eul"
                if number >= 12:
                    break
    finally:
        wb.close()
    raise ListFormatError(
        path, "", "spreadsheet is neither the METI End User List nor the MOF asset-freeze list"
    )


DEFAULT_MAX_BYTES = 200 * 1024 * 1024
"""Largest list file accepted by :func:`read_list` (the largest real list here is about 3 MB)."""


def read_list(
    path: str | Path, format: str | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[ListEntity]:
    """Entities of the list at ``path``, read as ``format`` (detected when None).

    Files above ``max_bytes`` (for OFAC's folder: the three files together) are refused; XML is
    also refused when it carries a DTD or entity declarations, and xlsx when it unpacks beyond
    :data:`rsec.engine.lists.xlsx.MAX_UNCOMPRESSED_BYTES`."""
    path = Path(path)
    if not path.exists():
        raise ListFormatError(path, "", "file not found")
    fmt = format or detect_format(path)
    reader = FORMATS.get(fmt)
    if reader is None:
        raise ListFormatError(path, "", f"unknown list format {fmt!r}; known: {', '.join(FORMATS)}")
    files = [p for p in sdn_files(path) if p is not None] if fmt == "ofac_sdn" else [path]
    size = sum(p.stat().st_size for p in files if p.is_file())
    if size > max_bytes:
        raise ListFormatError(path, "", f"list is {size} bytes, above the limit of {max_bytes} bytes")
    return reader(path)
