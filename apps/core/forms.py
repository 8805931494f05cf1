"""What forms of several apps share."""

import datetime

from django import forms


def not_after(day: datetime.date, today: datetime.date, message: str) -> datetime.date:
    """`day` as cleaned, or the field's error `message` when `day` is after `today`."""
    if day > today:
        raise forms.ValidationError(message)
    return day
