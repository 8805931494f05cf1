"""A roster that ends the households it leaves out, and one that brings them back, keep
each group's counted households exact (apps.people.household_counts)."""

import pytest

from apps.people.models import Household
from tests.imports.roster_files import workbook_bytes
from tests.imports.test_roster_import import _family, _import
from tests.people.test_household_counts import assert_kept_exact

pytestmark = pytest.mark.usefixtures("today")


def test_a_roster_that_ends_and_brings_back_households_keeps_the_counts(units, admin_user):
    _import(workbook_bytes({"S": _family()}), admin_user)
    assert_kept_exact()
    _import(workbook_bytes({"S": _family()[:2]}), admin_user, end_missing=True)
    assert Household.objects.exclude(left_on=None).exists()
    assert_kept_exact()
    _import(workbook_bytes({"S": _family()}), admin_user)
    assert not Household.objects.exclude(left_on=None).exists()
    assert_kept_exact()
