"""Writes to assessments: starting one, saving answers and actions, and the sign-off cycle.

Every change to a response or an action is recorded as a `Change` (who, when, old and new
values); every step of the sign-off cycle as an `Event`. All writes happen in one transaction.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from maturity import audit, scoring
from maturity.assessments.models import AREA_ORDER, Action, ActionNote, Assessment, Change, Event, Response
from maturity.assessments.signals import answers_carried_forward
from maturity.frameworks.models import Framework
from maturity.organisations.models import Organisation
from maturity.words import counted, date_uk


class AssessmentError(Exception):
    """An action on an assessment that its current state does not allow."""


class StaleEdit(AssessmentError):
    """Someone else saved the same thing after the form was opened; theirs is `saved`."""

    def __init__(self, saved):
        self.saved = saved
        super().__init__(_("This was saved by someone else while you were editing it"))


StaleResponse = StaleEdit


class Incomplete(AssessmentError):
    """Some areas are not completed yet; they are listed in `unfinished`."""

    def __init__(self, unfinished: list[Response]):
        self.unfinished = unfinished
        super().__init__(
            counted(len(unfinished), "%(num)s area is not completed yet", "%(num)s areas are not completed yet")
        )


ANSWER_FIELDS = ("current_level", "target_level", "target_year", "evidence", "evidence_links", "confidence")
ACTION_FIELDS = ("title", "description", "owner_name", "owner_email", "due_date", "status")


def _name(user) -> str:
    return (user.full_name or user.email) if user else ""


def record_event(assessment: Assessment, kind: str, user, note: str = "") -> Event:
    return Event.objects.create(assessment=assessment, kind=kind, user=user, user_name=_name(user), note=note)


def _jsonable(value: Any) -> Any:
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for every field whose value changed."""
    return {
        name: [_jsonable(before.get(name)), _jsonable(after[name])]
        for name in after
        if _jsonable(before.get(name)) != _jsonable(after[name])
    }


def record_change(
    *,
    assessment: Assessment,
    area_id: int,
    subject: str,
    subject_id: int,
    fields: dict[str, list[Any]],
    user,
    source: str = Change.Source.WEB,
) -> Change | None:
    if not fields:
        return None
    return Change.objects.create(
        assessment=assessment,
        area_id=area_id,
        subject=subject,
        subject_id=subject_id,
        fields=fields,
        user=user,
        user_name=_name(user),
        source=source,
    )


def answer_of(response: Response) -> scoring.Answer:
    return scoring.Answer(
        current_level=response.current_level,
        target_level=response.target_level,
        target_year=response.target_year,
        confidence=response.confidence,
        evidence=response.evidence,
        evidence_links=tuple(response.evidence_links or ()),
        carried_over=response.carried_over,
    )


def _values(instance, fields) -> dict[str, Any]:
    return {name: getattr(instance, name) for name in fields}


def _locked(assessment_id: int) -> Assessment:
    return Assessment.objects.select_for_update().get(pk=assessment_id)


def last_signed_off(organisation: Organisation) -> Assessment | None:
    return organisation.assessments.filter(status=Assessment.Status.SIGNED_OFF).order_by("-signed_off_at").first()


class DraftExists(AssessmentError):
    """The organisation already has a draft on this framework: one draft at a time."""

    def __init__(self, draft: Assessment):
        self.draft = draft
        super().__init__(
            _(
                "%(organisation)s already has a draft assessment on this framework, “%(title)s”: "
                "continue it, or delete it before starting another"
            )
            % {"organisation": draft.organisation.name, "title": draft.title}
        )


def open_draft(organisation: Organisation, framework: Framework) -> Assessment | None:
    return organisation.assessments.filter(framework=framework, status=Assessment.Status.IN_PROGRESS).first()


def default_title(organisation: Organisation, year: int) -> str:
    """'Self-assessment 2026', or 'Self-assessment 2026 (2)' when that name is taken, so that no two
    of an organisation's assessments start with the same name."""
    taken = set(organisation.assessments.values_list("title", flat=True))
    title, number = f"Self-assessment {year}", 1
    while title in taken:
        number += 1
        title = f"Self-assessment {year} ({number})"
    return title


