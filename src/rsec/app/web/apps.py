from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "rsec.app.web"
    label = "web"
