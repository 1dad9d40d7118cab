"""Demo people and organisations, built in code. Safe to run again: it updates, never duplicates."""

import functools

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from .models import EmailDomain, Membership, Organisation, Role, User
from .services import editor_groups_sync

DEMO_PASSWORD = "velfaerd-demo"  # noqa: S105 - documented in the README, demo data only

R = Organisation.Region
CENTRES = [
    ("videnscenter-oest", "Videnscenter for Velfærdsteknologi Øst", "Øst", "Ringsted", "4100", "oest"),
    ("videnscenter-vest", "Videnscenter for Velfærdsteknologi Vestdanmark", "Vestdanmark", "Vejle", "7100", "vest"),
]
# Fictional schools, spread over the five regions; domains use the reserved .example TLD.
SCHOOLS = [
    ("kildebakken", "Kildebakken SOSU-skole", "København NV", "2400", R.HOVEDSTADEN, "oest"),
    ("skovbrynet", "Skovbrynet SOSU-skole", "Hillerød", "3400", R.HOVEDSTADEN, "oest"),
    ("havnefronten", "Havnefronten SOSU-skole", "Glostrup", "2600", R.HOVEDSTADEN, "oest"),
    ("lyngvejen", "Lyngvejen SOSU-skole", "Roskilde", "4000", R.SJAELLAND, "oest"),
    ("boegeskoven", "Bøgeskoven SOSU-skole", "Ringsted", "4100", R.SJAELLAND, "oest"),
    ("strandengen", "Strandengen SOSU-skole", "Nykøbing F", "4800", R.SJAELLAND, "oest"),
    ("engbakken", "Engbakken SOSU-skole", "Odense C", "5000", R.SYDDANMARK, "vest"),
    ("marsken", "Marsken SOSU-skole", "Esbjerg", "6700", R.SYDDANMARK, "vest"),
    ("fjordglimt", "Fjordglimt SOSU-skole", "Vejle", "7100", R.SYDDANMARK, "vest"),
    ("aabakken", "Åbakken SOSU-skole", "Aarhus C", "8000", R.MIDTJYLLAND, "vest"),
    ("hedelund", "Hedelund SOSU-skole", "Herning", "7400", R.MIDTJYLLAND, "vest"),
    ("kloeverhoej", "Kløverhøj SOSU-skole", "Viborg", "8800", R.MIDTJYLLAND, "vest"),
    ("klitrosen", "Klitrosen SOSU-skole", "Aalborg", "9000", R.NORDJYLLAND, "vest"),
]
PARTNERS = [
    ("aaby-kommune", "Åby Kommune", Organisation.Kind.MUNICIPALITY, R.MIDTJYLLAND),
    ("sundby-kommune", "Sundby Kommune", Organisation.Kind.MUNICIPALITY, R.HOVEDSTADEN),
    ("region-demo", "Region Demoland", Organisation.Kind.REGION, R.SYDDANMARK),
    ("professionshoejskolen-nord", "Professionshøjskolen Nordlys", Organisation.Kind.UNIVERSITY_COLLEGE, R.NORDJYLLAND),
    ("robotik-leverandoer", "CareTech Leverandør ApS", Organisation.Kind.SUPPLIER, R.SYDDANMARK),
    ("nordic-care-lab", "Nordic Care Lab (Sverige)", Organisation.Kind.INTERNATIONAL_PARTNER, ""),
    ("teknisk-skole-vest", "Teknisk Skole Vestkysten", Organisation.Kind.VOCATIONAL_SCHOOL, R.SYDDANMARK),
]
TEACHER_NAMES = [
    ("Anne", "Holm"),
    ("Jonas", "Kjær"),
    ("Fatima", "Ali"),
    ("Mette", "Lund"),
    ("Søren", "Dahl"),
    ("Ida", "Bruun"),
    ("Karim", "Nasser"),
    ("Louise", "Vang"),
]


@functools.cache
def _demo_password_hash() -> str:
    # Hashing once instead of 70 times keeps `make run` fast (PBKDF2 is slow on purpose).
    return make_password(DEMO_PASSWORD)


def _user(email: str, first: str, last: str, **extra) -> User:
    user, created = User.objects.update_or_create(
        email=email, defaults={"first_name": first, "last_name": last, "is_active": True, **extra}
    )
    if created:
        user.password = _demo_password_hash()
        user.save(update_fields=["password"])
    return user


def _member(user: User, org: Organisation, role: str, confirmed: bool = True) -> None:
    status = Membership.Status.CONFIRMED if confirmed else Membership.Status.PENDING
    Membership.objects.update_or_create(
        user=user,
        organisation=org,
        role=role,
        defaults={"status": status, "confirmed_at": timezone.now() if confirmed else None},
    )
    editor_groups_sync(user=user)


@transaction.atomic
def load_people(stdout=None) -> dict[str, Organisation]:
    """Create or update centres, schools, partners and their people. Returns organisations by slug."""
    orgs: dict[str, Organisation] = {}
    for slug, name, short, city, postal, key in CENTRES:
        orgs[key], _ = Organisation.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "short_name": short,
                "kind": Organisation.Kind.CENTRE,
                "city": city,
                "postal_code": postal,
                "region": R.SJAELLAND if key == "oest" else R.SYDDANMARK,
            },
        )
        staff = _user(f"personale@{key}.videnscenter.example", "Centerpersonale", short)
        _member(staff, orgs[key], Role.CENTRE_STAFF)
        leader = _user(f"leder@{key}.videnscenter.example", "Leder", short)
        _member(leader, orgs[key], Role.LEADER)

    for index, (slug, name, city, postal, region, centre) in enumerate(SCHOOLS):
        school, _ = Organisation.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": Organisation.Kind.SCHOOL,
                "home_centre": orgs[centre],
                "city": city,
                "postal_code": postal,
                "region": region,
                "street_address": f"Skolevej {index + 1}",
                "contact_email": f"kontakt@{slug}.example",
                "is_member": True,
            },
        )
        orgs[slug] = school
        EmailDomain.objects.update_or_create(domain=f"{slug}.example", defaults={"organisation": school})
        _member(_user(f"koordinator@{slug}.example", "Koordinator", name.split()[0]), school, Role.COORDINATOR)
        for n in range(3):
            first, last = TEACHER_NAMES[(index + n) % len(TEACHER_NAMES)]
            _member(_user(f"laerer{n + 1}@{slug}.example", first, last), school, Role.TEACHER)
        first, last = TEACHER_NAMES[(index + 5) % len(TEACHER_NAMES)]
        _member(_user(f"ny.laerer@{slug}.example", first, last), school, Role.TEACHER, confirmed=False)

    for slug, name, kind, region in PARTNERS:
        orgs[slug], _ = Organisation.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "region": region,
                "country": "SE" if not region else "DK",
                "home_centre": orgs["vest"] if kind == Organisation.Kind.VOCATIONAL_SCHOOL else None,
            },
        )

    _user("admin@videnscenter.example", "Admin", "Videnscenter", is_staff=True, is_superuser=True)
    if stdout:
        stdout.write(f"People: {User.objects.count()} users in {len(orgs)} organisations.")
    return orgs
