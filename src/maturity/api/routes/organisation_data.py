"""An organisation's own data: its assessments, their responses and actions, and the exemplar
offers it may see. A token reaches only its own organisation, as its user may on the web."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext, gettext_lazy
from ninja import Path, Query, Router, Status

from maturity.api import represent
from maturity.api.auth import BearerToken, organisation_for_token
from maturity.api.converters import KEY_PATTERN
from maturity.api.errors import ApiError
from maturity.api.pagination import paginate
from maturity.api.schemas import (
    ActionConflictOut,
    ActionIn,
    ActionOut,
    ActionPatch,
    AssessmentDetail,
    AssessmentOut,
    DocumentOut,
    ErrorOut,
    ExemplarOfferOut,
    ExemplarQuery,
    PageQuery,
    ResponseConflictOut,
    ResponseOut,
    ResponsePatch,
    errors,
    page_of,
)
from maturity.assessments import services
from maturity.assessments.forms import ActionForm, ResponseForm
from maturity.assessments.models import AREA_ORDER, Action, Assessment, Response
from maturity.documents import checks as document_checks
from maturity.documents import selectors as document_selectors
from maturity.documents import services as document_services
from maturity.exemplars import selectors as exemplar_selectors
from maturity.organisations.access import Access

router = Router(auth=BearerToken())

AssessmentPage = page_of(AssessmentOut, "AssessmentPage")
ResponsePage = page_of(ResponseOut, "ResponsePage")
ActionPage = page_of(ActionOut, "ActionPage")
DocumentPage = page_of(DocumentOut, "DocumentPage")
ExemplarOfferPage = page_of(ExemplarOfferOut, "ExemplarOfferPage")

SLUG = Path(..., pattern=KEY_PATTERN, max_length=100, description="The organisation's slug (the token's organisation).")
AREA = Path(..., pattern=KEY_PATTERN, max_length=100, description="The key of an area of the assessment.")
ID = Path(..., ge=1, le=2**63 - 1)

BASE = "/organisations/{apikey:slug}"
ASSESSMENT = BASE + "/assessments/{int:assessment_id}"
NOT_DRAFT = (
    "assessment_not_draft",
    gettext_lazy("This assessment is not a draft, so its answers and actions cannot change: a lead can reopen it."),
)


# --- Finding things, always through the organisation ---------------------------------------------


def _assessment(access: Access, assessment_id: int) -> Assessment:
    found = access.organisation.assessments.select_related("framework", "organisation").filter(pk=assessment_id).first()
    if found is None:
        raise Http404(gettext("No such assessment"))
    return found


def _response(assessment: Assessment, area_key: str) -> Response:
    found = assessment.responses.select_related("area__section", "updated_by").filter(area__key=area_key).first()
    if found is None:
        raise Http404(gettext("No such area in this assessment"))
    return found


def _action(assessment: Assessment, action_id: int) -> Action:
    found = assessment.actions.select_related("area__section").filter(pk=action_id).first()
    if found is None:
        raise Http404(gettext("No such action"))
    return found


def _form_errors(form) -> dict[str, list[str]]:
    return {name: [str(message) for message in messages] for name, messages in form.errors.items()}


def _invalid(form) -> ApiError:
    return ApiError(
        422, "validation_failed", gettext("The answer is not valid: see fields."), fields=_form_errors(form)
    )


# --- Assessments ---------------------------------------------------------------------------------


@router.get(
    BASE + "/assessments",
    response={200: AssessmentPage, **errors(400, 401, 404, 429)},
    url_name="assessments",
    tags=["Assessments"],
    summary="List the organisation's assessments",
)
def list_assessments(request: HttpRequest, paging: Query[PageQuery], slug: str = SLUG):
    """Newest first."""
    access = organisation_for_token(request, slug)
    assessments = access.organisation.assessments.select_related("framework", "organisation").order_by(
        "-created_at", "-pk"
    )
    return paginate(request, assessments, paging, lambda a: represent.assessment(request, a))


@router.get(
    ASSESSMENT,
    response={200: AssessmentDetail, **errors(401, 404, 429)},
    url_name="assessment",
    tags=["Assessments"],
    summary="Read an assessment",
)
def assessment_detail(request: HttpRequest, slug: str = SLUG, assessment_id: int = ID):
    access = organisation_for_token(request, slug)
    assessment = _assessment(access, assessment_id)
    responses = list(
        assessment.responses.only(
            "current_level", "target_level", "target_year", "confidence", "evidence", "evidence_links", "carried_over"
        )
    )
    return represent.assessment_detail(request, assessment, responses)


# --- Responses -------------------------------------------------------------------------------------


@router.get(
    ASSESSMENT + "/responses",
    response={200: ResponsePage, **errors(400, 401, 404, 429)},
    url_name="responses",
    tags=["Responses"],
    summary="List the responses of an assessment",
)
def list_responses(request: HttpRequest, paging: Query[PageQuery], slug: str = SLUG, assessment_id: int = ID):
    """One response per area, in the framework's order."""
    access = organisation_for_token(request, slug)
    assessment = _assessment(access, assessment_id)
    responses = assessment.responses.select_related("area__section", "updated_by").order_by(*AREA_ORDER)
    return paginate(request, responses, paging, lambda r: represent.response(request, assessment, r))


