from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "rsec.app.audit"
    label = "audit"
