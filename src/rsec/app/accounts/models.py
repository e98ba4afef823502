"""Tenants (research institutions and funding agencies) and the people who sign in."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organization(models.Model):
    """A tenant: a research institution (研究機関) or a funding agency (資金配分機関, FA)."""

    class Kind(models.TextChoices):
        INSTITUTION = "institution", _("研究機関")
        FUNDING_AGENCY = "funding_agency", _("資金配分機関")

    kind = models.CharField(_("種別"), max_length=20, choices=Kind.choices)
    name_ja = models.CharField(_("名称（日本語）"), max_length=200)
    name_en = models.CharField(_("名称（英語）"), max_length=200, blank=True)
    country = models.CharField(_("国"), max_length=2, default="jp")
    ror_id = models.CharField(_("ROR ID"), max_length=40, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("組織")
        verbose_name_plural = _("組織")

    def __str__(self) -> str:
        return self.name_ja

    @property
    def is_fa(self) -> bool:
        return self.kind == self.Kind.FUNDING_AGENCY


class Role(models.TextChoices):
    INSTITUTION_ADMIN = "institution_admin", _("機関管理者")
    SECURITY_OFFICER = "security_officer", _("研究セキュリティ担当")
    RESEARCHER = "researcher", _("研究者")
    FA_OFFICER = "fa_officer", _("FAプログラム担当")
    FA_ADMIN = "fa_admin", _("FA管理者")
    AUDITOR = "auditor", _("監査人")


INSTITUTION_ROLES = {Role.INSTITUTION_ADMIN, Role.SECURITY_OFFICER, Role.RESEARCHER, Role.AUDITOR}
FA_ROLES = {Role.FA_OFFICER, Role.FA_ADMIN, Role.AUDITOR}


class User(AbstractUser):
    """A person who signs in. Belongs to exactly one tenant, with one role there."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("所属組織"),
    )
    role = models.CharField(_("役割"), max_length=30, choices=Role.choices, blank=True)
    display_name = models.CharField(_("表示名"), max_length=150, blank=True)

    def __str__(self) -> str:
        return self.display_name or self.username

    def has_role(self, *roles: str) -> bool:
        return self.is_active and self.organization_id is not None and self.role in roles
