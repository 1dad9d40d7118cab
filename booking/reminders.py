"""Reminder e-mails before a loan starts and before it is due back. Run daily (see README)."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from . import notifications
from .models import Booking
from .workdays import add_working_days

START_NOTICE_WORKING_DAYS = 2
RETURN_NOTICE_WORKING_DAYS = 1


@transaction.atomic
def send_reminders(*, today: date | None = None) -> tuple[int, int]:
    """Queue each reminder once. Returns (start reminders, return reminders) sent."""
    today = today or timezone.localdate()
    now = timezone.now()
    starting = Booking.objects.select_for_update(of=("self",)).filter(
        status=Booking.Status.APPROVED,
        reminded_start_at=None,
        start_date__gte=today,
        start_date__lte=add_working_days(today, START_NOTICE_WORKING_DAYS),
    )
    returning = Booking.objects.select_for_update(of=("self",)).filter(
        status=Booking.Status.HANDED_OUT,
        reminded_return_at=None,
        end_date__gte=today,
        end_date__lte=add_working_days(today, RETURN_NOTICE_WORKING_DAYS),
    )
    related = ("equipment", "pack", "organisation", "requester", "created_by")
    started = list(starting.select_related(*related))
    due = list(returning.select_related(*related))
    for booking in started:
        notifications.booking_event(booking, "reminder_start")
    for booking in due:
        notifications.booking_event(booking, "reminder_return")
    Booking.objects.filter(pk__in=[b.pk for b in started]).update(reminded_start_at=now)
    Booking.objects.filter(pk__in=[b.pk for b in due]).update(reminded_return_at=now)
    return len(started), len(due)
