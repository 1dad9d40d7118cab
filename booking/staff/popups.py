"""PopUp centres in the Wagtail admin (menu "PopUp og vedligehold", registered in ``booking/wagtail_hooks.py``).

- PopUp centres are edited as drafts: details, packs and the equipment list (an InlinePanel of
  ``PopUpItem``). "Schedule" and "Cancel" are separate POST views that call the services; once
  scheduled, host, centre, dates, packs and equipment are read-only.
- Maintenance windows are created through ``maintenance_schedule`` and removed through
  ``maintenance_cancel``; editing only changes the reason.
- "Take out of service" for a unit lists the bookings that hold it, with substitute units and a
  swap button per booking.
Only the owning centre's staff change anything; everybody with the model permission may look.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.validators import MaxValueValidator, MinValueValidator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters import ModelChoiceFilter
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, Panel
from wagtail.admin.views.generic import CreateView, DeleteView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button

from catalogue.models import Equipment, MobilePack
from catalogue.permissions import CentreOwnedPermissionPolicy, InstancePermissionMixin
from videnscenter import rules
from videnscenter.errors import ServiceError
from videnscenter.models import Organisation

from ..models import PopUpCentre, PopUpItem
from ..popups import services as popups

MENU_PERMISSION = "booking.add_popupcentre"
LOCKED_FIELDS = ("host", "owning_centre", "start_date", "end_date", "packs")


# --- permissions ---------------------------------------------------------------------------------


class PopUpPermissionPolicy(CentreOwnedPermissionPolicy):
    """A scheduled PopUp cannot be deleted (its reservations would silently disappear): cancel it first."""

    def allows(self, action, instance):
        return not (action == "delete" and instance.status == PopUpCentre.Status.SCHEDULED)


# --- PopUp centre form -------------------------------------------------------------------------------


class PopUpItemForm(WagtailAdminModelForm):
    """One equipment line of a PopUp: only active equipment of the editor's centres."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fields["equipment"].queryset = Equipment.objects.filter(
            is_active=True, owning_centre__in=rules.managed_centre_ids(for_user)
        ).order_by("name")
        quantity = self.fields["quantity"]
        quantity.validators += [MinValueValidator(1), MaxValueValidator(50)]
        quantity.widget.attrs.update(min=1, max=50)

    class Meta:
        model = PopUpItem
        fields = ["equipment", "quantity"]


class PopUpItemsPanel(InlinePanel):
    """InlinePanel whose rows are ``PopUpItemForm``s and know who is editing."""

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name].update(form=PopUpItemForm, inherit_kwargs=["for_user"])
        return options


class PopUpForm(WagtailAdminModelForm):
    """Offers only the editor's centres, their packs and equipment, and schools as hosts.

    Once the PopUp is scheduled or cancelled, host, centre, dates, packs and equipment are
    disabled: the browser cannot change them, whatever it posts.
    """

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        centre_ids = rules.managed_centre_ids(for_user)
        centres = Organisation.objects.centres().filter(pk__in=centre_ids)
        packs = MobilePack.objects.filter(is_active=True, owning_centre__in=centre_ids).order_by("name")
        if "owning_centre" in self.fields:
            self.fields["owning_centre"].queryset = centres
            if not self.instance.pk and len(centre_ids) == 1:
                self.fields["owning_centre"].initial = next(iter(centre_ids))
        if "host" in self.fields:
            self.fields["host"].queryset = Organisation.objects.filter(kind__in=popups.HOST_KINDS).order_by("name")
        if "packs" in self.fields:
            self.fields["packs"].queryset = packs
        self.is_locked = bool(self.instance.pk) and self.instance.status != PopUpCentre.Status.DRAFT
        if self.is_locked:
            self._lock()

    def _lock(self) -> None:
        for name in LOCKED_FIELDS:
            if name in self.fields:
                field = self.fields[name]
                field.disabled = True
                if hasattr(field, "queryset"):
                    # A disabled field keeps its current value, so the choices must include it.
                    field.queryset = field.queryset.model.objects.all()
        items = self.formsets.get("items")
        if items is not None:
            items.max_num = items.initial_form_count()  # no "Add" button
            for form in items.forms:
                for field in form.fields.values():
                    field.disabled = True
                form.fields["equipment"].queryset = Equipment.objects.all()

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The last day must be on or after the first day."))
        centre = cleaned.get("owning_centre")
        if centre is None or self.is_locked:
            return cleaned
        wrong = [p.name for p in cleaned.get("packs") or [] if p.owning_centre_id != centre.pk]
        items = self.formsets.get("items")
        if items is not None and items.is_valid():
            wrong += [
                f.cleaned_data["equipment"].name
                for f in items.forms
                if f.cleaned_data.get("equipment")
                and not f.cleaned_data.get("DELETE")
                and f.cleaned_data["equipment"].owning_centre_id != centre.pk
            ]
        if wrong:
            self.add_error(
                None,
                _("%(items)s belong to another centre than the PopUp centre's.") % {"items": ", ".join(wrong)},
            )
        return cleaned

    def save(self, commit=True):
        if self.instance.pk and self.instance.status == PopUpCentre.Status.SCHEDULED and self.has_changed():
            # What the public sees changed: calendar clients must replace their copy.
            self.instance.sequence += 1
        return super().save(commit=commit)


