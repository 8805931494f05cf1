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


class PendingLine(models.Model):
    """One line of a held roster upload's preview: an error, a change, or a person to end.

    Kept as rows rather than inside the PendingImport, so that the preview reads one page
    of them at a time, whatever the size of the file."""

    class Kind(models.TextChoices):
        ERROR = "error", _("error")
        NEW = "new", _("new")
        UPDATE = "update", _("updated")
        TO_END = "to_end", _("to end")

    pending = models.ForeignKey(
        PendingImport, on_delete=models.CASCADE, related_name="lines", verbose_name=_("upload")
    )
    position = models.PositiveIntegerField(_("line order"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    sheet = models.CharField(_("sheet"), max_length=255, blank=True)
    line = models.PositiveIntegerField(_("line"), null=True)
    # The column (an error), the hamlet (a change) or the group (to end).
    where = models.CharField(_("where"), max_length=255, blank=True)
    household = models.CharField(_("household"), max_length=64, blank=True)
    whole_household = models.BooleanField(_("the whole household"), default=False)
    person = models.CharField(_("person"), max_length=255, blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("preview line")
        verbose_name_plural = _("preview lines")
        indexes = [models.Index(fields=["pending", "kind", "position"])]

    def __str__(self) -> str:
        return f"{self.sheet} {self.line}: {self.person or self.text}"
