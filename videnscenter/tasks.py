"""Background tasks (django-tasks): run in-process in development, by a worker in production."""

from django.core.mail import EmailMessage
from django_tasks import task


@task()
def send_email(*, to: list[str], subject: str, body: str, attachments: list[list[str]] | None = None) -> None:
    """Send one plain-text e-mail. Rendered before queueing, so the worker needs no request.

    ``attachments`` are ``[filename, text content, mimetype]`` triples (JSON-serialisable).
    """
    message = EmailMessage(subject=subject, body=body, to=to)
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    message.send()
