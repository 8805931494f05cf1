"""Dated facts from the undated ones: each party member gets a membership of unknown start
(a member from the beginning), each household a membership of its group from its
beginning."""

from django.db import migrations

BATCH = 2000


def fill(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    Household = apps.get_model("people", "Household")
    PartyMembership = apps.get_model("people", "PartyMembership")
    HouseholdMembership = apps.get_model("people", "HouseholdMembership")
    members = Person.objects.filter(is_party_member=True).values_list("pk", flat=True)
    PartyMembership.objects.bulk_create(
        (PartyMembership(person_id=pk) for pk in members.iterator()), batch_size=BATCH
    )
    households = Household.objects.values_list("pk", "group_id")
    HouseholdMembership.objects.bulk_create(
        (
            HouseholdMembership(household_id=pk, group_id=group)
            for pk, group in households.iterator()
        ),
        batch_size=BATCH,
    )


def unfill(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    PartyMembership = apps.get_model("people", "PartyMembership")
    HouseholdMembership = apps.get_model("people", "HouseholdMembership")
    Person.objects.filter(party_memberships__left_on__isnull=True).update(is_party_member=True)
    PartyMembership.objects.all().delete()
    HouseholdMembership.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0005_party_and_household_memberships"),
    ]

    operations = [migrations.RunPython(fill, unfill)]
