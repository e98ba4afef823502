from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "rsec.app.accounts"
    label = "accounts"
