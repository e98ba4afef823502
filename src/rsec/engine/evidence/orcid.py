"""ORCID record 3.0 reader (XML and JSON).

XML is parsed with :mod:`defusedxml` (no DTDs, no entity expansion, no network) and turned into the
same nested shape as ORCID's JSON, so one extraction serves both. A file may hold a full record
(``record:record``), a person, an activities summary, a section (``activities:employments`` …) or a
single item (``work:work``, ``employment:employment`` …).

Yields an :class:`Author` for the record's person, a :class:`Position` per affiliation item
(employment, education, qualification, invited position, distinction, membership, service), a
:class:`Work` per work summary and a :class:`Grant` per funding summary. Items the researcher
entered themselves are graded C (self-published); items asserted by a member organisation's client
(``source-client-id``) are graded A (authoritative).
"""

from __future__ import annotations

import tarfile
from collections.abc import Iterator
from typing import IO, Any

import orjson
from defusedxml import ElementTree as SafeET

from rsec.engine.evidence._io import EvidenceFormatError, PathLike, _name, as_list, open_binary, text_of
from rsec.engine.evidence.model import (
    RELIABILITY_AUTHORITATIVE,
    RELIABILITY_SELF_PUBLISHED,
    Affiliation,
    Author,
    Grant,
    InstitutionRef,
    PersonIds,
    Position,
    Provenance,
    Work,
)

AFFILIATION_SECTIONS = {
    "employments": "employment",
    "educations": "education",
    "qualifications": "qualification",
    "invited-positions": "invited-position",
    "distinctions": "distinction",
    "memberships": "membership",
    "services": "service",
}
_ITEM_KINDS = set(AFFILIATION_SECTIONS.values())


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _element_to_obj(elem) -> Any:
    children = list(elem)
    if not children:
        if elem.attrib:
            obj = {_local(k): v for k, v in elem.attrib.items()}
            text = (elem.text or "").strip()
            if text:
                obj["value"] = text
            return obj
        return (elem.text or "").strip()
    obj: dict[str, Any] = {_local(k): v for k, v in elem.attrib.items()}
    for child in children:
        key = _local(child.tag)
        value = _element_to_obj(child)
        if key in obj:
            existing = obj[key]
            if isinstance(existing, list) and key in obj.get("__lists__", ()):
                existing.append(value)
            else:
                obj[key] = [existing, value]
                obj.setdefault("__lists__", set()).add(key)
        else:
            obj[key] = value
    obj.pop("__lists__", None)
    return obj


def _load(path: PathLike | IO[bytes]) -> tuple[str, dict]:
    name = _name(path)
    with open_binary(path) as fh:
        data = fh.read()
    return _parse(name, data)


def _parse(name: str, data: bytes) -> tuple[str, dict]:
    head = data.lstrip()[:1]
    if head == b"{":
        try:
            return "", orjson.loads(data)
        except orjson.JSONDecodeError as exc:
            raise EvidenceFormatError(
                name, f"line {exc.lineno} column {exc.colno}", f"invalid JSON ({exc.msg})"
            ) from exc
    if head == b"<":
        try:
            root = SafeET.fromstring(data)
        except SafeET.ParseError as exc:
            line, col = getattr(exc, "position", (0, 0))
            raise EvidenceFormatError(name, f"line {line} column {col}", f"invalid XML ({exc})") from exc
        except Exception as exc:  # defusedxml's DTD / entity refusals
            raise EvidenceFormatError(name, "document", f"refused XML ({type(exc).__name__}: {exc})") from exc
        return _local(root.tag), _element_to_obj(root)
    raise EvidenceFormatError(name, "line 1", "neither ORCID XML nor JSON")


def _date(d: Any) -> str:
    if not isinstance(d, dict):
        return ""
    parts = [text_of(d.get("year")), text_of(d.get("month")), text_of(d.get("day"))]
    out = []
    for i, p in enumerate(parts):
        if not p:
            break
        out.append(p.zfill(4 if i == 0 else 2))
    return "-".join(out)


def _orcid_of(obj: dict) -> str:
    ident = obj.get("orcid-identifier")
    if isinstance(ident, dict):
        return text_of(ident.get("path"))
    path = text_of(obj.get("path"))
    if path:
        return path.strip("/").split("/", 1)[0]
    return _source_orcid(obj)


def _source_orcid(obj: Any, depth: int = 0) -> str:
    """A single item or person file carries no path: fall back to the ORCID iD of its (self-)source."""
    if depth > 6:
        return ""
    if isinstance(obj, dict):
        so = obj.get("source-orcid")
        if isinstance(so, dict) and text_of(so.get("path")):
            return text_of(so.get("path"))
        for value in obj.values():
            if isinstance(value, dict | list):
                found = _source_orcid(value, depth + 1)
                if found:
                    return found
    elif isinstance(obj, list):
        for value in obj:
            found = _source_orcid(value, depth + 1)
            if found:
                return found
    return ""


