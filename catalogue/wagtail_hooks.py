"""The "Udstyr" menu in the Wagtail admin: equipment, units, packs, categories, locations."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import DeleteView, EditView, SnippetViewSet, SnippetViewSetGroup
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView

from videnscenter.helpers.admin_columns import YesNoColumn
from videnscenter.helpers.admin_menu import PermissionMenuItem
from videnscenter.permissions import InstanceLinksMixin

from .admin_views import PERMISSION as IMPORT_PERMISSION
from .admin_views import admin_urls
from .bulk_actions import PrintLabelsBulkAction
from .choosers import UnitChooserViewSet
from .models import Category, Equipment, Location, MobilePack, Programme, Unit
from .permissions import CentreOwnedForm, CentreOwnedPermissionPolicy, InstancePermissionMixin

register_permission_policy(Equipment, CentreOwnedPermissionPolicy(Equipment))
register_permission_policy(MobilePack, CentreOwnedPermissionPolicy(MobilePack))
register_permission_policy(Unit, CentreOwnedPermissionPolicy(Unit, centre_field="equipment__owning_centre"))


class OwnedEditView(InstancePermissionMixin, EditView):
    instance_action = "change"


class OwnedDeleteView(InstancePermissionMixin, DeleteView):
    instance_action = "delete"


class OwnedIndexView(InstanceLinksMixin, SnippetIndexView):
    pass


class CentreOwnedViewSet(SnippetViewSet):
    # Admin search runs as plain ORM lookups over ``search_fields``: the same answer on SQLite and
    # PostgreSQL, partial words included, and never stale (the search index is not involved).
    search_backend_name = None
    index_view_class = OwnedIndexView
    edit_view_class = OwnedEditView
    delete_view_class = OwnedDeleteView


class EquipmentViewSet(CentreOwnedViewSet):
    model = Equipment
    icon = "pick"
    menu_label = _("Equipment")
    list_display = ["name", "category", "owning_centre", "placement", YesNoColumn("is_active", label=_("Shown"))]
    list_filter = ["category", "owning_centre", "placement", "is_active"]
    search_fields = ["name", "summary"]
    list_export = [
        "name",
        "slug",
        "category",
        "owning_centre",
        "placement",
        "buffer_before_days",
        "buffer_after_days",
        "max_loan_days",
        "min_notice_days",
        "is_active",
    ]
    export_filename = "udstyr"
    edit_handler = ObjectList(
        [
            MultiFieldPanel([FieldPanel("name"), FieldPanel("slug"), FieldPanel("summary")], heading=_("Name")),
            FieldPanel("description"),
            FieldRowPanel([FieldPanel("category"), FieldPanel("owning_centre")]),
            FieldRowPanel([FieldPanel("placement"), FieldPanel("home_location")]),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("buffer_before_days"), FieldPanel("buffer_after_days")]),
                    FieldRowPanel([FieldPanel("min_notice_days"), FieldPanel("max_loan_days")]),
                    FieldPanel("booking_horizon_months"),
                    FieldPanel("auto_approve"),
                    FieldRowPanel([FieldPanel("external_price"), FieldPanel("delivery_fee")]),
                ],
                heading=_("Loan rules"),
            ),
            FieldPanel("programmes"),
            FieldPanel("tags"),
            FieldPanel("is_active"),
            InlinePanel("images", label=_("Images"), panels=[FieldPanel("image"), FieldPanel("caption")]),
            InlinePanel("manuals", label=_("Manuals"), panels=[FieldPanel("document"), FieldPanel("title")]),
        ],
        base_form_class=CentreOwnedForm,
    )


class UnitViewSet(CentreOwnedViewSet):
    model = Unit
    icon = "tag"
    menu_label = _("Units")
    list_display = ["asset_tag", "equipment", "status", "current_location"]
    list_filter = ["status", "equipment__owning_centre", "equipment__category"]
    search_fields = ["asset_tag", "serial_number", "equipment__name"]
    list_export = ["asset_tag", "serial_number", "equipment", "status", "current_location", "condition_notes"]
    export_filename = "enheder"
    chooser_viewset_class = UnitChooserViewSet
    chooser_per_page = 25

    def get_queryset(self, request):
        return Unit.objects.select_related("equipment", "equipment__owning_centre", "current_location")

    edit_handler = ObjectList(
        [
            FieldPanel("equipment"),
            FieldRowPanel([FieldPanel("asset_tag"), FieldPanel("serial_number")]),
            # The status changes only through the unit's actions (take out of service, put back,
            # retire), each logged; the editor shows it.
            FieldRowPanel([FieldPanel("status", read_only=True), FieldPanel("current_location")]),
            FieldPanel("condition_notes"),
        ],
        base_form_class=CentreOwnedForm,
    )


class MobilePackViewSet(CentreOwnedViewSet):
    model = MobilePack
    icon = "folder-open-inverse"
    menu_label = _("Mobile packs")
    list_display = ["name", "owning_centre", "current_location", YesNoColumn("is_active", label=_("Shown"))]
    list_filter = ["owning_centre", "is_active"]
    search_fields = ["name", "summary"]
    list_export = ["name", "slug", "owning_centre", "current_location", "summary", "accessories"]
    export_filename = "mobile-pakker"
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("slug"),
            FieldPanel("summary"),
            FieldPanel("description"),
            FieldRowPanel([FieldPanel("owning_centre"), FieldPanel("current_location")]),
            FieldPanel("image"),
            FieldPanel("accessories"),
            FieldRowPanel([FieldPanel("external_price"), FieldPanel("delivery_fee")]),
            FieldPanel("is_active"),
            InlinePanel("items", label=_("Units in the pack"), panels=[FieldPanel("unit")]),
        ],
        base_form_class=CentreOwnedForm,
    )


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "list-ul"
    menu_label = _("Categories")
    list_display = ["name", "slug"]
    search_fields = ["name"]


class ProgrammeViewSet(SnippetViewSet):
    model = Programme
    icon = "user"
    menu_label = _("Programmes")
    list_display = ["name", "slug"]


class LocationViewSet(SnippetViewSet):
    model = Location
    icon = "site"
    menu_label = _("Locations")
    list_display = ["name", "kind", "organisation"]
    list_filter = ["kind"]
    search_fields = ["name", "address"]


class CatalogueGroup(SnippetViewSetGroup):
    menu_label = _("Equipment")
    menu_icon = "pick"
    menu_order = 200
    items = (EquipmentViewSet, UnitViewSet, MobilePackViewSet, CategoryViewSet, ProgrammeViewSet, LocationViewSet)

    def get_submenu_items(self):
        return [
            *super().get_submenu_items(),
            PermissionMenuItem(
                _("Import from CSV"),
                reverse("catalogue_import"),
                permission=IMPORT_PERMISSION,
                icon_name="upload",
                order=900,
            ),
        ]


hooks.register("register_bulk_action", PrintLabelsBulkAction)


@hooks.register("register_admin_viewset")
def register_catalogue():
    return CatalogueGroup()


@hooks.register("register_admin_urls")
def register_import_urls():
    return admin_urls()