@router.get(
    ASSESSMENT + "/responses/{apikey:area_key}",
    response={200: ResponseOut, **errors(401, 404, 429)},
    url_name="response",
    tags=["Responses"],
    summary="Read the response in one area",
)
def response_detail(request: HttpRequest, slug: str = SLUG, assessment_id: int = ID, area_key: str = AREA):
    access = organisation_for_token(request, slug)
    assessment = _assessment(access, assessment_id)
    return represent.response(request, assessment, _response(assessment, area_key))


# --- Evidence documents ----------------------------------------------------------------------------


@router.get(
    ASSESSMENT + "/responses/{apikey:area_key}/documents",
    response={200: DocumentPage, **errors(400, 401, 404, 429)},
    url_name="documents",
    tags=["Documents"],
    summary="List the evidence documents of a response",
)
def list_documents(
    request: HttpRequest, paging: Query[PageQuery], slug: str = SLUG, assessment_id: int = ID, area_key: str = AREA
):
    """Newest evidence first. Documents are attached on the website."""
    access = organisation_for_token(request, slug)
    assessment = _assessment(access, assessment_id)
    response = _response(assessment, area_key)
    documents = response.documents.select_related("response__area__section", "uploaded_by")
    return paginate(request, documents, paging, lambda d: represent.document(request, assessment, d))


# The file's own type, which is one of those an upload may be (documents/checks.py).
_FILE = {"schema": {"type": "string", "format": "binary"}}
_FILE_TYPES = {kind.content_type: _FILE for kind in document_checks.KINDS}


@router.get(
    ASSESSMENT + "/documents/{int:document_id}",
    response=errors(401, 404, 429),
    url_name="document-file",
    tags=["Documents"],
    summary="Download an evidence document",
    openapi_extra={
        "responses": {
            200: {
                "description": "The file, as an attachment (Content-Disposition) with its own type.",
                "content": _FILE_TYPES,
            }
        }
    },
)
def download_document(request: HttpRequest, slug: str = SLUG, assessment_id: int = ID, document_id: int = ID):
    access = organisation_for_token(request, slug)
    document = document_selectors.documents_of(_assessment(access, assessment_id)).filter(pk=document_id).first()
    if document is None:
        raise Http404(gettext("No such document"))
    return FileResponse(
        document_services.storage().open(document.stored_name, "rb"),
        as_attachment=True,
        filename=document.filename,
        content_type=document.content_type,
    )


def _answer_data(response: Response, changes: dict[str, Any], version: int) -> dict[str, str]:
    """The web form's data: the saved answer with the fields sent replacing it."""
    answer = {**ResponseForm.initial_from(response), "evidence_links": list(response.evidence_links or [])}
    answer.update(changes)
    data = {
        name: "" if answer.get(name) is None else str(answer[name])
        for name in ("current_level", "target_level", "target_year", "evidence", "confidence")
    }
    data["evidence_links"] = "\n".join(answer.get("evidence_links") or [])
    data["version"] = str(version)
    return data


