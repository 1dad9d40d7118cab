"""What the "not available" answer offers, as links and buttons that keep what the person typed.

The engine says why (``engine.NotAvailable``: reasons, free units, next period, other
equipment); this turns it into: book the free number instead (a button that re-sends the form
with only the quantity changed), use the next free dates (a link that opens the form filled in,
quantity, class, students and note kept), and other equipment (its booking form, same values).
"""

from django.urls import reverse

from catalogue.models import Equipment, MobilePack

from . import engine
from .forms import prefill

NOT_KEPT = {"csrfmiddlewaretoken", "send", "check"}


def kept_values(request) -> dict[str, str]:
    """What the person sent, to carry into the next form (never the CSRF token or the buttons)."""
    return {k: v for k, v in request.POST.items() if k not in NOT_KEPT}


def why_not_context(
    request, exc: engine.NotAvailable, *, item: Equipment | MobilePack, quantity: int, basket: bool = False
) -> dict:
    values = kept_values(request)
    alternatives = exc.alternatives
    use_dates_url = None
    if alternatives.next_start:
        dates = {"start_date": alternatives.next_start.isoformat(), "end_date": alternatives.next_end.isoformat()}
        use_dates_url = request.path + prefill({**values, **dates})
    fewer = exc.free if isinstance(item, Equipment) and 0 < exc.free < quantity else None
    if fewer and basket:
        line_key = f"equipment-{item.pk}"
        fewer_values = {**values, f"quantity-{line_key}": str(fewer), "send": "1"}
    else:
        fewer_values = {**values, "quantity": str(fewer)}
    others = [
        (other, reverse("booking:new", args=[other.slug]) + prefill({**values, "quantity": quantity}))
        for other in alternatives.other_equipment
    ]
    return {
        "unavailable": exc,
        "fewer": fewer,
        "fewer_values": sorted(fewer_values.items()) if fewer else [],
        "use_dates_url": use_dates_url,
        "other_equipment": others,
    }
