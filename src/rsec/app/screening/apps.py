from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "rsec.app.screening"
    label = "screening"
