"""The national team's pages about organisations: the directory, an organisation's page, adding and
changing organisations, inviting a first lead, resending and withdrawing invitations, and contacts
in bulk from a CSV file. Every view starts with `require_national_admin`; what each page shows is
prepared in national_presenters.py.

The organisation page shows no assessment's answers (ADR 0021): only what the organisation
submitted to a round (the assessment's title and when it was signed off) and its people.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from maturity import audit
from maturity.govuk import error_summary
from maturity.organisations import contacts, directory, services
from maturity.organisations.access import require_national_admin
from maturity.organisations.forms import ContactsUploadForm, DirectoryFilterForm, InviteForm, OrganisationForm
from maturity.organisations.models import Invitation, Organisation, Role
from maturity.spreadsheets import CSV_CONTENT_TYPE, csv_download, csv_text
from maturity.words import counted
from maturity.workplace import national_presenters as presenters


def _organisation(slug: str) -> Organisation:
    return get_object_or_404(Organisation, slug=slug)


def _filter_form(request: HttpRequest) -> DirectoryFilterForm:
    return DirectoryFilterForm(request.GET or None, regions=directory.regions(), groups=presenters.group_choices())


@login_required
@require_http_methods(["GET"])
def directory_page(request: HttpRequest) -> HttpResponse:
    require_national_admin(request)
    form = _filter_form(request)
    filters = form.filters()
    page = presenters.directory_page(filters, request.GET.get("page"), path=request.path)
    return render(request, "organisations/national/directory.html", {"form": form, "page": page, "filters": filters})


@login_required
@require_http_methods(["GET"])
@csv_download
def directory_csv(request: HttpRequest) -> HttpResponse:
    require_national_admin(request)
    rows = directory.listing(_filter_form(request).filters())
    response = HttpResponse(
        csv_text(directory.CSV_COLUMNS, (directory.csv_row(o) for o in rows)), content_type=CSV_CONTENT_TYPE
    )
    response["Content-Disposition"] = 'attachment; filename="organisations.csv"'
    return response


@login_required
@require_http_methods(["GET"])
def organisation_page(request: HttpRequest, slug: str) -> HttpResponse:
    require_national_admin(request)
    organisation = _organisation(slug)
    return render(request, "organisations/national/organisation.html", presenters.organisation_page(organisation))


@login_required
@require_http_methods(["GET", "POST"])
def add_organisation(request: HttpRequest) -> HttpResponse:
    require_national_admin(request)
    form = OrganisationForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        organisation = services.add_organisation(values=form.cleaned_data, user=request.user)
        messages.success(request, gettext("%(organisation)s has been added") % {"organisation": organisation.name})
        return redirect("directory:organisation", slug=organisation.slug)
    return render(
        request,
        "organisations/national/edit.html",
        {"form": form, "errors": error_summary(form), "params": presenters.organisation_form(form)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit_organisation(request: HttpRequest, slug: str) -> HttpResponse:
    require_national_admin(request)
    organisation = _organisation(slug)
    form = OrganisationForm(
        request.POST if request.method == "POST" else None, instance=Organisation.objects.get(pk=organisation.pk)
    )
    if form.is_bound and form.is_valid():
        changed = services.change_organisation(organisation=organisation, values=form.cleaned_data, user=request.user)
        messages.success(
            request,
            gettext("%(organisation)s has been changed") % {"organisation": form.cleaned_data["name"]}
            if changed
            else gettext("Nothing was changed"),
        )
        return redirect("directory:organisation", slug=organisation.slug)
    return render(
        request,
        "organisations/national/edit.html",
        {
            "form": form,
            "errors": error_summary(form),
            "organisation": organisation,
            "params": presenters.organisation_form(form),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, slug: str) -> HttpResponse:
    """The national team invites someone, most often the organisation's first lead."""
    require_national_admin(request)
    organisation = _organisation(slug)
    form = InviteForm(request.POST if request.method == "POST" else None, initial={"role": Role.LEAD})
    if form.is_bound and form.is_valid():
        try:
            invitation, _ = services.invite_colleague(
                organisation=organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                invited_by=request.user,
            )
        except services.Refused as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            messages.success(request, gettext("Invitation sent to %(email)s") % {"email": invitation.email})
            return redirect("directory:organisation", slug=slug)
    return render(
        request,
        "organisations/national/invite.html",
        {
            "organisation": organisation,
            "form": form,
            "errors": error_summary(form),
            "role_hints": presenters.ROLE_ITEM_HINTS,
        },
    )


