"""Public PopUp centre pages: where and when equipment can be tried. No login needed."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from ..models import PopUpCentre
from . import selectors


def popup_list(request: HttpRequest) -> HttpResponse:
    """PopUp centres that are running now or coming, split in two groups."""
    today = timezone.localdate()
    found = list(selectors.public_popups(today))
    return render(
        request,
        "booking/popup_list.html",
        {
            "running": [p for p in found if p.start_date <= today],
            "coming": [p for p in found if p.start_date > today],
        },
    )


def popup_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """One scheduled PopUp centre; drafts and cancelled ones do not exist for the public."""
    try:
        popup = selectors.public_popup(slug)
    except PopUpCentre.DoesNotExist:
        raise Http404
    today = timezone.localdate()
    return render(
        request,
        "booking/popup_detail.html",
        {
            "popup": popup,
            "is_running": popup.start_date <= today <= popup.end_date,
            "has_ended": popup.end_date < today,
        },
    )
