"""The case registry: programs, research applications (cases) and what is declared for them.

Terms follow the Cabinet Office 2025 procedure (P-1 … P-8) and METI's 2019 basic approach.
Rows that a partner institution may see and edit carry ``owner`` — the institution responsible
for that part of the case (P-5 scope figure: A does its own people and B's CO-PI through
partner checks, B does its own team and managed data).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from rsec.app.accounts.models import Organization

ORCID_VALIDATOR = RegexValidator(
    r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$", _("ORCID は 0000-0000-0000-0000 の形式です")
)
ERAD_VALIDATOR = RegexValidator(r"^\d{8}$", _("e-Rad 研究者番号は8桁の数字です"))
COUNTRY_VALIDATOR = RegexValidator(r"^[a-z]{2}$", _("国は ISO 3166-1 の2文字コード（小文字）です"))


class Program(models.Model):
    """特定研究開発プログラム — a program an FA designates (P-1)."""

    fa = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="programs", verbose_name=_("資金配分機関")
    )
    title_ja = models.CharField(_("プログラム名"), max_length=200)
    title_en = models.CharField(_("プログラム名（英語）"), max_length=200, blank=True)
    designated = models.BooleanField(_("特定研究開発プログラム指定"), default=True)
    call_title = models.CharField(_("公募名"), max_length=200, blank=True)
    call_url = models.URLField(_("公募要領URL"), blank=True)
    risk_management_deadline = models.DateField(_("リスクマネジメント完了期限"), null=True, blank=True)
    technology_area = models.CharField(_("技術分野"), max_length=200, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("プログラム")

    def __str__(self) -> str:
        return self.title_ja


class Case(models.Model):
    """A research application under a designated program (案件)."""

    class Step(models.TextChoices):
        CONFIRMATION = "confirmation", _("① リスク確認")
        EVALUATION = "evaluation", _("② リスク評価")
        MITIGATION = "mitigation", _("③ リスク軽減措置")
        FOLLOW_UP = "follow_up", _("④ フォローアップ")

    class Status(models.TextChoices):
        DRAFT = "draft", _("作成中")
        SUBMITTED = "submitted", _("FAへ提出済")
        RUNNING = "running", _("実施中")
        CLOSED = "closed", _("終了")

    reference = models.CharField(_("案件番号"), max_length=40, unique=True, editable=False)
    program = models.ForeignKey(
        Program, on_delete=models.PROTECT, related_name="cases", verbose_name=_("プログラム")
    )
    institution = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="cases", verbose_name=_("研究代表機関")
    )
    title = models.CharField(_("研究課題名"), max_length=300)
    title_en = models.CharField(_("研究課題名（英語）"), max_length=300, blank=True)
    summary = models.TextField(_("概要"), blank=True)
    step = models.CharField(_("手順"), max_length=20, choices=Step.choices, default=Step.CONFIRMATION)
    status = models.CharField(_("状態"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-id"]
        verbose_name = _("案件")

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def save(self, *args, **kwargs):
        if not self.reference:
            self.reference = "C-" + uuid.uuid4().hex[:10].upper()
        super().save(*args, **kwargs)


class CasePart(models.Model):
    """Base for rows that belong to one institution's part of a case."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="%(class)s_set", verbose_name=_("案件")
    )
    owner = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("担当機関")
    )

    class Meta:
        abstract = True


class Partner(CasePart):
    """Partner institution (共同研究先機関) with the P-3(2) items. ``organization`` is set when the
    partner is itself an rsec tenant, which then sees and edits only its own part of the case."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partnerships",
        verbose_name=_("rsec 利用機関"),
    )
    name_ja = models.CharField(_("機関名"), max_length=200)
    name_en = models.CharField(_("機関名（英語）"), max_length=200, blank=True)
    country = models.CharField(_("国"), max_length=2, validators=[COUNTRY_VALIDATOR])
    is_company = models.BooleanField(_("企業"), default=False)
    purpose = models.TextField(_("連携の目的"), blank=True)
    track_record = models.TextField(_("当該分野の実績"), blank=True)
    ownership = models.TextField(_("資本・所有構造"), blank=True)
    finances = models.TextField(_("財務状況"), blank=True)
    compliance = models.TextField(_("法令違反等"), blank=True)
    reputation = models.TextField(_("評判"), blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("共同研究先機関")

    def __str__(self) -> str:
        return self.name_ja


class Person(models.Model):
    """A researcher, kept per institution (P-2). Names in kanji, kana and Latin script."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="people", verbose_name=_("所属機関")
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="person"
    )
    family_name = models.CharField(_("姓（漢字等）"), max_length=100)
    given_name = models.CharField(_("名（漢字等）"), max_length=100, blank=True)
    family_name_kana = models.CharField(_("姓（カナ）"), max_length=100, blank=True)
    given_name_kana = models.CharField(_("名（カナ）"), max_length=100, blank=True)
    family_name_latin = models.CharField(_("姓（ローマ字）"), max_length=100, blank=True)
    given_name_latin = models.CharField(_("名（ローマ字）"), max_length=100, blank=True)
    orcid = models.CharField("ORCID", max_length=19, blank=True, validators=[ORCID_VALIDATOR])
    researchmap_id = models.CharField(_("researchmap ID"), max_length=100, blank=True)
    erad_number = models.CharField(
        _("e-Rad 研究者番号"), max_length=8, blank=True, validators=[ERAD_VALIDATOR]
    )
    kaken_id = models.CharField(_("KAKEN 研究者番号"), max_length=20, blank=True)
    affiliation = models.CharField(_("所属（機関・部局）"), max_length=300, blank=True)
    nationality = models.CharField(_("国籍"), max_length=2, blank=True, validators=[COUNTRY_VALIDATOR])

    class Meta:
        ordering = ["id"]
        verbose_name = _("研究者")

    def __str__(self) -> str:
        return f"{self.family_name} {self.given_name}".strip()

    @property
    def latin_name(self) -> str:
        return f"{self.given_name_latin} {self.family_name_latin}".strip()


