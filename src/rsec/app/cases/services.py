"""Writes to the case registry. Each service checks permission, validates, writes and appends to the
audit trail in one transaction, so a refused or invalid change leaves nothing behind."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models as djm
from django.db import transaction
from django.utils.translation import gettext as _

from rsec.app.accounts.models import User
from rsec.app.audit import services as audit

from . import models as m
from . import policy

IMMUTABLE_FIELDS = {
    "case",
    "owner",
    "organization",
    "user",
    "fa",
    "institution",
    "reference",
    "person",
    "created_by",
}
ALLOWED_UPLOAD_EXTENSIONS = {
    ".pdf",
    ".docx",
    ".doc",
    ".xlsx",
    ".xls",
    ".txt",
    ".csv",
    ".png",
    ".jpg",
    ".jpeg",
    ".odt",
    ".ods",
    ".zip",
}


def snapshot(obj: djm.Model) -> dict:
    """JSON-safe field values of a model instance, for the audit trail."""
    out: dict = {}
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname)
        if isinstance(value, (dt.date, dt.datetime)):
            value = value.isoformat()
        elif isinstance(value, Decimal):
            value = str(value)
        elif isinstance(field, djm.FileField):
            value = value.name if value else ""
        elif isinstance(value, (dict, list)):
            value = json.loads(json.dumps(value, default=str))
        out[field.attname] = value
    return out


def _audit_scope(obj: djm.Model) -> tuple[int | None, int | None]:
    """(organization_id, case_id) an audit entry about ``obj`` belongs to."""
    if isinstance(obj, m.Case):
        return obj.institution_id, obj.id
    if isinstance(obj, policy.CASE_PARTS):
        return obj.owner_id, obj.case_id
    if isinstance(obj, m.Person):
        return obj.organization_id, None
    if isinstance(obj, m.Declaration):
        return obj.person.organization_id, None
    if isinstance(obj, m.PeacetimeRecord):
        return obj.organization_id, None
    if isinstance(obj, m.Program):
        return obj.fa_id, None
    if isinstance(obj, m.Submission):
        return obj.case.institution_id, obj.case_id
    return None, None


def _deny() -> None:
    raise PermissionDenied(_("この操作を行う権限がありません"))


def _authorize(user: User, obj: djm.Model, action: str) -> None:
    """Raise PermissionDenied unless ``user`` may perform ``action`` (create/update/delete) on ``obj``."""
    if isinstance(obj, m.Case):
        if action == "create":
            ok = policy.is_staff_writer(user) and obj.institution_id == user.organization_id
            ok = ok and policy.visible_programs(user).filter(pk=obj.program_id).exists()
        else:
            ok = policy.can_write_case(user, obj)
            if ok and action == "delete":
                ok = obj.status == m.Case.Status.DRAFT and not obj.submissions.exists()
    elif isinstance(obj, policy.CASE_PARTS):
        ok = policy.can_write_case_part(user, obj.case, obj.owner_id)
        if ok and isinstance(obj, m.Member):
            ok = policy.visible_people(user).filter(pk=obj.person_id).exists()
            if ok and obj.case.institution_id != user.organization_id:
                ok = obj.person.organization_id == user.organization_id  # a partner adds only its own team
        if ok and isinstance(obj, m.Contract) and obj.document_id:
            ok = (
                obj.document.case_id == obj.case_id
                and policy.visible_parts(user, m.Document).filter(pk=obj.document_id).exists()
            )
        if ok and isinstance(obj, m.Partner) and action != "delete":
            ok = obj.case.institution_id == user.organization_id  # partner assessments are the lead's
    elif isinstance(obj, m.Person):
        if action == "create":
            ok = policy.is_staff_writer(user) and obj.organization_id == user.organization_id
        elif action == "delete":
            ok = policy.is_staff_writer(user) and obj.organization_id == user.organization_id
        else:
            ok = policy.can_write_person(user, obj)
    elif isinstance(obj, m.Declaration):
        ok = policy.can_write_person(user, obj.person)
    elif isinstance(obj, m.PeacetimeRecord):
        ok = policy.can_write_peacetime(user, obj.organization_id, obj.person)
    elif isinstance(obj, m.Program):
        ok = policy.can_write_program(user, obj.fa_id)
    else:
        ok = False
    if not ok:
        _deny()


def _apply(obj: djm.Model, data: dict) -> None:
    for key, value in data.items():
        setattr(obj, key, value)


def _defaults_for_create(user: User, model, data: dict) -> dict:
    data = dict(data)
    if model is m.Case:
        data["institution"] = user.organization
        data["created_by"] = user
    elif model in policy.CASE_PARTS:
        data.setdefault("owner", user.organization)
        if data.get("owner") is None:
            data["owner"] = user.organization
    elif model is m.Person:
        data["organization"] = user.organization
    elif model is m.PeacetimeRecord:
        data["organization"] = user.organization
    elif model is m.Program:
        data["fa"] = user.organization
    return data


INSTITUTION_FA_DECISIONS = {m.Contract.FaDecision.NOT_APPLICABLE, m.Contract.FaDecision.PENDING}


def _check_fa_decision(obj: djm.Model, before: str | None = None) -> None:
    """P-3(5): an institution may ask for the FA's decision on the alternative route, never make it."""
    if (
        isinstance(obj, m.Contract)
        and obj.fa_decision != before
        and obj.fa_decision not in INSTITUTION_FA_DECISIONS
    ):
        raise ValidationError({"fa_decision": _("代替手段の可否は FA が判断します")})
    if (
        isinstance(obj, m.Contract)
        and obj.fa_decision == m.Contract.FaDecision.PENDING
        and not obj.alternative_route
    ):
        raise ValidationError({"fa_decision": _("FA の判断を求められるのは代替手段として提出する場合です")})


