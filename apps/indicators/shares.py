"""A share: count / denominator and its percentage, rounded half up to two decimals."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

HUNDREDTH = Decimal("0.01")


@dataclass(frozen=True)
class Share:
    count: int
    denominator: int

    @property
    def percent(self) -> Decimal | None:
        """None when there is nothing to count (0 / 0), never a division error."""
        if not self.denominator:
            return None
        exact = Decimal(self.count) * 100 / Decimal(self.denominator)
        return exact.quantize(HUNDREDTH, rounding=ROUND_HALF_UP)
