"""Admin list columns shared by the apps' viewsets."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column


class YesNoColumn(Column):
    """A yes/no value as words ("Ja"/"Nej"), readable and translated, where Wagtail's
    BooleanColumn shows an icon titled "True"/"False" in English."""

    def get_value(self, instance):
        return _("Yes") if super().get_value(instance) else _("No")