def _invitation(organisation: Organisation, invitation_id: int) -> Invitation:
    return get_object_or_404(
        organisation.invitations.filter(accepted_at__isnull=True, withdrawn_at__isnull=True), pk=invitation_id
    )


def _resend(invitation: Invitation, user) -> str:
    services.resend_invitation(invitation=invitation, user=user)
    return gettext("The invitation to %(email)s has been sent again: it works for 14 days") % {
        "email": invitation.email
    }


def _withdraw(invitation: Invitation, user) -> str:
    services.cancel_invitation(invitation=invitation)
    audit.record(
        kind="invitation-withdrawn",
        actor=user,
        organisation=invitation.organisation,
        subject=invitation.email,
        details={"role": invitation.role},
    )
    return gettext("The invitation to %(email)s has been withdrawn") % {"email": invitation.email}


# What the confirmation page's button does: each returns the message shown once it is done.
INVITATION_ACTIONS = {"resend": _resend, "withdraw": _withdraw}


@login_required
@require_http_methods(["GET", "POST"])
def invitation_action(request: HttpRequest, slug: str, invitation_id: int, action: str) -> HttpResponse:
    """Resend or withdraw an open invitation, after a confirmation page."""
    require_national_admin(request)
    organisation = _organisation(slug)
    invitation = _invitation(organisation, invitation_id)
    errors = None
    if request.method == "POST":
        try:
            done = INVITATION_ACTIONS[action](invitation, request.user)
        except services.Refused as refusal:
            errors = error_summary(extra=[{"text": refusal.message}])
        else:
            messages.success(request, done)
            return redirect("directory:organisation", slug=slug)
    return render(
        request,
        "organisations/national/invitation_confirm.html",
        {
            "organisation": organisation,
            "invitation": invitation,
            "action": action,
            "errors": errors,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def upload_contacts(request: HttpRequest) -> HttpResponse:
    """Contacts in bulk: upload, see every row checked, then confirm. The checked file travels in
    the confirmation form, and is checked again when confirmed: nothing is kept in between."""
    require_national_admin(request)
    form = ContactsUploadForm(request.POST, request.FILES) if request.method == "POST" else ContactsUploadForm()
    context: dict = {"form": form, "columns": contacts.COLUMNS}
    if request.method == "POST" and "contacts" in request.POST:
        return _confirm_contacts(request, request.POST["contacts"], context)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data["file"].read(contacts.MAX_BYTES + 1)
        checked = contacts.check(data)
        context.update(presenters.contacts_preview(checked, data))
        if checked.problems:
            context["errors"] = error_summary(
                extra=[{"text": problem, "href": "#problems"} for problem in checked.problems[:10]]
            )
        return render(request, "organisations/national/contacts.html", context)
    context["errors"] = error_summary(form)
    return render(request, "organisations/national/contacts.html", context)


def _confirm_contacts(request: HttpRequest, text: str, context: dict) -> HttpResponse:
    data = text.encode("utf-8")
    checked = contacts.check(data)
    problems = checked.problems
    if not problems:
        try:
            sent = contacts.invite_all(rows=checked.rows, invited_by=request.user)
        except contacts.ContactsError as error:
            problems = error.problems
        else:
            messages.success(request, counted(sent, "%(num)s invitation sent", "%(num)s invitations sent"))
            return redirect(reverse("directory:list") + "?reach=invited")
    context.update(presenters.contacts_preview(contacts.Checked(rows=checked.rows, problems=problems), data))
    context["errors"] = error_summary(
        extra=[{"text": gettext("Nothing was sent: the file no longer passes the checks"), "href": "#problems"}]
    )
    return render(request, "organisations/national/contacts.html", context)
