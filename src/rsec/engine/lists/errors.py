"""Errors raised by watch-list readers."""

from __future__ import annotations

from pathlib import Path


class ListFormatError(ValueError):
    """A watch-list file that cannot be read as its format says.

    ``path`` is the offending file, ``location`` where in it the problem is: a row
    (``"row 12"``), a sheet and row (``"2.タリバーン関係者等!A14"``) or an XML element
    (``"INDIVIDUAL[3] DATAID=6907993"``); empty when the problem concerns the whole file.
    """

    def __init__(self, path: str | Path, location: str, message: str) -> None:
        self.path = str(path)
        self.location = location
        self.reason = message
        where = f"{self.path}: {location}" if location else self.path
        super().__init__(f"{where}: {message}")
