"""gunicorn's access log without the secrets that travel in URLs.

Invitation, activation and password-reset links carry their token only until the first request
(then the session holds it), but that first request, and every fetch of a calendar feed, is
still an access-log line. This logger writes those paths with the token replaced by
``[skjult]``, in the request line, the path, the query and the Referer, using the same rule as
Django's own logs (``log_filters.SECRET_PATHS``). Enabled by ``gunicorn.conf.py``.
"""

from gunicorn.glogging import Logger

from .log_filters import redact


class RedactingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {key: redact(value) if isinstance(value, str) else value for key, value in atoms.items()}
