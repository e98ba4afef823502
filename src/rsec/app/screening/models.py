"""Watch-list screening inside the application (ウォッチリスト照合).

* :class:`ListSnapshot` — one loaded edition of one watch list, with its entities
  (:class:`ListEntityRecord`, FtM JSON and content hash) so that diffs and re-screening work from the
  database. Lists are public data: global, not per tenant.
* :class:`ScreeningSubject` — what is screened for a case (P-3(1)–(3)): each member's person (all name
  forms), each partner institution, each supporter; keyed stably to the row it comes from and owned by
  the institution responsible for that row (P-5 scope figure).
* :class:`Hit` — a subject whose name matched a listed entity at or above the threshold, with the
  officer's review (要確認 / 該当 / 非該当) and its reason.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rsec.app.accounts.models import Organization
from rsec.app.cases.models import Case, Person


class ListSnapshot(models.Model):
    """リストの版 — one published edition of one watch list as loaded into rsec."""

    list_code = models.CharField(_("リスト"), max_length=40, db_index=True)
    format = models.CharField(_("形式"), max_length=20)
    source_name = models.CharField(_("ファイル名"), max_length=255)
    published = models.DateField(_("公表日"), null=True, blank=True)
    sha256 = models.CharField(max_length=64)
    entity_count = models.PositiveIntegerField(_("件数"), default=0)
    loaded_at = models.DateTimeField(_("読込日時"), auto_now_add=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-id"]
        verbose_name = _("リストの版")

    def __str__(self) -> str:
        return f"{self.list_code} {self.published or ''} ({self.source_name})"


class ListEntityRecord(models.Model):
    """A listed party of one snapshot, as FtM JSON (with rsec's name details) and its content hash."""

    snapshot = models.ForeignKey(ListSnapshot, on_delete=models.CASCADE, related_name="entities")
    entity_id = models.CharField(max_length=300)
    schema = models.CharField(max_length=20)
    caption = models.CharField(max_length=500)
    content_hash = models.CharField(max_length=64)
    data = models.JSONField()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "entity_id"], name="entity_once_per_snapshot")
        ]

    def __str__(self) -> str:
        return self.caption


class ScreeningSubject(models.Model):
    """A person, partner institution or supporter of a case that is screened (スクリーニング対象)."""

    class Kind(models.TextChoices):
        PERSON = "person", _("研究者")
        PARTNER = "partner", _("共同研究先機関")
        SUPPORTER = "supporter", _("支援者")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="screening_subjects")
    owner = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("種別"), max_length=20, choices=Kind.choices)
    source_key = models.CharField(max_length=60)  # "member:12", "partner:3", "supporter:5"
    person = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    label = models.CharField(_("名称"), max_length=300)
    schema = models.CharField(max_length=20, default="Person")
    country = models.CharField(max_length=2, blank=True)
    #: every written form screened: [{"name": …, "form": "kanji|kana|latin|ja|en", "keys": [...]}]
    names = models.JSONField(default=list)
    active = models.BooleanField(default=True)  # false once the source row is gone from the case
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("スクリーニング対象")
        constraints = [models.UniqueConstraint(fields=["case", "source_key"], name="subject_once_per_case")]

    def __str__(self) -> str:
        return self.label


class Hit(models.Model):
    """A subject's name matched a listed entity (ヒット), and its review."""

    class Status(models.TextChoices):
        NEEDS_REVIEW = "needs_review", _("要確認")
        CONFIRMED = "confirmed", _("該当")
        DISMISSED = "dismissed", _("非該当")

    class ListState(models.TextChoices):
        LISTED = "listed", _("掲載中")
        REMOVED = "removed", _("リストから削除")
        NO_MATCH = "no_match", _("変更により一致せず")

    subject = models.ForeignKey(ScreeningSubject, on_delete=models.CASCADE, related_name="hits")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="screening_hits")
    list_code = models.CharField(_("リスト"), max_length=40)
    entity_id = models.CharField(_("掲載ID"), max_length=300)
    entity_caption = models.CharField(_("掲載名"), max_length=500)
    entity_hash = models.CharField(max_length=64)
    snapshot = models.ForeignKey(ListSnapshot, on_delete=models.PROTECT, related_name="hits")
    score = models.FloatField(_("スコア"))
    matched_name = models.CharField(_("一致した名前"), max_length=500)
    query_name = models.CharField(_("照合した名前"), max_length=300)
    explanation = models.TextField(_("説明"))
    status = models.CharField(_("状態"), max_length=20, choices=Status.choices, default=Status.NEEDS_REVIEW)
    list_state = models.CharField(
        _("掲載状況"), max_length=20, choices=ListState.choices, default=ListState.LISTED
    )
    note = models.TextField(_("変更の記録"), blank=True)
    reason = models.TextField(_("判断の理由"), blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("判断日時"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    raised_at = models.DateTimeField(_("検出日時"))

    class Meta:
        ordering = ["-score", "id"]
        verbose_name = _("ヒット")
        constraints = [models.UniqueConstraint(fields=["subject", "entity_id"], name="hit_once_per_entity")]
        indexes = [models.Index(fields=["entity_id"]), models.Index(fields=["case", "status"])]

    def __str__(self) -> str:
        return f"{self.subject} ↔ {self.entity_caption}"
