"""Event sign-up rules as a participant, a payer and the centre notice them (``cms.registrations.services``)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from icalendar import Calendar

from booking.payments import services as payment_services
from booking.payments.models import Payment
from cms.models import EventCancellation, Participant, Place, Registration
from cms.registrations import services
from cms.registrations.services import EventFull, NewParticipant
from tests.cms.signup import EAN, course, sign_up
from videnscenter.errors import ServiceError

pytestmark = pytest.mark.django_db
S = Participant.Status


@pytest.fixture
def free_course(centre):
    return course(centre, places=2, price_other=Decimal("0"))


# --- capacity and deadline -----------------------------------------------------------------------


def test_places_are_taken_until_the_event_is_full(free_course):
    sign_up(free_course, "Anna Jensen")
    sign_up(free_course, "Bo Hansen")
    with pytest.raises(EventFull):
        sign_up(free_course, "Carl Nielsen")
    assert Participant.objects.filter(event=free_course, status=S.CONFIRMED).count() == 2
    assert Registration.objects.count() == 2  # the refused sign-up wrote nothing


def test_full_event_offers_the_waitlist(free_course):
    sign_up(free_course, "Anna Jensen")
    sign_up(free_course, "Bo Hansen")
    registration, _token = sign_up(free_course, "Carl Nielsen", join_waitlist=True)
    carl = registration.participants.get()
    assert carl.status == S.WAITLISTED and carl.place is None


def test_no_sign_up_after_the_deadline(centre):
    event = course(centre, price_other=0, registration_deadline=timezone.now() + timedelta(days=1))
    with pytest.raises(ServiceError, match="Tilmeldingsfristen er overskredet"):
        sign_up(event, now=timezone.now() + timedelta(days=2))
    sign_up(event)  # before the deadline it works


def test_lowering_the_capacity_below_the_taken_places_keeps_everyone_and_admits_nobody(free_course):
    sign_up(free_course, "Anna Jensen")
    sign_up(free_course, "Bo Hansen")
    free_course.capacity = 1
    free_course.save()
    with pytest.raises(EventFull):
        sign_up(free_course, "Carl Nielsen")
    assert Participant.objects.filter(status=S.CONFIRMED).count() == 2


def test_the_same_person_cannot_take_two_places(free_course):
    sign_up(free_course, "Anna Jensen", "anna@example.dk")
    with pytest.raises(ServiceError, match="anna@example.dk"):
        sign_up(free_course, "Anna J.", "ANNA@example.dk")


def test_a_participant_can_never_hold_a_place_another_holds(free_course):
    """The database refuses a second participant on one place, whatever code writes it."""
    from django.db import IntegrityError, transaction

    registration, _ = sign_up(free_course, "Anna Jensen")
    place = registration.participants.get().place
    with pytest.raises(IntegrityError), transaction.atomic():
        Participant.objects.create(
            registration=registration,
            event=free_course,
            name="X",
            email="x@example.dk",
            place=place,
            status=S.CONFIRMED,
        )
    assert Place.objects.filter(event=free_course).count() == 2


# --- price per group -----------------------------------------------------------------------------


def test_member_school_staff_sign_up_free_and_others_pay_the_fee(centre, teacher):
    event = course(centre, price_member=Decimal("0"), price_other=Decimal("300"))
    as_member, _ = sign_up(event, "Lærer Lis", teacher.email, actor=teacher)
    assert (as_member.group, as_member.unit_price, as_member.method) == ("member", Decimal("0"), "free")
    assert as_member.participants.get().status == S.CONFIRMED
    as_other, _ = sign_up(
        event,
        "Karin Kommune",
        kind="organisation",
        organisation_name="Roskilde Kommune",
        ean=EAN,
        invoice_reference="Plejecenter Syd",
    )
    assert (as_other.group, as_other.unit_price) == ("other", Decimal("300.00"))


def test_card_payment_is_refused_when_card_payments_are_off(centre):
    event = course(centre)
    with pytest.raises(ServiceError, match="Kortbetaling er slået fra"):
        sign_up(event, method="card")
    assert not Registration.objects.exists()


@pytest.mark.parametrize("ean", ["123", "57900012345608", "57900O1234560", "5790001234567", ""])
def test_invoice_needs_an_ean_of_13_digits(centre, ean):
    event = course(centre)
    with pytest.raises(ServiceError, match="13 cifre"):
        sign_up(event, kind="organisation", ean=ean)


def test_a_person_cannot_pay_by_invoice(centre):
    with pytest.raises(ServiceError, match="for organisationer"):
        sign_up(course(centre), method="invoice", ean=EAN, invoice_reference="x", invoice_organisation=None)


# --- an organisation for named participants ------------------------------------------------------


def test_municipality_reserves_places_for_named_participants_and_pays_by_invoice(centre, committing):
    event = course(centre, places=5)
    people = [NewParticipant(f"Deltager {n}", f"d{n}@roskilde.dk") for n in range(3)]
    registration, _ = committing(
        sign_up,
        event,
        "Karin Indkøb",
        "indkoeb@roskilde.dk",
        kind="organisation",
        organisation_name="Roskilde Kommune",
        participants=people,
        ean=EAN,
        invoice_reference="Kursus 2031",
    )
    assert registration.payer_email == "indkoeb@roskilde.dk"
    assert sorted(p.email for p in registration.participants.all()) == [
        "d0@roskilde.dk",
        "d1@roskilde.dk",
        "d2@roskilde.dk",
    ]
    assert {p.status for p in registration.participants.all()} == {S.CONFIRMED}
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["d0@roskilde.dk", "d1@roskilde.dk", "d2@roskilde.dk", "indkoeb@roskilde.dk"]


def test_an_organisation_asking_for_more_places_than_are_left_gets_none_unless_the_rest_may_wait(centre):
    event = course(centre, places=2, price_other=0)
    people = [NewParticipant(f"D {n}", f"d{n}@firma.dk") for n in range(3)]
    with pytest.raises(EventFull, match="2"):
        sign_up(event, kind="organisation", organisation_name="Firma", participants=people)
    registration, _ = sign_up(
        event, kind="organisation", organisation_name="Firma", participants=people, join_waitlist=True
    )
    assert sorted(p.status for p in registration.participants.all()) == [S.CONFIRMED, S.CONFIRMED, S.WAITLISTED]


@pytest.mark.parametrize(
    "people, message",
    [
        ([], "mindst én deltager"),
        ([NewParticipant("", "a@b.dk")], "navn for hver deltager"),
        ([NewParticipant("A", "not-an-address")], "e-mail"),
        ([NewParticipant("A", "a@b.dk"), NewParticipant("B", "A@B.dk")], "sin egen e-mailadresse"),
        ([NewParticipant(f"P{n}", f"p{n}@b.dk") for n in range(51)], "Højst 50 deltagere"),
    ],
)
def test_hostile_participant_lists_are_refused_and_write_nothing(centre, people, message):
    event = course(centre, price_other=0)
    with pytest.raises(ServiceError, match=message):
        services.registration_create(
            event=event,
            actor=None,
            kind="organisation",
            organisation_name="Firma",
            contact_name="Kontakt",
            payer_email="k@firma.dk",
            participants=people,
        )
    assert not Registration.objects.exists() and not Participant.objects.exists()


# --- the waitlist --------------------------------------------------------------------------------


def test_a_freed_place_is_offered_to_the_first_on_the_waitlist_who_can_accept_it(free_course, committing):
    anna, _ = sign_up(free_course, "Anna Jensen")
    sign_up(free_course, "Bo Hansen")
    carl_reg, _ = sign_up(free_course, "Carl Nielsen", join_waitlist=True)
    sign_up(free_course, "Dorte Olsen", join_waitlist=True)
    mail.outbox.clear()
    committing(services.participant_cancel, participant=anna.participants.get(), actor=None)
    carl = carl_reg.participants.get()
    assert carl.status == S.OFFERED and carl.place is not None
    offer = next(m for m in mail.outbox if m.to == ["carl@example.dk"])
    token = offer.body.split("/tilbud/")[1].split("/")[1]
    services.offer_accept(participant=carl, token=token)
    carl.refresh_from_db()
    assert carl.status == S.CONFIRMED
    assert Participant.objects.get(name="Dorte Olsen").status == S.WAITLISTED


def test_an_offer_not_taken_in_time_moves_on_to_the_next(free_course, committing):
    anna, _ = sign_up(free_course, "Anna Jensen")
    sign_up(free_course, "Bo Hansen")
    sign_up(free_course, "Carl Nielsen", join_waitlist=True)
    sign_up(free_course, "Dorte Olsen", join_waitlist=True)
    start = timezone.now()
    committing(services.participant_cancel, participant=anna.participants.get(), actor=None, now=start)
    carl = Participant.objects.get(name="Carl Nielsen")
    assert carl.offer_expires_at == start + timedelta(hours=48)
    # One minute before the end, nothing moves.
    call_command("process_waitlists", now=(start + timedelta(hours=47, minutes=59)).isoformat())
    assert Participant.objects.get(name="Carl Nielsen").status == S.OFFERED
    mail.outbox.clear()
    committing(call_command, "process_waitlists", now=(start + timedelta(hours=48)).isoformat())
    carl.refresh_from_db()
    dorte = Participant.objects.get(name="Dorte Olsen")
    assert carl.status == S.EXPIRED and carl.place is None
    assert dorte.status == S.OFFERED and dorte.place is not None
    assert {tuple(m.to) for m in mail.outbox} == {("carl@example.dk",), ("dorte@example.dk",)}


def test_an_expired_offer_cannot_be_accepted_late(free_course, committing):
    anna, _ = sign_up(free_course, "Anna Jensen")
    sign_up(free_course, "Bo Hansen")
    sign_up(free_course, "Carl Nielsen", join_waitlist=True)
    committing(services.participant_cancel, participant=anna.participants.get(), actor=None)
    carl = Participant.objects.get(name="Carl Nielsen")
    token = next(m for m in mail.outbox if m.to == ["carl@example.dk"]).body.split("/tilbud/")[1].split("/")[1]
    with pytest.raises(ServiceError, match="Tilbuddet er udløbet"):
        services.offer_accept(participant=carl, token=token, now=timezone.now() + timedelta(hours=49))
    carl.refresh_from_db()
    assert carl.status == S.EXPIRED


def test_an_offer_needs_its_own_token(free_course):
    anna, _ = sign_up(free_course, "Anna Jensen")
    sign_up(free_course, "Bo Hansen")
    sign_up(free_course, "Carl Nielsen", join_waitlist=True)
    services.participant_cancel(participant=anna.participants.get(), actor=None)
    carl = Participant.objects.get(name="Carl Nielsen")
    with pytest.raises(ServiceError, match="Linket er ikke gyldigt"):
        services.offer_accept(participant=carl, token="guess")
    assert Participant.objects.get(pk=carl.pk).status == S.OFFERED


def test_new_sign_ups_do_not_jump_the_waitlist(free_course):
    anna, _ = sign_up(free_course, "Anna Jensen")
    sign_up(free_course, "Bo Hansen")
    sign_up(free_course, "Carl Nielsen", join_waitlist=True)
    services.participant_cancel(participant=anna.participants.get(), actor=None)
    with pytest.raises(EventFull):
        sign_up(free_course, "Eva Berg")


# --- the minimum and cancellations ---------------------------------------------------------------


def test_undersubscribed_course_is_cancelled_once_everyone_told(centre, committing):
    event = course(
        centre,
        price_other=0,
        minimum_participants=3,
        minimum_deadline=timezone.localdate() + timedelta(days=5),
    )
    sign_up(event, "Anna Jensen")
    sign_up(event, "Bo Hansen")
    day_after = timezone.now() + timedelta(days=6, hours=1)
    call_command("cancel_undersubscribed_events", now=(timezone.now() + timedelta(days=1)).isoformat())
    assert not EventCancellation.objects.exists()  # not before the day is over
    mail.outbox.clear()
    committing(call_command, "cancel_undersubscribed_events", now=day_after.isoformat())
    cancellation = EventCancellation.objects.get()
    assert cancellation.undersubscribed
    assert set(Participant.objects.values_list("status", flat=True)) == {S.CANCELLED}
    assert sorted(a for m in mail.outbox for a in m.to) == ["anna@example.dk", "bo@example.dk"]
    committing(call_command, "cancel_undersubscribed_events", now=day_after.isoformat())
    assert EventCancellation.objects.count() == 1 and len(mail.outbox) == 2  # idempotent


def test_a_course_that_reached_its_minimum_is_held(centre):
    event = course(centre, price_other=0, minimum_participants=2, minimum_deadline=timezone.localdate())
    sign_up(event, "Anna Jensen")
    sign_up(event, "Bo Hansen")
    call_command("cancel_undersubscribed_events", now=(timezone.now() + timedelta(days=2)).isoformat())
    assert not EventCancellation.objects.exists()


def _paid(registration, staff):
    """The centre's staff saw the invoice paid (the payments app confirms it through the purpose handler)."""
    payment_id = registration.participants.first().payment_id
    payment_services.mark_invoice_paid(Payment.objects.get(pk=payment_id), by=staff)
    return list(registration.participants.order_by("name"))


