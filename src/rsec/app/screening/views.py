"""Screening pages (Japanese first): the case panel with its hits, the screening home (snapshots and
the review queue of the user's institution) and the list upload. Reads go through :mod:`policy`,
writes through :mod:`services`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rsec.app.cases import policy as case_policy

from . import forms as f
from . import models as sm
from . import policy, services


def _messages(exc: ValidationError) -> list[str]:
    return [m for ms in exc.message_dict.values() for m in ms] if hasattr(exc, "error_dict") else exc.messages


def case_panel(request, case) -> str:
    """Section of the case page: the case's hits the user may see, with review forms."""
    user = request.user
    if not case_policy.is_staff_reader(user):
        return ""
    hits = policy.visible_hits(user).filter(case=case).select_related("subject", "snapshot", "reviewer")
    owners = policy.screenable_owner_ids(user, case)
    return render_to_string(
        "screening/case_panel.html",
        {
            "case": case,
            "hits": hits,
            "can_screen": owners is None or bool(owners),
            "can_review": case_policy.is_staff_writer(user) and case.status != case.Status.CLOSED,
            "review_form": f.ReviewForm(),
            "statuses": sm.Hit.Status.choices,
        },
        request=request,
    )


@login_required
def home(request):
    user = request.user
    if not case_policy.is_staff_reader(user):
        raise PermissionDenied
    queue = (
        policy.visible_hits(user)
        .filter(status=sm.Hit.Status.NEEDS_REVIEW)
        .select_related("subject", "case", "snapshot")
    )
    return render(
        request,
        "screening/home.html",
        {
            "snapshots": policy.visible_snapshots(user)[:50],
            "queue": queue,
            "can_load": policy.can_load_lists(user),
        },
    )


@login_required
def upload(request):
    user = request.user
    if not policy.can_load_lists(user):
        raise PermissionDenied
    form = f.UploadListForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            snap = services.load_snapshot(
                user,
                form.cleaned_data["file"],
                form.cleaned_data.get("format") or None,
                form.cleaned_data.get("published"),
            )
        except ValidationError as exc:
            for msg in _messages(exc):
                form.add_error(None, msg)
        else:
            messages.success(
                request,
                _("%(list)s を読み込みました（%(n)d 件）。進行中の案件を再照合します。")
                % {"list": snap.list_code, "n": snap.entity_count},
            )
            return redirect("screening-home")
    return render(request, "screening/upload.html", {"form": form})


@login_required
@require_POST
def run(request, case_pk):
    case = get_object_or_404(case_policy.visible_cases(request.user), pk=case_pk)
    try:
        outcome = services.screen_case(request.user, case)
    except ValidationError as exc:
        for msg in _messages(exc):
            messages.error(request, msg)
    else:
        messages.success(
            request,
            _("スクリーニングを実行しました: 新規 %(new)d 件、再検出 %(re)d 件")
            % {"new": len(outcome.new), "re": len(outcome.reraised)},
        )
    return redirect(f"/cases/{case.pk}/#screening")


@login_required
@require_POST
def review(request, pk):
    hit = get_object_or_404(policy.visible_hits(request.user), pk=pk)
    form = f.ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.review_hit(request.user, hit, form.cleaned_data["status"], form.cleaned_data["reason"])
        except ValidationError as exc:
            for msg in _messages(exc):
                messages.error(request, msg)
        else:
            messages.success(request, _("判断を記録しました"))
    else:
        messages.error(request, _("入力内容を確認してください"))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = f"/cases/{hit.case_id}/#screening"
    return redirect(target)
