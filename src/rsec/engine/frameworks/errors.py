"""Errors of the frameworks loader (フレームワーク定義の読込みエラー).

A malformed library is rejected with every problem found, each naming the file, the path inside
the document (``items[3].title.en``) and, where the YAML shows it, the line number.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Issue:
    """One problem in one library file."""

    file: str
    path: str  # "" for the document as a whole
    message: str
    line: int | None = None  # 1-based

    def __str__(self) -> str:
        where = f"{self.file}: {self.path}: " if self.path else f"{self.file}: "
        at = f" (line {self.line})" if self.line else ""
        return f"{where}{self.message}{at}"


class FrameworkError(Exception):
    """A framework library could not be loaded; ``issues`` lists every problem found."""

    def __init__(self, issues: list[Issue]):
        if not issues:
            raise ValueError("FrameworkError needs at least one issue")
        self.issues = list(issues)
        super().__init__("\n".join(str(i) for i in self.issues))

    @classmethod
    def single(
        cls, file: str | Path, message: str, path: str = "", line: int | None = None
    ) -> FrameworkError:
        return cls([Issue(file=str(file), path=path, message=message, line=line)])

    @property
    def file(self) -> str:
        return self.issues[0].file


class LibraryNotFound(FrameworkError, LookupError):
    """No library with the requested id exists on the search path."""
