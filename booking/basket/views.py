"""The basket pages: put equipment or a pack in the basket, see it with each line's availability, send it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalogue.models import Equipment, MobilePack
from videnscenter.errors import ServiceError, add_to_form

from .. import engine
from .. import selectors as booking_selectors
from ..forms import BookingRequestForm, prefill
from ..why_not import why_not_context
from . import selectors, services, session


def _cannot_book(request, item=None):
    return render(request, "booking/cannot_book.html", {"item": item}, status=403)


def _quantity(value, default: int = 1) -> int | None:
    try:
        number = int(value if value not in (None, "") else default)
    except (TypeError, ValueError):
        return None
    return number if 1 <= number <= 50 else None


def _add(request, item: Equipment | MobilePack, kind: str):
    if not booking_selectors.bookable_organisations(request.user):
        return _cannot_book(request, item)
    quantity = 1 if kind == "pack" else _quantity(request.POST.get("quantity"))
    if quantity is None:
        messages.error(request, _("Choose between 1 and 50 units."))
        return redirect(item.get_absolute_url())
    if not session.add(request.session, kind=kind, pk=item.pk, quantity=quantity):
        messages.error(request, _("A basket holds at most %(count)s lines.") % {"count": services.MAX_LINES})
    else:
        messages.success(request, _("%(item)s is in your basket.") % {"item": item.name})
    query = prefill({k: request.POST.get(k) for k in ("start_date", "end_date") if request.POST.get(k)})
    return redirect(f"{reverse('booking:basket')}{query}")


@require_POST
@login_required
def add_equipment(request, slug: str):
    return _add(request, get_object_or_404(Equipment, slug=slug, is_active=True), "equipment")


@require_POST
@login_required
def add_pack(request, slug: str):
    return _add(request, get_object_or_404(MobilePack, slug=slug, is_active=True), "pack")


@require_POST
@login_required
def remove(request):
    session.remove(request.session, request.POST.get("line", ""))
    messages.success(request, _("The line is removed from the basket."))
    return redirect(reverse("booking:basket"))


@login_required
def basket(request):
    """The basket: one period, class, students and note for every line; "check" shows each line's
    free units for the period, "send" books all lines or none."""
    organisations = booking_selectors.bookable_organisations(request.user)
    if not organisations:
        return _cannot_book(request)
    if request.method == "POST":
        session.set_quantities(
            request.session,
            {
                name.removeprefix("quantity-"): number
                for name, value in request.POST.items()
                if name.startswith("quantity-") and (number := _quantity(value)) is not None
            },
        )
    lines = selectors.lines(request.session)
    form = BookingRequestForm(
        request.POST or None,
        initial=BookingRequestForm.initial_from(request.GET),
        user=request.user,
        organisations=organisations,
        is_pack=True,
        max_units=0,
    )
    today = timezone.localdate()
    earliest = max((engine.rules_for(line.item).earliest_start(today) for line in lines), default=today)
    form.set_earliest(earliest)
    failed = None
    if request.method == "POST" and "send" in request.POST and form.is_valid():
        data = form.cleaned_data
        try:
            request_ = services.basket_request(
                actor=request.user,
                requester=data.get("requester") or request.user,
                organisation=data["organisation"],
                lines=lines,
                start_date=data["start_date"],
                end_date=data["end_date"],
                handover=data["handover"],
                programme=data["programme"],
                class_name=data["class_name"],
                student_count=data["student_count"],
                note=data["note"],
            )
        except services.LineNotAvailable as exc:
            failed = exc
        except ServiceError as exc:
            add_to_form(form, exc)
        else:
            session.clear(request.session)
            messages.success(
                request,
                _("Your basket %(ref)s is registered.") % {"ref": request_.reference},
            )
            return redirect("booking:list")
    start, end = form.period()
    context = {
        "form": form,
        "rows": selectors.availability(lines, start, end, today=today),
        "period_chosen": start is not None and end is not None,
        "failed": failed,
    }
    if failed is not None:
        context.update(
            why_not_context(request, failed.reason, item=failed.line.item, quantity=failed.line.quantity, basket=True)
        )
        context["unavailable_heading"] = failed.messages[0]
    context["earliest"] = earliest
    return render(request, "booking/basket.html", context)
