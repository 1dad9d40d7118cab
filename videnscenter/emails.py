"""Rendering e-mails in the recipient's language and queueing them after commit."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from .tasks import send_email


def absolute_url(path: str) -> str:
    return settings.BASE_URL.rstrip("/") + path


def queue_email(
    *,
    to: str | list[str],
    template: str,
    context: dict,
    language: str | None = None,
    attachments: list[list[str]] | None = None,
) -> None:
    """Render ``email/<template>_subject.txt`` and ``email/<template>.txt`` and send after commit.

    Nothing is sent if the surrounding transaction rolls back.
    """
    recipients = [to] if isinstance(to, str) else list(to)
    if not recipients:
        return
    context = {"site_name": settings.WAGTAIL_SITE_NAME, "base_url": settings.BASE_URL, **context}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"email/{template}_subject.txt", context).split())
        body = render_to_string(f"email/{template}.txt", context)
    transaction.on_commit(
        lambda: send_email.enqueue(to=recipients, subject=subject, body=body, attachments=attachments or [])
    )


def send_rendered_email(*, to: str, subject_template: str, body_template: str, context: dict) -> None:
    """Queue an e-mail whose templates Django chose (e.g. password reset), outside any transaction."""
    subject = " ".join(render_to_string(subject_template, context).split())
    body = render_to_string(body_template, context)
    send_email.enqueue(to=[to], subject=subject, body=body)