def _grade(item: dict, orcid: str) -> str:
    source = item.get("source") or {}
    if isinstance(source, dict) and source.get("source-client-id"):
        return RELIABILITY_AUTHORITATIVE
    return RELIABILITY_SELF_PUBLISHED


def _org(item: dict) -> InstitutionRef:
    org = item.get("organization") or {}
    if not isinstance(org, dict):
        return InstitutionRef()
    address = org.get("address") or {}
    dis = org.get("disambiguated-organization") or {}
    source = text_of(dis.get("disambiguation-source")) if isinstance(dis, dict) else ""
    ident = text_of(dis.get("disambiguated-organization-identifier")) if isinstance(dis, dict) else ""
    ror = ident.rstrip("/").rsplit("/", 1)[-1] if source == "ROR" else ""
    return InstitutionRef(
        id=f"{source.lower()}:{ident}" if ident else "",
        name=text_of(org.get("name")),
        ror_id=ror,
        country=text_of(address.get("country")) if isinstance(address, dict) else "",
    )


def _external_ids(item: dict) -> list[tuple[str, str, str]]:
    ext = item.get("external-ids") or {}
    out = []
    for e in as_list(ext.get("external-id") if isinstance(ext, dict) else None):
        if isinstance(e, dict):
            out.append(
                (
                    text_of(e.get("external-id-type")),
                    text_of(e.get("external-id-value")),
                    text_of(e.get("external-id-relationship")),
                )
            )
    return out


def _summaries(section: Any, suffix: str) -> Iterator[dict]:
    """Items of a section: grouped (``affiliation-group`` / ``group``) or not, JSON or XML shape."""
    if not isinstance(section, dict):
        return
    groups = as_list(section.get("affiliation-group")) + as_list(section.get("group"))
    if not groups:
        groups = [section]
    for group in groups:
        if not isinstance(group, dict):
            continue
        for s in as_list(group.get("summaries")):
            if isinstance(s, dict):
                for key, value in s.items():
                    if key.endswith(suffix):
                        yield from (v for v in as_list(value) if isinstance(v, dict))
        for key, value in group.items():
            if key.endswith(suffix):
                yield from (v for v in as_list(value) if isinstance(v, dict))


def _prov(orcid: str, item: dict, name: str, kind: str) -> Provenance:
    put = text_of(item.get("put-code"))
    rid = f"{orcid}/{kind}/{put}" if put else orcid
    url = f"https://orcid.org/{orcid}" if orcid else ""
    return Provenance("orcid", rid, "", _grade(item, orcid), url, name)


def _position(orcid: str, kind: str, item: dict, name: str) -> Position:
    return Position(
        person=PersonIds(orcid=orcid),
        institution=_org(item),
        title=text_of(item.get("role-title")),
        start=_date(item.get("start-date")),
        end=_date(item.get("end-date")),
        kind=kind,
        department=text_of(item.get("department-name")),
        provenance=_prov(orcid, item, name, kind),
    )


def _work(orcid: str, item: dict, name: str) -> Work:
    title_block = item.get("title") or {}
    title = text_of(title_block.get("title")) if isinstance(title_block, dict) else text_of(title_block)
    doi = ""
    for typ, value, rel in _external_ids(item):
        value = value.lower().removeprefix("https://doi.org/").removeprefix("doi:")
        if typ == "doi" and value.startswith("10.") and (rel == "self" or not doi):
            doi = value
    date = _date(item.get("publication-date"))
    put = text_of(item.get("put-code"))
    return Work(
        id=f"orcid:{orcid}/work/{put}" if put else f"orcid:{orcid}/work/{doi}",
        doi=doi,
        title=title,
        year=int(date[:4]) if date[:4].isdigit() else None,
        date=date,
        type=text_of(item.get("type")),
        venue=text_of(item.get("journal-title")),
        owner=PersonIds(orcid=orcid),
        provenance=_prov(orcid, item, name, "work"),
    )


def _grant(orcid: str, item: dict, name: str) -> Grant:
    title_block = item.get("title") or {}
    title = text_of(title_block.get("title")) if isinstance(title_block, dict) else text_of(title_block)
    org = _org(item)
    awards = [v for t, v, _ in _external_ids(item) if t == "grant_number" and v]
    put = text_of(item.get("put-code"))
    return Grant(
        id=awards[0] if awards else f"orcid:{orcid}/funding/{put}",
        title=title,
        funder=org.name,
        funder_country=org.country,
        programme=text_of(item.get("type")),
        start=_date(item.get("start-date")),
        end=_date(item.get("end-date")),
        researcher_ids=[orcid] if orcid else [],
        owner=PersonIds(orcid=orcid),
        provenance=_prov(orcid, item, name, "funding"),
    )


