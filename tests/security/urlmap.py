"""Every URL of the site, made concrete with objects of *another* school and centre.

Shared by the authorisation matrix and the hostile-input sweep. ``routes()`` walks Django's
resolver (``get_resolver``), so a new view appears here without anyone listing it; ``url_for``
fills each route's parameters from ``World``: the objects in the URLs belong to Klitrosen
(school) and Vestdanmark (centre), while most roles belong to Kildebakken and Øst. A route
whose parameter nobody knows how to fill is reported, so it cannot slip through unchecked.
"""

import io
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.apps import apps
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.http import urlsafe_base64_encode
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Revision

from booking import services as booking_services
from booking.calendar import services as subscriptions
from booking.models import MaintenanceWindow, PopUpCentre
from booking.workdays import add_working_days
from catalogue.models import Category, Location, Programme
from cms.models import MaterialEvaluation, NewsIndexPage, NewsPage, Partner
from tests.cms.helpers import material
from tests.conftest import member
from tests.factories import (
    CategoryFactory,
    CentreFactory,
    EmailDomainFactory,
    EquipmentFactory,
    MobilePackFactory,
    PodcastEpisodeFactory,
    SchoolFactory,
    UnitFactory,
    UserFactory,
    VideoCategoryFactory,
    VideoFactory,
    add_page,
    put_in_pack,
)
from videnscenter import services as people
from videnscenter.models import Invitation, Membership, Role
from videnscenter.tokens import new_token


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name", or the pattern for an unnamed route
    pattern: str  # the full route, for messages
    kwargs: tuple[str, ...]
    positional: int  # unnamed groups (only Wagtail's page-serving route has one)
    module: str = ""  # where the view is written

    @property
    def ours(self) -> bool:
        """A view of this project (Wagtail's generic views of our models count as ours too)."""
        return (
            self.module.split(".")[0] in PROJECT_APPS
            or self.name.split(":")[0] in PROJECT_VIEWSETS
            or bool(_snippet(self.namespace))
        )

    @property
    def namespace(self) -> str:
        return self.name.rpartition(":")[0]

    @property
    def view_name(self) -> str:
        return self.name.rpartition(":")[2]


PROJECT_APPS = {"videnscenter", "catalogue", "booking", "cms", "media"}
PROJECT_VIEWSETS = {"organisation", "emaildomain", "booking_popup", "booking_maintenance", "evaluations"}


def routes() -> list[Route]:
    """Every URL pattern of the site, from the resolver."""
    found: list[Route] = []

    def walk(resolver, namespace: str, prefix: str, kwargs: tuple[str, ...], positional: int):
        for pattern in resolver.url_patterns:
            regex = pattern.pattern.regex
            keys = kwargs + tuple(regex.groupindex)
            extra = regex.groups - len(regex.groupindex)
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                walk(pattern, inner, prefix + str(pattern.pattern), keys, positional + extra)
            else:
                route = prefix + str(pattern.pattern)
                name = f"{namespace}:{pattern.name}" if namespace and pattern.name else (pattern.name or route)
                module = getattr(pattern.callback, "__module__", "") or ""
                found.append(Route(name, route, keys, positional + extra, module))

    walk(get_resolver(), "", "/", (), 0)
    return found


def _png() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (20, 10), "#0b5c63").save(buffer, "PNG")
    return buffer.getvalue()


@dataclass
class World:
    """The people of both sides and the objects of the other side."""

    users: dict[str, object] = field(default_factory=dict)  # role name -> user (None for anonymous)
    objects: dict[str, object] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)


ROLES = [
    "anonymous",
    "teacher",
    "pending_teacher",
    "coordinator",
    "other_coordinator",
    "staff",
    "other_staff",
    "leader",
    "superuser",
]


