"""Confirmation pages for destructive actions, for every role.

A destructive action (cancel, reject, remove, delete, withdraw) never happens on one click:
its link or first POST shows a page that says what will happen and who will be told, and only
the form on that page does it. Plain HTML, so it works with and without JavaScript.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

CONFIRMED = "bekraeftet"  # the field the confirmation page posts; its absence means "ask first"
PUBLIC_TEMPLATE = "includes/confirm.html"
ADMIN_TEMPLATE = "includes/admin/confirm.html"


@dataclass
class Confirmation:
    title: str
    action_url: str
    back_url: str
    confirm_label: str
    consequences: list[str] = field(default_factory=list)
    notified: str = ""
    form: object = None  # fields the person may still fill in (e.g. a note), shown on the page
    carried: dict[str, list[str]] = field(default_factory=dict)  # posted values to send again


def is_confirmed(request: HttpRequest) -> bool:
    return request.method == "POST" and request.POST.get(CONFIRMED) == "1"


def carried_values(request: HttpRequest, names: Iterable[str]) -> dict[str, list[str]]:
    """What the first POST held, to be posted again from the confirmation page."""
    return {name: request.POST.getlist(name) for name in names if name in request.POST}


def confirmation_page(request: HttpRequest, confirmation: Confirmation, *, admin: bool = False) -> HttpResponse:
    context = {"confirmation": confirmation, "confirmed_field": CONFIRMED}
    if admin:
        context.update(page_title=confirmation.title, header_title=confirmation.title, header_icon="warning")
    return render(request, ADMIN_TEMPLATE if admin else PUBLIC_TEMPLATE, context)
