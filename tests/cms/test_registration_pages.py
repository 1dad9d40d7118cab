"""The sign-up pages as visitors, participants and payers use them, and as an attacker tries them."""

from decimal import Decimal

import pytest
from django.core import mail
from icalendar import Calendar

from cms.models import Participant, Registration
from tests.cms.signup import EAN, course, municipality, sign_up
from tests.conftest import member
from videnscenter.models import Role

pytestmark = pytest.mark.django_db


def signup_url(event) -> str:
    return f"/arrangementer/{event.pk}/tilmeld/"


def test_event_page_offers_sign_up_and_add_to_calendar(client, centre):
    event = course(centre, places=3, price_other=0)
    html = client.get(event.url).content.decode()
    assert signup_url(event) in html
    assert f"/arrangementer/{event.pk}/kalender.ics" in html


def test_every_event_can_be_added_to_a_calendar(client, centre):
    event = course(centre, registration_open=False)
    response = client.get(f"/arrangementer/{event.pk}/kalender.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    vevent = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(vevent["SUMMARY"]) == event.title and vevent["DTEND"].dt == event.end


def test_an_anonymous_visitor_signs_up_with_name_and_email_and_manages_it_by_the_emailed_link(
    client, centre, django_capture_on_commit_callbacks
):
    event = course(centre, places=3, price_other=0)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            signup_url(event), {"kind": "person", "contact_name": "Anna Jensen", "payer_email": "anna@example.dk"}
        )
    assert response.status_code == 302
    participant = Participant.objects.get()
    assert (participant.name, participant.status) == ("Anna Jensen", "confirmed")
    link = next(m for m in mail.outbox if m.to == ["anna@example.dk"] and "/tilmelding/" in m.body)
    path = "/tilmelding/" + link.body.split("/tilmelding/")[1].split()[0]
    assert response["Location"] == path
    page = client.get(path)
    assert page.status_code == 200 and "Anna Jensen" in page.content.decode()
    # A guessed token shows nothing.
    reference = participant.registration.reference
    assert client.get(f"/tilmelding/{reference}/gaet/").status_code == 404


def test_a_teacher_of_a_member_school_signs_up_free_and_sees_it_under_mine_tilmeldinger(client, centre, teacher):
    event = course(centre, places=3, price_member=Decimal("0"), price_other=Decimal("300"))
    client.force_login(teacher)
    page = client.get(signup_url(event)).content.decode()
    assert 'name="method"' not in page  # nothing to pay, so no payment choice
    response = client.post(signup_url(event), {"kind": "person", "contact_name": "Lis", "payer_email": teacher.email})
    registration = Registration.objects.get()
    assert response["Location"] == f"/mine-tilmeldinger/{registration.reference}/"
    assert registration.unit_price == 0
    mine = client.get("/mine-tilmeldinger/")
    assert mine.status_code == 200 and event.title in mine.content.decode()
    assert "/mine-tilmeldinger/" in client.get("/").content.decode()  # in the navigation


def test_card_payment_off_the_form_offers_invoice_only(client, centre):
    event = course(centre, places=3)
    page = client.get(signup_url(event)).content.decode()
    assert 'value="invoice"' in page and 'value="card"' not in page


def test_an_organisation_signs_up_named_participants_to_be_invoiced(client, centre):
    event = course(centre, places=5)
    roskilde = municipality()
    response = client.post(
        signup_url(event),
        {
            "kind": "organisation",
            "contact_name": "Karin Indkøb",
            "payer_email": "indkoeb@roskilde.dk",
            "organisation_name": "Roskilde Kommune",
            "participants": "Anna Jensen, anna@roskilde.dk\nBo Hansen; bo@roskilde.dk\n\n",
            "method": "invoice",
            "invoice_organisation": roskilde.pk,
            "ean": "5790 0012 3456 0",
            "invoice_reference": "Plejecenter Syd",
        },
    )
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.ean, registration.organisation, registration.unit_price) == (EAN, roskilde, Decimal("300"))
    assert sorted(registration.participants.values_list("name", flat=True)) == ["Anna Jensen", "Bo Hansen"]


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "organisation", "participants": "just a name without address"},
        {"kind": "organisation", "participants": "=HYPERLINK(1), x"},
        {"kind": "person", "payer_email": "not-an-address"},
        {"kind": "hacker"},
        {"kind": "person", "contact_name": "x" * 5000},
        {"kind": "organisation", "participants": "\n".join(f"P{n}, p{n}@x.dk" for n in range(60))},
    ],
)
def test_hostile_sign_up_input_gets_a_form_error_and_writes_nothing(client, centre, data):
    event = course(centre, places=3, price_other=0)
    response = client.post(
        signup_url(event), {"contact_name": "Anna", "payer_email": "anna@example.dk", "organisation_name": "X", **data}
    )
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not Registration.objects.exists()