@transaction.atomic
def delete_draft(*, assessment: Assessment, user) -> None:
    """Delete a draft with its answers, actions and history; recorded in the audit log. A draft
    that was once submitted to a round (and reopened) is kept: the round's record names it."""
    assessment = _locked(assessment.pk)
    if not assessment.is_editable:
        raise AssessmentError(
            _("Only a draft can be deleted: reopen it first, or keep it as the record of its sign-off")
        )
    if assessment.round_entries.exists():
        raise AssessmentError(
            _("This draft was submitted to a diagnostic round, which keeps it on record: it cannot be deleted")
        )
    details = {
        "assessment": assessment.pk,
        "framework": assessment.framework.ref,
        "areas answered": assessment.responses.exclude(current_level=None).count(),
        "actions": assessment.actions.count(),
    }
    title, organisation = assessment.title, assessment.organisation
    assessment.delete()
    audit.record(kind="assessment-deleted", actor=user, organisation=organisation, subject=title, details=details)


@transaction.atomic
def start_assessment(
    *, organisation: Organisation, framework: Framework, title: str, user, carry_forward: bool = False
) -> Assessment:
    """A new assessment with one empty response per area, or with the answers of the last
    signed-off assessment copied forward (areas matched by key) and marked as carried over.

    The areas are the framework's, less those not applicable to the organisation's type, then
    the areas of the published variants of the framework of the groups the organisation is in."""
    if framework.status != Framework.Status.PUBLISHED:
        raise AssessmentError(_("Only a published framework can start a new assessment"))
    if framework.group_id is not None:
        raise AssessmentError(_("A group's variant is assessed with the framework it extends, not on its own"))
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()  # one start at a time
    draft = open_draft(organisation, framework)
    if draft is not None:
        raise DraftExists(draft)
    previous = last_signed_off(organisation) if carry_forward else None
    if carry_forward and previous is None:
        raise AssessmentError(_("There is no signed-off assessment to start from"))
    assessment = organisation.assessments.create(framework=framework, title=title, created_by=user, based_on=previous)
    earlier = {r.area.key: r for r in previous.responses.select_related("area")} if previous else {}
    responses = []
    variants = (
        framework.variants.filter(status=Framework.Status.PUBLISHED, group__members__organisation=organisation)
        .distinct()
        .order_by("group__name", "pk")
    )
    group_areas = [area for variant in variants for area in variant.areas.order_by("position")]
    for area in [*framework.areas.all(), *group_areas]:
        if organisation.type in (area.not_applicable_to or []):
            continue
        response = Response(assessment=assessment, area=area)
        source = earlier.get(area.key)
        if source is not None:
            for name in ANSWER_FIELDS:
                setattr(response, name, getattr(source, name))
            response.carried_over = True
        responses.append(response)
    Response.objects.bulk_create(responses)
    if previous:
        answers_carried_forward.send(sender=Assessment, responses=responses, earlier=earlier)
        record_event(assessment, Event.Kind.CARRIED_FORWARD, user, note=f"Answers copied from “{previous.title}”")
    else:
        record_event(assessment, Event.Kind.STARTED, user)
    return assessment


def is_blank(answer: dict[str, Any]) -> bool:
    return all(answer.get(name) in (None, "", [], ()) for name in ANSWER_FIELDS)


def nothing_to_save(response: Response, answer: dict[str, Any]) -> bool:
    """True when saving `answer` would change nothing: the same values as stored, and no carried-over
    answer to confirm (saving a carried-over answer unchanged confirms it)."""
    if response.carried_over:
        return False
    values = {name: answer.get(name) for name in ANSWER_FIELDS}
    return not diff(_values(response, ANSWER_FIELDS), values)


@transaction.atomic
def save_response(
    *, response: Response, answer: dict[str, Any], based_on_version: int, user, source: str = Change.Source.WEB
) -> Response:
    """Save an area's answer, unless someone else saved it since `based_on_version` was read.

    The update is conditional on the version in the database, so of two people saving the
    same area, the later one is refused rather than silently overwriting the earlier.
    Saving confirms an answer that was carried over.
    """
    assessment = _locked(response.assessment_id)
    if not assessment.is_editable:
        raise AssessmentError(_("This assessment is not a draft, so its answers cannot change: a lead can reopen it"))
    current = Response.objects.get(pk=response.pk)
    values = {name: answer[name] for name in ANSWER_FIELDS}
    updated = Response.objects.filter(pk=response.pk, version=based_on_version).update(
        **values, carried_over=False, version=F("version") + 1, updated_by=user, updated_at=timezone.now()
    )
    if not updated:
        raise StaleEdit(Response.objects.select_related("updated_by").get(pk=response.pk))
    changed = diff(_values(current, ANSWER_FIELDS), values)
    if current.carried_over:
        changed["carried_over"] = [True, False]
    record_change(
        assessment=assessment,
        area_id=current.area_id,
        subject=Change.Subject.RESPONSE,
        subject_id=current.pk,
        fields=changed,
        user=user,
        source=source,
    )
    response.refresh_from_db()
    return response


