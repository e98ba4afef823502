"""researchmap (JST) reader: API JSON-LD and bulk export lines.

Accepted shapes (gzip transparent):
- bulk import/export JSON lines: ``{"insert": {"type": T, "id": …, "user_id": …}, "merge": {…}}``;
- an API response for one achievement type: ``{"@id": …, "items": […]}`` (items carry ``@type``);
- a full API response ``{"@graph": [{"@type": T, "items": […]}, …]}``;
- a dict of achievement lists keyed by type (``{"published_papers": […], "research_projects": […]}``),
  optionally with a ``profile`` object (researcher profile) as assembled by common export tools.

Yields an :class:`Author` for a researcher profile (+ a :class:`Position` per current affiliation),
a :class:`Position` per research experience (employment), education and committee membership, a
:class:`Work` per published paper and a :class:`Grant` per research project. researchmap is
self-published (grade C).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from rsec.engine.evidence._io import EvidenceFormatError, PathLike, _name, as_list, iter_json
from rsec.engine.evidence.model import (
    RELIABILITY_SELF_PUBLISHED,
    Affiliation,
    Author,
    Authorship,
    Grant,
    InstitutionRef,
    PersonIds,
    Position,
    Provenance,
    Work,
)
from rsec.engine.evidence.openalex import short_doi

ACHIEVEMENT_TYPES = (
    "researchers",
    "profile",
    "research_experience",
    "education",
    "committee_memberships",
    "published_papers",
    "research_projects",
)
_POSITION_KINDS = {
    "research_experience": "employment",
    "education": "education",
    "committee_memberships": "committee",
}


def _lang(value: Any, prefer: tuple[str, ...] = ("ja", "en")) -> str:
    if isinstance(value, dict):
        for lang in prefer:
            if value.get(lang):
                return str(value[lang]).strip()
        for v in value.values():
            if isinstance(v, str) and v:
                return v.strip()
        return ""
    return str(value or "").strip()


def _end(value: Any) -> str:
    value = str(value or "")
    return "" if value.startswith("9999") else value  # 9999 = "to the present"


def _owner(user_id: str, permalink: str = "") -> PersonIds:
    return PersonIds(
        researchmap_id=user_id or permalink, other={"researchmap_permalink": permalink} if permalink else {}
    )


def _item_id(item: dict, insert: dict) -> str:
    return str(insert.get("id") or item.get("rm:id") or str(item.get("@id", "")).rsplit("/", 1)[-1])


def _permalink(item: dict) -> str:
    at_id = str(item.get("@id") or "")
    if at_id.startswith("https://api.researchmap.jp/"):
        return at_id[len("https://api.researchmap.jp/") :].split("/", 1)[0]
    return str(item.get("permalink") or "")


def _prov(rid: str, item: dict, file: str, retrieved: str) -> Provenance:
    url = str(item.get("@id") or "").replace("https://api.researchmap.jp/", "https://researchmap.jp/")
    return Provenance(
        "researchmap",
        rid,
        retrieved or str(item.get("rm:modified") or ""),
        RELIABILITY_SELF_PUBLISHED,
        url,
        file,
    )


def _profile(item: dict, insert: dict, file: str, retrieved: str) -> list[Any]:
    user_id = str(insert.get("id") or item.get("rm:user_id") or item.get("id") or "")
    permalink = str(item.get("permalink") or "")
    if not user_id and not permalink:
        raise KeyError("id")
    ids = _owner(user_id, permalink)
    idents = item.get("identifiers") or {}
    ids.erad_id = (as_list(idents.get("erad_id")) or [""])[0]
    ids.kaken_id = ids.erad_id
    ids.orcid = (as_list(idents.get("orcid_id")) or [""])[0]
    for key, values in idents.items():
        if key not in ("erad_id", "orcid_id") and as_list(values):
            ids.other[key] = str(as_list(values)[0])
    family, given = item.get("family_name") or {}, item.get("given_name") or {}
    names = []
    for lang in ("ja", "ja-Kana", "en"):
        f, g = family.get(lang), given.get(lang)
        if f or g:
            value = f"{f or ''} {g or ''}".strip() if lang != "en" else f"{g or ''} {f or ''}".strip()
            names.append((value, lang))
    rid = user_id or permalink
    affiliations, positions = [], []
    for a in as_list(item.get("affiliations")):
        inst = InstitutionRef(name=_lang(a.get("affiliation")))
        dept, title = _lang(a.get("section")), _lang(a.get("job"))
        affiliations.append(Affiliation(institution=inst, department=dept, title=title))
        positions.append(
            Position(
                person=ids,
                institution=inst,
                title=title,
                kind="employment",
                department=dept,
                provenance=_prov(rid, item, file, retrieved),
            )
        )
    author = Author(
        id=rid,
        orcid=ids.orcid,
        names=names,
        ids=ids,
        affiliations=affiliations,
        provenance=_prov(rid, item, file, retrieved),
    )
    return [author, *positions]


def _record(kind: str, item: dict, insert: dict, file: str, retrieved: str) -> list[Any]:
    if kind in ("researchers", "profile"):
        return _profile(item, insert, file, retrieved)
    user_id = str(insert.get("user_id") or item.get("rm:user_id") or "")
    owner = _owner(user_id, _permalink(item))
    rid = _item_id(item, insert)
    prov = _prov(rid, item, file, retrieved)
    if kind in _POSITION_KINDS:
        inst_name = _lang(item.get("affiliation") or item.get("association"))
        return [
            Position(
                person=owner,
                institution=InstitutionRef(name=inst_name),
                title=_lang(item.get("job") or item.get("committee_name") or item.get("course")),
                start=str(item.get("from_date") or ""),
                end=_end(item.get("to_date")),
                kind=_POSITION_KINDS[kind],
                department=_lang(item.get("section") or item.get("department")),
                provenance=prov,
            )
        ]
    if kind == "published_papers":
        doi = short_doi((as_list((item.get("identifiers") or {}).get("doi")) or [""])[0])
        if not doi:
            for link in as_list(item.get("see_also")):
                at = str(link.get("@id") or "") if isinstance(link, dict) else ""
                if "doi.org/10." in at:
                    doi = short_doi(at)
                    break
        authors = item.get("authors") or {}
        lang = "en" if authors.get("en") else "ja"
        author_list = [a.get("name", "") for a in as_list(authors.get(lang)) if isinstance(a, dict)]
        last = len(author_list) - 1
        date = str(item.get("publication_date") or "")
        return [
            Work(
                id=f"researchmap:{rid}",
                doi=doi,
                title=_lang(item.get("paper_title"), ("en", "ja")),
                year=int(date[:4]) if date[:4].isdigit() else None,
                date=date,
                type=str(item.get("published_paper_type") or ""),
                venue=_lang(item.get("publication_name"), ("en", "ja")),
                authorships=[
                    Authorship(name=n, position="first" if i == 0 else ("last" if i == last else "middle"))
                    for i, n in enumerate(author_list)
                ],
                owner=owner,
                owner_roles=[str(r) for r in as_list(item.get("published_paper_owner_roles"))],
                provenance=prov,
            )
        ]
    if kind == "research_projects":
        inst = _lang(item.get("institution_name"))
        return [
            Grant(
                id=f"researchmap:{rid}",
                title=_lang(item.get("research_project_title")),
                funder=_lang(item.get("offer_organization")),
                programme=_lang(item.get("system_name")),
                start=str(item.get("from_date") or ""),
                end=_end(item.get("to_date")),
                role=str(item.get("research_project_owner_role") or ""),
                researcher_ids=[owner.researchmap_id] if owner.researchmap_id else [],
                institution=InstitutionRef(name=inst) if inst else None,
                owner=owner,
                provenance=prov,
            )
        ]
    return []  # awards, misc, presentations …: not used as evidence yet


def _items(obj: dict, where: str) -> Iterator[tuple[str, str, dict, dict]]:
    """(location, type, item, insert) for every item of one JSON object of any accepted shape."""
    if "insert" in obj and "merge" in obj:
        insert = obj.get("insert") or {}
        yield where, str(insert.get("type") or ""), obj.get("merge") or {}, insert
        return
    if "@graph" in obj:
        for gi, group in enumerate(as_list(obj["@graph"])):
            gtype = str(group.get("@type") or "")
            for ii, item in enumerate(as_list(group.get("items"))):
                yield f"{where} @graph[{gi}].items[{ii}]", str(item.get("@type") or gtype), item, {}
        return
    if "items" in obj and isinstance(obj["items"], list):
        for ii, item in enumerate(obj["items"]):
            yield f"{where} items[{ii}]", str(item.get("@type") or ""), item, {}
        return
    if "@type" in obj:
        yield where, str(obj["@type"]), obj, {}
        return
    matched = False
    for kind, value in obj.items():
        if kind == "profile" and isinstance(value, dict):
            matched = True
            yield f"{where} profile", "profile", value, {}
        elif (
            isinstance(value, list)
            and kind in ACHIEVEMENT_TYPES
            or (isinstance(value, list) and value and isinstance(value[0], dict) and "@type" in value[0])
        ):
            matched = True
            for ii, item in enumerate(value):
                if isinstance(item, dict):
                    yield f"{where} {kind}[{ii}]", str(item.get("@type") or kind), item, {}
        elif isinstance(value, list):
            matched = True  # other achievement lists (awards, misc …)
    if not matched:
        raise EvidenceFormatError(
            "", where, "not a researchmap export line, API response or achievement list"
        )


def read_researchmap(path: PathLike | IO[bytes], retrieved: str = "") -> Iterator[Any]:
    name = _name(path)
    for where, obj in iter_json(path, ()):
        if not isinstance(obj, dict):
            raise EvidenceFormatError(name, where, f"expected a JSON object, got {type(obj).__name__}")
        try:
            for loc, kind, item, insert in _items(obj, where):
                try:
                    yield from _record(kind, item, insert, f"{name}:{loc}", retrieved)
                except KeyError as exc:
                    raise EvidenceFormatError(name, loc, "missing field", field=str(exc.args[0])) from exc
                except (TypeError, AttributeError, ValueError) as exc:
                    raise EvidenceFormatError(
                        name, loc, f"unexpected structure ({type(exc).__name__}: {exc})"
                    ) from exc
        except EvidenceFormatError as exc:
            if not exc.file:
                raise EvidenceFormatError(name, exc.location, exc.reason, exc.field) from exc
            raise
