"""Page contexts come from providers registered at start-up, so page models need no selectors."""

import pytest

from cms.models import ContentPage, HomePage
from cms.page_contexts import page_context, register_page_context

pytestmark = pytest.mark.django_db  # a new page looks up its content type


def test_a_page_type_without_a_registered_context_fails_loudly():
    with pytest.raises(LookupError, match="ContentPage"):
        page_context(ContentPage(title="Om os"), request=None)


def test_a_page_gets_the_context_of_the_provider_registered_for_its_type(monkeypatch):
    monkeypatch.setattr("cms.page_contexts._providers", {})
    register_page_context(HomePage, lambda page, request: {"title_seen": page.title, "request": request})
    assert page_context(HomePage(title="Forside"), request="req") == {"title_seen": "Forside", "request": "req"}
    with pytest.raises(LookupError):
        page_context(ContentPage(title="Om os"), request="req")
