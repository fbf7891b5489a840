from django.apps import AppConfig


class FrameworksConfig(AppConfig):
    name = "maturity.frameworks"
    label = "frameworks"
    verbose_name = "Frameworks"
