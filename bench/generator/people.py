"""The people of the bench data set: two centres, 13 schools, coordinators, ~25 teachers per school, staff."""

import random
from dataclasses import dataclass, field

from django.utils import timezone

from videnscenter.models import EmailDomain, Membership, Organisation, Role, User
from videnscenter.services import editor_groups_sync

from .common import EMAIL_DOMAIN, PREFIX
from .words import CENTRES, FIRST_NAMES, LAST_NAMES, SCHOOLS

STAFF_PER_CENTRE = 6
TEACHERS_PER_SCHOOL = (22, 28)


@dataclass
class People:
    centres: list[Organisation]
    schools: list[Organisation]  # schools[0] is the bench-feed school
    teachers: dict[int, list[User]] = field(default_factory=dict)  # confirmed teachers by school pk
    coordinators: dict[int, User] = field(default_factory=dict)
    staff: dict[int, list[User]] = field(default_factory=dict)  # by centre pk

    @property
    def feed_school(self) -> Organisation:
        return self.schools[0]


def school_email(slug: str, local: str) -> str:
    return f"{local}@{slug}.{EMAIL_DOMAIN}"


def teacher_email(slug: str, number: int) -> str:
    return school_email(slug, f"laerer{number:02d}")


def create_people(*, rng: random.Random, password_hash: str) -> People:
    """Create the organisations, users and confirmed memberships (plus one pending teacher per school)."""
    now = timezone.now()
    centres = [
        Organisation.objects.create(
            slug=f"{PREFIX}{key}",
            name=name,
            short_name=short,
            kind=Organisation.Kind.CENTRE,
            city=city,
            postal_code=postal,
            region=region,
            contact_email=f"kontakt@{key}.{EMAIL_DOMAIN}",
        )
        for key, name, short, city, postal, region in CENTRES
    ]
    by_key = {key: centre for (key, *_rest), centre in zip(CENTRES, centres, strict=True)}
    schools = Organisation.objects.bulk_create(
        [
            Organisation(
                slug=f"{PREFIX}{slug}",
                name=name,
                short_name=name.split()[0],
                kind=Organisation.Kind.SCHOOL,
                home_centre=by_key[centre],
                street_address=f"Skolevej {number + 1}",
                postal_code=postal,
                city=city,
                region=region,
                contact_email=school_email(slug, "kontakt"),
                is_member=True,
            )
            for number, (slug, name, city, postal, region, centre) in enumerate(SCHOOLS)
        ]
    )
    EmailDomain.objects.bulk_create(
        [EmailDomain(organisation=school, domain=f"{slug}.{EMAIL_DOMAIN}") for (slug, *_), school in _pairs(schools)]
    )

    def person(email: str) -> User:
        return User(
            email=email,
            first_name=rng.choice(FIRST_NAMES),
            last_name=rng.choice(LAST_NAMES),
            password=password_hash,
            is_active=True,
        )

    # (user, organisation, role, confirmed)
    plan: list[tuple[User, Organisation, str, bool]] = []
    for (key, *_), centre in zip(CENTRES, centres, strict=True):
        for n in range(STAFF_PER_CENTRE):
            plan.append((person(f"personale{n + 1}@{key}.{EMAIL_DOMAIN}"), centre, Role.CENTRE_STAFF, True))
        plan.append((person(f"leder@{key}.{EMAIL_DOMAIN}"), centre, Role.LEADER, True))
    for (slug, *_), school in _pairs(schools):
        plan.append((person(school_email(slug, "koordinator")), school, Role.COORDINATOR, True))
        for n in range(rng.randint(*TEACHERS_PER_SCHOOL)):
            plan.append((person(teacher_email(slug, n + 1)), school, Role.TEACHER, True))
        plan.append((person(school_email(slug, "ny.laerer")), school, Role.TEACHER, False))

    User.objects.bulk_create([user for user, *_ in plan])
    Membership.objects.bulk_create(
        [
            Membership(
                user=user,
                organisation=org,
                role=role,
                status=Membership.Status.CONFIRMED if confirmed else Membership.Status.PENDING,
                confirmed_at=now if confirmed else None,
            )
            for user, org, role, confirmed in plan
        ]
    )
    people = People(centres=centres, schools=schools)
    for user, org, role, confirmed in plan:
        if not confirmed:
            continue
        if role == Role.TEACHER:
            people.teachers.setdefault(org.pk, []).append(user)
        elif role == Role.COORDINATOR:
            people.coordinators[org.pk] = user
        elif role == Role.CENTRE_STAFF:
            people.staff.setdefault(org.pk, []).append(user)
        if role in (Role.CENTRE_STAFF, Role.COORDINATOR):
            editor_groups_sync(user=user)  # admin access, as the membership services give it
    return people


def _pairs(schools: list[Organisation]):
    return zip(SCHOOLS, schools, strict=True)
