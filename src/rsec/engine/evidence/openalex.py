"""OpenAlex readers: works, authors, institutions and funders.

Reads the snapshot's JSON-lines shards (``part_000.gz`` …), saved API entities and API list responses
(``{"meta": …, "results": […]}``), in both the 2022 schema (``host_venue``,
``authorships[].raw_affiliation_string``, ``last_known_institution``) and the current one
(``primary_location``, ``raw_affiliation_strings``, ``affiliations``, ``countries``,
``is_corresponding``, ``grants`` / ``funders`` / ``awards``).

Only the fields kept in :mod:`rsec.engine.evidence.model` are touched; the heavy parts of a work
(abstract index, references, concepts) are parsed by orjson but never walked.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from rsec.engine.evidence._io import EvidenceFormatError, PathLike, _name, bulk_gc, iter_json
from rsec.engine.evidence.model import (
    RELIABILITY_CURATED,
    Affiliation,
    Author,
    Authorship,
    Funder,
    Funding,
    Institution,
    InstitutionRef,
    PersonIds,
    Provenance,
    Work,
)

_PREFIX = "https://openalex.org/"
_PREFIX_LEN = len(_PREFIX)


def short_id(value: Any) -> str:
    """``https://openalex.org/W123`` -> ``W123`` (already short ids are returned as is)."""
    if not value:
        return ""
    value = str(value)
    if value.startswith(_PREFIX):
        return value[_PREFIX_LEN:]
    return value.rsplit("/", 1)[-1]


def short_orcid(value: Any) -> str:
    if not value:
        return ""
    return str(value).rsplit("/", 1)[-1]


def short_ror(value: Any) -> str:
    if not value:
        return ""
    return str(value).rstrip("/").rsplit("/", 1)[-1]


def short_doi(value: Any) -> str:
    if not value:
        return ""
    value = str(value).strip().lower()
    for prefix in (
        "https://doi.org/",
        "http://doi.org/",
        "https://dx.doi.org/",
        "http://dx.doi.org/",
        "doi:",
    ):
        if value.startswith(prefix):
            return value[len(prefix) :]
    return value


def _inst_ref(inst: dict) -> InstitutionRef:
    lineage = inst.get("lineage")
    return InstitutionRef(
        short_id(inst.get("id")),
        inst.get("display_name") or "",
        short_ror(inst.get("ror")),
        inst.get("country_code") or "",
        inst.get("type") or "",
        [short_id(x) for x in lineage] if lineage else [],
    )


class _InstitutionCache:
    """Institutions repeat across works: one :class:`InstitutionRef` per OpenAlex id and file, bounded.

    Works read from the same file share these objects; treat them as read-only.
    """

    __slots__ = ("refs", "limit")

    def __init__(self, limit: int = 200_000):
        self.refs: dict[str, InstitutionRef] = {}
        self.limit = limit

    def get(self, inst: dict) -> InstitutionRef:
        key = inst.get("id")
        if key is None:
            return _inst_ref(inst)
        ref = self.refs.get(key)
        if ref is None:
            if len(self.refs) >= self.limit:
                self.refs.clear()  # keeps memory flat on snapshot-sized input
            ref = self.refs[key] = _inst_ref(inst)
        return ref


