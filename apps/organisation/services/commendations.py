"""Writes of commendations."""

from operator import attrgetter

from apps.organisation.models import Commendation
from apps.organisation.services.scoped import ScopedWrites

_commendations = ScopedWrites(Commendation, unit_of=attrgetter("unit"))
commendation_save, commendation_delete = _commendations.save, _commendations.delete
