"""Cached pages are never stale: a change shown on a page is there on the very next request.

The page cache is on here (local memory, as in ``make run``): every page is asked for once so a
copy is cached, the data changes through the code that changes it in real life (a service, or a
model save as the Wagtail admin does), and the next request must show the change. One test runs
two "app servers" on one shared database cache, with versions raised after commit as in
production.
"""

import re
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from booking import services
from booking.models import Booking
from catalogue.models import Unit
from tests.cms.helpers import event
from tests.conftest import member
from tests.factories import MobilePackFactory, VideoFactory, put_in_pack
from videnscenter import versions
from videnscenter.models import DataVersion, Role

pytestmark = pytest.mark.django_db


def monday_ahead(weeks: int = 5):
    today = timezone.localdate()
    return today + timedelta(days=7 * weeks - today.weekday())


def book(teacher, school, lift, *, quantity=1, weeks=5):
    start = monday_ahead(weeks)
    return services.booking_request(
        actor=teacher,
        organisation=school,
        equipment=lift,
        start_date=start,
        end_date=start + timedelta(days=1),
        quantity=quantity,
        today=timezone.localdate(),
    )


def text(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def served_from_cache(client, url, django_assert_max_num_queries) -> str:
    """The page again, unchanged: read from the cache (the versions and the session, no rows)."""
    with django_assert_max_num_queries(3):
        return text(client.get(url))


def test_catalogue_date_filter_shows_a_booking_on_the_next_request(
    client, teacher, school, lift, django_assert_max_num_queries
):
    start = monday_ahead()
    url = reverse("catalogue:index") + f"?free_from={start}&free_to={start + timedelta(days=1)}"
    assert "Loftlift" in text(client.get(url))
    assert "Loftlift" in served_from_cache(client, url, django_assert_max_num_queries)
    book(teacher, school, lift, quantity=3)  # every unit: none left for that week
    assert "Loftlift" not in text(client.get(url))


def test_a_units_status_shows_on_the_next_request(client, lift, django_assert_max_num_queries):
    url = reverse("catalogue:equipment", args=[lift.slug])
    assert "3 enheder" in text(client.get(reverse("catalogue:index")))
    assert text(client.get(url)).count("I drift") == 3
    unit = Unit.objects.get(asset_tag="L-2")
    unit.status = Unit.Status.MAINTENANCE
    unit.save()  # as the admin's unit form does
    assert "2 enheder" in text(client.get(reverse("catalogue:index")))
    assert text(client.get(url)).count("I drift") == 2


def test_an_equipment_name_shows_on_the_next_request(client, lift, django_assert_max_num_queries):
    url = reverse("catalogue:equipment", args=[lift.slug])
    assert "Loftlift" in text(client.get(url))
    served_from_cache(client, url, django_assert_max_num_queries)
    lift.name = "Loftlift XL"
    lift.save()
    assert "Loftlift XL" in text(client.get(url))
    assert "Loftlift XL" in text(client.get(reverse("catalogue:index")))


def test_the_pack_page_shows_a_renamed_unit_equipment_and_pack(client, lift, centre):
    pack = MobilePackFactory(name="Liftpakke", slug="liftpakke", owning_centre=centre)
    put_in_pack(pack, *Unit.objects.filter(equipment=lift))
    url = reverse("catalogue:pack", args=[pack.slug])
    assert "Liftpakke" in text(client.get(url))
    pack.name = "Liftpakke 2"
    pack.save()
    assert "Liftpakke 2" in text(client.get(url))
    lift.name = "Loftlift XL"
    lift.save()
    assert "Loftlift XL" in text(client.get(url))


def test_the_video_library_shows_a_new_and_a_renamed_video(client, django_assert_max_num_queries):
    video = VideoFactory(title="Sådan løfter du")
    url = reverse("media:index")
    assert "Sådan løfter du" in text(client.get(url))
    served_from_cache(client, url, django_assert_max_num_queries)
    VideoFactory(title="Sådan vasker du hænder")
    assert "Sådan vasker du hænder" in text(client.get(url))
    video.title = "Sådan løfter du sikkert"
    video.save()
    assert "Sådan løfter du sikkert" in text(client.get(url))


def test_the_event_list_shows_a_published_and_an_unpublished_event(client):
    url = "/arrangementer/"
    first = event("Tech Timen: sensorer")
    assert "Tech Timen: sensorer" in text(client.get(url))
    event("Torsdagspanel: robotter")
    assert "Torsdagspanel: robotter" in text(client.get(url))
    first.unpublish()
    assert "Tech Timen: sensorer" not in text(client.get(url))


def test_the_event_list_is_answered_before_wagtail_routes_the_path(client, django_assert_max_num_queries):
    event("Tech Timen: sensorer")
    text(client.get("/arrangementer/"))
    with django_assert_max_num_queries(1):  # the data versions; no site, page or restriction lookup
        assert "Tech Timen: sensorer" in text(client.get("/arrangementer/"))
    event("Torsdagspanel: robotter")
    assert "Torsdagspanel: robotter" in text(client.get("/arrangementer/"))


def test_a_change_the_event_list_does_not_show_keeps_it_answered_before_routing(client, django_assert_max_num_queries):
    event("Tech Timen: sensorer")
    text(client.get("/arrangementer/"))
    versions.bump(versions.BOOKINGS)  # a booking: not on this page, but part of the early key
    text(client.get("/arrangementer/"))  # routed once, from the page's own cached copy
    with django_assert_max_num_queries(1):
        assert "Tech Timen: sensorer" in text(client.get("/arrangementer/"))


def test_an_event_leaves_the_cached_list_of_coming_events_when_it_ends(client, monkeypatch):
    ending = event("Tech Timen: sensorer", days=0)  # started now, ends in an hour
    assert "Tech Timen: sensorer" in text(client.get("/arrangementer/"))
    assert "Tech Timen: sensorer" in text(client.get("/arrangementer/"))  # the early copy
    after = ending.end + timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: after)
    assert "Tech Timen: sensorer" not in text(client.get("/arrangementer/"))


