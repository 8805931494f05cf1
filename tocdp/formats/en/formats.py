"""English interface, Vietnamese calendar conventions: dates stay dd/mm/yyyy, so only the
numbers (12,964 and 27.35) and the dates typed in differ from the Vietnamese formats."""

from tocdp.formats.vi.formats import *  # noqa: F403

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
