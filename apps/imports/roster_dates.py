"""The roster's "since when" cells: reading a day as people write it, and the rules for it.

A day is a date cell or text as Vietnamese users type it: 15/03/2015 (also with - or .),
or 2015-03-15. A day in the future, or before the unit it belongs to began, is refused
with the line's other errors; an empty cell takes the import's "as of" day.
"""

import datetime
import re

from django.utils.translation import gettext as _

from apps.core.text import clean_text

DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
YEAR_FIRST = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def show(day: datetime.date) -> str:
    """A day as the interface writes it."""
    return day.strftime("%d/%m/%Y")


def parse_day(value) -> tuple[datetime.date | None, str]:
    """The day a cell holds (None for an empty one), or None and the error to show."""
    if value in (None, ""):
        return None, ""
    if isinstance(value, datetime.datetime):
        return value.date(), ""
    if isinstance(value, datetime.date):
        return value, ""
    text = clean_text(str(value))
    if match := DAY_FIRST.fullmatch(text):
        day, month, year = (int(part) for part in match.groups())
    elif match := YEAR_FIRST.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        return None, _('"%(value)s" is not a date: write it as dd/mm/yyyy, e.g. 15/03/2015.') % {
            "value": text
        }
    try:
        return datetime.date(year, month, day), ""
    except ValueError:
        return None, _('"%(value)s" is not a day of the calendar.') % {"value": text}


def future_problem(day: datetime.date, today: datetime.date) -> str:
    if day > today:
        return _("%(day)s is in the future: the roster can only say what is already so.") % {
            "day": show(day)
        }
    return ""


def before_problem(day: datetime.date, began: datetime.date, unit: str) -> str:
    """Why `day` cannot be: it is before `unit` (its name) began on `began`; or ""."""
    if day < began:
        return _("%(day)s is before %(unit)s began (%(began)s).") % {
            "day": show(day),
            "unit": unit,
            "began": show(began),
        }
    return ""
