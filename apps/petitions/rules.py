"""When a petition is due: a number of days after it is raised, by the level handling it."""

import datetime

# Defaults until an administrator sets them (the petitions issue makes them configurable).
DAYS_TO_ANSWER = {"group": 15, "hamlet": 15, "commune": 30, "district": 45}


def due_on(level: str, raised_on: datetime.date) -> datetime.date:
    return raised_on + datetime.timedelta(days=DAYS_TO_ANSWER[level])
