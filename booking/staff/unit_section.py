"""What a unit's public page (its QR label's target) shows the owning centre's staff: the loans
to hand out or take back, each a link to its page in the admin."""

from django.utils import timezone

from catalogue.sections import Section
from videnscenter import rules

from .. import selectors


def desk_section(unit, request) -> Section | None:
    if not rules.allowed(request.user, "catalogue.manage", unit):
        return None
    return Section(
        "booking/unit_desk_section.html",
        {"unit": unit, "loans": selectors.loans_of_unit(unit, timezone.localdate())},
    )
