"""Reads for personal data: everything held about one person, and the people staff look after."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise

from .. import rules
from ..models import AnonymisationRecord, ErasureRequest, User
from ..personal_data import people_of_centres, person_sources


@dataclass
class Section:
    key: str
    label: str | Promise
    fields: tuple[tuple[str, str | Promise], ...]
    rows: list[dict]

    @property
    def table(self) -> list[list]:
        """The rows as lists in the order of ``fields``, for a readable page."""
        return [[row.get(key) for key, _label in self.fields] for row in self.rows]


def person_data(person: User) -> list[Section]:
    """Everything the platform holds about ``person``, one section per kind of record."""
    return [
        Section(source.key, source.label, source.fields, source.export(person))
        for source in person_sources()
        if source.fields
    ]


def person_data_json(person: User) -> dict:
    """The same, as plain data for a JSON download (machine keys; the labels alongside)."""
    return {
        "generated_at": timezone.now(),
        "sections": [
            {
                "key": section.key,
                "label": str(section.label),
                "fields": {key: str(label) for key, label in section.fields},
                "records": section.rows,
            }
            for section in person_data(person)
        ],
    }


def people_for_staff(user: User, *, search: str = "") -> QuerySet[User]:
    """The people whose data this member of staff may erase (everyone for a superuser), by name."""
    people = User.objects.exclude(pk=user.pk)
    if not user.is_superuser:
        people = people.filter(people_of_centres(rules.staff_centre_ids(user))).exclude(is_superuser=True)
    search = search.strip()
    if search:
        people = people.filter(
            Q(email__icontains=search) | Q(first_name__icontains=search) | Q(last_name__icontains=search)
        )
    return User.objects.filter(pk__in=people.values("pk")).order_by("first_name", "last_name", "email")


def erasure_requests_for_staff(user: User) -> QuerySet[ErasureRequest]:
    """Open requests of the people this member of staff looks after, oldest first."""
    return ErasureRequest.objects.filter(user__in=people_for_staff(user).values("pk")).select_related("user")


def anonymisation_records() -> QuerySet[AnonymisationRecord]:
    return AnonymisationRecord.objects.select_related("actor")
