"""The figures of a unit as report lines, in the order of DOMAIN.md's table.

The printable report, the dashboard's cards and the workbook all read these
lines, so an indicator is labelled and laid out the same everywhere.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from apps.core.shares import Share
from apps.hierarchy.models import LEVELS
from apps.indicators.area import Figures


@dataclass(frozen=True)
class Coverage:
    """How the coverage of a yearly share is said: in a sentence ("32/47.600 households
    assessed") and as the names of its two numbers (columns of the workbook)."""

    said: str | Promise
    counted: str | Promise
    total: str | Promise


@dataclass(frozen=True)
class Line:
    """A figure: a count (None: nothing to count) or a share with its count and
    denominator; a share still being assessed carries its coverage and how to say it."""

    key: str
    label: str | Promise  # translated when shown: a workbook makes lines for 2,000 units
    count: int | Decimal | None = None
    denominator: int | None = None
    percent: Decimal | None = None
    note: str = ""
    share: Share | None = None
    covered: Coverage | None = None

    @property
    def has_data(self) -> bool:
        return self.share.has_data if self.share else self.count is not None

    @property
    def coverage(self) -> Share | None:
        """How complete a yearly share is, while it is not yet."""
        return self.share.coverage if self.share and self.share.incomplete else None

    def change_from(self, before: "Line | None") -> Decimal | None:
        """The change of a share from the same line of the period before, in points."""
        if self.share is None or before is None:
            return None
        return self.share.change_from(before.share)


@dataclass(frozen=True)
class LineDef:
    key: str
    label: str
    value: Callable[[Figures], object]  # a Share, or a number (None: nothing to count)
    note: Callable[[Figures], str] = lambda figures: ""
    lowest: str = "group"  # the lowest level at which the indicator means something
    is_share: bool = False
    covered: Coverage | None = None  # for a yearly share: how complete it is

    def line(self, figures: Figures) -> Line:
        return self.line_of(self.value(figures), self.note(figures))

    def line_of(self, value, note: str = "") -> Line:
        """The line of a value already counted: a Share, or a number."""
        if isinstance(value, Share):
            # Nothing to count: no count either (a rating share's 0 would only mean that
            # no rating was entered); the denominator is still a fact.
            return Line(
                self.key,
                self.label,
                value.count if value.has_data else None,
                value.denominator or None,
                value.percent,
                note,
                share=value,
                covered=self.covered,
            )
        return Line(self.key, self.label, value, note=note)

    def applies_at(self, level: str) -> bool:
        return LEVELS.index(level) <= LEVELS.index(self.lowest)


NOTHING = Share(0, 0)  # a share of a unit with nothing recorded: no value
HOUSEHOLDS_ASSESSED = Coverage(
    _("%(count)s/%(total)s households assessed"), _("Households assessed"), _("Households")
)
GROUPS_RATED = Coverage(
    _("%(count)s/%(total)s groups rated"), _("Groups rated"), _("Active groups")
)
HAMLETS_RATED = Coverage(_("%(count)s/%(total)s hamlets rated"), _("Hamlets rated"), _("Hamlets"))


def _of(part: str, attribute: str = "", *, empty=None):
    """The attribute of a part of the figures; `empty` when the unit has nothing of that
    part recorded (no active group in the month, no petition raised...)."""

    def value(figures: Figures):
        section = getattr(figures, part)
        if section is None:
            return empty
        return getattr(section, attribute) if attribute else section

    return value


def _share(key: str, label: str, part: str, attribute: str = "", **options) -> LineDef:
    return LineDef(key, label, _of(part, attribute, empty=NOTHING), is_share=True, **options)


LINES = [
    _share("formed", _("Groups formed (active / planned or active)"), "groups", "formed"),
    _share("committees", _("Communes with a steering committee"), "committees", lowest="commune"),
    _share("boards", _("Hamlets with a mobilisation board"), "boards", lowest="hamlet"),
    LineDef("leaders", _("Group leaders"), _of("groups", "leaders")),
    LineDef("deputies", _("Deputy leaders"), _of("groups", "deputies")),
    LineDef("cadres", _("Cadres per group"), _of("groups", "cadres_per_group")),
    _share("party_leading", _("Groups led by a party member"), "groups", "party_leading"),
    _share(
        "party_overseeing", _("Groups overseen by a party member"), "groups", "party_overseeing"
    ),
    _share("meetings", _("Groups that met in the month"), "meetings", "completeness"),
    _share("meetings_on_time", _("Meetings recorded on time"), "meetings", "timeliness"),
    LineDef("outreach", _("Outreach sessions"), _of("outreach", "sessions")),
    LineDef(
        "outreach_people", _("People attending outreach sessions"), _of("outreach", "attendees")
    ),
    LineDef("petitions", _("Petitions raised"), _of("petitions", "raised", empty=0)),
    _share(
        "petitions_closed",
        _("Petitions closed (resolved or answered)"),
        "petitions",
        "closed_share",
    ),
    LineDef("petitions_open", _("Petitions open"), _of("petitions", "open", empty=0)),
    LineDef("petitions_overdue", _("Petitions overdue"), _of("petitions", "overdue", empty=0)),
    LineDef(
        "petitions_days",
        _("Median days to close a petition"),
        _of("petitions", "median_days_to_close"),
    ),
    _share("petitions_on_time", _("Petitions closed on time"), "petitions", "on_time"),
    _share(
        "three_no",
        _('"3 không" households'),
        "households",
        "three_no_share",
        covered=HOUSEHOLDS_ASSESSED,
    ),
    _share(
        "cultural_families",
        _("Cultural families"),
        "households",
        "cultural_share",
        covered=HOUSEHOLDS_ASSESSED,
    ),
    _share("safe_groups", _("Safe groups"), "group_ratings", "safe_share", covered=GROUPS_RATED),
    _share(
        "cultural_groups",
        _("Cultural groups"),
        "group_ratings",
        "cultural_share",
        covered=GROUPS_RATED,
    ),
    _share(
        "safe_hamlets",
        _("Safe hamlets"),
        "hamlet_ratings",
        "safe_share",
        lowest="hamlet",
        covered=HAMLETS_RATED,
    ),
    _share(
        "cultural_hamlets",
        _("Cultural hamlets"),
        "hamlet_ratings",
        "cultural_share",
        lowest="hamlet",
        covered=HAMLETS_RATED,
    ),
    LineDef(
        "cultural_communes",
        _("Cultural-standard communes"),
        _of("cultural_communes", "count"),
        note=lambda f: (
            ", ".join(c.name for c in f.cultural_communes.cultural) if f.cultural_communes else ""
        ),
        lowest="commune",
    ),
]


def lines_at(level: str) -> list[LineDef]:
    """The indicators that mean something for a unit of the level, in DOMAIN.md's order."""
    return [d for d in LINES if d.applies_at(level)]


def report_lines(figures: Figures, level: str) -> list[Line]:
    """A line for every indicator that applies to a unit of the level, in DOMAIN.md's order."""
    return [d.line(figures) for d in lines_at(level)]
