"""Staff pages for personal data in the Wagtail admin: erasure requests, find a person, see what is
held about them and erase them, and the log of erasures. Registered in ``videnscenter/wagtail_hooks.py``.

Who may open the pages: ``videnscenter.view_anonymisationrecord`` (centre staff through
``RoleBackend``, superusers). Whom they may erase: the rule ``person.anonymise``, checked here
to show the button and again by the service.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from videnscenter.helpers.listing import paginate

from .. import rules
from ..errors import ServiceError
from ..models import ErasureRequest, User
from . import selectors, services

PERMISSION = "videnscenter.view_anonymisationrecord"


def _require_staff(request) -> None:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied(PERMISSION)


def _person_or_404(request, pk: int) -> User:
    """A person this member of staff may erase; anyone else is refused (403)."""
    person = get_object_or_404(User, pk=pk)
    if not rules.allowed(request.user, "person.anonymise", person):
        raise PermissionDenied("person.anonymise")
    return person


def index(request):
    _require_staff(request)
    search = request.GET.get("q", "")[:100]
    people, query = paginate(request, selectors.people_for_staff(request.user, search=search), 25)
    return render(
        request,
        "privacy/admin/index.html",
        {
            "page_title": _("Personal data"),
            "header_title": _("Personal data"),
            "header_icon": "user",
            "requests": selectors.erasure_requests_for_staff(request.user),
            "people": people,
            "query": query,
            "search": search,
        },
    )


def person(request, pk: int):
    _require_staff(request)
    subject = _person_or_404(request, pk)
    sections = selectors.person_data(subject)
    return render(
        request,
        "privacy/admin/person.html",
        {
            "page_title": _("Erase a person"),
            "header_title": _("Erase a person"),
            "header_icon": "user",
            "subject": subject,
            "counts": [(section.label, len(section.rows)) for section in sections if section.key != "account"],
            "blockers": services.person_blockers(subject),
            "erasure_request": ErasureRequest.objects.filter(user=subject).first(),
        },
    )


@require_POST
def anonymise(request, pk: int):
    _require_staff(request)
    subject = _person_or_404(request, pk)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm the erasure."))
        return redirect("privacy_admin:person", pk=subject.pk)
    try:
        record = services.person_anonymise(actor=request.user, person=subject)
    except ServiceError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("privacy_admin:person", pk=subject.pk)
    message = _("The person has been erased: %(count)d records changed, the account deleted.")
    messages.success(request, message % {"count": record.total})
    return redirect("privacy_admin:index")


def log(request):
    _require_staff(request)
    records, query = paginate(request, selectors.anonymisation_records(), 50)
    return render(
        request,
        "privacy/admin/log.html",
        {
            "page_title": _("Erasures"),
            "header_title": _("Erasures"),
            "header_icon": "history",
            "records": records,
            "query": query,
        },
    )
