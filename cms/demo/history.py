"""Three years of history (2024 up to today) for the yearly activity report, so that its year-on-year
comparisons and charts show something: the strategy's targets and demo baselines, past loans of the
demo equipment, past events, PopUp centres, school requests, surveys, project applications,
downloads, views and evaluations.

Needs the other demo loaders first. Fast (bulk inserts) and safe to run again: every row is looked
up by a natural key (a slug, a reference, a date) and only missing ones are made. Past loans are
written directly, as closed bookings with their units' reservations, ending before any live
reservation of the unit, so the demo's current bookings stay as they are.
"""

import random
import time
from datetime import date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from booking.models import Booking, PopUpCentre, Reservation
from catalogue.demo.data import CENTRE_SLUGS
from catalogue.models import Equipment, Unit
from media.demo.data import stable_number
from media.models import Video, VideoViewCount
from videnscenter.models import Membership, Organisation, Role, User

from ..models import (
    Baseline,
    DownloadCount,
    EventIndexPage,
    EventPage,
    Measure,
    ProjectApplication,
    SchoolRequest,
    Survey,
    TeachingMaterialFile,
)
from ..reports.services import report_targets_seed
from . import EVENT_WINDOW, panel_thursdays, publish_child, quiet_wagtail_log
from .data import MUNICIPALITIES

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
FIRST = date(2024, 1, 1)
REFERENCE = "H-"  # past loans; the services' references never start so
SEED = 2024

# Demo levels of 2021, as a centre would type them in (the platform did not count then).
BASELINES = [
    ("oest", Measure.MATERIAL_DOWNLOADS, 120),
    ("oest", Measure.VIDEO_VIEWS, 4000),
    ("oest", Measure.MATERIALS_PUBLISHED, 6),
    ("oest", Measure.RECRUITMENT_EVENTS, 3),
    ("oest", Measure.RECRUITMENT_MUNICIPALITIES, 2),
    ("vest", Measure.TORSDAGSPANEL, 8),
]
MORE_MUNICIPALITIES = [
    ("havby-kommune", "Havby Kommune", "sjaelland"),
    ("skovlund-kommune", "Skovlund Kommune", "hovedstaden"),
    ("aalund-kommune", "Ålund Kommune", "hovedstaden"),
    ("stenby-kommune", "Stenby Kommune", "sjaelland"),
]
# (centre, year, month, day, number of municipalities)
RECRUITMENT = [
    *(("oest", 2024, m, 12, n) for m, n in ((2, 1), (4, 2), (9, 1), (11, 2))),
    *(("oest", 2025, m, 10, n) for m, n in ((1, 1), (3, 2), (5, 2), (9, 3), (11, 1))),
    *(("oest", 2026, m, 9, n) for m, n in ((2, 2), (3, 3), (4, 1), (5, 2))),
    *(("vest", year, 10, 7, 1) for year in (2024, 2025)),
]
# (centre, year, month, day, audience, title)
COURSES = [
    ("vest", 2024, 3, 5, "teachers", "Kursus: velfærdsteknologi i undervisningen"),
    ("vest", 2024, 10, 1, "leaders", "Kursus for ledere: implementering af teknologi"),
    ("vest", 2025, 2, 4, "teachers", "Kursus: VR-scenarier i praktikforberedelsen"),
    ("vest", 2025, 5, 6, "teachers", "Kursus: sensorer og data i plejen"),
    ("vest", 2025, 9, 16, "leaders", "Kursus for ledere: digital dømmekraft"),
    ("vest", 2026, 3, 3, "teachers", "Kursus: sociale robotter i demensplejen (opdateret)"),
    ("oest", 2025, 4, 22, "teachers", "Kursus: simulation med aldringsdragt"),
]
# (centre, held on, topic, respondents, rated relevant)
SURVEYS = [
    ("vest", date(2024, 4, 15), "Lærernes brug af velfærdsteknologi", 64, None),
    ("vest", date(2024, 11, 4), "Ledernes behov for kompetenceudvikling", 31, None),
    ("vest", date(2025, 4, 14), "Lærernes brug af velfærdsteknologi", 72, None),
    ("vest", date(2025, 10, 6), "Torsdagspanelet: hvad skal vi debattere?", 45, None),
    ("vest", date(2026, 3, 9), "Lærernes brug af velfærdsteknologi", 58, None),
    ("oest", date(2024, 6, 3), "Brobygningsmaterialet: relevans for vejledere", 38, 27),
    ("oest", date(2025, 6, 2), "Brobygningsmaterialet: relevans for vejledere", 44, 35),
    ("oest", date(2026, 5, 26), "Undervisningsmaterialerne: relevans for lærere", 51, 43),
]
# (centre, year, title, status, international, funder, school slugs)
APPLICATIONS = [
    ("vest", 2024, "Robotter i plejeuddannelserne", "granted", False, "Novo Nordisk Fonden", ["engbakken"]),
    ("vest", 2024, "Nordic Care Tech Education", "rejected", True, "Nordplus", ["marsken", "klitrosen"]),
    ("vest", 2025, "Sensorer i praktikken", "submitted", False, "Region Midtjylland", ["aabakken"]),
    ("vest", 2025, "European Skills for Digital Care", "granted", True, "Erasmus+", ["hedelund", "fjordglimt"]),
    ("vest", 2025, "Teknologiforståelse for ledere", "rejected", False, "Uddannelses- og Forskningsministeriet", []),
    ("vest", 2026, "VR i social- og sundhedsuddannelserne", "submitted", False, "Region Syddanmark", ["engbakken"]),
    ("oest", 2025, "Brobygning med teknologi", "granted", False, "Børne- og Undervisningsministeriet", ["lyngvejen"]),
]
# requests per (centre, year): bridge-building, new material, other
REQUESTS = {("oest", 2024): (4, 2, 1), ("oest", 2025): (6, 3, 1), ("oest", 2026): (5, 2, 2), ("vest", 2025): (1, 2, 1)}
PANEL_TOPICS = ["Robotter i plejen", "Data og dømmekraft", "Teknologi og etik", "Velfærdsteknologi i hjemmet"]
REQUEST_TEXT = {
    "bridge_building": "Vi vil gerne bruge jeres brobygningsmateriale med udskolingselever. Kan vi låne det?",
    "new_material": "Har I materiale om velfærdsteknologi til hjemmeplejen? Vi mangler et forløb til SSH-eleverne.",
    "other": "Kan I komme og fortælle om velfærdsteknologi på vores personaledag?",
}


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, clock(hour), tzinfo=COPENHAGEN)


