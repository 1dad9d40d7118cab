"""The strategy's measures (Øst SPI1–3, Vest SPI1 and SPI3, joint SPI5), one function each.

The definitions are the ones the README's "Reports" section lists.
"""

from django.db.models import Count, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from media.models import Audience, Video, VideoViewCount
from videnscenter.models import Organisation

from ...models import (
    Area,
    DownloadCount,
    EventPage,
    MaterialEvaluation,
    Measure,
    Partner,
    ProjectApplication,
    SchoolRequest,
    Survey,
    TeachingMaterialPage,
)
from .core import Computation, Values, count_rows, live_events, measure, per_year, percent

# --- Øst SPI1: recruitment -----------------------------------------------------------------------


@measure(
    Measure.RECRUITMENT_MUNICIPALITIES,
    area=Area.OEST_SPI1,
    source=_("Events (type recruitment event) and their participating municipalities"),
    definition=_(
        "Different municipalities linked to the centre's published recruitment events that started in the year."
    ),
)
def recruitment_municipalities(calc: Computation) -> Values:
    events = live_events(calc, EventPage.EventType.RECRUITMENT)
    return per_year(
        calc, events, lambda q: Count("municipalities", filter=q, distinct=True), field="start", when="moment"
    )


@measure(
    Measure.RECRUITMENT_EVENTS,
    area=Area.OEST_SPI1,
    source=_("Events (type recruitment event)"),
    definition=_("The centre's published recruitment events that started in the year."),
)
def recruitment_events(calc: Computation) -> Values:
    return count_rows(calc, live_events(calc, EventPage.EventType.RECRUITMENT), "start", when="moment")


# --- Øst SPI2: teaching material -----------------------------------------------------------------


@measure(
    Measure.MATERIAL_DOWNLOADS,
    area=Area.OEST_SPI2,
    source=_("Download counts of the teaching materials' files"),
    definition=_(
        "Downloads of files of the centre's teaching materials in the year: one per visitor, file and day; "
        "crawlers and browsers without a session are not counted."
    ),
)
def material_downloads(calc: Computation) -> Values:
    rows = DownloadCount.objects.filter(file__page__centre_id__in=calc.centre_ids)
    return per_year(calc, rows, lambda q: Sum("downloads", filter=q), field="year", when="year")


@measure(
    Measure.VIDEO_VIEWS,
    area=Area.OEST_SPI2,
    source=_("View counts of the video library"),
    definition=_(
        "Views of the centre's videos in the year: one per visitor, video and day; crawlers and browsers "
        "without a session are not counted."
    ),
)
def video_views(calc: Computation) -> Values:
    rows = VideoViewCount.objects.filter(video__centre_id__in=calc.centre_ids)
    return per_year(calc, rows, lambda q: Sum("views", filter=q), field="year", when="year")


@measure(
    Measure.MATERIALS_PUBLISHED,
    area=Area.OEST_SPI2,
    source=_("Teaching material pages and videos"),
    definition=_("Teaching materials and videos of the centre first published in the year."),
)
def materials_published(calc: Computation) -> Values:
    pages = TeachingMaterialPage.objects.filter(centre_id__in=calc.centre_ids)
    videos = Video.objects.filter(centre_id__in=calc.centre_ids)
    materials = count_rows(calc, pages, "first_published_at", when="moment")
    films = count_rows(calc, videos, "first_published_at", when="moment")
    return {year: materials[year] + films[year] for year in calc.periods}


@measure(
    Measure.EVALUATIONS,
    area=Area.OEST_SPI2,
    source=_("Evaluations after a download"),
    definition=_(
        "Evaluations of the centre's teaching materials sent in the year by logged-in people (one per person "
        "and material). Anonymous evaluations are kept but not counted."
    ),
)
def evaluations(calc: Computation) -> Values:
    rows = MaterialEvaluation.objects.filter(counted=True, material__centre_id__in=calc.centre_ids)
    return count_rows(calc, rows, "created_at", when="moment")


# --- Øst SPI3: bridge-building -------------------------------------------------------------------


@measure(
    Measure.BRIDGE_REQUESTS,
    area=Area.OEST_SPI3,
    source=_("School requests sent through the portal's form"),
    definition=_("Requests about bridge-building material that the centre received from schools in the year."),
)
def bridge_requests(calc: Computation) -> Values:
    rows = SchoolRequest.objects.filter(
        centre_id__in=calc.centre_ids, topic=SchoolRequest.Topic.BRIDGE_BUILDING, school__kind="school"
    )
    return count_rows(calc, rows, "created_at", when="moment")


