"""An upload checked and shown in preview, waiting for the user to confirm it.

The checked rows are kept in the database, not in a process's temporary
folder, so the confirmation may reach any app-server process. Abandoned
previews are removed after `PendingImport.LIFETIME`.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.people.models import Person


class AwaitingConfirmation(models.Model):
    """Kept until the user confirms; removed once `LIFETIME` has passed without that."""

    LIFETIME = datetime.timedelta(hours=24)

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        abstract = True

    @classmethod
    def purge_abandoned(cls) -> int:
        """Delete what nobody confirmed in time; returns how many."""
        deleted, _ = cls.objects.filter(created_at__lt=timezone.now() - cls.LIFETIME).delete()
        return deleted


class PendingImport(AwaitingConfirmation):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    kind = models.CharField(_("kind"), max_length=40)
    # Where the rows go (for example a group's id and a year), and the checked rows.
    target = models.JSONField(_("target"))
    rows = models.JSONField(_("rows"))
    file_name = models.CharField(_("file name"), max_length=255)

    class Meta:
        verbose_name = _("pending import")
        verbose_name_plural = _("pending imports")

    def __str__(self) -> str:
        return f"{self.kind}: {self.file_name}"


class HeldFile(AwaitingConfirmation):
    """An uploaded file kept between the admin's preview and its confirmation.

    In the database rather than a process's temporary folder, so that any
    app-server process can finish the import; abandoned ones are removed.
    """

    name = models.CharField(_("name"), max_length=64, unique=True)
    data = models.BinaryField(_("data"))

    class Meta:
        verbose_name = _("held upload")
        verbose_name_plural = _("held uploads")

    def __str__(self) -> str:
        return self.name


class RosterEntry(Person):
    """The people of the rosters, as the admin's import and export page lists them."""

    class Meta:
        proxy = True
        verbose_name = _("roster line")
        verbose_name_plural = _("rosters (Excel import)")