@router.patch(
    ASSESSMENT + "/responses/{apikey:area_key}",
    response={200: ResponseOut, 409: ResponseConflictOut, **errors(400, 401, 403, 404, 422, 429)},
    url_name="response-update",
    tags=["Responses"],
    summary="Save the response in one area",
)
def update_response(
    request: HttpRequest, payload: ResponsePatch, slug: str = SLUG, assessment_id: int = ID, area_key: str = AREA
):
    """Needs a write token of a contributor or lead, and a draft assessment (409 otherwise).
    The answer is validated as on the web form (422 with each field's messages). `version` is the
    version you read: if someone saved the area since, nothing is saved and the answer is 409
    with the current saved answer in `error.current`."""
    access = organisation_for_token(request, slug, write=True)
    assessment = _assessment(access, assessment_id)
    response = _response(assessment, area_key)
    if not assessment.is_editable:
        raise ApiError(409, *NOT_DRAFT)
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    form = ResponseForm(_answer_data(response, changes, version), levels=assessment.framework.levels, saved=response)
    if not form.is_valid():
        raise _invalid(form)
    try:
        saved = services.save_response(
            response=response, answer=form.cleaned_data, based_on_version=version, user=access.membership.user
        )
    except services.StaleEdit:
        current = _response(assessment, area_key)
        raise ApiError(
            409,
            "stale_version",
            gettext(
                "Someone saved this area after the version you read: nothing was "
                "saved. Compare with `current`, then send your answer again with its version."
            ),
            current=represent.response(request, assessment, current),
        ) from None
    except services.AssessmentError:
        raise ApiError(409, *NOT_DRAFT) from None
    return represent.response(request, assessment, _response(assessment, saved.area.key))


# --- Actions ---------------------------------------------------------------------------------------


@router.get(
    ASSESSMENT + "/actions",
    response={200: ActionPage, **errors(400, 401, 404, 429)},
    url_name="actions",
    tags=["Actions"],
    summary="List the action plan of an assessment",
)
def list_actions(request: HttpRequest, paging: Query[PageQuery], slug: str = SLUG, assessment_id: int = ID):
    access = organisation_for_token(request, slug)
    assessment = _assessment(access, assessment_id)
    actions = assessment.actions.select_related("area__section").order_by(*AREA_ORDER, "due_date", "pk")
    return paginate(request, actions, paging, lambda a: represent.action(request, assessment, a))


@router.post(
    ASSESSMENT + "/actions",
    response={201: ActionOut, 409: ErrorOut, **errors(400, 401, 403, 404, 422, 429)},
    url_name="actions-create",
    tags=["Actions"],
    summary="Add an action",
)
def create_action(
    request: HttpRequest, payload: ActionIn, response: HttpResponse, slug: str = SLUG, assessment_id: int = ID
):
    """Needs a write token of a contributor or lead, and a draft assessment (409 otherwise)."""
    access = organisation_for_token(request, slug, write=True)
    assessment = _assessment(access, assessment_id)
    if not services.can_change_actions(assessment):
        raise ApiError(409, *NOT_DRAFT)
    values = payload.model_dump()
    target = assessment.responses.select_related("area__section").filter(area__key=values["area_key"]).first()
    form = ActionForm.of_values(values)
    fields = {} if form.is_valid() else _form_errors(form)
    if target is None:
        fields["area_key"] = [gettext("Choose one of the areas of this assessment")]
    if fields:
        raise ApiError(422, "validation_failed", gettext("The action is not valid: see fields."), fields=fields)
    try:
        action = services.add_action(
            assessment=assessment, area=target.area, values=form.cleaned_data, user=access.membership.user
        )
    except services.AssessmentError:
        raise ApiError(409, *NOT_DRAFT) from None
    body = represent.action(request, assessment, _action(assessment, action.pk))
    response["Location"] = body["url"]
    return Status(201, body)


@router.get(
    ASSESSMENT + "/actions/{int:action_id}",
    response={200: ActionOut, **errors(401, 404, 429)},
    url_name="action",
    tags=["Actions"],
    summary="Read an action",
)
def action_detail(request: HttpRequest, slug: str = SLUG, assessment_id: int = ID, action_id: int = ID):
    access = organisation_for_token(request, slug)
    assessment = _assessment(access, assessment_id)
    return represent.action(request, assessment, _action(assessment, action_id))


