from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "maturity.organisations"
    label = "organisations"
    verbose_name = "Organisations"
