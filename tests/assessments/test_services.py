"""The rules of sign-off, change history and the action plan (docs/adr/0011-sign-off-and-history.md),
proved on the service functions of maturity/assessments/services.py directly: no client, no page.

Each test is named as the rule it proves, so that the names read as the ADR does."""

from __future__ import annotations

import datetime

import pytest

from maturity.assessments import services
from maturity.assessments.models import Action, Assessment, Change, Event, Response
from maturity.audit.models import AuditEvent
from maturity.organisations.models import Membership, Role
from tests.assessments.helpers import YEAR, complete_every_area

AREA = "engaging-councillors"
ANSWER = {
    "current_level": 2,
    "target_level": 4,
    "target_year": YEAR + 2,
    "evidence": "Cabinet minutes",
    "evidence_links": ["https://camden.example/minutes"],
    "confidence": "medium",
}
ACTION = {
    "title": "Brief the cabinet member",
    "description": "Quarterly briefing",
    "owner_name": "Priya Patel",
    "owner_email": "priya.patel@camden.example",
    "due_date": datetime.date(YEAR + 1, 3, 31),
    "status": Action.Status.NOT_STARTED,
}


def response_in(assessment: Assessment, key: str = AREA) -> Response:
    return assessment.responses.select_related("area").get(area__key=key)


def submit(assessment: Assessment, user) -> Assessment:
    complete_every_area(assessment, user)
    return services.submit_for_sign_off(assessment=assessment, user=user)


def sign(assessment: Assessment, user, name: str = "Lena Lead") -> Assessment:
    return services.sign_off(assessment=assessment, user=user, signer_name=name, signer_role="Head of Procurement")


@pytest.fixture
def submitted(assessment, lead):
    return submit(assessment, lead)


@pytest.fixture
def signed_off(submitted, lead):
    return sign(submitted, lead)


@pytest.fixture
def action(assessment, lead):
    return services.add_action(assessment=assessment, area=response_in(assessment).area, values=ACTION, user=lead)


def answer(response: Response) -> dict:
    """The answer as a form or the workbook gives it to save_response."""
    return {name: getattr(response, name) for name in services.ANSWER_FIELDS}


def kinds(assessment: Assessment) -> list[str]:
    return list(assessment.events.order_by("at", "pk").values_list("kind", flat=True))


# --- Starting: a draft, fresh or from the last signed-off assessment -----------------------------


class TestStart:
    def test_a_new_assessment_is_a_draft_with_one_empty_response_per_area(self, assessment, nps, lead):
        assert assessment.status == Assessment.Status.IN_PROGRESS and assessment.is_editable
        assert assessment.responses.count() == nps.areas.count()
        assert not assessment.responses.exclude(current_level=None).exists()
        assert not assessment.responses.filter(carried_over=True).exists()
        assert assessment.based_on is None

    def test_starting_is_a_step_recorded_as_an_event(self, assessment, lead):
        event = assessment.events.get()
        assert (event.kind, event.user, event.user_name) == (Event.Kind.STARTED, lead, "Lena Lead")

    def test_one_draft_at_a_time_on_a_framework(self, assessment, camden, nps, lead):
        with pytest.raises(services.DraftExists) as refused:
            services.start_assessment(organisation=camden, framework=nps, title="Another", user=lead)
        assert refused.value.draft == assessment
        assert camden.assessments.count() == 1

    def test_starting_from_the_last_signed_off_needs_one(self, camden, nps, lead):
        with pytest.raises(services.AssessmentError, match="no signed-off assessment to start from"):
            services.start_assessment(organisation=camden, framework=nps, title="2027", user=lead, carry_forward=True)
        assert not camden.assessments.exists()

    def test_a_submitted_assessment_that_is_not_signed_off_is_not_carried_forward(self, submitted, camden, nps, lead):
        with pytest.raises(services.AssessmentError, match="no signed-off assessment"):
            services.start_assessment(organisation=camden, framework=nps, title="2027", user=lead, carry_forward=True)