def build_world() -> World:
    """People of Kildebakken/Øst and Klitrosen/Vestdanmark; objects of Klitrosen/Vestdanmark."""
    centre = CentreFactory(name="Videnscenter Øst", slug="oest")
    other_centre = CentreFactory(name="Videnscenter Vestdanmark", slug="vest")
    school = SchoolFactory(name="Kildebakken SOSU-skole", slug="kildebakken", home_centre=centre)
    other_school = SchoolFactory(name="Klitrosen SOSU-skole", slug="klitrosen", home_centre=other_centre)
    w = World()
    w.users = {
        "anonymous": None,
        "teacher": member(school, Role.TEACHER, email="laerer@kildebakken.example"),
        "pending_teacher": member(
            school, Role.TEACHER, status=Membership.Status.PENDING, email="ny@kildebakken.example"
        ),
        "coordinator": member(school, Role.COORDINATOR, email="koordinator@kildebakken.example"),
        "other_coordinator": member(other_school, Role.COORDINATOR, email="koordinator@klitrosen.example"),
        "staff": member(centre, Role.CENTRE_STAFF, email="personale@oest.example"),
        "other_staff": member(other_centre, Role.CENTRE_STAFF, email="personale@vest.example"),
        "leader": member(centre, Role.LEADER, email="leder@oest.example"),
        "superuser": UserFactory(email="admin@videnscenter.example", is_superuser=True, is_staff=True),
    }
    other_teacher = member(other_school, Role.TEACHER, email="laerer@klitrosen.example")
    pending_other = member(other_school, Role.TEACHER, status=Membership.Status.PENDING, email="ny@klitrosen.example")

    equipment = EquipmentFactory(
        name="Vest-lift", slug="vest-lift", owning_centre=other_centre, category=CategoryFactory(slug="lifte")
    )
    units = [UnitFactory(equipment=equipment, asset_tag=f"V-{n}") for n in range(3)]
    pack = MobilePackFactory(name="Vest-pakke", slug="vest-pakke", owning_centre=other_centre)
    put_in_pack(pack, units[2])
    today = timezone.localdate()
    start = add_working_days(today, 10)
    booking = booking_services.booking_request(
        actor=other_teacher, organisation=other_school, equipment=equipment, start_date=start, end_date=start
    )
    popup = PopUpCentre.objects.create(
        title="PopUp i Vest",
        slug="popup-vest",
        host=other_school,
        owning_centre=other_centre,
        start_date=start + timedelta(days=30),
        end_date=start + timedelta(days=40),
    )
    window = MaintenanceWindow.objects.create(
        unit=units[1],
        start_date=start + timedelta(days=60),
        end_date=start + timedelta(days=61),
        reason="Eftersyn",
        created_by=w.users["other_staff"],
    )
    subscription, feed_token = subscriptions.subscription_create(owner=other_teacher, kind="mine")
    raw, digest = new_token()
    invitation = Invitation.objects.create(
        email="ny2@klitrosen.example",
        organisation=other_school,
        role=Role.TEACHER,
        token_hash=digest,
        invited_by=w.users["other_coordinator"],
        expires_at=timezone.now() + timedelta(days=14),
    )
    document = get_document_model().objects.create(
        title="Brugsanvisning Vest-lift",
        file=ContentFile(b"%PDF-1.4 manual", name="manual.pdf"),
        uploaded_by_user=w.users["other_staff"],
    )
    image = get_image_model().objects.create(
        title="Vest-lift", file=ContentFile(_png(), name="lift.png"), uploaded_by_user=w.users["other_staff"]
    )
    course = material(other_centre)
    news = add_page(NewsIndexPage.objects.get(), NewsPage(title="Nyt fra Vest", intro="Nyt."))
    evaluation = MaterialEvaluation.objects.create(material=course, rating=4, usable="yes", respondent="x")
    partner = Partner.objects.create(
        name="Vest-partner", slug="vest-partner", partner_type="company", start=today, centre=other_centre
    )
    location = Location.objects.create(
        name="Praksis Lab Vest", kind=Location.Kind.PRAKSIS_LAB, organisation=other_centre
    )
    video = VideoFactory(centre=other_centre, equipment=[equipment])
    episode = PodcastEpisodeFactory(centre=other_centre)
    people.editor_groups_sync(user=w.users["superuser"])
    # A course of the other centre, with a teacher of the other school signed up.
    from tests.cms.signup import course as signup_course
    from tests.cms.signup import sign_up

    event = signup_course(other_centre, places=5, price_other=0)
    registration, registration_token = sign_up(event, "Vest Lærer", other_teacher.email, actor=other_teacher)
    # The other centre's data for the yearly report, and a school's request to it.
    from cms.models import Baseline, ProjectApplication, SchoolRequest, Survey, Target

    report_data = {
        "target": Target.objects.create(centre=other_centre, measure="surveys", year=today.year, minimum=2),
        "baseline": Baseline.objects.create(centre=other_centre, measure="surveys", value=2),
        "survey": Survey.objects.create(centre=other_centre, held_on=today, topic="Vest", respondents=8),
        "application": ProjectApplication.objects.create(centre=other_centre, title="Vest-projekt", year=today.year),
        "school_request": SchoolRequest.objects.create(
            school=other_school, centre=other_centre, topic="other", message="Hjælp", name="A", email="a@b.dk"
        ),
    }
    from booking.payments import services as payment_services

    payment = payment_services.create_payment(  # the other school's booking, paid by invoice to the other centre
        purpose="booking",
        object_id=booking.pk,
        owning_centre=other_centre,
        payer_name=other_school.name,
        payer_email=other_teacher.email,
        payer_user=other_teacher,
        organisation=other_school,
        lines=[payment_services.Line(description="Lån", unit_price=Decimal("450.00"))],
        method="invoice",
        ean="5798000416604",
    )
    w.objects = {
        **report_data,
        "payment": payment,
        "centre": centre,
        "other_centre": other_centre,
        "school": school,
        "other_school": other_school,
        "other_teacher": other_teacher,
        "equipment": equipment,
        "unit": units[0],
        "pack": pack,
        "booking": booking,
        "popup": popup,
        "window": window,
        "subscription": subscription,
        "invitation": invitation,
        "membership": Membership.objects.get(user=pending_other),
        "domain": EmailDomainFactory(organisation=other_school, domain="klitrosen.example"),
        "document": document,
        "image": image,
        "course": course,
        "file": course.files.first(),
        "page": news,
        "revision": Revision.objects.filter(object_id=str(news.pk)).first(),
        "evaluation": evaluation,
        "partner": partner,
        "location": location,
        "video": video,
        "episode": episode,
        "series": episode.series,
        "videocategory": VideoCategoryFactory(),
        "category": Category.objects.get(slug="lifte"),
        "programme": Programme.objects.create(name="SOSU-assistent", slug="sosu-assistent"),
        "event": event,
        "registration": registration,
        "participant": registration.participants.get(),
    }
    uid = urlsafe_base64_encode(str(pending_other.pk).encode())
    w.tokens = {"invitation": raw, "feed": feed_token, "uid": uid, "registration": registration_token}
    return w


