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
    last = 0
    while True:
        # Walked in id order from the last batch: each batch reads its rows by the primary
        # key instead of scanning the table again for those still without a code.
        people = list(
            Person.objects.filter(pk__gt=last, code=None).order_by("pk").only("pk")[:BATCH]
        )
        if not people:
            return
        last = people[-1].pk
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
