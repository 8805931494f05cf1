"""The full demo district checked for its shape: one build per session, its facts gathered,
then rolled back. Slow (about a minute and a half): `make test-slow` and CI run it."""

import datetime

import pytest

from apps.core.periods import Month
from apps.petitions.models import Petition
from tests.demo.support import (
    CAO_LANH_COMMUNES,
    NEW_COMMUNES,
    SUCCESSIONS,
    assert_every_unit_assessed_once_a_year,
    assert_petitions_keep_the_rules,
)

# Every test here needs the test database: without the mark, selecting only some tests
# would leave the development database connected.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_full_demo_has_the_18_communes_of_cao_lanh_district_and_the_9_of_2025(full):
    # The story (apps.demo.story) adds the new communes of Tỉnh Đồng Tháp; the old ones stay.
    assert len(full.commune_names) == 18 + 9
    assert set(full.commune_names) == CAO_LANH_COMMUNES | NEW_COMMUNES


def test_full_demo_has_85_to_100_hamlets(full):
    assert 85 <= full.hamlets <= 100


def test_full_demo_has_1750_to_1900_groups_a_few_of_them_planned(full):
    assert 1_750 <= full.groups <= 1_900
    assert full.planned >= 5
    assert full.planned <= 0.03 * full.groups


def test_full_demo_has_45000_to_50000_households(full):
    assert 45_000 <= full.households <= 50_000


def test_full_demo_gives_every_household_people_and_exactly_one_head(full):
    assert full.households_without_people == 0
    assert full.households_without_exactly_one_head == 0


def test_full_demo_has_a_current_leader_in_at_least_90_percent_of_active_groups(full):
    assert full.active > 0
    assert set(full.current_leaders_per_group.values()) == {1}
    assert len(full.current_leaders_per_group) >= 0.90 * full.active


def test_full_demo_keeps_each_groups_household_counts_exact(full):
    assert full.household_counts_kept_exact


def test_full_demo_has_1_to_2_deputies_per_active_group(full):
    assert 1.0 <= full.deputies_per_group.total() / full.active <= 2.0


def test_full_demo_gives_every_group_with_a_leader_1_or_2_deputies(full):
    deputies = {full.deputies_per_group[group] for group in full.current_leaders_per_group}

    assert deputies <= {1, 2}


def test_full_demo_has_party_member_leaders_in_20_to_30_percent_of_active_groups(full):
    assert 0.20 <= full.party_member_leaders / full.active <= 0.30


def test_full_demo_has_party_overseers_in_45_to_55_percent_of_active_groups(full):
    assert 0.45 <= full.overseen_groups / full.active <= 0.55


def test_full_demo_overseers_are_all_party_members(full):
    assert full.overseers_not_party_members == 0


def test_full_demo_role_holders_are_adults_living_in_their_group(full):
    assert full.roles_outside_their_group == 0
    assert full.roles_of_minors == 0


def test_full_demo_roles_follow_the_group_status(full):
    assert full.current_roles_in_dissolved_groups == 0
    assert full.roles_in_planned_groups == 0


def test_full_demo_keeps_some_leader_history(full):
    assert full.groups_with_a_past_leader > 0


def test_full_demo_has_one_user_per_unit(full):
    # The province's two accounts and the 9 new communes' officials came with the story.
    assert full.users == 1 + 1 + 2 + 18 + 9 + full.hamlets + full.not_dissolved
    assert {"admin", "huyen", "tinh", "tinh-admin"} <= full.usernames
    assert sum(name.startswith("xa-") for name in full.usernames) == 18 + 9
    assert sum(name.startswith("ap-") for name in full.usernames) == full.hamlets
    assert sum(name.startswith("to-") for name in full.usernames) == full.not_dissolved


# The full build's story: its structure over the years


def test_full_demo_district_ends_the_day_before_the_province_begins(full):
    assert full.story.districts == {
        "873": (
            "Huyện Cao Lãnh",
            "district",
            datetime.date(2008, 1, 1),
            datetime.date(2025, 6, 30),
        ),
        "82": ("Tỉnh Đồng Tháp", "province", datetime.date(2025, 7, 1), None),
    }


def test_full_demo_communes_stand_under_the_district_then_under_the_province(full):
    under = full.story.communes_under
    before, after = datetime.date(2025, 6, 30), datetime.date(2025, 7, 1)

    assert under[("873", before)] == CAO_LANH_COMMUNES
    assert under[("82", before)] == set()
    assert under[("873", after)] == set()
    assert under[("82", after)] == under[("82", full.today)] == NEW_COMMUNES


