"""Server-rendered pages (Japanese first). Views only route: reads through policy selectors,
writes through services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from rsec.app.cases import models as m
from rsec.app.cases import policy, services
from rsec.app.cases import xlsx as declarations_xlsx

from . import forms as f
from . import panels

PART_FORMS = {
    "partner": (m.Partner, f.PartnerForm, gettext_lazy("共同研究先機関")),
    "supporter": (m.Supporter, f.SupporterForm, gettext_lazy("支援者")),
    "managed": (m.ManagedItem, f.ManagedItemForm, gettext_lazy("管理対象データ等")),
    "contract": (m.Contract, f.ContractForm, gettext_lazy("契約")),
}


def _errors_into(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errs in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, exc.messages)


def _case(user, pk) -> m.Case:
    return get_object_or_404(policy.visible_cases(user), pk=pk)


def _member_owners(user, case: m.Case):
    """Institutions a member row may be assigned to: the user's own, and (for the lead) partner tenants."""
    from rsec.app.accounts.models import Organization

    ids = {user.organization_id}
    if case.institution_id == user.organization_id:
        ids |= set(case.partner_set.exclude(organization=None).values_list("organization_id", flat=True))
    return Organization.objects.filter(id__in=ids)


@login_required
def home(request):
    if policy.is_fa_reader(request.user):
        return redirect("submission-list")
    return redirect("case-list")


@login_required
def case_list(request):
    cases = policy.visible_cases(request.user).select_related("program", "institution")
    q = request.GET.get("q", "").strip()
    if q:
        cases = cases.filter(title__icontains=q) | cases.filter(reference__icontains=q)
    template = "web/_case_rows.html" if request.headers.get("HX-Request") else "web/case_list.html"
    return render(
        request, template, {"cases": cases, "q": q, "can_create": policy.is_staff_writer(request.user)}
    )


@login_required
def case_create(request):
    if not policy.is_staff_writer(request.user):
        raise PermissionDenied
    form = f.CaseForm(request.POST or None)
    form.fields["program"].queryset = policy.visible_programs(request.user).filter(designated=True)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.create(request.user, m.Case, form.cleaned_data)
        except ValidationError as exc:
            _errors_into(form, exc)
        else:
            messages.success(request, _("案件を作成しました"))
            return redirect("case-detail", pk=case.pk)
    return render(request, "web/form.html", {"form": form, "title": _("新しい案件"), "back": "case-list"})


@login_required
def case_detail(request, pk):
    user = request.user
    case = _case(user, pk)
    relation = policy.case_role(user, case)
    parts = {
        name: policy.visible_parts(user, model).filter(case=case)
        for name, model in [
            ("partners", m.Partner),
            ("members", m.Member),
            ("supporters", m.Supporter),
            ("managed", m.ManagedItem),
            ("contracts", m.Contract),
            ("documents", m.Document),
        ]
    }
    parts["members"] = parts["members"].select_related("person", "owner")
    can_write = policy.is_staff_writer(user) and relation in ("lead", "partner")
    return render(
        request,
        "web/case_detail.html",
        {
            "case": case,
            "relation": relation,
            "parts": parts,
            "can_write": can_write,
            "can_submit": policy.can_write_case(user, case),
            "submissions": policy.visible_submissions(user).filter(case=case),
            "member_form": f.MemberForm(
                people=policy.visible_people(user),
                owners=_member_owners(user, case),
                initial={"owner": user.organization_id},
            ),
            "person_form": f.PersonForm(),
            "document_form": f.DocumentForm(),
            "submit_form": f.SubmitForm(),
            "panels": panels.render(panels.CASE_PANELS, request, case),
        },
    )


@login_required
def part_add(request, pk, kind):
    if kind not in PART_FORMS:
        raise Http404
    model, form_class, label = PART_FORMS[kind]
    case = _case(request.user, pk)
    form = form_class(request.POST or None)
    if "organization" in form.fields:
        f.restrict_partner_org(form)
    if "document" in form.fields:
        form.fields["document"].queryset = policy.visible_parts(request.user, m.Document).filter(case=case)
    if request.method == "POST" and form.is_valid():
        try:
            services.create(request.user, model, {"case": case, **form.cleaned_data})
        except ValidationError as exc:
            _errors_into(form, exc)
        else:
            messages.success(request, _("%(label)sを追加しました") % {"label": label})
            return redirect("case-detail", pk=case.pk)
    return render(request, "web/form.html", {"form": form, "title": label, "case": case})


@login_required
@require_POST
def member_add(request, pk):
    """Add a member to the case: an existing person, or a new one entered in the same form."""
    case = _case(request.user, pk)
    member_form = f.MemberForm(
        request.POST, people=policy.visible_people(request.user), owners=_member_owners(request.user, case)
    )
    person_form = f.PersonForm(request.POST)
    if not member_form.is_valid():
        messages.error(request, _("入力内容を確認してください"))
        return redirect("case-detail", pk=case.pk)
    person = member_form.cleaned_data["person"]
    if person is None and not person_form.is_valid():
        for field, errors in person_form.errors.items():
            label = person_form.fields[field].label if field in person_form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
        return redirect("case-detail", pk=case.pk)
    try:
        with transaction.atomic():
            if person is None:
                person = services.create(request.user, m.Person, person_form.cleaned_data)
            services.create(
                request.user,
                m.Member,
                {
                    "case": case,
                    "person": person,
                    "role": member_form.cleaned_data["role"],
                    "owner": member_form.cleaned_data["owner"] or request.user.organization,
                },
            )
    except ValidationError as exc:
        for msg in exc.messages:
            messages.error(request, msg)
    else:
        messages.success(request, _("%(name)s を登録しました") % {"name": person})
    return redirect("case-detail", pk=case.pk)


