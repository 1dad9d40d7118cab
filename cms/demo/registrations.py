"""Demo sign-ups, through the real services: every case of issue 13 on two of the demo courses.

- "Kursus: Superbruger i forflytningsteknologi" (Vestdanmark): 300 kr. for others, free for member
  schools, at least 6 participants by ten days before. Åby Kommune reserves four places paid by
  invoice (EAN); a private participant has paid by card; Sundby Kommune's participant cancelled
  within the free-cancellation days and was refunded; a member school's teacher is free.
- "Kursus: Aldringsdragten i undervisningen" (Øst): free, 12 places, full, three on the waitlist.

Needs ``load_people`` and ``load_portal``. Safe to run again: an event that has sign-ups is left alone.
"""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from booking.payments import services as payment_services
from booking.payments.models import Payment
from videnscenter.models import Membership, Organisation, Role, User

from ..models import EventPage, Participant
from ..registrations import services
from ..registrations.services import NewParticipant
from . import quiet_wagtail_log

DEMO_EAN = "5790001234560"
FEE_COURSE = "kursus-superbruger-i-forflytning"
FULL_COURSE = "kursus-aldringsdragten-i-undervisningen"
FULL_NAMES = [
    "Birthe Andersen",
    "Jens Mikkelsen",
    "Fatima Ali",
    "Lone Søndergaard",
    "Peter Holm",
    "Sara Lund",
    "Mikkel Bach",
    "Hanne Kjær",
    "Ole Dam",
    "Yasmin Khan",
    "Tina Vestergaard",
    "Rasmus Friis",
]
WAITING_NAMES = ["Karen Juhl", "Ahmed Said", "Grethe Bruun"]


def _email(name: str, domain: str = "deltager.example") -> str:
    return name.lower().replace(" ", ".").replace("ø", "oe").replace("æ", "ae").replace("å", "aa") + "@" + domain


def _open(event: EventPage, **fields) -> EventPage:
    """Sign-up on this site, saved as a published revision (as an editor would)."""
    for name, value in {"registration_open": True, "registration_url": "", **fields}.items():
        setattr(event, name, value)
    event.save_revision().publish()
    return EventPage.objects.get(pk=event.pk)


def _staff(centre: Organisation) -> User:
    return Membership.objects.confirmed().get(organisation=centre, role=Role.CENTRE_STAFF).user


def _fee_course(event: EventPage) -> int:
    event = _open(
        event,
        capacity=16,
        price_member=Decimal("0"),
        price_other=Decimal("300"),
        minimum_participants=6,
        minimum_deadline=(timezone.localtime(event.start) - timedelta(days=10)).date(),
        free_cancellation_days=14,
    )
    staff = _staff(event.centre)
    municipality = Organisation.objects.get(slug="aaby-kommune")
    invoiced, _ = services.registration_create(
        event=event,
        actor=None,
        kind="organisation",
        organisation_name=municipality.name,
        contact_name="Maria Indkøb",
        payer_email="indkoeb@aaby-kommune.example",
        participants=[
            NewParticipant(n, _email(n, "aaby-kommune.example"))
            for n in ("Anne Berg", "Kim Lauridsen", "Nadia Hassan", "Poul Skov")
        ],
        method="invoice",
        invoice_organisation=municipality,
        ean=DEMO_EAN,
        invoice_reference="Ældreplejen, kursus 2031",
    )
    teacher = User.objects.filter(
        memberships__role=Role.TEACHER,
        memberships__status=Membership.Status.CONFIRMED,
        memberships__organisation__home_centre=event.centre,
    ).first()
    if teacher is not None:
        services.registration_create(
            event=event,
            actor=teacher,
            contact_name=teacher.get_full_name(),
            payer_email=teacher.email,
            participants=[NewParticipant(teacher.get_full_name(), teacher.email)],
        )
    # Card payment needs Stripe, and the demo has no keys: the card payer is recorded as Stripe's
    # webhook would leave them (the payment paid, then the purpose handler confirms the place).
    with override_settings(STRIPE_SECRET_KEY="sk_demo_offline"):  # noqa: S106 - not a key; nothing is sent
        card, _ = services.registration_create(
            event=event,
            actor=None,
            contact_name="Henrik Privat",
            payer_email="henrik@privat.example",
            participants=[NewParticipant("Henrik Privat", "henrik@privat.example")],
            method="card",
        )
    payment_id = card.participants.get().payment_id
    Payment.objects.filter(pk=payment_id).update(
        status=Payment.Status.PAID, paid_at=timezone.now(), stripe_payment_intent_id=f"pi_demo_{payment_id}"
    )
    services.payment_paid(payment_id=payment_id)
    # Sundby Kommune paid for one participant, who then cancelled in time: refunded (a credit note).
    sundby = Organisation.objects.get(slug="sundby-kommune")
    refunded, _ = services.registration_create(
        event=event,
        actor=None,
        kind="organisation",
        organisation_name=sundby.name,
        contact_name="Ib Økonomi",
        payer_email="oekonomi@sundby-kommune.example",
        participants=[NewParticipant("Lise Fortrudt", "lise@sundby-kommune.example")],
        method="invoice",
        invoice_organisation=sundby,
        ean=DEMO_EAN,
        invoice_reference="Hjemmeplejen Nord",
    )
    for registration in (invoiced, refunded):
        payment = Payment.objects.get(pk=registration.participants.first().payment_id)
        payment_services.mark_invoice_paid(payment, by=staff)
    services.participant_cancel(participant=refunded.participants.get(), actor=None)
    return Participant.objects.filter(event=event).count()


def _full_course(event: EventPage) -> int:
    event = _open(event, capacity=12, price_member=Decimal("0"), price_other=Decimal("0"), waitlist_offer_hours=48)
    for name in FULL_NAMES:
        services.registration_create(
            event=event,
            actor=None,
            contact_name=name,
            payer_email=_email(name),
            participants=[NewParticipant(name, _email(name))],
        )
    for name in WAITING_NAMES:
        services.registration_create(
            event=event,
            actor=None,
            contact_name=name,
            payer_email=_email(name),
            participants=[NewParticipant(name, _email(name))],
            join_waitlist=True,
        )
    return Participant.objects.filter(event=event).count()


def load_registrations(stdout=None) -> None:
    """See the module docstring. Leaves events that already have sign-ups alone."""
    created = 0
    with quiet_wagtail_log(), transaction.atomic():
        for slug, load in ((FEE_COURSE, _fee_course), (FULL_COURSE, _full_course)):
            event = EventPage.objects.filter(slug=slug).select_related("centre").first()
            if event is None or event.start <= timezone.now() or event.registrations.exists():
                continue
            created += load(event)
    if stdout:
        stdout.write(f"Sign-ups: {created} participants created.")