def test_a_restricted_event_list_is_never_answered_from_another_visitors_copy(client):
    from wagtail.models import PageViewRestriction

    from cms.models import EventIndexPage

    event("Tech Timen: sensorer")
    text(client.get("/arrangementer/"))  # cached while it was public
    PageViewRestriction.objects.create(
        page=EventIndexPage.objects.get(), restriction_type=PageViewRestriction.PASSWORD, password="hemmelig"
    )
    for visitor in (client, Client()):
        page = visitor.get("/arrangementer/").content.decode()
        assert "Tech Timen: sensorer" not in page and 'name="password"' in page
    passed = Client()
    form = passed.get("/arrangementer/")
    action = re.search(r"/_util/authenticate_with_password/[^\"]+", form.content.decode()).group(0)
    passed.post(action, {"password": "hemmelig", "return_url": "/arrangementer/"})
    assert 'name="password"' not in text(passed.get("/arrangementer/"))  # the list itself
    assert 'name="password"' in Client().get("/arrangementer/").content.decode()  # not the passer's copy


def test_the_same_path_on_another_site_is_another_copy(client):
    from wagtail.models import Site

    event("Tech Timen: sensorer")
    text(client.get("/arrangementer/"))
    Site.objects.create(hostname="127.0.0.1", root_page=Site.objects.get().root_page.get_first_child())
    assert client.get("/arrangementer/", HTTP_HOST="127.0.0.1").status_code == 404


def test_my_bookings_show_a_new_booking_and_a_cancellation(client, teacher, school, lift):
    client.force_login(teacher)
    url = reverse("booking:list")
    text(client.get(url))
    booking = book(teacher, school, lift)
    assert booking.reference in text(client.get(url))
    services.booking_cancel(actor=teacher, booking=booking)
    page = text(client.get(url))
    assert re.search(rf"{booking.reference}.*?status-cancelled", page, re.S)


def test_my_bookings_show_what_the_basket_holds_on_the_next_request(client, teacher, lift):
    """The basket lives in the session, not in a data version: the page is keyed by it too."""
    client.force_login(teacher)
    url = reverse("booking:list")
    basket = reverse("booking:basket")
    assert basket not in text(client.get(url))
    client.post(reverse("booking:basket_add", args=[lift.slug]), {"quantity": 1})
    assert basket in text(client.get(url))


def test_one_persons_page_is_never_served_to_another(client, teacher, school, lift):
    booking = book(teacher, school, lift)
    client.force_login(teacher)
    assert booking.reference in text(client.get(reverse("booking:list")))
    other = member(school, Role.TEACHER, first_name="Anden", last_name="Lærer")
    client.force_login(other)
    assert booking.reference not in text(client.get(reverse("booking:list")))
    client.logout()
    assert teacher.first_name not in text(client.get(reverse("catalogue:index")))


