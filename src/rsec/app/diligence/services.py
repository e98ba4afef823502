"""Writes of due diligence. Each service checks permission, validates, writes and appends to the audit
trail in one transaction, so a refused or invalid change leaves nothing behind.

The engine does the work (:mod:`rsec.engine.evidence` reads the files, :func:`rsec.engine.indicators.
run_diligence` compares the declaration with the evidence and the watch lists); this module stores what
goes in and what comes out, with provenance, and links every finding to the records it rests on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from rsec.app.accounts.models import User
from rsec.app.audit import services as audit
from rsec.app.cases import models as cm
from rsec.app.cases.services import snapshot

from . import models as m
from . import policy
from .export import person_json
from .records import from_payload, kind_of, label, to_payload

AUTO_SOURCE = "auto"
SOURCES = {code for code, _label in m.SOURCE_CHOICES}


class EvidenceImportError(ValidationError):
    """An evidence file the engine cannot read: names the file, the line / element and the field."""

    def __init__(self, file: str, location: str, message: str, field: str = ""):
        self.file, self.location, self.field, self.reason = file, location, field, message
        where = file + (f": {location}" if location else "") + (f": field {field!r}" if field else "")
        super().__init__({"file": [f"{where}: {message}"]})


def _deny() -> None:
    raise PermissionDenied(_("この操作を行う権限がありません"))


def _owner_org(case: cm.Case, person: cm.Person | None) -> int:
    """The institution an audit entry about this person's due diligence belongs to."""
    if person is not None:
        member = case.member_set.filter(person=person).only("owner_id").first()
        if member is not None:
            return member.owner_id
    return case.institution_id


# ---------------------------------------------------------------- evidence import


def _read_upload(source: str, upload: UploadedFile, retrieved: str) -> tuple[str, list[Any], str]:
    """Read an uploaded evidence file with the engine: (source, records, sha256). Raises EvidenceImportError."""
    from rsec.engine.evidence._io import EvidenceFormatError
    from rsec.engine.evidence.readers import read_evidence
    from rsec.engine.indicators.sources import EvidenceDirError, detect_source

    name = os.path.basename(upload.name or "") or "upload"
    digest = hashlib.sha256()
    with tempfile.TemporaryDirectory(prefix="rsec-evidence-") as tmp:
        path = Path(tmp) / name
        with open(path, "wb") as fh:
            for chunk in upload.chunks():
                digest.update(chunk)
                fh.write(chunk)
        prefix = str(path.parent) + os.sep
        try:
            if source == AUTO_SOURCE:
                source = detect_source(path)
            records = list(read_evidence(source, path, retrieved=retrieved))
        except EvidenceFormatError as exc:
            raise EvidenceImportError(name, exc.location, exc.reason, exc.field) from None
        except EvidenceDirError as exc:
            raise EvidenceImportError(name, "", str(exc).removeprefix(str(path) + ": ")) from None
        except (ValueError, UnicodeDecodeError) as exc:
            raise EvidenceImportError(name, "", str(exc).replace(prefix, "")) from None
    for rec in records:
        prov = getattr(rec, "provenance", None)
        if prov is not None and prov.file:
            prov.file = prov.file.replace(prefix, "")
    return source, records, digest.hexdigest()


