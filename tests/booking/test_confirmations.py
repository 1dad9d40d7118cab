"""Destructive actions on the teacher's side ask first: a GET (or a first POST) shows what will
happen and changes nothing; only the confirmed POST acts; nobody confirms for someone else."""

import pytest
from django.urls import reverse

from booking.calendar import services as subscriptions
from booking.models import CalendarSubscription

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscription(teacher):
    subscription, raw = subscriptions.subscription_create(owner=teacher, kind="mine")
    return subscription, reverse("calendar:feed", args=[raw])


@pytest.mark.parametrize("action", ["revoke", "rotate"])
def test_the_first_request_only_asks(client, teacher, subscription, action):
    sub, feed = subscription
    client.force_login(teacher)
    url = reverse(f"calendar:{action}", args=[sub.pk])
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 200
        html = response.content.decode()
        assert 'name="bekraeftet"' in html and f'action="{url}"' in html
        assert f'href="{reverse("calendar:index")}"' in html  # the way back
    sub.refresh_from_db()
    assert sub.revoked_at is None
    assert client.get(feed).status_code == 200  # the link still works


def test_the_confirmed_post_deletes(client, teacher, subscription):
    sub, feed = subscription
    client.force_login(teacher)
    response = client.post(reverse("calendar:revoke", args=[sub.pk]), {"bekraeftet": "1"})
    assert response.status_code == 302
    assert CalendarSubscription.objects.get(pk=sub.pk).revoked_at is not None
    assert client.get(feed).status_code == 404


def test_the_confirmed_post_makes_a_new_link_and_the_old_stops(client, teacher, subscription):
    sub, feed = subscription
    client.force_login(teacher)
    response = client.post(reverse("calendar:rotate", args=[sub.pk]), {"bekraeftet": "1"})
    assert response.status_code == 302
    assert client.get(feed).status_code == 404
    assert client.get(reverse("calendar:index")).context["items"][0]["links"]["https"]


@pytest.mark.parametrize("action", ["revoke", "rotate"])
def test_an_attacker_can_neither_see_nor_confirm_for_another_person(client, coordinator, teacher, subscription, action):
    sub, feed = subscription
    client.force_login(coordinator)
    url = reverse(f"calendar:{action}", args=[sub.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"bekraeftet": "1"}).status_code == 404
    assert client.get(feed).status_code == 200
    sub.refresh_from_db()
    assert sub.revoked_at is None


def test_anonymous_confirmation_is_sent_to_log_in(client, subscription):
    sub, feed = subscription
    response = client.post(reverse("calendar:revoke", args=[sub.pk]), {"bekraeftet": "1"})
    assert response.status_code == 302 and "/konto/log-ind/" in response["Location"]
    assert client.get(feed).status_code == 200


def test_the_calendar_page_offers_copy_buttons_with_a_selectable_field_without_javascript(client, teacher):
    client.force_login(teacher)
    response = client.post(reverse("calendar:create"), {"kind": "mine", "name": "Mine lån"}, follow=True)
    html = response.content.decode()
    assert 'readonly value="http' in html  # the field works without JavaScript
    assert 'data-copy="https-' in html and "hidden>" in html  # the button appears with JavaScript
