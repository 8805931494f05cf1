"""A share: count / denominator and its percentage, rounded half up to two decimals.

DOMAIN.md: "A share with an empty denominator has no value ("chưa có số liệu"),
never 0 %; a change is shown only when both periods have data. A yearly share that
is still being entered shows its coverage." The rule for both lives here, so the
cards, the child table, the report, the workbook and the charts agree.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

HUNDREDTH = Decimal("0.01")


@dataclass(frozen=True)
class Share:
    """`coverage`, for a share read from yearly assessments or ratings, is how many of the
    units that could be assessed were (households assessed / households, groups rated /
    active groups). With none assessed the period has nothing to count: "no safe group"
    would only mean "no rating entered yet"."""

    count: int
    denominator: int
    coverage: "Share | None" = None

    @property
    def has_data(self) -> bool:
        if not self.denominator:
            return False
        return self.coverage is None or self.coverage.count > 0

    @property
    def percent(self) -> Decimal | None:
        """None when there is nothing to count, never 0 % nor a division error."""
        if not self.has_data:
            return None
        exact = Decimal(self.count) * 100 / Decimal(self.denominator)
        return exact.quantize(HUNDREDTH, rounding=ROUND_HALF_UP)

    @property
    def incomplete(self) -> bool:
        """Assessments are still being entered: some of the units are not assessed yet."""
        return self.has_data and self.coverage is not None and not self.coverage.complete

    @property
    def complete(self) -> bool:
        return self.count >= self.denominator

    def change_from(self, before: "Share | None") -> Decimal | None:
        """The change from `before` in percentage points; None unless both have data."""
        now, then = self.percent, before.percent if before is not None else None
        return None if now is None or then is None else now - then