@transaction.atomic
def import_evidence(
    user: User,
    case: cm.Case,
    person: cm.Person | None,
    source: str,
    uploaded_file: UploadedFile,
    *,
    retrieved_on: dt.date | None = None,
) -> m.EvidenceImport:
    """Store an evidence file's records for ``case`` (and ``person``) with their provenance.

    ``source`` is one of :data:`models.SOURCE_CHOICES` or ``"auto"`` (told by the file's name or content).
    ``retrieved_on`` is the download / snapshot date recorded in every record's provenance (default today).
    """
    if not policy.can_act(user, case, person):
        _deny()
    if source != AUTO_SOURCE and source not in SOURCES:
        raise ValidationError({"source": _("情報源を選択してください")})
    if uploaded_file.size > settings.RSEC_MAX_UPLOAD_BYTES:
        raise ValidationError(
            {"file": _("ファイルが大きすぎます（上限 %(n)d バイト）") % {"n": settings.RSEC_MAX_UPLOAD_BYTES}}
        )
    retrieved_on = retrieved_on or timezone.localdate()
    source, records, sha = _read_upload(source, uploaded_file, retrieved_on.isoformat())
    name = os.path.basename(uploaded_file.name or "")[:255] or "upload"
    if not records:
        raise EvidenceImportError(name, "", _("レコードがありません"))
    imp = m.EvidenceImport(
        case=case,
        person=person,
        source=source,
        original_name=name,
        sha256=sha,
        record_count=len(records),
        retrieved_on=retrieved_on,
        imported_by=user,
    )
    imp.full_clean()
    imp.save()
    rows = []
    for rec in records:
        prov = rec.provenance
        rows.append(
            m.EvidenceRecord(
                evidence_import=imp,
                source=prov.source if prov else source,
                kind=kind_of(rec),
                record_id=(prov.record_id if prov else getattr(rec, "id", ""))[:300],
                label=label(rec)[:500],
                payload=to_payload(rec),
                reliability=prov.reliability if prov else "D",
                retrieved=prov.retrieved if prov else retrieved_on.isoformat(),
                url=(prov.url if prov else "")[:500],
                location=(prov.file if prov else "")[:300],
            )
        )
    m.EvidenceRecord.objects.bulk_create(rows, batch_size=500)
    audit.record(
        actor=user,
        action="evidence_import",
        obj=imp,
        organization_id=_owner_org(case, person),
        case_id=case.id,
        after=snapshot(imp),
    )
    return imp


# ---------------------------------------------------------------- watch lists, ROR, indicators


@lru_cache(maxsize=8)
def _file_lists(specs: tuple[str, ...], stamp: tuple) -> list:
    from rsec.engine.lists.readers import parse_list_spec, read_list

    entities: list = []
    for spec in specs:
        path, fmt = parse_list_spec(spec)
        entities.extend(read_list(path, fmt))
    return entities


def _stored_lists() -> list | None:
    """Entities of the latest stored snapshot of every list, from the screening app (``ListSnapshot`` with
    its ``entities`` as FtM JSON). None when that app or its tables are absent, or no list is stored."""
    from django.apps import apps
    from django.db import connection

    from rsec.engine.lists.ftm import entity_from_json

    try:
        Snapshot = apps.get_model("screening", "ListSnapshot")
        Entity = apps.get_model("screening", "ListEntityRecord")
    except LookupError:
        return None
    tables = set(connection.introspection.table_names())
    if Snapshot._meta.db_table not in tables or Entity._meta.db_table not in tables:
        return None
    latest: dict[str, int] = {}
    for pk, code in Snapshot.objects.order_by("pk").values_list("pk", "list_code"):
        latest[code] = pk
    if not latest:
        return None
    entities = []
    rows = Entity.objects.filter(snapshot_id__in=latest.values()).order_by("pk")
    for data in rows.values_list("data", flat=True).iterator():
        ent = entity_from_json(data) if isinstance(data, dict) else None
        if ent is not None:
            entities.append(ent)
    return entities


def list_entities() -> tuple[list, str]:
    """Watch-list entities for due diligence and where they came from: the screening app's latest stored
    snapshots, else the files named in ``settings.RSEC_LISTS`` (``FILE[:FORMAT]``), else none."""
    stored = _stored_lists()
    if stored:
        return stored, "stored"
    specs = tuple(getattr(settings, "RSEC_LISTS", None) or ())
    if not specs:
        return [], "none"
    stamp = tuple(
        os.stat(p).st_mtime_ns if os.path.exists(p) else 0 for p in (s.split(":")[0] for s in specs)
    )
    return _file_lists(specs, stamp), "settings"


@lru_cache(maxsize=2)
def _ror(path: str):
    from rsec.engine.evidence.ror import RorRegistry

    return RorRegistry.load(path)


@lru_cache(maxsize=2)
def _matcher(path: str):
    from rsec.engine.evidence.affiliations import AffiliationMatcher

    return AffiliationMatcher(_ror(path))


def resolver(ror_path: str | None):
    """Institution name → (ROR id, names in every script, country) through the ROR affiliation matcher;
    None when no ROR registry is configured."""
    if not ror_path:
        return None
    registry = _ror(str(ror_path))

    def resolve(name: str):
        matches = _matcher(str(ror_path)).match(name)
        if not matches:
            return None
        best = max(matches, key=lambda x: x.score)
        org = registry.get(best.ror_id)
        if org is None:
            return None
        names = [n.value for n in org.names if "acronym" not in n.types]
        return best.ror_id, names, org.country_code

    return resolve


