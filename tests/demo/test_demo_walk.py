"""Walk the small demo as each kind of user, following every link the pages give.

A page that works on a test's tidy rows may still break on realistic data (a history
entry with no account, a unit with no leader, an empty year). Here each user starts at
the home page and follows, breadth first, every same-site link and image the app renders
for them, and every answer must be a page: an error (500) or a link that leads to a
refusal or to nothing (4xx) is a defect the user would meet.
"""

import io

import pytest
from django.core.management import call_command
from django.db import transaction

from apps.demo.walk import MAX_PAGES, ROLES, demo_account, walk

# No xdist group: the walks are what takes time (the admin's about 12 s), the build a
# fifth of a second, so each test process that walks builds the demo for itself.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The small demo, built once for the walks of this test process and rolled back after
    them."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", "--small", "--seed", "2026", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.mark.parametrize("role", ROLES)
def test_every_page_a_demo_user_reaches_answers(demo, role):
    user = demo_account(role)

    result = walk(user)

    print(  # shown with -s: how far and how long each walk went
        f"{user.username}: {result.visited} pages of {len(result.kinds)} kinds "
        f"in {result.seconds:.1f} s"
    )
    assert result.visited >= 20, f"{user.username} reached only {result.visited} pages"
    assert result.visited < MAX_PAGES, f"{user.username}'s walk was cut short"
    assert not result.failures, "\n".join(result.failures)
