"""Roles and oversights still open in groups already dissolved end on the group's last day,
as a dissolution now ends them (apps.hierarchy.life.end_what_was_held)."""

from django.db import migrations
from django.db.models import F, Q


def end_them(apps, schema_editor):
    for name in ("GroupRole", "PartyOversight"):
        model = apps.get_model("people", name)
        held = model.objects.filter(
            Q(ended_on__isnull=True) | Q(ended_on__gt=F("group__dissolved_on")),
            group__dissolved_on__isnull=False,
            started_on__lte=F("group__dissolved_on"),
        ).select_related("group")
        for period in held.iterator(chunk_size=2000):
            period.ended_on = period.group.dissolved_on
            period.save(update_fields=["ended_on"])


class Migration(migrations.Migration):
    dependencies = [
        ("hierarchy", "0009_groups_by_planned_day"),
        ("people", "0009_count_group_households"),
    ]

    operations = [migrations.RunPython(end_them, migrations.RunPython.noop)]
