from django.db import migrations
from django.db.models import OuterRef, Subquery


def keys_from_parents(apps, schema_editor):
    """Records made before places were kept take their group's place from the parent fields."""
    Group = apps.get_model("hierarchy", "Group")
    group = Group.objects.filter(pk=OuterRef("group_id"))
    for name in ("Petition", "HistoricalPetition"):
        apps.get_model("petitions", name).objects.update(
            hamlet_id=Subquery(group.values("hamlet_id")),
            commune_id=Subquery(group.values("hamlet__commune_id")),
            district_id=Subquery(group.values("hamlet__commune__district_id")),
        )


class Migration(migrations.Migration):
    """Its own migration: on PostgreSQL the rows' updates must be committed before the
    columns are made required and indexed."""

    dependencies = [
        ("petitions", "0002_records_keep_their_place"),
        ("hierarchy", "0003_units_begin_on_a_day"),
    ]

    operations = [
        migrations.RunPython(keys_from_parents, migrations.RunPython.noop),
    ]