def test_own_cancellation_refunds_within_the_free_cancellation_days_only(centre, staff):
    event = course(centre, days=30, free_cancellation_days=14)
    registration, _ = sign_up(
        event,
        "Karin Indkøb",
        kind="organisation",
        organisation_name="Roskilde Kommune",
        participants=[NewParticipant("A", "a@k.dk"), NewParticipant("B", "b@k.dk")],
        ean=EAN,
        invoice_reference="ref",
    )
    first, second = _paid(registration, staff)
    assert {p.payment_state for p in (first, second)} == {"paid"}
    services.participant_cancel(participant=first, actor=None, now=timezone.now() + timedelta(days=10))
    services.participant_cancel(participant=second, actor=None, now=timezone.now() + timedelta(days=20))
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.refunded, first.payment_state) == (Decimal("300.00"), "refunded")
    assert (second.refunded, second.payment_state) == (Decimal("0"), "paid")
    payment = Payment.objects.get(pk=first.payment_id)
    assert payment.refunded_amount == Decimal("300.00")
    assert payment.lines.get(line_key=f"participant-{first.pk}").refunded


def test_the_centre_cancelling_the_event_refunds_everyone_in_full(centre, staff):
    event = course(centre, days=3, free_cancellation_days=14)
    registration, _ = sign_up(
        event,
        "Karin",
        kind="organisation",
        organisation_name="Kommune",
        participants=[NewParticipant("A", "a@k.dk"), NewParticipant("B", "b@k.dk")],
        ean=EAN,
        invoice_reference="ref",
    )
    _paid(registration, staff)
    assert services.event_cancel(event=event, actor=staff, reason="Underviseren er syg")
    assert not services.event_cancel(event=event, actor=staff, reason="igen")
    assert list(Participant.objects.values_list("refunded", flat=True)) == [Decimal("300.00")] * 2
    assert Payment.objects.get().status == Payment.Status.REFUNDED
    assert not Place.objects.filter(participant__isnull=False).exists()


