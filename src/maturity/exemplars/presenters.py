"""What the exemplar pages show, prepared here so that the templates stay dumb."""

from __future__ import annotations

import datetime
from typing import Any

from django.forms.boundfield import BoundField
from django.urls import reverse
from django.utils import timezone
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maturity.exemplars import ranking, selectors
from maturity.exemplars.models import HelpWanted, IntroductionRequest, Offer
from maturity.frameworks.text import in_english
from maturity.organisations.access import Access
from maturity.words import counted, date_uk, when_uk

STATUS_TAGS = {
    IntroductionRequest.Status.OPEN: "govuk-tag--blue",
    IntroductionRequest.Status.ACCEPTED: "govuk-tag--green",
    IntroductionRequest.Status.DECLINED: "govuk-tag--orange",
    IntroductionRequest.Status.WITHDRAWN: "govuk-tag--grey",
}
VISIBILITY_HINTS = {
    Offer.Visibility.NATIONAL: gettext_lazy(
        "The national team can see your offer and put councils in touch with you. Other organisations do not see it."
    ),
    Offer.Visibility.PARTICIPATING: gettext_lazy(
        "Members of every participating organisation (one with a signed-off assessment) "
        "see your offer and can ask for an introduction. The national team sees it too."
    ),
}
PARTICIPATING_MEANS = gettext_lazy("A participating organisation is one with at least one signed-off assessment.")


def checkboxes(
    field: BoundField,
    *,
    legend: str,
    hint: str | None = None,
    item_hints: dict[str, str] | None = None,
    legend_classes: str = "govuk-fieldset__legend--m",
    is_page_heading: bool = False,
) -> dict[str, Any]:
    """govukCheckboxes parameters for a MultipleChoiceField."""
    chosen = {str(value) for value in (field.value() or [])}
    items = []
    for value, text in field.field.choices:
        item: dict[str, Any] = {"value": str(value), "text": str(text), "checked": str(value) in chosen}
        if item_hints and item_hints.get(str(value)):
            item["hint"] = {"text": str(item_hints[str(value)])}
        items.append(item)
    return {
        "idPrefix": field.id_for_label or field.html_name,
        "name": field.html_name,
        "fieldset": {"legend": {"text": legend, "classes": legend_classes, "isPageHeading": is_page_heading}},
        "hint": {"text": hint} if hint else None,
        "errorMessage": {"text": " ".join(str(e) for e in field.errors)} if field.errors else None,
        "items": items,
    }


def status_tag(request: IntroductionRequest) -> dict[str, str]:
    return {"text": request.get_status_display(), "classes": STATUS_TAGS[request.status]}


def _link(href: str, text: str, hidden: str = "") -> str:
    if hidden:
        return format_html(
            '<a class="govuk-link" href="{}">{}<span class="govuk-visually-hidden"> {}</span></a>', href, text, hidden
        )
    return format_html('<a class="govuk-link" href="{}">{}</a>', href, text)


def _html(message: str, **values) -> str:
    """A translated message with framework text (already marked) put in, the rest escaped."""
    return mark_safe(conditional_escape(message) % {k: conditional_escape(v) for k, v in values.items()})


def lines(text: str) -> str:
    """Text with its line breaks kept, escaped, for a component's `html` parameter."""
    return format_html_join(mark_safe("<br>"), "{}", ((line,) for line in text.splitlines()))


def request_url(access: Access, request: IntroductionRequest) -> str:
    return reverse("exemplars:request", kwargs={"slug": access.organisation.slug, "request_id": request.pk})


def _page(access: Access) -> dict[str, Any]:
    return {"access": access, "organisation": access.organisation}


# --- The organisation's offers ---------------------------------------------------------------