@measure(
    Measure.RELEVANCE_SHARE,
    area=Area.OEST_SPI3,
    percent=True,
    source=_("Surveys (typed in by staff)"),
    definition=_(
        "Of the respondents to the centre's surveys about teaching material in the year, the share that rated "
        "the material relevant. Empty when no such survey was held."
    ),
)
def relevance_share(calc: Computation) -> Values:
    rows = Survey.objects.filter(centre_id__in=calc.centre_ids, rated_relevant__isnull=False)
    relevant = per_year(calc, rows, lambda q: Sum("rated_relevant", filter=q), field="held_on")
    asked = per_year(calc, rows, lambda q: Sum("respondents", filter=q), field="held_on")
    return {year: percent(relevant[year], asked[year]) for year in calc.periods}


# --- Vest SPI1: partnerships and projects --------------------------------------------------------


@measure(
    Measure.NEW_PARTNERSHIPS,
    area=Area.VEST_SPI1,
    source=_("Partners"),
    definition=_(
        "The centre's partnerships (all types except suppliers) that started in the year and are active or ended, "
        "not only being set up."
    ),
)
def new_partnerships(calc: Computation) -> Values:
    rows = (
        Partner.objects.filter(centre_id__in=calc.centre_ids)
        .exclude(partner_type=Partner.Type.SUPPLIER)
        .exclude(status=Partner.Status.PLANNED)
    )
    return count_rows(calc, rows, "start")


def _applications(calc: Computation) -> QuerySet:
    return ProjectApplication.objects.filter(centre_id__in=calc.centre_ids).exclude(
        status=ProjectApplication.Status.PLANNED
    )


@measure(
    Measure.PROJECT_APPLICATIONS,
    area=Area.VEST_SPI1,
    source=_("Project applications"),
    definition=_("The centre's project applications sent in the year (submitted, granted or not granted)."),
)
def project_applications(calc: Computation) -> Values:
    return count_rows(calc, _applications(calc), "year", when="year")


@measure(
    Measure.INTERNATIONAL_APPLICATIONS,
    area=Area.VEST_SPI1,
    source=_("Project applications"),
    definition=_("Of the project applications sent in the year, those with international partners."),
)
def international_applications(calc: Computation) -> Values:
    return count_rows(calc, _applications(calc).filter(international=True), "year", when="year")


# --- Vest SPI3: surveys, debates and courses -----------------------------------------------------


@measure(
    Measure.SURVEYS,
    area=Area.VEST_SPI3,
    source=_("Surveys (typed in by staff)"),
    definition=_("Surveys the centre held in the year."),
)
def surveys(calc: Computation) -> Values:
    return count_rows(calc, Survey.objects.filter(centre_id__in=calc.centre_ids), "held_on")


@measure(
    Measure.TORSDAGSPANEL,
    area=Area.VEST_SPI3,
    source=_("Events (type Torsdagspanel debate)"),
    definition=_("The centre's published Torsdagspanel debates that started in the year."),
)
def torsdagspanel(calc: Computation) -> Values:
    return count_rows(calc, live_events(calc, EventPage.EventType.TORSDAGSPANEL), "start", when="moment")


@measure(
    Measure.COURSES,
    area=Area.VEST_SPI3,
    source=_("Events (type course)"),
    definition=_("The centre's published courses for teachers, leaders or everyone that started in the year."),
)
def courses(calc: Computation) -> Values:
    rows = live_events(calc, EventPage.EventType.COURSE).exclude(audience=Audience.STUDENTS)
    return count_rows(calc, rows, "start", when="moment")


# --- Joint SPI5: schools taking part ---------------------------------------------------------------


@measure(
    Measure.SCHOOLS_TAKING_PART,
    area=Area.JOINT_SPI5,
    percent=True,
    source=_("Partners (schools involved) and project applications (schools taking part)"),
    definition=_(
        "Of the SOSU schools attached to the centre, the share that took part in at least one partnership active "
        "in the year (not only being set up) or one project application of the year."
    ),
)
def schools_taking_part(calc: Computation) -> Values:
    schools = set(
        Organisation.objects.schools().filter(home_centre_id__in=calc.centre_ids).values_list("pk", flat=True)
    )
    links = Partner.schools.through.objects.filter(organisation_id__in=schools).exclude(
        partner__status=Partner.Status.PLANNED
    )
    partnerships = list(links.values_list("organisation_id", "partner__start", "partner__end"))
    projects = list(
        ProjectApplication.schools.through.objects.filter(organisation_id__in=schools)
        .exclude(projectapplication__status=ProjectApplication.Status.PLANNED)
        .values_list("organisation_id", "projectapplication__year")
    )
    values: Values = {}
    for year, (first, last) in calc.periods.items():
        taking_part = {school for school, start, end in partnerships if start <= last and (end is None or end >= first)}
        taking_part |= {school for school, applied in projects if applied == year}
        values[year] = percent(len(taking_part), len(schools))
    return values
