from django.http import HttpResponse


def baseline(request):
    """The framework's floor: a fixed response through the same middleware and server."""
    return HttpResponse(b"ok\n", content_type="text/plain; charset=utf-8")
