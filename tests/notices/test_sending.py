"""The job: each reminder made once, sent on the channels chosen, held through quiet hours,
every send logged, and a failed send never stops the run."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from apps.notices.models import Channel, Delivery, Notice, Preferences
from apps.notices.services import is_quiet, send_reminders
from tests.factories import GroupRoleFactory, MeetingFactory, MonthApprovalFactory
from tests.notices.conftest import at

DAY_25 = datetime.date(2026, 11, 25)


@pytest.fixture
def only_group_a_missing(world):
    """On 25/11 only group A has not recorded November; October is complete and approved."""
    MeetingFactory(group=world.b.group, month=datetime.date(2026, 11, 1))
    for area in (world.a, world.b):
        MeetingFactory(group=area.group, month=datetime.date(2026, 10, 1))
        MonthApprovalFactory(commune=area.commune, month=datetime.date(2026, 10, 1))


@pytest.fixture
def leader_a_wants_everything(people):
    people.leader_a.email = "to-a@example.vn"
    people.leader_a.save(update_fields=["email"])
    return Preferences.objects.create(
        user=people.leader_a, by_email=True, by_sms=True, phone="0912 345 678"
    )


def test_a_second_run_makes_and_sends_nothing_again(
    world, people, only_group_a_missing, leader_a_wants_everything, capsys
):
    first = send_reminders(at(DAY_25, 8))
    assert (first.made, first.sent, first.held) == (2, 2, 0)
    assert len(mail.outbox) == 1
    assert capsys.readouterr().out.count("SMS to 84912345678") == 1
    for hour in (9, 15):
        again = send_reminders(at(DAY_25, hour))
        assert (again.made, again.sent) == (0, 0)
    send_reminders(at(DAY_25 + datetime.timedelta(days=1), 8))
    assert len(mail.outbox) == 1
    assert "SMS" not in capsys.readouterr().out
    assert Notice.objects.count() == 2  # the leader's and the hamlet official's
    assert Delivery.objects.count() == 4  # in the app twice, the leader's email and SMS


def test_the_send_log_says_channel_time_and_outcome(
    world, people, only_group_a_missing, leader_a_wants_everything
):
    now = at(DAY_25, 8)
    send_reminders(now)
    notice = Notice.objects.get(user=people.leader_a)
    assert notice.period == datetime.date(2026, 11, 1)
    log = {d.channel: d for d in notice.deliveries.all()}
    assert set(log) == {Channel.IN_APP, Channel.EMAIL, Channel.SMS}
    assert {d.outcome for d in log.values()} == {Delivery.Outcome.SENT}
    assert {d.sent_at for d in log.values()} == {now}
    assert log[Channel.EMAIL].to == "to-a@example.vn"
    assert log[Channel.SMS].to == "0912 345 678"
    # The hamlet official chose nothing: the app only.
    assert [d.channel for d in Delivery.objects.filter(notice__user=people.hamlet_a)] == [
        Channel.IN_APP
    ]


def test_the_email_says_what_is_missing_with_a_link(
    world, people, only_group_a_missing, leader_a_wants_everything, settings
):
    settings.SITE_URL = "https://tocdp.example.gov.vn"
    send_reminders(at(DAY_25, 8))
    (email,) = mail.outbox
    assert email.to == ["to-a@example.vn"]
    assert email.subject == "1 nhắc việc mới"
    assert "Tổ Bình Thạnh chưa ghi sinh hoạt tháng 11/2026." in email.body
    assert "https://tocdp.example.gov.vn/sinh-hoat/?thang=2026-11" in email.body


@pytest.mark.parametrize(
    ("hour", "minute", "quiet"),
    [(20, 59, False), (21, 0, True), (23, 30, True), (0, 0, True), (6, 59, True), (7, 0, False)],
)
def test_quiet_hours_run_from_21_to_7_local_time(hour, minute, quiet):
    assert is_quiet(at(DAY_25, hour, minute)) is quiet


def test_email_and_sms_wait_through_quiet_hours_but_the_app_shows_the_notice(
    world, people, only_group_a_missing, leader_a_wants_everything, capsys
):
    night = send_reminders(at(DAY_25, 22))
    assert (night.made, night.sent, night.held) == (2, 0, 2)
    assert Notice.objects.filter(user=people.leader_a).exists()
    assert mail.outbox == []
    assert "SMS" not in capsys.readouterr().out
    dawn = send_reminders(at(DAY_25 + datetime.timedelta(days=1), 6, 30))
    assert (dawn.made, dawn.sent, dawn.held) == (0, 0, 2)
    morning = send_reminders(at(DAY_25 + datetime.timedelta(days=1), 7, 5))
    assert (morning.made, morning.sent) == (0, 2)
    assert len(mail.outbox) == 1
    assert capsys.readouterr().out.count("SMS to") == 1
    assert not Delivery.objects.filter(outcome=Delivery.Outcome.HELD).exists()


def test_no_quiet_hours_when_the_setting_is_empty(settings):
    settings.NOTICE_QUIET_HOURS = None
    assert is_quiet(at(DAY_25, 23)) is False


def test_one_email_and_one_sms_per_run_list_all_new_reminders(
    world, people, leader_a_wants_everything, capsys
):
    # On 25/11 group A has recorded neither October (late) nor November (not yet).
    send_reminders(at(DAY_25, 8))
    notices = Notice.objects.filter(user=people.leader_a)
    assert sorted(n.rule for n in notices) == ["meeting_late", "meeting_missing"]
    (email,) = mail.outbox
    assert email.subject == "2 nhắc việc mới"
    out = capsys.readouterr().out
    assert out.count("SMS to") == 1
    assert "(va 1 nhac viec khac trong ung dung)" in out


def test_a_failed_sms_is_logged_and_the_run_goes_on(
    world, people, only_group_a_missing, leader_a_wants_everything, settings
):
    settings.SMS_BACKEND = "apps.notices.sms.HttpGatewayBackend"
    settings.SMS_GATEWAY_URL = "http://127.0.0.1:9/"  # nothing listens on the discard port
    settings.SMS_BRAND_NAME = "UBND-CAOLANH"
    settings.SMS_GATEWAY_TIMEOUT = 2
    summary = send_reminders(at(DAY_25, 8))
    assert (summary.sent, summary.failed) == (1, 1)
    sms = Delivery.objects.get(channel=Channel.SMS)
    assert sms.outcome == Delivery.Outcome.FAILED
    assert sms.sent_at is None
    assert "Connection refused" in sms.detail or "Error" in sms.detail
    assert len(mail.outbox) == 1
    # A failed send is not tried again: the gateway may have taken it after all.
    assert send_reminders(at(DAY_25, 9)).failed == 0


def test_sms_reach_the_group_leader_on_the_roster_when_the_account_gave_no_number(
    world, people, only_group_a_missing, capsys
):
    GroupRoleFactory(group=world.a.group, person__phone="0987 654 321")
    Preferences.objects.create(user=people.leader_a, by_sms=True)
    send_reminders(at(DAY_25, 8))
    assert "SMS to 84987654321: To Binh Thanh chua ghi sinh hoat thang 11/2026." in (
        capsys.readouterr().out
    )


def test_a_chosen_channel_without_an_address_is_logged_as_such(world, people, only_group_a_missing):
    Preferences.objects.create(user=people.hamlet_a, by_email=True)
    summary = send_reminders(at(DAY_25, 8))
    assert summary.no_address == 1
    email = Delivery.objects.get(channel=Channel.EMAIL)
    assert email.outcome == Delivery.Outcome.NO_ADDRESS


def test_the_command_runs_the_job_at_a_given_time(world, people, only_group_a_missing, capsys):
    call_command("send_reminders", "--now", "2026-11-25T22:00")
    assert "2 reminders made" in capsys.readouterr().out
    assert Notice.objects.count() == 2
