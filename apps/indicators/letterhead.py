"""The parts of the printed report that make it an administrative document (Decree
30/2020/NĐ-CP): who issues it, its number, the place and date line, who signs it and
to whom it goes.

The report is issued by the steering committee of the unit it is for; a hamlet's or a
group's report by its commune's. That committee's settings apply (the one established
last by the report's date); what is not set falls back to the defaults below, or to
dotted blanks that the committee fills in by hand after printing.
"""

import datetime
import re
from dataclasses import dataclass

from apps.hierarchy.models import Commune, District, Unit, ancestors
from apps.organisation.models import REPORT_SYMBOL, SIGNER_TITLE, SteeringCommittee

BLANK = "……"  # a gap written in by hand
RECIPIENTS = [f"{BLANK};", f"{BLANK};", "Lưu: VT."]
LIST_DASHES = "-\N{EN DASH}"
# The kind of unit that begins its name ("Huyện Cao Lãnh"): the place is written without it.
UNIT_KIND = re.compile(r"^(huyện|quận|thị xã|thành phố|tỉnh|xã|thị trấn|phường)\s+", re.I)


@dataclass(frozen=True)
class Letterhead:
    issuer: District | Commune
    number: str
    symbol: str
    place: str
    day: str
    month: str
    year: str
    signer_title: list[str]
    signer_name: str  # empty: signed and named by hand
    recipients: list[str]


def issuing_unit(unit: Unit) -> District | Commune:
    """The unit whose steering committee issues the report: the unit itself or its commune."""
    return [u for u in ancestors(unit) if u.level in ("district", "commune")][-1]


def date_parts(day: datetime.date) -> tuple[str, str, str]:
    """Day, month and year as the decree writes them: a day below 10 and the months
    1 and 2 with a leading zero ("ngày 05 tháng 02", but "tháng 3")."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{day.day:02d}", month, str(day.year)


def _committee(unit: District | Commune, day: datetime.date) -> SteeringCommittee | None:
    committees = SteeringCommittee.objects.filter(established_on__lte=day)
    if isinstance(unit, Commune):
        committees = committees.filter(commune=unit)
    else:
        committees = committees.filter(district=unit, commune__isnull=True)
    return committees.order_by("-established_on").first()


def _lines(text: str) -> list[str]:
    # People type the list dash themselves at times; the template prints it.
    lines = (line.strip().lstrip(LIST_DASHES).strip() for line in text.splitlines())
    return [line for line in lines if line]


def letterhead(unit: Unit, day: datetime.date, number: int | None = None) -> Letterhead:
    """The letterhead of `unit`'s report dated `day`; `number` left blank unless given."""
    issuer = issuing_unit(unit)
    # Without a committee, a blank one: the model's defaults, and dotted gaps.
    committee = _committee(issuer, day) or SteeringCommittee()
    day_text, month_text, year_text = date_parts(day)
    return Letterhead(
        issuer=issuer,
        number=str(number) if number else BLANK,
        symbol=committee.report_symbol.strip() or REPORT_SYMBOL,
        place=committee.report_place.strip() or UNIT_KIND.sub("", issuer.name),
        day=day_text,
        month=month_text,
        year=year_text,
        signer_title=_lines(committee.signer_title) or [SIGNER_TITLE],
        signer_name=committee.signer_name.strip(),
        recipients=_lines(committee.recipients) or RECIPIENTS,
    )
