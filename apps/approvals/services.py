"""Writes for approvals: approving a month or a year, and unlocking it with a reason.

The caller has checked that the user may write the unit's approvals (apps.accounts.access:
the unit's own officials and those above them). Every check comes before the write.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.approvals.models import Approval, MonthApproval, YearApproval
from apps.approvals.selectors import month_review
from apps.core.periods import Month
from apps.hierarchy.models import Commune, Hamlet


def _refuse_open_month(month: Month) -> None:
    if month.last_day >= timezone.localdate():
        raise ValidationError(_("A month can be approved only after it has ended."))


@transaction.atomic
def month_approve(
    *, unit: Commune | Hamlet, month: Month, reason: str, user: User
) -> MonthApproval:
    """Approve and lock the month's meetings of a commune or hamlet. Refused before the month
    has ended, when it is already approved, and while meetings are missing unless `reason`
    says why (a dissolved group, a storm)."""
    _refuse_open_month(month)
    reason = reason.strip()
    review = month_review(unit, month)
    if review.missing and not reason:
        raise ValidationError(
            {
                "reason": _(
                    "%(n)s groups have no meeting recorded for %(month)s: write why before "
                    "approving."
                )
                % {"n": review.missing, "month": month.label}
            }
        )
    commune = unit if isinstance(unit, Commune) else unit.commune
    approval = MonthApproval(
        commune=commune,
        hamlet=unit if isinstance(unit, Hamlet) else None,
        month=month.first_day,
        approved_by=user,
        approved_at=timezone.now(),
        reason=reason,
    )
    try:
        with transaction.atomic():
            approval.save()
    except IntegrityError:
        raise ValidationError(
            _("%(month)s is already approved for %(unit)s.")
            % {"month": month.label, "unit": unit.name}
        ) from None
    return approval


@transaction.atomic
def year_approve(*, commune: Commune, year: int, reason: str, user: User) -> YearApproval:
    """Approve and lock the commune's assessments and ratings of `year`."""
    if year > timezone.localdate().year:
        raise ValidationError(_("A year that has not started cannot be approved."))
    approval = YearApproval(
        commune=commune,
        year=year,
        approved_by=user,
        approved_at=timezone.now(),
        reason=reason.strip(),
    )
    try:
        with transaction.atomic():
            approval.save()
    except IntegrityError:
        raise ValidationError(
            _("%(year)s is already approved for %(unit)s.") % {"year": year, "unit": commune.name}
        ) from None
    return approval


@transaction.atomic
def approval_unlock(*, approval: Approval, reason: str, user: User) -> Approval:
    """Unlock an approval (a month's or a year's), saying why; the approval stays in the
    trail, and approving again afterwards is a new approval."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"unlock_reason": _("Write why the period is unlocked.")})
    # Locked first: two officials unlocking at once do not both write.
    approval = type(approval).objects.select_for_update().get(pk=approval.pk)
    if approval.unlocked_at is not None:
        raise ValidationError(_("This approval was already unlocked."))
    approval.unlocked_at = timezone.now()
    approval.unlocked_by = user
    approval.unlock_reason = reason
    approval.save(update_fields=["unlocked_at", "unlocked_by", "unlock_reason"])
    return approval
