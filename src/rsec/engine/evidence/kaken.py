"""KAKEN (科学研究費助成事業データベース, NII) readers.

- Researcher JSON (``{"researchers": […]}``, one researcher per element, or JSON lines of researchers):
  an :class:`Author` (names in kanji / kana / Latin, the researcher number 研究者番号 = e-Rad number),
  a :class:`Position` per current and past affiliation, a :class:`Grant` per project
  (``work:project``, with members, roles, institution, fiscal years) and a :class:`Work` per product.
- Grant XML (``grantAwardList/grantAward``, NII's public KAKEN XML definition): a :class:`Grant` per
  award, streamed element by element with ``defusedxml``'s ``iterparse`` (constant memory).

KAKEN is an authoritative registry (grade A).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from defusedxml import ElementTree as SafeET

from rsec.engine.evidence._io import EvidenceFormatError, PathLike, _name, as_list, iter_json, open_binary
from rsec.engine.evidence.model import (
    RELIABILITY_AUTHORITATIVE,
    Affiliation,
    Author,
    Grant,
    GrantMember,
    InstitutionRef,
    PersonIds,
    Position,
    Provenance,
    Work,
)

KAKEN_URL = "https://nrid.nii.ac.jp/ja/nrid/10000{}"  # researcher page by researcher number
PROJECT_URL = "https://kaken.nii.ac.jp/grant/{}/"
FUNDER = "JSPS/MEXT KAKENHI (科研費)"


def _texts(values: Any) -> list[tuple[str, str]]:
    out = []
    for v in as_list(values):
        if isinstance(v, dict):
            if "humanReadableValue" in v:
                out.extend(_texts(v["humanReadableValue"]))
            elif v.get("text"):
                out.append((str(v["text"]).strip(), v.get("lang") or ""))
    return out


def _pick(values: Any, lang: str = "ja") -> str:
    texts = _texts(values)
    for text, lg in texts:
        if lg == lang:
            return text
    return texts[0][0] if texts else ""


def _kdate(d: Any) -> str:
    if not isinstance(d, dict):
        return ""
    if "fiscal:year" in d:
        d = d["fiscal:year"]
        year = str(d.get("commonEra:year") or "")
        return year
    year = d.get("commonEra:year")
    if not year:
        return ""
    out = str(year).zfill(4)
    if d.get("month"):
        out += f"-{int(d['month']):02d}"
        if d.get("day"):
            out += f"-{int(d['day']):02d}"
    return out


def _role(values: Any) -> str:
    for r in as_list(values):
        if isinstance(r, dict) and r.get("code:roleInProject:kakenhi"):
            return r["code:roleInProject:kakenhi"]
    return ""


def _researcher_records(d: dict, retrieved: str, file: str) -> list[Any]:
    erad = (as_list(d.get("id:person:erad")) or [""])[0]
    accn = str(d.get("accn") or "")
    kakenhi_person = accn.split("**", 1)[1] if "**" in accn else ""
    if not erad and not kakenhi_person:
        raise KeyError("id:person:erad")
    rid = erad or f"kakenhi:{kakenhi_person}"
    ids = PersonIds(kaken_id=erad, erad_id=erad)
    if kakenhi_person:
        ids.other["kakenhi_person"] = kakenhi_person
    names: list[tuple[str, str]] = []
    for block in [d.get("name")] + as_list(d.get("names")):
        if isinstance(block, dict):
            for text, lang in _texts(block.get("humanReadableValue")):
                if (text, lang) not in names:
                    names.append((text, lang))
            family = _texts(block.get("name:familyName"))
            given = _texts(block.get("name:givenName"))
            for lang in ("ja-Kana",):
                f = next((t for t, lg in family if lg == lang), "")
                g = next((t for t, lg in given if lg == lang), "")
                if f and g and (f"{f} {g}", lang) not in names:
                    names.append((f"{f} {g}", lang))
    url = KAKEN_URL.format(erad) if erad else ""
    prov = Provenance("kaken", rid, retrieved, RELIABILITY_AUTHORITATIVE, url, file)
    positions, affiliations = [], []
    for key, current in (("affiliations:current", True), ("affiliations:history", False)):
        for a in as_list(d.get(key)):
            inst_block = a.get("affiliation:institution") or {}
            inst = InstitutionRef(
                id=f"erad:{inst_block['id:institution:erad']}"
                if inst_block.get("id:institution:erad")
                else "",
                name=_pick(inst_block),
                country="JP",
            )
            dept = _pick(a.get("affiliation:department"))
            title = _pick(a.get("affiliation:jobTitle"))
            start = _kdate(a.get("since"))
            end = "" if current else _kdate(a.get("until"))
            positions.append(
                Position(
                    person=ids,
                    institution=inst,
                    title=title,
                    start=start,
                    end=end,
                    kind="employment",
                    department=dept,
                    provenance=Provenance("kaken", rid, retrieved, RELIABILITY_AUTHORITATIVE, url, file),
                )
            )
            affiliations.append(
                Affiliation(institution=inst, start=start, end=end, department=dept, title=title)
            )
    author = Author(id=rid, names=names, ids=ids, affiliations=affiliations, provenance=prov)
    grants = []
    for p in as_list(d.get("work:project")):
        pid = (as_list((p.get("recordSource") or {}).get("id:project:kakenhi")) or [""])[0]
        members = []
        for m in as_list(p.get("member")):
            merad = str(m.get("id:person:erad") or "")
            members.append(
                GrantMember(
                    name=_pick(m.get("person:name")),
                    role=_role(m.get("role")),
                    ids=PersonIds(kaken_id=merad, erad_id=merad),
                    institution=InstitutionRef(name=_pick(m.get("institution:name")), country="JP"),
                )
            )
        inst_name = _pick(p.get("institution"))
        award = pid.rsplit("-", 1)[-1] if pid else ""
        grants.append(
            Grant(
                id=pid,
                title=_pick(p.get("title")),
                funder=FUNDER,
                funder_country="JP",
                programme=_pick(p.get("category")),
                start=_kdate(p.get("since")),
                end=_kdate(p.get("until")),
                role=_role(p.get("role")),
                researcher_ids=[m.ids.erad_id for m in members if m.ids.erad_id],
                members=members,
                institution=InstitutionRef(name=inst_name, country="JP") if inst_name else None,
                owner=ids,
                provenance=Provenance(
                    "kaken",
                    pid,
                    retrieved,
                    RELIABILITY_AUTHORITATIVE,
                    PROJECT_URL.format(award) if award else "",
                    file,
                ),
            )
        )
    works = []
    for w in as_list(d.get("work:product")):
        wid = (as_list((w.get("recordSource") or {}).get("id:product:kakenhi")) or [""])[0]
        title_block = w.get("title:main") or {}
        date = w.get("date:publicationDate") or {}
        year = date.get("commonEra:year") if isinstance(date, dict) else None
        works.append(
            Work(
                id=f"kaken-product:{wid}",
                title=str(title_block.get("text") or "") if isinstance(title_block, dict) else "",
                year=int(year) if year else None,
                date=_kdate(date),
                type=str(w.get("resourceType") or ""),
                owner=ids,
                provenance=Provenance("kaken", wid, retrieved, RELIABILITY_AUTHORITATIVE, "", file),
            )
        )
    return [author, *positions, *grants, *works]


def read_kaken_researchers(path: PathLike | IO[bytes], retrieved: str = "") -> Iterator[Any]:
    name = _name(path)
    for where, obj in iter_json(path, ("researchers",)):
        if not isinstance(obj, dict):
            raise EvidenceFormatError(
                name, where, f"expected a KAKEN researcher object, got {type(obj).__name__}"
            )
        try:
            records = _researcher_records(obj, retrieved, f"{name}:{where}")
        except KeyError as exc:
            raise EvidenceFormatError(name, where, "missing field", field=str(exc.args[0])) from exc
        except (TypeError, AttributeError, ValueError) as exc:
            raise EvidenceFormatError(
                name, where, f"unexpected structure ({type(exc).__name__}: {exc})"
            ) from exc
        yield from records


# --- grant XML -------------------------------------------------------------------------------------


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child(elem, name: str):
    for c in elem:
        if _local(c.tag) == name:
            return c
    return None


def _children(elem, name: str) -> list:
    return [c for c in elem if _local(c.tag) == name]


def _text(elem) -> str:
    return "".join(elem.itertext()).strip() if elem is not None else ""


_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _grant_from_xml(award, retrieved: str, file: str) -> Grant:
    award_number = award.get("awardNumber") or ""
    number = award.get("id") or (f"KAKENHI-PROJECT-{award_number}" if award_number else "")
    if not number:
        raise KeyError("id")
    summaries = _children(award, "summary")
    if not summaries:
        raise KeyError("summary")
    summary = next((s for s in summaries if s.get(_XML_LANG) == "ja"), summaries[0])
    en = next((s for s in summaries if s.get(_XML_LANG) == "en"), None)
    title = _text(_child(summary, "title")) or (_text(_child(en, "title")) if en is not None else "")
    categories = _children(summary, "category")
    inst_el = _child(summary, "institution")
    institution = None
    if inst_el is not None:
        code = inst_el.get("niiCode") or ""
        institution = InstitutionRef(id=f"nii:{code}" if code else "", name=_text(inst_el), country="JP")
    members = []
    for m in _children(summary, "member"):
        number_ = m.get("researcherNumber") or ""
        pname = _child(m, "personalName")
        full = _text(_child(pname, "fullName")) if pname is not None else ""
        aff = _child(m, "affiliation")
        inst = _child(aff, "institution") if aff is not None else _child(m, "institution")
        members.append(
            GrantMember(
                name=full,
                role=m.get("role") or "",
                ids=PersonIds(kaken_id=number_, erad_id=number_),
                institution=InstitutionRef(
                    id=f"nii:{inst.get('niiCode')}" if inst is not None and inst.get("niiCode") else "",
                    name=_text(inst),
                    country="JP",
                )
                if inst is not None
                else None,
            )
        )
    period = _child(summary, "periodOfAward")
    start = end = ""
    if period is not None:
        start = _text(_child(period, "startDate")) or _text(_child(period, "startFiscalYear"))
        end = _text(_child(period, "endDate")) or _text(_child(period, "endFiscalYear"))
    amount = None
    overall = _child(summary, "overallAwardAmount")
    if overall is not None:
        total = _child(overall, "totalCost")
        if total is not None and _text(total).isdigit():
            amount = int(_text(total))
    agency = _text(_child(summary, "agency")) or FUNDER
    return Grant(
        id=number,
        title=title,
        funder=agency,
        funder_country="JP",
        programme=_text(categories[-1]) if categories else "",
        start=start,
        end=end,
        researcher_ids=[m.ids.erad_id for m in members if m.ids.erad_id],
        members=members,
        institution=institution,
        amount=amount,
        currency="JPY" if amount is not None else "",
        provenance=Provenance(
            "kaken",
            number,
            retrieved,
            RELIABILITY_AUTHORITATIVE,
            PROJECT_URL.format(award_number) if award_number else "",
            file,
        ),
    )


def read_kaken_grants(path: PathLike | IO[bytes], retrieved: str = "") -> Iterator[Grant]:
    """Stream ``grantAward`` elements of a KAKEN XML file (one in memory at a time)."""
    name = _name(path)
    count = 0
    with open_binary(path) as fh:
        context = SafeET.iterparse(fh, events=("start", "end"))
        root = None
        try:
            for event, elem in context:
                if root is None:
                    root = elem
                    if _local(elem.tag) not in ("grantAwardList", "grantAward"):
                        raise EvidenceFormatError(
                            name, f"element {_local(elem.tag)}", "not a KAKEN grantAwardList"
                        )
                if event == "end" and _local(elem.tag) == "grantAward":
                    count += 1
                    try:
                        yield _grant_from_xml(elem, retrieved, f"{name}:grantAward[{count}]")
                    except KeyError as exc:
                        raise EvidenceFormatError(
                            name,
                            f"grantAward[{count}]",
                            "missing element or attribute",
                            field=str(exc.args[0]),
                        ) from exc
                    if root is not elem:
                        root.clear()  # drop the processed award: memory stays flat
        except SafeET.ParseError as exc:
            line, col = getattr(exc, "position", (0, 0))
            raise EvidenceFormatError(name, f"line {line} column {col}", f"invalid XML ({exc})") from exc


def read_kaken(path: PathLike | IO[bytes], retrieved: str = "") -> Iterator[Any]:
    """KAKEN researcher JSON or grant XML, told apart by the first byte."""
    with open_binary(path) as fh:
        head = fh.peek(64)[:64].lstrip() if hasattr(fh, "peek") else b""
    if head.startswith(b"<"):
        yield from read_kaken_grants(path, retrieved)
    else:
        yield from read_kaken_researchers(path, retrieved)
