from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "maturity.evidence"
    label = "evidence"
    verbose_name = "Evidence"
