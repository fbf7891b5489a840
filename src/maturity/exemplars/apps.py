from django.apps import AppConfig


class ExemplarsConfig(AppConfig):
    name = "maturity.exemplars"
    label = "exemplars"
    verbose_name = "Exemplars"
