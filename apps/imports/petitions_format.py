"""The petitions spreadsheet: a year's (or any span's) petitions, one line a petition.

What officials keep in Excel today: the group, the day a petition was received, the level
handling it, its category and content, and, once closed, the day and what was done or
answered, with its state. The columns that place a line, and how it is read, are those
of every past-records sheet (apps.imports.records_format). The words of the level,
category and state columns are read without regard to accents or case.
"""

import datetime

from django.utils.translation import gettext_lazy

from apps.core.text import fold
from apps.imports.records_format import PLACE_ALIASES, PLACE_COLUMNS, RecordsSheet
from apps.petitions.models import Petition

# Column key → the template's header. The headers are part of the format (not translated);
# `ALIASES` lists other headers people type for the same column.
COLUMNS = {
    **PLACE_COLUMNS,
    "raised_on": "Ngày tiếp nhận",
    "level": "Cấp giải quyết",
    "category": "Lĩnh vực",
    "content": "Nội dung kiến nghị",
    "citizen_name": "Người kiến nghị",
    "state": "Tình trạng",
    "closed_on": "Ngày kết thúc",
    "outcome": "Kết quả giải quyết, trả lời",
}
ALIASES = {
    **PLACE_ALIASES,
    "raised_on": ["Ngày nhận", "Ngày kiến nghị", "Ngày phản ánh", "Ngày"],
    "level": ["Cấp", "Cấp xử lý", "Cấp giải quyết kiến nghị"],
    "category": ["Loại", "Nhóm", "Lĩnh vực kiến nghị"],
    "content": ["Nội dung", "Kiến nghị, đề xuất", "Nội dung kiến nghị, đề xuất"],
    "citizen_name": ["Họ tên người kiến nghị", "Công dân", "Người phản ánh"],
    "state": ["Trạng thái", "Tình trạng giải quyết"],
    "closed_on": ["Ngày giải quyết", "Ngày trả lời", "Ngày hoàn thành", "Ngày đóng"],
    "outcome": ["Kết quả", "Kết quả giải quyết", "Nội dung trả lời", "Trả lời"],
}
REQUIRED = {"group_code", "raised_on", "level", "category", "content"}
TEXT_COLUMNS = ("commune", "hamlet", "group_code", "content", "citizen_name", "outcome")
MAX_LENGTHS = {
    "citizen_name": Petition._meta.get_field("citizen_name").max_length,
    "content": 5000,
    "outcome": 5000,
}

Level, Category, State = Petition.Level, Petition.Category, Petition.State
# The words written in each column (folded) → the value stored.
LEVELS = {
    **dict.fromkeys(["to", "cap to", "to dan phong"], Level.GROUP),
    **dict.fromkeys(["ap", "khom", "ap/khom", "ap, khom", "cap ap"], Level.HAMLET),
    **dict.fromkeys(["xa", "thi tran", "phuong", "xa/thi tran", "cap xa"], Level.COMMUNE),
    **dict.fromkeys(["huyen", "cap huyen", "tinh", "cap tinh"], Level.DISTRICT),
}
CATEGORIES = {
    **dict.fromkeys(["an ninh trat tu", "an ninh", "antt"], Category.SECURITY),
    **dict.fromkeys(["ha tang", "co so ha tang", "giao thong"], Category.INFRASTRUCTURE),
    **dict.fromkeys(
        ["dat dai, moi truong", "dat dai", "moi truong", "dat dai va moi truong"], Category.LAND
    ),
    **dict.fromkeys(["an sinh xa hoi", "an sinh", "chinh sach"], Category.WELFARE),
    **dict.fromkeys(["san xuat, sinh ke", "san xuat", "sinh ke"], Category.LIVELIHOOD),
    **dict.fromkeys(["giao duc, van hoa", "giao duc", "van hoa"], Category.EDUCATION),
    "khac": Category.OTHER,
}
STATES = {
    **dict.fromkeys(["da tiep nhan", "tiep nhan", "moi", "chua giai quyet"], State.RECEIVED),
    **dict.fromkeys(["dang giai quyet", "dang xu ly"], State.IN_PROGRESS),
    **dict.fromkeys(["da giai quyet", "giai quyet", "xong"], State.RESOLVED),
    **dict.fromkeys(["da tra loi", "tra loi"], State.ANSWERED),
}
EXAMPLE = [
    "Xã Bình Thạnh", "Ấp 1", "30010-01-01", datetime.date(2024, 3, 10), "ấp", "hạ tầng",
    "Đề nghị sửa cầu khỉ qua kênh Ba Mươi.", "Nguyễn Văn A", "đã giải quyết",
    datetime.date(2024, 3, 22), "Ấp đã vận động bà con góp công sửa cầu.",
]  # fmt: skip


PETITIONS_SHEET = RecordsSheet(
    title="Kiến nghị",
    columns=COLUMNS,
    aliases=ALIASES,
    required=REQUIRED,
    text_columns=TEXT_COLUMNS,
    example=EXAMPLE,
    no_header=gettext_lazy("No sheet has the petitions' header row (%(columns)s)."),
)


def word_cell(text: str, words: dict[str, str]) -> str | None:
    """The value a word stands for in `words`, None for a word not among them."""
    return words.get(fold(text))