def clients_for(world: World, roles: list[str]) -> dict[str, Client]:
    """A test client per role, logged in as that role's person (none for anonymous)."""

    result = {}
    for role in roles:
        client = Client(raise_request_exception=False)
        if world.users[role] is not None:
            client.force_login(world.users[role])
        result[role] = client
    return result


# Which object a route's ``pk`` means, by namespace (snippets are found from their namespace).
PK_OBJECTS = {
    "organisation": "other_school",
    "emaildomain": "domain",
    "booking_popup": "popup",
    "booking_maintenance": "window",
    "evaluations": "evaluation",
    "calendar": "subscription",
    "booking_admin": "booking",
    "payments_admin": "payment",
    "report_targets": "target",
    "report_baselines": "baseline",
    "report_surveys": "survey",
    "report_applications": "application",
    "school_requests": "school_request",
    "privacy_admin": "other_teacher",
    "wagtailusers_users": None,  # the other centre's member of staff
    "accounts": None,  # membership or invitation, by view
}
SLUG_OBJECTS = {
    "catalogue:pack": "pack",
    "booking:new_pack": "pack",
    "popup:detail": "popup",
    "media:video": "video",
    "media:episode": "episode",
    "catalogue:equipment": "equipment",
    "booking:new": "equipment",
    "booking:basket_add": "equipment",
    "booking:basket_add_pack": "pack",
    "media:video_seen": "video",
}


def _snippet(namespace: str):
    for prefix in ("wagtailsnippets_", "wagtailsnippetchoosers_"):
        if namespace.startswith(prefix):
            app_label, _, model_name = namespace[len(prefix) :].partition("_")
            return apps.get_model(app_label, model_name)
    return None


