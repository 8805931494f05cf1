"""A checked roster as its preview shows it: counts, the same counts by hamlet, and the
lines (errors first, then changes, and the people to end) kept as rows to read a page
at a time. Unchanged lines are only counted: a file re-imported after a few edits lists
just those edits."""

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import islice

from apps.imports.models import PendingImport, PendingLine
from apps.imports.roster_import import RosterPlan

BATCH = 2000
KINDS = ("new", "update", "skip", "to_end")


def counts_of(plan: RosterPlan) -> dict:
    kinds = Counter(outcome.kind for outcome in plan.outcomes)
    return {
        "lines": plan.lines,
        "new": kinds["new"],
        "update": kinds["update"],
        "skip": kinds["skip"],
        "errors": len(plan.errors),
        "defaulted": plan.defaulted,
        "as_of": plan.as_of.isoformat(),
        "households_to_end": len(plan.households_to_end),
        "people_to_end": len(plan.people_to_end),
    }


def by_unit(plan: RosterPlan) -> list[list]:
    """[commune, hamlet, new, updated, unchanged, to end] for each hamlet the file touches,
    in the order of the communes' and hamlets' names."""
    hamlets, tally = {}, Counter()
    for outcome in plan.outcomes:
        if outcome.hamlet is not None:
            hamlets[outcome.hamlet.pk] = outcome.hamlet
            tally[outcome.hamlet.pk, outcome.kind] += 1
    for person in plan.people_to_end:
        tally[person.household.group.hamlet_id, "to_end"] += 1
    rows = [
        [hamlet.commune.name, hamlet.name, *(tally[pk, kind] for kind in KINDS)]
        for pk, hamlet in hamlets.items()
    ]
    return sorted(rows, key=lambda row: (row[0], row[1]))


def _lines(plan: RosterPlan) -> Iterator[PendingLine]:
    position = 0
    for error in plan.errors:
        position += 1
        yield PendingLine(
            position=position,
            kind=PendingLine.Kind.ERROR,
            sheet=error.sheet[:255],
            line=error.line,
            where=error.column[:255],
            text=error.message,
        )
    if plan.errors:
        return  # a file with errors is shown as its errors only
    for outcome in plan.outcomes:
        if outcome.kind == "skip":
            continue
        position += 1
        yield PendingLine(
            position=position,
            kind=outcome.kind,
            sheet=outcome.sheet[:255],
            line=outcome.line,
            where=outcome.hamlet.name if outcome.hamlet else "",
            person=outcome.person[:255],
            text=", ".join(outcome.changes),
        )
    whole = {household.pk for household in plan.households_to_end}
    for person in plan.people_to_end:
        position += 1
        household = person.household
        yield PendingLine(
            position=position,
            kind=PendingLine.Kind.TO_END,
            where=household.group.code,
            household=household.code,
            whole_household=household.pk in whole,
            person=person.full_name[:255],
        )


def store_lines(pending: PendingImport, plan: RosterPlan) -> str:
    """Replace the upload's preview lines with the plan's, written in batches; returns
    their fingerprint."""
    pending.lines.all().delete()
    fingerprint = hashlib.sha256()

    def noted(lines: Iterable[PendingLine]) -> Iterator[PendingLine]:
        for line in lines:
            fingerprint.update(_identity(line))
            yield line

    _create(pending, noted(_lines(plan)))
    return fingerprint.hexdigest()


def restore_lines(pending: PendingImport, plan: RosterPlan, fingerprint: str | None) -> str:
    """Keep the upload's lines if the plan's are the same (`fingerprint` is theirs), and
    replace them otherwise; returns the plan's lines' fingerprint.

    Confirming checks the file again and usually finds exactly the lines its check
    stored: they are then kept as they are, rather than a whole district's 180,000 lines
    deleted and written a second time. Only a file whose lines changed since (the data
    did) has them replaced."""
    again = hashlib.sha256()
    for line in _lines(plan):
        again.update(_identity(line))
    if again.hexdigest() == fingerprint:
        return fingerprint
    return store_lines(pending, plan)


def _identity(line: PendingLine) -> bytes:
    return repr(
        (
            line.position,
            line.kind,
            line.sheet,
            line.line,
            line.where,
            line.household,
            line.whole_household,
            line.person,
            line.text,
        )
    ).encode()


def _create(pending: PendingImport, lines: Iterable[PendingLine]) -> None:
    lines = iter(lines)
    while batch := list(islice(lines, BATCH)):
        for line in batch:
            line.pending = pending
        PendingLine.objects.bulk_create(batch)
