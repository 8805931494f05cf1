"""The figures of a unit as report lines, in the order of DOMAIN.md's table.

The printable report, the dashboard's cards and the workbook all read these
lines, so an indicator is labelled and laid out the same everywhere.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from apps.indicators.area import Figures
from apps.indicators.shares import Share

NOT_APPLICABLE = object()  # the indicator has no meaning at this unit's level


@dataclass(frozen=True)
class Line:
    key: str
    label: str | Promise  # translated when shown: a workbook makes lines for 2,000 units
    count: int | Decimal | None = None
    denominator: int | None = None
    percent: Decimal | None = None
    note: str = ""


@dataclass(frozen=True)
class LineDef:
    key: str
    label: str
    value: Callable[[Figures], object]  # a Share, a number, None (no data) or NOT_APPLICABLE
    note: Callable[[Figures], str] = lambda figures: ""

    def line(self, figures: Figures) -> Line | None:
        value = self.value(figures)
        if value is NOT_APPLICABLE:
            return None
        if isinstance(value, Share):
            return Line(
                self.key,
                self.label,
                value.count,
                value.denominator,
                value.percent,
                self.note(figures),
            )
        return Line(self.key, self.label, value, note=self.note(figures))


def _of(part: str, attribute: str, *, applies: bool = False):
    """The attribute of a part of the figures; with `applies`, a missing part means the
    indicator does not apply at this level rather than that nothing was recorded."""

    def value(figures: Figures):
        section = getattr(figures, part)
        if section is None:
            return NOT_APPLICABLE if applies else None
        return getattr(section, attribute) if attribute else section

    return value


LINES = [
    LineDef("formed", _("Groups formed (active / planned or active)"), _of("groups", "formed")),
    LineDef(
        "committees", _("Communes with a steering committee"), _of("committees", "", applies=True)
    ),
    LineDef("boards", _("Hamlets with a mobilisation board"), _of("boards", "", applies=True)),
    LineDef("leaders", _("Group leaders"), _of("groups", "leaders")),
    LineDef("deputies", _("Deputy leaders"), _of("groups", "deputies")),
    LineDef("cadres", _("Cadres per group"), _of("groups", "cadres_per_group")),
    LineDef("party_leading", _("Groups led by a party member"), _of("groups", "party_leading")),
    LineDef(
        "party_overseeing",
        _("Groups overseen by a party member"),
        _of("groups", "party_overseeing"),
    ),
    LineDef("meetings", _("Groups that met in the month"), _of("meetings", "completeness")),
    LineDef("meetings_on_time", _("Meetings recorded on time"), _of("meetings", "timeliness")),
    LineDef("outreach", _("Outreach sessions"), _of("outreach", "sessions")),
    LineDef(
        "outreach_people", _("People attending outreach sessions"), _of("outreach", "attendees")
    ),
    LineDef("petitions", _("Petitions raised"), _of("petitions", "raised")),
    LineDef(
        "petitions_closed",
        _("Petitions closed (resolved or answered)"),
        _of("petitions", "closed_share"),
    ),
    LineDef("petitions_open", _("Petitions open"), _of("petitions", "open")),
    LineDef("petitions_overdue", _("Petitions overdue"), _of("petitions", "overdue")),
    LineDef(
        "petitions_days",
        _("Median days to close a petition"),
        _of("petitions", "median_days_to_close"),
    ),
    LineDef("petitions_on_time", _("Petitions closed on time"), _of("petitions", "on_time")),
    LineDef("three_no", _('"3 không" households'), _of("households", "three_no_share")),
    LineDef("cultural_families", _("Cultural families"), _of("households", "cultural_share")),
    LineDef("safe_groups", _("Safe groups"), _of("group_ratings", "safe_share")),
    LineDef("cultural_groups", _("Cultural groups"), _of("group_ratings", "cultural_share")),
    LineDef("safe_hamlets", _("Safe hamlets"), _of("hamlet_ratings", "safe_share", applies=True)),
    LineDef(
        "cultural_hamlets",
        _("Cultural hamlets"),
        _of("hamlet_ratings", "cultural_share", applies=True),
    ),
    LineDef(
        "cultural_communes",
        _("Cultural-standard communes"),
        lambda f: NOT_APPLICABLE if f.committees is None else len(f.cultural_communes),
        note=lambda f: ", ".join(c.name for c in f.cultural_communes),
    ),
]


def report_lines(figures: Figures) -> list[Line]:
    """A line for every indicator that applies to the unit, in DOMAIN.md's order."""
    return [line for d in LINES if (line := d.line(figures)) is not None]
