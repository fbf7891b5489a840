from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "maturity.groups"
    label = "groups"
    verbose_name = "Groups"
