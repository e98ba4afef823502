from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScreeningConfig(AppConfig):
    name = "rsec.app.screening"
    label = "screening"
    verbose_name = _("ウォッチリスト照合")

    def ready(self):
        from rsec.app.cases import policy as case_policy
        from rsec.app.web import panels

        from . import views

        if views.case_panel not in panels.CASE_PANELS:
            panels.register_case_panel(views.case_panel)
        if not any(link.url_name == "screening-home" for link in panels.NAV_LINKS):
            panels.NAV_LINKS.append(
                panels.NavLink("screening-home", _("ウォッチリスト照合"), case_policy.is_staff_reader)
            )
