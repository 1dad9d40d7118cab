"""Demo portal, built in code: home page text, content pages, news, a year of events, partners and
teaching materials with files, downloads and evaluations.

Pages are added with ``add_child`` and published through a revision, as the admin would, so they
are indexed for search and open normally in the admin. Needs ``load_people``, ``load_catalogue`` and
``load_library`` first (the pages show demo equipment and films). Safe to run again: pages are looked
up by slug under their section and only missing ones are created (editors' changes are kept); the
recurring events are dated by the calendar, so a later run only adds the months that came into view.
"""

import logging
import time
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from datetime import time as clock
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from catalogue.demo.artwork import manual_pdf, placeholder_png, stored_document, stored_image
from catalogue.demo.data import CENTRE_LOCATIONS, CENTRE_SLUGS
from catalogue.models import Equipment, Programme
from media.demo.data import stable_number
from media.models import Audience, Video
from videnscenter.helpers.text import danish_slugify
from videnscenter.models import Organisation, Role, User

from ..models import (
    ContentPage,
    DownloadCount,
    EventIndexPage,
    EventPage,
    HomePage,
    MaterialEvaluation,
    NewsIndexPage,
    NewsPage,
    Partner,
    PartnerIndexPage,
    TeachingMaterialFile,
    TeachingMaterialIndexPage,
    TeachingMaterialPage,
)
from ..services import respondent_key
from .data import (
    CONTENT_PAGES,
    DEBATES,
    EVALUATIONS,
    HOME_BODY,
    HOME_INTRO,
    IMAGES,
    MATERIALS,
    MUNICIPALITIES,
    NEWS,
    ONE_OFF_EVENTS,
    PANELISTS,
    PARTNERS,
    RESPONDENTS,
    TECH_TIMEN_TOPICS,
    TECH_TIMEN_URL,
    TORSDAGSPANEL_URL,
    MaterialSpec,
    OneOffEvent,
)
from .privacy import load_privacy_notice
from .site import load_accessibility_statement, load_contact_details

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
EVENT_WINDOW = timedelta(days=183)  # the recurring events reach half a year back and ahead


class _Refs:
    """What the bodies point at, by natural key: images, pages, films and equipment."""

    def __init__(self, home: Page):
        self.home = home
        self.pages = dict(home.get_children().values_list("slug", "id"))
        self.videos = dict(Video.objects.values_list("slug", "pk"))
        self.equipment = {item.slug: item for item in Equipment.objects.only("pk", "slug", "name")}
        self._images = {}

    def image(self, key: str):
        if key not in self._images:
            title, subtitle, colour, pictogram, description = IMAGES[key]
            image = stored_image(
                f"Portal: {title}",
                f"portal-{key}.png",
                lambda: placeholder_png(title, subtitle, colour, pictogram),
            )
            if not image.description:  # used as alt text where the image stands alone (news, events)
                image.description = description
                image.save(update_fields=["description"])
            self._images[key] = image
        return self._images[key]

    def lookup(self, table: dict, key: str, what: str):
        try:
            return table[key]
        except KeyError:
            raise LookupError(f"The demo portal needs the {what} “{key}”: load the catalogue and library first.")

    def body(self, blocks) -> list[dict]:
        """StreamField data (the JSON form) for the tuples of data.py."""
        stream = []
        for kind, *args in blocks:
            if kind in ("heading", "subheading"):
                block = ("heading", {"text": args[0], "level": "h2" if kind == "heading" else "h3"})
            elif kind == "paragraph":
                block = ("paragraph", args[0])
            elif kind == "image":
                key, alt_text, caption = args
                image = {"image": self.image(key).pk, "decorative": False, "alt_text": alt_text}
                block = ("image", {"image": image, "caption": caption})
            elif kind == "video":
                block = ("video", {"video": self.lookup(self.videos, args[0], "video")})
            elif kind == "quote":
                block = ("quote", {"quote": args[0], "attribution": args[1]})
            elif kind == "cta":
                title, text, page_slug, button = args
                page = self.lookup(self.pages, page_slug, "page")
                block = ("call_to_action", {"title": title, "text": text, "page": page, "url": "", "button": button})
            elif kind == "equipment":
                equipment = self.lookup(self.equipment, args[0], "equipment")
                block = ("equipment", {"equipment": equipment.pk, "text": args[1]})
            else:
                raise ValueError(f"Unknown demo block {kind!r}")
            stream.append({"type": block[0], "value": block[1]})
        return stream


def _children(parent: Page) -> set[str]:
    return set(parent.get_children().values_list("slug", flat=True))