def test_a_cached_page_carries_the_visitors_own_csrf_token(lift):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    url = reverse("catalogue:index")
    text(first.get(url))
    page = text(second.get(url))  # from the cache first filled
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
    # The second visitor's form works with their own cookie: the token is theirs, not the first's.
    answer = second.post(reverse("set_language"), {"language": "en", "next": "/", "csrfmiddlewaretoken": token})
    assert answer.status_code == 302
    refused = first.post(reverse("set_language"), {"language": "en", "next": "/", "csrfmiddlewaretoken": token})
    assert refused.status_code == 403


def test_conditional_get_answers_304_until_the_data_changes(client, lift):
    url = reverse("catalogue:equipment", args=[lift.slug])
    first = client.get(url)
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    lift.name = "Loftlift XL"
    lift.save()
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and again["ETag"] != first["ETag"] and "Loftlift XL" in again.content.decode()


def test_the_etag_differs_per_person(client, teacher, coordinator, lift):
    url = reverse("catalogue:equipment", args=[lift.slug])
    anonymous = client.get(url)["ETag"]
    client.force_login(teacher)
    as_teacher = client.get(url, HTTP_IF_NONE_MATCH=anonymous)
    assert as_teacher.status_code == 200
    client.force_login(coordinator)
    assert client.get(url, HTTP_IF_NONE_MATCH=as_teacher["ETag"]).status_code == 200


def test_a_page_with_a_message_waiting_is_rendered_and_shows_it(client, teacher, school, lift):
    client.force_login(teacher)
    url = reverse("booking:list")
    booking = book(teacher, school, lift)
    assert booking.reference in text(client.get(url))  # cached now
    client.post(reverse("booking:cancel", args=[booking.reference]), {"bekraeftet": "1"})
    page = text(client.get(url))  # the message waits for this very page
    assert "Bookingen er aflyst." in page
    assert "Bookingen er aflyst." not in text(client.get(url))  # shown once, then the cached page


def test_flushing_the_cache_never_brings_back_an_old_version(client, lift):
    url = reverse("catalogue:equipment", args=[lift.slug])
    before = client.get(url)["ETag"]
    lift.name = "Loftlift XL"
    lift.save()
    caches["default"].clear()
    after = client.get(url)
    assert after["ETag"] != before and "Loftlift XL" in after.content.decode()
    assert DataVersion.objects.filter(name=versions.CATALOGUE).exists()


@pytest.mark.django_db(transaction=True)
def test_two_app_servers_sharing_one_cache_never_serve_a_stale_page(settings, teacher, school, lift):
    """Production's path: versions raised after commit, one database cache for both servers."""
    settings.DATA_VERSIONS_ON_COMMIT = True
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "test_page_cache"}
    }
    call_command("createcachetable", verbosity=0)
    caches["default"].clear()
    server_a, server_b = Client(), Client()
    start = monday_ahead()
    url = reverse("catalogue:index") + f"?free_from={start}&free_to={start + timedelta(days=1)}"
    equipment_url = reverse("catalogue:equipment", args=[lift.slug])
    assert "Loftlift" in text(server_a.get(url)) and "Loftlift" in text(server_a.get(equipment_url))
    assert "Loftlift" in text(server_b.get(url))  # server B reads A's copy from the shared cache
    book(teacher, school, lift, quantity=3)  # committed; the version is raised after the commit
    assert "Loftlift" not in text(server_b.get(url))
    assert "Loftlift" not in text(server_a.get(url))
    lift.name = "Loftlift XL"
    lift.save()
    assert "Loftlift XL" in text(server_b.get(equipment_url))
    assert Booking.objects.count() == 1


def test_the_footers_contact_details_show_on_the_next_request(client, lift, django_assert_max_num_queries):
    """The contact setting is made on the first page read (nothing shown changes) and edited later."""
    from wagtail.models import Site

    from cms.models import ContactDetails

    url = lift.get_absolute_url()
    text(client.get(url))
    served_from_cache(client, url, django_assert_max_num_queries)
    contact = ContactDetails.for_site(Site.objects.get(is_default_site=True))
    contact.email = "ny-kontakt@videnscenter.example"
    contact.save()
    assert "ny-kontakt@videnscenter.example" in text(client.get(url))
