"""The portal's request form for SOSU schools (``/henvendelse/``)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from videnscenter.errors import ServiceError, add_to_form

from . import services
from .forms import SchoolRequestForm


def school_request(request):
    """Ask for bridge-building material, new material or something else. Teachers and coordinators only."""
    schools = services.sender_schools(request.user) if request.user.is_authenticated else []
    form = None
    if schools:
        form = SchoolRequestForm(request.POST or None, schools=schools)
        if request.method == "POST" and form.is_valid():
            try:
                services.school_request_send(sender=request.user, **form.cleaned_data)
            except ServiceError as exc:
                add_to_form(form, exc)
            else:
                messages.success(request, _("Thank you. The centre has received your request and will answer you."))
                return redirect("cms:school_request")
    return render(request, "cms/school_request.html", {"form": form})