def _library():
    from rsec.engine.indicators import load_library

    return load_library(getattr(settings, "RSEC_INDICATORS", None))


# ---------------------------------------------------------------- running due diligence


def _evidence_for(
    case: cm.Case, person: cm.Person
) -> tuple[list[Any], dict[tuple[str, str], m.EvidenceRecord]]:
    """The case's stored evidence for ``person`` (their imports and case-wide ones), newest import winning
    when the same record was imported twice; and the rows by (source, record id)."""
    rows = m.EvidenceRecord.objects.filter(
        Q(evidence_import__person=person) | Q(evidence_import__person=None), evidence_import__case=case
    ).order_by("evidence_import_id", "id")
    by_key: dict[tuple[str, str, str], m.EvidenceRecord] = {}
    for row in rows:
        by_key[(row.source, row.kind, row.record_id)] = row
    records = [from_payload(r.kind, r.payload) for r in by_key.values()]
    refs = {(r.source, r.record_id): r for r in by_key.values()}
    return records, refs


def _fingerprint(f) -> str:
    provs = sorted({f"{p.source}:{p.record_id}" for e in f.evidence for p in e.provenance})
    decl = f.declaration.ref if f.declaration is not None else ""
    text = "\x1f".join([f.indicator, f.status, decl, f.summary.get("en", ""), *provs])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _declaration_id(ref: str) -> int | None:
    return int(ref[5:]) if ref.startswith("decl-") and ref[5:].isdigit() else None


