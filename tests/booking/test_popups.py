"""PopUp centres: scheduling reserves units through the booking engine, cancelling frees them,
only the owning centre's staff run them, and the public sees scheduled ones only."""

from datetime import date, timedelta

import pytest
from django.contrib.messages import ERROR, SUCCESS, get_messages
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from booking.engine import NotAvailable
from booking.models import PopUpCentre, PopUpItem, Reservation
from booking.popups.services import popup_cancel, popup_schedule
from booking.services import booking_request
from booking.workdays import add_working_days
from catalogue.models import Location, Unit
from tests.factories import EquipmentFactory, MobilePackFactory, UnitFactory, put_in_pack
from videnscenter.errors import ServiceError

pytestmark = pytest.mark.django_db

TODAY = date(2031, 3, 3)  # a Monday with no holidays near it
START, END = date(2031, 3, 17), date(2031, 3, 28)  # two working weeks


@pytest.fixture
def seal(centre):
    """Robot seals: three units, 1 working day before and 2 after each loan."""
    equipment = EquipmentFactory(
        name="Robotsæl", slug="robotsael", owning_centre=centre, buffer_before_days=1, buffer_after_days=2
    )
    for n in range(1, 4):
        UnitFactory(equipment=equipment, asset_tag=f"SEAL-{n}")
    return equipment


@pytest.fixture
def suit_pack(centre):
    """A pack of two ageing suits (the suits have no units outside the pack)."""
    suit = EquipmentFactory(name="Aldringsdragt", slug="aldringsdragt", owning_centre=centre)
    pack = MobilePackFactory(name="Dragtpakke", slug="dragtpakke", owning_centre=centre)
    put_in_pack(pack, *(UnitFactory(equipment=suit, asset_tag=f"SUIT-{n}") for n in (1, 2)))
    return pack


def make_popup(centre, host, *, items=(), packs=(), start=START, end=END, slug="popup-kildebakken", **fields):
    popup = PopUpCentre.objects.create(
        title=fields.pop("title", "PopUp på Kildebakken"),
        slug=slug,
        host=host,
        owning_centre=centre,
        start_date=start,
        end_date=end,
        **fields,
    )
    for equipment, quantity in items:
        PopUpItem.objects.create(popup=popup, equipment=equipment, quantity=quantity)
    popup.packs.set(packs)
    popup.save()  # packs is a ParentalManyToManyField: written on save
    return popup


@pytest.fixture
def popup(centre, school, seal, suit_pack):
    return make_popup(centre, school, items=[(seal, 2)], packs=[suit_pack])


def book(teacher, school, *, equipment=None, pack=None, start=START, end=END):
    return booking_request(
        actor=teacher, organisation=school, equipment=equipment, pack=pack, start_date=start, end_date=end, today=TODAY
    )


def reserved_tags(popup) -> set[str]:
    return set(popup.reservations.filter(is_active=True).values_list("unit__asset_tag", flat=True))


# --- scheduling ----------------------------------------------------------------------------------


def test_scheduling_reserves_the_items_and_every_unit_of_the_packs(staff, popup, seal):
    popup_schedule(actor=staff, popup=popup, today=TODAY)
    popup.refresh_from_db()
    assert popup.status == PopUpCentre.Status.SCHEDULED
    assert popup.sequence == 1
    reservations = list(popup.reservations.select_related("unit"))
    assert {r.kind for r in reservations} == {Reservation.Kind.POPUP}
    assert len([r for r in reservations if r.unit.equipment_id == seal.pk]) == 2
    assert {"SUIT-1", "SUIT-2"} <= reserved_tags(popup)
    seal_reservation = next(r for r in reservations if r.unit.equipment_id == seal.pk)
    assert (seal_reservation.start_date, seal_reservation.end_date) == (START, END)
    assert seal_reservation.blocked_start == add_working_days(START, -1)
    assert seal_reservation.blocked_end == add_working_days(END, 2)


def test_reserved_units_cannot_be_booked_but_the_rest_can(staff, teacher, school, popup, seal, suit_pack):
    popup_schedule(actor=staff, popup=popup, today=TODAY)
    with pytest.raises(NotAvailable) as pack_refused:
        book(teacher, school, pack=suit_pack)
    assert "popup" in {reason.kind for reason in pack_refused.value.reasons}
    third = book(teacher, school, equipment=seal)  # the third seal is still free
    assert third.reservations.get().unit.asset_tag not in reserved_tags(popup)
    with pytest.raises(NotAvailable):
        book(teacher, school, equipment=seal)


