"""Forms of the server-rendered UI. Validation of business rules stays in the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rsec.app.accounts.models import Organization
from rsec.app.cases import models as m

DATE = forms.DateInput(attrs={"type": "date"})


def part_form(model, fields):
    widgets = {f: DATE for f in fields if f.endswith("_date")}
    return forms.modelform_factory(model, fields=fields, widgets=widgets)


CaseForm = forms.modelform_factory(m.Case, fields=["program", "title", "title_en", "summary"])
PartnerForm = part_form(
    m.Partner,
    [
        "name_ja",
        "name_en",
        "country",
        "organization",
        "is_company",
        "purpose",
        "track_record",
        "ownership",
        "finances",
        "compliance",
        "reputation",
    ],
)
SupporterForm = part_form(
    m.Supporter,
    [
        "name",
        "kind",
        "country",
        "support",
        "is_research_money",
        "description",
        "purpose",
        "conditions",
        "compliance",
        "ownership",
    ],
)
ManagedItemForm = part_form(
    m.ManagedItem, ["kind", "title", "description", "policy", "access_level", "location"]
)
ContractForm = part_form(
    m.Contract,
    [
        "kind",
        "counterparty",
        "scope",
        "data_access",
        "ip_terms",
        "confidentiality",
        "alternative_route",
        "fa_decision",
        "document",
    ],
)
DeclarationForm = part_form(m.Declaration, list(m.Declaration.EDITABLE_FIELDS))
PeacetimeForm = part_form(m.PeacetimeRecord, ["category", "title", "details", "identifier", "recorded_on"])
ProgramForm = forms.modelform_factory(
    m.Program,
    fields=[
        "title_ja",
        "title_en",
        "designated",
        "call_title",
        "call_url",
        "risk_management_deadline",
        "technology_area",
    ],
    widgets={"risk_management_deadline": DATE},
)
PERSON_FIELDS = [
    "family_name",
    "given_name",
    "family_name_kana",
    "given_name_kana",
    "family_name_latin",
    "given_name_latin",
    "affiliation",
    "orcid",
    "researchmap_id",
    "erad_number",
    "kaken_id",
    "nationality",
]
PersonForm = forms.modelform_factory(m.Person, fields=PERSON_FIELDS)


class MemberForm(forms.Form):
    role = forms.ChoiceField(label=_("役割"), choices=m.Member.Role.choices)
    person = forms.ModelChoiceField(
        label=_("登録済みの研究者"), queryset=m.Person.objects.none(), required=False
    )
    owner = forms.ModelChoiceField(
        label=_("担当機関"),
        queryset=Organization.objects.none(),
        required=False,
        help_text=_("共同研究先機関の研究分担者は、その機関に担当を任せられます"),
    )

    def __init__(self, *args, people=None, owners=None, **kwargs):
        super().__init__(*args, **kwargs)
        if people is not None:
            self.fields["person"].queryset = people
        if owners is not None:
            self.fields["owner"].queryset = owners


class DocumentForm(forms.Form):
    file = forms.FileField(label=_("ファイル"))
    description = forms.CharField(label=_("説明"), max_length=300, required=False)


class SubmitForm(forms.Form):
    note = forms.CharField(
        label=_("FAへの連絡事項"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000
    )


class XlsxImportForm(forms.Form):
    file = forms.FileField(label=_("申告書（XLSX）"))


def restrict_partner_org(form) -> None:
    form.fields["organization"].queryset = Organization.objects.filter(kind=Organization.Kind.INSTITUTION)