class TestCarryForward:
    @pytest.fixture
    def previous(self, assessment, lead):
        complete_every_area(assessment, lead)
        services.save_response(response=response_in(assessment), answer=ANSWER, based_on_version=0, user=lead)
        return sign(services.submit_for_sign_off(assessment=assessment, user=lead), lead)

    @pytest.fixture
    def carried(self, previous, camden, nps, lead):
        return services.start_assessment(
            organisation=camden, framework=nps, title="2027", user=lead, carry_forward=True
        )

    def test_a_new_assessment_can_start_from_the_last_signed_off_one(self, carried, previous):
        assert carried.based_on == previous and carried.is_editable
        assert kinds(carried) == [Event.Kind.CARRIED_FORWARD]
        assert f"“{previous.title}”" in carried.events.get().note

    def test_answers_are_copied_areas_matched_by_key(self, carried, previous):
        for new in carried.responses.select_related("area"):
            old = response_in(previous, new.area.key)
            assert answer(new) == answer(old)
        assert answer(response_in(carried)) == ANSWER

    def test_copied_answers_are_marked_carried_over_until_someone_saves_them_again(self, carried, lead):
        assert not carried.responses.filter(carried_over=False).exists()
        response = response_in(carried)
        services.save_response(response=response, answer=answer(response), based_on_version=response.version, user=lead)
        assert response_in(carried).carried_over is False
        assert carried.responses.filter(carried_over=True).count() == carried.responses.count() - 1

    def test_confirming_a_carried_over_answer_unchanged_is_recorded_as_a_change(self, carried, lead):
        response = response_in(carried)
        assert not services.nothing_to_save(response, answer(response))
        services.save_response(response=response, answer=answer(response), based_on_version=response.version, user=lead)
        assert carried.changes.get().fields == {"carried_over": [True, False]}

    def test_the_earlier_assessment_is_left_as_it_was(self, carried, previous):
        previous.refresh_from_db()
        assert previous.is_signed_off and not previous.responses.filter(carried_over=True).exists()

    def test_a_carried_over_answer_is_not_complete_until_confirmed(self, carried, lead):
        with pytest.raises(services.Incomplete) as refused:
            services.submit_for_sign_off(assessment=carried, user=lead)
        assert len(refused.value.unfinished) == carried.responses.count()

    def test_only_the_last_signed_off_assessment_is_carried_forward(self, carried, previous, camden, nps, lead):
        complete_every_area(carried, lead)
        response = response_in(carried)
        services.save_response(
            response=response, answer={**ANSWER, "current_level": 3}, based_on_version=response.version, user=lead
        )
        later = sign(services.submit_for_sign_off(assessment=carried, user=lead), lead)
        latest = services.start_assessment(
            organisation=camden, framework=nps, title="2028", user=lead, carry_forward=True
        )
        assert latest.based_on == later
        assert response_in(latest).current_level == 3


# --- Saving answers: versions, history, drafts only ----------------------------------------------


