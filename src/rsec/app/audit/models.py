"""Append-only, hash-chained audit trail (監査証跡).

Each entry's ``hash`` is SHA-256 over the previous entry's hash and the entry's canonical content,
so altering, removing or reordering any entry breaks the chain. ``AuditHead`` records the last
sequence number and hash, so cutting entries off the end is detected too. Database triggers
(PostgreSQL and SQLite) refuse UPDATE and DELETE on the entries table.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    seq = models.BigIntegerField(_("連番"), unique=True)
    at = models.DateTimeField(_("日時"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
    )
    actor_username = models.CharField(_("実行者"), max_length=150, blank=True)
    organization_id = models.BigIntegerField(_("組織"), null=True, blank=True, db_index=True)
    case_id = models.BigIntegerField(_("案件"), null=True, blank=True, db_index=True)
    action = models.CharField(_("操作"), max_length=60)
    object_type = models.CharField(_("対象種別"), max_length=60)
    object_id = models.CharField(_("対象ID"), max_length=64, blank=True)
    reason = models.TextField(_("理由"), blank=True)
    before = models.JSONField(_("変更前"), null=True, blank=True)
    after = models.JSONField(_("変更後"), null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["seq"]
        verbose_name = _("監査記録")
        verbose_name_plural = _("監査記録")

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"


class AuditHead(models.Model):
    """Single row: the chain's last sequence number and hash (anchor against truncation)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)