def test_a_cancelled_event_takes_no_sign_ups(free_course, staff):
    services.event_cancel(event=free_course, actor=staff, reason="")
    with pytest.raises(ServiceError, match="Arrangementet er aflyst"):
        sign_up(free_course)


# --- payment outcomes ----------------------------------------------------------------------------


def _checkout(client, event, fake_stripe, name="Anna Jensen"):
    """A card payer signs up and is sent to (fake) Stripe Checkout; their place is held."""
    response = client.post(
        f"/arrangementer/{event.pk}/tilmeld/",
        {
            "kind": "person",
            "contact_name": name,
            "payer_email": f"{name.split()[0].lower()}@example.dk",
            "method": "card",
        },
    )
    session = fake_stripe.only_session()
    assert response.status_code == 302 and response["Location"] == session["url"]
    return Participant.objects.get(name=name), session


def _webhook(client, fake_stripe, type_, session_id):
    payload, signature = fake_stripe.event(type_, fake_stripe.session(session_id))
    response = client.post(
        "/betaling/stripe/webhook/", payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature
    )
    assert response.status_code == 200, response.content


def test_card_payment_holds_the_place_until_stripe_confirms_it(centre, client, fake_stripe, committing):
    event = course(centre, places=1)
    held, session = _checkout(client, event, fake_stripe)
    assert (held.status, held.payment_state) == (S.HELD, "pending")
    fake_stripe.complete(session["id"])
    committing(_webhook, client, fake_stripe, "checkout.session.completed", session["id"])
    committing(_webhook, client, fake_stripe, "checkout.session.completed", session["id"])  # a replay
    held.refresh_from_db()
    assert (held.status, held.payment_state) == (S.CONFIRMED, "paid")
    assert len([m for m in mail.outbox if m.attachments and m.to == ["anna@example.dk"]]) == 1


