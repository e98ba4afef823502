"""Who may read and write what — the single place where tenancy is decided.

Readers (selectors) and writers (services) both call this module; views never decide access.

* Institution staff (admin, research-security officer, auditor) see their institution's cases whole;
  admins and officers write them. Auditors only read.
* A partner institution that is itself a tenant sees a shared case's header and only the rows it owns
  (its team, its managed data, its documents), and writes only those.
* A researcher sees the cases they are a member of, their own person record and their own
  declarations, and writes only their own declarations and names.
* A funding agency sees no live case data: only the submissions made to its programs.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from rsec.app.accounts.models import Organization, Role, User

from . import models as m

STAFF_READ = (Role.INSTITUTION_ADMIN, Role.SECURITY_OFFICER, Role.AUDITOR)
STAFF_WRITE = (Role.INSTITUTION_ADMIN, Role.SECURITY_OFFICER)
FA_READ = (Role.FA_OFFICER, Role.FA_ADMIN, Role.AUDITOR)
FA_WRITE = (Role.FA_OFFICER, Role.FA_ADMIN)
CASE_PARTS = (m.Partner, m.Member, m.Supporter, m.ManagedItem, m.Document, m.Contract)


def _is_institution(user: User) -> bool:
    return bool(
        user.is_authenticated
        and user.organization_id
        and user.organization.kind == Organization.Kind.INSTITUTION
    )


def _is_fa(user: User) -> bool:
    return bool(
        user.is_authenticated
        and user.organization_id
        and user.organization.kind == Organization.Kind.FUNDING_AGENCY
    )


def is_staff_reader(user: User) -> bool:
    return _is_institution(user) and user.has_role(*STAFF_READ)


def is_staff_writer(user: User) -> bool:
    return _is_institution(user) and user.has_role(*STAFF_WRITE)


def is_researcher(user: User) -> bool:
    return _is_institution(user) and user.has_role(Role.RESEARCHER)


def is_fa_reader(user: User) -> bool:
    return _is_fa(user) and user.has_role(*FA_READ)


def is_fa_writer(user: User) -> bool:
    return _is_fa(user) and user.has_role(*FA_WRITE)


def own_person_id(user: User) -> int | None:
    person = m.Person.objects.filter(user=user).only("id").first()
    return person.id if person else None


# ---------------------------------------------------------------- cases


def lead_cases(user: User) -> QuerySet[m.Case]:
    if is_staff_reader(user):
        return m.Case.objects.filter(institution_id=user.organization_id)
    return m.Case.objects.none()


def partner_cases(user: User) -> QuerySet[m.Case]:
    if is_staff_reader(user):
        return m.Case.objects.filter(partner_set__organization_id=user.organization_id).exclude(
            institution_id=user.organization_id
        )
    return m.Case.objects.none()


def visible_cases(user: User) -> QuerySet[m.Case]:
    if not user.is_authenticated:
        return m.Case.objects.none()
    if is_staff_reader(user):
        org = user.organization_id
        return m.Case.objects.filter(Q(institution_id=org) | Q(partner_set__organization_id=org)).distinct()
    if is_researcher(user):
        return m.Case.objects.filter(member_set__person__user=user).distinct()
    return m.Case.objects.none()


def case_role(user: User, case: m.Case) -> str:
    """'lead', 'partner', 'member' or '' — the user's relation to a case."""
    if is_staff_reader(user):
        if case.institution_id == user.organization_id:
            return "lead"
        if case.partner_set.filter(organization_id=user.organization_id).exists():
            return "partner"
    if is_researcher(user) and case.member_set.filter(person__user=user).exists():
        return "member"
    return ""


def can_write_case(user: User, case: m.Case) -> bool:
    return (
        is_staff_writer(user)
        and case.institution_id == user.organization_id
        and case.status != m.Case.Status.CLOSED
    )


def can_write_case_part(user: User, case: m.Case, owner_id: int | None) -> bool:
    """Lead staff write every part of their case; a partner writes only the rows it owns."""
    if not is_staff_writer(user) or case.status == m.Case.Status.CLOSED:
        return False
    if case.institution_id == user.organization_id:
        return (
            owner_id is None
            or owner_id == user.organization_id
            or case.partner_set.filter(organization_id=owner_id).exists()
        )
    return (
        owner_id == user.organization_id
        and case.partner_set.filter(organization_id=user.organization_id).exists()
    )


