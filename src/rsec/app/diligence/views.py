"""Server-rendered due-diligence pages and panels (Japanese first). Reads through :mod:`.policy`, writes
through :mod:`.services`; the person and case pages get their sections through ``web.panels``."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from rsec.app.cases import models as cm
from rsec.app.cases import policy as cp

from . import models as m
from . import policy, services

SEVERITIES = ["high", "medium", "low", "info"]


class EvidenceUploadForm(forms.Form):
    source = forms.ChoiceField(
        label=gettext_lazy("情報源"),
        choices=[(services.AUTO_SOURCE, gettext_lazy("自動判定")), *m.SOURCE_CHOICES],
    )
    file = forms.FileField(label=gettext_lazy("証拠ファイル"))
    retrieved_on = forms.DateField(
        label=gettext_lazy("取得日"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class ReviewForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("判断"), choices=m.Finding.Status.choices)
    reason = forms.CharField(label=gettext_lazy("理由"), required=False, max_length=5000)


def _case_person(user, case_pk: int, person_pk: int) -> tuple[cm.Case, cm.Person]:
    case = get_object_or_404(cp.visible_cases(user), pk=case_pk)
    person = get_object_or_404(policy.visible_case_people(user, case), pk=person_pk)
    return case, person


def _back(case_pk: int, person_pk: int):
    return redirect(reverse("person-detail", args=[person_pk]) + f"#diligence-{case_pk}")


def _messages_from(request, exc: ValidationError) -> None:
    for msg in exc.messages:
        messages.error(request, msg)


# ---------------------------------------------------------------- actions


@login_required
@require_POST
def evidence_upload(request, case_pk: int, person_pk: int):
    case, person = _case_person(request.user, case_pk, person_pk)
    form = EvidenceUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("ファイルと情報源を選択してください"))
        return _back(case.pk, person.pk)
    try:
        imp = services.import_evidence(
            request.user,
            case,
            person,
            form.cleaned_data["source"],
            form.cleaned_data["file"],
            retrieved_on=form.cleaned_data["retrieved_on"],
        )
    except ValidationError as exc:
        _messages_from(request, exc)
    else:
        messages.success(
            request,
            _("%(name)s を取り込みました（%(n)d 件）") % {"name": imp.original_name, "n": imp.record_count},
        )
    return _back(case.pk, person.pk)


@login_required
@require_POST
def run(request, case_pk: int, person_pk: int):
    case, person = _case_person(request.user, case_pk, person_pk)
    try:
        found = services.run_diligence(request.user, case, person)
    except ValidationError as exc:
        _messages_from(request, exc)
    else:
        messages.success(
            request, _("デュー・ディリジェンスを実行しました（新しい指摘 %(n)d 件）") % {"n": len(found)}
        )
    return _back(case.pk, person.pk)


@login_required
@require_POST
def review(request, pk: int):
    finding = get_object_or_404(policy.visible_findings(request.user), pk=pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("入力内容を確認してください"))
    else:
        try:
            services.review_finding(
                request.user, finding, form.cleaned_data["status"], form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            _messages_from(request, exc)
        else:
            messages.success(request, _("指摘事項の確認状況を更新しました"))
    return _back(finding.case_id, finding.person_id)


# ---------------------------------------------------------------- pages


@login_required
def record_detail(request, pk: int):
    record = get_object_or_404(policy.visible_records(request.user).select_related("evidence_import"), pk=pk)
    findings = policy.visible_findings(request.user).filter(records=record)
    raw = json.dumps(record.payload, ensure_ascii=False, indent=2, sort_keys=True)
    link = record.url if record.url.startswith(("https://", "http://")) else ""  # never javascript: etc.
    return render(
        request, "diligence/record.html", {"record": record, "findings": findings, "raw": raw, "link": link}
    )


@login_required
def home(request):
    """Review queue: open findings of the cases the user's institution leads or shares."""
    if not cp.is_staff_reader(request.user):
        raise PermissionDenied
    findings = (
        policy.visible_findings(request.user)
        .filter(status=m.Finding.Status.OPEN)
        .select_related("case", "person")
        .order_by("case_id", "person_id", "id")
    )
    return render(request, "diligence/home.html", {"findings": findings})


