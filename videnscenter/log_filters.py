"""Keep secrets that travel in URLs (invitations, activation, password reset, feeds) out of logs."""

import logging
import re

SECRET_PATHS = re.compile(
    r"(/konto/invitation/|/konto/aktiver/[^/\s]+/|/konto/nulstil/[^/\s]+/|/kalender/feed/)[^/\s?\"']+"
)


def redact(text: str) -> str:
    return SECRET_PATHS.sub(r"\1[skjult]", text)


class RedactSecretsFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True
