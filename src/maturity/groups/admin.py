from django.contrib import admin

from maturity.groups.models import Group, GroupLead, GroupMember, GroupTarget


class GroupMemberInline(admin.TabularInline):
    model = GroupMember
    extra = 0
    raw_id_fields = ["organisation"]


class GroupLeadInline(admin.TabularInline):
    model = GroupLead
    extra = 0
    raw_id_fields = ["user"]


class GroupTargetInline(admin.TabularInline):
    model = GroupTarget
    extra = 0
    readonly_fields = ["updated_by", "updated_at"]


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [GroupLeadInline, GroupMemberInline, GroupTargetInline]