@router.patch(
    ASSESSMENT + "/actions/{int:action_id}",
    response={200: ActionOut, 409: ActionConflictOut, **errors(400, 401, 403, 404, 422, 429)},
    url_name="action-update",
    tags=["Actions"],
    summary="Change an action",
)
def update_action(
    request: HttpRequest, payload: ActionPatch, slug: str = SLUG, assessment_id: int = ID, action_id: int = ID
):
    """Needs a write token of a contributor or lead. While the assessment is a draft any field can
    change; after, only `status` (as on the web: the plan is delivered after sign-off). `version`
    is the version you read: 409 with the current action when someone changed it since."""
    access = organisation_for_token(request, slug, write=True)
    assessment = _assessment(access, assessment_id)
    action = _action(assessment, action_id)
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    fields = set(services.ACTION_FIELDS if services.can_change_actions(assessment) else ("status",))
    fixed = {name for name, value in changes.items() if name not in fields and value != getattr(action, name)}
    if fixed:
        raise ApiError(
            409,
            "assessment_not_draft",
            gettext("This assessment is not a draft, so only the status of its actions can change (not %(fields)s).")
            % {"fields": ", ".join(sorted(fixed))},
        )
    values = {name: getattr(action, name) for name in services.ACTION_FIELDS}
    values.update(changes)
    form = ActionForm.of_values(values)
    if not form.is_valid():
        raise _invalid(form)
    try:
        services.update_action(
            action=action, values=form.cleaned_data, based_on_version=version, user=access.membership.user
        )
    except services.StaleEdit:
        current = _action(assessment, action_id)
        raise ApiError(
            409,
            "stale_version",
            gettext(
                "Someone changed this action after the version you read: nothing "
                "was saved. Compare with `current`, then send your change again with its version."
            ),
            current=represent.action(request, assessment, current),
        ) from None
    return represent.action(request, assessment, _action(assessment, action_id))


@router.delete(
    ASSESSMENT + "/actions/{int:action_id}",
    response={204: None, 409: ErrorOut, **errors(401, 403, 404, 429)},
    url_name="action-delete",
    tags=["Actions"],
    summary="Remove an action",
)
def delete_action(request: HttpRequest, slug: str = SLUG, assessment_id: int = ID, action_id: int = ID):
    """Needs a write token of a contributor or lead, and a draft assessment (409 otherwise)."""
    access = organisation_for_token(request, slug, write=True)
    assessment = _assessment(access, assessment_id)
    action = _action(assessment, action_id)
    try:
        services.delete_action(action=action, user=access.membership.user)
    except services.AssessmentError:
        raise ApiError(409, *NOT_DRAFT) from None
    return Status(204, None)


# --- Exemplars -------------------------------------------------------------------------------------


@router.get(
    BASE + "/exemplar-offers",
    response={200: ExemplarOfferPage, **errors(400, 401, 404, 429)},
    url_name="exemplar-offers",
    tags=["Exemplars"],
    summary="List the exemplars suggested to the organisation",
)
def list_exemplar_offers(request: HttpRequest, filters: Query[ExemplarQuery], slug: str = SLUG):
    """The offers of help the organisation's members see on its "find help" pages, under the same
    privacy rules: only current offers open to every participating organisation, from
    organisations still at the exemplar level in the area, shown only to an organisation that
    participates (has a signed-off assessment), never its own, best suggestion first. Contact
    details are not given: they are exchanged when an exemplar accepts a request."""
    access = organisation_for_token(request, slug)
    keys = [filters.area] if filters.area else list(exemplar_selectors.area_titles())
    found = exemplar_selectors.suggestions(access.organisation, keys, limit=None)
    items = [(key, item) for key in keys for item in found.get(key, [])]

    def show(pair) -> dict[str, Any]:
        _, item = pair
        offer = item.offer
        return {
            "id": offer.pk,
            "organisation": represent.organisation_ref(offer.organisation),
            "area": represent.area(offer.area),
            "level": {"number": item.standing.level, "name": item.standing.level_name},
            "shares": list(offer.shares or []),
            "note": offer.note,
            "reason": item.suggestion.reason,
            "asked": item.suggestion.candidate.asked_by_requester,
        }

    return paginate(request, items, filters, show)
