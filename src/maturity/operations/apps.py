from django.apps import AppConfig
from django.db.models.signals import post_migrate


def create_cache_table(using: str = "default", **kwargs) -> None:
    """The database cache's table, made by every `migrate` (and so by `make run`, CI and the test
    database), so that nobody has to remember `createcachetable`. It does nothing when the table
    is there, or when the cache is Redis."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class OperationsConfig(AppConfig):
    """Running as a service: health endpoints, request logs, the shared cache's table, the
    production server, backups."""

    name = "maturity.operations"
    label = "operations"
    verbose_name = "Operations"

    def ready(self) -> None:
        post_migrate.connect(create_cache_table, sender=self, dispatch_uid="operations.create_cache_table")
        from django.db.models.signals import post_delete, post_save

        from maturity import legal  # also registers the deploy check that the operator is named

        for signal in (post_save, post_delete):
            signal.connect(legal.forget_current_framework, sender="frameworks.Framework",
                           dispatch_uid=f"legal.forget_current_framework.{signal is post_save}")
