"""Writes to framework versions: uploading a draft, publishing, retiring, discarding a draft.

A version goes draft -> published -> retired, never back. Only a draft changes; a published
version is superseded by a new version that follows it. Each function runs in one transaction
and checks the version again inside it, so a refused step changes nothing.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maturity import audit
from maturity.frameworks import loader
from maturity.frameworks.loader import FrameworkError, LoadResult
from maturity.frameworks.models import Framework

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


def read_upload(upload) -> dict:
    """The document in an uploaded file (YAML or JSON), or FrameworkError saying why not."""
    name = getattr(upload, "name", "") or _("the file")
    if upload.size > MAX_UPLOAD_BYTES:
        raise FrameworkError(
            [
                _("%(name)s is larger than %(mb)s MB: a framework file is much smaller")
                % {"name": name, "mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
            ]
        )
    raw = upload.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FrameworkError(
            [_("%(name)s: not UTF-8 text (byte %(byte)s): save it as UTF-8") % {"name": name, "byte": error.start}]
        ) from None
    return loader.parse(text, name=name, as_json=name.lower().endswith(".json"))


def upload_draft(document: dict) -> LoadResult:
    """Load an uploaded national framework document as a draft (a new one, or a draft updated)."""
    return loader.load(document, status=Framework.Status.DRAFT)


def _locked(framework: Framework) -> Framework:
    return Framework.objects.select_for_update().get(pk=framework.pk)


@transaction.atomic
def publish(framework: Framework, *, retire_followed: bool = False) -> Framework:
    """Publish a draft: new assessments can then start on it. With `retire_followed`, the version
    it follows is retired at the same time (it stays readable and keeps its assessments)."""
    framework = _locked(framework)
    if framework.status != Framework.Status.DRAFT:
        raise FrameworkError(
            [
                _("%(ref)s is %(state)s already: only a draft can be published")
                % {"ref": framework.ref, "state": str(framework.get_status_display()).lower()}
            ]
        )
    if framework.group_id is not None:
        return _publish_variant(framework)
    loader.check(loader.export(framework))
    followed = framework.follows
    if followed is not None and followed.status == Framework.Status.DRAFT:
        raise FrameworkError(
            [
                _("%(ref)s follows %(followed)s, which is a draft: publish %(followed)s first")
                % {"ref": framework.ref, "followed": followed.ref}
            ]
        )
    now = timezone.now()
    framework.status, framework.published_at = Framework.Status.PUBLISHED, now
    framework.save(update_fields=["status", "published_at"])
    audit.record(
        kind="framework-published",
        subject=framework.ref,
        details={
            "key": framework.key,
            "version": framework.version,
            "group": framework.group.name if framework.group_id else None,
        },
    )
    if retire_followed and followed is not None and followed.status == Framework.Status.PUBLISHED:
        _retire(followed, now)
    return framework


def _publish_variant(framework: Framework) -> Framework:
    extends = framework.extends
    if extends.status != Framework.Status.PUBLISHED:
        raise FrameworkError(
            [_("%(ref)s is not published, so the group cannot add areas to it") % {"ref": extends.ref}]
        )
    loader.check_variant(loader.variant_document(framework), group=framework.group, extends=extends)
    now = timezone.now()
    for current in Framework.objects.filter(group=framework.group, extends=extends, status=Framework.Status.PUBLISHED):
        _retire(current, now)
    framework.status, framework.published_at = Framework.Status.PUBLISHED, now
    framework.save(update_fields=["status", "published_at"])
    audit.record(
        kind="framework-published",
        subject=framework.ref,
        details={
            "key": framework.key,
            "version": framework.version,
            "group": framework.group.name if framework.group_id else None,
        },
    )
    return framework


def _retire(framework: Framework, now) -> None:
    framework.status, framework.retired_at = Framework.Status.RETIRED, now
    framework.save(update_fields=["status", "retired_at"])


@transaction.atomic
def retire(framework: Framework) -> Framework:
    """Retire a published version: no new assessments start on it; it stays readable, with its assessments."""
    framework = _locked(framework)
    if framework.status != Framework.Status.PUBLISHED:
        raise FrameworkError(
            [
                _("%(ref)s is %(state)s: only a published version can be retired")
                % {"ref": framework.ref, "state": str(framework.get_status_display()).lower()}
            ]
        )
    _retire(framework, timezone.now())
    return framework


@transaction.atomic
def discard_draft(framework: Framework) -> None:
    framework = _locked(framework)
    if framework.status != Framework.Status.DRAFT or framework.assessments.exists():
        raise FrameworkError(
            [_("%(ref)s is not a draft, so it cannot be deleted: retire it instead") % {"ref": framework.ref}]
        )
    if framework.followers.exists() or framework.variants.exists():
        raise FrameworkError(
            [_("Another version follows or extends %(ref)s: delete that one first") % {"ref": framework.ref}]
        )
    framework.delete()