def parse_work(d: dict, retrieved: str = "", file: str = "", cache: _InstitutionCache | None = None) -> Work:
    """One OpenAlex work (2022 or current schema) -> :class:`Work`. The hot path of snapshot ingestion."""
    wid = d["id"]
    wid = wid[_PREFIX_LEN:] if wid.startswith(_PREFIX) else short_id(wid)
    corresponding = d.get("corresponding_author_ids") or ()
    inst_of = cache.get if cache is not None else _inst_ref
    authorships = []
    append = authorships.append
    for a in d.get("authorships") or ():
        author = a.get("author") or {}
        aid = author.get("id") or ""
        if aid.startswith(_PREFIX):
            aid = aid[_PREFIX_LEN:]
        elif aid:
            aid = short_id(aid)
        orcid = author.get("orcid")
        if orcid:
            orcid = orcid.rsplit("/", 1)[-1]
        insts = [inst_of(i) for i in a.get("institutions") or ()]
        raw = a.get("raw_affiliation_strings")
        if raw is None:
            one = a.get("raw_affiliation_string")
            raw = [one] if one else []
        countries = a.get("countries")
        if countries is None:
            countries = list(dict.fromkeys(i.country for i in insts if i.country))
        is_corr = a.get("is_corresponding")
        if is_corr is None:
            is_corr = bool(corresponding) and author.get("id") in corresponding
        append(
            Authorship(
                aid,
                author.get("display_name") or a.get("raw_author_name") or "",
                orcid or "",
                a.get("author_position") or "",
                bool(is_corr),
                insts,
                raw,
                countries,
            )
        )
    funding = []
    grants = d.get("grants")
    if grants:
        for g in grants:
            funding.append(
                Funding(
                    short_id(g.get("funder")), g.get("funder_display_name") or "", "", g.get("award_id") or ""
                )
            )
    awards = d.get("awards")
    if awards:
        for g in awards:
            funding.append(
                Funding(
                    short_id(g.get("funder_id")),
                    g.get("funder_display_name") or "",
                    "",
                    g.get("funder_award_id") or "",
                )
            )
    funders = d.get("funders")
    if funders:
        seen = {f.funder_id for f in funding}
        for f in funders:
            fid = short_id(f.get("id"))
            if fid not in seen:
                funding.append(Funding(fid, f.get("display_name") or "", f.get("country_code") or ""))
    loc = d.get("primary_location")
    source = (loc.get("source") if loc else None) or {}
    venue = source.get("display_name") or (d.get("host_venue") or {}).get("display_name") or ""
    return Work(
        wid,
        short_doi(d.get("doi")),
        d.get("title") or d.get("display_name") or "",
        d.get("publication_year"),
        d.get("publication_date") or "",
        d.get("type") or "",
        venue,
        authorships,
        funding,
        None,
        [],
        Provenance("openalex", wid, retrieved, RELIABILITY_CURATED, _PREFIX + wid, file),
    )


def parse_author(d: dict, retrieved: str = "", file: str = "") -> Author:
    aid = short_id(d["id"])
    names = [(d.get("display_name") or "", "")]
    names += [(n, "") for n in d.get("display_name_alternatives") or () if n and n != names[0][0]]
    ids = d.get("ids") or {}
    orcid = short_orcid(d.get("orcid") or ids.get("orcid"))
    scopus = ids.get("scopus") or ""
    if "authorID=" in scopus:
        scopus = scopus.split("authorID=", 1)[1].split("&", 1)[0]
    affiliations = [
        Affiliation(institution=_inst_ref(a.get("institution") or {}), years=sorted(a.get("years") or ()))
        for a in d.get("affiliations") or ()
    ]
    known = {a.institution.id for a in affiliations}
    last = d.get("last_known_institutions")
    if last is None:
        one = d.get("last_known_institution")
        last = [one] if one else []
    for inst in last:
        ref = _inst_ref(inst)
        if ref.id not in known:
            affiliations.append(Affiliation(institution=ref))
    return Author(
        id=aid,
        orcid=orcid,
        names=names,
        ids=PersonIds(orcid=orcid, openalex_id=aid, scopus_id=scopus),
        affiliations=affiliations,
        works_count=d.get("works_count"),
        provenance=Provenance("openalex", aid, retrieved, RELIABILITY_CURATED, _PREFIX + aid, file),
    )


