"""32 people sign up for the last place at the same moment, in real transactions: exactly one gets it."""

import threading

import pytest
from django.conf import settings
from django.db import connections
from wagtail.models import Locale, Page, Site

from cms.models import EventIndexPage, HomePage, Participant, Place
from cms.registrations.services import EventFull
from tests.cms.signup import course, sign_up
from tests.factories import CentreFactory
from videnscenter.errors import ServiceError

pytestmark = pytest.mark.postgres
RACERS = 32


@pytest.fixture
def event_section(transactional_db):
    """The page tree migration cms/0004 makes, rebuilt when an earlier transactional test flushed it.

    Serialized rollback would restore it, but it reloads content types that a flush's post_migrate
    already recreated under new ids, and fails on their unique key; building the tree avoids that.
    """
    if EventIndexPage.objects.exists():
        return
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = HomePage.objects.first() or root.add_child(instance=HomePage(title="Videnscenter", slug="hjem"))
    if not Site.objects.exists():
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    home.add_child(instance=EventIndexPage(title="Arrangementer", slug="arrangementer"))


@pytest.mark.django_db(transaction=True)
def test_32_simultaneous_sign_ups_for_the_last_place_exactly_one_wins(event_section):
    event = course(CentreFactory(), places=3, price_other=0)
    sign_up(event, "Anna Jensen")
    sign_up(event, "Bo Hansen")  # one place left
    barrier = threading.Barrier(RACERS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(n: int):
        try:
            barrier.wait(timeout=30)
            sign_up(event, f"Deltager {n}", f"d{n}@example.dk")
            result = "placed"
        except EventFull:
            result = "full"
        except ServiceError as exc:
            result = "error: " + " ".join(exc.messages)
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert len(outcomes) == RACERS
    assert outcomes.count("placed") == 1, outcomes
    assert outcomes.count("full") == RACERS - 1, outcomes
    assert Participant.objects.filter(event=event, place__isnull=False).count() == 3
    assert Place.objects.filter(event=event).count() == 3


@pytest.mark.django_db(transaction=True)
def test_racers_who_ask_for_the_waitlist_are_queued_behind_the_one_winner(event_section):
    event = course(CentreFactory(), places=1, price_other=0)
    barrier = threading.Barrier(8)
    errors: list[str] = []

    def attempt(n: int):
        try:
            barrier.wait(timeout=30)
            sign_up(event, f"Deltager {n}", f"d{n}@example.dk", join_waitlist=True)
        except Exception as exc:
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    statuses = sorted(Participant.objects.filter(event=event).values_list("status", flat=True))
    assert statuses == ["confirmed"] + ["waitlisted"] * 7
