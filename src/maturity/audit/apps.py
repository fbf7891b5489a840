from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "maturity.audit"
    label = "audit"
    verbose_name = "Audit log"

    def ready(self) -> None:
        from maturity.audit import receivers  # noqa: F401  (connects the sign-in signals)
