"""Teachers' and coordinators' booking pages: book, my bookings, a booking, cancel and change."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.models import Equipment, MobilePack, Unit
from videnscenter import rules
from videnscenter.errors import ServiceError, add_to_form
from videnscenter.helpers import confirm
from videnscenter.helpers.listing import paginate
from videnscenter.pagecache import serve_cached
from videnscenter.versions import BOOKINGS, CATALOGUE

from . import billing, engine, history, lifecycle, selectors, services
from .basket import session as basket_session
from .forms import BookingChangeForm, BookingRequestForm, CancelForm, prefill
from .models import Booking
from .why_not import kept_values, why_not_context


def _book(request, item: Equipment | MobilePack):
    organisations = selectors.bookable_organisations(request.user)
    if not organisations:
        return render(request, "booking/cannot_book.html", {"item": item}, status=403)
    is_pack = isinstance(item, MobilePack)
    max_units = 0 if is_pack else item.units.filter(status=Unit.Status.IN_SERVICE).count()
    form = BookingRequestForm(
        request.POST or None,
        initial=BookingRequestForm.initial_from(request.GET),
        user=request.user,
        organisations=organisations,
        is_pack=is_pack,
        max_units=max_units,
    )
    today = timezone.localdate()
    earliest = engine.rules_for(item).earliest_start(today)
    form.set_earliest(earliest)
    why_not = {}
    if request.method == "POST" and "check" not in request.POST and form.is_valid():
        data = form.cleaned_data
        try:
            booking = services.booking_request(
                actor=request.user,
                requester=data.get("requester") or request.user,
                organisation=data["organisation"],
                equipment=None if is_pack else item,
                pack=item if is_pack else None,
                quantity=data.get("quantity") or 1,
                start_date=data["start_date"],
                end_date=data["end_date"],
                handover=data["handover"],
                programme=data["programme"],
                class_name=data["class_name"],
                student_count=data["student_count"],
                note=data["note"],
            )
        except engine.NotAvailable as exc:
            why_not = why_not_context(request, exc, item=item, quantity=data.get("quantity") or 1)
        except ServiceError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("Your booking %(ref)s is registered.") % {"ref": booking.reference})
            return redirect("booking:detail", reference=booking.reference)
    return render(
        request,
        "booking/new.html",
        {
            "item": item,
            "is_pack": is_pack,
            "form": form,
            **why_not,
            "earliest": earliest,
            "max_units": max_units,
            "free": _free_periods(request, form, item, today),
            "basket_count": basket_session.count(request.session),
        },
    )


def _free_periods(request, form: BookingRequestForm, item, today) -> dict:
    """The next periods free for the chosen quantity and length, each a link that fills in the form."""
    start, end = form.period()
    found = selectors.free_periods(item, start=start, end=end, quantity=form.chosen("quantity"), today=today)
    kept = kept_values(request) if request.method == "POST" else BookingRequestForm.initial_from(request.GET)
    found["periods"] = [
        (first, last, request.path + prefill({**kept, "start_date": first.isoformat(), "end_date": last.isoformat()}))
        for first, last in found["periods"]
    ]
    return found


@login_required
def new(request, slug: str):
    return _book(request, get_object_or_404(Equipment, slug=slug, is_active=True))


@login_required
def new_pack(request, slug: str):
    return _book(request, get_object_or_404(MobilePack, slug=slug, is_active=True))


@login_required
def my_bookings(request):
    """Keyed by the person (their own bookings) and by their basket, which lives in the session."""
    basket = f"basket={basket_session.count(request.session)}"
    return serve_cached(request, lambda: _my_bookings(request), (BOOKINGS, CATALOGUE), (basket,))


def _my_bookings(request):
    school_view = request.GET.get("vis") == "skole"
    may_see_school = selectors.coordinates_a_school(request.user)
    bookings = (
        selectors.school_bookings(request.user)
        if (school_view and may_see_school)
        else selectors.my_bookings(request.user)
    )
    today = timezone.localdate()
    past, query = paginate(request, selectors.past_bookings(bookings, today), selectors.PAST_PER_PAGE)
    return render(
        request,
        "booking/list.html",
        {
            "groups": {**selectors.split_by_time(bookings, today), "past": past},
            "query": query,
            "school_view": school_view and may_see_school,
            "may_see_school": may_see_school,
            "basket_count": basket_session.count(request.session),
        },
    )


def _visible_booking(request, reference: str) -> Booking:
    """The booking, or 404 for anyone who may not see it (so references cannot be probed)."""
    try:
        booking = selectors.booking_detail(reference)
    except Booking.DoesNotExist:
        raise Http404
    if not rules.allowed(request.user, "booking.view", booking):
        raise Http404
    return booking


@login_required
def detail(request, reference: str):
    booking = _visible_booking(request, reference)
    return render(
        request,
        "booking/detail.html",
        {
            "booking": booking,
            "history": history.booking_history(booking),
            "may_cancel": lifecycle.may_cancel(booking.status),
            "may_change": lifecycle.may_change(booking.status),
            "is_overdue": booking.is_overdue(),
            "payment": billing.payment_of(booking) if booking.price else None,
            "basket_lines": selectors.basket_lines(booking),
        },
    )


@login_required
def cancel(request, reference: str):
    """GET (or a POST without confirmation): what cancelling means; the confirmed POST cancels."""
    booking = _visible_booking(request, reference)
    detail_url = reverse("booking:detail", args=[booking.reference])
    if not lifecycle.may_cancel(booking.status) or not rules.allowed(request.user, "booking.cancel", booking):
        messages.error(request, _("This booking can no longer be cancelled. Contact the centre."))
        return redirect(detail_url)
    form = CancelForm(request.POST or None)
    if not confirm.is_confirmed(request) or not form.is_valid():
        people = ", ".join(str(p) for p in {booking.requester, booking.created_by})
        return confirm.confirmation_page(
            request,
            confirm.Confirmation(
                title=_("Cancel booking %(reference)s?") % {"reference": booking.reference},
                action_url=reverse("booking:cancel", args=[booking.reference]),
                back_url=detail_url,
                confirm_label=_("Yes, cancel the booking"),
                consequences=[
                    _("%(item)s, %(first)s–%(last)s, is released at once, and others can book it.")
                    % {
                        "item": booking.item_name,
                        "first": booking.start_date.strftime("%d.%m.%Y"),
                        "last": booking.end_date.strftime("%d.%m.%Y"),
                    },
                    _("A cancellation cannot be undone; to borrow it again, make a new booking."),
                ],
                notified=_("%(people)s get an e-mail that the booking is cancelled.") % {"people": people},
                form=form,
            ),
        )
    try:
        services.booking_cancel(actor=request.user, booking=booking, note=form.cleaned_data["note"])
    except ServiceError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The booking is cancelled."))
    return redirect(detail_url)


@login_required
def change(request, reference: str):
    booking = _visible_booking(request, reference)
    is_pack = booking.pack_id is not None
    initial = {"start_date": booking.start_date, "end_date": booking.end_date, "quantity": booking.quantity}
    initial.update(BookingChangeForm.initial_from(request.GET))
    form = BookingChangeForm(request.POST or None, initial=initial, is_pack=is_pack)
    form.set_earliest(engine.rules_for(booking.equipment or booking.pack).earliest_start(timezone.localdate()))
    why_not = {}
    if request.method == "POST" and form.is_valid():
        try:
            services.booking_change(
                actor=request.user,
                booking=booking,
                start_date=form.cleaned_data["start_date"],
                end_date=form.cleaned_data["end_date"],
                quantity=form.cleaned_data.get("quantity"),
            )
        except engine.NotAvailable as exc:
            why_not = why_not_context(
                request, exc, item=booking.equipment or booking.pack, quantity=form.cleaned_data.get("quantity") or 1
            )
        except ServiceError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("The booking is changed."))
            return redirect("booking:detail", reference=booking.reference)
    item = booking.equipment or booking.pack
    return render(request, "booking/change.html", {"booking": booking, "form": form, **why_not, "item": item})