def _targets_and_baselines(centres) -> int:
    made = report_targets_seed(oest=centres["oest"], vest=centres["vest"])
    for owner, measure, value in BASELINES:
        made += Baseline.objects.get_or_create(
            centre=centres[owner], measure=measure, defaults={"value": Decimal(value), "note": "Demo: 2021-opgørelsen"}
        )[1]
    return made


# --- past loans --------------------------------------------------------------------------------


def _teachers() -> dict[int, list[User]]:
    rows = Membership.objects.confirmed().filter(role=Role.TEACHER).select_related("user").order_by("user__email")
    teachers: dict[int, list[User]] = {}
    for membership in rows:
        teachers.setdefault(membership.organisation_id, []).append(membership.user)
    return teachers


def _loans(today: date) -> tuple[int, int]:
    if Booking.objects.filter(reference__startswith=REFERENCE).exists():
        return 0, 0
    rng = random.Random(SEED)  # noqa: S311 - the same demo history on every machine, not a secret
    teachers = _teachers()
    schools = list(Organisation.objects.schools().filter(pk__in=teachers).order_by("slug"))
    cutoff = today - timedelta(days=3)
    live = dict(
        Reservation.objects.filter(is_active=True)
        .values("unit_id")
        .annotate(first=Min("blocked_start"))
        .values_list("unit_id", "first")
    )
    units: dict[int, list[Unit]] = {}
    for unit in Unit.objects.exclude(status=Unit.Status.RETIRED).order_by("asset_tag"):
        units.setdefault(unit.equipment_id, []).append(unit)
    bookings, holds = [], []
    number = 0
    for equipment in Equipment.objects.filter(is_active=True, pk__in=units).order_by("slug"):
        own = [s for s in schools if s.home_centre_id == equipment.owning_centre_id] or schools
        popularity = 0.3 + (stable_number(equipment.slug) % 70) / 100  # some kinds are lent far more
        for track in range(0, len(units[equipment.pk]), 3):  # up to three units travel together
            pool = units[equipment.pk][track : track + 3]
            day = FIRST + timedelta(days=rng.randint(0, 20))
            while True:
                length = rng.randint(3, 10)
                quantity = rng.randint(1, len(pool))
                end = day + timedelta(days=length - 1)
                chosen = pool[:quantity]
                if end >= cutoff or any(live.get(u.pk) and end >= live[u.pk] for u in chosen):
                    break
                school = own[rng.randrange(len(own))] if rng.random() < 0.85 else schools[rng.randrange(len(schools))]
                teacher = teachers[school.pk][rng.randrange(len(teachers[school.pk]))]
                number += 1
                bookings.append(
                    Booking(
                        reference=f"{REFERENCE}{number:06d}",
                        requester=teacher,
                        created_by=teacher,
                        organisation=school,
                        owning_centre_id=equipment.owning_centre_id,
                        equipment=equipment,
                        quantity=quantity,
                        status=Booking.Status.CLOSED,
                        start_date=day,
                        end_date=end,
                        handover=Booking.Handover.DELIVERY,
                        class_name=f"SSA {day.year % 100}{'ABC'[rng.randrange(3)]}",
                        student_count=rng.randint(12, 28),
                    )
                )
                holds.append((number, chosen, day, end))
                gap = int(rng.expovariate(popularity / 5)) + 2
                day = end + timedelta(days=gap)
    Booking.objects.bulk_create(bookings, batch_size=1000)
    ids = dict(Booking.objects.filter(reference__startswith=REFERENCE).values_list("reference", "pk"))
    reservations = [
        Reservation(
            unit=unit,
            kind=Reservation.Kind.BOOKING,
            booking_id=ids[f"{REFERENCE}{n:06d}"],
            start_date=start,
            end_date=end,
            blocked_start=start,
            blocked_end=end,
        )
        for n, chosen, start, end in holds
        for unit in chosen
    ]
    Reservation.objects.bulk_create(reservations, batch_size=2000)
    return len(bookings), len(reservations)


