"""Hashing and verification of the audit chain."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder

GENESIS = "0" * 64


def canonical(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), cls=DjangoJSONEncoder)


def entry_hash(prev_hash: str, fields: dict) -> str:
    payload = canonical(fields)
    return hashlib.sha256((prev_hash + "\n" + payload).encode("utf-8")).hexdigest()


def entry_fields(entry) -> dict:
    """The content covered by an entry's hash (everything but the hash itself)."""
    return {
        "seq": entry.seq,
        "at": entry.at.isoformat(timespec="microseconds"),
        "actor_id": entry.actor_id,
        "actor_username": entry.actor_username,
        "organization_id": entry.organization_id,
        "case_id": entry.case_id,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "reason": entry.reason,
        "before": json.loads(canonical(entry.before)) if entry.before is not None else None,
        "after": json.loads(canonical(entry.after)) if entry.after is not None else None,
        "prev_hash": entry.prev_hash,
    }


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    problem: str = ""
    seq: int | None = None


def verify_chain() -> VerifyResult:
    """Walk the chain in order; report the first altered, removed or reordered entry."""
    from .models import AuditEntry, AuditHead

    prev = GENESIS
    expected_seq = 1
    count = 0
    last_hash = GENESIS
    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=2000):
        if entry.seq != expected_seq:
            return VerifyResult(
                False, count, f"entry #{expected_seq} is missing (next present: #{entry.seq})", expected_seq
            )
        if entry.prev_hash != prev:
            return VerifyResult(
                False, count, f"entry #{entry.seq}: link to the previous entry is broken", entry.seq
            )
        if entry_hash(prev, entry_fields(entry)) != entry.hash:
            return VerifyResult(
                False, count, f"entry #{entry.seq}: content does not match its hash (altered)", entry.seq
            )
        prev = entry.hash
        last_hash = entry.hash
        expected_seq += 1
        count += 1
    head = AuditHead.objects.filter(pk=1).first()
    head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS)
    if head_seq != count or head_hash != last_hash:
        return VerifyResult(
            False,
            count,
            f"chain ends at #{count} but the head records #{head_seq}: entries removed from the end",
            count + 1,
        )
    return VerifyResult(True, count)
