"""Group pages (group leads and the national team) and an organisation's choice of what it shares.

Every group page starts with `group_for`, which gives 404 to anyone who neither leads the group
nor is national team. Writes go through `groups.services`; pages are prepared by the presenters.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from maturity.accounts.signed_in import SignedInRequest
from maturity.frameworks import loader, selectors
from maturity.frameworks import services as framework_services
from maturity.frameworks.models import Framework
from maturity.govuk import error_summary
from maturity.groups import services
from maturity.groups.access import can_create_groups, group_for, groups_of
from maturity.groups.forms import GroupForm, LeadForm, SearchForm, SharingForm, TargetsForm, VariantForm
from maturity.organisations.access import organisation_for
from maturity.organisations.models import Role
from maturity.steps import confirm_step
from maturity.words import counted
from maturity.workplace import group_presenters as presenters


def _data(request: HttpRequest):
    """What a form is bound to: the POST (even an empty one), or None on a GET (an unbound form)."""
    return request.POST if request.method == "POST" else None


def _files(request: HttpRequest):
    return request.FILES if request.method == "POST" else None


def _number(value: str | None) -> int:
    """A posted id, or 0 (which matches nothing) when it is not a number."""
    return int(value) if value and value.isdigit() else 0


@login_required
def group_list(request: HttpRequest) -> HttpResponse:
    groups = list(groups_of(request.user).annotate(member_count=Count("members")).order_by("kind", "name"))
    return render(
        request,
        "groups/list.html",
        {
            "groups": presenters.group_list(groups),
            "can_create": can_create_groups(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    if not can_create_groups(request.user):
        raise PermissionDenied(_("Only the national team and group leads can create groups."))
    form = GroupForm(_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            group = services.create_group(**form.cleaned_data, user=request.user)
        except services.Refused as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            messages.success(request, _("%(group)s is created. Add its members next.") % {"group": group.name})
            return redirect("groups:members", group_slug=group.slug)
    return render(request, "groups/create.html", {"form": form, "errors": error_summary(form)})


@login_required
def dashboard(request: HttpRequest, group_slug: str) -> HttpResponse:
    access = group_for(request, group_slug)
    return render(request, "groups/dashboard.html", presenters.dashboard(access))


@login_required
@require_http_methods(["GET", "POST"])
def members(request: HttpRequest, group_slug: str) -> HttpResponse:
    access = group_for(request, group_slug)
    errors = None
    if request.method == "POST":
        organisation = get_object_or_404(services.current_organisations(), pk=_number(request.POST.get("organisation")))
        try:
            services.add_member(group=access.group, organisation=organisation)
        except services.Refused as refusal:
            errors = error_summary(extra=[{"text": refusal.message}])
        else:
            messages.success(
                request,
                _("%(organisation)s has been asked to join %(group)s: it counts once one of its leads accepts")
                % {"organisation": organisation.name, "group": access.group.name},
            )
            return redirect("groups:members", group_slug=group_slug)
    search = SearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_bound and search.is_valid() else ""
    found = services.find_organisations(access.group, query) if query else []
    return render(
        request,
        "groups/members.html",
        {
            **presenters.members_page(access, found, query),
            "search": search,
            "errors": errors,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def remove_member(request: HttpRequest, group_slug: str, member_id: int) -> HttpResponse:
    access = group_for(request, group_slug)
    member = get_object_or_404(access.group.members.select_related("organisation"), pk=member_id)

    def step():
        services.remove_member(member=member)
        return (
            _("%(organisation)s has been removed from %(group)s")
            % {"organisation": member.organisation.name, "group": access.group.name},
            reverse("groups:members", kwargs={"group_slug": group_slug}),
        )

    return confirm_step(
        request,
        "groups/remove_member.html",
        {**presenters.page(access, "members"), "member": member},
        step,
        refused=services.Refused,
        reasons=lambda refusal: [refusal.message],
    )


@login_required
@require_http_methods(["GET", "POST"])
def leads(request: HttpRequest, group_slug: str) -> HttpResponse:
    access = group_for(request, group_slug)
    form = LeadForm(_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            user = services.add_lead(group=access.group, email=form.cleaned_data["email"])
        except services.Refused as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            messages.success(
                request, _("%(person)s now leads %(group)s") % {"person": user, "group": access.group.name}
            )
            return redirect("groups:leads", group_slug=group_slug)
    return render(
        request, "groups/leads.html", {**presenters.leads_page(access), "form": form, "errors": error_summary(form)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def remove_lead(request: SignedInRequest, group_slug: str, lead_id: int) -> HttpResponse:
    access = group_for(request, group_slug)
    lead = get_object_or_404(access.group.leads.select_related("user"), pk=lead_id)
    is_you = lead.user_id == request.user.pk
    if request.method == "POST":
        services.remove_lead(lead=lead)
        if is_you and not request.user.is_national_admin:
            messages.success(request, _("You no longer lead %(group)s") % {"group": access.group.name})
            return redirect("groups:list")
        messages.success(
            request, _("%(person)s no longer leads %(group)s") % {"person": lead.user, "group": access.group.name}
        )
        return redirect("groups:leads", group_slug=group_slug)
    return render(
        request, "groups/remove_lead.html", {**presenters.page(access, "leads"), "lead": lead, "is_you": is_you}
    )


@login_required
@require_http_methods(["GET", "POST"])
def targets(request: HttpRequest, group_slug: str) -> HttpResponse:
    access = group_for(request, group_slug)
    framework, areas = presenters.strategy_areas(access.group)
    levels = framework.levels if framework else []
    initial = {t.area_key: str(t.level) for t in access.group.targets.all()}
    form = TargetsForm(_data(request), areas=areas, levels=levels, initial=initial)
    if request.method == "POST" and form.is_valid():
        changed = services.set_targets(
            group=access.group, levels=form.cleaned_data, allowed=set(framework.level_numbers), user=request.user
        )
        messages.success(request, _("The group's targets are saved (%(changed)s changed)") % {"changed": changed})
        return redirect("groups:dashboard", group_slug=group_slug)
    return render(
        request,
        "groups/targets.html",
        {
            **presenters.page(access, "targets"),
            "framework": framework,
            "form": form,
            "errors": error_summary(form),
            "sections": presenters.targets_sections(areas, form),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def variant(request: HttpRequest, group_slug: str) -> HttpResponse:
    access = group_for(request, group_slug)
    form = VariantForm(_data(request), _files(request), frameworks=selectors.published_national())
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            document = framework_services.read_upload(form.cleaned_data["variant_file"])
            result = services.upload_variant(
                group=access.group, extends=form.cleaned_data["extends"], document=document
            )
        except loader.FrameworkError as error:
            problems = error.problems
        else:
            messages.success(
                request,
                _("The group's areas are saved as a draft (%(ref)s). Check them below, then publish them.")
                % {"ref": result.framework.ref},
            )
            return redirect("groups:variant", group_slug=group_slug)
    errors = (
        error_summary(extra=[{"text": problem, "href": "#variant_file"} for problem in problems])
        if problems
        else error_summary(form)
    )
    file_error = None
    if problems:
        file_error = {
            "visuallyHiddenText": _("Error"),
            "text": problems[0]
            if len(problems) == 1
            else counted(
                len(problems),
                "The file has %(num)s problem: see the list",
                "The file has %(num)s problems: see the list",
            ),
        }
    elif form.is_bound and "variant_file" in form.errors:
        file_error = {"visuallyHiddenText": _("Error"), "text": " ".join(form.errors["variant_file"])}
    return render(
        request,
        "groups/variant.html",
        {
            **presenters.variant_page(access),
            "form": form,
            "errors": errors,
            "problems": problems,
            "file_error": file_error,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def publish_variant(request: HttpRequest, group_slug: str) -> HttpResponse:
    access = group_for(request, group_slug)
    draft = get_object_or_404(access.group.variants.select_related("extends"), status=Framework.Status.DRAFT)

    def step():
        services.publish_variant(draft=draft)
        return (
            _("The group's areas are published: members' new assessments on %(ref)s include them")
            % {"ref": draft.extends.ref},
            reverse("groups:variant", kwargs={"group_slug": group_slug}),
        )

    return confirm_step(
        request,
        "groups/publish_variant.html",
        {**presenters.page(access, "variant"), "draft": draft},
        step,
        refused=loader.FrameworkError,
        reasons=lambda error: error.problems,
    )


@login_required
@require_http_methods(["GET", "POST"])
def sharing(request: HttpRequest, slug: str) -> HttpResponse:
    """An organisation's groups; its leads choose what each group sees of its results."""
    access = organisation_for(request, slug, role=Role.LEAD if request.method == "POST" else Role.VIEWER)
    memberships = access.organisation.group_memberships.filter(accepted_at__isnull=False).select_related("group")
    forms = {m.pk: SharingForm(prefix=f"member-{m.pk}", initial={"sharing": m.sharing}) for m in memberships}
    errors = None
    if request.method == "POST":
        member = get_object_or_404(memberships, pk=_number(request.POST.get("member")))
        form = forms[member.pk] = SharingForm(request.POST, prefix=f"member-{member.pk}")
        if form.is_valid():
            services.set_sharing(member=member, sharing=form.cleaned_data["sharing"])
            messages.success(
                request,
                _("%(group)s will see: %(sharing)s")
                % {"group": member.group.name, "sharing": member.get_sharing_display().lower()},
            )
            return redirect("groups:sharing", slug=slug)
        errors = error_summary(form)
    return render(request, "groups/sharing.html", {**presenters.sharing_page(access, forms), "errors": errors})


