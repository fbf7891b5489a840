"""Mail servers that fail, for the tests of email delivery."""

from __future__ import annotations

import smtplib

from django.core.mail.backends.base import BaseEmailBackend

calls: list[str] = []


class DownBackend(BaseEmailBackend):
    """A mail server that refuses connections (down, or unreachable)."""

    def send_messages(self, email_messages):
        calls.append("down")
        raise ConnectionRefusedError(111, "Connection refused")


class RefusingBackend(BaseEmailBackend):
    """A mail server that refuses the address for good (550: no such mailbox)."""

    def send_messages(self, email_messages):
        calls.append("refused")
        raise smtplib.SMTPRecipientsRefused({m.to[0]: (550, b"5.1.1 No such mailbox") for m in email_messages})