def test_full_demo_committees_end_with_the_district_and_begin_with_the_province(full):
    """The district's and old communes' steering committees end on 30/06/2025; the
    province's and most new communes' are set up after the merger."""
    (kinds_before, counts_before) = full.story.committees[datetime.date(2025, 6, 30)]
    (kinds_now, counts_now) = full.story.committees[full.today]
    assert kinds_before == {("873", True), ("873", False)}
    assert kinds_now == {("82", True), ("82", False)}
    assert counts_now["82"] - 1 in range(7, 10)  # of the 9 new communes
    assert counts_before["873"] > counts_now["82"]


def test_full_demo_records_the_successions_of_the_resolution(full):
    assert full.story.successions == SUCCESSIONS


def test_full_demo_records_keep_the_commune_of_their_day(full):
    assert full.story.meeting_communes == {
        "before": {"Xã Tân Nghĩa, Huyện Cao Lãnh"},
        "after": {"Phường Mỹ Ngãi, Tỉnh Đồng Tháp"},
    }


def test_full_demo_early_years_have_fewer_hamlets_and_groups(full):
    hamlets, groups = full.story.hamlets_alive, full.story.groups_alive

    assert hamlets[2019] + 6 == hamlets[2021]  # the last hamlet of every third commune
    assert hamlets[full.today.year] == hamlets[2021] + 1  # the split: one ended, two began
    assert groups[2019] < groups[full.today.year]
    assert full.story.groups_before_their_hamlet == 0


def test_full_demo_dashboards_show_the_old_district_in_2010_and_the_province_today(full):
    """The story from end to end, as the administrator opens it: Huyện Cao Lãnh in 2010,
    its first groups formed, before the rename and the late hamlets; then Tỉnh Đồng Tháp
    this year, with the nine communes that took in the district's."""
    early, communes_early = full.story.dashboards["district 2010"]
    later, communes_later = full.story.dashboards["district 2024"]
    now, communes_now = full.story.dashboards["province today"]

    renamed = "Xã Bình Thạnh Trung (nay là Xã Bình Thạnh)"  # its name until 2020
    assert set(communes_early) == CAO_LANH_COMMUNES - {"Xã Bình Thạnh"} | {renamed}
    assert set(communes_later) == CAO_LANH_COMMUNES
    assert set(communes_now) == NEW_COMMUNES
    # Groups were formed from 2009 to 2011 (the late hamlets' from 2021).
    (active_early, _), (active_later, _) = early["formed"], later["formed"]
    assert 0 < active_early < active_later
    assert 0 < early["leaders"] < later["leaders"]
    # Hamlets alive: the six late ones began in 2021, and the split made one hamlet two.
    assert early["boards"][1] + 7 == later["boards"][1]
    assert early["committees"][1] == later["committees"][1] == 18
    assert now["committees"][1] == 9


def test_full_demo_renames_a_commune_and_splits_a_hamlet(full):
    assert full.story.renamed == "Xã Bình Thạnh"
    (old, (a, a_start, a_end, a_groups), (b, b_start, b_end, b_groups)) = full.story.split
    assert old == ("Ấp 2", datetime.date(2008, 1, 1), datetime.date(2021, 12, 31), 0)
    assert (a, a_start, a_end) == ("Ấp 2A", datetime.date(2022, 1, 1), None)
    assert (b, b_start, b_end) == ("Ấp 2B", datetime.date(2022, 1, 1), None)
    assert a_groups > 0 and b_groups > 0
    assert full.story.reorganisations[:2] == [
        "2020-01-01 rename Xã Bình Thạnh Trung → Xã Bình Thạnh",
        "2022-01-01 split Ấp 2 → Ấp 2A, Ấp 2B",
    ]


def test_full_demo_leaves_nothing_open_today_to_an_account_that_cannot_write(full):
    assert full.story.open_petitions_no_living_unit_handles == 0
    assert full.story.events_after_the_merger_by_old_officials == 0
    assert full.story.commune_records_after_the_merger_at_old_communes == 0


def test_full_demo_gives_the_province_and_its_new_communes_accounts(full):
    assert full.story.scopes == {
        "tinh": ("steering", "Tỉnh Đồng Tháp"),
        "tinh-admin": ("admin", "Tỉnh Đồng Tháp"),
        "xa-30076": ("commune", "Xã Mỹ Thọ"),
        "xa-30025": ("commune", "Xã Phú Cường"),
        "xa-30020": ("commune", "Xã Bình Thạnh"),  # an old commune's official reads its history
    }


# The full build's meetings, programmes and outreach sessions


def test_full_demo_has_meetings_for_85_to_95_percent_of_active_groups_each_past_month(full):
    months = full.activity.months

    assert len(months) == 36
    assert months[-1] == Month.of(full.today)
    for month in months[:-1]:
        assert 0.85 <= full.activity.share(month) <= 0.95, month


