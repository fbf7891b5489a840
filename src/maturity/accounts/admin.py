"""Users in Django's admin, for operators: the email address is the user name."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode

from maturity.accounts.models import TwoFactorDevice, User
from maturity.organisations.models import Membership


class _UniqueEmailMixin:
    """Email addresses are kept in lower case and are unique whatever their case."""

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        others = User.objects.filter(email__iexact=email)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError("A user with this email address already exists")
        return email


class UserCreationAdminForm(_UniqueEmailMixin, AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "full_name")


class UserChangeAdminForm(_UniqueEmailMixin, UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


def _sign_in_through_the_service(request: HttpRequest, extra_context=None) -> HttpResponseRedirect:
    """The admin's own sign-in page would skip throttling and the second factor: send people to ours."""
    next_url = request.GET.get("next") or reverse("admin:index")
    return HttpResponseRedirect(f"{reverse('accounts:sign-in')}?{urlencode({'next': next_url})}")


admin.site.login = _sign_in_through_the_service
_staff_may_enter = admin.site.has_permission


def _staff_with_two_factor(request: HttpRequest) -> bool:
    """Only a staff account that has set up two-factor authentication reaches the admin (the
    middleware sends one without it to set it up; this is the admin's own check, in case)."""
    from maturity.accounts.two_factor import has_two_factor

    return _staff_may_enter(request) and has_two_factor(request.user)


admin.site.has_permission = _staff_with_two_factor


class TwoFactorDeviceInline(admin.TabularInline):
    """Operators can delete someone's authenticator app when they have lost it and their codes."""

    model = TwoFactorDevice
    extra = 0
    max_num = 0
    fields = ("confirmed_at",)
    readonly_fields = ("confirmed_at",)
    verbose_name = "authenticator app"
    verbose_name_plural = "two-factor authentication (delete the app to let someone set up a new one)"


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ("organisation", "role", "created_at")
    readonly_fields = ("created_at",)
    raw_id_fields = ("organisation",)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserChangeAdminForm
    add_form = UserCreationAdminForm
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Personal details", {"fields": ("full_name", "job_title")}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "full_name", "usable_password", "password1", "password2")}),
    )
    list_display = ("email", "full_name", "job_title", "is_active", "is_staff", "last_login")
    list_filter = ("is_active", "is_staff", "is_superuser")
    search_fields = ("email", "full_name", "job_title")
    ordering = ("email",)
    readonly_fields = ("last_login", "date_joined")
    inlines = [MembershipInline, TwoFactorDeviceInline]

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []  # add the person first, then their roles
