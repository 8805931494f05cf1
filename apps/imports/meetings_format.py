"""The meetings spreadsheet: a year's (or any span's) monthly meetings, one line a meeting.

What officials keep in Excel today: the group, the month, the day it was held, how many
people and households came, the themes covered and what was discussed. The columns
that place a line, and how it is read, are those of every past-records sheet
(apps.imports.records_format).
"""

import datetime
import re

from django.utils.translation import gettext_lazy

from apps.core.periods import Month
from apps.core.text import clean_text, fold
from apps.imports.records_format import PLACE_ALIASES, PLACE_COLUMNS, RecordsSheet
from apps.imports.roster_import import NO, YES

# Column key → the template's header. The headers are part of the format (not translated);
# `ALIASES` lists other headers people type for the same column.
COLUMNS = {
    **PLACE_COLUMNS,
    "month": "Tháng",
    "held_on": "Ngày sinh hoạt",
    "attendees": "Số người dự",
    "households": "Số hộ dự",
    "theme_safety": "Tổ an toàn",
    "theme_culture": "Tổ văn hóa",
    "theme_study": "Khuyến học",
    "theme_farmers": "Hội nông dân",
    "theme_defence": "Giáo dục quốc phòng",
    "overseer_attended": "Đảng viên phụ trách dự",
    "minutes": "Nội dung",
    "decisions": "Quyết định",
}
ALIASES = {
    **PLACE_ALIASES,
    "held_on": ["Ngày họp", "Ngày", "Ngày sinh hoạt tổ"],
    "attendees": ["Số người tham dự", "Số người", "Người dự"],
    "households": ["Số hộ tham dự", "Số hộ", "Hộ dự"],
    "theme_safety": ["An toàn", "An ninh trật tự"],
    "theme_culture": ["Văn hóa"],
    "theme_study": ["Tổ khuyến học"],
    "theme_farmers": ["Tổ hội nông dân", "Nông dân"],
    "theme_defence": ["Quốc phòng", "Quốc phòng toàn dân"],
    "minutes": ["Nội dung sinh hoạt", "Biên bản", "Nội dung (biên bản)"],
    "decisions": ["Kết luận", "Quyết nghị"],
}
REQUIRED = {"group_code", "held_on", "attendees", "households", "minutes"}
TEXT_COLUMNS = ("commune", "hamlet", "group_code", "minutes", "decisions")
MAX_COUNT = 32767  # the largest number a meeting's counts hold
MONTH = re.compile(r"(\d{1,2})(?:[/.-](\d{4}))?|(\d{4})-(\d{1,2})")
EXAMPLE = [
    "Xã Bình Thạnh", "Ấp 1", "30010-01-01", "03/2024", datetime.date(2024, 3, 10), 24, 18,
    "x", "x", "", "", "x", "có", "Phổ biến phòng chống trộm cắp; vệ sinh đường làng.",
    "Tổng vệ sinh ngày 20/3.",
]  # fmt: skip


MEETINGS_SHEET = RecordsSheet(
    title="Sinh hoạt tổ",
    columns=COLUMNS,
    aliases=ALIASES,
    required=REQUIRED,
    text_columns=TEXT_COLUMNS,
    example=EXAMPLE,
    no_header=gettext_lazy("No sheet has the meetings' header row (%(columns)s)."),
)


def month_cell(value, held_on: datetime.date) -> Month | None:
    """A month cell: a date, "3/2024", "2024-03", or a bare 3 (of the year held)."""
    if isinstance(value, datetime.date):
        return Month.of(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    match = MONTH.fullmatch(clean_text(str(value)))
    if not match:
        return None
    month, year = (match[1], match[2] or held_on.year) if match[1] else (match[4], match[3])
    try:
        return Month(int(year), int(month))
    except ValueError:
        return None


def count_cell(value) -> int | None:
    """A count of 1 or more (a number cell or digits), None for anything else."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and clean_text(value).isdigit():
        number = int(clean_text(value))
    else:
        return None
    return number if 1 <= number <= MAX_COUNT else None


def flag_cell(value: str) -> bool | None:
    """x, có, 1… is True; empty, không, 0… is False; None for anything else."""
    folded = fold(value)
    return True if folded in YES else False if folded in NO else None
