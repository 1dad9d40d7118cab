"""SQLite only: the same guarantee as PostgreSQL's exclusion constraint (migration 0002).

No unit can have two active reservations whose blocked periods overlap (both days included),
whatever code writes them: triggers refuse such an INSERT or UPDATE with a constraint error,
which Django raises as IntegrityError. Dates are stored as ISO text, so text order is date order.
A later migration that makes SQLite rebuild this table drops the triggers with the old table
and must create them again (tests/booking/test_no_overlap_database.py notices).
"""

from django.db import migrations

CLASH = """
    NEW.is_active AND EXISTS (
        SELECT 1 FROM booking_reservation AS other
        WHERE other.unit_id = NEW.unit_id
          AND other.is_active
          AND other.id IS NOT NEW.id
          AND other.blocked_start <= NEW.blocked_end
          AND other.blocked_end >= NEW.blocked_start
    )
"""
CREATE = [
    f"""
    CREATE TRIGGER reservation_no_overlap_insert BEFORE INSERT ON booking_reservation
    WHEN {CLASH}
    BEGIN SELECT RAISE(ABORT, 'reservation_no_overlap'); END;
    """,
    f"""
    CREATE TRIGGER reservation_no_overlap_update
    BEFORE UPDATE OF unit_id, blocked_start, blocked_end, is_active ON booking_reservation
    WHEN {CLASH}
    BEGIN SELECT RAISE(ABORT, 'reservation_no_overlap'); END;
    """,
]
DROP = [
    "DROP TRIGGER IF EXISTS reservation_no_overlap_insert;",
    "DROP TRIGGER IF EXISTS reservation_no_overlap_update;",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in CREATE:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("booking", "0004_reservation_is_out")]

    operations = [migrations.RunPython(forwards, backwards)]
