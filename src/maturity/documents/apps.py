from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "maturity.documents"
    verbose_name = "Evidence documents"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from maturity.assessments.signals import answers_carried_forward
        from maturity.documents.forward import carry_forward

        answers_carried_forward.connect(carry_forward, dispatch_uid="documents.carry_forward")
