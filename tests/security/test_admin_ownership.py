"""Attacks on the admin from the inside: staff of one centre reaching into the other's rows.

Each test does what the attacker did (a logged-in member of staff posting to the admin) and
checks that nothing changed; the twin test checks that the rightful editor still can.
"""

import pytest
from django.urls import reverse

from catalogue.models import MobilePack, PackItem
from tests.factories import EmailDomainFactory, EquipmentFactory, MobilePackFactory, UnitFactory, UserFactory
from videnscenter import rules
from videnscenter.models import EmailDomain, Organisation

pytestmark = pytest.mark.django_db


def refused(response) -> bool:
    """Wagtail answers a refused admin action with a redirect to the dashboard (or 403)."""
    return response.status_code == 403 or (response.status_code == 302 and response.url == "/admin/")


def org_url(action, *args):
    return reverse(f"organisation:{action}", args=args)


def domain_url(action, *args):
    return reverse(f"emaildomain:{action}", args=args)


def org_data(org: Organisation, **changes) -> dict:
    data = {
        "name": org.name,
        "short_name": org.short_name,
        "slug": org.slug,
        "kind": org.kind,
        "home_centre": org.home_centre_id or "",
        "street_address": "",
        "postal_code": "",
        "city": "",
        "region": "",
        "contact_email": "",
        "phone": "",
        "website": "",
    }
    data.update(changes)
    return data


# --- the rule, both sides ---------------------------------------------------------------------


def test_staff_manage_the_schools_of_their_own_centre_only(staff, other_staff, school, other_school):
    assert rules.allowed(staff, "organisation.manage", school)
    assert not rules.allowed(staff, "organisation.manage", other_school)
    assert not rules.allowed(other_staff, "organisation.manage", school)


def test_nobody_but_a_superuser_manages_a_centre(staff, centre):
    assert not rules.allowed(staff, "organisation.manage", centre)
    assert rules.allowed(UserFactory(is_superuser=True), "organisation.manage", centre)


def test_coordinators_and_teachers_do_not_manage_their_own_school(coordinator, teacher, school):
    assert not rules.allowed(coordinator, "organisation.manage", school)
    assert not rules.allowed(teacher, "organisation.manage", school)


def test_email_domains_follow_their_school(staff, other_staff, school):
    domain = EmailDomainFactory(organisation=school)
    assert rules.allowed(staff, "emaildomain.manage", domain)
    assert not rules.allowed(other_staff, "emaildomain.manage", domain)


# --- organisations in the admin -----------------------------------------------------------------


def test_staff_cannot_move_the_other_centres_school_to_their_own(client, staff, centre, other_school):
    client.force_login(staff)
    assert refused(client.get(org_url("edit", other_school.pk)))
    response = client.post(org_url("edit", other_school.pk), org_data(other_school, home_centre=centre.pk))
    assert refused(response)
    other_school.refresh_from_db()
    assert other_school.home_centre.slug == "vest"


def test_staff_cannot_edit_the_other_centre_or_their_own(client, staff, centre, other_centre):
    client.force_login(staff)
    for target in (centre, other_centre):
        assert refused(client.post(org_url("edit", target.pk), org_data(target, name="Overtaget")))
        target.refresh_from_db()
        assert target.name != "Overtaget"


def test_staff_edit_their_own_school_but_cannot_move_it(client, staff, school, other_centre):
    client.force_login(staff)
    assert client.get(org_url("edit", school.pk)).status_code == 200
    response = client.post(org_url("edit", school.pk), org_data(school, name="Ny navn", home_centre=other_centre.pk))
    assert response.status_code == 302, response.content.decode()[:2000]
    school.refresh_from_db()
    assert school.name == "Ny navn"
    assert school.home_centre.slug == "oest"  # the disabled field keeps its value


def test_staff_cannot_create_a_centre_or_a_school_of_the_other_centre(client, staff, other_centre):
    client.force_login(staff)
    new = Organisation(name="Falsk", slug="falsk", kind=Organisation.Kind.CENTRE)
    assert client.post(org_url("add"), org_data(new)).status_code == 200
    school = Organisation(name="Falsk skole", slug="falsk-skole", kind="school", home_centre=other_centre)
    assert client.post(org_url("add"), org_data(school)).status_code == 200
    assert not Organisation.objects.filter(slug__startswith="falsk").exists()


def test_staff_create_a_school_of_their_own_centre(client, staff, centre):
    client.force_login(staff)
    school = Organisation(name="Ny skole", slug="ny-skole", kind="school", home_centre=centre)
    assert client.post(org_url("add"), org_data(school)).status_code == 302
    assert Organisation.objects.get(slug="ny-skole").home_centre == centre


def test_superuser_moves_a_school_between_centres(client, other_school, centre):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.post(org_url("edit", other_school.pk), org_data(other_school, home_centre=centre.pk))
    assert response.status_code == 302
    other_school.refresh_from_db()
    assert other_school.home_centre == centre


# --- e-mail domains -----------------------------------------------------------------------------


