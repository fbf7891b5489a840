from django.apps import AppConfig


class WorkplaceConfig(AppConfig):
    """No models: the pages (and the demo command) that combine the apps below."""

    name = "maturity.workplace"
    verbose_name = "Pages that combine several apps"
