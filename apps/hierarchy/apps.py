from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HierarchyConfig(AppConfig):
    name = "apps.hierarchy"
    verbose_name = _("Administrative units")

    def ready(self) -> None:
        from apps.hierarchy import placements  # noqa: F401  (connects the signal keeping placements)
