"""Each group's kept household counts, from the memberships already on file."""

from django.db import migrations

from apps.people.household_counts import DATED, changes_of

BATCH = 2000


def fill(apps, schema_editor):
    HouseholdMembership = apps.get_model("people", "HouseholdMembership")
    GroupHouseholdsChange = apps.get_model("people", "GroupHouseholdsChange")
    dated = HouseholdMembership.objects.order_by().values_list(*DATED)
    GroupHouseholdsChange.objects.bulk_create(
        (
            GroupHouseholdsChange(group_id=group, year=year, change=change)
            for (group, year), change in changes_of(dated.iterator(chunk_size=BATCH)).items()
        ),
        batch_size=BATCH,
    )


def unfill(apps, schema_editor):
    apps.get_model("people", "GroupHouseholdsChange").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0008_group_households_changes"),
    ]

    operations = [migrations.RunPython(fill, unfill)]