def _pk(route: Route, w: World):
    namespace = route.namespace
    o = w.objects
    model = _snippet(namespace)
    if model is not None:
        found = [obj for obj in o.values() if type(obj) is model]
        return found[0].pk if found else None
    if namespace == "wagtailusers_users":
        return w.users["other_staff"].pk
    if route.name in {"accounts:membership_confirm", "accounts:membership_remove"}:
        return o["membership"].pk
    if route.name == "accounts:invitation_revoke":
        return o["invitation"].pk
    if route.name in {"booking_unit_out_of_service", "booking_unit_swap", "booking_unit_back_in_service"}:
        return o["unit"].pk
    if route.name == "school_request_handle":
        return o["school_request"].pk
    if namespace in PK_OBJECTS and PK_OBJECTS[namespace]:
        return o[PK_OBJECTS[namespace]].pk
    if namespace.startswith("wagtailadmin_api"):
        return o["page"].pk
    if namespace.startswith("wagtail"):
        return 1  # Wagtail's own objects (groups, sites, collections, workflows, ...)
    return None


def _value(route: Route, key: str, w: World):
    o = w.objects
    match key:
        case "pk":
            return _pk(route, w)
        case "reference":
            if route.namespace == "cms":
                return o["registration"].reference
            return o["payment" if route.namespace.startswith("payments") else "booking"].reference
        case "event_id":
            return o["event"].pk
        case "participant_id":
            return o["participant"].pk
        case "slug":
            if route.namespace == "accounts":
                return o["other_school"].slug
            return getattr(o.get(SLUG_OBJECTS.get(route.name, "")), "slug", None)
        case "equipment_slug":
            return o["equipment"].slug
        case "asset_tag":
            return o["unit"].asset_tag
        case "kind":
            return "xlsx"
        case "token":
            if route.name == "calendar:feed":
                return w.tokens["feed"]
            if route.name == "accounts:invitation_link":
                return w.tokens["invitation"]
            if route.name.startswith("cms:"):
                return w.tokens["registration"] if route.name != "cms:offer" else "abc-123"
            return "set-password" if "password_reset" in route.name else "abc-123"
        case "uidb64":
            return w.tokens["uid"]
        case "file_id":
            return o["file"].pk
        case "page_id" | "page_to_move_id" | "page_pk" | "object_id":
            return o["page"].pk
        case "parent_page_id" | "destination_id":
            return o["page"].get_parent().pk
        case "content_type_app_name" | "app_label" | "app_name":
            return "cms" if "pages" in route.namespace or route.namespace == "" else "catalogue"
        case "content_type_model_name" | "model_name":
            return "newspage" if "pages" in route.namespace or route.namespace == "" else "equipment"
        case "document_id" | "doc_id" | "uploaded_file_id":
            return o["document"].pk
        case "image_id":
            return o["image"].pk
        case "revision_id" | "revision_id_a" | "revision_id_b":
            return o["revision"].pk if o["revision"] else 1
        case "filter_spec":
            return "original"
        case "action_name" | "action":
            return "approve"
        case "session_id" | "task_state_id" | "task_id" | "workflow_state_id" | "workflow_pk" | "redirect_id":
            return 1
        case "collection_id" | "restriction_id" | "page_view_restriction_id":
            return 1
    return None


UNREVERSIBLE = {"/admin/^.*/$", "/admin/test404/"}


def url_for(route: Route, w: World) -> str | None:
    """A concrete URL for ``route``, or None when it cannot be built (the caller reports it)."""
    if route.name == "wagtaildocs_serve":
        return w.objects["document"].url
    if route.name in UNREVERSIBLE:
        return "/admin/ingen-side/" if "^" in route.name else "/admin/test404/"
    kwargs = {}
    for key in dict.fromkeys(route.kwargs):
        value = _value(route, key, w)
        if value is None:
            return None
        kwargs[key] = value
    args = [""] * route.positional if route.positional and not kwargs else None
    try:
        return reverse(route.name, kwargs=kwargs or None, args=args)
    except Exception:
        return None
