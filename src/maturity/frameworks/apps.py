from django.apps import AppConfig


class FrameworksConfig(AppConfig):
    name = "maturity.frameworks"
    label = "frameworks"
    verbose_name = "Frameworks"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from maturity.frameworks import text

        # A framework saved or deleted: its translations are read again (frameworks.text).
        for signal in (post_save, post_delete):
            signal.connect(
                text.forget, sender="frameworks.Framework", dispatch_uid=f"frameworks.text.forget.{signal is post_save}"
            )