@transaction.atomic
def create(user: User, model, data: dict, *, reason: str = "") -> djm.Model:
    if model in (m.Submission, m.Document):
        _deny()  # created through submit_case / upload_document only
    obj = model(**_defaults_for_create(user, model, data))
    _authorize(user, obj, "create")
    _check_fa_decision(obj)
    obj.full_clean()
    obj.save()
    org_id, case_id = _audit_scope(obj)
    audit.record(
        actor=user,
        action="create",
        obj=obj,
        organization_id=org_id,
        case_id=case_id,
        after=snapshot(obj),
        reason=reason,
    )
    return obj


@transaction.atomic
def update(user: User, obj: djm.Model, data: dict, *, reason: str = "") -> djm.Model:
    obj = type(obj).objects.select_for_update().get(pk=obj.pk)
    _authorize(user, obj, "update")
    changed = {k for k, v in data.items() if getattr(obj, k) != v}
    blocked = changed & IMMUTABLE_FIELDS
    if isinstance(obj, m.Person) and policy.is_researcher(user):
        blocked |= changed & {"orcid", "erad_number", "kaken_id", "researchmap_id", "nationality"} & changed
    if blocked:
        raise ValidationError({f: _("この項目は変更できません") for f in sorted(blocked)})
    before = snapshot(obj)
    _apply(obj, data)
    _authorize(user, obj, "update")  # the new state must be writable too
    _check_fa_decision(obj, before.get("fa_decision"))
    obj.full_clean()
    obj.save()
    org_id, case_id = _audit_scope(obj)
    audit.record(
        actor=user,
        action="update",
        obj=obj,
        organization_id=org_id,
        case_id=case_id,
        before=before,
        after=snapshot(obj),
        reason=reason,
    )
    return obj


@transaction.atomic
def delete(user: User, obj: djm.Model, *, reason: str = "") -> None:
    obj = type(obj).objects.select_for_update().get(pk=obj.pk)
    _authorize(user, obj, "delete")
    org_id, case_id = _audit_scope(obj)
    before = snapshot(obj)
    label, pk = obj._meta.label_lower, str(obj.pk)
    try:
        obj.delete()
    except djm.ProtectedError as exc:
        raise ValidationError(_("他のデータから参照されているため削除できません")) from exc
    audit.record(
        actor=user,
        action="delete",
        object_type=label,
        object_id=pk,
        organization_id=org_id,
        case_id=case_id,
        before=before,
        reason=reason,
    )


@transaction.atomic
def upload_document(
    user: User, case: m.Case, upload: UploadedFile, *, description: str = "", owner=None
) -> m.Document:
    name = os.path.basename(upload.name or "")
    ext = os.path.splitext(name)[1].lower()
    if not name or ext not in ALLOWED_UPLOAD_EXTENSIONS:
        raise ValidationError(
            {"file": _("このファイル形式はアップロードできません: %(ext)s") % {"ext": ext or "?"}}
        )
    if upload.size > settings.RSEC_MAX_UPLOAD_BYTES:
        raise ValidationError(
            {"file": _("ファイルが大きすぎます（上限 %(n)d バイト）") % {"n": settings.RSEC_MAX_UPLOAD_BYTES}}
        )
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    doc = m.Document(
        case=case,
        owner=owner or user.organization,
        original_name=name[:255],
        content_type=(upload.content_type or "")[:100],
        size=upload.size,
        sha256=digest.hexdigest(),
        description=description,
        uploaded_by=user,
    )
    _authorize(user, doc, "create")
    doc.file.save(name, upload, save=False)
    try:
        doc.full_clean()
        doc.save()
        org_id, case_id = _audit_scope(doc)
        audit.record(
            actor=user, action="upload", obj=doc, organization_id=org_id, case_id=case_id, after=snapshot(doc)
        )
    except BaseException:
        doc.file.delete(save=False)  # nothing half-written on disk
        raise
    return doc


