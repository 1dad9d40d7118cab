"""The privacy notice: a Wagtail page whose retention table follows the settings, linked from the
footer and the sign-up form, with Danish demo content."""

import pytest
from django.urls import reverse
from django.utils import translation

from cms.demo.privacy import SLUG, load_privacy_notice
from cms.models import PrivacyNoticePage
from cms.models.privacy import period_text
from videnscenter.personal_data import DATA_CLASSES

from .helpers import home

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice():
    load_privacy_notice(home())
    return PrivacyNoticePage.objects.get()


def test_the_demo_loader_creates_one_published_notice_and_keeps_editors_text(notice):
    assert notice.live and notice.slug == SLUG and "Datatilsynet" in str(notice.after_table)
    notice.intro = "Redaktørens tekst"
    notice.save_revision().publish()
    assert load_privacy_notice(home()) == 0
    assert PrivacyNoticePage.objects.get().intro == "Redaktørens tekst"


def test_the_notice_lists_every_class_with_its_configured_period(client, notice, settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = {**settings.PERSONAL_DATA_RETENTION_DAYS, "feed_fetches": 45}
    with translation.override("en"):
        html = client.get(notice.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for data_class in DATA_CLASSES:
        assert f'data-class="{data_class.key}"' in html
    assert "45" in html.split('data-class="feed_fetches"')[1].split("</tr>")[0]


def test_periods_are_said_in_years_or_days():
    with translation.override("en"):
        assert period_text(3 * 365) == "3 years"
        assert period_text(365) == "1 year"
        assert period_text(90) == "90 days"


def test_the_footer_and_the_sign_up_form_link_the_notice(client, notice):
    assert f'href="{notice.url}"' in client.get("/").content.decode()
    assert f'href="{notice.url}"' in client.get(reverse("accounts:signup")).content.decode()


def test_without_a_notice_there_is_no_dead_link(client):
    assert "privatlivspolitik" not in client.get(reverse("accounts:signup")).content.decode()


def test_only_one_notice_and_only_under_the_home_page(notice):
    assert not PrivacyNoticePage.can_create_at(home())
    assert PrivacyNoticePage.parent_page_types == ["cms.HomePage"]