class TestSave:
    def test_every_save_writes_a_change_with_the_user_the_source_and_old_and_new_values(self, assessment, lead):
        response = response_in(assessment)
        services.save_response(
            response=response, answer=ANSWER, based_on_version=0, user=lead, source=Change.Source.IMPORT
        )
        change = assessment.changes.get()
        assert (change.user, change.user_name, change.source) == (lead, "Lena Lead", Change.Source.IMPORT)
        assert (change.subject, change.subject_id, change.area_id) == (
            Change.Subject.RESPONSE,
            response.pk,
            response.area_id,
        )
        assert change.fields["current_level"] == [None, 2]
        assert change.fields["evidence_links"] == [[], ["https://camden.example/minutes"]]
        assert change.fields["confidence"] == ["", "medium"]

    def test_a_change_names_only_the_fields_that_changed(self, assessment, lead):
        response = services.save_response(
            response=response_in(assessment), answer=ANSWER, based_on_version=0, user=lead
        )
        services.save_response(
            response=response, answer={**ANSWER, "target_level": 5}, based_on_version=response.version, user=lead
        )
        assert assessment.changes.order_by("-at", "-pk").first().fields == {"target_level": [4, 5]}

    def test_every_save_gives_the_response_a_new_version(self, assessment, lead):
        response = services.save_response(
            response=response_in(assessment), answer=ANSWER, based_on_version=0, user=lead
        )
        assert response.version == 1 and response.updated_by == lead and response.updated_at is not None

    def test_a_save_based_on_an_old_version_is_refused_and_tells_what_the_first_person_saved(
        self, assessment, lead, contributor
    ):
        opened = response_in(assessment)  # both open the form at version 0
        services.save_response(response=opened, answer=ANSWER, based_on_version=0, user=contributor)
        with pytest.raises(services.StaleEdit) as refused:
            services.save_response(
                response=response_in(assessment), answer={**ANSWER, "current_level": 5}, based_on_version=0, user=lead
            )
        assert (refused.value.saved.current_level, refused.value.saved.updated_by) == (2, contributor)
        assert response_in(assessment).current_level == 2  # refused, not merged
        assert assessment.changes.count() == 1

    def test_saving_the_stored_values_again_has_nothing_to_save(self, assessment, lead):
        response = services.save_response(
            response=response_in(assessment), answer=ANSWER, based_on_version=0, user=lead
        )
        assert services.nothing_to_save(response, ANSWER)
        assert not services.nothing_to_save(response, {**ANSWER, "confidence": "high"})

    def test_a_blank_answer_is_blank(self):
        assert services.is_blank({"current_level": None, "evidence": "", "evidence_links": []})
        assert not services.is_blank({"current_level": 1})

    @pytest.mark.parametrize("state", ["submitted", "signed_off"])
    def test_answers_are_read_only_unless_the_assessment_is_a_draft(self, state, request, lead):
        assessment = request.getfixturevalue(state)
        response = response_in(assessment)
        with pytest.raises(services.AssessmentError, match="not a draft"):
            services.save_response(
                response=response, answer={**ANSWER, "current_level": 5}, based_on_version=response.version, user=lead
            )
        assert response_in(assessment).current_level == response.current_level


# --- Submitting for sign-off --------------------------------------------------------------------


class TestSubmit:
    def test_an_assessment_is_submitted_once_every_area_is_complete(self, assessment, lead):
        complete_every_area(assessment, lead)
        submitted = services.submit_for_sign_off(assessment=assessment, user=lead)
        assert submitted.status == Assessment.Status.SUBMITTED
        assert (submitted.submitted_by, kinds(submitted)) == (lead, [Event.Kind.STARTED, Event.Kind.SUBMITTED])
        assert AuditEvent.objects.filter(kind="assessment-submitted", subject=submitted.title).exists()

    def test_submitting_is_refused_while_an_area_is_incomplete_naming_those_areas(self, assessment, lead):
        complete_every_area(assessment, lead)
        unfinished = response_in(assessment)
        Response.objects.filter(pk=unfinished.pk).update(confidence="")
        with pytest.raises(services.Incomplete) as refused:
            services.submit_for_sign_off(assessment=assessment, user=lead)
        assert [r.area.key for r in refused.value.unfinished] == [AREA]
        assert str(refused.value) == "1 area is not completed yet"
        assessment.refresh_from_db()
        assert assessment.is_editable and kinds(assessment) == [Event.Kind.STARTED]

    def test_a_fresh_draft_names_every_area_as_not_completed(self, assessment, lead):
        with pytest.raises(services.Incomplete) as refused:
            services.submit_for_sign_off(assessment=assessment, user=lead)
        count = assessment.responses.count()
        assert len(refused.value.unfinished) == count and str(refused.value) == f"{count} areas are not completed yet"

    def test_an_assessment_is_submitted_only_once(self, submitted, lead):
        with pytest.raises(services.AssessmentError, match="already been submitted"):
            services.submit_for_sign_off(assessment=submitted, user=lead)


