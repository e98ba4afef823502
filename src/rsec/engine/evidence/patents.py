"""Patent readers: Lens CSV exports and EPO OPS v3.2 bibliographic XML.

Lens exports (both the current column set and the older one with ``Owners (US)``) give applicants,
inventors and owners as ``;;``-separated names, no countries. EPO OPS ``exchange-document`` elements
give applicants and inventors in ``epodoc`` form with the country in brackets (``NAME [FI]``) and in
``original`` form; we keep the epodoc form (with its country) and fall back to the original one.
Both are streamed: one CSV row / one ``exchange-document`` in memory at a time.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from typing import IO

from defusedxml import ElementTree as SafeET

from rsec.engine.evidence._io import EvidenceFormatError, PathLike, _name, open_binary
from rsec.engine.evidence.model import (
    RELIABILITY_AUTHORITATIVE,
    RELIABILITY_CURATED,
    Patent,
    PatentParty,
    Provenance,
)

# --- Lens ------------------------------------------------------------------------------------------

LENS_REQUIRED = ("Lens ID", "Jurisdiction", "Title")
_OWNER_DATE = re.compile(r"\s*\((\d{4}-\d{2}-\d{2})\)\s*$")


def _split(value: str) -> list[str]:
    return [v.strip() for v in (value or "").split(";;") if v.strip()]


def _parties(value: str, role: str) -> list[PatentParty]:
    out = []
    for i, v in enumerate(_split(value), 1):
        out.append(PatentParty(name=_OWNER_DATE.sub("", v), role=role, sequence=i))
    return out


def read_lens(path: PathLike | IO[bytes], retrieved: str = "") -> Iterator[Patent]:
    name = _name(path)
    with open_binary(path) as fh:
        text = io.TextIOWrapper(fh, encoding="utf-8-sig", newline="")
        reader = csv.DictReader(text)
        header = reader.fieldnames or []
        missing = [c for c in LENS_REQUIRED if c not in header]
        if missing:
            raise EvidenceFormatError(
                name, "line 1 (header)", f"not a Lens export: missing column(s) {missing}", missing[0]
            )
        try:
            for row in reader:
                line = reader.line_num
                lens_id = (row.get("Lens ID") or "").strip()
                if not lens_id:
                    raise EvidenceFormatError(name, f"line {line}", "empty Lens ID", "Lens ID")
                if None in row:  # more cells than header columns
                    raise EvidenceFormatError(name, f"line {line}", "more cells than header columns")
                number = (row.get("Display Key") or row.get("Publication Number") or "").replace(" ", "")
                family_members = _split(row.get("Simple Family Members") or "")
                owners = row.get("Owners") if "Owners" in row else row.get("Owners (US)")
                yield Patent(
                    id=number or lens_id,
                    family=f"lens:{min(family_members)}" if family_members else "",
                    title=row.get("Title") or "",
                    jurisdiction=row.get("Jurisdiction") or "",
                    kind=row.get("Kind") or "",
                    applicants=_parties(row.get("Applicants") or "", "applicant"),
                    inventors=_parties(row.get("Inventors") or "", "inventor"),
                    owners=_parties(owners or "", "owner"),
                    priority_date=row.get("Earliest Priority Date") or "",
                    priority_claims=_split(row.get("Priority Numbers") or ""),
                    filing_date=row.get("Application Date") or "",
                    application_number=row.get("Application Number") or "",
                    publication_date=row.get("Publication Date") or "",
                    classifications=_split(row.get("CPC Classifications") or "")
                    or _split(row.get("IPCR Classifications") or ""),
                    provenance=Provenance(
                        "lens",
                        lens_id,
                        retrieved,
                        RELIABILITY_CURATED,
                        row.get("URL") or f"https://lens.org/{lens_id}",
                        f"{name}:line {line}",
                    ),
                )
        except csv.Error as exc:
            raise EvidenceFormatError(name, f"line {reader.line_num}", f"invalid CSV ({exc})") from exc
        except UnicodeDecodeError as exc:
            raise EvidenceFormatError(name, f"line {reader.line_num}", "not UTF-8 text") from exc


# --- EPO OPS ---------------------------------------------------------------------------------------

EXCHANGE_NS = "{http://www.epo.org/exchange}"
OPS_NS = "{http://ops.epo.org}"
_BRACKET_COUNTRY = re.compile(r"\s*\[([A-Z]{2})\]\s*$")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _find(elem, *path: str):
    for name in path:
        if elem is None:
            return None
        elem = next((c for c in elem if _local(c.tag) == name), None)
    return elem


def _findall(elem, name: str) -> list:
    return [c for c in elem if _local(c.tag) == name] if elem is not None else []


def _text(elem) -> str:
    return " ".join("".join(elem.itertext()).split()) if elem is not None else ""


def _iso(date: str) -> str:
    date = date.strip()
    if len(date) == 8 and date.isdigit():
        return f"{date[:4]}-{date[4:6]}-{date[6:]}"
    return date


def _doc_id(ref, kind: str = "docdb") -> dict[str, str]:
    for d in _findall(ref, "document-id"):
        if d.get("document-id-type") == kind:
            return {_local(c.tag): _text(c) for c in d}
    return {}


def _epo_parties(container, item: str, role: str) -> list[PatentParty]:
    elems = _findall(container, item)
    epodoc = [e for e in elems if e.get("data-format") == "epodoc"]
    chosen = epodoc or [e for e in elems if e.get("data-format") in ("original", None)] or elems
    out = []
    for e in chosen:
        raw = _text(_find(e, f"{item}-name", "name"))
        raw = raw.rstrip(", ").strip()
        m = _BRACKET_COUNTRY.search(raw)
        country = m.group(1) if m else _text(_find(e, "residence", "country"))
        if m:
            raw = raw[: m.start()].strip()
        seq = e.get("sequence")
        out.append(
            PatentParty(
                name=raw, country=country, role=role, sequence=int(seq) if seq and seq.isdigit() else None
            )
        )
    return out


def _ipc(text: str) -> str:
    """``"H04W  84/    20   A I"`` -> ``"H04W 84/20"``."""
    tokens = text.split()
    if len(tokens) >= 3 and tokens[1].endswith("/"):
        return f"{tokens[0]} {tokens[1]}{tokens[2]}"
    return " ".join(tokens[:2])


def _patent_from_exchange(doc, family_id: str, retrieved: str, file: str) -> Patent:
    country = doc.get("country") or ""
    number = doc.get("doc-number") or ""
    kind = doc.get("kind") or ""
    if not (country and number):
        raise KeyError("country/doc-number")
    biblio = _find(doc, "bibliographic-data")
    pub = _doc_id(_find(biblio, "publication-reference"))
    app_ref = _find(biblio, "application-reference")
    app = _doc_id(app_ref, "epodoc") or _doc_id(app_ref)
    priorities, priority_dates = [], []
    for claim in _findall(_find(biblio, "priority-claims"), "priority-claim"):
        pd = _doc_id(claim, "epodoc") or _doc_id(claim, "original")
        if pd.get("doc-number"):
            priorities.append(pd["doc-number"])
        if pd.get("date"):
            priority_dates.append(_iso(pd["date"]))
    parties = _find(biblio, "parties")
    titles = _findall(biblio, "invention-title")
    title = next((_text(t) for t in titles if t.get("lang") == "en"), _text(titles[0]) if titles else "")
    classes = [_ipc(_text(c)) for c in _findall(_find(biblio, "classifications-ipcr"), "classification-ipcr")]
    pid = f"{country}{number}{kind}"
    return Patent(
        id=pid,
        family=doc.get("family-id") or family_id,
        title=title,
        jurisdiction=country,
        kind=kind,
        applicants=_epo_parties(_find(parties, "applicants"), "applicant", "applicant"),
        inventors=_epo_parties(_find(parties, "inventors"), "inventor", "inventor"),
        priority_date=min(priority_dates) if priority_dates else "",
        priority_claims=priorities,
        filing_date=_iso(app.get("date", "")),
        application_number=app.get("doc-number", ""),
        publication_date=_iso(pub.get("date", "")),
        classifications=[c for c in classes if c],
        provenance=Provenance(
            "epo-ops",
            pid,
            retrieved,
            RELIABILITY_AUTHORITATIVE,
            f"https://worldwide.espacenet.com/patent/search?q=pn%3D{pid}",
            file,
        ),
    )


def _patent_from_member(member, retrieved: str, file: str) -> Patent | None:
    pub = _doc_id(_find(member, "publication-reference"))
    if not pub.get("country") or not pub.get("doc-number"):
        return None
    pid = f"{pub['country']}{pub['doc-number']}{pub.get('kind', '')}"
    app = _doc_id(_find(member, "application-reference"))
    return Patent(
        id=pid,
        family=member.get("family-id") or "",
        jurisdiction=pub["country"],
        kind=pub.get("kind", ""),
        filing_date=_iso(app.get("date", "")),
        application_number=app.get("doc-number", ""),
        publication_date=_iso(pub.get("date", "")),
        provenance=Provenance("epo-ops", pid, retrieved, RELIABILITY_AUTHORITATIVE, "", file),
    )


def read_epo_ops(path: PathLike | IO[bytes], retrieved: str = "") -> Iterator[Patent]:
    """Stream patents from an OPS response: ``exchange-document`` elements (biblio, family with biblio),
    or ``family-member`` publication references when a family response carries no biblio."""
    name = _name(path)
    count = 0
    with open_binary(path) as fh:
        root = None
        stack: list = []
        try:
            for event, elem in SafeET.iterparse(fh, events=("start", "end")):
                tag = _local(elem.tag)
                if event == "start":
                    if root is None:
                        root = elem
                        if tag == "fault":
                            pass  # reported at its end, with its message
                        elif tag != "world-patent-data":
                            raise EvidenceFormatError(
                                name, f"element {tag}", "not an EPO OPS world-patent-data response"
                            )
                    stack.append(elem)
                    continue
                stack.pop()
                if tag == "fault" and elem is root:
                    msg = _text(_find(elem, "message")) or "fault"
                    raise EvidenceFormatError(
                        name, "fault", f"EPO OPS error response {_text(_find(elem, 'code'))}: {msg}"
                    )
                if tag == "exchange-document":
                    count += 1
                    family_id = ""
                    if stack and _local(stack[-1].tag) == "exchange-documents" and len(stack) >= 2:
                        family_id = stack[-2].get("family-id") or ""
                    try:
                        yield _patent_from_exchange(
                            elem, family_id, retrieved, f"{name}:exchange-document[{count}]"
                        )
                    except KeyError as exc:
                        raise EvidenceFormatError(
                            name, f"exchange-document[{count}]", "missing attribute", field=str(exc.args[0])
                        ) from exc
                    elem.clear()
                elif tag == "family-member":
                    if _find(elem, "exchange-document") is None and not any(
                        _local(c.tag) == "exchange-documents" for c in elem
                    ):
                        count += 1
                        p = _patent_from_member(elem, retrieved, f"{name}:family-member[{count}]")
                        if p is not None:
                            yield p
                    elem.clear()
        except SafeET.ParseError as exc:
            line, col = getattr(exc, "position", (0, 0))
            raise EvidenceFormatError(name, f"line {line} column {col}", f"invalid XML ({exc})") from exc
