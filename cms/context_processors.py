from django.utils.functional import SimpleLazyObject

from .navigation import accessibility_statement_url, footer_pages, main_navigation, privacy_notice_url


def _contact_details(request):
    """The site's contact details, or None: read only (Wagtail's ``for_request`` would create the row)."""
    from wagtail.models import Site

    from .models import ContactDetails

    site = Site.find_for_request(request)
    return ContactDetails.objects.filter(site=site).first() if site else None


def site_navigation(request):
    # Lazy: worked out once, and only when a template shows the navigation (not in the admin).
    return {
        "main_navigation": SimpleLazyObject(lambda: main_navigation(request)),
        "privacy_url": SimpleLazyObject(lambda: privacy_notice_url(request) or ""),
        "accessibility_url": SimpleLazyObject(lambda: accessibility_statement_url(request) or ""),
        "footer_pages": SimpleLazyObject(lambda: footer_pages(request)),
        "contact": SimpleLazyObject(lambda: _contact_details(request)),
    }
