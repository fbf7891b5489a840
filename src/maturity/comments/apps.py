from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "maturity.comments"
    verbose_name = "Comments on answers"
    default_auto_field = "django.db.models.BigAutoField"
