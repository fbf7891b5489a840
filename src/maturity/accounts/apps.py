from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "maturity.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from maturity.accounts.middleware import remember_sign_in_time

        user_logged_in.connect(remember_sign_in_time, dispatch_uid="accounts.remember_sign_in_time")
