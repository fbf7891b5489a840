"""Helpers of the exemplar tests: signed-off assessments at chosen levels, offers and requests."""

from __future__ import annotations

from django.urls import reverse

from maturity.assessments.models import Assessment, Response
from maturity.assessments.services import sign_off, start_assessment, submit_for_sign_off
from maturity.exemplars import services
from maturity.exemplars.models import IntroductionRequest, Offer
from tests.assessments.helpers import beside_the_draft, complete_every_area


def assess(
    organisation,
    framework,
    user,
    levels: dict[str, tuple[int, int]] | None = None,
    *,
    default: tuple[int, int] = (2, 3),
    status: str = Assessment.Status.SIGNED_OFF,
) -> Assessment:
    """An assessment of `organisation` with every area at `default` (current, target) except
    those in `levels`, taken as far as `status`."""
    if status == Assessment.Status.IN_PROGRESS:
        assessment = start_assessment(
            organisation=organisation, framework=framework, title="Self-assessment", user=user
        )
    else:  # taken to sign-off at once, beside a draft the organisation may have
        with beside_the_draft(organisation, framework):
            assessment = start_assessment(
                organisation=organisation, framework=framework, title="Self-assessment", user=user
            )
    complete_every_area(assessment, user, current=default[0], target=default[1])
    for key, (current, target) in (levels or {}).items():
        assert Response.objects.filter(assessment=assessment, area__key=key).update(
            current_level=current, target_level=target
        )
    if status in (Assessment.Status.SUBMITTED, Assessment.Status.SIGNED_OFF):
        submit_for_sign_off(assessment=assessment, user=user)
    if status == Assessment.Status.SIGNED_OFF:
        sign_off(assessment=assessment, user=user, signer_name="Sam Signer", signer_role="Chief Executive")
    return assessment


def offer(organisation, area_key: str, user, *, visibility: str = Offer.Visibility.PARTICIPATING, **values) -> Offer:
    fields = {
        "contact_name": f"Pat Contact of {organisation.name}",
        "contact_email": f"pat@{organisation.slug}.example",
        "contact_role": "Head of Procurement",
        "shares": ["case-study", "call"],
        "note": "Our social value policy.",
        "visibility": visibility,
    }
    fields.update(values)
    return services.save_offer(organisation=organisation, area_key=area_key, user=user, **fields)


def ask(organisation, offer_, user, message: str = "We would like to learn from your approach.") -> IntroductionRequest:
    return services.ask_for_introduction(organisation=organisation, offer=offer_, user=user, message=message)


def url(name: str, organisation=None, **kwargs) -> str:
    if organisation is not None:
        kwargs["slug"] = organisation.slug
    return reverse(f"exemplars:{name}", kwargs=kwargs)
