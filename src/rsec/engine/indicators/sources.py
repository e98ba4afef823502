"""Reading an evidence folder (証拠ファイル一式): detect each file's source by name, then by content.

A due-diligence case collects downloads from several sources in one folder: OpenAlex works, an ORCID
record, KAKEN researcher JSON or grant XML, a researchmap export, Lens CSV, EPO OPS XML, Crossref
works. :func:`detect_source` tells them apart; :func:`read_evidence_dir` reads them all, failing
on the first bad file with :class:`~rsec.engine.evidence._io.EvidenceFormatError` (which names it).
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rsec.engine.evidence.readers import SOURCES, read_evidence

NAME_HINTS = (
    ("openalex", "openalex"),
    ("orcid", "orcid"),
    ("crossref", "crossref"),
    ("kaken", "kaken"),
    ("researchmap", "researchmap"),
    ("lens", "lens"),
    ("epo", "epo-ops"),
    ("ops_", "epo-ops"),
)
SUFFIXES = (".json", ".jsonl", ".ndjson", ".xml", ".csv", ".gz")


class EvidenceDirError(ValueError):
    """An evidence file whose source cannot be told; names the file."""

    def __init__(self, file: str, message: str):
        self.file = file
        super().__init__(f"{file}: {message}")


def _head(path: Path, size: int = 65536) -> str:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as fh:
        return fh.read(size).decode("utf-8", "replace")


def detect_source(path: str | Path) -> str:
    """The evidence source of a file: a hint in its name, else the shape of its first 64 KiB."""
    p = Path(path)
    lower = p.name.casefold()
    for hint, source in NAME_HINTS:
        if hint in lower:
            return source
    head = _head(p)
    s = head.lstrip("\ufeff \t\r\n")
    if s.startswith("<"):
        if "world-patent-data" in s or "ops:" in s[:2000]:
            return "epo-ops"
        if "orcid.org/ns" in s or "<record:record" in s or "orcid-identifier" in s:
            return "orcid"
        if "grantAward" in s or "kaken" in s.casefold():
            return "kaken"
    elif s.startswith(("{", "[")):
        if '"authorships"' in s or "openalex.org/" in s:
            return "openalex"
        if '"orcid-identifier"' in s or '"activities-summary"' in s:
            return "orcid"
        if '"id:person:erad"' in s or '"accn"' in s:
            return "kaken"
        if "researchmap" in s or '"rm:id"' in s or '"rm:user_id"' in s:
            return "researchmap"
        if '"message-type"' in s or ('"DOI"' in s and '"publisher"' in s):
            return "crossref"
    elif "Lens ID" in s.splitlines()[0] if s else False:
        return "lens"
    raise EvidenceDirError(
        str(p), f"cannot tell the evidence source; name the file after one of {', '.join(SOURCES)}"
    )


def evidence_files(directory: str | Path) -> list[Path]:
    d = Path(directory)
    if not d.is_dir():
        raise EvidenceDirError(str(d), "not a directory")
    return sorted(
        p
        for p in d.rglob("*")
        if p.is_file()
        and not p.name.startswith(".")
        and p.name.casefold().endswith(SUFFIXES)
        and "readme" not in p.name.casefold()
    )


def read_evidence_dir(directory: str | Path, retrieved: str = "") -> Iterator[tuple[Path, str, Any]]:
    """Yield ``(file, source, record)`` for every record of every evidence file in ``directory``."""
    for path in evidence_files(directory):
        source = detect_source(path)
        for rec in read_evidence(source, path, retrieved=retrieved):
            yield path, source, rec
