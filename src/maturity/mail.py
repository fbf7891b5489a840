"""Email: the one way the product sends it, and why no page ever waits for a mail server.

`send_email` renders an email from its templates and sends it through Django's mail API, whose
backend here (settings.EMAIL_BACKEND) is `QueuedEmailBackend`: every message, Django's own password
reset included, becomes a background job in the same transaction as the work that sent it, and
`maturity worker` delivers it with the backend EMAIL_URL names (settings.EMAIL_DELIVERY_BACKEND).
A mail server that is down or slow fails only the job's attempt, which is tried again later; an
address the server refuses for good is not.
"""

from __future__ import annotations

import base64
import smtplib
from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.template.loader import render_to_string
from django.utils.translation import gettext, gettext_lazy

from maturity.jobs import Retry, Running, background
from maturity.words import counted

# After a failed delivery, wait 1 minute, then 5, 30, 2 hours and 6 hours: about 8.5 hours in all.
DELIVERY_DELAYS = (60, 300, 1800, 7200, 21600)


def send_email(
    *, to: str | Sequence[str], template: str, context: dict, subject: str | None = None, reply_to: str | None = None
) -> None:
    """Queue an email: its body from `template`.txt and, unless `subject` is given, its subject from
    `template`_subject.txt, both rendered with `context` and the product's name."""
    context = {**context, "product_name": settings.PRODUCT_NAME}
    if subject is None:
        subject = render_to_string(f"{template}_subject.txt", context)
    body = render_to_string(f"{template}.txt", context)
    EmailMessage(
        " ".join(subject.split()),
        body,
        settings.DEFAULT_FROM_EMAIL,
        [to] if isinstance(to, str) else list(to),
        reply_to=[reply_to] if reply_to else None,
    ).send()


class QueuedEmailBackend(BaseEmailBackend):
    """Queues each message for the worker instead of delivering it."""

    def send_messages(self, email_messages) -> int:
        for message in email_messages:
            recipients = ", ".join(message.recipients())
            title = gettext("Email to %(recipients)s: %(subject)s") % {
                "recipients": recipients,
                "subject": message.subject,
            }
            deliver.start(title=title[:200], message=to_json(message))
        return len(email_messages)


def is_temporary(error: BaseException) -> bool:
    """Whether another attempt may succeed: yes for a server that is down, slow or busy (4xx), no
    for one that refuses the message or every address for good (5xx)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return any(code < 500 for code, _ in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code < 500
    return isinstance(error, (smtplib.SMTPException, OSError))


@background(
    title=gettext_lazy("Email"),
    retry=Retry(delays=DELIVERY_DELAYS, when=is_temporary, abandoned=True),
    keep_arguments=False,
)
def deliver(job: Running, *, message: dict) -> dict:
    """Send one queued email. Its text (which may hold a sign-in link) is forgotten once it ends."""
    email = from_json(message)
    with get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False) as connection:
        connection.send_messages([email])
    return {"summary": counted(len(email.recipients()), "Sent to %(num)s address", "Sent to %(num)s addresses")}


def to_json(message: EmailMessage) -> dict:
    attachments = []
    for attachment in message.attachments:
        if not isinstance(attachment, tuple):
            raise TypeError("Attach files to emails as (name, content, type), not as MIME parts")
        name, content, mimetype = attachment
        data = content.encode() if isinstance(content, str) else content
        attachments.append([name, base64.b64encode(data).decode("ascii"), mimetype, isinstance(content, str)])
    return {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [list(alternative) for alternative in getattr(message, "alternatives", [])],
        "attachments": attachments,
    }


def from_json(data: dict) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        data["subject"],
        data["body"],
        data["from_email"],
        data["to"],
        bcc=data["bcc"],
        cc=data["cc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
        alternatives=[tuple(alternative) for alternative in data["alternatives"]],
    )
    for name, content, mimetype, is_text in data["attachments"]:
        raw = base64.b64decode(content)
        email.attach(name, raw.decode() if is_text else raw, mimetype)
    return email
