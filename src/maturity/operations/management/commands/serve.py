from django.core.management.base import BaseCommand

from maturity.operations.serving import serve


class Command(BaseCommand):
    help = (
        "Serves the product with the production server (gunicorn), configured from the environment: "
        "HOST, PORT, WEB_CONCURRENCY, WEB_TIMEOUT, WEB_MAX_REQUESTS. Refuses to start with DEBUG on."
    )
    requires_system_checks = []  # checked by `maturity check --deploy`; the server starts at once

    def handle(self, *args, **options) -> None:
        serve()
