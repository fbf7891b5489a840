from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "maturity.accounts"
    label = "accounts"
    verbose_name = "Accounts"
