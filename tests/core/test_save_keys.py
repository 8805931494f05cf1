"""The one-time keys of saves sent from phones are forgotten by the daily jobs once no copy
of the save can plausibly come again (apps.core.once.KEYS_KEPT, 30 days)."""

import datetime
import uuid

from django.core.management import call_command

from apps.core.models import SaveKey
from tests.tasks import run_queued_tasks

NOW = datetime.datetime(2026, 11, 25, 7, 30, tzinfo=datetime.UTC)


def _key(user, age: datetime.timedelta) -> uuid.UUID:
    key = uuid.uuid4()
    SaveKey.objects.create(key=key, user=user, done_url="/")
    SaveKey.objects.filter(key=key).update(saved_at=NOW - age)  # saved_at is set on creation
    return key


def test_the_daily_jobs_forget_save_keys_older_than_30_days(group_a_leader, commune_a_official):
    old = _key(group_a_leader, datetime.timedelta(days=30, minutes=1))
    older = _key(commune_a_official, datetime.timedelta(days=400))
    kept = _key(group_a_leader, datetime.timedelta(days=29, hours=23))
    today = _key(commune_a_official, datetime.timedelta(minutes=5))

    call_command("run_daily_jobs", now=NOW.isoformat())
    assert SaveKey.objects.count() == 4  # queued, not run by the command itself
    run_queued_tasks()

    remaining = set(SaveKey.objects.values_list("key", flat=True))
    assert remaining == {kept, today}
    assert not remaining & {old, older}
