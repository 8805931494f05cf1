"""The writes of a part whose rule is the user's scope at the unit a record is kept at."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Model

from apps.accounts import access
from apps.accounts.models import User


def _never_kept(record: Model) -> str:
    return ""


@dataclass(frozen=True)
class ScopedWrites:
    """Save and delete `model`'s records, each after checking that the user keeps them at
    `unit_of(record)`; a record `why_kept` gives a reason for ("" if none) is not deleted."""

    model: type[Model]
    unit_of: Callable[[Model], Model]
    why_kept: Callable[[Model], str] = _never_kept

    def check(self, user: User, record: Model) -> None:
        access.check_may_write(user, self.model, self.unit_of(record))

    def save(self, *, user: User, record: Model) -> Model:
        self.check(user, record)
        record.save()
        return record

    def delete(self, *, user: User, record: Model) -> None:
        self.check(user, record)
        if reason := self.why_kept(record):
            raise ValidationError(reason)
        record.delete()