# --- Signing off --------------------------------------------------------------------------------


class TestSignOff:
    def test_a_lead_signs_off_with_the_signers_name_role_and_date(self, signed_off, lead):
        assert signed_off.status == Assessment.Status.SIGNED_OFF and signed_off.is_signed_off
        assert (signed_off.signer_name, signed_off.signer_role, signed_off.signed_off_by) == (
            "Lena Lead",
            "Head of Procurement",
            lead,
        )
        assert signed_off.signed_off_at is not None
        event = signed_off.events.get(kind=Event.Kind.SIGNED_OFF)
        assert event.note == "Lena Lead, Head of Procurement"
        assert AuditEvent.objects.filter(kind="assessment-signed-off").exists()

    def test_only_a_submitted_assessment_can_be_signed_off(self, assessment, lead):
        with pytest.raises(services.AssessmentError, match="Only an assessment that has been submitted"):
            sign(assessment, lead)
        assessment.refresh_from_db()
        assert assessment.is_editable and assessment.signer_name == ""

    def test_a_signed_off_assessment_is_not_signed_off_again(self, signed_off, lead):
        with pytest.raises(services.AssessmentError):
            sign(signed_off, lead, name="Someone Else")
        signed_off.refresh_from_db()
        assert signed_off.signer_name == "Lena Lead"

    def test_an_organisation_may_require_another_lead_than_the_one_who_submitted(self, submitted, camden, lead):
        camden.sign_off_by_another_lead = True
        camden.save()
        submitted.organisation.refresh_from_db()
        assert "requires another lead" in services.sign_off_refusal(submitted, lead)
        with pytest.raises(services.AssessmentError, match="requires another lead"):
            sign(submitted, lead)
        from tests.factories import make_member

        second = make_member(camden, Role.LEAD, "Sasha Second")
        assert services.sign_off_refusal(submitted, second) is None
        assert sign(submitted, second, name="Sasha Second").signed_off_by == second

    def test_the_meeting_that_agreed_the_sign_off_is_recorded_with_it(self, submitted, lead):
        day = datetime.date(YEAR - 1, 11, 12)
        services.sign_off(
            assessment=submitted,
            user=lead,
            signer_name="Lena Lead",
            signer_role="Head",
            meeting={
                "meeting_kind": "committee",
                "meeting_name": "Audit and Governance Committee",
                "meeting_date": day,
                "minute_reference": "42/26",
            },
        )
        submitted.refresh_from_db()
        assert services.meeting_text(submitted).startswith("Audit and Governance Committee on ")
        assert "agreed by Audit and Governance Committee" in submitted.events.get(kind=Event.Kind.SIGNED_OFF).note


# --- Reopening ----------------------------------------------------------------------------------


class TestReopen:
    @pytest.mark.parametrize("state", ["submitted", "signed_off"])
    def test_a_lead_reopens_a_submitted_or_signed_off_assessment_and_it_is_a_draft_again(self, state, request, lead):
        assessment = services.reopen(assessment=request.getfixturevalue(state), user=lead, reason="New evidence")
        assert assessment.is_editable
        assert (assessment.signer_name, assessment.signer_role, assessment.signed_off_by) == ("", "", None)
        event = assessment.events.get(kind=Event.Kind.REOPENED)
        assert (event.note, event.user) == ("New evidence", lead)

    def test_reopening_needs_a_reason(self, signed_off, lead):
        with pytest.raises(services.AssessmentError, match="Give the reason"):
            services.reopen(assessment=signed_off, user=lead, reason="   ")
        signed_off.refresh_from_db()
        assert signed_off.is_signed_off

    def test_a_draft_is_not_reopened(self, assessment, lead):
        with pytest.raises(services.AssessmentError, match="already a draft"):
            services.reopen(assessment=assessment, user=lead, reason="Why not")

    def test_each_step_is_an_event_and_nothing_is_deleted(self, signed_off, lead):
        services.reopen(assessment=signed_off, user=lead, reason="The cabinet asked again")
        submit(signed_off, lead)
        sign(signed_off, lead)
        assert kinds(signed_off) == [
            Event.Kind.STARTED,
            Event.Kind.SUBMITTED,
            Event.Kind.SIGNED_OFF,
            Event.Kind.REOPENED,
            Event.Kind.SUBMITTED,
            Event.Kind.SIGNED_OFF,
        ]

    def test_answers_can_change_again_once_reopened(self, signed_off, lead):
        services.reopen(assessment=signed_off, user=lead, reason="New evidence")
        response = response_in(signed_off)
        services.save_response(response=response, answer=ANSWER, based_on_version=response.version, user=lead)
        assert response_in(signed_off).target_level == 4


