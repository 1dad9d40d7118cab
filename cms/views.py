"""Portal views outside the page tree: material downloads, evaluations and the site search."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from videnscenter.errors import ServiceError, add_to_form
from videnscenter.helpers.counters import is_counted_visitor, start_visitor_session, visitor_of

from . import selectors, services
from .forms import EvaluationForm
from .models import TeachingMaterialFile, TeachingMaterialPage


@require_GET
def material_download(request, file_id: int):
    """Send the file, count the download and remember it, so the evaluation is offered."""
    try:
        file = selectors.material_file(file_id)
    except TeachingMaterialFile.DoesNotExist:
        raise Http404
    try:
        handle = file.document.file.open("rb")
    except FileNotFoundError:
        raise Http404
    visitor = visitor_of(request)
    if visitor:
        services.material_download_record(file=file, today=timezone.localdate(), visitor=visitor)
    downloaded = selectors.downloaded_materials(request.session)
    if file.page_id not in downloaded:
        request.session[selectors.DOWNLOADED_KEY] = sorted(downloaded | {file.page_id})
    return FileResponse(handle, as_attachment=True, filename=file.document.filename)


def material_page_context(material: TeachingMaterialPage, request) -> dict:
    """What a material page shows: its files and rating, and the evaluation form to fill in.

    A browser gets a session here, so that its downloads from the page can be counted.
    """
    if is_counted_visitor(request.headers.get("User-Agent", "")):
        start_visitor_session(request)
    return {**selectors.material_context(material, request), "evaluation_form": EvaluationForm()}


@require_POST
def material_evaluate(request, page_id: int):
    """Store an evaluation of a material page, then go back to the page; a form with errors is shown on the page."""
    material = get_object_or_404(selectors.published_materials(), pk=page_id)
    form = EvaluationForm(request.POST)
    if form.is_valid():
        if not request.session.session_key:
            request.session.save()
        try:
            services.material_evaluate(
                material=material,
                respondent=services.respondent_key(user=request.user, session_key=request.session.session_key),
                user=request.user,
                downloaded=material.pk in selectors.downloaded_materials(request.session),
                **form.cleaned_data,
            )
        except ServiceError as exc:
            if hasattr(exc, "error_dict"):
                add_to_form(form, exc)
            else:
                messages.info(request, " ".join(exc.messages))
                return redirect(material.url + "#evaluering")
        else:
            messages.success(request, _("Thank you for your evaluation."))
            return redirect(material.url + "#evaluering")
    context = material.get_context(request)
    context["evaluation_form"] = form
    return TemplateResponse(request, material.get_template(request), context)


@require_GET
def search(request):
    return render(request, "cms/search.html", selectors.site_search(request.GET.get("q", "")))
