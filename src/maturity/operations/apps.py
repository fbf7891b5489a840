import atexit

from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate


def create_cache_table(using: str = "default", **kwargs) -> None:
    """The database cache's table, made by every `migrate` (and so by `make run`, CI and the test
    database), so that nobody has to remember `createcachetable`. It does nothing when the table
    is there, or when the cache is Redis."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


def watch_writes(connection, **kwargs) -> None:
    """Every write to the database makes the signed-in pages kept before be made again
    (maturity/pagecache.py)."""
    from maturity import pagecache

    if pagecache.watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(pagecache.watch_writes)


class OperationsConfig(AppConfig):
    """Running as a service: health endpoints, request logs, the shared cache's table, the
    production server, backups."""

    name = "maturity.operations"
    label = "operations"
    verbose_name = "Operations"

    def ready(self) -> None:
        post_migrate.connect(create_cache_table, sender=self, dispatch_uid="operations.create_cache_table")
        connection_created.connect(watch_writes, dispatch_uid="operations.watch_writes")
        from django.core.signals import request_finished

        from maturity import pagecache

        request_finished.connect(pagecache.tell_data_changed, dispatch_uid="operations.tell_data_changed")
        atexit.register(pagecache.tell_data_changed)  # a command's last writes
        from django.db.models.signals import post_delete, post_save

        from maturity import legal  # also registers the deploy check that the operator is named

        for signal in (post_save, post_delete):
            signal.connect(
                legal.forget_current_framework,
                sender="frameworks.Framework",
                dispatch_uid=f"legal.forget_current_framework.{signal is post_save}",
            )