def unfinished_responses(assessment: Assessment) -> list[Response]:
    responses = assessment.responses.select_related("area").order_by(*AREA_ORDER)
    return [r for r in responses if scoring.area_status(answer_of(r)) != scoring.COMPLETED]


@transaction.atomic
def submit_for_sign_off(*, assessment: Assessment, user) -> Assessment:
    """Mark a draft complete: every area answered and every carried-over answer confirmed."""
    assessment = _locked(assessment.pk)
    if not assessment.is_editable:
        raise AssessmentError(_("This assessment has already been submitted for sign-off"))
    unfinished = unfinished_responses(assessment)
    if unfinished:
        raise Incomplete(unfinished)
    assessment.status = Assessment.Status.SUBMITTED
    assessment.submitted_by, assessment.submitted_at = user, timezone.now()
    assessment.save(update_fields=["status", "submitted_by", "submitted_at"])
    record_event(assessment, Event.Kind.SUBMITTED, user)
    audit.record(
        kind="assessment-submitted",
        actor=user,
        organisation=assessment.organisation,
        subject=assessment.title,
        details={"assessment": assessment.pk},
    )
    return assessment


complete_assessment = submit_for_sign_off


MEETING_FIELDS = ("meeting_kind", "meeting_name", "meeting_date", "minute_reference")


def sign_off_refusal(assessment: Assessment, user) -> str | None:
    """Why `user` may not sign `assessment` off, or None. An organisation may require that the
    person who signs off is not the one who submitted it (separation of duties)."""
    if assessment.status != Assessment.Status.SUBMITTED:
        return _("Only an assessment that has been submitted for sign-off can be signed off.")
    if assessment.organisation.sign_off_by_another_lead and assessment.submitted_by_id == user.pk:
        return _(
            "%(organisation)s requires another lead to sign off an assessment: you submitted "
            "this one, so a different lead signs it off."
        ) % {"organisation": assessment.organisation.name}
    return None


def meeting_text(assessment: Assessment) -> str:
    """'Audit and Governance Committee on 12 November 2026, minute 42/26', or '' for no meeting."""
    if not assessment.meeting_kind:
        return ""
    body = assessment.meeting_name or (_("Committee") if assessment.meeting_kind == "committee" else _("Cabinet"))
    return _("%(meeting)s on %(date)s, minute reference %(minute)s") % {
        "meeting": body,
        "date": date_uk(assessment.meeting_date),
        "minute": assessment.minute_reference,
    }


@transaction.atomic
def sign_off(
    *, assessment: Assessment, user, signer_name: str, signer_role: str, meeting: dict[str, Any] | None = None
) -> Assessment:
    """Sign a submitted assessment off; `meeting` is the meeting that agreed it (MEETING_FIELDS)."""
    assessment = _locked(assessment.pk)
    refusal = sign_off_refusal(assessment, user)
    if refusal:
        raise AssessmentError(refusal)
    assessment.status = Assessment.Status.SIGNED_OFF
    assessment.signed_off_by, assessment.signed_off_at = user, timezone.now()
    assessment.signer_name, assessment.signer_role = signer_name, signer_role
    for name in MEETING_FIELDS:
        setattr(assessment, name, (meeting or {}).get(name) or Assessment._meta.get_field(name).get_default())
    assessment.save(
        update_fields=["status", "signed_off_by", "signed_off_at", "signer_name", "signer_role", *MEETING_FIELDS]
    )
    meeting_note = meeting_text(assessment)
    record_event(
        assessment,
        Event.Kind.SIGNED_OFF,
        user,
        note=f"{signer_name}, {signer_role}" + (f"; agreed by {meeting_note}" if meeting_note else ""),
    )
    details = {"assessment": assessment.pk, "signed_by": f"{signer_name}, {signer_role}"}
    if meeting_note:
        details["meeting"] = meeting_note
    audit.record(
        kind="assessment-signed-off",
        actor=user,
        organisation=assessment.organisation,
        subject=assessment.title,
        details=details,
    )
    return assessment


