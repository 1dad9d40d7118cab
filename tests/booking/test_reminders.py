from datetime import date

import pytest
from django.core import mail

from booking import services
from booking.reminders import send_reminders
from tests.booking.conftest import TODAY

pytestmark = pytest.mark.django_db


def test_reminders_go_out_once_before_start_and_before_return(teacher, school, lift, staff, committing):
    booking = services.booking_request(
        actor=teacher,
        organisation=school,
        equipment=lift,
        start_date=date(2031, 3, 10),
        end_date=date(2031, 3, 14),
        today=TODAY,
    )
    services.booking_approve(actor=staff, booking=booking, today=TODAY)
    assert committing(send_reminders, today=date(2031, 3, 5)) == (0, 0)  # three working days before: too early
    mail.outbox.clear()
    assert committing(send_reminders, today=date(2031, 3, 6)) == (1, 0)
    assert mail.outbox[0].to == [teacher.email] and booking.reference in mail.outbox[0].body
    assert committing(send_reminders, today=date(2031, 3, 7)) == (0, 0)  # never twice
    services.booking_hand_out(actor=staff, booking=booking)
    assert committing(send_reminders, today=date(2031, 3, 12)) == (0, 0)
    assert committing(send_reminders, today=date(2031, 3, 13)) == (0, 1)
    assert committing(send_reminders, today=date(2031, 3, 14)) == (0, 0)


def test_cancelled_bookings_get_no_reminder(teacher, school, lift, staff, committing):
    booking = services.booking_request(
        actor=teacher,
        organisation=school,
        equipment=lift,
        start_date=date(2031, 3, 10),
        end_date=date(2031, 3, 14),
        today=TODAY,
    )
    services.booking_approve(actor=staff, booking=booking, today=TODAY)
    services.booking_cancel(actor=teacher, booking=booking)
    assert committing(send_reminders, today=date(2031, 3, 7)) == (0, 0)
