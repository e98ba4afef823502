"""Audit trail (cross-cutting: every judgement recorded, cannot be silently altered)."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from rsec.app.audit.chain import verify_chain
from rsec.app.audit.models import AuditEntry
from rsec.app.cases import models as m
from rsec.app.cases import services
from rsec.cli import main as rsec_main


def _disable_append_only_guard():
    """What an attacker with database access would do first (rolled back with the test)."""
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER USER")
        else:
            cur.execute("DROP TRIGGER audit_auditentry_no_update")
            cur.execute("DROP TRIGGER audit_auditentry_no_delete")


@pytest.mark.django_db
def test_every_write_is_audited_with_before_and_after(world):
    user = world.users["a_officer"]
    before = AuditEntry.objects.count()
    services.update(user, world.sup, {"purpose": "目的を更新"}, reason="申告書の訂正")
    entry = AuditEntry.objects.order_by("-seq").first()
    assert AuditEntry.objects.count() == before + 1
    assert entry.action == "update" and entry.actor_username == "a_officer" and entry.reason == "申告書の訂正"
    assert entry.before["purpose"] == "" and entry.after["purpose"] == "目的を更新"
    assert entry.case_id == world.case.id and entry.organization_id == world.a.id


@pytest.mark.django_db
def test_verify_passes_on_clean_database(world, capsys):
    assert verify_chain().ok
    assert rsec_main(["audit", "verify"]) == 0
    assert "audit trail OK" in capsys.readouterr().out


@pytest.mark.django_db
def test_database_refuses_update_and_delete_of_audit_entries(world):
    """On PostgreSQL (and SQLite) the audit table refuses UPDATE and DELETE at the database level."""
    entry = AuditEntry.objects.order_by("seq").first()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(reason="altered")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).delete()
    assert AuditEntry.objects.get(pk=entry.pk).reason == entry.reason


@pytest.mark.django_db
def test_verify_names_an_altered_entry(world, capsys):
    target = AuditEntry.objects.order_by("seq")[4]
    _disable_append_only_guard()
    with connection.cursor() as cur:
        cur.execute(
            "UPDATE audit_auditentry SET after = %s WHERE id = %s", ['{"title": "forged"}', target.pk]
        )
    result = verify_chain()
    assert not result.ok and result.seq == target.seq and "altered" in result.problem
    assert rsec_main(["audit", "verify"]) == 1
    assert f"#{target.seq}" in capsys.readouterr().err


@pytest.mark.django_db
def test_verify_detects_removed_and_reordered_entries(world):
    entries = list(AuditEntry.objects.order_by("seq"))
    _disable_append_only_guard()
    AuditEntry.objects.filter(pk=entries[3].pk).delete()
    result = verify_chain()
    assert not result.ok and result.seq == entries[3].seq


@pytest.mark.django_db
def test_verify_detects_swapped_entries(world):
    a, b = list(AuditEntry.objects.order_by("seq"))[2:4]
    _disable_append_only_guard()
    with connection.cursor() as cur:  # swap the contents of two entries, keeping the sequence numbers
        for src, dst in ((a, b), (b, a)):
            cur.execute(
                "UPDATE audit_auditentry SET action = %s, object_type = %s, object_id = %s WHERE id = %s",
                [src.action, src.object_type, src.object_id, dst.pk],
            )
    result = verify_chain()
    assert not result.ok and result.seq in (a.seq, b.seq)


@pytest.mark.django_db
def test_verify_detects_truncated_tail(world):
    last = AuditEntry.objects.order_by("-seq").first()
    _disable_append_only_guard()
    AuditEntry.objects.filter(pk=last.pk).delete()
    result = verify_chain()
    assert not result.ok and "removed from the end" in result.problem


@pytest.mark.django_db
def test_refused_write_leaves_nothing(world):
    """A write the policy refuses changes nothing and records nothing."""
    from django.core.exceptions import PermissionDenied

    count = AuditEntry.objects.count()
    with pytest.raises(PermissionDenied):
        services.update(world.users["b_officer"], world.sup, {"purpose": "x"})
    assert AuditEntry.objects.count() == count
    assert m.Supporter.objects.get(pk=world.sup.pk).purpose == ""
