"""One entry point for every open-source evidence reader (公開情報の読込み).

``read_evidence(source, path)`` streams evidence records (:mod:`rsec.engine.evidence.model`) from a
file in the source's published format; gzip is decompressed transparently. Malformed input raises
:class:`EvidenceFormatError` naming the file, the line / element and, where known, the field.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import IO, Any

from rsec.engine.evidence._io import EvidenceFormatError, PathLike
from rsec.engine.evidence.crossref import read_crossref
from rsec.engine.evidence.kaken import read_kaken
from rsec.engine.evidence.model import EvidenceRecord
from rsec.engine.evidence.openalex import read_openalex
from rsec.engine.evidence.orcid import read_orcid
from rsec.engine.evidence.patents import read_epo_ops, read_lens
from rsec.engine.evidence.researchmap import read_researchmap

__all__ = ["READERS", "SOURCES", "EvidenceFormatError", "read_evidence"]

READERS: dict[str, Callable[..., Iterator[Any]]] = {
    "openalex": partial(read_openalex, kind=""),
    "openalex-works": partial(read_openalex, kind="works"),
    "openalex-authors": partial(read_openalex, kind="authors"),
    "openalex-institutions": partial(read_openalex, kind="institutions"),
    "openalex-funders": partial(read_openalex, kind="funders"),
    "orcid": read_orcid,
    "crossref": read_crossref,
    "kaken": read_kaken,
    "researchmap": read_researchmap,
    "lens": read_lens,
    "epo-ops": read_epo_ops,
}
SOURCES = tuple(READERS)


def read_evidence(source: str, path: PathLike | IO[bytes], retrieved: str = "") -> Iterator[EvidenceRecord]:
    """Stream the evidence records of ``path`` read as ``source`` (one of :data:`SOURCES`).

    ``retrieved`` (ISO date) is recorded in every record's provenance: the snapshot or download date.
    """
    try:
        reader = READERS[source]
    except KeyError:
        raise ValueError(
            f"unknown evidence source {source!r}; expected one of {', '.join(SOURCES)}"
        ) from None
    return reader(path, retrieved=retrieved)
