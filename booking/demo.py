"""Demo bookings in every state, around today's date, made through the real services."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from catalogue.models import Equipment
from videnscenter.errors import ServiceError
from videnscenter.models import Organisation, User

from . import engine, services
from .models import Booking

# (school slug, teacher number, equipment slug, days from today, length, quantity, final status)
PLAN = [
    ("kildebakken", 1, "social-robot-sael-type", 14, 5, 2, "requested"),
    ("kildebakken", 2, "aldringsdragt-fuldt-saet", 21, 3, 4, "approved"),
    ("skovbrynet", 1, "vr-briller-med-plejescenarier", 10, 4, 3, "requested"),
    ("havnefronten", 1, "sengealarm-med-tryksensor", -2, 7, 2, "handed_out"),
    ("lyngvejen", 2, "tablet-med-plejeapps", 30, 10, 2, "approved"),
    ("boegeskoven", 1, "social-robot-sael-type", -40, 5, 1, "closed"),
    ("strandengen", 3, "demensdukke", 12, 2, 1, "cancelled"),
    ("engbakken", 1, "aldringsdragt-fuldt-saet", 40, 5, 3, "requested"),
    ("marsken", 2, "vr-briller-med-plejescenarier", -1, 5, 4, "handed_out"),
    ("fjordglimt", 1, "tablet-med-plejeapps", -25, 4, 1, "returned"),
    ("aabakken", 1, "sengealarm-med-tryksensor", 18, 5, 2, "approved"),
    ("klitrosen", 2, "demensdukke", 25, 3, 1, "rejected"),
    ("hedelund", 1, "demensdukke", -12, 5, 1, "handed_out"),  # overdue: should have been back a week ago
]
STEPS = {
    "requested": [],
    "approved": ["approve"],
    "handed_out": ["approve", "hand_out"],
    "returned": ["approve", "hand_out", "return"],
    "closed": ["approve", "hand_out", "return", "close"],
    "cancelled": ["cancel"],
    "rejected": ["reject"],
}


def _staff_for(equipment: Equipment) -> User:
    key = "oest" if equipment.owning_centre.slug.endswith("oest") else "vest"
    return User.objects.get(email=f"personale@{key}.videnscenter.example")


@transaction.atomic
def load_bookings(stdout=None) -> None:
    if Booking.objects.exists():
        return  # bookings are live data once people use the demo; never duplicate them
    today = timezone.localdate()
    made = 0
    for school_slug, number, equipment_slug, offset, length, quantity, final in PLAN:
        equipment = Equipment.objects.filter(slug=equipment_slug).select_related("owning_centre").first()
        if equipment is None:
            continue
        school = Organisation.objects.get(slug=school_slug)
        teacher = User.objects.get(email=f"laerer{number}@{school_slug}.example")
        start = today + timedelta(days=offset)
        booked_on = start - timedelta(days=30)  # as if the request was made a month before
        try:
            booking = services.booking_request(
                actor=teacher,
                organisation=school,
                equipment=equipment,
                quantity=quantity,
                start_date=start,
                end_date=start + timedelta(days=length - 1),
                class_name="SSA 25A",
                student_count=24,
                today=booked_on,
            )
        except engine.NotAvailable:
            continue
        staff = _staff_for(equipment)
        for step in STEPS[final]:
            if step == "approve":
                services.booking_approve(actor=staff, booking=booking, today=booked_on)
            elif step == "hand_out":
                services.booking_hand_out(actor=staff, booking=booking, today=start)
            elif step == "return":
                services.booking_return(actor=staff, booking=booking, today=start + timedelta(days=length - 1))
            elif step == "close":
                services.booking_close(actor=staff, booking=booking)
            elif step == "cancel":
                services.booking_cancel(actor=teacher, booking=booking, note="Forløbet er flyttet.")
            elif step == "reject":
                services.booking_reject(actor=staff, booking=booking, reason="Udstyret er reserveret til en messe.")
        made += 1
    made += _load_basket(today)
    if stdout:
        stdout.write(f"Bookings: {made} demo bookings.")


# One basket: a class week with equipment of both centres and a pack, waiting for both centres.
BASKET = (
    "kildebakken",
    3,
    [("equipment", "tablet-med-plejeapps", 2), ("equipment", "demensdukke", 1), ("pack", "demenspakke", 1)],
)


def _load_basket(today) -> int:
    from catalogue.models import MobilePack

    from .basket import services as basket

    school_slug, number, wanted = BASKET
    lines = []
    for kind, slug, quantity in wanted:
        model = MobilePack if kind == "pack" else Equipment
        item = model.objects.filter(slug=slug, is_active=True).first()
        if item is not None:
            lines.append(basket.Line(item, quantity))
    start = today + timedelta(days=49)
    start += timedelta(days=(7 - start.weekday()) % 7)  # a Monday to Friday class week
    try:
        request = basket.basket_request(
            actor=User.objects.get(email=f"laerer{number}@{school_slug}.example"),
            organisation=Organisation.objects.get(slug=school_slug),
            lines=lines,
            start_date=start,
            end_date=start + timedelta(days=4),
            class_name="SSA 25B",
            student_count=22,
            note="Temauge om demens og velfærdsteknologi.",
            today=today - timedelta(days=2),
        )
    except ServiceError:  # a line not free in this demo database: no basket
        return 0
    return request.lines.count()
