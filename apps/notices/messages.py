"""What a notice says and where it leads, written when it is read (in the reader's language)
from the facts the rule stored."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from apps.core.periods import Month
from apps.notices.models import Notice, Rule


def _listed(facts: dict) -> str:
    names = ", ".join(facts["names"])
    more = facts["count"] - len(facts["names"])
    if more > 0:
        names += " " + ngettext("and %(n)d more", "and %(n)d more", more) % {"n": more}
    return names


def _meeting(notice: Notice) -> str:
    month = Month.of(notice.period)
    facts = notice.facts
    values = {"month": month.label, "due": date_format(month.due_on, "SHORT_DATE_FORMAT")}
    late = notice.rule == Rule.MEETING_LATE
    if "group" in facts:
        if late:
            text = _("%(group)s: the meeting of %(month)s is late (due on %(due)s).")
        else:
            text = _("%(group)s has not recorded its meeting of %(month)s yet.")
        return text % {**values, "group": facts["group"]}
    if late:
        text = ngettext(
            "%(hamlet)s: %(count)d group is late with its meeting of %(month)s (due on "
            "%(due)s): %(names)s.",
            "%(hamlet)s: %(count)d groups are late with their meeting of %(month)s (due on "
            "%(due)s): %(names)s.",
            facts["count"],
        )
    else:
        text = ngettext(
            "%(hamlet)s: %(count)d group has not recorded its meeting of %(month)s yet: %(names)s.",
            "%(hamlet)s: %(count)d groups have not recorded their meeting of %(month)s yet: "
            "%(names)s.",
            facts["count"],
        )
    return text % {
        **values,
        "hamlet": facts["hamlet"],
        "count": facts["count"],
        "names": _listed(facts),
    }


def _petition(notice: Notice) -> str:
    if notice.rule == Rule.PETITION_OVERDUE:
        text = _("Petition overdue since %(due)s (%(group)s): %(content)s")
    else:
        text = _("Petition due on %(due)s (%(group)s): %(content)s")
    due = date_format(notice.period, "SHORT_DATE_FORMAT")
    return text % {**notice.facts, "due": due}


def _approval(notice: Notice) -> str:
    month = Month.of(notice.period).label
    if notice.rule == Rule.APPROVAL_AWAITED:
        text = _("%(commune)s: the meetings of %(month)s await your approval.")
        return text % {"commune": notice.facts["commune"], "month": month}
    text = ngettext(
        "%(district)s: %(count)d commune has not approved %(month)s: %(names)s.",
        "%(district)s: %(count)d communes have not approved %(month)s: %(names)s.",
        notice.facts["count"],
    )
    facts = notice.facts
    return text % {
        "district": facts["district"],
        "count": facts["count"],
        "month": month,
        "names": _listed(facts),
    }


WRITERS = {
    Rule.MEETING_MISSING: _meeting,
    Rule.MEETING_LATE: _meeting,
    Rule.PETITION_DUE: _petition,
    Rule.PETITION_OVERDUE: _petition,
    Rule.APPROVAL_AWAITED: _approval,
    Rule.APPROVAL_LATE: _approval,
}


def text(notice: Notice) -> str:
    return WRITERS[notice.rule](notice)


def link(notice: Notice) -> str:
    """The page to act on: the petition; for a month awaiting approval, that commune's
    approval of the month, and for the district, the table of the communes' approvals;
    else the meetings of the month (of the hamlet)."""
    kind, _sep, pk = notice.subject.partition(":")
    if kind == "petition":
        return reverse("petitions:detail", args=[int(pk)])
    month = Month.of(notice.period)
    if notice.rule == Rule.APPROVAL_AWAITED:
        return reverse("approvals:commune_month", args=[int(pk), month.year, month.month])
    if notice.rule == Rule.APPROVAL_LATE:
        return reverse("approvals:overview")
    query = f"?thang={month}"
    if kind == "hamlet":
        query += f"&ap={pk}"
    return reverse("meetings:status") + query
