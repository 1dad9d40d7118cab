"""Shared for the personal-data tests: a person with data in every corner, and the report's figures."""

from collections import Counter
from datetime import date, timedelta

from axes.models import AccessLog
from django.apps import apps
from django.db import models
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.log_actions import log

from booking import services as booking_services
from booking.calendar import services as calendar_services
from booking.models import Booking, CalendarSubscription
from cms import services as cms_services
from cms.models import DownloadCount, MaterialEvaluation
from tests.booking.conftest import TODAY
from tests.conftest import member
from videnscenter.models import Invitation, Role
from videnscenter.privacy import services as privacy_services

MON = date(2031, 3, 10)

# Distinctive values, so that finding one anywhere means it was not erased.
FIRST, LAST, EMAIL = "Quirinus", "Xylograf", "quirinus.xylograf@kildebakken.example"
CLASS = "Hold Zebrafink"
NOTE = "Nøglen ligger hos ZORBASNOTE"
CANCEL_NOTE = "AFLYSNINGSGRUND-QX"
FEED_NAME = "Min QXCAL-kalender"
COMMENT = "KOMMENTAR-QX om forløbet"
PERSONAL_VALUES = [FIRST, LAST, EMAIL, CLASS, NOTE, "ZORBASNOTE", CANCEL_NOTE, "QXCAL", "KOMMENTAR-QX"]


def book(actor, school, lift, *, start=MON, days=2, **fields) -> Booking:
    """A request through the booking service, as of the suite's fixed ``TODAY``."""
    return booking_services.booking_request(
        actor=actor,
        organisation=school,
        equipment=lift,
        start_date=start,
        end_date=start + timedelta(days=days),
        today=TODAY,
        **fields,
    )


def person_with_everything(*, school, staff, lift, course):
    """A teacher with bookings (notes, class, a cancellation), a calendar feed, an evaluation, an
    invitation, sign-in records, admin log entries by and about them, and a request to be erased."""
    person = member(school, Role.TEACHER, email=EMAIL, first_name=FIRST, last_name=LAST)
    kept = book(person, school, lift, days=4, class_name=CLASS, student_count=24, note=NOTE)
    booking_services.booking_approve(actor=staff, booking=kept, note="Hent den ved porten")
    cancelled = book(person, school, lift, start=MON + timedelta(days=14), days=1, note=NOTE)
    booking_services.booking_cancel(actor=person, booking=cancelled, note=CANCEL_NOTE)
    subscription, _token = calendar_services.subscription_create(
        owner=person, kind=CalendarSubscription.Kind.MINE, name=FEED_NAME
    )
    calendar_services.record_fetch(subscription)
    cms_services.material_evaluate(
        material=course,
        respondent=cms_services.respondent_key(user=person, session_key=None),
        user=person,
        downloaded=True,
        rating=4,
        usable="yes",
        comment=COMMENT,
    )
    Invitation.objects.create(
        email=EMAIL,
        organisation=school,
        role=Role.TEACHER,
        token_hash="a" * 64,
        invited_by=staff,
        expires_at=timezone.now() + timedelta(days=3),
        accepted_at=timezone.now(),
        accepted_by=person,
    )
    AccessLog.objects.create(username=EMAIL, ip_address="192.0.2.7", user_agent="Firefox QX", http_accept="*/*")
    log(instance=person, action="wagtail.edit", user=staff)  # about them: the label is their name
    log(instance=lift, action="wagtail.edit", user=person)  # by them
    privacy_services.erasure_request_create(person=person)
    return person


def text_hits(values: list[str]) -> list[str]:
    """Every character, text and JSON column of every table that still holds one of ``values``."""
    hits = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, (models.CharField, models.TextField)):
                column = field.attname
                rows = model._default_manager.all()
            elif isinstance(field, models.JSONField):
                column = "_as_text"
                rows = model._default_manager.annotate(_as_text=Cast(field.attname, models.TextField()))
            else:
                continue
            for value in values:
                if rows.filter(**{f"{column}__icontains": value}).exists():
                    hits.append(f"{model._meta.label}.{field.name} holds {value!r}")
    return hits


def report_figures() -> dict:
    """What the yearly report counts: bookings, loan days and students per school, equipment and
    year; downloads; evaluations and their ratings per material."""
    bookings = Counter()
    loan_days = Counter()
    students = Counter()
    for b in Booking.objects.all():
        key = (b.organisation_id, b.owning_centre_id, b.equipment_id, b.pack_id, b.start_date.year, b.status)
        bookings[key] += 1
        loan_days[key] += b.loan_days
        students[key] += b.student_count or 0
    evaluations = Counter()
    for e in MaterialEvaluation.objects.all():
        evaluations[(e.material_id, e.created_at.year, e.rating, e.usable)] += 1
    downloads = sorted(DownloadCount.objects.values_list("file_id", "year", "downloads"))
    return {
        "bookings": dict(bookings),
        "loan_days": dict(loan_days),
        "students": dict(students),
        "evaluations": dict(evaluations),
        "downloads": downloads,
    }