def _author(orcid: str, person: dict, positions: list[Position], name: str) -> Author:
    names: list[tuple[str, str]] = []
    pname = person.get("name") or {}
    if isinstance(pname, dict):
        credit = text_of(pname.get("credit-name"))
        given = text_of(pname.get("given-names"))
        family = text_of(pname.get("family-name"))
        full = " ".join(x for x in (given, family) if x)
        for n in (full, credit):
            if n and n not in [x for x, _ in names]:
                names.append((n, ""))
    others = person.get("other-names") or {}
    for o in as_list(others.get("other-name") if isinstance(others, dict) else None):
        content = text_of(o.get("content")) if isinstance(o, dict) else ""
        if content and content not in [x for x, _ in names]:
            names.append((content, ""))
    ids = PersonIds(orcid=orcid)
    ext = person.get("external-identifiers") or {}
    for e in as_list(ext.get("external-identifier") if isinstance(ext, dict) else None):
        if isinstance(e, dict):
            typ = text_of(e.get("external-id-type"))
            value = text_of(e.get("external-id-value"))
            if typ and value:
                if "scopus" in typ.lower():
                    ids.scopus_id = value
                else:
                    ids.other[typ] = value
    affiliations = [
        Affiliation(
            institution=p.institution, start=p.start, end=p.end, department=p.department, title=p.title
        )
        for p in positions
        if p.kind == "employment"
    ]
    return Author(
        id=orcid,
        orcid=orcid,
        names=names,
        ids=ids,
        affiliations=affiliations,
        provenance=Provenance(
            "orcid", orcid, "", RELIABILITY_AUTHORITATIVE, f"https://orcid.org/{orcid}", name
        ),
    )


def read_orcid(path: PathLike | IO[bytes], retrieved: str = "") -> Iterator[Any]:
    """Records of one ORCID 3.0 file (XML or JSON), or of every ``.xml`` / ``.json`` member of a tar
    archive such as ORCID's annual public data file (streamed member by member, gzip transparent)."""
    name = _name(path)
    if not hasattr(path, "read") and _is_tar(path):
        with open_binary(path) as fh, tarfile.open(fileobj=fh, mode="r|") as tar:
            for member in tar:
                if not member.isfile() or not member.name.endswith((".xml", ".json")):
                    continue
                extracted = tar.extractfile(member)
                data = extracted.read() if extracted is not None else b""
                yield from _records(f"{name}:{member.name}", _parse(f"{name}:{member.name}", data), retrieved)
        return
    yield from _records(name, _load(path), retrieved)


def _is_tar(path: PathLike) -> bool:
    try:
        with open_binary(path) as fh:
            block = fh.peek(512)[:512] if hasattr(fh, "peek") else b""
    except EvidenceFormatError:
        return False
    return len(block) >= 262 and block[257:262] == b"ustar"


def _records(name: str, parsed: tuple[str, dict], retrieved: str) -> Iterator[Any]:
    root_name, obj = parsed
    if not isinstance(obj, dict):
        raise EvidenceFormatError(name, "document", "expected an ORCID object")
    orcid = _orcid_of(obj)
    records: list[Any] = []
    try:
        person = (
            obj.get("person") if root_name in ("record", "") else (obj if root_name == "person" else None)
        )
        if root_name == "" and person is None and "name" in obj and "activities-summary" not in obj:
            person = obj  # JSON person document
        if root_name in ("record", ""):
            activities = obj.get("activities-summary")
        elif root_name in ("activities-summary", "activities"):
            activities = obj
        elif root_name in AFFILIATION_SECTIONS or root_name in ("works", "fundings"):
            activities = {root_name: obj}
        else:
            activities = None
        positions: list[Position] = []
        if isinstance(activities, dict):
            for section, kind in AFFILIATION_SECTIONS.items():
                for item in _summaries(activities.get(section), "-summary"):
                    positions.append(_position(orcid, kind, item, name))
            for item in _summaries(activities.get("works"), "work-summary"):
                records.append(_work(orcid, item, name))
            for item in _summaries(activities.get("fundings"), "funding-summary"):
                records.append(_grant(orcid, item, name))
        elif root_name in _ITEM_KINDS:
            positions.append(_position(orcid, root_name, obj, name))
        elif root_name == "work":
            records.append(_work(orcid, obj, name))
        elif root_name == "funding":
            records.append(_grant(orcid, obj, name))
        elif person is None:
            raise EvidenceFormatError(
                name, f"element {root_name or 'document'}", "not an ORCID 3.0 record, section or item"
            )
    except (KeyError, TypeError, AttributeError) as exc:
        raise EvidenceFormatError(
            name, "document", f"unexpected structure ({type(exc).__name__}: {exc})"
        ) from exc
    if isinstance(person, dict):
        if not orcid:
            raise EvidenceFormatError(name, "orcid-identifier", "record without an ORCID iD", field="path")
        yield _author(orcid, person, positions, name)
    for p in positions:
        if retrieved and p.provenance:
            p.provenance.retrieved = retrieved
        yield p
    for r in records:
        if retrieved and r.provenance:
            r.provenance.retrieved = retrieved
        yield r
