"""Sign-ups in the admin: the organising centre's staff list, export, mark attendance, certify, cancel."""

import base64
import csv
import io
import re
import zlib

import pytest
from openpyxl import load_workbook

from cms.models import EventCancellation, Participant
from tests.cms.signup import course, sign_up
from tests.conftest import member
from videnscenter.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(centre):
    event = course(centre, places=3, price_other=0)
    sign_up(event, "Anna Jensen")
    sign_up(event, '=HYPERLINK("http://x") Bo', "bo@example.dk")
    return event


@pytest.fixture
def other_staff(other_centre):
    return member(other_centre, Role.CENTRE_STAFF, email="personale@vest.example")


def pdf_text(content: bytes) -> str:
    """The page streams of a PDF, inflated: its text shows as "(Anna Jensen) Tj"."""
    streams = re.findall(rb"stream\r?\n(.*?)\r?\n?endstream", content, re.S)
    out = []
    for stream in streams:
        data = stream.strip()
        if data.endswith(b"~>"):  # reportlab writes ASCII85 around the deflated stream
            data = base64.a85decode(data[:-2])
        try:
            out.append(zlib.decompress(data).decode("latin-1"))
        except zlib.error:
            out.append(data.decode("latin-1"))
    return "\n".join(out)


def admin(client, user):
    client.force_login(user)
    return client


def test_staff_see_their_centres_events_and_participants(client, staff, event):
    admin(client, staff)
    index = client.get("/admin/tilmeldinger/")
    assert index.status_code == 200 and event.title in index.content.decode()
    page = client.get(f"/admin/tilmeldinger/{event.pk}/")
    assert page.status_code == 200 and "Anna Jensen" in page.content.decode()


def test_participant_list_has_a_fixed_number_of_queries(client, staff, event, django_assert_max_num_queries):
    for n in range(2, 3):
        sign_up(event, f"Deltager {n}", f"d{n}@example.dk")
    admin(client, staff)
    with django_assert_max_num_queries(30):
        client.get(f"/admin/tilmeldinger/{event.pk}/")


def test_csv_and_xlsx_exports_list_the_participants_with_formulas_defused(client, staff, event):
    admin(client, staff)
    response = client.get(f"/admin/tilmeldinger/{event.pk}/?export=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    names = [row[0] for row in rows[1:]]
    assert "Anna Jensen" in names and '\'=HYPERLINK("http://x") Bo' in names
    response = client.get(f"/admin/tilmeldinger/{event.pk}/?export=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "Anna Jensen" in cells and not any(str(c).startswith("=") for c in cells)


def test_another_centres_staff_cannot_see_or_export_participants(client, other_staff, event):
    admin(client, other_staff)
    assert event.title not in client.get("/admin/tilmeldinger/").content.decode()
    assert client.get(f"/admin/tilmeldinger/{event.pk}/").status_code == 403
    response = client.get(f"/admin/tilmeldinger/{event.pk}/?export=csv")
    assert response.status_code == 403 and b"Anna" not in response.content


def test_a_teacher_gets_nothing_of_the_admin_lists(client, teacher, event):
    admin(client, teacher)
    assert client.get(f"/admin/tilmeldinger/{event.pk}/?export=csv").status_code in (302, 403)


def test_leaders_may_look_but_not_mark_or_cancel(client, leader, event):
    admin(client, leader)
    assert client.get(f"/admin/tilmeldinger/{event.pk}/").status_code == 200
    anna = Participant.objects.get(name="Anna Jensen")
    assert client.post(f"/admin/tilmeldinger/{event.pk}/fremmoede/", {"present": [anna.pk]}).status_code == 403
    assert client.post(f"/admin/tilmeldinger/{event.pk}/aflys/", {"bekraeftet": "1"}).status_code == 403
    assert Participant.objects.get(pk=anna.pk).attended is None
    assert not EventCancellation.objects.exists()


def test_staff_mark_attendance_in_bulk_and_print_a_certificate_for_who_came(client, staff, event):
    admin(client, staff)
    anna = Participant.objects.get(name="Anna Jensen")
    bo = Participant.objects.get(email="bo@example.dk")
    client.post(f"/admin/tilmeldinger/{event.pk}/fremmoede/", {"present": [anna.pk]})
    assert Participant.objects.get(pk=anna.pk).attended is True
    assert Participant.objects.get(pk=bo.pk).attended is False
    response = client.get(f"/admin/tilmeldinger/deltager/{anna.pk}/bevis.pdf")
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "(Anna Jensen)" in text and "(Kursus i velf" in text
    assert client.get(f"/admin/tilmeldinger/deltager/{bo.pk}/bevis.pdf").status_code == 404  # did not come


def test_hostile_attendance_input_changes_nothing(client, staff, event, centre):
    admin(client, staff)
    stranger = sign_up(course(centre, price_other=0), "Eva Fremmed", "eva@x.dk")[0].participants.get()
    client.post(f"/admin/tilmeldinger/{event.pk}/fremmoede/", {"present": ["1 OR 1=1"]})
    client.post(f"/admin/tilmeldinger/{event.pk}/fremmoede/", {"present": [stranger.pk]})
    assert set(Participant.objects.values_list("attended", flat=True)) == {None}


def test_staff_cancel_a_participant_and_the_event_behind_confirmation_pages(client, staff, event):
    admin(client, staff)
    anna = Participant.objects.get(name="Anna Jensen")
    url = f"/admin/tilmeldinger/deltager/{anna.pk}/aflys/"
    assert 'name="bekraeftet"' in client.get(url).content.decode()
    assert Participant.objects.get(pk=anna.pk).status == "confirmed"
    client.post(url, {"bekraeftet": "1", "reason": "Sygdom"})
    assert Participant.objects.get(pk=anna.pk).status == "cancelled"
    event_url = f"/admin/tilmeldinger/{event.pk}/aflys/"
    assert client.get(event_url).status_code == 200 and not EventCancellation.objects.exists()
    client.post(event_url, {"bekraeftet": "1", "reason": "Underviseren er syg"})
    assert EventCancellation.objects.get().reason == "Underviseren er syg"
    assert set(Participant.objects.values_list("status", flat=True)) == {"cancelled"}


def test_another_centres_staff_cannot_cancel_a_participant(client, other_staff, event):
    admin(client, other_staff)
    anna = Participant.objects.get(name="Anna Jensen")
    assert client.post(f"/admin/tilmeldinger/deltager/{anna.pk}/aflys/", {"bekraeftet": "1"}).status_code == 403
    assert Participant.objects.get(pk=anna.pk).status == "confirmed"