class PopUpStatusPanel(Panel):
    """Status, reserved units and the links to schedule or cancel (not a form field)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "booking/admin/popup_status_panel.html"

        def is_shown(self):
            return bool(self.instance.pk)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            popup = self.instance
            context["popup"] = popup
            context["reservations"] = popup.reservations.filter(is_active=True).select_related("unit__equipment")
            if rules.allowed(self.request.user, "popup.manage", popup):
                context["actions"] = _popup_actions(popup)
            return context


def _popup_actions(popup: PopUpCentre) -> list[dict]:
    actions = []
    if popup.status == PopUpCentre.Status.DRAFT:
        actions.append(
            {"label": _("Schedule (reserve units)"), "url": reverse("booking_popup:schedule", args=[popup.pk])}
        )
    if popup.status != PopUpCentre.Status.CANCELLED:
        actions.append({"label": _("Cancel"), "url": reverse("booking_popup:cancel", args=[popup.pk])})
    return actions


# --- PopUp centre views ----------------------------------------------------------------------------


class PopUpFilterSet(WagtailFilterSet):
    owning_centre = ModelChoiceFilter(queryset=Organisation.objects.centres(), label=gettext_lazy("Centre"))

    class Meta:
        model = PopUpCentre
        fields = ["status", "owning_centre"]


class PopUpIndexView(IndexView):
    queryset = PopUpCentre.objects.select_related("host", "owning_centre")


class PopUpCreateView(CreateView):
    def get_success_url(self):
        # The next step is the equipment list and "Schedule", both on the edit page.
        return reverse(self.edit_url_name, args=[self.object.pk])


class PopUpEditView(InstancePermissionMixin, EditView):
    instance_action = "change"

    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if rules.allowed(self.request.user, "popup.manage", self.object):
            buttons += [
                Button(a["label"], url=a["url"], icon_name="calendar-check", priority=5)
                for a in _popup_actions(self.object)
            ]
        return buttons


class PopUpDeleteView(InstancePermissionMixin, DeleteView):
    instance_action = "delete"


def _managed_popup(request: HttpRequest, pk: int) -> PopUpCentre:
    popup = get_object_or_404(PopUpCentre.objects.select_related("host", "owning_centre"), pk=pk)
    if not rules.allowed(request.user, "popup.manage", popup):
        raise PermissionDenied
    return popup


def _popup_action_view(request: HttpRequest, pk: int, *, action: str) -> HttpResponse:
    popup = _managed_popup(request, pk)
    edit_url = reverse("booking_popup:edit", args=[popup.pk])
    if request.method == "POST":
        try:
            if action == "schedule":
                popups.popup_schedule(actor=request.user, popup=popup)
                messages.success(request, _("“%(title)s” is scheduled; its units are reserved.") % {"title": popup})
            else:
                popups.popup_cancel(actor=request.user, popup=popup)
                messages.success(request, _("“%(title)s” is cancelled; its units are free again.") % {"title": popup})
        except ServiceError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect(edit_url)
    title = _("Schedule the PopUp centre") if action == "schedule" else _("Cancel the PopUp centre")
    return render(
        request,
        "booking/admin/popup_confirm.html",
        {
            "popup": popup,
            "action": action,
            "items": popup.items.select_related("equipment").order_by("equipment__name"),
            "packs": popup.packs.order_by("name"),
            "reserved_count": popup.reservations.filter(is_active=True).count(),
            "edit_url": edit_url,
            "page_title": title,
            "header_title": title,
            "header_icon": "calendar-check",
        },
    )


def popup_schedule_view(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: what will be reserved; POST: reserve it (``popup_schedule``)."""
    return _popup_action_view(request, pk, action="schedule")


def popup_cancel_view(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: are you sure; POST: cancel and free the units (``popup_cancel``)."""
    return _popup_action_view(request, pk, action="cancel")


class PopUpViewSet(ModelViewSet):
    model = PopUpCentre
    name = "popup"
    url_prefix = "popupcentre"
    url_namespace = "booking_popup"
    icon = "site"
    menu_label = gettext_lazy("PopUp centres")
    copy_view_enabled = False  # a copy would not bring its equipment along
    index_view_class = PopUpIndexView
    add_view_class = PopUpCreateView
    edit_view_class = PopUpEditView
    delete_view_class = PopUpDeleteView
    list_display = ["title", "host", "start_date", "end_date", "status", "owning_centre"]
    filterset_class = PopUpFilterSet
    search_fields = ["title"]
    ordering = ["-start_date"]
    edit_handler = ObjectList(
        [
            PopUpStatusPanel(heading=gettext_lazy("Status")),
            MultiFieldPanel([FieldPanel("title"), FieldPanel("slug")], heading=gettext_lazy("Name")),
            FieldRowPanel([FieldPanel("host"), FieldPanel("owning_centre")]),
            FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
            FieldPanel("opening_hours"),
            FieldPanel("description"),
            PopUpItemsPanel(
                "items",
                heading=gettext_lazy("Equipment"),
                label=gettext_lazy("Equipment"),
                panels=[FieldRowPanel([FieldPanel("equipment"), FieldPanel("quantity")])],
            ),
            FieldPanel("packs", widget=forms.CheckboxSelectMultiple),
        ],
        base_form_class=PopUpForm,
    )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/planlaeg/", popup_schedule_view, name="schedule"),
            path("<int:pk>/aflys/", popup_cancel_view, name="cancel"),
        ]