# ---------------------------------------------------------------- case parts


def visible_parts(user: User, model) -> QuerySet:
    qs = model.objects.all()
    if is_staff_reader(user):
        org = user.organization_id
        return qs.filter(
            Q(case__institution_id=org) | Q(case__partner_set__organization_id=org, owner_id=org)
        ).distinct()
    if is_researcher(user) and model is m.Member:
        return qs.filter(person__user=user)
    return qs.none()


# ---------------------------------------------------------------- people and declarations


def visible_people(user: User) -> QuerySet[m.Person]:
    if is_staff_reader(user):
        org = user.organization_id
        return m.Person.objects.filter(
            Q(organization_id=org) | Q(memberships__case__institution_id=org) | Q(memberships__owner_id=org)
        ).distinct()
    if is_researcher(user):
        return m.Person.objects.filter(user=user)
    return m.Person.objects.none()


def can_write_person(user: User, person: m.Person) -> bool:
    if is_staff_writer(user):
        if person.organization_id == user.organization_id:
            return True
        org = user.organization_id
        return person.memberships.filter(Q(case__institution_id=org) | Q(owner_id=org)).exists()
    return is_researcher(user) and person.user_id == user.id


def visible_declarations(user: User) -> QuerySet[m.Declaration]:
    return m.Declaration.objects.filter(person__in=visible_people(user))


def visible_peacetime(user: User) -> QuerySet[m.PeacetimeRecord]:
    if is_staff_reader(user):
        return m.PeacetimeRecord.objects.filter(organization_id=user.organization_id)
    if is_researcher(user):
        return m.PeacetimeRecord.objects.filter(person__user=user)
    return m.PeacetimeRecord.objects.none()


def can_write_peacetime(user: User, organization_id: int, person: m.Person | None) -> bool:
    if is_staff_writer(user) and organization_id == user.organization_id:
        return person is None or person.organization_id == organization_id
    return False


# ---------------------------------------------------------------- programs and submissions


def visible_programs(user: User) -> QuerySet[m.Program]:
    """Designated programs are public calls; an FA also sees its own undesignated ones."""
    if not user.is_authenticated:
        return m.Program.objects.none()
    if _is_fa(user):
        return m.Program.objects.filter(Q(designated=True) | Q(fa_id=user.organization_id))
    return m.Program.objects.filter(designated=True)


def can_write_program(user: User, fa_id: int) -> bool:
    return is_fa_writer(user) and fa_id == user.organization_id


def visible_submissions(user: User) -> QuerySet[m.Submission]:
    if is_fa_reader(user):
        return m.Submission.objects.filter(program__fa_id=user.organization_id)
    if is_staff_reader(user):
        return m.Submission.objects.filter(case__institution_id=user.organization_id)
    return m.Submission.objects.none()


def visible_documents_for_download(user: User) -> QuerySet[m.Document]:
    """Documents a user may download: those of visible case parts, and for an FA those listed in a
    submission made to its programs."""
    if is_fa_reader(user):
        ids: set[int] = set()
        for payload in visible_submissions(user).values_list("payload", flat=True):
            ids.update(d["id"] for d in payload.get("documents", []))
        return m.Document.objects.filter(id__in=ids)
    return visible_parts(user, m.Document)


# ---------------------------------------------------------------- audit trail


def visible_audit(user: User):
    from rsec.app.audit.models import AuditEntry

    if (
        user.is_authenticated
        and user.organization_id
        and user.has_role(Role.AUDITOR, Role.INSTITUTION_ADMIN, Role.SECURITY_OFFICER, Role.FA_ADMIN)
    ):
        org = user.organization_id
        lead_case_ids = m.Case.objects.filter(institution_id=org).values("id")
        return AuditEntry.objects.filter(Q(organization_id=org) | Q(case_id__in=lead_case_ids))
    return AuditEntry.objects.none()