@transaction.atomic
def reopen(*, assessment: Assessment, user, reason: str) -> Assessment:
    assessment = _locked(assessment.pk)
    if assessment.is_editable:
        raise AssessmentError(_("This assessment is already a draft"))
    if not reason.strip():
        raise AssessmentError(_("Give the reason for reopening the assessment"))
    assessment.status = Assessment.Status.IN_PROGRESS
    assessment.signed_off_by = assessment.signed_off_at = None
    assessment.signer_name = assessment.signer_role = ""
    assessment.meeting_kind = assessment.meeting_name = assessment.minute_reference = ""
    assessment.meeting_date = None
    assessment.save(
        update_fields=["status", "signed_off_by", "signed_off_at", "signer_name", "signer_role", *MEETING_FIELDS]
    )
    record_event(assessment, Event.Kind.REOPENED, user, note=reason.strip())
    audit.record(
        kind="assessment-reopened",
        actor=user,
        organisation=assessment.organisation,
        subject=assessment.title,
        details={"assessment": assessment.pk, "reason": reason.strip()},
    )
    return assessment


# --- Actions ---------------------------------------------------------------------------------


def can_change_actions(assessment: Assessment) -> bool:
    return assessment.is_editable


def can_report_progress(assessment: Assessment) -> bool:
    # The plan is delivered after sign-off: status and progress notes stay open, the rest is fixed.
    return True


@transaction.atomic
def add_action(
    *, assessment: Assessment, area, values: dict[str, Any], user, source: str = Change.Source.WEB
) -> Action:
    assessment = _locked(assessment.pk)
    if not can_change_actions(assessment):
        raise AssessmentError(_("Actions can only be added while the assessment is a draft"))
    action = Action.objects.create(
        assessment=assessment, area=area, created_by=user, **{name: values[name] for name in ACTION_FIELDS}
    )
    record_change(
        assessment=assessment,
        area_id=area.pk,
        subject=Change.Subject.ACTION,
        subject_id=action.pk,
        fields=diff({}, {name: values[name] for name in ACTION_FIELDS}),
        user=user,
        source=source,
    )
    return action


@transaction.atomic
def update_action(
    *, action: Action, values: dict[str, Any], based_on_version: int, user, source: str = Change.Source.WEB
) -> Action:
    assessment = _locked(action.assessment_id)
    current = Action.objects.get(pk=action.pk)
    fields = ACTION_FIELDS if can_change_actions(assessment) else ("status",)
    changes = {name: values[name] for name in fields if name in values}
    updated = Action.objects.filter(pk=action.pk, version=based_on_version).update(
        **changes, version=F("version") + 1, updated_at=timezone.now()
    )
    if not updated:
        raise StaleEdit(Action.objects.get(pk=action.pk))
    record_change(
        assessment=assessment,
        area_id=current.area_id,
        subject=Change.Subject.ACTION,
        subject_id=current.pk,
        fields=diff(_values(current, fields), changes),
        user=user,
        source=source,
    )
    action.refresh_from_db()
    return action


@transaction.atomic
def delete_action(*, action: Action, user) -> None:
    assessment = _locked(action.assessment_id)
    if not can_change_actions(assessment):
        raise AssessmentError(_("Actions can only be removed while the assessment is a draft"))
    record_change(
        assessment=assessment,
        area_id=action.area_id,
        subject=Change.Subject.ACTION,
        subject_id=action.pk,
        fields={name: [_jsonable(getattr(action, name)), None] for name in ACTION_FIELDS},
        user=user,
    )
    action.delete()


@transaction.atomic
def add_note(*, action: Action, date: datetime.date, text: str, user) -> ActionNote:
    _locked(action.assessment_id)
    note = ActionNote.objects.create(action=action, date=date, text=text, author=user)
    record_change(
        assessment=action.assessment,
        area_id=action.area_id,
        subject=Change.Subject.ACTION,
        subject_id=action.pk,
        fields={"progress note": [None, f"{date_uk(date)}: {text}"]},
        user=user,
    )
    return note