def offers_page(access: Access) -> dict[str, Any]:
    organisation = access.organisation
    offers = {offer.area.key: offer for offer in selectors.offers_of(organisation)}
    eligible = selectors.eligible_areas(organisation)
    eligible_keys = {area.key for area, _ in eligible}
    rows = [_offer_row(access, area, standing, offers.get(area.key)) for area, standing in eligible]
    lapsed = [_offer_row(access, offer.area, None, offer) for key, offer in offers.items() if key not in eligible_keys]
    received = list(selectors.requests_received(organisation)) if access.is_lead else []
    return {
        **_page(access),
        "level_name": selectors.exemplar_level_name(),
        "rows": rows,
        "lapsed": lapsed,
        "received_open": _received_table(access, [r for r in received if r.is_open]),
        "received_answered": _received_table(access, [r for r in received if not r.is_open]),
        "help_url": reverse("exemplars:help", kwargs={"slug": organisation.slug}),
    }


def _offer_row(access: Access, area, standing: selectors.Standing | None, offer: Offer | None) -> dict[str, Any]:
    slug = access.organisation.slug
    return {
        "area": area,
        "standing": standing,
        "offer": offer,
        "summary": offer_summary(offer) if offer else None,
        "offer_url": reverse("exemplars:offer", kwargs={"slug": slug, "area_key": area.key}),
        "offer_link": _link(
            reverse("exemplars:offer", kwargs={"slug": slug, "area_key": area.key}),
            _("Offer help"),
            _("with %(area)s") % {"area": area.label},
        ),
        "withdraw_url": reverse("exemplars:withdraw-offer", kwargs={"slug": slug, "area_key": area.key}),
    }


def offer_summary(offer: Offer, *, with_contact: bool = True, with_visibility: bool = True) -> list[dict[str, Any]]:
    rows = []
    if with_contact:
        rows.append(
            {
                "key": {"text": _("Contact")},
                "value": {
                    "html": format_html("{}, {}<br>{}", offer.contact_name, offer.contact_role, offer.contact_email)
                },
            }
        )
    rows.append(
        {
            "key": {"text": _("Can share")},
            "value": {"text": ", ".join(str(label) for label in offer.share_labels) or _("Not said")},
        }
    )
    if offer.note:
        rows.append({"key": {"text": _("More about the offer")}, "value": {"html": lines(offer.note)}})
    if with_visibility:
        rows.append({"key": {"text": _("Who may see it")}, "value": {"text": offer.get_visibility_display()}})
    return rows


def _received_table(access: Access, requests: list[IntroductionRequest]) -> dict[str, Any] | None:
    if not requests:
        return None
    return {
        "head": [{"text": _("From")}, {"text": _("Area")}, {"text": _("Asked on")}, {"text": _("Status")}],
        "rows": [
            [
                {
                    "html": _link(
                        request_url(access, r),
                        r.organisation.name,
                        _("asking about %(area)s") % {"area": r.offer.area.label},
                    )
                },
                {"html": in_english(r.offer.area.label)},
                {"text": date_uk(r.created_at)},
                {
                    "html": format_html(
                        '<strong class="govuk-tag {}">{}</strong>', STATUS_TAGS[r.status], r.get_status_display()
                    )
                },
            ]
            for r in requests
        ],
    }


def offer_form_page(access: Access, area, standing, offer: Offer | None) -> dict[str, Any]:
    return {
        **_page(access),
        "area": area,
        "standing": standing,
        "offer": offer,
        "level_name": selectors.exemplar_level_name(),
        "visibility_hints": VISIBILITY_HINTS,
        "back_url": reverse("exemplars:offers", kwargs={"slug": access.organisation.slug}),
    }


# --- Finding help -------------------------------------------------------------------------------


