"""Every existing person gets a code, in batches (a district has ~50,000 people)."""

import secrets

from django.db import migrations

# A copy of apps.people.models' alphabet and length: a migration must not change when the
# model's code does.
ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
LENGTH = 10
BATCH = 2000


def fill_codes(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    used = set(Person.objects.exclude(code=None).values_list("code", flat=True))
    while True:
        people = list(Person.objects.filter(code=None).only("pk")[:BATCH])
        if not people:
            return
        for person in people:
            code = None
            while code is None or code in used:
                code = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
            used.add(code)
            person.code = code
        Person.objects.bulk_update(people, ["code"])


class Migration(migrations.Migration):
    dependencies = [("people", "0002_person_code_and_left_on")]

    operations = [migrations.RunPython(fill_codes, migrations.RunPython.noop)]
