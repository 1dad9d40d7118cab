"""Demo catalogue, built in code: programmes, locations, categories, equipment, units, packs.

Images and manuals are generated here (Pillow and a hand-written PDF), nothing is downloaded.
Safe to run again: everything is looked up by its natural key (slug, asset tag, title).
"""

import time
import zlib

from django.db import transaction

from videnscenter.models import Organisation

from ..models import (
    Category,
    Equipment,
    EquipmentImage,
    EquipmentManual,
    Location,
    MobilePack,
    PackItem,
    Programme,
    Unit,
)
from .artwork import _document, _image, _manual_pdf, _placeholder_png
from .data import (
    ASSET_PREFIX,
    CATEGORIES,
    CATEGORY_LOOK,
    CENTRE_LOCATIONS,
    CENTRE_SLUGS,
    KINDS,
    PACKS,
    PROGRAMMES,
    UNIT_CONDITIONS,
    L,
    M,
    S,
    _Kind,
)

# --- Loaders -------------------------------------------------------------------------------------


def _locations(centres: dict[str, Organisation]) -> dict[str, Location]:
    """Praksis Lab and store room per centre ("lab:oest", "storage:oest") and one location per school."""
    locations: dict[str, Location] = {}
    for key, centre in centres.items():
        lab_name, store_name, address = CENTRE_LOCATIONS[key]
        for kind, name, prefix in (
            (Location.Kind.PRAKSIS_LAB, lab_name, "lab"),
            (Location.Kind.STORAGE, store_name, "storage"),
        ):
            locations[f"{prefix}:{key}"], _ = Location.objects.update_or_create(
                organisation=centre, kind=kind, name=name, defaults={"address": address}
            )
    schools = Organisation.objects.schools().filter(home_centre__in=centres.values())
    for school in schools:
        address = ", ".join(
            part for part in (school.street_address, f"{school.postal_code} {school.city}".strip()) if part
        )
        locations[school.slug], _ = Location.objects.update_or_create(
            organisation=school, kind=Location.Kind.SCHOOL, name=school.name, defaults={"address": address}
        )
    return locations


def _serial(slug: str, number: int) -> str:
    """A made-up but stable serial number: the same unit gets the same serial on every run."""
    year = 2019 + zlib.crc32(slug.encode()) % 6  # a kind's units were bought together
    initials = "".join(word[0] for word in slug.split("-") if word[0].isalpha())[:3].upper()
    return f"{initials}-{year}-{zlib.crc32(f'{slug}-{number}'.encode()) % 100000:05d}"


def _save_equipment(kind: _Kind, *, categories, centres, programmes, locations) -> Equipment:
    equipment = Equipment.objects.filter(slug=kind.slug).first() or Equipment(slug=kind.slug)
    key = kind.centre
    if kind.placement == S:
        home = locations[kind.home_school]
    elif kind.placement == L:
        home = locations[f"lab:{key}"]
    else:
        home = locations[f"storage:{key}"]
    equipment.name = kind.name
    equipment.summary = kind.summary
    equipment.description = kind.description
    equipment.category = categories[kind.category]
    equipment.owning_centre = centres[key]
    equipment.placement = kind.placement
    equipment.home_location = home
    equipment.buffer_before_days, equipment.buffer_after_days = kind.buffers
    equipment.max_loan_days = kind.max_loan
    equipment.min_notice_days = kind.notice
    equipment.is_active = True

    if equipment.pk is None or set(equipment.tags.names()) != set(kind.tags):
        equipment.tags.set(list(kind.tags))

    colour, pictogram = CATEGORY_LOOK[kind.category]
    image = _image(
        f"Udstyr: {kind.name}",
        f"{kind.slug}.png",
        lambda: _placeholder_png(kind.name, centres[key].name, colour, pictogram),
    )
    existing_images = {child.image_id: child for child in equipment.images.all()} if equipment.pk else {}
    child = existing_images.get(image.pk) or EquipmentImage(image=image)
    child.caption = kind.name
    equipment.images = [child]

    if kind.manual:
        title = f"Brugsvejledning: {kind.name}"
        document = _document(title, f"brugsvejledning-{kind.slug}.pdf", lambda: _manual_pdf(title, _manual_lines(kind)))
        existing_manuals = {child.document_id: child for child in equipment.manuals.all()} if equipment.pk else {}
        manual = existing_manuals.get(document.pk) or EquipmentManual(document=document)
        manual.title = "Kort brugsvejledning"
        equipment.manuals = [manual]

    equipment.save()
    equipment.programmes.set([programmes[slug] for slug in kind.programmes])
    return equipment


