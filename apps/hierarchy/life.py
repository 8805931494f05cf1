"""Records happen within their unit's life: the one check that refuses a date (or a year)
before the unit began or after it ended, used by the models' `clean` (so by every form
and admin page saving them) and by the assessment pages, which save in bulk."""

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _

if TYPE_CHECKING:  # the models call this check: no import of them at run time
    from apps.hierarchy.models import Unit


def refuse_outside_life(
    unit: "Unit",
    first: datetime.date,
    last: datetime.date | None = None,
    *,
    field: str | None = None,
) -> None:
    """Raise a ValidationError (on `field` if given) unless `unit` was alive on `first`, or on
    at least one day of [first, last] (a year's assessment)."""
    last = last or first
    began, ended = (getattr(unit, name) for name in unit.life)
    if ended is not None and ended < first:
        message = _("%(unit)s ended on %(day)s; nothing can be recorded after that day.") % {
            "unit": unit,
            "day": date_format(ended, "SHORT_DATE_FORMAT"),
        }
    elif began is None or last < began:
        message = _("%(unit)s had not yet been established on %(day)s.") % {
            "unit": unit,
            "day": date_format(last, "SHORT_DATE_FORMAT"),
        }
    else:
        return
    raise ValidationError({field: message} if field else message)
