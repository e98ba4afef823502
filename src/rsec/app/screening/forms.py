from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rsec.engine.lists.readers import DESCRIPTIONS

from .models import Hit


class UploadListForm(forms.Form):
    file = forms.FileField(label=_("リストファイル"))
    format = forms.ChoiceField(
        label=_("形式"),
        required=False,
        choices=[("", _("自動判定"))] + [(k, f"{k} — {v}") for k, v in DESCRIPTIONS.items()],
    )
    published = forms.DateField(label=_("公表日"), required=False, help_text=_("空欄ならファイルから判定"))


class ReviewForm(forms.Form):
    status = forms.ChoiceField(label=_("判断"), choices=Hit.Status.choices)
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
