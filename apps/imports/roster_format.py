"""The roster spreadsheet: its columns, and reading the rows of a hand-typed file.

One line per person. Communes and hamlets are named by code or by name;
merged (or left blank) commune, hamlet, group, head-of-household and address
cells are filled down from the line above, as people type them. Every sheet
is read, the header may sit below a title, and empty lines are skipped.
"""

import datetime
import io
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from python_calamine import CalamineWorkbook

from apps.core.text import clean_text, fold
from apps.imports.legacy import legacy_encoding
from apps.imports.reading import (
    EMPTY_ROWS_ENDING_A_SHEET,
    HEADER_SEARCH_ROWS,
    UnreadableFile,
    check_spreadsheet,
)

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
}
ALIASES = {
    "commune": ["Xã/thị trấn", "Xã, thị trấn", "Xã/phường", "Tên xã", "Mã xã"],
    "hamlet": ["Ấp", "Khóm", "Ấp, khóm", "Ấp/khóm/tổ dân phố", "Tên ấp", "Mã ấp"],
    "full_name": ["Họ tên", "Họ và tên thành viên"],
    "phone": ["Điện thoại", "SĐT", "Số ĐT"],
    "role": ["Vai trò", "Chức vụ trong tổ"],
    "overseer": ["Đảng viên phụ trách", "Phụ trách tổ"],
}
REQUIRED = {"commune", "hamlet", "group_code", "head", "full_name", "gender"}
FILLED_DOWN = ["commune", "hamlet", "group_code", "group_name"]
HEADER_LOOKUP = {
    fold(text): key for key, header in COLUMNS.items() for text in [header, *ALIASES.get(key, [])]
}


@dataclass
class RosterRow:
    sheet: str
    line: int
    values: dict[str, object] = field(default_factory=dict)

    def text(self, key: str) -> str:
        return clean_text(_as_text(self.values.get(key)))


def _as_text(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _header(row: list) -> dict[str, int]:
    return {
        HEADER_LOOKUP[fold(_as_text(cell))]: index
        for index, cell in enumerate(row)
        if fold(_as_text(cell)) in HEADER_LOOKUP
    }


def _sheet_rows(sheet, sheet_name: str, found: list[bool]) -> Iterator[RosterRow]:
    """The sheet's person lines; `found` gets True once a header row is seen."""
    positions: dict[str, int] = {}
    above: dict[str, object] = {}
    empty_run = 0
    for line, row in enumerate(sheet.iter_rows(), start=1):
        if not positions:
            if line > HEADER_SEARCH_ROWS:
                return
            header = _header(row)
            if set(header) >= REQUIRED:
                positions = header
                found.append(True)
            continue
        values = {key: row[i] if i < len(row) else "" for key, i in positions.items()}
        if all(_as_text(v).strip() == "" for v in values.values()):
            empty_run += 1
            if empty_run >= EMPTY_ROWS_ENDING_A_SHEET:
                return  # the phantom rows some files claim
            continue
        empty_run = 0
        for key in FILLED_DOWN:
            if _as_text(values.get(key)).strip() == "" and key in above:
                values[key] = above[key]
        # Head and address go together: a line without a head belongs to the household above.
        if _as_text(values.get("head")).strip() == "" and "head" in above:
            values["head"], values["address"] = above["head"], above.get("address", "")
        above = values
        yield RosterRow(sheet_name, line, values)


def read_roster(data: bytes, name: str) -> list[RosterRow]:
    """Every person line of every sheet. UnreadableFile for a file that cannot be taken."""
    check_spreadsheet(data, name)
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine reports broken files in several ways
        raise UnreadableFile(_("The file is damaged and cannot be opened.")) from exc
    rows: list[RosterRow] = []
    found: list[bool] = []
    for sheet_name in workbook.sheet_names:
        try:
            sheet = workbook.get_sheet_by_name(sheet_name)
        except Exception:  # noqa: S112 - a chart sheet or similar has no cells: skip it
            continue
        rows.extend(_sheet_rows(sheet, sheet_name, found))
    if not found:
        raise UnreadableFile(
            _("No sheet has the roster's header row (%(columns)s).")
            % {"columns": ", ".join(COLUMNS[key] for key in COLUMNS if key in REQUIRED)}
        )
    _refuse_legacy_text(rows)
    return rows


def _refuse_legacy_text(rows: list[RosterRow]) -> None:
    for row in rows:
        for key in ("commune", "hamlet", "group_name", "head", "address", "full_name"):
            text = row.text(key)
            encoding = legacy_encoding(text)
            if encoding:
                raise UnreadableFile(
                    _(
                        'Sheet "%(sheet)s", line %(line)s: "%(text)s" is typed in the old '
                        "%(encoding)s font encoding, not Unicode. Convert the file to Unicode "
                        "first (for example with Unikey's converter: source %(encoding)s, "
                        "destination Unicode), then upload it again. Nothing was imported."
                    )
                    % {"sheet": row.sheet, "line": row.line, "text": text, "encoding": encoding}
                )
