"""Users in Django's admin, for operators: the email address is the user name."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm

from maturity.accounts.models import User
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
    inlines = [MembershipInline]

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []  # add the person first, then their roles