@login_required
@require_http_methods(["GET", "POST"])
def membership(request: HttpRequest, slug: str, group_id: int) -> HttpResponse:
    """One of an organisation's groups: its leads accept the membership (choosing what the group
    may see), and only then does the organisation count in the group's figures."""
    access = organisation_for(request, slug, role=Role.LEAD if request.method == "POST" else Role.VIEWER)
    member = get_object_or_404(access.organisation.group_memberships.select_related("group"), group_id=group_id)
    form = SharingForm(
        request.POST if request.method == "POST" else None, prefix="membership", initial={"sharing": member.sharing}
    )
    if request.method == "POST" and form.is_valid():
        services.set_sharing(member=member, sharing=form.cleaned_data["sharing"])
        services.accept(member=member, user=request.user)
        messages.success(
            request,
            _("%(organisation)s is a member of %(group)s")
            % {"organisation": access.organisation.name, "group": member.group.name},
        )
        return redirect("groups:sharing", slug=slug)
    return render(
        request,
        "groups/membership.html",
        {
            "access": access,
            "organisation": access.organisation,
            "member": member,
            "form": form,
            "is_lead": access.is_lead,
            "errors": error_summary(form) if form.is_bound else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def leave(request: HttpRequest, slug: str, group_id: int) -> HttpResponse:
    """A lead of the organisation declines the membership, or leaves the group (confirmed first)."""
    access = organisation_for(request, slug, role=Role.LEAD)
    member = get_object_or_404(access.organisation.group_memberships.select_related("group"), group_id=group_id)

    def step():
        services.decline(member=member)
        return (
            _("%(organisation)s is no longer in %(group)s")
            % {"organisation": access.organisation.name, "group": member.group.name},
            reverse("groups:sharing", kwargs={"slug": slug}),
        )

    return confirm_step(
        request,
        "groups/leave.html",
        {"organisation": access.organisation, "member": member},
        step,
        refused=services.Refused,
        reasons=lambda refusal: [refusal.message],
    )