def test_scheduling_prefers_units_already_at_the_host_school(staff, centre, school, seal):
    at_school = Location.objects.create(name=school.name, kind=Location.Kind.SCHOOL, organisation=school)
    Unit.objects.filter(asset_tag="SEAL-3").update(current_location=at_school)
    popup = make_popup(centre, school, items=[(seal, 1)])
    popup_schedule(actor=staff, popup=popup, today=TODAY)
    assert reserved_tags(popup) == {"SEAL-3"}


def test_scheduling_is_all_or_nothing_and_says_what_is_missing(staff, teacher, school, popup, seal):
    book(teacher, school, equipment=seal, start=END, end=END + timedelta(days=3))
    Unit.objects.filter(asset_tag="SEAL-3").update(status=Unit.Status.MAINTENANCE)
    with pytest.raises(ServiceError) as refused:
        popup_schedule(actor=staff, popup=popup, today=TODAY)
    message = " ".join(refused.value.messages)
    assert "Robotsæl" in message and "1 enhed" in message  # two wanted, one booked, one in maintenance, one free
    assert "Dragtpakke" not in message  # the pack is complete
    popup.refresh_from_db()
    assert popup.status == PopUpCentre.Status.DRAFT
    assert not Reservation.objects.filter(popup=popup).exists()


def test_a_pack_with_a_unit_out_of_service_cannot_be_scheduled(staff, centre, school, suit_pack):
    Unit.objects.filter(asset_tag="SUIT-2").update(status=Unit.Status.MAINTENANCE)
    popup = make_popup(centre, school, packs=[suit_pack])
    with pytest.raises(ServiceError) as refused:
        popup_schedule(actor=staff, popup=popup, today=TODAY)
    assert "Dragtpakke" in " ".join(refused.value.messages) and "1 enhed" in " ".join(refused.value.messages)
    assert not Reservation.objects.filter(popup=popup).exists()


def test_a_popup_is_scheduled_only_once(staff, popup):
    popup_schedule(actor=staff, popup=popup, today=TODAY)
    with pytest.raises(ServiceError):
        popup_schedule(actor=staff, popup=popup, today=TODAY)
    assert popup.reservations.count() == 4


@pytest.mark.parametrize(
    "problem", ["already-ended", "host-not-a-school", "nothing-to-try", "other-centres-equipment", "no-units-wanted"]
)
def test_scheduling_checks_the_plan(staff, centre, other_centre, popup, seal, problem):
    popups = PopUpCentre.objects.filter(pk=popup.pk)
    if problem == "already-ended":
        popups.update(start_date=TODAY - timedelta(days=9), end_date=TODAY - timedelta(days=1))
    elif problem == "host-not-a-school":
        popups.update(host=centre)
    elif problem == "nothing-to-try":
        PopUpItem.objects.filter(popup=popup).delete()
        popup.packs.clear()
        popup.save()
    elif problem == "other-centres-equipment":
        PopUpItem.objects.create(popup=popup, equipment=EquipmentFactory(owning_centre=other_centre), quantity=1)
    else:
        PopUpItem.objects.filter(popup=popup).update(quantity=0)
    with pytest.raises(ServiceError):
        popup_schedule(actor=staff, popup=popup, today=TODAY)
    assert not Reservation.objects.filter(popup=popup).exists()
    assert popups.get().status == PopUpCentre.Status.DRAFT


# --- cancelling ----------------------------------------------------------------------------------


def test_cancelling_frees_the_units(staff, teacher, school, popup, suit_pack):
    popup_schedule(actor=staff, popup=popup, today=TODAY)
    popup_cancel(actor=staff, popup=popup)
    popup.refresh_from_db()
    assert popup.status == PopUpCentre.Status.CANCELLED
    assert popup.sequence == 2
    assert not popup.reservations.filter(is_active=True).exists()
    assert book(teacher, school, pack=suit_pack).reservations.count() == 2


def test_a_draft_can_be_cancelled_but_not_twice(staff, popup):
    popup_cancel(actor=staff, popup=popup)
    popup.refresh_from_db()
    assert popup.status == PopUpCentre.Status.CANCELLED
    with pytest.raises(ServiceError):
        popup_cancel(actor=staff, popup=popup)
    with pytest.raises(ServiceError):
        popup_schedule(actor=staff, popup=popup, today=TODAY)


