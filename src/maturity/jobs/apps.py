from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "maturity.jobs"
    label = "jobs"
    verbose_name = "Background jobs"
