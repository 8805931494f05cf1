from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class HierarchyConfig(AppConfig):
    name = "apps.hierarchy"
    verbose_name = _("Administrative units")

    def ready(self) -> None:
        from apps.hierarchy import placements  # noqa: F401  (connects the signal keeping placements)
        from apps.hierarchy.group_life import install_after_migrate

        post_migrate.connect(install_after_migrate, sender=self)