def publish_child(parent: Page, page: Page) -> Page:
    """Add and publish a page the way the admin does: a revision, then publish (search index, history)."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _section(model):
    section = model.objects.first()
    if section is None:
        raise LookupError(f"No {model._meta.verbose_name} yet: run the migrations first (cms 0004 creates it).")
    return section


def _at(day: date, hour_minute: tuple[int, int]) -> datetime:
    return datetime.combine(day, clock(*hour_minute), tzinfo=COPENHAGEN)


# --- Home, content pages, news -------------------------------------------------------------------------


def _home(home: HomePage) -> None:
    if home.body:
        return  # an editor (or an earlier run) has written it
    home.intro, home.body = HOME_INTRO, HOME_BODY
    home.save_revision().publish()


def _content_pages(refs: _Refs) -> int:
    existing, created = _children(refs.home), 0
    for spec in CONTENT_PAGES:
        if spec.slug not in existing:
            page = ContentPage(
                title=spec.title,
                slug=spec.slug,
                intro=spec.intro,
                body=refs.body(spec.body),
                show_in_menus=spec.in_footer,
            )
            publish_child(refs.home, page)
            refs.pages[spec.slug] = page.pk
            created += 1
    return created


def _news(refs: _Refs, *, centres, today: date) -> int:
    index = _section(NewsIndexPage)
    existing, created = _children(index), 0
    for spec in NEWS:
        slug = danish_slugify(spec.title)
        if slug in existing:
            continue
        page = NewsPage(
            title=spec.title,
            slug=slug,
            date=today - timedelta(days=spec.days_ago),
            intro=spec.intro,
            image=refs.image(spec.image) if spec.image else None,
            body=refs.body(spec.body),
            centre=centres[spec.centre],
        )
        publish_child(index, page)
        created += 1
    return created


# --- Events ----------------------------------------------------------------------------------------------


def _municipalities() -> dict[str, Organisation]:
    return {
        slug: Organisation.objects.get_or_create(
            slug=slug, defaults={"name": name, "kind": Organisation.Kind.MUNICIPALITY, "region": region}
        )[0]
        for slug, name, region in MUNICIPALITIES
    }


def _first_tuesdays(start: date, end: date):
    month = date(start.year, start.month, 1)
    while month <= end:
        day = month + timedelta(days=(1 - month.weekday()) % 7)
        if start <= day <= end and day.month != 7:  # no Tech Timen in the summer holiday
            yield day
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)


def panel_thursdays(start: date, end: date):
    """Every second Thursday (even ISO weeks), except in July and around Christmas."""
    day = start + timedelta(days=(3 - start.weekday()) % 7)
    while day <= end:
        holiday = day.month == 7 or (day.month == 12 and day.day > 19) or (day.month == 1 and day.day < 6)
        if day.isocalendar().week % 2 == 0 and not holiday:
            yield day
        day += timedelta(days=7)


def _address(school: Organisation) -> str:
    return f"{school.street_address}, {school.postal_code} {school.city}"


def _tech_timen(day: date, *, centres, municipalities, refs) -> EventPage:
    month_number = day.year * 12 + day.month
    topic, blurb = TECH_TIMEN_TOPICS[month_number % len(TECH_TIMEN_TOPICS)]
    audiences = [Audience.EVERYONE, Audience.STUDENTS, Audience.TEACHERS, Audience.EVERYONE, Audience.LEADERS]
    page = EventPage(
        title=f"Tech Timen: {topic}",
        slug=f"tech-timen-{day.isoformat()}",
        event_type=EventPage.EventType.TECH_TIMEN,
        start=_at(day, (14, 0)),
        end=_at(day, (15, 0)),
        intro=f"{blurb} En time live fra videnscentrene, første tirsdag i måneden.",
        online_url=TECH_TIMEN_URL,
        audience=audiences[month_number % len(audiences)],
        centre=centres["oest" if month_number % 2 else "vest"],
        image=refs.image("tech-timen"),
        body=refs.body(
            [
                (
                    "paragraph",
                    f"<p>{blurb}</p><p>Tech Timen sendes live fra Praksis Lab. Stil spørgsmål i chatten undervejs; "
                    "optagelsen kommer i videobiblioteket bagefter. Det kræver ingen tilmelding.</p>",
                )
            ]
        ),
    )
    if month_number % 3 == 0:  # a municipality is guest every third month
        guest = list(municipalities.values())[month_number % len(municipalities)]
        page.municipalities = [guest]
    return page


def _torsdagspanel(day: date, number: int, *, schools, municipalities, refs) -> EventPage:
    debate = DEBATES[number % len(DEBATES)]
    school = schools[number % len(schools)]
    panel = [PANELISTS[(number + offset) % len(PANELISTS)] for offset in (0, 3, 5)]
    audiences = [Audience.TEACHERS, Audience.LEADERS, Audience.EVERYONE, Audience.STUDENTS]
    municipality_list = list(municipalities.values())
    page = EventPage(
        title=f"Torsdagspanel: {debate}",
        slug=f"torsdagspanel-{day.isoformat()}",
        event_type=EventPage.EventType.TORSDAGSPANEL,
        start=_at(day, (15, 0)),
        end=_at(day, (16, 30)),
        intro=f"Paneldebat på {school.name} og online: {debate}",
        location=f"Auditoriet, {school.name}, {_address(school)}",
        online_url=TORSDAGSPANEL_URL,
        registration_url=f"https://tilmelding.videnscenter.example/torsdagspanel/{day.isoformat()}",
        audience=audiences[number % len(audiences)],
        host_school=school,
        centre=school.home_centre,
        image=refs.image("torsdagspanel"),
        body=refs.body(
            [
                (
                    "paragraph",
                    f"<p>{debate} Tre stemmer fra praksis, uddannelse og kommune tager debatten, og salen og chatten "
                    "stiller spørgsmål.</p><p>I panelet: " + ", ".join(panel) + ".</p>",
                )
            ]
        ),
    )
    page.municipalities = [
        municipality_list[(number + step) % len(municipality_list)] for step in range(number % 2 + 1)
    ]
    return page


def _one_off(spec: OneOffEvent, *, today, centres, schools_by_slug, municipalities, refs) -> EventPage:
    day = today + timedelta(days=spec.days_from_today)
    host_school, location = None, spec.location
    if location.startswith("school:"):
        host_school = schools_by_slug[location.removeprefix("school:")]
        location = f"{host_school.name}, {_address(host_school)}"
    elif location.startswith("lab:"):
        lab, _store, address = CENTRE_LOCATIONS[location.removeprefix("lab:")]
        location = f"{lab}, {address}"
    page = EventPage(
        title=spec.title,
        slug=spec.slug,
        event_type=spec.event_type,
        start=_at(day, spec.start),
        end=_at(day, spec.end),
        intro=spec.intro,
        location=location,
        online_url=f"https://live.videnscenter.example/{spec.slug}" if spec.online else "",
        registration_url=f"https://tilmelding.videnscenter.example/{spec.slug}" if spec.registration else "",
        audience=spec.audience,
        host_school=host_school,
        centre=centres[spec.centre],
        body=refs.body([("paragraph", spec.text)]),
    )
    page.municipalities = [municipalities[slug] for slug in spec.municipalities]
    return page


def _events(refs: _Refs, *, centres, today: date) -> int:
    index = _section(EventIndexPage)
    existing, created = _children(index), 0
    municipalities = _municipalities()
    schools = list(Organisation.objects.schools().filter(home_centre__isnull=False).order_by("slug"))
    schools_by_slug = {school.slug: school for school in schools}
    pages = []
    start, end = today - EVENT_WINDOW, today + EVENT_WINDOW
    for day in _first_tuesdays(start, end):
        if f"tech-timen-{day.isoformat()}" not in existing:
            pages.append(_tech_timen(day, centres=centres, municipalities=municipalities, refs=refs))
    for day in panel_thursdays(start, end):
        if f"torsdagspanel-{day.isoformat()}" not in existing:
            number = day.toordinal() // 14  # the same debate and school for a date on every run
            pages.append(_torsdagspanel(day, number, schools=schools, municipalities=municipalities, refs=refs))
    for spec in ONE_OFF_EVENTS:
        if spec.slug not in existing:
            pages.append(
                _one_off(
                    spec,
                    today=today,
                    centres=centres,
                    schools_by_slug=schools_by_slug,
                    municipalities=municipalities,
                    refs=refs,
                )
            )
    for page in sorted(pages, key=lambda page: page.start):
        publish_child(index, page)
        created += 1
    return created


# --- Partners ------------------------------------------------------------------------------------------

PARTNER_LOOK = {
    Partner.Type.KNOWLEDGE: ("#1f4e79", "vr"),
    Partner.Type.SECTOR: ("#3c7d4a", "house"),
    Partner.Type.SUPPLIER: ("#b5533c", "robot"),
    Partner.Type.MUNICIPALITY: ("#4a6b6b", "house"),
    Partner.Type.INTERNATIONAL: ("#7a4f9a", "speech"),
}


def _partners(*, centres, today: date) -> int:
    schools = {school.slug: school for school in Organisation.objects.schools()}
    changed = 0
    for spec in PARTNERS:
        colour, pictogram = PARTNER_LOOK[spec.partner_type]
        logo = stored_image(
            f"Partnerlogo: {spec.name}",
            f"partner-{spec.slug}.png",
            lambda spec=spec, colour=colour, pictogram=pictogram: placeholder_png(
                spec.name, "Partner af videnscentrene", colour, pictogram
            ),
        )
        years, month, day = spec.start
        start = date(today.year + years, month, day)
        end = date(today.year + spec.end[0], spec.end[1], spec.end[2]) if spec.end else None
        values = {
            "name": spec.name,
            "partner_type": spec.partner_type,
            "scope": Partner.Scope.INTERNATIONAL if spec.international else Partner.Scope.DANISH,
            "engagement": Partner.Engagement.PROJECT if spec.project else Partner.Engagement.GENERAL,
            "project": spec.project,
            "description": spec.description,
            "website": f"https://{spec.slug}.example",
            "logo_id": logo.pk,
            "start": start,
            "end": end,
            "status": spec.status,
            "centre_id": centres[spec.centre].pk,
        }
        partner = Partner.objects.filter(slug=spec.slug).first() or Partner(slug=spec.slug)
        wanted_schools = [schools[slug] for slug in spec.schools]
        same_schools = partner.pk and set(partner.schools.values_list("pk", flat=True)) == {
            s.pk for s in wanted_schools
        }
        if partner.pk and same_schools and all(getattr(partner, key) == value for key, value in values.items()):
            continue
        for key, value in values.items():
            setattr(partner, key, value)
        partner.schools = wanted_schools
        partner.full_clean()
        partner.save()
        changed += 1
    return changed


# --- Teaching materials ------------------------------------------------------------------------------


def _guide_lines(spec: MaterialSpec, equipment_name: str) -> list[str]:
    lines = [spec.intro, "", "Mål – eleverne skal kunne:"]
    lines += [f"- {goal}" for goal in spec.goals]
    lines += [
        "",
        f"Forberedelse: Book {equipment_name} i god tid, og se instruktionsvideoen, før holdet starter.",
        "",
        f"Forløbet ({spec.lessons} lektioner):",
        "1. Introduktion: hvad er teknologien, og hvem er den til?",
        "2. Demonstration og øvelse i små grupper med en borgercase.",
        "3. Refleksion: hvad gjorde teknologien for borgeren og for medarbejderen?",
        "",
        "Evaluering: Brug spørgsmålene i elevmaterialet, og giv os en kort evaluering på portalen.",
    ]
    return lines


def _material_files(spec: MaterialSpec, equipment_name: str) -> list[TeachingMaterialFile]:
    guide_title = f"Lærervejledning: {spec.title}"
    files = [
        TeachingMaterialFile(
            title="Lærervejledning",
            kind=TeachingMaterialFile.Kind.TEACHER_GUIDE,
            document=stored_document(
                guide_title,
                f"laerervejledning-{spec.slug}.pdf",
                lambda: manual_pdf(guide_title, _guide_lines(spec, equipment_name)),
            ),
        )
    ]
    for kind, title in spec.files:
        document_title = f"{title} ({spec.title})"
        lines = [spec.intro, "", title, "", *(f"- {goal}" for goal in spec.goals)]
        files.append(
            TeachingMaterialFile(
                title=title,
                kind=kind,
                document=stored_document(
                    document_title,
                    f"{danish_slugify(title)}-{spec.slug}.pdf",
                    lambda document_title=document_title, lines=lines: manual_pdf(document_title, lines),
                ),
            )
        )
    return files


def _materials(refs: _Refs, *, centres) -> int:
    index = _section(TeachingMaterialIndexPage)
    existing, created = _children(index), 0
    programmes = {programme.slug: programme for programme in Programme.objects.all()}
    for spec in MATERIALS:
        if spec.slug in existing:
            continue
        equipment = refs.lookup(refs.equipment, spec.equipment, "equipment")
        blocks = [
            ("heading", "Det lærer eleverne"),
            ("paragraph", "<ul>" + "".join(f"<li>{goal[0].upper()}{goal[1:]}.</li>" for goal in spec.goals) + "</ul>"),
            ("equipment", spec.equipment, "Forløbet er bygget op om dette udstyr; book det i god tid."),
        ]
        if spec.video:
            blocks.append(("video", spec.video))
        page = TeachingMaterialPage(
            title=spec.title,
            slug=spec.slug,
            intro=spec.intro,
            audience=spec.audience,
            lessons=spec.lessons,
            centre=centres[spec.centre],
            body=refs.body(blocks),
        )
        page.programmes = [refs.lookup(programmes, slug, "programme") for slug in spec.programmes]
        page.files = _material_files(spec, equipment.name)
        publish_child(index, page)
        created += 1
    return created


def _downloads_and_evaluations(*, year: int) -> tuple[int, int]:
    slugs = [spec.slug for spec in MATERIALS]
    materials = {page.slug: page for page in TeachingMaterialPage.objects.filter(slug__in=slugs)}
    files = TeachingMaterialFile.objects.filter(page__in=materials.values()).select_related("page").order_by("pk")
    rows = []
    for number, file in enumerate(files):
        if number % 4 == 3:
            continue  # not every file has been downloaded
        for when in (year - 1, year):
            downloads = 3 + stable_number(f"{file.page.slug}{file.title}{when}") % 90
            if file.kind == TeachingMaterialFile.Kind.TEACHER_GUIDE:
                downloads *= 2
            rows.append(DownloadCount(file=file, year=when, downloads=downloads))
    existing = set(DownloadCount.objects.filter(file__in=files).values_list("file_id", "year"))
    downloads = [row for row in rows if (row.file.pk, row.year) not in existing]
    DownloadCount.objects.bulk_create(downloads)

    # Each evaluation is a demo teacher's, logged in, so it counts (one per person and material).
    teachers = list(
        User.objects.filter(memberships__role=Role.TEACHER, memberships__status="confirmed")
        .distinct()
        .order_by("email")[: len(RESPONDENTS)]
    )
    who = dict(zip(RESPONDENTS, teachers, strict=False))
    keys = {key: respondent_key(user=teacher, session_key=None) for key, teacher in who.items()}
    answered = set(
        MaterialEvaluation.objects.filter(respondent__in=keys.values()).values_list("material_id", "respondent")
    )
    evaluations = [
        MaterialEvaluation(
            material=materials[slug],
            rating=rating,
            usable=usable,
            comment=comment,
            respondent=keys[key],
            user=who[key],
            counted=True,
        )
        for (slug, rating, usable, comment), key in zip(EVALUATIONS, RESPONDENTS, strict=True)
        if slug in materials and key in keys and (materials[slug].pk, keys[key]) not in answered
    ]
    MaterialEvaluation.objects.bulk_create(evaluations)
    now = timezone.now()
    for evaluation in evaluations:  # auto_now_add stamped them all "now"; spread them over the last two years
        evaluation.created_at = now - timedelta(days=3 + stable_number(evaluation.respondent) % 700)
    MaterialEvaluation.objects.bulk_update(evaluations, ["created_at"])
    return len(downloads), len(evaluations)


# --- Entry point ---------------------------------------------------------------------------------------


@contextmanager
def quiet_wagtail_log():
    """Wagtail logs three INFO lines per page it creates and publishes; 80 pages of that hide the summary."""
    logger = logging.getLogger("wagtail")
    level = logger.level
    logger.setLevel(max(level, logging.WARNING))
    try:
        yield
    finally:
        logger.setLevel(level)


def load_portal(stdout=None) -> None:
    """Fill the portal with demo content: see the module docstring. Creates only what is missing."""
    with quiet_wagtail_log(), transaction.atomic():
        _load_portal(stdout)


def _load_portal(stdout) -> None:
    started = time.monotonic()
    today = timezone.localdate()
    centres = {key: Organisation.objects.get(slug=slug) for key, slug in CENTRE_SLUGS.items()}
    home = _section(HomePage)
    _section(PartnerIndexPage)  # the partner snippets are listed there
    _home(home)
    refs = _Refs(home)
    content = _content_pages(refs)
    news = _news(refs, centres=centres, today=today)
    events = _events(refs, centres=centres, today=today)
    partners = _partners(centres=centres, today=today)
    materials = _materials(refs, centres=centres)
    downloads, evaluations = _downloads_and_evaluations(year=today.year)
    privacy = load_privacy_notice(home)
    statement = load_accessibility_statement(home, today=today)
    load_contact_details()
    if stdout:
        stdout.write(
            f"Portal: {content} content pages, {news} news, {events} events, {materials} teaching materials created; "
            f"{partners} partners updated; {downloads} download counts and {evaluations} evaluations added; "
            f"{privacy} privacy notice and {statement} accessibility statement created "
            f"({time.monotonic() - started:.1f} s)."
        )
