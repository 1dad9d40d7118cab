"""The staff's dashboard panel: the work waiting today, each count a link to the list that holds it.

Added for people with ``booking.view_booking`` (``booking/wagtail_hooks.py``)."""

from django.utils import timezone
from wagtail.admin.ui.components import Component

from .. import selectors


class DeskPanel(Component):
    name = "booking_desk"
    template_name = "booking/admin/desk_panel.html"
    order = 50  # above Wagtail's own panels

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        today = timezone.localdate()
        return {"items": selectors.desk(self.request.user, today), "today": today}
