"""Reminders: what each user was reminded of, and how it was sent.

A Notice is one reminder to one user: a rule (apps.notices.rules), the thing it is about
(`subject`, e.g. "group:12") and its period (the month, or a petition's due day). The
database allows one Notice per (user, rule, subject, period), so a reminder is never made
twice however often the job runs. A notice is always shown in the app; each other channel
the user chose gets a Delivery row: the send log (channel, time, outcome).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.people.models import phone_validator


class Rule(models.TextChoices):
    MEETING_MISSING = "meeting_missing", _("meeting not yet recorded")
    MEETING_LATE = "meeting_late", _("meeting late")
    PETITION_DUE = "petition_due", _("petition due soon")
    PETITION_OVERDUE = "petition_overdue", _("petition overdue")
    APPROVAL_AWAITED = "approval_awaited", _("month awaiting approval")
    APPROVAL_LATE = "approval_late", _("communes not approved")


class Channel(models.TextChoices):
    IN_APP = "in_app", _("in the app")
    EMAIL = "email", _("email")
    SMS = "sms", _("SMS")


class Notice(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notices",
        verbose_name=_("user"),
    )
    rule = models.CharField(_("rule"), max_length=20, choices=Rule.choices)
    subject = models.CharField(_("about"), max_length=40)
    period = models.DateField(_("period"))
    # What the text needs (names, counts), so it is written in the reader's language.
    facts = models.JSONField(_("facts"), default=dict)
    created_at = models.DateTimeField(_("made at"))
    dismissed_at = models.DateTimeField(_("dismissed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "rule", "subject", "period"], name="one_notice_per_thing"
            ),
        ]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="notice_user_recent"),
            # The job asks which of a rule's reminders of a period were made already.
            models.Index(fields=["rule", "period"], name="notice_rule_period"),
        ]

    def __str__(self) -> str:
        return f"{self.get_rule_display()}: {self.subject} ({self.period:%d/%m/%Y})"


class Delivery(models.Model):
    """One channel's send of a notice: held through quiet hours, then sent or failed."""

    class Outcome(models.TextChoices):
        HELD = "held", _("held (quiet hours)")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        NO_ADDRESS = "no_address", _("no address")

    notice = models.ForeignKey(
        Notice, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("reminder")
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    to = models.CharField(_("sent to"), max_length=254, blank=True)
    detail = models.CharField(_("detail"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("logged at"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("reminder send")
        verbose_name_plural = _("reminder sends")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["notice", "channel"], name="one_send_per_channel"),
        ]
        indexes = [models.Index(fields=["outcome", "channel"], name="delivery_outcome")]

    def __str__(self) -> str:
        return f"{self.get_channel_display()}: {self.get_outcome_display()}"


class Preferences(models.Model):
    """The channels a user chose besides the app. Without a row: the app only."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notice_preferences",
        verbose_name=_("user"),
    )
    by_email = models.BooleanField(_("by email"), default=False)
    by_sms = models.BooleanField(_("by SMS"), default=False)
    # Text, never a number: Vietnamese mobile numbers start with 0.
    phone = models.CharField(
        _("phone for SMS"), max_length=20, blank=True, validators=[phone_validator]
    )

    class Meta:
        verbose_name = _("reminder preferences")
        verbose_name_plural = _("reminder preferences")

    def __str__(self) -> str:
        return str(self.user)
