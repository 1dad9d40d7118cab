"""``runserver`` (whitenoise's, serving static files through the app) that does not announce the
Python version in its ``Server`` header. gunicorn, used in production, sends only "gunicorn"."""

from django.core.servers.basehttp import ServerHandler, WSGIRequestHandler
from whitenoise.runserver_nostatic.management.commands.runserver import Command as WhiteNoiseRunserver

SERVER_NAME = "Videnscenter"


def hide_server_version() -> None:
    # wsgiref writes ServerHandler.server_software ("WSGIServer/0.2 CPython/3.x") as Server.
    ServerHandler.server_software = SERVER_NAME
    WSGIRequestHandler.version_string = lambda self: SERVER_NAME


class Command(WhiteNoiseRunserver):
    def inner_run(self, *args, **options):
        hide_server_version()
        return super().inner_run(*args, **options)