# --- Deleting a draft ---------------------------------------------------------------------------


class TestDeleteDraft:
    def test_a_draft_is_deleted_with_its_answers_and_actions_and_the_audit_log_records_it(
        self, assessment, action, camden, lead
    ):
        pk, title = assessment.pk, assessment.title
        services.delete_draft(assessment=assessment, user=lead)
        assert not Assessment.objects.filter(pk=pk).exists()
        assert not Response.objects.filter(assessment_id=pk).exists()
        assert not Action.objects.filter(pk=action.pk).exists()
        event = AuditEvent.objects.get(kind="assessment-deleted")
        assert (event.actor, event.organisation, event.subject, event.details["actions"]) == (lead, camden, title, 1)

    @pytest.mark.parametrize("state", ["submitted", "signed_off"])
    def test_only_a_draft_can_be_deleted(self, state, request, lead):
        assessment = request.getfixturevalue(state)
        with pytest.raises(services.AssessmentError, match="Only a draft can be deleted"):
            services.delete_draft(assessment=assessment, user=lead)
        assert Assessment.objects.filter(pk=assessment.pk).exists()
        assert not AuditEvent.objects.filter(kind="assessment-deleted").exists()

    def test_once_deleted_a_new_draft_can_start(self, assessment, camden, nps, lead):
        services.delete_draft(assessment=assessment, user=lead)
        assert services.start_assessment(organisation=camden, framework=nps, title="Again", user=lead).is_editable


# --- The action plan ----------------------------------------------------------------------------


