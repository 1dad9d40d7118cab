"""Staff booking pages in the Wagtail admin (approval queue, day list, timelines, one booking).

Plain function views, registered in ``booking/wagtail_hooks.py``: each binds a form, calls one
service from ``booking.services`` and redirects with a message. Who may see a page is
``booking.view_booking`` (centre staff have it through ``RoleBackend``); what may be done to a
booking is ``rules.allowed(user, "booking.decide", booking)``, i.e. staff of the centre that
owns it. The services check the same rule again.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import wraps

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from catalogue.models import Equipment, Unit
from videnscenter import rules
from videnscenter.errors import ServiceError
from videnscenter.helpers import confirm, dates

from .. import engine, handover, history, lifecycle, selectors, services
from ..maintenance import selectors as maintenance_selectors
from ..models import Booking, Reservation
from .forms import ApproveForm, HandOutForm, NoteForm, RejectForm, ReturnForm, SwapForm
from .timeline import DEFAULT_DAYS, legend, timeline_rows

PERMISSION = "booking.view_booking"
S = Booking.Status


# --- helpers -----------------------------------------------------------------------------------


def staff_view(view: Callable) -> Callable:
    """Require ``booking.view_booking``; answer every refusal (also the services') with a 403."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            if not request.user.has_perm(PERMISSION):
                raise PermissionDenied(PERMISSION)
            return view(request, *args, **kwargs)
        except PermissionDenied:
            title = _("Access denied")
            return render(
                request,
                "booking/admin/forbidden.html",
                {"page_title": title, "header_title": title, "header_icon": "lock"},
                status=403,
            )

    return wrapped


def decidable_booking(request: HttpRequest, reference: str) -> Booking:
    booking = get_object_or_404(
        Booking.objects.select_related("equipment", "pack", "organisation", "requester", "owning_centre"),
        reference=reference,
    )
    if not rules.allowed(request.user, "booking.decide", booking):
        raise PermissionDenied("booking.decide")
    return booking


def parse_day(request: HttpRequest, param: str) -> date:
    """The day in ``?<param>=YYYY-MM-DD``, or today (Copenhagen) with a message if it is not a date."""
    today = timezone.localdate()
    value = request.GET.get(param, "").strip()
    if not value:
        return today
    try:
        day = date.fromisoformat(value)
    except ValueError:
        messages.error(request, _("“%(value)s” is not a date (YYYY-MM-DD); showing today.") % {"value": value[:20]})
        return today
    if not dates.in_range(day):
        messages.error(request, dates.out_of_range_message())
        return today
    return day


def error_texts(exc: ServiceError) -> list[str]:
    """The service's message(s); for missing units also why each unit is busy and what is free."""
    texts = list(exc.messages)
    if isinstance(exc, engine.NotAvailable):
        for reason in exc.reasons:
            text = f"{reason.unit.asset_tag}: {reason.label}"
            if reason.first_day and reason.last_day:
                text += f" {reason.first_day:%d.%m.%Y}–{reason.last_day:%d.%m.%Y}"
            texts.append(text)
        alternatives = exc.alternatives
        if alternatives.next_start and alternatives.next_end:
            texts.append(
                _("Next free period: %(start)s–%(end)s.")
                % {"start": f"{alternatives.next_start:%d.%m.%Y}", "end": f"{alternatives.next_end:%d.%m.%Y}"}
            )
        if alternatives.other_equipment:
            texts.append(
                _("Free instead: %(items)s.") % {"items": ", ".join(e.name for e in alternatives.other_equipment)}
            )
    return texts


def form_error_texts(form: forms.Form) -> list[str]:
    texts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        texts.extend(f"{label}: {error}" if label else str(error) for error in errors)
    return texts


def admin_context(title: str, icon: str, **context) -> dict:
    return {"page_title": title, "header_title": title, "header_icon": icon, **context}


# --- the queue ---------------------------------------------------------------------------------


@staff_view
def queue(request: HttpRequest) -> HttpResponse:
    """Requests waiting for the user's centres, oldest first."""
    bookings = selectors.centre_bookings(request.user).filter(status=S.REQUESTED).order_by("created_at", "pk")
    return render(
        request, "booking/admin/queue.html", admin_context(_("Bookings awaiting approval"), "tasks", bookings=bookings)
    )


@require_POST
@staff_view
def bulk_approve(request: HttpRequest) -> HttpResponse:
    """Approve each chosen request on its own; one that fails does not stop the others."""
    references = request.POST.getlist("bookings")
    if not references:
        messages.warning(request, _("Choose the bookings to approve."))
        return redirect("booking_admin:queue")
    bookings = Booking.objects.filter(reference__in=references).order_by("created_at", "pk")
    approved, failed = [], []
    decided = set()  # (basket, centre): approving one line approved the centre's other lines of it
    for booking in bookings:
        group = (booking.request_id, booking.owning_centre_id)
        if booking.request_id and group in decided:
            approved.append(booking.reference)
            continue
        # Each service call is its own transaction, so a failure rolls back only that booking.
        try:
            services.booking_approve(actor=request.user, booking=booking)
        except PermissionDenied:
            failed.append((booking.reference, _("You cannot decide on this booking.")))
        except ServiceError as exc:
            failed.append((booking.reference, " ".join(error_texts(exc))))
        else:
            approved.append(booking.reference)
            decided.add(group)
    if approved:
        messages.success(request, _("Approved: %(references)s.") % {"references": ", ".join(approved)})
    for reference, reason in failed:
        messages.error(
            request, _("%(reference)s was not approved: %(reason)s") % {"reference": reference, "reason": reason}
        )
    return redirect("booking_admin:queue")


# --- one booking -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    label: str
    form_class: type[forms.Form]
    run: Callable[..., object]  # (actor, booking, cleaned_data, form) -> booking
    done: str


ACTIONS: dict[str, Action] = {
    "approve": Action(
        gettext_lazy("Approve"),
        ApproveForm,
        lambda actor, booking, data, form: services.booking_approve(
            actor=actor, booking=booking, **form.service_kwargs()
        ),
        gettext_lazy("%(reference)s was approved."),
    ),
    "reject": Action(
        gettext_lazy("Reject"),
        RejectForm,
        lambda actor, booking, data, form: services.booking_reject(actor=actor, booking=booking, reason=data["reason"]),
        gettext_lazy("%(reference)s was rejected."),
    ),
    "hand_out": Action(
        gettext_lazy("Hand out"),
        HandOutForm,
        lambda actor, booking, data, form: handover.booking_hand_out_scanned(
            actor=actor, booking=booking, scanned=data["scanned"], note=data["note"]
        ),
        gettext_lazy("%(reference)s was handed out."),
    ),
    "return": Action(
        gettext_lazy("Take back"),
        ReturnForm,
        lambda actor, booking, data, form: handover.booking_receive(
            actor=actor,
            booking=booking,
            received=form.received(),
            damaged=list(data["damaged_units"]),
            condition_note=data["condition_note"],
        ),
        gettext_lazy("%(reference)s was returned."),
    ),
    "close": Action(
        gettext_lazy("Close"),
        NoteForm,
        lambda actor, booking, data, form: services.booking_close(actor=actor, booking=booking, note=data["note"]),
        gettext_lazy("%(reference)s was closed."),
    ),
    "cancel": Action(
        gettext_lazy("Cancel the booking"),
        NoteForm,
        lambda actor, booking, data, form: services.booking_cancel(actor=actor, booking=booking, note=data["note"]),
        gettext_lazy("%(reference)s was cancelled."),
    ),
    "swap": Action(
        gettext_lazy("Swap a unit"),
        SwapForm,
        lambda actor, booking, data, form: services.booking_swap_unit(
            actor=actor, booking=booking, old_unit=data["old_unit"], new_unit=data["new_unit"]
        ),
        gettext_lazy("A unit of %(reference)s was swapped."),
    ),
}


def action_form(name: str, booking: Booking, data=None) -> forms.Form:
    # Unique HTML ids for the many forms on one page; field names stay plain.
    return ACTIONS[name].form_class(data, booking=booking, auto_id=f"id_{name}_%s")


@staff_view
def detail(request: HttpRequest, reference: str) -> HttpResponse:
    """Everything about one booking, its units, its log and the actions its status allows."""
    booking = decidable_booking(request, reference)
    reservations = list(booking.reservations.select_related("unit__equipment").order_by("unit__asset_tag"))
    events = history.booking_history(booking)
    actions = [
        {
            "name": name,
            "label": ACTIONS[name].label,
            "form": action_form(name, booking),
            "url": reverse(f"booking_admin:{name}", args=[booking.reference]),
        }
        for name in lifecycle.staff_actions(booking.status)
    ]
    # A pack holds units of several kinds: one timeline per kind.
    kinds = {booking.equipment} if booking.equipment_id else {r.unit.equipment for r in reservations}
    timelines = [
        (equipment.name, reverse("booking_admin:timeline", args=[equipment.slug]))
        for equipment in sorted(kinds, key=lambda e: e.name)
    ]
    return render(
        request,
        "booking/admin/detail.html",
        admin_context(
            _("Booking %(reference)s") % {"reference": booking.reference},
            "date",
            booking=booking,
            reservations=reservations,
            events=events,
            actions=actions,
            timelines=timelines,
            timeline_from=(booking.start_date - timedelta(days=7)).isoformat(),
            basket_lines=selectors.basket_lines(booking),
        ),
    )


# Actions that cannot be undone ask first, on a page that says what happens and who is told.
DESTRUCTIVE = {"reject": S.REJECTED, "cancel": S.CANCELLED}


def confirmation(request: HttpRequest, booking: Booking, name: str, form: forms.Form) -> HttpResponse:
    people = ", ".join(str(p) for p in {booking.requester, booking.created_by})
    period = f"{booking.start_date:%d.%m.%Y}–{booking.end_date:%d.%m.%Y}"
    released = _("The units of %(item)s, %(period)s, are released at once, and others can book them.") % {
        "item": booking.item_name,
        "period": period,
    }
    if name == "reject":
        title = _("Reject booking %(reference)s?") % {"reference": booking.reference}
        told = _("%(people)s get an e-mail with your reason.") % {"people": people}
        label = _("Yes, reject the booking")
    else:
        title = _("Cancel booking %(reference)s?") % {"reference": booking.reference}
        told = _("%(people)s get an e-mail that the booking is cancelled.") % {"people": people}
        label = _("Yes, cancel the booking")
    return confirm.confirmation_page(
        request,
        confirm.Confirmation(
            title=title,
            action_url=reverse(f"booking_admin:{name}", args=[booking.reference]),
            back_url=reverse("booking_admin:detail", args=[booking.reference]),
            confirm_label=label,
            consequences=[released, _("This cannot be undone.")],
            notified=told,
            carried=confirm.carried_values(request, form.fields),
        ),
        admin=True,
    )


def run_action(request: HttpRequest, reference: str, name: str) -> HttpResponse:
    booking = decidable_booking(request, reference)
    action = ACTIONS[name]
    form = action_form(name, booking, request.POST)
    if not form.is_valid():
        for text in form_error_texts(form):
            messages.error(request, text)
    elif (
        name in DESTRUCTIVE
        and lifecycle.may_move(booking.status, DESTRUCTIVE[name])  # an impossible one says so at once
        and not confirm.is_confirmed(request)
    ):
        return confirmation(request, booking, name, form)
    else:
        try:
            result = action.run(request.user, booking, form.cleaned_data, form)
        except ServiceError as exc:
            for text in error_texts(exc):
                messages.error(request, text)
        else:
            if name == "return" and result:  # the units still missing: the return stays open
                messages.warning(
                    request,
                    _("%(reference)s is not returned yet: %(tags)s missing. They are flagged; take them back later.")
                    % {"reference": booking.reference, "tags": ", ".join(u.asset_tag for u in result)},
                )
                return redirect("booking_admin:detail", reference=booking.reference)
            messages.success(request, action.done % {"reference": booking.reference})
            if name == "return":
                warn_about_later_bookings(request, form.cleaned_data["damaged_units"])
    return redirect("booking_admin:detail", reference=booking.reference)


def warn_about_later_bookings(request: HttpRequest, damaged_units) -> None:
    """A damaged unit went to maintenance; say which coming bookings still count on it."""
    for unit in damaged_units:
        broken = maintenance_selectors.broken_bookings(unit=unit)
        if broken:
            messages.warning(
                request,
                _("%(unit)s is now in maintenance but is reserved for %(references)s. Swap in another unit: %(url)s")
                % {
                    "unit": unit.asset_tag,
                    "references": ", ".join(b.booking.reference for b in broken),
                    "url": reverse("booking_unit_out_of_service", args=[unit.pk]),
                },
            )


def action_view(name: str) -> Callable:
    @require_POST
    @staff_view
    def view(request: HttpRequest, reference: str) -> HttpResponse:
        return run_action(request, reference, name)

    view.__name__ = view.__qualname__ = f"{name}_view"
    return view


# --- the day list ------------------------------------------------------------------------------


@staff_view
def day(request: HttpRequest) -> HttpResponse:
    """What leaves and comes back on one day, and what should have come back already."""
    the_day = parse_day(request, "dato")
    bookings = selectors.centre_bookings(request.user)
    title = _("Day list %(day)s") % {"day": date_format(the_day, "l j. F Y")}
    return render(
        request,
        "booking/admin/day.html",
        admin_context(
            title,
            "calendar",
            day=the_day,
            is_today=the_day == timezone.localdate(),
            previous_day=(the_day - timedelta(days=1)).isoformat(),
            next_day=(the_day + timedelta(days=1)).isoformat(),
            hand_outs=bookings.filter(status=S.APPROVED, start_date=the_day).order_by("reference"),
            returns=bookings.filter(status=S.HANDED_OUT, end_date=the_day).order_by("reference"),
            overdue=bookings.filter(status=S.HANDED_OUT, end_date__lt=the_day).order_by("end_date", "reference"),
        ),
    )


# --- the timeline ------------------------------------------------------------------------------


@staff_view
def timeline(request: HttpRequest, equipment_slug: str) -> HttpResponse:
    """Each unit of one equipment, day by day for four weeks: free, booked, buffer, PopUp, maintenance."""
    equipment = get_object_or_404(Equipment, slug=equipment_slug)
    # Bookings are the owning centre's business; the timeline links to them.
    if not rules.allowed(request.user, "catalogue.manage", equipment):
        raise PermissionDenied("catalogue.manage")
    first = parse_day(request, "fra")
    last = first + timedelta(days=DEFAULT_DAYS - 1)
    reservations = list(
        Reservation.objects.filter(unit__equipment=equipment)
        .overlapping(first, last)
        .select_related("booking", "popup")
    )
    units = equipment.units.filter(
        ~Q(status=Unit.Status.RETIRED) | Q(pk__in={r.unit_id for r in reservations})
    ).order_by("asset_tag")
    rows = timeline_rows(units, reservations, first, DEFAULT_DAYS, today=timezone.localdate())
    return render(
        request,
        "booking/admin/timeline.html",
        admin_context(
            _("Timeline: %(equipment)s") % {"equipment": equipment.name},
            "table",
            equipment=equipment,
            rows=rows,
            legend=legend(),
            days=[cell.day for cell in rows[0].cells] if rows else [],
            first=first,
            last=last,
            earlier=(first - timedelta(days=DEFAULT_DAYS)).isoformat(),
            later=(first + timedelta(days=DEFAULT_DAYS)).isoformat(),
            today=timezone.localdate().isoformat(),
        ),
    )