@login_required
@require_POST
def document_upload(request, pk):
    case = _case(request.user, pk)
    form = f.DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.upload_document(
                request.user, case, form.cleaned_data["file"], description=form.cleaned_data["description"]
            )
        except ValidationError as exc:
            for msg in exc.messages:
                messages.error(request, msg)
        else:
            messages.success(request, _("文書をアップロードしました"))
    else:
        messages.error(request, _("ファイルを選択してください"))
    return redirect("case-detail", pk=case.pk)


@login_required
def document_download(request, pk):
    doc = get_object_or_404(policy.visible_documents_for_download(request.user), pk=pk)
    return FileResponse(doc.file.open("rb"), as_attachment=True, filename=doc.original_name)


@login_required
@require_POST
def case_submit(request, pk):
    case = _case(request.user, pk)
    form = f.SubmitForm(request.POST)
    if form.is_valid():
        try:
            sub = services.submit_case(request.user, case, note=form.cleaned_data["note"])
        except ValidationError as exc:
            for msg in exc.messages:
                messages.error(request, msg)
        else:
            messages.success(request, _("FAへ提出しました（第%(n)d回）") % {"n": sub.number})
    return redirect("case-detail", pk=case.pk)


@login_required
def person_detail(request, pk):
    person = get_object_or_404(policy.visible_people(request.user), pk=pk)
    form = f.DeclarationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.create(request.user, m.Declaration, {"person": person, **form.cleaned_data})
        except ValidationError as exc:
            _errors_into(form, exc)
        else:
            messages.success(request, _("申告を追加しました"))
            return redirect("person-detail", pk=person.pk)
    return render(
        request,
        "web/person_detail.html",
        {
            "person": person,
            "declarations": person.declarations.all(),
            "form": form,
            "can_write": policy.can_write_person(request.user, person),
            "import_form": f.XlsxImportForm(),
            "panels": panels.render(panels.PERSON_PANELS, request, person),
        },
    )


@login_required
def declarations_export(request, pk):
    person = get_object_or_404(policy.visible_people(request.user), pk=pk)
    data = declarations_xlsx.export_declarations([person])
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="declarations-{person.pk}.xlsx"'
    return response


@login_required
@require_POST
def declarations_import(request, pk):
    person = get_object_or_404(policy.visible_people(request.user), pk=pk)
    form = f.XlsxImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            result = declarations_xlsx.import_declarations(
                request.user, form.cleaned_data["file"], people=[person]
            )
        except declarations_xlsx.XlsxImportError as exc:
            for problem in exc.problems[:50]:
                messages.error(request, str(problem))
        except PermissionDenied:
            messages.error(request, _("この操作を行う権限がありません"))
        else:
            messages.success(
                request, _("取り込みました: 追加 %(c)d 件、更新 %(u)d 件、変更なし %(s)d 件") % result
            )
    return redirect("person-detail", pk=person.pk)


@login_required
def program_list(request):
    form = f.ProgramForm(request.POST or None) if policy.is_fa_writer(request.user) else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            services.create(request.user, m.Program, form.cleaned_data)
        except ValidationError as exc:
            _errors_into(form, exc)
        else:
            messages.success(request, _("プログラムを登録しました"))
            return redirect("program-list")
    return render(
        request, "web/program_list.html", {"programs": policy.visible_programs(request.user), "form": form}
    )


@login_required
def submission_list(request):
    subs = policy.visible_submissions(request.user).select_related("case", "program", "case__institution")
    return render(request, "web/submission_list.html", {"submissions": subs})


@login_required
def submission_detail(request, pk):
    sub = get_object_or_404(policy.visible_submissions(request.user), pk=pk)
    alt_ids = [c["id"] for c in sub.payload.get("contracts", []) if c.get("alternative_route")]
    decisions = dict(
        m.Contract.objects.filter(id__in=alt_ids, case_id=sub.case_id).values_list("id", "fa_decision")
    )
    can_decide = policy.is_fa_writer(request.user) and sub.program.fa_id == request.user.organization_id
    if request.method == "POST" and can_decide:
        try:
            services.decide_alternative_route(
                request.user,
                sub,
                int(request.POST.get("contract", "0") or 0),
                request.POST.get("decision", ""),
                reason=request.POST.get("reason", ""),
            )
        except ValidationError as exc:
            for msg in exc.messages:
                messages.error(request, msg)
        else:
            messages.success(request, _("代替手段についての判断を記録しました"))
        return redirect("submission-detail", pk=sub.pk)
    return render(
        request,
        "web/submission_detail.html",
        {
            "sub": sub,
            "p": sub.payload,
            "decisions": decisions,
            "can_decide": can_decide,
            "decision_choices": [
                c for c in m.Contract.FaDecision.choices if c[0] in ("accepted", "rejected")
            ],
        },
    )


@login_required
def peacetime(request):
    if not (policy.is_staff_reader(request.user) or policy.is_researcher(request.user)):
        raise PermissionDenied
    form = f.PeacetimeForm(request.POST or None) if policy.is_staff_writer(request.user) else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            services.create(request.user, m.PeacetimeRecord, form.cleaned_data)
        except ValidationError as exc:
            _errors_into(form, exc)
        else:
            messages.success(request, _("平時情報を登録しました"))
            return redirect("peacetime")
    return render(
        request, "web/peacetime.html", {"records": policy.visible_peacetime(request.user), "form": form}
    )


@login_required
def audit_list(request):
    entries = policy.visible_audit(request.user).order_by("-seq")
    case_id = request.GET.get("case", "")
    if case_id.isdigit():
        entries = entries.filter(case_id=int(case_id))
    return render(request, "web/audit_list.html", {"entries": entries[:500], "case_id": case_id})
