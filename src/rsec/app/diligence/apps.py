from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiligenceConfig(AppConfig):
    name = "rsec.app.diligence"
    label = "diligence"
    verbose_name = _("デュー・ディリジェンス")

    def ready(self) -> None:
        from rsec.app.cases import policy as cp
        from rsec.app.web import panels

        from . import views

        if views.person_panel not in panels.PERSON_PANELS:
            panels.register_person_panel(views.person_panel)
        if views.case_panel not in panels.CASE_PANELS:
            panels.register_case_panel(views.case_panel)
        if not any(link.url_name == "diligence-home" for link in panels.NAV_LINKS):
            panels.NAV_LINKS.append(
                panels.NavLink("diligence-home", _("デュー・ディリジェンス"), cp.is_staff_reader)
            )