def help_page(access: Access) -> dict[str, Any]:
    organisation = access.organisation
    assessment = selectors.reference_assessment(organisation)
    wanted = selectors.wanted_keys(organisation)
    areas = []
    if assessment is not None:
        names = assessment.framework.level_names
        for response in assessment.responses.select_related("area").order_by("area__position"):
            prompted = ranking.needs_prompt(response.current_level, response.target_level)
            if response.area.key in wanted or prompted:
                areas.append(
                    {
                        "area": response.area,
                        "wanted": response.area.key in wanted,
                        "prompted": prompted and response.area.key not in wanted,
                        "where": _where(names, response.current_level, response.target_level),
                    }
                )
    known = {item["area"].key for item in areas}
    for wanted_item in organisation.exemplar_help_wanted.select_related("area").order_by("area__position"):
        if wanted_item.area.key not in known:  # wanted in an area the reference assessment lacks
            areas.append({"area": wanted_item.area, "wanted": True, "prompted": False, "where": ""})
    found = selectors.suggestions(organisation, [item["area"].key for item in areas])
    for item in areas:
        item["suggestions"] = [_suggested(access, item["area"].key, s) for s in found[item["area"].key]]
    sent = list(selectors.requests_sent(organisation))
    return {
        **_page(access),
        "assessment": assessment,
        "signed_off": assessment is not None and assessment.is_signed_off,
        "participating": selectors.is_participating(organisation),
        "participating_means": PARTICIPATING_MEANS,
        "areas": areas,
        "level_name": selectors.exemplar_level_name(assessment.framework if assessment else None),
        "prompt_gap": ranking.PROMPT_GAP,
        "max_open": ranking.MAX_OPEN_REQUESTS,
        "sent": _sent_table(access, sent),
        "wanted_url": reverse("exemplars:wanted", kwargs={"slug": organisation.slug}),
        "offers_url": reverse("exemplars:offers", kwargs={"slug": organisation.slug}),
    }


def _where(names: dict[int, str], current: int | None, target: int | None) -> str:
    if current is None or target is None:
        return ""
    gap = target - current
    now, aim = names.get(current, current), names.get(target, target)
    if gap > 0:
        return _("Now at %(now)s, aiming for %(target)s (%(levels)s to climb)") % {
            "now": now,
            "target": aim,
            "levels": counted(gap, "%(num)s level", "%(num)s levels"),
        }
    return _("Now at %(now)s, aiming for %(target)s") % {"now": now, "target": aim}


def _suggested(access: Access, area_key: str, item: selectors.Suggested) -> dict[str, Any]:
    offer = item.offer
    return {
        "name": offer.organisation.name,
        "reason": item.suggestion.reason,
        "summary": offer_summary(offer, with_contact=False, with_visibility=False),
        "asked": item.suggestion.candidate.asked_by_requester,
        "ask_url": reverse("exemplars:ask", kwargs={"slug": access.organisation.slug, "area_key": area_key})
        + f"?offer={offer.pk}",
    }


def _sent_table(access: Access, requests: list[IntroductionRequest]) -> dict[str, Any] | None:
    if not requests:
        return None
    return {
        "head": [{"text": _("Exemplar")}, {"text": _("Area")}, {"text": _("Asked on")}, {"text": _("Status")}],
        "rows": [
            [
                {
                    "html": _link(
                        request_url(access, r),
                        r.offer.organisation.name,
                        _("about %(area)s") % {"area": r.offer.area.label},
                    )
                },
                {"html": in_english(r.offer.area.label)},
                {"text": date_uk(r.created_at)},
                {
                    "html": format_html(
                        '<strong class="govuk-tag {}">{}</strong>', STATUS_TAGS[r.status], r.get_status_display()
                    )
                },
            ]
            for r in requests
        ],
    }


def wanted_page(access: Access) -> dict[str, Any]:
    return {
        **_page(access),
        "prompt_gap": ranking.PROMPT_GAP,
        "back_url": reverse("exemplars:help", kwargs={"slug": access.organisation.slug}),
    }


def wanted_areas(organisation) -> list[dict[str, Any]]:
    """The areas an organisation can say it wants help in (those of its reference assessment, or
    of the national framework when it has none), each with a hint of its gap."""
    assessment = selectors.reference_assessment(organisation)
    if assessment is None:
        framework = selectors.national_framework()
        return [{"area": area, "hint": ""} for area in (framework.areas.order_by("position") if framework else [])]
    names = assessment.framework.level_names
    result = []
    for response in assessment.responses.select_related("area").order_by("area__position"):
        hint = _where(names, response.current_level, response.target_level)
        if ranking.needs_prompt(response.current_level, response.target_level):
            hint = _("%(where)s. Suggested: your target is well above where you are now") % {"where": hint}
        result.append({"area": response.area, "hint": hint})
    return result


