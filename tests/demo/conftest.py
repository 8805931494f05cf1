"""The demo builds the tests read: the small one per test, the full one once per session."""

import pytest
from django.db import transaction
from django.utils import timezone

from tests.demo.support import (
    ActivityFacts,
    Facts,
    gather_activity_facts,
    gather_facts,
    seed,
    seed_small,
)


@pytest.fixture
def small(db):
    seed_small()


@pytest.fixture
def small_activity(small) -> ActivityFacts:
    return gather_activity_facts(timezone.localdate())


@pytest.fixture(scope="session")
def full(django_db_setup, django_db_blocker) -> Facts:
    """Build the full district once per session and keep only its facts (the build is rolled
    back). Only tests marked slow ask for it: `make test-slow`, and CI."""
    with django_db_blocker.unblock(), transaction.atomic():
        seed()
        facts = gather_facts(timezone.localdate())
        transaction.set_rollback(True)
    return facts
