"""The one model of core: the keys that make a form sent twice save once (apps.core.once)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SaveKey(models.Model):
    """A form's one-time key, kept once the save that carried it is written.

    A phone that lost its signal sends the same save again later, maybe twice;
    the first one carrying the key is written, the others are answered with
    where the first one led, as if they had just succeeded.
    """

    key = models.UUIDField(_("key"), primary_key=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    done_url = models.CharField(_("page after the save"), max_length=500, blank=True)
    saved_at = models.DateTimeField(_("saved at"), auto_now_add=True)

    class Meta:
        verbose_name = _("save key")
        verbose_name_plural = _("save keys")

    def __str__(self) -> str:
        return str(self.key)
