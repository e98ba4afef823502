"""Appending to the audit trail. Call only inside the transaction that makes the change."""

from __future__ import annotations

from django.db import connection, transaction
from django.utils import timezone

from .chain import GENESIS, entry_fields, entry_hash
from .models import AuditEntry, AuditHead

_PG_LOCK_KEY = 0x72736563  # "rsec"


def record(
    *,
    actor,
    action: str,
    obj=None,
    object_type: str = "",
    object_id: str = "",
    organization_id=None,
    case_id=None,
    before=None,
    after=None,
    reason: str = "",
) -> AuditEntry:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record must run inside the transaction that makes the change")
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_LOCK_KEY])
    head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1, defaults={"seq": 0, "hash": GENESIS})
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    entry = AuditEntry(
        seq=head.seq + 1,
        at=timezone.now(),
        actor=actor if getattr(actor, "pk", None) else None,
        actor_username=getattr(actor, "username", "") or "system",
        organization_id=organization_id,
        case_id=case_id,
        action=action,
        object_type=object_type,
        object_id=object_id,
        reason=reason,
        before=before,
        after=after,
        prev_hash=head.hash,
    )
    entry.hash = entry_hash(head.hash, entry_fields(entry))
    entry.save(force_insert=True)
    head.seq, head.hash = entry.seq, entry.hash
    head.save(update_fields=["seq", "hash"])
    return entry