# ---------------------------------------------------------------- panels


def _found_items(findings) -> list[dict]:
    """Evidence items found (right-hand side of the comparison), one per source record, with the findings
    that rest on it."""
    items: dict[int, dict] = {}
    for f in findings:
        for rec in f.records.all():
            item = items.setdefault(rec.pk, {"record": rec, "findings": [], "details": []})
            item["findings"].append(f)
            for e in f.evidence:
                if any(p["record_id"] == rec.record_id for p in e.get("provenance", [])):
                    text = e.get("label", "") + (f" — {e['detail']}" if e.get("detail") else "")
                    if text not in item["details"]:
                        item["details"].append(text)
    return sorted(
        items.values(), key=lambda i: min(m.Finding.SEVERITY_ORDER.get(f.severity, 9) for f in i["findings"])
    )


def person_panel(request, person: cm.Person) -> str:
    user = request.user
    if not cp.is_staff_reader(user):
        return ""
    sections = []
    for case in cp.visible_cases(user).filter(member_set__person=person).distinct().order_by("id"):
        if policy.relation(user, case, person) == "":
            continue
        findings = list(
            policy.visible_findings(user)
            .filter(case=case, person=person)
            .select_related("declaration", "reviewed_by")
            .prefetch_related("records")
        )
        findings.sort(key=lambda f: (m.Finding.SEVERITY_ORDER.get(f.severity, 9), f.id))
        contradicted = {f.declaration_id for f in findings if f.declaration_id}
        declarations = [
            {"d": d, "flagged": d.pk in contradicted} for d in person.declarations.order_by("category", "id")
        ]
        imports = policy.visible_imports(user).filter(case=case).filter(
            person__in=[person]
        ) | policy.visible_imports(user).filter(case=case, person=None)
        sections.append(
            {
                "case": case,
                "findings": findings,
                "declarations": declarations,
                "found": _found_items(findings),
                "not_declared": sum(1 for f in findings if f.not_declared),
                "imports": imports.order_by("-id"),
                "can_act": policy.can_act(user, case, person),
                "upload_form": EvidenceUploadForm(initial={"retrieved_on": dt.date.today()}),
                "review_form": ReviewForm(),
            }
        )
    if not sections:
        return ""
    return render_to_string(
        "diligence/panel_person.html", {"person": person, "sections": sections}, request=request
    )


def case_panel(request, case: cm.Case) -> str:
    user = request.user
    if policy.relation(user, case, None) == "" and not (
        cp.is_staff_reader(user) and case.partner_set.filter(organization_id=user.organization_id).exists()
    ):
        return ""
    people = list(policy.visible_case_people(user, case).order_by("id"))
    if not people:
        return ""
    counts: dict[int, Counter] = {p.pk: Counter() for p in people}
    for person_id, severity, st in (
        policy.visible_findings(user).filter(case=case).values_list("person_id", "severity", "status")
    ):
        if person_id in counts:
            counts[person_id][(st, severity)] += 1
    rows = []
    for p in people:
        c = counts[p.pk]
        rows.append(
            {
                "person": p,
                "open": [c[("open", s)] for s in SEVERITIES],
                "accepted": sum(c[("accepted", s)] for s in SEVERITIES),
                "rejected": sum(c[("rejected", s)] for s in SEVERITIES),
                "total": sum(c.values()),
            }
        )
    return render_to_string(
        "diligence/panel_case.html",
        {"case": case, "rows": rows, "severities": [m.Finding.Severity(s).label for s in SEVERITIES]},
        request=request,
    )