def test_an_expired_checkout_releases_the_held_place_to_the_waitlist(centre, client, fake_stripe, committing):
    event = course(centre, places=1)
    held, session = _checkout(client, event, fake_stripe)
    sign_up(event, "Bo Hansen", join_waitlist=True, method="card")
    fake_stripe.expire(session["id"])
    committing(_webhook, client, fake_stripe, "checkout.session.expired", session["id"])
    held.refresh_from_db()
    assert (held.status, held.place, held.payment_state) == (S.EXPIRED, None, "expired")
    assert Participant.objects.get(name="Bo Hansen").status == S.OFFERED


def test_a_card_payer_cancelling_in_time_is_refunded_through_stripe(centre, client, fake_stripe):
    event = course(centre, places=3, days=30)
    held, session = _checkout(client, event, fake_stripe)
    fake_stripe.complete(session["id"])
    _webhook(client, fake_stripe, "checkout.session.completed", session["id"])
    services.participant_cancel(participant=held, actor=None)
    held.refresh_from_db()
    assert (held.status, held.payment_state, held.refunded) == (S.CANCELLED, "refunded", Decimal("300.00"))
    assert len(fake_stripe.calls("POST", "/v1/refunds")) == 1


# --- attendance, reminders, e-mail ---------------------------------------------------------------


