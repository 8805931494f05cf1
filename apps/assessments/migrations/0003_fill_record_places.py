from django.db import migrations
from django.db.models import OuterRef, Subquery


def keys_from_parents(apps, schema_editor):
    """Records made before places were kept take their unit's place from the parent fields."""
    Group, Hamlet, Commune, Household = (
        apps.get_model(*name.split("."))
        for name in ("hierarchy.Group", "hierarchy.Hamlet", "hierarchy.Commune", "people.Household")
    )
    for name in ("HouseholdAssessment", "HistoricalHouseholdAssessment"):
        household = Household.objects.filter(pk=OuterRef("household_id"))
        apps.get_model("assessments", name).objects.update(
            group_id=Subquery(household.values("group_id"))
        )
    for name in (
        "HouseholdAssessment",
        "HistoricalHouseholdAssessment",
        "GroupAssessment",
        "HistoricalGroupAssessment",
    ):
        group = Group.objects.filter(pk=OuterRef("group_id"))
        apps.get_model("assessments", name).objects.update(
            hamlet_id=Subquery(group.values("hamlet_id")),
            commune_id=Subquery(group.values("hamlet__commune_id")),
            district_id=Subquery(group.values("hamlet__commune__district_id")),
        )
    for name in ("HamletAssessment", "HistoricalHamletAssessment"):
        hamlet = Hamlet.objects.filter(pk=OuterRef("hamlet_id"))
        apps.get_model("assessments", name).objects.update(
            commune_id=Subquery(hamlet.values("commune_id")),
            district_id=Subquery(hamlet.values("commune__district_id")),
        )
    for name in ("CommuneAssessment", "HistoricalCommuneAssessment"):
        commune = Commune.objects.filter(pk=OuterRef("commune_id"))
        apps.get_model("assessments", name).objects.update(
            district_id=Subquery(commune.values("district_id"))
        )


class Migration(migrations.Migration):
    """Its own migration: on PostgreSQL the rows' updates must be committed before the
    columns are made required and indexed."""

    dependencies = [
        ("assessments", "0002_records_keep_their_place"),
        ("hierarchy", "0003_units_begin_on_a_day"),
        ("people", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(keys_from_parents, migrations.RunPython.noop),
    ]
