"""The undated flag goes: party membership is dated (PartyMembership)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0006_fill_party_and_household_memberships"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="historicalperson",
            name="is_party_member",
        ),
        migrations.RemoveField(
            model_name="person",
            name="is_party_member",
        ),
    ]