def _inputs_stamp(case: cm.Case, person: cm.Person) -> str:
    """What a due-diligence run reads from the database, as a hash: the person's declaration (PERSON.json
    without affiliation resolution) and the evidence rows of the case for the person."""
    from rsec.engine.indicators import DeclarationError

    try:
        data = person_json(person, case)
    except DeclarationError as exc:
        data = {"invalid": f"{exc.where}: {exc.message}"}
    data.pop("declared_at", None)
    rows = list(
        m.EvidenceRecord.objects.filter(
            Q(evidence_import__person=person) | Q(evidence_import__person=None), evidence_import__case=case
        )
        .order_by("id")
        .values_list("id", flat=True)
    )
    text = json.dumps([data, rows], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def run_diligence(
    user: User, case: cm.Case, person: cm.Person, *, only: list[str] | None = None
) -> list[m.Finding]:
    """Compare ``person``'s declarations with the case's stored evidence and the watch lists (P-3 ① (1)).

    Replaces the person's previous OPEN findings in the case; reviewed findings stay, and a finding the
    officer already reviewed (same indicator, declaration item and evidence) is not raised again.
    Returns the new findings.

    The engine runs outside any transaction (on SQLite a write transaction would hold the database's
    one write lock for the whole run); the findings are then written in one transaction that locks the
    case and first checks that the declaration and evidence read are still what they are. If they
    changed meanwhile, nothing is written and the officer is asked to run again.
    """
    from rsec.engine.indicators import Declaration, DeclarationError
    from rsec.engine.indicators import run_diligence as engine_run

    case = cm.Case.objects.get(pk=case.pk)
    if not policy.can_act(user, case, person):
        _deny()
    ror_path = getattr(settings, "RSEC_ROR", None)
    ror = _ror(str(ror_path)) if ror_path else None
    stamp = _inputs_stamp(case, person)
    try:
        data = person_json(person, case, resolve=resolver(ror_path))
        declaration = Declaration.from_dict(data, f"person {person.pk}")
    except DeclarationError as exc:
        raise ValidationError({"declaration": [f"{exc.where}: {exc.message}"]}) from None
    library = _library()
    if only:
        unknown = sorted(set(only) - {i.id for i in library.indicators})
        if unknown:
            raise ValidationError({"only": _("不明な指標: %(ids)s") % {"ids": ", ".join(unknown)}})
    records, refs = _evidence_for(case, person)
    entities, lists_from = list_entities()
    result = engine_run(
        declaration,
        records,
        entities,
        ror=ror,
        library=library,
        only=only,
        affiliation_matcher=_matcher(str(ror_path)) if ror is not None else None,
    )
    return _store_findings(user, case, person, result, refs, stamp, only, len(records), entities, lists_from)


@transaction.atomic
def _store_findings(user, case, person, result, refs, stamp, only, n_records, entities, lists_from):
    """The write half of :func:`run_diligence`: one transaction, the case locked, inputs re-checked."""
    case = cm.Case.objects.select_for_update().get(pk=case.pk)
    if not policy.can_act(user, case, person):
        _deny()
    if _inputs_stamp(case, person) != stamp:
        raise ValidationError(
            {"run": [_("実行中に申告または証拠が変更されました。もう一度実行してください")]}
        )
    previous = m.Finding.objects.filter(case=case, person=person)
    removed = list(previous.filter(status=m.Finding.Status.OPEN).values_list("id", flat=True))
    previous.filter(status=m.Finding.Status.OPEN).delete()
    reviewed = set(previous.values_list("fingerprint", flat=True))
    valid_decls = set(person.declarations.values_list("id", flat=True))
    created: list[m.Finding] = []
    seen: set[str] = set()
    for f in result.findings:
        fp = _fingerprint(f)
        if fp in reviewed or fp in seen:
            continue
        seen.add(fp)
        decl_ref = f.declaration.ref if f.declaration is not None else ""
        decl_id = _declaration_id(decl_ref)
        finding = m.Finding.objects.create(
            case=case,
            person=person,
            indicator=f.indicator,
            library_version=str(result.library.version)[:40],
            severity=f.severity,
            kind=f.status,
            title_ja=f.title.get("ja", "")[:300],
            title_en=f.title.get("en", "")[:300],
            summary_ja=f.summary.get("ja", ""),
            summary_en=f.summary.get("en", ""),
            declaration_id=decl_id if decl_id in valid_decls else None,
            declaration_ref=decl_ref,
            declaration_label=f.declaration_label.get("ja", "")[:500] if f.declaration is not None else "",
            evidence=[e.as_dict() for e in f.evidence],
            fingerprint=fp,
        )
        linked = {
            refs[(p.source, p.record_id)].pk
            for e in f.evidence
            for p in e.provenance
            if (p.source, p.record_id) in refs
        }
        if linked:
            finding.records.add(*linked)
        created.append(finding)
    audit.record(
        actor=user,
        action="diligence_run",
        obj=person,
        organization_id=_owner_org(case, person),
        case_id=case.id,
        before={"open_findings_replaced": removed},
        after={
            "indicators": f"{result.library.id} {result.library.version}",
            "only": list(only or []),
            "evidence_records": n_records,
            "list_entities": len(entities),
            "lists_from": lists_from,
            "findings": [
                {
                    "id": x.id,
                    "indicator": x.indicator,
                    "severity": x.severity,
                    "declaration": x.declaration_ref,
                }
                for x in created
            ],
        },
    )
    return created


# ---------------------------------------------------------------- review


@transaction.atomic
def review_finding(user: User, finding: m.Finding, status: str, reason: str) -> m.Finding:
    """The officer accepts a finding as a risk to evaluate (P-4) or rejects it, with a reason; or reopens it."""
    finding = m.Finding.objects.select_for_update().select_related("case", "person").get(pk=finding.pk)
    if not policy.can_act(user, finding.case, finding.person):
        _deny()
    if status not in m.Finding.Status.values:
        raise ValidationError({"status": _("状態は open / accepted / rejected のいずれかです")})
    reason = (reason or "").strip()
    if status != m.Finding.Status.OPEN and not reason:
        raise ValidationError({"reason": _("判断の理由を記入してください")})
    before = {"status": finding.status, "reason": finding.reason, "reviewed_by": finding.reviewed_by_id}
    finding.status = status
    finding.reason = reason
    finding.reviewed_by = user if status != m.Finding.Status.OPEN else None
    finding.reviewed_at = timezone.now() if status != m.Finding.Status.OPEN else None
    finding.save(update_fields=["status", "reason", "reviewed_by", "reviewed_at"])
    audit.record(
        actor=user,
        action="review_finding",
        obj=finding,
        organization_id=_owner_org(finding.case, finding.person),
        case_id=finding.case_id,
        before=before,
        after={"status": finding.status, "reason": finding.reason, "reviewed_by": user.pk},
        reason=reason,
    )
    return finding