def test_signing_up_for_a_full_event_says_so_and_offers_the_waitlist(client, centre):
    event = course(centre, places=1, price_other=0)
    sign_up(event, "Anna Jensen")
    page = client.get(signup_url(event)).content.decode()
    assert 'name="join_waitlist"' in page
    response = client.post(signup_url(event), {"kind": "person", "contact_name": "Bo", "payer_email": "bo@x.dk"})
    assert response.status_code == 200 and not Participant.objects.filter(name="Bo").exists()
    client.post(
        signup_url(event), {"kind": "person", "contact_name": "Bo", "payer_email": "bo@x.dk", "join_waitlist": "on"}
    )
    assert Participant.objects.get(name="Bo").status == "waitlisted"


def test_an_event_without_sign_up_here_has_no_sign_up_page(client, centre):
    event = course(centre, registration_open=False)
    assert client.get(signup_url(event)).status_code == 404


# --- cancelling one's own, and nobody else's -----------------------------------------------------


def test_a_participant_cancels_with_a_confirmation_page_without_javascript(client, centre, teacher):
    event = course(centre, places=3, price_other=0)
    registration, _ = sign_up(event, "Lis Lærer", teacher.email, actor=teacher)
    participant = registration.participants.get()
    client.force_login(teacher)
    url = f"/mine-tilmeldinger/{registration.reference}/afmeld/{participant.pk}/"
    page = client.get(url)
    assert page.status_code == 200 and 'name="bekraeftet"' in page.content.decode()
    assert Participant.objects.get(pk=participant.pk).status == "confirmed"  # asking changes nothing
    client.post(url, {"bekraeftet": "1"})
    assert Participant.objects.get(pk=participant.pk).status == "cancelled"


def test_a_participant_cannot_see_or_cancel_someone_elses_registration(client, centre, teacher, school):
    event = course(centre, places=3, price_other=0)
    registration, _ = sign_up(event, "Anna Jensen", "anna@example.dk")
    participant = registration.participants.get()
    client.force_login(teacher)
    assert client.get(f"/mine-tilmeldinger/{registration.reference}/").status_code == 404
    url = f"/mine-tilmeldinger/{registration.reference}/afmeld/{participant.pk}/"
    assert client.post(url, {"bekraeftet": "1"}).status_code == 404
    assert Participant.objects.get(pk=participant.pk).status == "confirmed"
    assert event.title not in client.get("/mine-tilmeldinger/").content.decode()


def test_a_named_participant_may_cancel_only_themself_not_colleagues(client, centre, school):
    event = course(centre, places=5, price_other=0)
    colleague = member(school, Role.TEACHER, email="bo@kildebakken.example")
    from cms.registrations.services import NewParticipant

    registration, _ = sign_up(
        event,
        "Karin Kontakt",
        "karin@kildebakken.example",
        kind="organisation",
        method="",
        participants=[NewParticipant("Bo", "bo@kildebakken.example"), NewParticipant("Eva", "eva@kildebakken.example")],
    )
    bo, eva = registration.participants.order_by("name")
    client.force_login(colleague)
    assert client.get(f"/mine-tilmeldinger/{registration.reference}/").status_code == 200
    base = f"/mine-tilmeldinger/{registration.reference}/afmeld/"
    assert client.post(f"{base}{eva.pk}/", {"bekraeftet": "1"}).status_code == 404
    client.post(f"{base}{bo.pk}/", {"bekraeftet": "1"})
    assert Participant.objects.get(pk=eva.pk).status == "confirmed"
    assert Participant.objects.get(pk=bo.pk).status == "cancelled"


def test_a_waitlist_offer_link_accepts_the_place(client, centre, committing):
    from cms.registrations import services

    event = course(centre, places=1, price_other=0)
    anna, _ = sign_up(event, "Anna Jensen")
    sign_up(event, "Bo Hansen", join_waitlist=True)
    committing(services.participant_cancel, participant=anna.participants.get(), actor=None)
    offer = next(m for m in mail.outbox if m.to == ["bo@example.dk"] and "/tilbud/" in m.body)
    path = "/tilbud/" + offer.body.split("/tilbud/")[1].split()[0]
    assert client.get(path).status_code == 200
    bo = Participant.objects.get(name="Bo Hansen")
    assert client.get(f"/tilbud/{bo.pk}/forkert/").status_code == 404
    client.post(path)
    bo.refresh_from_db()
    assert bo.status == "confirmed"
