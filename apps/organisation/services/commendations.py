"""Writes of commendations."""

from apps.accounts import access
from apps.accounts.models import User
from apps.organisation.models import Commendation


def check_commendation(user: User, commendation: Commendation) -> None:
    access.check_may_write(user, Commendation, commendation.unit)


def commendation_save(*, user: User, commendation: Commendation) -> Commendation:
    check_commendation(user, commendation)
    commendation.save()
    return commendation


def commendation_delete(*, user: User, commendation: Commendation) -> None:
    check_commendation(user, commendation)
    commendation.delete()
