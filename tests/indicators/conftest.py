import datetime

from tests.factories import (
    GroupRoleFactory,
    HouseholdAssessmentFactory,
    HouseholdFactory,
    MeetingFactory,
)

OCT = datetime.date(2026, 10, 1)


def led_met_and_assessed(group) -> None:
    """The group's leader, its meeting of 10/2026 recorded in time (on 03/11), and four of
    its households assessed in 2026, three of them cultural families."""
    GroupRoleFactory(group=group)
    MeetingFactory(group=group, month=OCT, recorded_on=datetime.date(2026, 11, 3))
    for n in range(4):
        HouseholdAssessmentFactory(
            household=HouseholdFactory(group=group), year=2026, cultural_family=n < 3
        )
