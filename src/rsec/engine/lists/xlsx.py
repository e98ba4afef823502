"""Small helpers for reading list spreadsheets with openpyxl (read-only, values only)."""

from __future__ import annotations

import re
import unicodedata
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path

from rsec.engine.lists.errors import ListFormatError


def open_workbook(path: Path):
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. "Print area cannot be set to Defined name"
            return openpyxl.load_workbook(path, read_only=True, data_only=False)
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