def case_payload(case: m.Case) -> dict:
    """Everything about a case that is submitted to the FA, as plain data."""
    members = list(case.member_set.select_related("person"))
    people = {mb.person_id: mb.person for mb in members}
    return {
        "case": snapshot(case),
        "program": {
            "id": case.program_id,
            "title_ja": case.program.title_ja,
            "title_en": case.program.title_en,
        },
        "institution": {
            "id": case.institution_id,
            "name_ja": case.institution.name_ja,
            "name_en": case.institution.name_en,
        },
        "partners": [snapshot(p) for p in case.partner_set.all()],
        "members": [{**snapshot(mb), "person": snapshot(mb.person)} for mb in members],
        "declarations": [
            snapshot(d) for d in m.Declaration.objects.filter(person_id__in=people).order_by("id")
        ],
        "supporters": [snapshot(s) for s in case.supporter_set.all()],
        "managed_items": [snapshot(i) for i in case.manageditem_set.all()],
        "contracts": [snapshot(c) for c in case.contract_set.all()],
        "documents": [{k: v for k, v in snapshot(d).items() if k != "file"} for d in case.document_set.all()],
    }


@transaction.atomic
def submit_case(user: User, case: m.Case, *, note: str = "") -> m.Submission:
    """Submit the case to the FA of its program (P-1, P-3): the FA sees this frozen snapshot only."""
    case = m.Case.objects.select_for_update().get(pk=case.pk)
    if not policy.can_write_case(user, case):
        _deny()
    if not case.member_set.filter(role=m.Member.Role.PI).exists():
        raise ValidationError(_("研究代表者（PI）が登録されていません"))
    payload = case_payload(case)
    encoded = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    number = (case.submissions.aggregate(n=djm.Max("number"))["n"] or 0) + 1
    sub = m.Submission.objects.create(
        case=case,
        program=case.program,
        number=number,
        submitted_by=user,
        note=note,
        payload=payload,
        payload_sha256=hashlib.sha256(encoded).hexdigest(),
    )
    before = snapshot(case)
    case.status = m.Case.Status.SUBMITTED
    case.save(update_fields=["status"])
    audit.record(
        actor=user,
        action="submit",
        obj=sub,
        organization_id=case.institution_id,
        case_id=case.id,
        before=before,
        after={"submission": sub.number, "payload_sha256": sub.payload_sha256, "note": note},
    )
    return sub


@transaction.atomic
def decide_alternative_route(
    user: User, submission: m.Submission, contract_id: int, decision: str, *, reason: str
) -> m.Contract:
    """The FA accepts or rejects an NDA / trade-secret designation submitted instead of the contract review
    (P-3(5) alternative route). Only for a contract that was in the submission, by the program's FA."""
    if not (policy.is_fa_writer(user) and submission.program.fa_id == user.organization_id):
        _deny()
    if decision not in (m.Contract.FaDecision.ACCEPTED, m.Contract.FaDecision.REJECTED):
        raise ValidationError({"decision": _("accepted または rejected を指定してください")})
    if not reason.strip():
        raise ValidationError({"reason": _("判断の理由を記入してください")})
    submitted = {c["id"]: c for c in submission.payload.get("contracts", [])}
    if contract_id not in submitted or not submitted[contract_id].get("alternative_route"):
        raise ValidationError({"contract": _("この提出に含まれる代替手段の契約ではありません")})
    contract = m.Contract.objects.select_for_update().get(pk=contract_id, case_id=submission.case_id)
    before = snapshot(contract)
    contract.fa_decision = decision
    contract.save(update_fields=["fa_decision"])
    audit.record(
        actor=user,
        action="fa_decision",
        obj=contract,
        organization_id=submission.case.institution_id,
        case_id=submission.case_id,
        before=before,
        after=snapshot(contract),
        reason=reason,
    )
    return contract
