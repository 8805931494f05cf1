"""The reminder job: make the day's notices once, then send what the quiet hours allow.

`send_reminders(now)` is the whole job (the `send_reminders` command and the daily
scheduler call it). It may run as often as wanted: a notice is made once per (user, rule,
subject, period), and an email or SMS held through the quiet hours goes out on the first
run after them. Each user gets one email and one SMS per run, listing their new notices.
A send that fails is logged with its error and never stops the run.
"""

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from apps.notices import messages, rules, sms
from apps.notices.models import Channel, Delivery, Notice, Preferences
from apps.notices.selectors import sms_phone

logger = logging.getLogger(__name__)


class NoAddress(Exception):
    """The user chose a channel but gave no address for it."""


@dataclass
class Summary:
    made: int = 0
    sent: int = 0
    failed: int = 0
    no_address: int = 0
    held: int = 0


def is_quiet(now: datetime.datetime) -> bool:
    """Whether `now` falls in NOTICE_QUIET_HOURS (local time; the span may cross midnight)."""
    if settings.NOTICE_QUIET_HOURS is None:
        return False
    start, end = settings.NOTICE_QUIET_HOURS
    moment = timezone.localtime(now).time()
    return start <= moment < end if start <= end else moment >= start or moment < end


def notices_make(*, rule: str, reminders: list[rules.Reminder], now) -> list[Notice]:
    """The reminders not made before become notices, with a held send for each channel
    their user chose."""
    wanted = {(r.user_id, r.subject, r.period): r for r in reminders}
    if not wanted:
        return []
    with transaction.atomic():
        made = set(
            Notice.objects.filter(rule=rule, period__in={r.period for r in reminders})
            .values_list("user_id", "subject", "period")
            .iterator()
        )
        notices = Notice.objects.bulk_create(
            Notice(
                user_id=r.user_id,
                rule=rule,
                subject=r.subject,
                period=r.period,
                facts=r.facts,
                created_at=now,
            )
            for key, r in wanted.items()
            if key not in made
        )
        chosen = Preferences.objects.filter(user__in={n.user_id for n in notices})
        channels = {p.user_id: _channels(p) for p in chosen}
        deliveries = []
        for notice in notices:
            deliveries.append(
                Delivery(
                    notice=notice,
                    channel=Channel.IN_APP,
                    outcome=Delivery.Outcome.SENT,
                    created_at=now,
                    sent_at=now,
                )
            )
            deliveries += [
                Delivery(notice=notice, channel=c, outcome=Delivery.Outcome.HELD, created_at=now)
                for c in channels.get(notice.user_id, [])
            ]
        Delivery.objects.bulk_create(deliveries)
    return notices


def _channels(preferences: Preferences) -> list[str]:
    chosen = {Channel.EMAIL: preferences.by_email, Channel.SMS: preferences.by_sms}
    return [channel for channel, on in chosen.items() if on]


def _email(user, notices: list[Notice]) -> str:
    """Sends one email listing `notices`; returns the address."""
    if not user.email:
        raise NoAddress
    lines = [f"- {messages.text(n)}\n  {settings.SITE_URL}{messages.link(n)}" for n in notices]
    footer = _("Choose how you receive reminders: %(url)s") % {
        "url": settings.SITE_URL + reverse("notices:preferences")
    }
    subject = ngettext("%(n)d new reminder", "%(n)d new reminders", len(notices)) % {
        "n": len(notices)
    }
    send_mail(subject, "\n".join([*lines, "", footer]), None, [user.email])
    return user.email


def _sms(user, notices: list[Notice], day: datetime.date) -> str:
    """Sends one SMS: the first notice, and how many more are in the app."""
    phone = sms_phone(user, day)
    if not phone:
        raise NoAddress
    text = messages.text(notices[0])
    if len(notices) > 1:
        more = len(notices) - 1
        text += " " + ngettext(
            "(and %(n)d more reminder in the app)", "(and %(n)d more reminders in the app)", more
        ) % {"n": more}
    sms.get_backend().send(phone, text, reference=f"tocdp-{notices[0].pk}")
    return phone


def deliveries_send(*, now) -> Summary:
    """Sends the held emails and SMS, one of each per user, unless it is quiet now."""
    summary = Summary()
    held = Delivery.objects.filter(outcome=Delivery.Outcome.HELD)
    if is_quiet(now):
        summary.held = held.count()
        return summary
    batches = defaultdict(list)
    for delivery in held.select_related("notice__user").order_by("notice__created_at", "pk"):
        batches[(delivery.notice.user, delivery.channel)].append(delivery)
    day = timezone.localtime(now).date()
    for (user, channel), deliveries in batches.items():
        notices = [d.notice for d in deliveries]
        outcome, to, detail = Delivery.Outcome.SENT, "", ""
        try:
            to = _email(user, notices) if channel == Channel.EMAIL else _sms(user, notices, day)
        except NoAddress:
            outcome = Delivery.Outcome.NO_ADDRESS
        except Exception as error:  # a failed send is logged, and the run goes on
            logger.warning("Reminder %s to %s failed: %s", channel, user, error)
            outcome, detail = Delivery.Outcome.FAILED, str(error)[:255]
        for delivery in deliveries:
            delivery.outcome, delivery.to, delivery.detail = outcome, to, detail
            delivery.sent_at = now if outcome == Delivery.Outcome.SENT else None
        Delivery.objects.bulk_update(deliveries, ["outcome", "to", "detail", "sent_at"])
        setattr(summary, outcome, getattr(summary, outcome) + len(deliveries))
    return summary


def send_reminders(now: datetime.datetime | None = None) -> Summary:
    """The daily job: every rule's reminders of today made once, then the sends."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()  # the day as at `now`, not the clock's
    made = 0
    with translation.override(settings.LANGUAGE_CODE):
        for rule, find in rules.RULES.items():
            try:
                made += len(notices_make(rule=rule, reminders=find(today), now=now))
            except IntegrityError:  # another run made them meanwhile: the next run goes on
                logger.warning("Reminders %s: made by another run at the same time.", rule)
        summary = deliveries_send(now=now)
    summary.made = made
    return summary


def preferences_save(*, user, preferences: Preferences) -> Preferences:
    """Keep a user's own choice of channels (a user chooses only their own)."""
    preferences.user = user
    preferences.save()
    return preferences


def notice_dismiss(*, user, notice_id: int) -> None:
    """Hide one of the user's own reminders from the start page (others' ids do nothing)."""
    Notice.objects.filter(user=user, pk=notice_id).update(dismissed_at=timezone.now())
