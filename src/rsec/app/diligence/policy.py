"""Who sees and does what in due diligence — built on the case registry's tenancy (cases.policy).

* Staff of the case's lead institution (admin, research-security officer, auditor) see every evidence
  import, record and finding of the case; admins and officers import, run and review.
* Staff of a partner institution that is itself a tenant see and act only for the persons whose case
  membership their institution owns (their own team), never the lead's people or case-wide imports.
* Researchers see no findings and no evidence — not even about themselves: they declare (P-3 ① (1)), the
  institution checks. A finding is the officer's working material for the risk evaluation (P-4).
* A funding agency sees nothing live; it receives what the institution submits.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from rsec.app.accounts.models import User
from rsec.app.cases import models as cm
from rsec.app.cases import policy as cp

from . import models as m


def _owned_membership(org_id: int, person_ref: str = "person_id", case_ref: str = "case_id"):
    """Subquery: the person's membership in the case is owned by ``org_id`` and ``org_id`` is a partner."""
    return Exists(
        cm.Member.objects.filter(
            case_id=OuterRef(case_ref),
            person_id=OuterRef(person_ref),
            owner_id=org_id,
            case__partner_set__organization_id=org_id,
        )
    )


def visible_findings(user: User) -> QuerySet[m.Finding]:
    if not cp.is_staff_reader(user):
        return m.Finding.objects.none()
    org = user.organization_id
    return m.Finding.objects.filter(Q(case__institution_id=org) | _owned_membership(org))


def visible_imports(user: User) -> QuerySet[m.EvidenceImport]:
    if not cp.is_staff_reader(user):
        return m.EvidenceImport.objects.none()
    org = user.organization_id
    return m.EvidenceImport.objects.filter(
        Q(case__institution_id=org) | (Q(person__isnull=False) & _owned_membership(org))
    )


def visible_records(user: User) -> QuerySet[m.EvidenceRecord]:
    """Records of visible imports, and records a visible finding rests on."""
    if not cp.is_staff_reader(user):
        return m.EvidenceRecord.objects.none()
    imports = visible_imports(user).values("id")
    findings = visible_findings(user).values("id")
    return m.EvidenceRecord.objects.filter(
        Q(evidence_import_id__in=imports) | Q(findings__in=findings)
    ).distinct()


def relation(user: User, case: cm.Case, person: cm.Person | None) -> str:
    """'lead', 'partner' (for a person of its own team) or '' — what the user may see of this person."""
    if not cp.is_staff_reader(user):
        return ""
    org = user.organization_id
    if case.institution_id == org:
        if person is None or case.member_set.filter(person=person).exists():
            return "lead"
        return ""
    if (
        person is not None
        and case.partner_set.filter(organization_id=org).exists()
        and case.member_set.filter(person=person, owner_id=org).exists()
    ):
        return "partner"
    return ""


def can_act(user: User, case: cm.Case, person: cm.Person | None) -> bool:
    """May ``user`` import evidence, run due diligence or review findings for ``person`` of ``case``?"""
    return (
        cp.is_staff_writer(user)
        and case.status != cm.Case.Status.CLOSED
        and relation(user, case, person) != ""
    )


def visible_case_people(user: User, case: cm.Case) -> QuerySet[cm.Person]:
    """The case's persons the user may see findings for."""
    rel = relation(user, case, None)
    qs = cm.Person.objects.filter(memberships__case=case)
    if rel == "lead":
        return qs.distinct()
    if cp.is_staff_reader(user) and case.partner_set.filter(organization_id=user.organization_id).exists():
        return qs.filter(memberships__owner_id=user.organization_id).distinct()
    return cm.Person.objects.none()


def visible_runs(user: User):
    """Audit entries of due-diligence runs: the lead sees its cases' runs, a partner the runs about its
    own team (audited under its organisation), nobody else any."""
    from rsec.app.audit.models import AuditEntry

    if not cp.is_staff_reader(user):
        return AuditEntry.objects.none()
    org = user.organization_id
    lead_cases = cm.Case.objects.filter(institution_id=org).values("id")
    partner_cases = cm.Case.objects.filter(partner_set__organization_id=org).values("id")
    return AuditEntry.objects.filter(action="diligence_run").filter(
        Q(case_id__in=lead_cases) | Q(case_id__in=partner_cases, organization_id=org)
    )
