"""Who sees and does what in screening — built on :mod:`rsec.app.cases.policy`.

* Snapshots are public list data: every institution's staff may read them; institution admins and
  research-security officers load them.
* Hits follow case-part tenancy: the lead institution's staff see every hit of its case; a partner
  institution that is a tenant sees only hits on the subjects it owns. FAs and researchers see none
  (an FA sees only what is submitted to it).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from rsec.app.cases import models as cm
from rsec.app.cases import policy as cp

from . import models as sm

OPEN_STATUSES = (cm.Case.Status.DRAFT, cm.Case.Status.SUBMITTED, cm.Case.Status.RUNNING)


def can_load_lists(user) -> bool:
    return cp.is_staff_writer(user)


def visible_snapshots(user) -> QuerySet[sm.ListSnapshot]:
    if cp.is_staff_reader(user):
        return sm.ListSnapshot.objects.all()
    return sm.ListSnapshot.objects.none()


def _owned_filter(user, prefix: str = "") -> Q:
    org = user.organization_id
    return Q(**{f"{prefix}case__institution_id": org}) | Q(
        **{f"{prefix}case__partner_set__organization_id": org, f"{prefix}owner_id": org}
    )


def visible_subjects(user) -> QuerySet[sm.ScreeningSubject]:
    if cp.is_staff_reader(user):
        return sm.ScreeningSubject.objects.filter(_owned_filter(user)).distinct()
    return sm.ScreeningSubject.objects.none()


def visible_hits(user) -> QuerySet[sm.Hit]:
    if cp.is_staff_reader(user):
        org = user.organization_id
        return sm.Hit.objects.filter(
            Q(case__institution_id=org) | Q(case__partner_set__organization_id=org, subject__owner_id=org)
        ).distinct()
    return sm.Hit.objects.none()


def screenable_owner_ids(user, case: cm.Case) -> set[int] | None:
    """Owners whose subjects ``user`` may screen in ``case``: None = all (the lead institution),
    a set with the partner's own organisation, or an empty set (not allowed)."""
    if not cp.is_staff_writer(user) or case.status not in OPEN_STATUSES:
        return set()
    if case.institution_id == user.organization_id:
        return None
    if case.partner_set.filter(organization_id=user.organization_id).exists():
        return {user.organization_id}
    return set()


def can_review(user, hit: sm.Hit) -> bool:
    return (
        cp.is_staff_writer(user)
        and hit.case.status != cm.Case.Status.CLOSED
        and visible_hits(user).filter(pk=hit.pk).exists()
    )