def _manual_lines(kind: _Kind) -> list[str]:
    lines = [kind.summary, "", "Sådan gør du:"]
    lines += [f"{number}. {step}" for number, step in enumerate(kind.manual, start=1)]
    lines += [
        "",
        "Før udlån: tjek at alt fra pakkelisten er med, og at udstyret er rengjort og opladet.",
        "Fejl og skader: skriv det i tilbageleveringen, så enheden kan komme til service.",
        "Spørgsmål: kontakt centrets personale via bookingsiden.",
    ]
    return lines


def _save_units(kind: _Kind, equipment: Equipment, *, locations, counters) -> list[Unit]:
    units = []
    for number in range(1, kind.units + 1):
        counters[kind.centre] += 1
        asset_tag = f"{ASSET_PREFIX[kind.centre]}-{counters[kind.centre]:04d}"
        status, notes = UNIT_CONDITIONS.get((kind.slug, kind.units - number), (Unit.Status.IN_SERVICE, ""))
        if status != Unit.Status.IN_SERVICE:
            location = locations[f"storage:{kind.centre}"]
        elif kind.placement == M and number % 4 == 0:
            location = locations[f"lab:{kind.centre}"]  # some mobile units are out on show in the lab
        else:
            location = equipment.home_location
        unit, _ = Unit.objects.update_or_create(
            asset_tag=asset_tag,
            defaults={
                "equipment": equipment,
                "serial_number": _serial(kind.slug, number),
                "status": status,
                "condition_notes": notes,
                "current_location": location,
            },
        )
        units.append(unit)
    return units


def _save_pack(spec: dict, *, centres, locations, units_by_kind) -> MobilePack:
    key = spec["centre"]
    pack = MobilePack.objects.filter(slug=spec["slug"]).first() or MobilePack(slug=spec["slug"])
    location = locations[f"{spec['location']}:{key}"]
    pack.name = spec["name"]
    pack.owning_centre = centres[key]
    pack.summary = spec["summary"]
    pack.description = spec["description"]
    pack.accessories = "\n".join(spec["accessories"])
    pack.current_location = location
    pack.is_active = True
    colour, pictogram = CATEGORY_LOOK[spec["category"]]
    pack.image = _image(
        f"Pakke: {spec['name']}",
        f"pakke-{spec['slug']}.png",
        lambda: _placeholder_png(spec["name"], f"Mobil pakke · {centres[key].name}", colour, pictogram),
    )
    units = [unit for slug, count in spec["units"] for unit in units_by_kind[slug][:count]]
    # A unit is in at most one pack: take it out of any other pack first.
    PackItem.objects.filter(unit__in=units).exclude(pack_id=pack.pk).delete()
    existing = {item.unit_id: item for item in pack.items.all()} if pack.pk else {}
    pack.items = [existing.get(unit.pk) or PackItem(unit=unit) for unit in units]
    pack.save()
    Unit.objects.filter(pk__in=[unit.pk for unit in units]).update(current_location=location)
    return pack


@transaction.atomic
def load_catalogue(stdout=None) -> dict[str, Equipment]:
    """Create or update the demo catalogue. Needs the centres and schools of ``load_people``.

    Returns the equipment by slug. Images and manuals are generated once and reused by title.
    """
    started = time.monotonic()
    centres = {key: Organisation.objects.get(slug=slug) for key, slug in CENTRE_SLUGS.items()}
    programmes = {
        slug: Programme.objects.update_or_create(slug=slug, defaults={"name": name})[0] for slug, name in PROGRAMMES
    }
    categories = {
        slug: Category.objects.update_or_create(slug=slug, defaults={"name": name, "description": description})[0]
        for slug, name, description, _colour, _pictogram in CATEGORIES
    }
    locations = _locations(centres)

    counters = dict.fromkeys(centres, 0)
    equipment_by_slug: dict[str, Equipment] = {}
    units_by_kind: dict[str, list[Unit]] = {}
    for kind in KINDS:
        equipment = _save_equipment(
            kind,
            categories=categories,
            centres=centres,
            programmes=programmes,
            locations=locations,
        )
        equipment_by_slug[kind.slug] = equipment
        units_by_kind[kind.slug] = _save_units(kind, equipment, locations=locations, counters=counters)

    for spec in PACKS:
        _save_pack(spec, centres=centres, locations=locations, units_by_kind=units_by_kind)

    if stdout:
        units = sum(len(units) for units in units_by_kind.values())
        stdout.write(
            f"Catalogue: {len(equipment_by_slug)} equipment kinds, {units} units, {len(PACKS)} packs "
            f"({time.monotonic() - started:.1f} s)."
        )
    return equipment_by_slug
