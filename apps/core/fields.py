"""Model fields that keep Vietnamese text consistent whatever path writes it."""

from django.conf import settings
from django.db import models

from apps.core.text import clean_text, fold


class NameField(models.CharField):
    """Text stored in NFC with tidy spaces, on save, bulk insert, update and lookup."""

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return clean_text(value) if isinstance(value, str) else value

    def to_python(self, value):
        value = super().to_python(value)
        return clean_text(value) if isinstance(value, str) else value


class FoldedField(models.CharField):
    """The folded copy of another field, for accent-insensitive search.

    Computed in pre_save, which Django calls on save() and on bulk_create().
    bulk_update() does not call it: callers that bulk-update names pass the
    folded field too (see `apps.core.text.fold`).
    """

    def __init__(self, *args, source: str = "name", **kwargs):
        self.source = source
        kwargs.setdefault("max_length", 255)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("db_index", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        for key, default in (("max_length", 255), ("editable", False), ("db_index", True)):
            if kwargs.get(key, default) == default:
                kwargs.pop(key, None)
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        value = fold(getattr(model_instance, self.source) or "")
        setattr(model_instance, self.attname, value)
        return value


def user_reference(verbose_name) -> models.ForeignKey:
    """Who did something; the record stays (with no name) if the account is ever deleted."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=verbose_name,
    )
