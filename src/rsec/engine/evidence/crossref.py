"""Crossref works reader: REST API responses (``{"message": {…}}`` or ``{"message": {"items": […]}}``),
public-data-file shards (``{"items": […]}``), JSON lines of works, or a bare work object.

Keeps authors (ORCID, sequence, raw affiliation names, ROR ids where deposited), funders (Funder
Registry DOI, name, award numbers) and the publication date.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from rsec.engine.evidence._io import EvidenceFormatError, PathLike, _name, iter_json
from rsec.engine.evidence.model import (
    RELIABILITY_CURATED,
    Authorship,
    Funding,
    InstitutionRef,
    Provenance,
    Work,
)
from rsec.engine.evidence.openalex import short_doi, short_orcid, short_ror


def _date_parts(d: Any) -> str:
    if not isinstance(d, dict):
        return ""
    parts = (d.get("date-parts") or [[]])[0] or []
    out = []
    for i, p in enumerate(parts):
        if p is None:
            break
        out.append(str(p).zfill(4 if i == 0 else 2))
    return "-".join(out)


def parse_crossref_work(d: dict, retrieved: str = "", file: str = "") -> Work:
    doi = short_doi(d["DOI"])
    authors = d.get("author") or []
    authorships = []
    last = len(authors) - 1
    for i, a in enumerate(authors):
        name = a.get("name") or " ".join(x for x in (a.get("given"), a.get("family")) if x)
        insts, raw = [], []
        for aff in a.get("affiliation") or ():
            if aff.get("name"):
                raw.append(aff["name"])
            for ident in aff.get("id") or ():
                if str(ident.get("id-type", "")).upper() == "ROR":
                    insts.append(
                        InstitutionRef(ror_id=short_ror(ident.get("id")), name=aff.get("name") or "")
                    )
        if a.get("sequence") == "first" or i == 0:
            position = "first"
        elif i == last:
            position = "last"
        else:
            position = "middle"
        authorships.append(
            Authorship(
                name=name,
                orcid=short_orcid(a.get("ORCID")),
                position=position,
                institutions=insts,
                raw_affiliations=raw,
            )
        )
    funding = []
    for f in d.get("funder") or ():
        fid = f.get("DOI") or ""
        awards = f.get("award") or [""]
        for award in awards:
            funding.append(Funding(funder_id=fid, funder_name=f.get("name") or "", award_id=award or ""))
    date = ""
    for key in ("issued", "published", "published-print", "published-online", "created"):
        date = _date_parts(d.get(key))
        if date:
            break
    titles = d.get("title") or [""]
    venues = d.get("container-title") or [""]
    return Work(
        id=doi,
        doi=doi,
        title=titles[0] if isinstance(titles, list) else str(titles),
        year=int(date[:4]) if date[:4].isdigit() else None,
        date=date,
        type=d.get("type") or "",
        venue=venues[0] if isinstance(venues, list) and venues else "",
        authorships=authorships,
        funding=funding,
        provenance=Provenance(
            "crossref", doi, retrieved, RELIABILITY_CURATED, f"https://doi.org/{doi}", file
        ),
    )


def read_crossref(path: PathLike | IO[bytes], retrieved: str = "") -> Iterator[Work]:
    name = _name(path)
    for where, obj in iter_json(path, ("message", "items")):
        if not isinstance(obj, dict):
            raise EvidenceFormatError(
                name, where, f"expected a Crossref work object, got {type(obj).__name__}"
            )
        if not obj.get("DOI"):
            raise EvidenceFormatError(name, where, "Crossref work without a DOI", field="DOI")
        try:
            yield parse_crossref_work(obj, retrieved, f"{name}:{where}")
        except (KeyError, TypeError, AttributeError, IndexError) as exc:
            raise EvidenceFormatError(
                name, where, f"unexpected structure ({type(exc).__name__}: {exc})"
            ) from exc
