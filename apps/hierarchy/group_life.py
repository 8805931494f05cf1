"""A group's life on its Placement rows (Placement.planned_on, activated_on, dissolved_on),
kept by the database itself.

The copy lets an area's group figures read its places alone (AsItWas.counted_groups). It is
written only by triggers, never by our code: a new row takes its group's dates, a row
rewritten by anyone takes them again, and a change of a group's dates reaches all its rows,
whatever made it (a form, an import's bulk update, a reorganisation, the admin, a shell).
`install` puts the triggers in place after every migrate (the tests build their tables
without migrations) and refills the rows that differ, so that rows written before the
triggers existed agree too.
"""

from django.apps import AppConfig
from django.db import connections

from apps.hierarchy.models import GROUP_LIFE


def _life_differs(one: str, other: str, vendor: str) -> str:
    """Whether the group lives of rows `one` and `other` differ, a missing date a value too
    (SQLite before 3.39 knows only IS NOT for it)."""
    differs = "IS NOT" if vendor == "sqlite" else "IS DISTINCT FROM"
    return " OR ".join(f"{one}.{field} {differs} {other}.{field}" for field in GROUP_LIFE)


_COPY_TO_PLACEMENTS = """
    UPDATE hierarchy_placement
    SET planned_on = NEW.planned_on, activated_on = NEW.activated_on,
        dissolved_on = NEW.dissolved_on
    WHERE group_id = NEW.id"""

# Each group's row takes its group's dates (the refill adds which rows; a trigger, its own).
_TAKE_GROUP_LIFE = """UPDATE hierarchy_placement SET (planned_on, activated_on, dissolved_on) = (
    SELECT planned_on, activated_on, dissolved_on FROM hierarchy_group g WHERE g.id = group_id)"""

# A group's row, as SQLite writes it again from its group.
_ROW_TAKES_GROUP_LIFE = f"""WHEN NEW.group_id IS NOT NULL BEGIN
    {_TAKE_GROUP_LIFE} WHERE id = NEW.id;
END"""

# SQLite's trigger bodies are SQL; PostgreSQL's call functions. Same rule, two dialects.
TRIGGERS = {
    "postgresql": [
        """CREATE OR REPLACE FUNCTION hierarchy_placement_takes_group_life()
        RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.group_id IS NULL THEN
                NEW.planned_on := NULL; NEW.activated_on := NULL; NEW.dissolved_on := NULL;
            ELSE
                SELECT g.planned_on, g.activated_on, g.dissolved_on
                INTO NEW.planned_on, NEW.activated_on, NEW.dissolved_on
                FROM hierarchy_group g WHERE g.id = NEW.group_id;
            END IF;
            RETURN NEW;
        END $$""",
        f"""CREATE OR REPLACE FUNCTION hierarchy_group_life_to_placements()
        RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN {_COPY_TO_PLACEMENTS}; RETURN NULL; END $$""",
        "DROP TRIGGER IF EXISTS placement_takes_group_life ON hierarchy_placement",
        """CREATE TRIGGER placement_takes_group_life
        BEFORE INSERT OR UPDATE ON hierarchy_placement
        FOR EACH ROW EXECUTE FUNCTION hierarchy_placement_takes_group_life()""",
        "DROP TRIGGER IF EXISTS group_life_reaches_placements ON hierarchy_group",
        f"""CREATE TRIGGER group_life_reaches_placements
        AFTER UPDATE OF planned_on, activated_on, dissolved_on ON hierarchy_group
        FOR EACH ROW WHEN ({_life_differs("OLD", "NEW", "postgresql")})
        EXECUTE FUNCTION hierarchy_group_life_to_placements()""",
        # A group inserted after its rows (loaddata defers the foreign keys).
        "DROP TRIGGER IF EXISTS new_group_life_reaches_placements ON hierarchy_group",
        """CREATE TRIGGER new_group_life_reaches_placements
        AFTER INSERT ON hierarchy_group
        FOR EACH ROW EXECUTE FUNCTION hierarchy_group_life_to_placements()""",
    ],
    "sqlite": [
        "DROP TRIGGER IF EXISTS placement_takes_group_life",
        f"""CREATE TRIGGER placement_takes_group_life AFTER INSERT ON hierarchy_placement
        {_ROW_TAKES_GROUP_LIFE}""",
        # A row rewritten whole (a save) takes the group's dates again, not the ones it held.
        "DROP TRIGGER IF EXISTS placement_keeps_group_life",
        f"""CREATE TRIGGER placement_keeps_group_life
        AFTER UPDATE OF group_id, planned_on, activated_on, dissolved_on ON hierarchy_placement
        {_ROW_TAKES_GROUP_LIFE}""",
        "DROP TRIGGER IF EXISTS group_life_reaches_placements",
        f"""CREATE TRIGGER group_life_reaches_placements
        AFTER UPDATE OF planned_on, activated_on, dissolved_on ON hierarchy_group
        WHEN {_life_differs("OLD", "NEW", "sqlite")}
        BEGIN {_COPY_TO_PLACEMENTS}; END""",
        "DROP TRIGGER IF EXISTS new_group_life_reaches_placements",
        f"""CREATE TRIGGER new_group_life_reaches_placements AFTER INSERT ON hierarchy_group
        BEGIN {_COPY_TO_PLACEMENTS}; END""",
    ],
}


def _refill(vendor: str) -> str:
    """Every group's row that differs from its group takes the group's dates (the triggers'
    rule, for rows written while they were away)."""
    differs = _life_differs("hierarchy_placement", "g", vendor)
    found = f"SELECT 1 FROM hierarchy_group g WHERE g.id = group_id AND ({differs})"  # noqa: S608
    return f"{_TAKE_GROUP_LIFE} WHERE EXISTS ({found})"


def install(using: str = "default") -> None:
    """Put the triggers in place (again) and refill the rows that differ from their group;
    in a database migrated back to before the copy, only take the triggers away."""
    connection = connections[using]
    if "hierarchy_placement" not in connection.introspection.table_names():
        return  # migrated back to before the hierarchy
    with connection.cursor() as cursor:
        table = connection.introspection.get_table_description(cursor, "hierarchy_placement")
        copied = set(GROUP_LIFE) <= {column.name for column in table}
        for statement in TRIGGERS[connection.vendor]:
            if copied or statement.startswith("DROP TRIGGER"):
                cursor.execute(statement)
        if copied:
            cursor.execute(_refill(connection.vendor))


def install_after_migrate(sender: AppConfig, using: str = "default", **kwargs) -> None:
    """post_migrate: once the hierarchy's tables are there, whether made by migrations or not."""
    install(using)
