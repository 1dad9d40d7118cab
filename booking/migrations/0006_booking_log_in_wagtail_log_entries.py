"""The booking's log moves into Wagtail's log entries, so one audit log serves every object.

Each BookingEvent becomes a ModelLogEntry of the booking (same time, person, statuses and note)
before the table goes.
"""

from django.db import migrations


def copy_events(apps, schema_editor):
    BookingEvent = apps.get_model("booking", "BookingEvent")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not BookingEvent.objects.exists():
        return
    booking_type, _ = ContentType.objects.get_or_create(app_label="booking", model="booking")
    entries = []
    for event in BookingEvent.objects.select_related("booking").order_by("at", "pk").iterator():
        changed = event.from_status != event.to_status
        entries.append(
            ModelLogEntry(
                content_type=booking_type,
                object_id=str(event.booking_id),
                label=f"{event.booking.reference}",
                action=f"booking.{event.to_status}" if changed else "booking.changed",
                user_id=event.actor_id,
                timestamp=event.at,
                data={"from": event.from_status, "to": event.to_status, "note": event.note},
            )
        )
    ModelLogEntry.objects.bulk_create(entries, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("booking", "0005_reservation_no_overlap_sqlite"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(copy_events, migrations.RunPython.noop),
        migrations.DeleteModel(name="BookingEvent"),
    ]