def test_full_demo_this_month_has_fewer_meetings_so_far_and_none_after_today(full):
    month = full.activity.months[-1]
    active, met = full.activity.month_counts[month]
    elapsed = full.today.day / month.last_day.day

    # Some groups have not recorded yet: the status page shows them.
    assert met < active
    assert met / active <= 0.94 * elapsed + 0.01
    assert full.activity.meetings_held_or_recorded_after_today == 0


def test_full_demo_has_no_meeting_outside_its_group_active_period(full):
    assert full.activity.meetings_outside_the_36_months == 0
    assert full.activity.meetings_of_groups_not_active_in_their_month == 0
    assert full.activity.meetings_held_outside_the_group_active_days == 0


def test_full_demo_meetings_are_held_in_their_month_and_recorded_after(full):
    assert full.activity.meetings_held_outside_their_month == 0
    assert full.activity.meetings_recorded_before_held == 0
    assert full.activity.meetings_not_fresh == 0


def test_full_demo_meetings_count_the_group_households(full):
    facts = full.activity

    assert facts.meetings_with_wrong_households_total == 0
    assert facts.meetings_with_households_out_of_range == 0
    assert facts.meetings_below_60_percent_of_households == 0
    assert facts.meetings_with_fewer_attendees_than_households == 0


def test_full_demo_meetings_all_have_a_theme_and_minutes(full):
    shares = full.activity.theme_shares

    assert full.activity.meetings_without_a_theme == 0
    assert full.activity.meetings_without_minutes == 0
    assert 0.92 <= shares["theme_safety"] <= 0.98
    assert 0.75 <= shares["theme_culture"] <= 0.85
    assert 0.65 <= shares["theme_study"] <= 0.75
    assert 0.55 <= shares["theme_farmers"] <= 0.65


def test_full_demo_covers_national_defence_more_every_year(full):
    first, second, third = full.activity.defence_share_per_year

    assert 0.15 <= first <= 0.25
    assert first < second < third
    assert 0.55 <= third <= 0.65


def test_full_demo_records_3_to_12_percent_of_meetings_late(full):
    assert 0.03 <= full.activity.meetings_recorded_late / full.activity.meetings <= 0.12


def test_full_demo_overseers_attend_about_80_percent_of_the_meetings_they_oversee(full):
    facts = full.activity

    assert facts.overseer_attended_without_oversight == 0
    assert 0.75 <= facts.overseen_meetings_attended / facts.overseen_meetings <= 0.85


def test_full_demo_has_a_programme_for_most_commune_months(full):
    facts = full.activity

    assert 0.85 <= facts.programmes / facts.commune_months <= 0.95
    assert facts.programmes_without_a_theme == 0
    assert facts.programmes_without_talking_points == 0
    assert facts.programmes_outside_the_36_months == 0
    assert set(facts.programme_theme_counts) <= {2, 3, 4}


def test_full_demo_has_outreach_sessions_at_district_commune_and_hamlet_levels(full):
    sessions = full.activity.sessions_per_level

    assert 20 <= sessions["district"] <= 55
    assert 1.7 <= sessions["commune"] / (18 * 36) <= 2.3
    assert 0.25 <= sessions["hamlet"] / (full.hamlets * 36) <= 0.42
    assert sessions["group"] == 0


def test_full_demo_outreach_sessions_fill_their_ancestors_and_stay_in_range(full):
    facts = full.activity
    low, high = facts.sessions_attendees["hamlet"]

    assert facts.sessions_with_inconsistent_units == 0
    assert facts.sessions_outside_the_36_months == 0
    assert facts.sessions_without_a_theme == 0
    assert 30 <= low <= high <= 250
    for level in ("district", "commune"):
        level_low, level_high = facts.sessions_attendees[level]
        assert low < level_low <= level_high <= 250


# The full build's petitions


def test_full_demo_raises_1000_to_1400_petitions_a_year(full):
    per_year = full.petitions.per_year

    assert len(per_year) == 3
    assert all(1_000 <= n <= 1_400 for n in per_year), per_year


def test_full_demo_petitions_keep_the_rules(full):
    assert_petitions_keep_the_rules(full.petitions)
    # Only the events of dissolved groups' leaders, whose accounts are gone, have no author.
    assert full.petitions.events_signed >= 0.99 * full.petitions.events


def test_full_demo_raises_85_percent_of_petitions_at_meetings(full):
    facts = full.petitions

    assert 0.80 <= facts.raised_at_meetings / facts.petitions <= 0.90


