"""Log lines as JSON, one object a line, each with the id of the request being served (if any).

Read by `settings.LOGGING` (LOG_FORMAT=json, the default outside DEBUG), which the production
server's own messages use too (`maturity serve`).
"""

from __future__ import annotations

import logging

from django.http import HttpRequest
from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

from maturity import request_context


class RequestContextFilter(logging.Filter):
    """Adds the current request's id to every record (None outside a request).

    Django's own `django.request` lines carry the request object, whose text is the full address
    with its query string (which may hold a secret, such as a sign-in code): it is replaced by
    the request's id and loggable path.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if isinstance(request, HttpRequest):
            from maturity.operations.requests import loggable_path

            record.request = loggable_path(request)
            if not hasattr(record, "request_id"):
                record.request_id = getattr(request, "request_id", None)
        if getattr(record, "request_id", None) is None:
            record.request_id = request_context.request_id.get()
        return True


class JsonFormatter(_JsonFormatter):
    """`{"time": ..., "level": ..., "logger": ..., "message": ..., "request_id": ..., ...extra}`."""

    def __init__(self) -> None:
        super().__init__(
            ["levelname", "name", "message"],
            timestamp="time",
            rename_fields={"levelname": "level", "name": "logger"},
        )

    def add_fields(self, log_data: dict, record: logging.LogRecord, message_dict: dict) -> None:
        super().add_fields(log_data, record, message_dict)
        fields = list(log_data.items())  # the time first, where people look for it
        log_data.clear()
        log_data["time"] = dict(fields).get("time")
        log_data.update(fields)


class TextFormatter(logging.Formatter):
    """For a developer's terminal (LOG_FORMAT=text, the default with DEBUG)."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")