def test_staff_cannot_change_or_delete_the_other_centres_school_domains(client, staff, other_school):
    domain = EmailDomainFactory(organisation=other_school, domain="klitrosen.example")
    client.force_login(staff)
    assert refused(client.post(domain_url("edit", domain.pk), {"organisation": other_school.pk, "domain": "x.dk"}))
    assert refused(client.post(domain_url("delete", domain.pk)))
    domain.refresh_from_db()
    assert domain.domain == "klitrosen.example"


def test_staff_cannot_add_a_domain_to_the_other_centres_school(client, staff, other_school):
    client.force_login(staff)
    response = client.post(domain_url("add"), {"organisation": other_school.pk, "domain": "evil.example"})
    assert response.status_code == 200
    assert not EmailDomain.objects.filter(domain="evil.example").exists()


def test_staff_manage_their_own_schools_domains(client, staff, school):
    domain = EmailDomainFactory(organisation=school, domain="gammel.example")
    client.force_login(staff)
    response = client.post(domain_url("edit", domain.pk), {"organisation": school.pk, "domain": "ny.example"})
    assert response.status_code == 302
    domain.refresh_from_db()
    assert domain.domain == "ny.example"
    assert client.post(domain_url("add"), {"organisation": school.pk, "domain": "mere.example"}).status_code == 302


# --- inline rows: mobile packs ------------------------------------------------------------------


def pack_data(pack: MobilePack, unit_ids: list[int]) -> dict:
    data = {
        "name": pack.name,
        "slug": pack.slug,
        "summary": pack.summary,
        "description": '{"blocks":[],"entityMap":{}}',
        "owning_centre": pack.owning_centre_id,
        "current_location": "",
        "image": "",
        "accessories": "",
        "external_price": "0",
        "delivery_fee": "0",
        "is_active": "on",
        "items-TOTAL_FORMS": len(unit_ids),
        "items-INITIAL_FORMS": 0,
        "items-MIN_NUM_FORMS": 0,
        "items-MAX_NUM_FORMS": 1000,
    }
    for index, unit_id in enumerate(unit_ids):
        data.update({f"items-{index}-unit": unit_id, f"items-{index}-ORDER": index + 1, f"items-{index}-id": ""})
    return data


def pack_url(action, *args):
    return reverse(f"wagtailsnippets_catalogue_mobilepack:{action}", args=args)


def test_staff_cannot_put_another_centres_unit_in_their_pack(client, staff, centre, other_centre):
    pack = MobilePackFactory(owning_centre=centre)
    theirs = UnitFactory(equipment=EquipmentFactory(owning_centre=other_centre))
    client.force_login(staff)
    response = client.post(pack_url("edit", pack.pk), pack_data(pack, [theirs.pk]))
    assert response.status_code == 200  # shown again with "select a valid choice"
    assert not PackItem.objects.filter(unit=theirs).exists()


def test_staff_put_their_own_unit_in_their_pack(client, staff, centre):
    pack = MobilePackFactory(owning_centre=centre)
    ours = UnitFactory(equipment=EquipmentFactory(owning_centre=centre))
    client.force_login(staff)
    response = client.post(pack_url("edit", pack.pk), pack_data(pack, [ours.pk]))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert PackItem.objects.get(unit=ours).pack == pack


def test_the_pack_form_offers_only_own_units_in_its_rows(client, staff, centre, other_centre):
    ours = UnitFactory(equipment=EquipmentFactory(owning_centre=centre))
    UnitFactory(equipment=EquipmentFactory(owning_centre=other_centre))
    client.force_login(staff)
    form = client.get(pack_url("add")).context["form"]
    assert list(form.formsets["items"].empty_form.fields["unit"].queryset) == [ours]


# --- the school's people pages --------------------------------------------------------------------


@pytest.mark.parametrize("view", ["accounts:organisation_invite", "accounts:organisation_appoint"])
@pytest.mark.parametrize("data", [{}, {"invite-email": "not an address", "appoint-email": "x"}])
def test_outsiders_are_refused_before_the_form_is_read(client, teacher, other_school, view, data):
    client.force_login(teacher)
    assert client.post(reverse(view, args=[other_school.slug]), data).status_code == 403


def test_lists_link_only_to_what_the_person_may_edit(client, staff, centre, other_centre):
    """A row of another centre is shown, but not offered for editing (it would only refuse)."""
    from tests.factories import EquipmentFactory, SchoolFactory

    ours = EquipmentFactory(name="Øst-lift", owning_centre=centre)
    theirs = EquipmentFactory(name="Vest-lift", owning_centre=other_centre)
    their_school = SchoolFactory(name="Vest-skolen", home_centre=other_centre)
    client.force_login(staff)
    equipment = client.get("/admin/snippets/catalogue/equipment/").content.decode()
    assert f"/admin/snippets/catalogue/equipment/edit/{ours.pk}/" in equipment
    assert f"/admin/snippets/catalogue/equipment/edit/{theirs.pk}/" not in equipment
    organisations = client.get("/admin/organisation/").content.decode()
    assert f"/admin/organisation/edit/{their_school.pk}/" not in organisations
