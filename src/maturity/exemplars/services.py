"""Writes for exemplars: offering and withdrawing, saying where help is wanted, and the life of an
introduction request (open -> accepted, declined or withdrawn by the requester).

Each function runs in one transaction and raises `Refused` with a message for the person, having
written nothing, when the step is not allowed. Every step of a request is recorded as a
`RequestEvent` (who, when). Contact details are exchanged by email only once a request is accepted.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from maturity.exemplars import ranking, selectors
from maturity.exemplars.models import HelpWanted, IntroductionRequest, Offer, RequestEvent
from maturity.frameworks.models import Area
from maturity.mail import send_email
from maturity.organisations.models import Organisation
from maturity.words import date_uk

OPEN = IntroductionRequest.Status.OPEN


class Refused(Exception):
    def __init__(self, message: str, field: str | None = None):
        self.message, self.field = message, field
        super().__init__(message)


def _name(user) -> str:
    return (user.full_name or user.email) if user else ""


def _event(request: IntroductionRequest, kind: str, user, organisation: Organisation, note: str = "") -> RequestEvent:
    return RequestEvent.objects.create(
        request=request,
        kind=kind,
        user=user,
        user_name=_name(user),
        organisation_name=organisation.name,
        note=note,
    )


# --- Offers ----------------------------------------------------------------------------------


@transaction.atomic
def save_offer(
    *,
    organisation: Organisation,
    area_key: str,
    user,
    contact_name: str,
    contact_email: str,
    contact_role: str,
    shares: list[str],
    note: str,
    visibility: str,
) -> Offer:
    """Offer the organisation as an exemplar in an area, or change its current offer there.
    Refused unless its latest signed-off assessment puts it at the exemplar level in the area."""
    area = next((a for a, _ in selectors.eligible_areas(organisation) if a.key == area_key), None)
    if area is None:
        raise Refused(
            f"{organisation.name} can offer help in an area once its latest signed-off assessment puts it at "
            f"{selectors.exemplar_level_name()} or above there"
        )
    values = {
        "contact_name": contact_name,
        "contact_email": contact_email,
        "contact_role": contact_role,
        "shares": list(shares),
        "note": note,
        "visibility": visibility,
    }
    offer = (
        Offer.objects.select_for_update()
        .filter(organisation=organisation, area__key=area_key, withdrawn_at__isnull=True)
        .first()
    )
    if offer is None:
        return Offer.objects.create(organisation=organisation, area=area, created_by=user, **values)
    for name, value in values.items():
        setattr(offer, name, value)
    offer.save()
    return offer


@transaction.atomic
def withdraw_offer(*, offer: Offer, user) -> int:
    """Withdraw an offer: it stops being shown at once. Its open requests are closed, and their
    requesters told. Returns the number of requests closed."""
    offer = Offer.objects.select_for_update().select_related("organisation", "area").get(pk=offer.pk)
    if offer.withdrawn_at is not None:
        raise Refused(_("This offer has already been withdrawn"))
    offer.withdrawn_at, offer.withdrawn_by = timezone.now(), user
    offer.save(update_fields=["withdrawn_at", "withdrawn_by", "updated_at"])
    closing = list(offer.requests.select_for_update().filter(status=OPEN).select_related("organisation"))
    note = f"{offer.organisation.name} withdrew its offer of help with {offer.area.label}."
    for request in closing:
        request.status, request.answered_at, request.answer_note = (
            IntroductionRequest.Status.DECLINED,
            timezone.now(),
            note,
        )
        request.save(update_fields=["status", "answered_at", "answer_note"])
        _event(request, RequestEvent.Kind.OFFER_WITHDRAWN, user, offer.organisation)
        _send_declined(request, offer_withdrawn=True)
    return len(closing)


# --- Where help is wanted -----------------------------------------------------------------------


@transaction.atomic
def set_help_wanted(*, organisation: Organisation, areas: Iterable[Area], user) -> tuple[int, int]:
    """Make `areas` the organisation's list of areas where it wants help (matched by key).
    Returns (added, removed)."""
    chosen = {area.key: area for area in areas}
    existing = {w.area.key: w for w in organisation.exemplar_help_wanted.select_related("area")}
    removed = [w.pk for key, w in existing.items() if key not in chosen]
    HelpWanted.objects.filter(pk__in=removed).delete()
    added = [
        HelpWanted(organisation=organisation, area=area, created_by=user)
        for key, area in chosen.items()
        if key not in existing
    ]
    HelpWanted.objects.bulk_create(added)
    return len(added), len(removed)


def _want_help(organisation: Organisation, offer: Offer, user) -> None:
    if organisation.exemplar_help_wanted.filter(area__key=offer.area.key).exists():
        return
    assessment = selectors.reference_assessment(organisation)
    own = assessment.responses.filter(area__key=offer.area.key).select_related("area").first() if assessment else None
    HelpWanted.objects.create(organisation=organisation, area=own.area if own else offer.area, created_by=user)


# --- Introduction requests ------------------------------------------------------------------------


@transaction.atomic
def ask_for_introduction(*, organisation: Organisation, offer: Offer, user, message: str) -> IntroductionRequest:
    """Ask an exemplar for an introduction. Refused when the organisation already has an open
    request with this exemplar for the area, when the exemplar has MAX_OPEN_REQUESTS open
    requests, or when the offer is not (or no longer) shown to the organisation."""
    offer = Offer.objects.select_for_update().select_related("organisation", "area").get(pk=offer.pk)
    exemplar, area = offer.organisation.name, offer.area.label
    if offer.withdrawn_at is not None:
        raise Refused(_("%(exemplar)s is no longer offering help with %(area)s") % {"exemplar": exemplar, "area": area})
    earlier = selectors.open_request(organisation, offer)
    if earlier is not None:
        raise Refused(
            _(
                "%(organisation)s already asked %(exemplar)s for an introduction about %(area)s on %(date)s. "
                "Wait for their answer, or withdraw that request first."
            )
            % {
                "organisation": organisation.name,
                "exemplar": exemplar,
                "area": area,
                "date": date_uk(earlier.created_at),
            }
        )
    if offer.requests.filter(status=OPEN).count() >= ranking.MAX_OPEN_REQUESTS:
        raise Refused(
            _(
                "%(exemplar)s has as many open requests as it can take at the moment. "
                "Choose another exemplar, or try again later."
            )
            % {"exemplar": exemplar}
        )
    if selectors.suggested_offer(organisation, offer.area.key, offer.pk) is None:
        raise Refused(
            _("%(exemplar)s is not available as an exemplar for %(area)s") % {"exemplar": exemplar, "area": area}
        )
    if not message.strip():
        raise Refused(_("Enter a message for the exemplar"), field="message")
    request = IntroductionRequest.objects.create(
        offer=offer,
        organisation=organisation,
        requested_by=user,
        requester_name=_name(user),
        requester_email=user.email,
        message=message.strip(),
    )
    _event(request, RequestEvent.Kind.REQUESTED, user, organisation)
    _want_help(organisation, offer, user)
    _send_new_request(request)
    return request


def _locked_open(request: IntroductionRequest) -> IntroductionRequest:
    request = (
        IntroductionRequest.objects.select_for_update()
        .select_related("offer__organisation", "offer__area", "organisation")
        .get(pk=request.pk)
    )
    if request.status != OPEN:
        raise Refused(
            _("This request has already been answered or withdrawn (%(status)s)")
            % {"status": str(request.get_status_display()).lower()}
        )
    return request


@transaction.atomic
def answer_request(*, request: IntroductionRequest, user, accept: bool, note: str = "") -> IntroductionRequest:
    """The exemplar accepts or declines. On acceptance both sides are emailed the other's contact
    details: the requester gets the exemplar's contact; the contact gets the requester's."""
    request = _locked_open(request)
    request.status = IntroductionRequest.Status.ACCEPTED if accept else IntroductionRequest.Status.DECLINED
    request.answered_at, request.answer_note = timezone.now(), note.strip()
    request.save(update_fields=["status", "answered_at", "answer_note"])
    kind = RequestEvent.Kind.ACCEPTED if accept else RequestEvent.Kind.DECLINED
    _event(request, kind, user, request.offer.organisation, note=note.strip())
    if accept:
        _send_accepted(request)
    else:
        _send_declined(request)
    return request


@transaction.atomic
def withdraw_request(*, request: IntroductionRequest, user) -> IntroductionRequest:
    """The requester withdraws an open request (the exemplar may then be asked by others)."""
    request = _locked_open(request)
    request.status, request.answered_at = IntroductionRequest.Status.WITHDRAWN, timezone.now()
    request.save(update_fields=["status", "answered_at"])
    _event(request, RequestEvent.Kind.WITHDRAWN, user, request.organisation)
    return request


# --- Emails ------------------------------------------------------------------------------------


def _link(name: str, **kwargs) -> str:
    return f"{settings.SITE_URL}{reverse(name, kwargs=kwargs)}"


def _send(template: str, subject: str, context: dict, to: str, reply_to: str | None = None) -> None:
    send_email(to=to, template=f"emails/{template}", subject=subject, context=context, reply_to=reply_to)


def _context(request: IntroductionRequest) -> dict:
    return {
        "request": request,
        "offer": request.offer,
        "exemplar": request.offer.organisation,
        "requester": request.organisation,
        "area": request.offer.area,
    }


def _send_new_request(request: IntroductionRequest) -> None:
    offer = request.offer
    _send(
        "exemplar_request",
        _("%(organisation)s asks for an introduction about %(area)s")
        % {"organisation": request.organisation.name, "area": offer.area.label},
        {**_context(request), "link": _link("exemplars:request", slug=offer.organisation.slug, request_id=request.pk)},
        offer.contact_email,
    )


def _send_accepted(request: IntroductionRequest) -> None:
    offer = request.offer
    context = _context(request)
    _send(
        "exemplar_accepted_requester",
        _("%(exemplar)s accepted your request about %(area)s")
        % {"exemplar": offer.organisation.name, "area": offer.area.label},
        {**context, "link": _link("exemplars:request", slug=request.organisation.slug, request_id=request.pk)},
        request.requester_email,
        reply_to=offer.contact_email,
    )
    _send(
        "exemplar_accepted_contact",
        _("Introduction to %(organisation)s about %(area)s")
        % {"organisation": request.organisation.name, "area": offer.area.label},
        context,
        offer.contact_email,
        reply_to=request.requester_email,
    )


def _send_declined(request: IntroductionRequest, *, offer_withdrawn: bool = False) -> None:
    offer = request.offer
    subject = (
        _("%(exemplar)s withdrew its offer of help with %(area)s")
        if offer_withdrawn
        else _("%(exemplar)s could not take up your request about %(area)s")
    ) % {"exemplar": offer.organisation.name, "area": offer.area.label}
    _send(
        "exemplar_declined",
        subject,
        {
            **_help_context(request),
            "offer_withdrawn": offer_withdrawn,
        },
        request.requester_email,
    )


def _help_context(request: IntroductionRequest) -> dict:
    return {**_context(request), "link": _link("exemplars:help", slug=request.organisation.slug)}
