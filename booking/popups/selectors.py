"""Public reads of PopUp centres: the running and coming ones, and one by its slug."""

from datetime import date

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from ..models import PopUpCentre, PopUpItem

P = PopUpCentre.Status


def public_popups(today: date | None = None) -> QuerySet[PopUpCentre]:
    """Scheduled PopUp centres that are running or coming, with what the public pages show."""
    today = today or timezone.localdate()
    items = PopUpItem.objects.select_related("equipment").order_by("equipment__name")
    return (
        PopUpCentre.objects.filter(status=P.SCHEDULED, end_date__gte=today)
        .select_related("host", "owning_centre")
        .prefetch_related(Prefetch("items", queryset=items), "packs")
        .order_by("start_date", "title", "pk")
    )


def public_popup(slug: str) -> PopUpCentre:
    """One scheduled PopUp centre (ended ones included, so old links keep working). Raises DoesNotExist."""
    items = PopUpItem.objects.select_related("equipment").order_by("equipment__name")
    return (
        PopUpCentre.objects.filter(status=P.SCHEDULED, slug=slug)
        .select_related("host", "owning_centre")
        .prefetch_related(Prefetch("items", queryset=items), "packs")
        .get()
    )