def ask_page(access: Access, item: selectors.Suggested, area_key: str) -> dict[str, Any]:
    return {
        **_page(access),
        "offer": item.offer,
        "reason": item.suggestion.reason,
        "summary": offer_summary(item.offer, with_contact=False, with_visibility=False),
        "back_url": reverse("exemplars:help", kwargs={"slug": access.organisation.slug}),
        "area_key": area_key,
    }


# --- One request --------------------------------------------------------------------------------


def request_page(access: Access, request: IntroductionRequest) -> dict[str, Any]:
    sent = request.organisation_id == access.organisation.pk
    offer = request.offer
    rows = [
        {
            "key": {"text": _("Exemplar") if sent else _("From")},
            "value": {"text": offer.organisation.name if sent else request.organisation.name},
        },
        {"key": {"text": _("Area")}, "value": {"html": in_english(offer.area.label)}},
        {"key": {"text": _("Asked by")}, "value": {"text": request.requester_name}},
        {"key": {"text": _("Message")}, "value": {"html": lines(request.message)}},
    ]
    if request.answer_note:
        rows.append(
            {
                "key": {"text": _("Note from %(exemplar)s") % {"exemplar": offer.organisation.name}},
                "value": {"html": lines(request.answer_note)},
            }
        )
    contact = None
    if request.status == IntroductionRequest.Status.ACCEPTED:
        if sent:
            contact = [
                {"key": {"text": _("Name")}, "value": {"text": offer.contact_name}},
                {"key": {"text": _("Role")}, "value": {"text": offer.contact_role}},
                {
                    "key": {"text": _("Email")},
                    "value": {
                        "html": format_html('<a class="govuk-link" href="mailto:{0}">{0}</a>', offer.contact_email)
                    },
                },
            ]
        else:
            contact = [
                {"key": {"text": _("Name")}, "value": {"text": request.requester_name}},
                {
                    "key": {"text": _("Email")},
                    "value": {
                        "html": format_html('<a class="govuk-link" href="mailto:{0}">{0}</a>', request.requester_email)
                    },
                },
                {"key": {"text": _("Organisation")}, "value": {"text": request.organisation.name}},
            ]
    slug = access.organisation.slug
    return {
        **_page(access),
        "intro": request,
        "sent": sent,
        "request_url": request_url(access, request),
        "tag": status_tag(request),
        "rows": rows,
        "contact": contact,
        "history": [
            {
                "what": event.get_kind_display(),
                "who": event.user_name or _("Someone"),
                "organisation": event.organisation_name,
                "when": when_uk(event.at),
                "note": lines(event.note),
            }
            for event in request.events.all()
        ],
        "can_answer": not sent and request.is_open and access.is_lead,
        "can_withdraw": sent and request.is_open and access.can_edit,
        "withdraw_url": reverse("exemplars:withdraw-request", kwargs={"slug": slug, "request_id": request.pk}),
        "back_url": reverse("exemplars:help" if sent else "exemplars:offers", kwargs={"slug": slug}),
    }


# --- The national team ---------------------------------------------------------------------------


