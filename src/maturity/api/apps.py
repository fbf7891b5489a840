from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "maturity.api"
    label = "api"
    verbose_name = "JSON API"
