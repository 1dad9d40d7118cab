"""Staff's "Betalinger": their centre's payments, filters and export, and the two actions."""

from decimal import Decimal

import pytest

from booking.payments import services
from booking.payments.models import Payment, Refund
from videnscenter.models import Organisation

EAN = "5798000416604"
pytestmark = pytest.mark.django_db


@pytest.fixture
def kommune():
    return Organisation.objects.create(name="Eksempel Kommune", slug="eksempel-kommune", kind="municipality")


@pytest.fixture
def invoice(make_payment, kommune):
    return make_payment(method="invoice", organisation=kommune, ean=EAN, prices=("300.00", "200.00"))


@pytest.fixture
def vest_payment(make_payment, kommune, other_centre):
    return make_payment(method="invoice", organisation=kommune, ean=EAN, owning_centre=other_centre)


def test_staff_see_only_their_centres_payments(client, staff, invoice, vest_payment):
    client.force_login(staff)
    html = client.get("/admin/betalinger/").content.decode()
    assert invoice.reference in html
    assert vest_payment.reference not in html


def test_list_filters_and_exports(client, staff, invoice, make_payment, kommune):
    services.mark_invoice_paid(invoice, by=staff)
    other = make_payment(method="invoice", organisation=kommune, ean=EAN)
    client.force_login(staff)
    html = client.get("/admin/betalinger/?status=paid").content.decode()
    assert invoice.reference in html and other.reference not in html
    csv = client.get("/admin/betalinger/?export=csv")
    assert csv.status_code == 200
    body = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    assert invoice.reference in body and "500.00" in body
    xlsx = client.get("/admin/betalinger/?export=xlsx")
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_mark_invoice_paid_asks_first(client, staff, invoice, recorder):
    client.force_login(staff)
    url = f"/admin/betalinger/{invoice.reference}/faktura-betalt/"
    assert client.get(f"/admin/betalinger/{invoice.reference}/").status_code == 200

    asked = client.post(url)
    assert asked.status_code == 200
    invoice.refresh_from_db()
    assert invoice.status == "pending"

    client.post(url, {"bekraeftet": "1"})
    invoice.refresh_from_db()
    assert invoice.status == "paid"
    assert recorder.kinds() == ["paid"]


def test_refund_one_line_from_the_admin(client, staff, invoice):
    services.mark_invoice_paid(invoice, by=staff)
    line = invoice.lines.get(unit_price=Decimal("200.00"))
    client.force_login(staff)
    url = f"/admin/betalinger/{invoice.reference}/refunder/"

    assert client.post(url, {"line": line.pk, "reason": "Deltager meldt fra"}).status_code == 200  # asks first
    assert not Refund.objects.exists()
    client.post(url, {"line": line.pk, "reason": "Deltager meldt fra", "bekraeftet": "1"})

    invoice.refresh_from_db()
    assert invoice.status == Payment.Status.PARTIALLY_REFUNDED
    assert invoice.refunded_amount == Decimal("200.00")


def test_another_centres_staff_cannot_open_mark_paid_or_refund(client, other_staff, staff, invoice):
    client.force_login(other_staff)
    assert client.get(f"/admin/betalinger/{invoice.reference}/").status_code == 403
    client.post(f"/admin/betalinger/{invoice.reference}/faktura-betalt/", {"bekraeftet": "1"})
    invoice.refresh_from_db()
    assert invoice.status == "pending"

    services.mark_invoice_paid(invoice, by=staff)
    client.post(f"/admin/betalinger/{invoice.reference}/refunder/", {"reason": "Snyd", "bekraeftet": "1"})
    invoice.refresh_from_db()
    assert invoice.status == "paid"
    assert not Refund.objects.exists()


def test_a_teacher_gets_nowhere_in_the_admin(client, teacher, invoice):
    client.force_login(teacher)
    for url in ("/admin/betalinger/", f"/admin/betalinger/{invoice.reference}/"):
        assert client.get(url).status_code in (302, 403)