def parse_institution(d: dict, retrieved: str = "", file: str = "") -> Institution:
    iid = short_id(d["id"])
    display = d.get("display_name") or ""
    names: list[tuple[str, str]] = [(display, "")]
    seen = {display}
    for lang, value in ((d.get("international") or {}).get("display_name") or {}).items():
        if value and value not in seen:
            seen.add(value)
            names.append((value, lang))
    for value in (d.get("display_name_alternatives") or []) + (d.get("display_name_acronyms") or []):
        if value and value not in seen:
            seen.add(value)
            names.append((value, ""))
    parents = [short_id(x) for x in d.get("lineage") or () if short_id(x) != iid]
    for rel in d.get("associated_institutions") or ():
        if rel.get("relationship") == "parent":
            pid = short_id(rel.get("id"))
            if pid and pid not in parents:
                parents.append(pid)
    return Institution(
        id=iid,
        name=display,
        names=names,
        country=d.get("country_code") or "",
        ror_id=short_ror(d.get("ror") or (d.get("ids") or {}).get("ror")),
        types=[d["type"]] if d.get("type") else [],
        parents=parents,
        provenance=Provenance("openalex", iid, retrieved, RELIABILITY_CURATED, _PREFIX + iid, file),
    )


def parse_funder(d: dict, retrieved: str = "", file: str = "") -> Funder:
    fid = short_id(d["id"])
    ids = d.get("ids") or {}
    display = d.get("display_name") or ""
    names = [(display, "")] + [(t, "") for t in d.get("alternate_titles") or () if t and t != display]
    return Funder(
        id=fid,
        name=display,
        names=names,
        country=d.get("country_code") or "",
        ror_id=short_ror(ids.get("ror")),
        crossref_id=str(ids.get("crossref") or ""),
        provenance=Provenance("openalex", fid, retrieved, RELIABILITY_CURATED, _PREFIX + fid, file),
    )


_PARSERS = {"W": parse_work, "A": parse_author, "I": parse_institution, "F": parse_funder}
_KIND_LETTER = {"works": "W", "authors": "A", "institutions": "I", "funders": "F"}


def read_openalex(path: PathLike | IO[bytes], kind: str = "", retrieved: str = "") -> Iterator[Any]:
    """Stream OpenAlex entities of ``kind`` (works | authors | institutions | funders; "" = by id prefix).

    Entities of another kind are rejected with :class:`EvidenceFormatError` (a works reader given an
    authors shard is a mistake worth stopping for).
    """
    name = _name(path)
    letter = _KIND_LETTER.get(kind, "")
    if kind and not letter:
        raise ValueError(f"unknown OpenAlex entity kind {kind!r}")
    with bulk_gc():
        yield from _read(path, name, kind, letter, retrieved)


def _read(path: PathLike | IO[bytes], name: str, kind: str, letter: str, retrieved: str) -> Iterator[Any]:
    parse = _PARSERS.get(letter)
    cache = _InstitutionCache()
    for where, obj in iter_json(path, ("results",)):
        if not isinstance(obj, dict):
            raise EvidenceFormatError(name, where, f"expected a JSON object, got {type(obj).__name__}")
        raw_id = obj.get("id")
        if not raw_id or not isinstance(raw_id, str):
            raise EvidenceFormatError(name, where, "missing OpenAlex id", field="id")
        sid = short_id(raw_id)
        if not letter:
            p = _PARSERS.get(sid[:1])
            if p is None:
                raise EvidenceFormatError(
                    name, where, f"not an OpenAlex work/author/institution/funder id: {sid!r}", "id"
                )
        else:
            if sid[:1] != letter:
                raise EvidenceFormatError(
                    name, where, f"expected an OpenAlex {kind[:-1]} id ({letter}…), got {sid!r}", "id"
                )
            p = parse
        try:
            if p is parse_work:
                yield parse_work(obj, retrieved, f"{name}:{where}", cache)
            else:
                yield p(obj, retrieved, f"{name}:{where}")
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            raise EvidenceFormatError(
                name, where, f"unexpected structure ({type(exc).__name__}: {exc})"
            ) from exc