def national_page(now: datetime.datetime | None = None) -> dict[str, Any]:
    now = now or timezone.now()
    titles = selectors.area_titles()
    demand = selectors.demand_by_area()
    offers = selectors.eligible_offers()
    supply: dict[str, int] = {}
    open_supply: dict[str, int] = {}
    for offer, standing in offers:
        if standing.is_eligible:
            supply[offer.area.key] = supply.get(offer.area.key, 0) + 1
            if offer.visibility == Offer.Visibility.PARTICIPATING:
                open_supply[offer.area.key] = open_supply.get(offer.area.key, 0) + 1
    balances = ranking.rank_areas(
        ranking.AreaBalance(
            key=key, title=title, position=position, demand=demand.get(key, 0), supply=supply.get(key, 0)
        )
        for key, (title, position) in titles.items()
    )
    counts = selectors.request_counts()
    waiting = list(selectors.long_open_requests(now))
    stranded = selectors.wanted_without_suggestion(offers)
    return {
        "balance_table": {
            "caption": _("Help wanted and offered, by area: most wanted and least offered first"),
            "captionClasses": "govuk-table__caption--m",
            "head": [
                {"text": _("Area")},
                {"text": _("Organisations wanting help"), "format": "numeric"},
                {"text": _("Exemplars offering help"), "format": "numeric"},
                {"text": _("Of which open to organisations"), "format": "numeric"},
                {"text": _("Wanted minus offered"), "format": "numeric"},
            ],
            "rows": [
                [
                    {"html": _link(_offers_url(b.key), in_english(b.title), _("– every offer"))},
                    {"text": str(b.demand), "format": "numeric"},
                    {"text": str(b.supply), "format": "numeric"},
                    {"text": str(open_supply.get(b.key, 0)), "format": "numeric"},
                    {"text": str(b.shortfall), "format": "numeric"},
                ]
                for b in balances
            ],
        },
        "counts": counts,
        "made": sum(counts.values()),
        "waiting_days": ranking.WAITING_DAYS,
        "waiting_table": {
            "caption": _("Requests open for more than %(days)s days") % {"days": ranking.WAITING_DAYS},
            "captionClasses": "govuk-table__caption--m",
            "head": [
                {"text": _("Asked by")},
                {"text": _("Exemplar")},
                {"text": _("Area")},
                {"text": _("Asked on")},
                {"text": _("Days waiting"), "format": "numeric"},
            ],
            "rows": [
                [
                    {"text": r.organisation.name},
                    {"text": r.offer.organisation.name},
                    {"html": in_english(r.offer.area.label)},
                    {"text": date_uk(r.created_at)},
                    {"text": str((now - r.created_at).days), "format": "numeric"},
                ]
                for r in waiting
            ],
        }
        if waiting
        else None,
        "stranded_table": _stranded_table(stranded),
        "offers_url": reverse("exemplars:national-offers"),
        "participating_means": PARTICIPATING_MEANS,
    }


def _offers_url(area_key: str | None = None) -> str:
    url = reverse("exemplars:national-offers")
    return f"{url}?area={area_key}" if area_key else url


def _stranded_table(stranded: list[tuple[HelpWanted, str]]) -> dict[str, Any] | None:
    if not stranded:
        return None
    return {
        "caption": _("Areas where help is wanted and no exemplar is suggested"),
        "captionClasses": "govuk-table__caption--m",
        "head": [{"text": _("Organisation")}, {"text": _("Area")}, {"text": _("Wanted since")}, {"text": _("Why")}],
        "rows": [
            [
                {"text": w.organisation.name},
                {"html": _link(_offers_url(w.area.key), in_english(w.area.label), _("– every offer"))},
                {"text": date_uk(w.created_at)},
                {"text": reason},
            ]
            for w, reason in stranded
        ],
    }


def national_offers_page(area_key: str | None) -> dict[str, Any]:
    titles = selectors.area_titles()
    offers = selectors.eligible_offers()
    area_key = area_key if area_key in titles else None
    if area_key:
        offers = [(o, s) for o, s in offers if o.area.key == area_key]
    level_name = selectors.exemplar_level_name()
    return {
        "area_title": titles[area_key][0] if area_key else "",
        "area_key": area_key,
        "offers": [
            {
                "offer": offer,
                "heading": f"{offer.organisation.name}: {offer.area.label}",
                "eligible": standing.is_eligible,
                "rows": [
                    {
                        "key": {"text": _("Level now")},
                        "value": {
                            "html": in_english(standing.level_name)
                            if standing.is_eligible
                            else _html(
                                _("Below %(level)s in its latest signed-off assessment: not suggested"),
                                level=in_english(level_name),
                            )
                        },
                    },
                    *offer_summary(offer),
                    {
                        "key": {"text": _("Open requests")},
                        "value": {
                            "text": _("%(open)s of %(most)s")
                            % {"open": offer.open_requests, "most": ranking.MAX_OPEN_REQUESTS}
                        },
                    },
                    {"key": {"text": _("Offered on")}, "value": {"text": date_uk(offer.created_at)}},
                ],
            }
            for offer, standing in offers
        ],
        "all_url": _offers_url(),
        "back_url": reverse("exemplars:national"),
    }
