"""Small helpers for reading list spreadsheets with openpyxl (read-only, values only).

openpyxl builds a full rich-text object (runs, fonts) for every shared string before it reads a
cell; on the MOF workbook (≈14,000 formatted Japanese strings) that is most of the reading time.
:class:`_PlainStringsReader` keeps openpyxl for everything else but reads the shared-string table
as plain text — the same text openpyxl's ``Text.content`` gives (direct ``<t>`` plus ``<r><t>``
runs, phonetic ``<rPh>`` runs left out) — through defusedxml.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path

from defusedxml.ElementTree import iterparse
from openpyxl.reader.excel import SHARED_STRINGS, ExcelReader
from openpyxl.xml.constants import SHEET_MAIN_NS

from rsec.engine.lists.errors import ListFormatError

_SI = f"{{{SHEET_MAIN_NS}}}si"
_T = f"{{{SHEET_MAIN_NS}}}t"
_R = f"{{{SHEET_MAIN_NS}}}r"


def plain_string_table(source) -> list[str]:
    """Shared strings of an xlsx package as plain text (formatting and phonetic runs dropped)."""
    strings: list[str] = []
    for _, node in iterparse(source, forbid_dtd=True):
        if node.tag != _SI:
            continue
        parts = []
        for child in node:
            if child.tag == _T:
                parts.append(child.text or "")
            elif child.tag == _R:
                t = child.find(_T)
                if t is not None and t.text is not None:
                    parts.append(t.text)
        strings.append("".join(parts).replace("x005F_", ""))
        node.clear()
    return strings


class _PlainStringsReader(ExcelReader):
    def read_strings(self):
        ct = self.package.find(SHARED_STRINGS)
        if ct is not None:
            with self.archive.open(ct.PartName[1:]) as src:
                self.shared_strings = plain_string_table(src)


MAX_UNCOMPRESSED_BYTES = 512 * 1024 * 1024
"""Refuse workbooks that would unpack to more than this (the MOF list unpacks to about 20 MB)."""


def open_workbook(path: Path, max_bytes: int = MAX_UNCOMPRESSED_BYTES):
    try:
        with zipfile.ZipFile(path) as archive:
            size = sum(info.file_size for info in archive.infolist())
        if size > max_bytes:
            raise ListFormatError(
                path, "", f"workbook unpacks to {size} bytes, above the limit of {max_bytes}"
            )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. "Print area cannot be set to Defined name"
            reader = _PlainStringsReader(path, read_only=True, data_only=False)
            reader.read()
            return reader.wb
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ListFormatError(path, "", f"not a readable .xlsx workbook: {exc}") from exc


def header_key(value: object) -> str:
    """Header cell text without whitespace, NFKC-normalised, case-folded."""
    if value is None:
        return ""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value))).casefold()


def column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def rows(ws) -> Iterator[tuple[int, tuple]]:
    """(1-based Excel row number, values) for each row of a read-only sheet."""
    yield from enumerate(ws.iter_rows(values_only=True), start=1)
