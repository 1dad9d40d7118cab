from django.utils.functional import SimpleLazyObject

from .navigation import main_navigation


def site_navigation(request):
    # Lazy: worked out once, and only when a template shows the navigation (not in the admin).
    return {"main_navigation": SimpleLazyObject(lambda: main_navigation(request))}
