from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "maturity.api"
    label = "api"
    verbose_name = "JSON API"

    def ready(self) -> None:
        from maturity.accounts.signals import password_changed
        from maturity.api import services

        password_changed.connect(services.revoke_on_password_change, dispatch_uid="api-revoke-on-password-change")
