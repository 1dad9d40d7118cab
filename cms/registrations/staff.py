"""Sign-ups in the Wagtail admin (menu "Tilmeldinger", registered in ``cms/wagtail_hooks.py``).

The organising centre's staff see each event's participants and waitlist, export them (CSV,
XLSX), mark attendance, print certificates for courses and cancel a participant or the event,
each destructive step behind a confirmation page. Leaders of the centre may look and export.
Whose events: ``rules.registration_centre_ids``; what one may do: ``registration.*`` rules.
"""

import csv
from collections.abc import Callable
from functools import wraps
from io import BytesIO, StringIO

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from videnscenter import rules
from videnscenter.errors import ServiceError
from videnscenter.helpers import confirm
from videnscenter.helpers.spreadsheet import escape_formula

from ..models import EventPage, Participant
from . import certificates, selectors, services

PERMISSION = "cms.view_participant"


def staff_view(view: Callable) -> Callable:
    """Require the permission to see participants; every refusal is a 403 page."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            if not request.user.has_perm(PERMISSION):
                raise PermissionDenied(PERMISSION)
            return view(request, *args, **kwargs)
        except PermissionDenied:
            title = _("Access denied")
            context = {"page_title": title, "header_title": title, "header_icon": "lock"}
            return render(request, "booking/admin/forbidden.html", context, status=403)

    return wrapped


def _context(title: str, icon: str, **context) -> dict:
    return {"page_title": title, "header_title": title, "header_icon": icon, **context}


def _event(request, event_id: int, action: str) -> EventPage:
    event = get_object_or_404(EventPage.objects.select_related("centre"), pk=event_id)
    if not rules.allowed(request.user, action, event):
        raise PermissionDenied(action)
    return event


def _participant(request, participant_id: int) -> Participant:
    participant = get_object_or_404(Participant.objects.select_related("event", "registration"), pk=participant_id)
    if not rules.allowed(request.user, "registration.manage_event", participant.event):
        raise PermissionDenied
    return participant


@staff_view
def index(request):
    events = selectors.staff_events(request.user)
    return render(request, "cms/registrations/admin/index.html", _context(_("Sign-ups"), "group", events=events))


# --- the participant list and its exports ---------------------------------------------------------

COLUMNS = [
    (gettext_lazy("Name"), lambda p: p.name),
    (gettext_lazy("E-mail address"), lambda p: p.email),
    (gettext_lazy("Status"), lambda p: p.get_status_display()),
    (gettext_lazy("Registration"), lambda p: p.registration.reference),
    (gettext_lazy("Organisation"), lambda p: p.registration.organisation_name),
    (gettext_lazy("Signed up by"), lambda p: p.registration.contact_name),
    (gettext_lazy("Payer's e-mail"), lambda p: p.registration.payer_email),
    (gettext_lazy("Price group"), lambda p: p.registration.get_group_display()),
    (gettext_lazy("Price"), lambda p: p.registration.unit_price),
    (gettext_lazy("Payment method"), lambda p: p.registration.get_method_display()),
    (gettext_lazy("EAN number"), lambda p: p.registration.ean),
    (gettext_lazy("Payment"), lambda p: p.get_payment_state_display()),
    (gettext_lazy("Attended"), lambda p: "" if p.attended is None else (_("Yes") if p.attended else _("No"))),
    (gettext_lazy("Registered"), lambda p: timezone.localtime(p.created_at).strftime("%d.%m.%Y %H:%M")),
]


def _rows(participants) -> list[list]:
    return [[str(h) for h, _get in COLUMNS]] + [[get(p) for _h, get in COLUMNS] for p in participants]


def _export(event: EventPage, participants, kind: str) -> HttpResponse:
    filename = f"deltagere-{event.slug}"
    if kind == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = _("Participants")[:31]
        for row in _rows(participants):
            # openpyxl would store a text starting with "=" as a formula: never for typed-in text.
            sheet.append([escape_formula(v) for v in row])
        output = BytesIO()
        book.save(output)
        response = HttpResponse(
            output.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    else:
        output = StringIO()
        writer = csv.writer(output)
        for row in _rows(participants):
            writer.writerow([escape_formula(v) for v in row])
        response = HttpResponse("\ufeff" + output.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{kind}"'
    return response


@staff_view
def participants(request, event_id: int):
    event = _event(request, event_id, "registration.view_event")
    people = selectors.event_participants(event)
    export = request.GET.get("export")
    if export in ("csv", "xlsx"):
        return _export(event, people, export)
    title = _("Participants: %(event)s") % {"event": event.title}
    return render(
        request,
        "cms/registrations/admin/participants.html",
        _context(
            title,
            "group",
            event=event,
            participants=[p for p in people if p.status in Participant.WITH_PLACE],
            others=[p for p in people if p.status not in Participant.WITH_PLACE],
            waitlist=selectors.event_waitlist(event),
            state=selectors.signup_state(event),
            may_manage=rules.allowed(request.user, "registration.manage_event", event),
            is_course=event.event_type == EventPage.EventType.COURSE,
        ),
    )


@staff_view
@require_POST
def attendance(request, event_id: int):
    event = _event(request, event_id, "registration.manage_event")
    try:
        present = {int(value) for value in request.POST.getlist("present")}
    except ValueError:
        messages.error(request, _("The list of participants was not understood. Try again."))
        return redirect("registrations_admin:participants", event.pk)
    try:
        came = services.attendance_mark(event=event, actor=request.user, present_ids=present)
    except ServiceError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Attendance saved: %(n)d came.") % {"n": came})
    return redirect("registrations_admin:participants", event.pk)


@staff_view
def certificate(request, participant_id: int):
    participant = _participant(request, participant_id)
    event = participant.event
    if event.event_type != EventPage.EventType.COURSE or not participant.attended:
        raise Http404
    pdf = certificates.certificate_pdf(
        certificates.Certificate(
            participant=participant.name,
            course=event.title,
            when=date_format(timezone.localtime(event.start), "j. F Y"),
            place=event.location,
            centre=event.centre.name if event.centre_id else "",
        )
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="kursusbevis-{participant.pk}.pdf"'
    return response


# --- cancelling ----------------------------------------------------------------------------------


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (sent to the participants)"), max_length=1000, required=False, widget=forms.Textarea
    )


@staff_view
def participant_cancel(request, participant_id: int):
    participant = _participant(request, participant_id)
    back = reverse("registrations_admin:participants", args=[participant.event_id])
    if participant.status not in Participant.ACTIVE:
        messages.error(request, _("This participant is no longer signed up."))
        return redirect(back)
    form = ReasonForm(request.POST or None)
    if not confirm.is_confirmed(request) or not form.is_valid():
        consequences = [_("The place is given to the next on the waitlist.")]
        if participant.payment_state == Participant.PaymentState.PAID:
            consequences.append(
                _("%(amount)s kr. is refunded in full.") % {"amount": participant.registration.unit_price}
            )
        return confirm.confirmation_page(
            request,
            confirm.Confirmation(
                title=_("Cancel the sign-up of %(name)s?") % {"name": participant.name},
                action_url=reverse("registrations_admin:participant_cancel", args=[participant.pk]),
                back_url=back,
                confirm_label=_("Yes, cancel the sign-up"),
                consequences=consequences,
                notified=_("%(email)s gets an e-mail that the sign-up is cancelled.") % {"email": participant.email},
                form=form,
            ),
            admin=True,
        )
    try:
        services.participant_cancel(
            participant=participant, actor=request.user, by_centre=True, reason=form.cleaned_data["reason"]
        )
    except ServiceError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The sign-up is cancelled."))
    return redirect(back)


@staff_view
def event_cancel(request, event_id: int):
    event = _event(request, event_id, "registration.manage_event")
    back = reverse("registrations_admin:participants", args=[event.pk])
    form = ReasonForm(request.POST or None)
    if not confirm.is_confirmed(request) or not form.is_valid():
        state = selectors.signup_state(event)
        return confirm.confirmation_page(
            request,
            confirm.Confirmation(
                title=_("Cancel %(event)s for everyone?") % {"event": event.title},
                action_url=reverse("registrations_admin:event_cancel", args=[event.pk]),
                back_url=back,
                confirm_label=_("Yes, cancel the event"),
                consequences=[
                    _("%(n)d participants and %(w)d on the waitlist lose their place.")
                    % {"n": state.taken, "w": state.waiting},
                    _("Everything paid is refunded in full."),
                    _("A cancellation cannot be undone."),
                ],
                notified=_("Every participant and payer gets an e-mail."),
                form=form,
            ),
            admin=True,
        )
    if services.event_cancel(event=event, actor=request.user, reason=form.cleaned_data["reason"]):
        messages.success(request, _("The event is cancelled, and the participants are told."))
    else:
        messages.error(request, _("The event is cancelled."))
    return redirect(back)


urlpatterns = [
    path("", index, name="index"),
    path("<int:event_id>/", participants, name="participants"),
    path("<int:event_id>/fremmoede/", attendance, name="attendance"),
    path("<int:event_id>/aflys/", event_cancel, name="event_cancel"),
    path("deltager/<int:participant_id>/bevis.pdf", certificate, name="certificate"),
    path("deltager/<int:participant_id>/aflys/", participant_cancel, name="participant_cancel"),
]