# --- who may ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["other_staff", "teacher", "coordinator", "leader"])
def test_only_the_owning_centres_staff_schedule_and_cancel(request, role, staff, popup):
    actor = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        popup_schedule(actor=actor, popup=popup, today=TODAY)
    popup_schedule(actor=staff, popup=popup, today=TODAY)
    with pytest.raises(PermissionDenied):
        popup_cancel(actor=actor, popup=popup)
    popup.refresh_from_db()
    assert popup.status == PopUpCentre.Status.SCHEDULED
    assert popup.reservations.filter(is_active=True).count() == 4


# --- public pages ----------------------------------------------------------------------------------


@pytest.fixture
def public_popups(centre, school, other_school, seal, suit_pack):
    """Running, coming, ended, draft and cancelled PopUps around the real today."""
    today = timezone.localdate()
    scheduled = PopUpCentre.Status.SCHEDULED

    def add(title, start, end, status, host=school):
        return make_popup(
            centre,
            host,
            items=[(seal, 1)],
            packs=[suit_pack],
            start=today + timedelta(days=start),
            end=today + timedelta(days=end),
            slug=title.lower(),
            title=title,
            status=status,
        )

    return {
        "running": add("Igang", -3, 4, scheduled),
        "coming": add("Snart", 20, 30, scheduled, host=other_school),
        "ended": add("Slut", -20, -1, scheduled),
        "draft": add("Kladde", 10, 12, PopUpCentre.Status.DRAFT),
        "cancelled": add("Aflyst", 10, 12, PopUpCentre.Status.CANCELLED),
    }


def test_public_list_shows_running_and_coming_scheduled_popups_only(client, public_popups, other_school, seal):
    response = client.get("/popup/")
    assert response.status_code == 200
    content = response.content.decode()
    assert [p.title for p in response.context["running"]] == ["Igang"]
    assert [p.title for p in response.context["coming"]] == ["Snart"]
    for hidden in ("Slut", "Kladde", "Aflyst"):
        assert hidden not in content
    assert public_popups["coming"].get_absolute_url() in content
    assert other_school.name in content and other_school.city in content
    assert seal.name in content and "Dragtpakke" in content


def test_public_list_needs_a_fixed_number_of_queries(client, public_popups, centre, school, seal, suit_pack, settings):
    settings.PAGE_CACHE = False  # this counts the rendering, not a cached copy
    client.get(reverse("popup:list"))  # the site's own lookups (site, root paths) are cached after the first
    with CaptureQueriesContext(connection) as two:
        assert client.get(reverse("popup:list")).status_code == 200
    today = timezone.localdate()
    for n in range(5):
        make_popup(
            centre,
            school,
            items=[(seal, 1), (EquipmentFactory(owning_centre=centre), 1)],
            packs=[suit_pack],
            start=today + timedelta(days=40 + n),
            end=today + timedelta(days=45 + n),
            slug=f"mere-{n}",
            status=PopUpCentre.Status.SCHEDULED,
        )
    with CaptureQueriesContext(connection) as seven:
        response = client.get(reverse("popup:list"))
    assert len(response.context["coming"]) == 6
    assert len(seven) == len(two)


