import datetime

from django.db import migrations
from django.db.models import OuterRef, Prefetch, Subquery
from django.db.models.functions import TruncDate

# As apps.petitions.rules.DEFAULT_DAYS when this was written.
DEFAULT_DAYS = {"group": 15, "hamlet": 15, "commune": 30, "district": 45}
BATCH = 2000


def fill_dates(apps, schema_editor):
    """Petitions entered before their entry day and their actions' days were kept: both
    are the day they were recorded (local time), and a raising's day is the petition's.

    A move up used to overwrite the petition's due date. Each move's due date goes to its
    history entry (the last move's is the one stored; earlier ones, and the first level's,
    are counted again from the district's present deadlines), and the petition takes back
    the due date of its first level.
    """
    Petition = apps.get_model("petitions", "Petition")
    PetitionEvent = apps.get_model("petitions", "PetitionEvent")
    AnswerDeadline = apps.get_model("petitions", "AnswerDeadline")
    for name in ("Petition", "HistoricalPetition"):
        apps.get_model("petitions", name).objects.update(recorded_on=TruncDate("created_at"))
    PetitionEvent.objects.exclude(action="raised").update(on=TruncDate("at"))
    petition = Petition.objects.filter(pk=OuterRef("petition_id"))
    PetitionEvent.objects.filter(action="raised").update(on=Subquery(petition.values("raised_on")))

    moved = PetitionEvent.objects.filter(action="moved_up").values("petition_id")
    PetitionEvent.objects.filter(action="raised").exclude(petition_id__in=moved).update(
        due_on=Subquery(petition.values("due_on"))
    )

    configured = {}
    for district_id, level, days in AnswerDeadline.objects.values_list(
        "district_id", "level", "days"
    ):
        configured.setdefault(district_id, {})[level] = days

    def due(petition, level, day):
        days = {**DEFAULT_DAYS, **configured.get(petition.district_id, {})}[level]
        return day + datetime.timedelta(days=days)

    petitions, events = [], []
    dating = PetitionEvent.objects.filter(action__in=["raised", "moved_up"]).order_by("at", "id")
    stories = Petition.objects.filter(pk__in=moved).prefetch_related(
        Prefetch("events", queryset=dating, to_attr="dated")
    )
    for petition in stories.iterator(chunk_size=BATCH):
        dated = petition.dated
        for event in dated[:-1]:
            event.due_on = due(petition, event.level, event.on)
        dated[-1].due_on = petition.due_on
        if dated[0].action == "raised":
            petition.due_on = dated[0].due_on
            petitions.append(petition)
        events += dated
    Petition.objects.bulk_update(petitions, ["due_on"], batch_size=BATCH)
    PetitionEvent.objects.bulk_update(events, ["due_on"], batch_size=BATCH)


class Migration(migrations.Migration):
    """Its own migration: on PostgreSQL the rows' updates must be committed before the
    columns are made required."""

    dependencies = [("petitions", "0005_petitions_keep_their_dates")]

    operations = [migrations.RunPython(fill_dates, migrations.RunPython.noop)]
