from django.http import HttpResponse

from videnscenter import versions


def baseline(request):
    """The framework's floor: a fixed response through the same middleware and server."""
    return HttpResponse(b"ok\n", content_type="text/plain; charset=utf-8")


def bump(request):
    """Raise data versions (``?names=bookings,catalogue``), as a change would: the next request
    of a cold case finds nothing cached for it. Only in the bench settings' URLs."""
    names = [name for name in request.GET.get("names", "").split(",") if name in versions.NAMES]
    versions.bump(*names)
    return HttpResponse(b"bumped\n", content_type="text/plain; charset=utf-8")
