from django.apps import AppConfig


class DiligenceConfig(AppConfig):
    name = "rsec.app.diligence"
    label = "diligence"