class Member(CasePart):
    """A person's role in a case (PI, participant, student participant, CO-PI at a partner)."""

    class Role(models.TextChoices):
        PI = "pi", _("研究代表者")
        PARTICIPANT = "participant", _("研究参画者")
        STUDENT = "student", _("研究参画者（学生）")
        CO_PI = "co_pi", _("研究分担者")

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("研究者")
    )
    role = models.CharField(_("役割"), max_length=20, choices=Role.choices)

    class Meta:
        ordering = ["id"]
        verbose_name = _("参画者")
        constraints = [models.UniqueConstraint(fields=["case", "person"], name="member_once_per_case")]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


class Declaration(models.Model):
    """One declared item of P-3(1) for a person (also the peacetime record of P-2 (a)–(d))."""

    class Category(models.TextChoices):
        EDUCATION = "education", _("学歴")
        RESEARCH_HISTORY = "research_history", _("研究歴・職歴")
        GRANT = "grant", _("競争的研究費")
        NON_GRANT_SUPPORT = "non_grant_support", _("研究費以外の支援（給与・奨学金・寄附・兼職・名誉職）")
        PUBLICATION = "publication", _("論文等")
        TALENT_PROGRAMME = "talent_programme", _("外国の人材招へいプログラム")
        PATENT = "patent", _("発明・特許")
        DISCIPLINARY = "disciplinary", _("処分歴")

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="declarations", verbose_name=_("研究者")
    )
    category = models.CharField(_("区分"), max_length=30, choices=Category.choices)
    title = models.CharField(_("件名"), max_length=300)
    counterpart = models.CharField(_("相手方（機関・指導教員・資金提供者）"), max_length=300, blank=True)
    country = models.CharField(_("国"), max_length=2, blank=True, validators=[COUNTRY_VALIDATOR])
    role = models.CharField(_("立場・役割"), max_length=200, blank=True)
    start_date = models.DateField(_("開始日"), null=True, blank=True)
    end_date = models.DateField(_("終了日"), null=True, blank=True)
    identifier = models.CharField(_("識別子（DOI・課題番号・特許番号）"), max_length=200, blank=True)
    amount_jpy = models.BigIntegerField(_("金額（円）"), null=True, blank=True)
    details = models.TextField(_("詳細"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    #: what a declarant fills in — shared by the UI form and the XLSX template
    EDITABLE_FIELDS = (
        "category",
        "title",
        "counterpart",
        "country",
        "role",
        "start_date",
        "end_date",
        "identifier",
        "amount_jpy",
        "details",
    )

    class Meta:
        ordering = ["person_id", "category", "id"]
        verbose_name = _("申告")

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.title}"


class Supporter(CasePart):
    """A supporter other than the FA (P-3(3)): what they give, purpose, conditions."""

    class Kind(models.TextChoices):
        COMPANY = "company", _("企業")
        GOVERNMENT = "government", _("政府機関")
        FOUNDATION = "foundation", _("財団等")
        UNIVERSITY = "university", _("大学・研究機関")
        INDIVIDUAL = "individual", _("個人")
        OTHER = "other", _("その他")

    class Support(models.TextChoices):
        GRANT = "grant", _("研究費")
        DONATION = "donation", _("寄附")
        GOODS = "goods", _("物品")
        PAY = "pay", _("報酬")
        POST = "post", _("役職")
        OTHER = "other", _("その他")

    name = models.CharField(_("名称"), max_length=200)
    kind = models.CharField(_("種別"), max_length=20, choices=Kind.choices)
    country = models.CharField(_("国"), max_length=2, validators=[COUNTRY_VALIDATOR])
    support = models.CharField(_("支援の内容"), max_length=20, choices=Support.choices)
    is_research_money = models.BooleanField(_("研究資金である"), default=True)
    description = models.TextField(_("支援の詳細"), blank=True)
    purpose = models.TextField(_("目的"), blank=True)
    conditions = models.TextField(_("条件（見返りの要求等）"), blank=True)
    compliance = models.TextField(_("法令遵守・評判"), blank=True)
    ownership = models.TextField(_("資本関係（企業の場合）"), blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("支援者")

    def __str__(self) -> str:
        return self.name


class ManagedItem(CasePart):
    """Managed data and its protection (P-3(4)): DMP, managed data, non-electronic items,
    information systems, facilities."""

    class Kind(models.TextChoices):
        DMP = "dmp", _("データマネジメントプラン")
        MANAGED_DATA = "managed_data", _("管理対象データ")
        NON_ELECTRONIC = "non_electronic", _("電子化されていないもの（装置・試料等）")
        INFORMATION_SYSTEM = "information_system", _("情報システム（サイバーセキュリティ）")
        FACILITY = "facility", _("施設・設備（建物・部屋・実験室）")

    kind = models.CharField(_("種別"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("名称"), max_length=300)
    description = models.TextField(_("内容"), blank=True)
    policy = models.TextField(_("管理方針"), blank=True)
    access_level = models.CharField(_("アクセスレベル"), max_length=100, blank=True)
    location = models.CharField(_("保管場所"), max_length=200, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("管理対象データ等")

    def __str__(self) -> str:
        return self.title


def document_path(instance, filename: str) -> str:
    return f"documents/{instance.case_id}/{uuid.uuid4().hex}"


class Document(CasePart):
    """An uploaded document (contract, NDA, trade-secret designation, DMP …). Stored under a random
    name; the original name and SHA-256 are kept for the record."""

    file = models.FileField(_("ファイル"), upload_to=document_path)
    original_name = models.CharField(_("ファイル名"), max_length=255)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.BigIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    description = models.CharField(_("説明"), max_length=300, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["id"]
        verbose_name = _("文書")

    def __str__(self) -> str:
        return self.original_name


class Contract(CasePart):
    """Joint-research contract and the alternative route (P-3(5)): an NDA or a trade-secret designation
    under the Unfair Competition Prevention Act submitted instead; the FA decides."""

    class Kind(models.TextChoices):
        JOINT_RESEARCH = "joint_research", _("共同研究契約")
        MOU = "mou", _("MOU")
        NDA = "nda", _("秘密保持契約（NDA）")
        TRADE_SECRET = "trade_secret", _("営業秘密指定（不正競争防止法）")

    class FaDecision(models.TextChoices):
        NOT_APPLICABLE = "n/a", _("対象外")
        PENDING = "pending", _("FA判断待ち")
        ACCEPTED = "accepted", _("FAが認めた")
        REJECTED = "rejected", _("FAが認めなかった")

    kind = models.CharField(_("種別"), max_length=20, choices=Kind.choices)
    counterparty = models.CharField(_("相手方"), max_length=200)
    scope = models.TextField(_("連携の範囲"), blank=True)
    data_access = models.TextField(_("データへのアクセス"), blank=True)
    ip_terms = models.TextField(_("特許・知的財産"), blank=True)
    confidentiality = models.TextField(_("秘密保持"), blank=True)
    alternative_route = models.BooleanField(_("代替手段として提出（NDA・営業秘密）"), default=False)
    fa_decision = models.CharField(
        _("FAの判断"), max_length=10, choices=FaDecision.choices, default=FaDecision.NOT_APPLICABLE
    )
    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, null=True, blank=True, related_name="contracts"
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("契約")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.counterparty}"


class PeacetimeRecord(models.Model):
    """Peacetime information kept per institution (平時からの情報収集, P-2 (a)–(g))."""

    class Category(models.TextChoices):
        GRANTS = "grants", _("(a) 競争的研究費")
        OUTPUTS = "outputs", _("(b) 論文等の成果")
        IP = "ip", _("(c) 発明・特許等")
        INTEGRITY = "integrity", _("(d) 研究インテグリティ自己申告")
        DMP = "dmp", _("(e) データマネジメントプラン")
        INFORMATION_SYSTEMS = "information_systems", _("(f) 情報システム管理")
        FACILITIES = "facilities", _("(g) 施設・設備管理")

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="peacetime_records")
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="peacetime_records"
    )
    category = models.CharField(_("区分"), max_length=30, choices=Category.choices)
    title = models.CharField(_("件名"), max_length=300)
    details = models.TextField(_("詳細"), blank=True)
    identifier = models.CharField(_("識別子"), max_length=200, blank=True)
    recorded_on = models.DateField(_("記録日"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("平時情報")

    def __str__(self) -> str:
        return self.title


class Submission(models.Model):
    """What the institution submitted to the FA: a frozen snapshot. The FA sees only this."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="submissions")
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="submissions")
    number = models.PositiveIntegerField(_("提出回"))
    submitted_at = models.DateTimeField(_("提出日時"), auto_now_add=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("FAへの連絡事項"), blank=True)
    payload = models.JSONField(_("提出内容"))
    payload_sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("FAへの提出")
        constraints = [models.UniqueConstraint(fields=["case", "number"], name="submission_number_per_case")]

    def __str__(self) -> str:
        return f"{self.case.reference} #{self.number}"