class TestActions:
    def test_adding_an_action_writes_a_change_with_every_field_new(self, action, assessment, lead):
        change = assessment.changes.get(subject=Change.Subject.ACTION)
        assert change.subject_id == action.pk and change.user == lead
        assert change.fields["title"] == [None, "Brief the cabinet member"]
        assert change.fields["due_date"] == [None, f"{YEAR + 1}-03-31"]

    def test_changing_an_action_records_the_fields_that_changed_and_a_new_version(self, action, assessment, lead):
        services.update_action(
            action=action, values={**ACTION, "owner_name": "Sam Smith"}, based_on_version=0, user=lead
        )
        assert action.version == 1 and action.owner_name == "Sam Smith"
        latest = assessment.changes.filter(subject=Change.Subject.ACTION).order_by("-pk").first()
        assert latest.fields == {"owner_name": ["Priya Patel", "Sam Smith"]}

    def test_a_change_to_an_action_based_on_an_old_version_is_refused(self, action, lead, contributor):
        services.update_action(
            action=action, values={**ACTION, "status": Action.Status.IN_PROGRESS}, based_on_version=0, user=contributor
        )
        with pytest.raises(services.StaleEdit) as refused:
            services.update_action(
                action=Action.objects.get(pk=action.pk),
                values={**ACTION, "title": "Mine"},
                based_on_version=0,
                user=lead,
            )
        assert refused.value.saved.status == Action.Status.IN_PROGRESS
        assert Action.objects.get(pk=action.pk).title == ACTION["title"]

    @pytest.mark.parametrize("state", ["submitted", "signed_off"])
    def test_after_submission_an_actions_status_can_still_be_updated_and_is_recorded(self, state, request, lead):
        assessment = request.getfixturevalue(state)
        action = Action.objects.create(
            assessment=assessment, area=response_in(assessment).area, **{**ACTION, "status": Action.Status.NOT_STARTED}
        )
        assert services.can_report_progress(assessment) and not services.can_change_actions(assessment)
        services.update_action(
            action=action, values={**ACTION, "status": Action.Status.DONE}, based_on_version=0, user=lead
        )
        assert action.status == Action.Status.DONE
        assert assessment.changes.get(subject_id=action.pk).fields == {"status": ["not-started", "done"]}

    @pytest.mark.parametrize("state", ["submitted", "signed_off"])
    def test_after_submission_an_actions_title_owner_and_due_date_are_fixed(self, state, request, lead):
        assessment = request.getfixturevalue(state)
        action = Action.objects.create(assessment=assessment, area=response_in(assessment).area, **ACTION)
        services.update_action(
            action=action,
            based_on_version=0,
            user=lead,
            values={
                **ACTION,
                "title": "Another",
                "owner_name": "Someone Else",
                "due_date": datetime.date(YEAR + 5, 1, 1),
            },
        )
        assert (action.title, action.owner_name, action.due_date) == (
            ACTION["title"],
            ACTION["owner_name"],
            ACTION["due_date"],
        )
        assert not assessment.changes.filter(subject_id=action.pk).exists()

    @pytest.mark.parametrize("state", ["submitted", "signed_off"])
    def test_after_submission_the_list_of_actions_is_fixed(self, state, request, lead):
        assessment = request.getfixturevalue(state)
        area = response_in(assessment).area
        with pytest.raises(services.AssessmentError, match="only be added while the assessment is a draft"):
            services.add_action(assessment=assessment, area=area, values=ACTION, user=lead)
        action = Action.objects.create(assessment=assessment, area=area, **ACTION)
        with pytest.raises(services.AssessmentError, match="only be removed while the assessment is a draft"):
            services.delete_action(action=action, user=lead)
        assert assessment.actions.count() == 1

    def test_a_progress_note_after_sign_off_is_dated_and_recorded(self, signed_off, lead):
        action = Action.objects.create(assessment=signed_off, area=response_in(signed_off).area, **ACTION)
        note = services.add_note(action=action, date=datetime.date(YEAR, 6, 1), text="Briefed in June", user=lead)
        assert list(action.notes.all()) == [note] and note.author == lead
        change = signed_off.changes.get(subject_id=action.pk)
        assert change.fields["progress note"][0] is None and "Briefed in June" in change.fields["progress note"][1]

    def test_removing_an_action_from_a_draft_records_its_old_values(self, action, assessment, lead):
        pk = action.pk
        services.delete_action(action=action, user=lead)
        assert not assessment.actions.exists()
        removed = assessment.changes.filter(subject_id=pk).order_by("-pk").first()
        assert removed.fields["title"] == ["Brief the cabinet member", None]

    @pytest.mark.parametrize(("role", "may"), [(Role.LEAD, True), (Role.CONTRIBUTOR, True), (Role.VIEWER, False)])
    def test_a_contributor_or_a_lead_may_change_the_plan_a_viewer_may_not(self, role, may, camden):
        # The action plan's pages ask organisation_for(role=Role.CONTRIBUTOR); this is the rule they apply.
        assert Membership(organisation=camden, role=role).can(Role.CONTRIBUTOR) is may

    @pytest.mark.parametrize(("role", "may"), [(Role.LEAD, True), (Role.CONTRIBUTOR, False), (Role.VIEWER, False)])
    def test_only_a_lead_signs_off_reopens_or_deletes(self, role, may, camden):
        # The sign-off, reopen and delete pages ask organisation_for(role=Role.LEAD).
        assert Membership(organisation=camden, role=role).can(Role.LEAD) is may
