"""A person's own data: read it, download it as JSON, ask to be erased (or change their mind)."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ..models import ErasureRequest
from . import selectors, services


@never_cache
@login_required
def my_data(request):
    return render(
        request,
        "accounts/my_data.html",
        {
            "sections": selectors.person_data(request.user),
            "erasure_request": ErasureRequest.objects.filter(user=request.user).first(),
        },
    )


@never_cache
@login_required
def my_data_json(request):
    body = json.dumps(selectors.person_data_json(request.user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"videnscenter-mine-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_POST
@login_required
def erasure_request(request):
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm that you want to be erased."))
        return redirect("accounts:my_data")
    services.erasure_request_create(person=request.user)
    messages.success(
        request,
        _("We have received your request. The centre's staff will erase your data; then you can no longer log in."),
    )
    return redirect("accounts:my_data")


@require_POST
@login_required
def erasure_withdraw(request):
    services.erasure_request_withdraw(person=request.user)
    messages.success(request, _("Your request to be erased has been withdrawn."))
    return redirect("accounts:my_data")
