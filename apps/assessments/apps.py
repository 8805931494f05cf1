from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "apps.assessments"
    verbose_name = _("Yearly assessments")

    def ready(self) -> None:
        from apps.assessments import totals  # noqa: F401 - connects the signals
