from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "maturity.documents"
    verbose_name = "Evidence documents"
    default_auto_field = "django.db.models.BigAutoField"