def test_full_demo_closes_most_petitions_mostly_by_their_due_date(full):
    facts = full.petitions
    states = facts.states

    assert facts.closed >= 0.90 * facts.petitions
    assert 0.55 <= states[Petition.State.RESOLVED] / facts.closed <= 0.65
    assert 0.35 <= states[Petition.State.ANSWERED] / facts.closed <= 0.45
    assert 0.10 <= facts.closed_late / facts.closed <= 0.20


def test_full_demo_has_recent_open_petitions_and_a_few_overdue(full):
    facts = full.petitions

    assert facts.states[Petition.State.RECEIVED] > 0
    assert facts.states[Petition.State.IN_PROGRESS] > 0
    assert 0 < facts.overdue < facts.open
    assert 0.01 <= facts.overdue_of_last_year / facts.last_year <= 0.08


def test_full_demo_petitions_cover_every_category_most_of_all_security_and_infrastructure(full):
    categories = full.petitions.categories
    ranked = [category for category, _ in categories.most_common()]

    assert set(categories) == set(Petition.Category.values)
    assert set(ranked[:2]) == {Petition.Category.SECURITY, Petition.Category.INFRASTRUCTURE}
    assert ranked[-1] == Petition.Category.OTHER


def test_full_demo_petitions_are_handled_at_every_level_some_after_moving_up(full):
    facts = full.petitions
    shares = {level: facts.levels[level] / facts.petitions for level in Petition.Level.values}

    assert 0.40 <= shares["group"] <= 0.50
    assert 0.25 <= shares["hamlet"] <= 0.35
    assert 0.15 <= shares["commune"] <= 0.25
    assert 0.03 <= shares["district"] <= 0.07
    assert 0.10 <= facts.moved_up / facts.petitions <= 0.25


def test_full_demo_names_the_citizen_in_about_30_percent_of_petitions(full):
    assert 0.25 <= full.petitions.named / full.petitions.petitions <= 0.35


# The full build's assessments


def test_full_demo_assesses_every_unit_once_for_each_of_the_last_three_years(full):
    facts = full.assessments

    assert facts.years == [full.today.year - 3, full.today.year - 2, full.today.year - 1]
    assert_every_unit_assessed_once_a_year(facts)
    assert facts.assessed_by_someone == 0


def test_full_demo_has_no_cultural_family_that_is_not_3_khong(full):
    assert full.assessments.cultural_families_not_3_khong == 0


# Per level: the rated count, the assessed count, and the share's band in each year.
SHARE_BANDS = [
    ("three_no", "households", [(0.88, 0.92), (0.90, 0.94), (0.92, 0.96)]),
    ("cultural_families", "households", [(0.78, 0.82), (0.83, 0.87), (0.86, 0.90)]),
    ("safe_groups", "groups", [(0.72, 0.78), (0.77, 0.83), (0.82, 0.88)]),
    ("cultural_groups", "groups", [(0.62, 0.68), (0.69, 0.75), (0.75, 0.81)]),
    ("safe_hamlets", "hamlets", [(0.66, 0.74), (0.74, 0.82), (0.81, 0.89)]),
    ("cultural_hamlets", "hamlets", [(0.56, 0.64), (0.64, 0.72), (0.71, 0.79)]),
]


@pytest.mark.parametrize(("rated", "level", "bands"), SHARE_BANDS, ids=[b[0] for b in SHARE_BANDS])
def test_full_demo_assessment_shares_rise_year_by_year_within_their_bands(
    full, rated, level, bands
):
    shares = [
        full.assessments.per_year[year].share(rated, level) for year in full.assessments.years
    ]

    assert shares == sorted(shares) and len(set(shares)) == 3
    for share, (low, high) in zip(shares, bands, strict=True):
        assert low <= share <= high, shares


def test_full_demo_has_more_cultural_communes_every_year_and_none_loses_the_title(full):
    years = full.assessments.years
    communes = [full.assessments.per_year[year].cultural_communes for year in years]

    # Until the merger: the 18 communes of Cao Lãnh district; in 2025 the 9 new communes, each
    # assessed as one of the communes it took in was (apps.demo.story).
    assert [len(c) for c in communes[:2]] == [6, 8]
    assert communes[0] <= communes[1]
    assert 0 < len(communes[2]) <= 9


def test_full_demo_households_mostly_keep_last_years_result(full):
    assert full.assessments.cultural_kept >= 0.90
    assert full.assessments.three_no_kept >= 0.95


def test_full_demo_safe_groups_have_more_3_khong_households(full):
    for year in full.assessments.years:
        counts = full.assessments.per_year[year]
        assert counts.three_no_in_safe_groups > counts.three_no_in_other_groups + 0.02