def test_detail_says_where_when_and_what_can_be_tried(client, public_popups, school, seal, suit_pack):
    popup = public_popups["running"]
    popup.opening_hours = "Man–tor 9–15"
    popup.description = "Kom og prøv robotsælen."
    popup.save()
    response = client.get(reverse("popup:detail", args=[popup.slug]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "<h1>Igang</h1>" in content
    assert school.name in content and school.address_line in content
    assert "Man–tor 9–15" in content and "Kom og prøv robotsælen." in content
    assert f'href="{seal.get_absolute_url()}"' in content
    assert f'href="{suit_pack.get_absolute_url()}"' in content


def test_public_list_without_popups_says_so(client, popup):
    response = client.get(reverse("popup:list"))
    assert response.status_code == 200
    assert response.context["running"] == [] and response.context["coming"] == []
    assert popup.title not in response.content.decode()  # a draft


@pytest.mark.parametrize("which", ["draft", "cancelled"])
def test_drafts_and_cancelled_popups_do_not_exist_for_the_public(client, public_popups, which):
    response = client.get(reverse("popup:detail", args=[public_popups[which].slug]))
    assert response.status_code == 404


# --- the admin -------------------------------------------------------------------------------------


def admin_url(name, *args):
    return reverse(f"booking_popup:{name}", args=args)


def refused(response) -> bool:
    """403, or Wagtail's answer to someone who may not use the admin (or this part of it) at all."""
    return response.status_code == 403 or (
        response.status_code == 302 and (response.url == "/admin/" or response.url.startswith("/admin/login/"))
    )


def levels(response) -> list[int]:
    return [m.level for m in get_messages(response.wsgi_request)]


def form_data(popup_or_none=None, *, items=(), existing=(), **changes) -> dict:
    """What the admin form posts: the PopUp's fields plus the equipment formset."""
    data = {
        "title": "PopUp i Hillerød",
        "slug": "popup-hilleroed",
        "host": "",
        "owning_centre": "",
        "start_date": START.isoformat(),
        "end_date": END.isoformat(),
        "opening_hours": "9–15",
        "description": "",
        "items-TOTAL_FORMS": len(existing) + len(items),
        "items-INITIAL_FORMS": len(existing),
        "items-MIN_NUM_FORMS": 0,
        "items-MAX_NUM_FORMS": 1000,
    }
    if popup_or_none is not None:
        popup = popup_or_none
        data.update(
            title=popup.title,
            slug=popup.slug,
            host=popup.host_id,
            owning_centre=popup.owning_centre_id,
            start_date=popup.start_date.isoformat(),
            end_date=popup.end_date.isoformat(),
            packs=[p.pk for p in popup.packs.all()],
        )
    for n, item in enumerate([*existing, *items]):
        equipment, quantity = (item.equipment, item.quantity) if isinstance(item, PopUpItem) else item
        data[f"items-{n}-equipment"] = equipment.pk
        data[f"items-{n}-quantity"] = quantity
        data[f"items-{n}-ORDER"] = n + 1
        data[f"items-{n}-DELETE"] = ""
        if isinstance(item, PopUpItem):
            data[f"items-{n}-id"] = item.pk
    data.update(changes)
    return data


def test_staff_create_a_draft_with_equipment_and_then_schedule_it(client, staff, centre, school, seal, suit_pack):
    client.force_login(staff)
    form = client.get(admin_url("add")).context["form"]
    assert list(form.fields["owning_centre"].queryset) == [centre]
    assert seal in form.formsets["items"].empty_form.fields["equipment"].queryset
    data = form_data(items=[(seal, 2)], host=school.pk, owning_centre=centre.pk, packs=[suit_pack.pk])
    response = client.post(admin_url("add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    popup = PopUpCentre.objects.get(slug="popup-hilleroed")
    assert response.url == admin_url("edit", popup.pk)
    assert popup.status == PopUpCentre.Status.DRAFT
    assert [(i.equipment, i.quantity) for i in popup.items.all()] == [(seal, 2)]
    assert list(popup.packs.all()) == [suit_pack]

    edit_page = client.get(admin_url("edit", popup.pk)).content.decode()
    assert admin_url("schedule", popup.pk) in edit_page
    assert client.get(admin_url("schedule", popup.pk)).status_code == 200  # the confirmation page
    response = client.post(admin_url("schedule", popup.pk))
    assert response.status_code == 302 and response.url == admin_url("edit", popup.pk)
    assert SUCCESS in levels(response)
    popup.refresh_from_db()
    assert popup.status == PopUpCentre.Status.SCHEDULED
    assert popup.reservations.count() == 4


def test_staff_cannot_put_another_centres_equipment_in_a_popup(client, staff, other_centre, centre, school):
    foreign = EquipmentFactory(owning_centre=other_centre)
    client.force_login(staff)
    data = form_data(items=[(foreign, 1)], host=school.pk, owning_centre=centre.pk)
    response = client.post(admin_url("add"), data)
    assert response.status_code == 200
    assert not PopUpCentre.objects.filter(slug="popup-hilleroed").exists()


def test_a_failed_schedule_is_reported_and_changes_nothing(client, staff, teacher, school, popup, seal):
    Unit.objects.filter(equipment=seal).update(status=Unit.Status.RETIRED)
    client.force_login(staff)
    response = client.post(admin_url("schedule", popup.pk))
    assert response.status_code == 302
    assert ERROR in levels(response)
    popup.refresh_from_db()
    assert popup.status == PopUpCentre.Status.DRAFT


def test_a_scheduled_popups_dates_and_equipment_are_read_only(client, staff, popup, seal):
    popup_schedule(actor=staff, popup=popup, today=TODAY)
    popup.refresh_from_db()
    client.force_login(staff)
    form = client.get(admin_url("edit", popup.pk)).context["form"]
    assert form.fields["start_date"].disabled
    assert all(f.fields["equipment"].disabled for f in form.formsets["items"].forms)
    data = form_data(
        popup,
        existing=list(popup.items.all()),
        items=[(EquipmentFactory(owning_centre=seal.owning_centre), 1)],
        title="Nyt navn",
        start_date=(START + timedelta(days=7)).isoformat(),
        end_date=(END + timedelta(days=7)).isoformat(),
    )
    response = client.post(admin_url("edit", popup.pk), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    popup.refresh_from_db()
    assert popup.title == "Nyt navn"
    assert (popup.start_date, popup.end_date) == (START, END)
    assert popup.sequence == 2  # calendars must pick up the new title
    assert [(i.equipment, i.quantity) for i in popup.items.all()] == [(seal, 2)]


def test_staff_edit_a_drafts_equipment(client, staff, popup, seal):
    client.force_login(staff)
    item = popup.items.get()
    data = form_data(popup, existing=[item], **{"items-0-quantity": 3})
    response = client.post(admin_url("edit", popup.pk), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert popup.items.get().quantity == 3
    data = form_data(popup, existing=[item], **{"items-0-DELETE": "1"})
    assert client.post(admin_url("edit", popup.pk), data).status_code == 302
    assert not popup.items.exists()


def test_staff_of_another_centre_may_look_but_not_touch(client, other_staff, popup):
    client.force_login(other_staff)
    assert popup.title in client.get(admin_url("index"), {"status": "draft"}).content.decode()
    assert popup.title not in client.get(admin_url("index"), {"status": "scheduled"}).content.decode()
    assert refused(client.get(admin_url("edit", popup.pk)))
    assert refused(client.post(admin_url("edit", popup.pk), form_data(popup, title="Hacket")))
    assert refused(client.post(admin_url("schedule", popup.pk)))
    assert refused(client.post(admin_url("cancel", popup.pk)))
    assert refused(client.post(admin_url("delete", popup.pk)))
    popup.refresh_from_db()
    assert popup.title == "PopUp på Kildebakken" and popup.status == PopUpCentre.Status.DRAFT


@pytest.mark.parametrize("role", ["teacher", "coordinator"])
def test_teachers_and_coordinators_cannot_use_the_popup_admin(client, request, role, popup):
    client.force_login(request.getfixturevalue(role))
    assert refused(client.get(admin_url("index")))
    assert refused(client.get(admin_url("edit", popup.pk)))
    assert refused(client.post(admin_url("schedule", popup.pk)))
    popup.refresh_from_db()
    assert popup.status == PopUpCentre.Status.DRAFT


def test_the_menu_is_shown_to_centre_staff_only(client, staff, coordinator):
    client.force_login(staff)
    assert admin_url("index") in client.get("/admin/").content.decode()
    client.force_login(coordinator)
    assert admin_url("index") not in client.get("/admin/").content.decode()


def test_staff_cancel_through_the_admin_and_a_scheduled_popup_cannot_be_deleted(client, staff, popup):
    popup_schedule(actor=staff, popup=popup, today=TODAY)
    client.force_login(staff)
    assert refused(client.post(admin_url("delete", popup.pk)))
    assert client.get(admin_url("cancel", popup.pk)).status_code == 200
    response = client.post(admin_url("cancel", popup.pk))
    assert response.status_code == 302 and SUCCESS in levels(response)
    popup.refresh_from_db()
    assert popup.status == PopUpCentre.Status.CANCELLED
    assert not popup.reservations.filter(is_active=True).exists()
    assert client.post(admin_url("delete", popup.pk)).status_code == 302
    assert not PopUpCentre.objects.filter(pk=popup.pk).exists()


# --- demo data -------------------------------------------------------------------------------------


def test_demo_popups_are_scheduled_once_one_running_and_two_coming(client):
    from booking.popups.demo import load_popups
    from catalogue.demo import load_catalogue
    from videnscenter.demo import load_people

    load_people()
    load_catalogue()
    assert len(load_popups()) == 3
    assert load_popups() == []  # a second run changes nothing
    popups = list(PopUpCentre.objects.all())
    assert len(popups) == 3 and {p.status for p in popups} == {PopUpCentre.Status.SCHEDULED}
    assert len({p.host_id for p in popups}) == 3
    assert all(p.reservations.filter(is_active=True).exists() for p in popups)
    response = client.get(reverse("popup:list"))
    assert len(response.context["running"]) == 1 and len(response.context["coming"]) == 2
