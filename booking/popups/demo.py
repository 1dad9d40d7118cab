"""Demo PopUp centres around today's date, scheduled through the real service.

Needs the demo people (``videnscenter.demo.load_people``) and catalogue
(``catalogue.demo.load_catalogue``). Safe to run again: a PopUp whose slug exists is skipped.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from catalogue.models import Equipment, MobilePack
from videnscenter.errors import ServiceError
from videnscenter.models import Organisation, User

from ..models import PopUpCentre, PopUpItem
from .services import popup_schedule


@dataclass(frozen=True)
class _Plan:
    slug: str
    title: str
    host: str  # school slug
    centre: str  # "oest" or "vest"
    starts_in: int  # days from today
    days: int
    opening_hours: str
    description: str
    items: tuple[tuple[str, int], ...]  # (equipment slug, number of units)
    packs: tuple[str, ...] = ()


PLANS = [
    _Plan(
        slug="popup-skovbrynet",
        title="PopUp-center på Skovbrynet",
        host="skovbrynet",
        centre="oest",
        starts_in=-7,
        days=18,
        opening_hours="Mandag–torsdag kl. 9–15",
        description=(
            "Prøv at være ældre i en aldringsdragt, og mød robotsælen, der bruges i demensplejen.\n\n"
            "Underviserne fra Videnscenter Øst er til stede tirsdag og torsdag."
        ),
        items=(("aldringsdragt-fuldt-saet", 2), ("social-robot-sael-type", 1)),
    ),
    _Plan(
        slug="popup-engbakken",
        title="PopUp-center på Engbakken",
        host="engbakken",
        centre="vest",
        starts_in=21,
        days=15,
        opening_hours="Mandag–fredag kl. 8.30–14",
        description=(
            "Plejescenarier i VR, tablets med plejeapps og en hel forflytningspakke til øvelser i sikre "
            "forflytninger. Hold kan booke en time med en underviser fra Videnscenter Vestdanmark."
        ),
        items=(("vr-briller-med-plejescenarier", 2), ("tablet-med-plejeapps", 1)),
        packs=("forflytningspakke",),
    ),
    _Plan(
        slug="popup-lyngvejen",
        title="PopUp-center på Lyngvejen",
        host="lyngvejen",
        centre="oest",
        starts_in=45,
        days=12,
        opening_hours="Tirsdag–torsdag kl. 10–15",
        description=(
            "Tema: demens og velfærdsteknologi. Demenspakken med dukker, ure og GPS-tracker, aldringsdragter "
            "og robotsælen. Åbent for elever, undervisere og samarbejdspartnere fra kommunerne."
        ),
        items=(("aldringsdragt-fuldt-saet", 2), ("social-robot-sael-type", 1)),
        packs=("demenspakke",),
    ),
]


@transaction.atomic
def load_popups(stdout=None) -> list[PopUpCentre]:
    """Create and schedule the demo PopUp centres that do not exist yet. Returns the ones created."""
    today = timezone.localdate()
    created = []
    for plan in PLANS:
        if PopUpCentre.objects.filter(slug=plan.slug).exists():
            continue
        centre = Organisation.objects.get(slug=f"videnscenter-{plan.centre}")
        popup = PopUpCentre(
            slug=plan.slug,
            title=plan.title,
            host=Organisation.objects.get(slug=plan.host),
            owning_centre=centre,
            start_date=today + timedelta(days=plan.starts_in),
            end_date=today + timedelta(days=plan.starts_in + plan.days - 1),
            opening_hours=plan.opening_hours,
            description=plan.description,
        )
        popup.items = [
            PopUpItem(equipment=Equipment.objects.get(slug=slug), quantity=quantity) for slug, quantity in plan.items
        ]
        popup.packs = list(MobilePack.objects.filter(slug__in=plan.packs))
        popup.save()
        staff = User.objects.get(email=f"personale@{plan.centre}.videnscenter.example")
        try:
            popup_schedule(actor=staff, popup=popup, today=today)
        except ServiceError as exc:
            # Other demo data may hold the units; keep the draft so the admin shows what is missing.
            if stdout:
                stdout.write(f"PopUp {plan.slug} stays a draft: {' '.join(exc.messages)}")
        created.append(popup)
    if stdout:
        stdout.write(f"PopUp centres: {len(created)} created, {PopUpCentre.objects.count()} in all.")
    return created
