"""The roster spreadsheet: its columns, and reading the rows of a hand-typed file.

One line per person. Communes and hamlets are named by code or by name;
merged (or left blank) commune, hamlet, group, head-of-household and address
cells are filled down from the line above, as people type them. Every sheet
is read, the header may sit below a title, and empty lines are skipped.
The optional "since" columns date a group's activation and each role; the
household's and person's codes (written by the export) are their identity
when the roster comes back.
"""

from collections.abc import Iterator

from django.utils.translation import gettext as _

from apps.core.text import fold
from apps.imports.legacy import refuse_legacy_text
from apps.imports.reading import SheetRow, iter_rows

# Column key → the header of the template. The headers are part of the format (not
# translated); `ALIASES` lists other headers people type for the same column.
COLUMNS = {
    "commune": "Xã",
    "hamlet": "Ấp/khóm",
    "group_code": "Mã tổ",
    "group_name": "Tên tổ",
    "head": "Chủ hộ",
    "address": "Địa chỉ",
    "full_name": "Họ và tên",
    "gender": "Giới tính",
    "birth_year": "Năm sinh",
    "phone": "Số điện thoại",
    "role": "Vai trò trong tổ",
    "party_member": "Đảng viên",
    "overseer": "Đảng viên phụ trách tổ",
    "group_since": "Tổ hoạt động từ ngày",
    "role_since": "Giữ vai trò từ ngày",
    "overseer_since": "Phụ trách tổ từ ngày",
    "household_code": "Mã hộ",
    "person_code": "Mã thành viên",
}
ALIASES = {
    "commune": ["Xã/thị trấn", "Xã, thị trấn", "Xã/phường", "Tên xã", "Mã xã"],
    "hamlet": ["Ấp", "Khóm", "Ấp, khóm", "Ấp/khóm/tổ dân phố", "Tên ấp", "Mã ấp"],
    "full_name": ["Họ tên", "Họ và tên thành viên"],
    "phone": ["Điện thoại", "SĐT", "Số ĐT"],
    "role": ["Vai trò", "Chức vụ trong tổ"],
    "overseer": ["Đảng viên phụ trách", "Phụ trách tổ"],
    "group_since": ["Tổ hoạt động từ", "Ngày tổ hoạt động"],
    "role_since": ["Giữ vai trò từ", "Ngày nhận vai trò"],
    "overseer_since": ["Phụ trách tổ từ", "Ngày phụ trách tổ"],
    "person_code": ["Mã người"],
}
REQUIRED = {"commune", "hamlet", "group_code", "head", "full_name", "gender"}
FILLED_DOWN = ["commune", "hamlet", "group_code", "group_name"]
HEADER_LOOKUP = {
    fold(text): key for key, header in COLUMNS.items() for text in [header, *ALIASES.get(key, [])]
}


def read_roster(data: bytes, name: str) -> list[SheetRow]:
    """Every person line of every sheet. UnreadableFile for a file that cannot be taken."""
    return list(iter_roster(data, name))


def iter_roster(data: bytes, name: str) -> Iterator[SheetRow]:
    """`read_roster` a line at a time, filled down and checked as it goes: the import keeps
    only what it needs of each line, never the whole file's cells. UnreadableFile may come
    at any line, so a caller writes nothing before the last one."""
    rows = iter_rows(
        data,
        name,
        HEADER_LOOKUP,
        REQUIRED,
        _("No sheet has the roster's header row (%(columns)s).")
        % {"columns": ", ".join(COLUMNS[key] for key in COLUMNS if key in REQUIRED)},
    )
    for row in _filled_down(rows):
        refuse_legacy_text(row, ("commune", "hamlet", "group_name", "head", "address", "full_name"))
        yield row


def _filled_down(rows: Iterator[SheetRow]) -> Iterator[SheetRow]:
    above: dict[str, object] = {}
    sheet = None
    for row in rows:
        if row.sheet != sheet:
            above, sheet = {}, row.sheet
        values = row.values
        for key in FILLED_DOWN:
            if row.text(key) == "" and key in above:
                values[key] = above[key]
        # Head, address and household code go together: a line without a head belongs to the
        # household above.
        if row.text("head") == "" and "head" in above:
            values["head"], values["address"] = above["head"], above.get("address", "")
            if row.text("household_code") == "":
                values["household_code"] = above.get("household_code", "")
        above = values
        yield row
