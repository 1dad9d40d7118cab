"""'Print QR labels' for the units and packs chosen in their admin lists (a Wagtail bulk action).

The action's page is the A4 sheet itself: a 3 × 7 grid (63.5 × 38.1 mm labels), one label per
unit or pack of the staff's own centres, each a QR code to its page with tag and short name.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from videnscenter import rules

from .labels import label_for
from .models import MobilePack, Unit


class PrintLabelsBulkAction(SnippetBulkAction):
    display_name = _("Print QR labels")
    action_type = "print_labels"
    aria_label = _("Print QR labels for the chosen items")
    template_name = "catalogue/admin/labels.html"
    action_priority = 10
    models = [Unit, MobilePack]

    def check_perm(self, obj) -> bool:
        return rules.allowed(self.request.user, "catalogue.manage", obj)

    def get_queryset(self, model, object_ids):
        related = ("equipment__owning_centre",) if model is Unit else ("owning_centre",)
        return model.objects.filter(pk__in=object_ids).select_related(*related).order_by("pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["labels"] = [label_for(entry["item"]) for entry in context["items"]]
        return context
