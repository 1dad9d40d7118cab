from django.utils.functional import SimpleLazyObject

from .navigation import main_navigation, privacy_notice_url


def site_navigation(request):
    # Lazy: worked out once, and only when a template shows the navigation (not in the admin).
    return {
        "main_navigation": SimpleLazyObject(lambda: main_navigation(request)),
        "privacy_url": SimpleLazyObject(lambda: privacy_notice_url(request) or ""),
    }
