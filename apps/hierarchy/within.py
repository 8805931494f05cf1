"""Where an area's records are, seen from the groups they hang from.

The figures of an area count records that point at a group (roles, households,
assessments) among the area's groups. `Within` says how to find them and which unit each
is counted under; `InGroups` is the plain reading ("among these groups", a subquery); the
dashboard reads the groups' places on a day instead (apps.indicators.reading).
"""

from dataclasses import dataclass
from typing import Protocol

from django.db.models import QuerySet


def related_lookup(prefix: str, per: str) -> str:
    """A group's lookup seen from a model pointing at it: ("group", "hamlet") → "group__hamlet"."""
    return prefix if per == "pk" else f"{prefix}__{per}"


class Within(Protocol):
    """How to find an area's records in a model that points at a group through `path`, and
    the lookup from such a record to the unit it is counted under (None: the total only).
    By default "among these groups" (a subquery); the dashboard reads the groups' places
    (apps.indicators.reading) instead."""

    def records(self, queryset: QuerySet, path: str) -> QuerySet: ...

    def key(self, path: str) -> str | None: ...


@dataclass(frozen=True)
class InGroups:
    groups: QuerySet
    per: str | None = None  # the lookup from a group to the unit counted under

    def records(self, queryset: QuerySet, path: str) -> QuerySet:
        return queryset.filter(**{f"{path}__in": self.groups})

    def key(self, path: str) -> str | None:
        return related_lookup(path, self.per) if self.per else None
