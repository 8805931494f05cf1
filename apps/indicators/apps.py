from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "apps.indicators"
    verbose_name = _("Indicators")

    def ready(self) -> None:
        from apps.indicators.figure_cache import watch_writes

        watch_writes()
