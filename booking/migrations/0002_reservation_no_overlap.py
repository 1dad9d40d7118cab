"""PostgreSQL only: no unit can have two active reservations whose blocked periods overlap.

An exclusion constraint (btree_gist, daterange overlap) holds even for code that bypasses the
booking service. SQLite has no such constraint; there IMMEDIATE transactions serialise writers
and the service checks under that lock.
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE booking_reservation ADD CONSTRAINT reservation_no_overlap
    EXCLUDE USING gist (unit_id WITH =, daterange(blocked_start, blocked_end, '[]') WITH &&)
    WHERE (is_active);
"""
DROP = "ALTER TABLE booking_reservation DROP CONSTRAINT IF EXISTS reservation_no_overlap;"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("booking", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
