from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "rsec.app.cases"
    label = "cases"
