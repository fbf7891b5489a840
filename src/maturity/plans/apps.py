from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "maturity.plans"
    verbose_name = "Keeping the plan moving"
    default_auto_field = "django.db.models.BigAutoField"
