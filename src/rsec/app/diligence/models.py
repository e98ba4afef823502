"""Open-source due diligence of a case's researchers (P-3 ① (1)): evidence imported from open sources,
and the findings of comparing it with what the researcher declared.

* :class:`EvidenceImport` — one uploaded evidence file (OpenAlex, ORCID, KAKEN, researchmap, Lens …) for a
  case, optionally for one person of it; kept with its SHA-256 and retrieval date.
* :class:`EvidenceRecord` — one record read from it (a work, a grant, a position, a patent …) as the
  engine's plain-dict form, with its provenance: source, record id there, retrieval date, reliability
  grade and URL. Every finding links to the records it rests on.
* :class:`Finding` — one indicator raised by the engine (``rsec/frameworks/indicators.yaml``) for a
  person of a case: severity, bilingual title and summary, the declaration it contradicts (or "not
  declared"), and the officer's review (open / accepted / rejected with reason) used by the risk
  evaluation step (P-4).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rsec.app.cases.models import Case, Declaration, Person

SOURCE_CHOICES = [
    ("openalex", "OpenAlex"),
    ("orcid", "ORCID"),
    ("crossref", "Crossref"),
    ("kaken", "KAKEN"),
    ("researchmap", "researchmap"),
    ("lens", "Lens"),
    ("epo-ops", "EPO OPS"),
]


class EvidenceImport(models.Model):
    """An evidence file imported for a case (公開情報の取込み)."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="evidence_imports", verbose_name=_("案件")
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evidence_imports",
        verbose_name=_("研究者"),
    )
    source = models.CharField(_("情報源"), max_length=20, choices=SOURCE_CHOICES)
    original_name = models.CharField(_("ファイル名"), max_length=255)
    sha256 = models.CharField(max_length=64)
    record_count = models.PositiveIntegerField(_("件数"), default=0)
    retrieved_on = models.DateField(_("取得日"))
    imported_at = models.DateTimeField(_("取込日時"), auto_now_add=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-id"]
        verbose_name = _("公開情報の取込み")

    def __str__(self) -> str:
        return f"{self.get_source_display()}: {self.original_name}"


class EvidenceRecord(models.Model):
    """One open-source record with its provenance (出典・取得日・信頼度)."""

    evidence_import = models.ForeignKey(
        EvidenceImport, on_delete=models.CASCADE, related_name="records", verbose_name=_("取込み")
    )
    source = models.CharField(_("情報源"), max_length=20)
    kind = models.CharField(_("種類"), max_length=20)  # work | grant | position | patent | author | …
    record_id = models.CharField(_("レコードID"), max_length=300)
    label = models.CharField(_("表示名"), max_length=500, blank=True)
    payload = models.JSONField(_("レコード"))
    reliability = models.CharField(_("信頼度"), max_length=1)
    retrieved = models.CharField(_("取得日"), max_length=10, blank=True)
    url = models.CharField(_("URL"), max_length=500, blank=True)
    location = models.CharField(_("ファイル内の位置"), max_length=300, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("公開情報レコード")
        indexes = [models.Index(fields=["source", "record_id"])]

    def __str__(self) -> str:
        return f"{self.source}:{self.record_id}"


class Finding(models.Model):
    """A due-diligence finding (指摘事項) about one person of a case."""

    class Severity(models.TextChoices):
        HIGH = "high", _("高")
        MEDIUM = "medium", _("中")
        LOW = "low", _("低")
        INFO = "info", _("情報")

    class Status(models.TextChoices):
        OPEN = "open", _("未確認")
        ACCEPTED = "accepted", _("リスクとして採用")
        REJECTED = "rejected", _("該当せず")

    SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2, "info": 3}

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="findings", verbose_name=_("案件"))
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="findings", verbose_name=_("研究者")
    )
    indicator = models.CharField(_("指標"), max_length=100)
    library_version = models.CharField(_("指標集の版"), max_length=40)
    severity = models.CharField(_("重大度"), max_length=10, choices=Severity.choices)
    kind = models.CharField(
        _("区分"), max_length=20
    )  # listed | not_declared | declared | unconfirmed | foreign
    title_ja = models.CharField(_("件名"), max_length=300)
    title_en = models.CharField(_("件名（英語）"), max_length=300, blank=True)
    summary_ja = models.TextField(_("内容"), blank=True)
    summary_en = models.TextField(_("内容（英語）"), blank=True)
    declaration = models.ForeignKey(
        Declaration,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="findings",
        verbose_name=_("対応する申告"),
    )
    declaration_ref = models.CharField(max_length=100, blank=True)  # "" = not declared
    declaration_label = models.CharField(_("申告"), max_length=500, blank=True)
    evidence = models.JSONField(
        _("証拠"), default=list
    )  # engine EvidenceRef dicts (label, detail, provenance)
    records = models.ManyToManyField(EvidenceRecord, related_name="findings", blank=True)
    fingerprint = models.CharField(max_length=64)  # same indicator + same evidence → same fingerprint
    status = models.CharField(_("確認状況"), max_length=10, choices=Status.choices, default=Status.OPEN)
    reason = models.TextField(_("理由"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("確認日時"), null=True, blank=True)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("指摘事項")

    def __str__(self) -> str:
        return f"{self.indicator}: {self.title_ja}"

    @property
    def not_declared(self) -> bool:
        return not self.declaration_ref