# --- past events, PopUps, requests, surveys, applications ---------------------------------------------


def _events(centres, today: date) -> int:
    index = EventIndexPage.objects.first()
    existing = set(index.get_children().values_list("slug", flat=True))
    municipalities = [
        Organisation.objects.get_or_create(
            slug=slug, defaults={"name": name, "kind": Organisation.Kind.MUNICIPALITY, "region": region}
        )[0]
        for slug, name, region in [*MUNICIPALITIES, *MORE_MUNICIPALITIES]
    ]
    schools = list(Organisation.objects.schools().filter(home_centre__isnull=False).order_by("slug"))
    until = min(today, today - EVENT_WINDOW)  # the portal's demo makes the recent half year
    pages = []
    for number, day in enumerate(panel_thursdays(FIRST, until)):  # the portal's slugs: no doubles
        school = schools[day.toordinal() // 14 % len(schools)]
        pages.append(
            (
                EventPage(
                    title=f"Torsdagspanel: {PANEL_TOPICS[number % len(PANEL_TOPICS)]}",
                    slug=f"torsdagspanel-{day.isoformat()}",
                    event_type=EventPage.EventType.TORSDAGSPANEL,
                    start=_at(day, 15),
                    end=_at(day, 16),
                    intro="Paneldebat om velfærdsteknologi i uddannelserne.",
                    location=f"Auditoriet, {school.name}",
                    host_school=school,
                    centre_id=school.home_centre_id,
                ),
                [],
            )
        )
    for owner, year, month, day_of_month, count in RECRUITMENT:
        day = date(year, month, day_of_month)
        first = stable_number(f"{owner}{day}") % len(municipalities)
        chosen = [municipalities[(first + step) % len(municipalities)] for step in range(count)]
        page = EventPage(
            title=f"Rekrutteringsdag: Bliv social- og sundhedsassistent ({day:%d.%m.%Y})",
            slug=f"rekruttering-{owner}-{day.isoformat()}",
            event_type=EventPage.EventType.RECRUITMENT,
            start=_at(day, 9),
            end=_at(day, 14),
            intro="Kommuner og skoler viser fremtidens velfærdsteknologi for kommende elever.",
            location="Praksis Lab",
            centre=centres[owner],
        )
        pages.append((page, chosen))
    for owner, year, month, day_of_month, audience, title in COURSES:
        day = date(year, month, day_of_month)
        pages.append(
            (
                EventPage(
                    title=title,
                    slug=f"kursus-{owner}-{day.isoformat()}",
                    event_type=EventPage.EventType.COURSE,
                    start=_at(day, 9),
                    end=_at(day, 15),
                    intro="Et kursus for undervisere og ledere på SOSU-skolerne.",
                    location="Praksis Lab",
                    audience=audience,
                    centre=centres[owner],
                ),
                [],
            )
        )
    made = 0
    for page, chosen in pages:
        if page.slug in existing or page.start.date() > until:
            continue
        page.municipalities = chosen
        publish_child(index, page)
        made += 1
    return made


def _popups(centres, today: date) -> int:
    schools = list(Organisation.objects.schools().select_related("home_centre").order_by("slug"))
    made = 0
    for year in (2024, 2025, 2026):
        for number, school in enumerate(schools[year % 3 :: 3]):
            start = date(year, 2 + (number * 3) % 9, 1) + timedelta(days=stable_number(school.slug) % 20)
            if start + timedelta(days=30) > today - timedelta(days=90):
                continue
            _popup, created = PopUpCentre.objects.get_or_create(
                slug=f"popup-{school.slug}-{start.isoformat()}",
                defaults={
                    "title": f"PopUp på {school.name}",
                    "host": school,
                    "owning_centre": school.home_centre,
                    "start_date": start,
                    "end_date": start + timedelta(days=18),
                    "description": "Aldringsdragt, sociale robotter og VR-briller til afprøvning.",
                    "opening_hours": "Man–tors 9–15",
                    "status": PopUpCentre.Status.SCHEDULED,
                },
            )
            made += created
    return made


def _requests(centres, today: date) -> int:
    teachers = _teachers()
    existing = set(SchoolRequest.objects.values_list("school_id", "created_at"))
    rows = []
    for (owner, year), counts in REQUESTS.items():
        schools = list(
            Organisation.objects.schools().filter(home_centre=centres[owner], pk__in=teachers).order_by("slug")
        )
        for topic, count in zip(("bridge_building", "new_material", "other"), counts, strict=True):
            for n in range(count):
                school = schools[(n + stable_number(topic)) % len(schools)]
                sent = _at(date(year, 1, 10) + timedelta(days=(n * 47 + stable_number(topic)) % 300), 11)
                if sent.date() > today or (school.pk, sent) in existing:
                    continue
                teacher = teachers[school.pk][0]
                handled = sent + timedelta(days=3) if sent.date() < today - timedelta(days=14) else None
                rows.append(
                    SchoolRequest(
                        school=school,
                        centre=centres[owner],
                        topic=topic,
                        message=REQUEST_TEXT[topic],
                        name=teacher.get_full_name() or teacher.email,
                        email=teacher.email,
                        sender=teacher,
                        status=SchoolRequest.Status.HANDLED if handled else SchoolRequest.Status.NEW,
                        handled_at=handled,
                        created_at=sent,
                    )
                )
    sent_at = [row.created_at for row in rows]
    made = SchoolRequest.objects.bulk_create(rows)
    for row, sent in zip(made, sent_at, strict=True):  # auto_now_add stamped them "now"
        SchoolRequest.objects.filter(pk=row.pk).update(created_at=sent)
    return len(made)


def _surveys_and_applications(centres, today: date) -> int:
    made = 0
    for owner, held_on, topic, respondents, relevant in SURVEYS:
        if held_on <= today:
            made += Survey.objects.get_or_create(
                centre=centres[owner],
                held_on=held_on,
                topic=topic,
                defaults={
                    "respondents": respondents,
                    "rated_relevant": relevant,
                    "link": "https://survey.videnscenter.example",
                },
            )[1]
    schools = {s.slug: s for s in Organisation.objects.schools()}
    for owner, year, title, status, international, funder, slugs in APPLICATIONS:
        if year > today.year or ProjectApplication.objects.filter(title=title).exists():
            continue
        application = ProjectApplication(
            centre=centres[owner], title=title, year=year, status=status, international=international, funder=funder
        )
        application.schools = [schools[slug] for slug in slugs if slug in schools]
        application.save()
        made += 1
    return made


def _counts(today: date) -> int:
    """Downloads and views for the years before the portal's and library's own demo counts (this and last year)."""
    rows = []
    files = TeachingMaterialFile.objects.select_related("page").order_by("pk")
    have = set(DownloadCount.objects.values_list("file_id", "year"))
    for number, file in enumerate(files):
        for year in range(FIRST.year, today.year - 1):
            if number % 4 != 3 and (file.pk, year) not in have:
                rows.append(DownloadCount(file=file, year=year, downloads=2 + stable_number(f"{file.pk}{year}") % 70))
    DownloadCount.objects.bulk_create(rows)
    views = []
    seen = set(VideoViewCount.objects.values_list("video_id", "year"))
    for number, video in enumerate(Video.objects.order_by("slug")):
        for year in range(FIRST.year, today.year - 1):
            if number % 3 == 0 and (video.pk, year) not in seen:
                views.append(
                    VideoViewCount(video=video, year=year, views=30 + stable_number(f"{video.slug}{year}") % 350)
                )
    VideoViewCount.objects.bulk_create(views)
    return len(rows) + len(views)


def load_report_history(stdout=None) -> None:
    """Fill 2024 up to today with what the yearly report counts: see the module docstring."""
    started = time.monotonic()
    today = timezone.localdate()
    centres = {key: Organisation.objects.get(slug=slug) for key, slug in CENTRE_SLUGS.items()}
    with quiet_wagtail_log(), transaction.atomic():
        targets = _targets_and_baselines(centres)
        bookings, reservations = _loans(today)
        events = _events(centres, today)
        popups = _popups(centres, today)
        requests = _requests(centres, today)
        others = _surveys_and_applications(centres, today)
        counts = _counts(today)
    if stdout:
        stdout.write(
            f"Report history: {targets} targets and baselines, {bookings} past bookings ({reservations} units lent), "
            f"{events} past events, {popups} PopUp centres, {requests} school requests, {others} surveys and "
            f"applications, {counts} yearly counts ({time.monotonic() - started:.1f} s)."
        )