def test_attendance_marks_who_came(free_course, staff):
    anna = sign_up(free_course, "Anna Jensen")[0].participants.get()
    bo = sign_up(free_course, "Bo Hansen")[0].participants.get()
    services.attendance_mark(event=free_course, actor=staff, present_ids={anna.pk})
    assert Participant.objects.get(pk=anna.pk).attended is True
    assert Participant.objects.get(pk=bo.pk).attended is False


def test_attendance_refuses_participants_of_another_event(free_course, centre, staff):
    other = sign_up(course(centre, price_other=0), "Eva")[0].participants.get()
    with pytest.raises(ServiceError):
        services.attendance_mark(event=free_course, actor=staff, present_ids={other.pk})
    assert Participant.objects.get(pk=other.pk).attended is None


def test_confirmation_email_carries_the_event_as_ics(free_course, committing):
    committing(sign_up, free_course, "Anna Jensen")
    confirmation = next(m for m in mail.outbox if m.attachments)
    filename, content, mimetype = confirmation.attachments[0]
    assert filename.endswith(".ics") and mimetype == "text/calendar"
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == free_course.title
    assert event["DTSTART"].dt == free_course.start
    assert str(event["UID"]) == f"event-{free_course.pk}@videnscenter"


def test_reminders_go_out_once_two_days_before(centre, committing):
    event = course(centre, days=5, price_other=0)
    sign_up(event, "Anna Jensen")
    mail.outbox.clear()
    committing(call_command, "send_event_reminders", now=timezone.now().isoformat())
    assert mail.outbox == []  # five days before: too early
    soon = (timezone.now() + timedelta(days=3, hours=1)).isoformat()
    committing(call_command, "send_event_reminders", now=soon)
    committing(call_command, "send_event_reminders", now=soon)
    assert [m.to for m in mail.outbox] == [["anna@example.dk"]]


# --- personal data -------------------------------------------------------------------------------


def test_a_persons_sign_ups_are_in_their_data_and_erased_with_them(free_course, teacher):
    from videnscenter.personal_data import person_sources

    sign_up(free_course, "Lis Lærer", teacher.email, actor=teacher)
    source = next(s for s in person_sources() if s.key == "event_signups")
    assert [row["event"] for row in source.export(teacher)] == [free_course.title]
    assert source.anonymise(teacher) == 2  # the participant and the registration
    participant = Participant.objects.get()
    assert participant.status == S.CONFIRMED and teacher.email not in participant.email
    assert "Lis" not in participant.name and Registration.objects.get().registered_by is None
