"""Erasing a person and the retention periods: nothing personal survives, the report's figures do."""

from datetime import date, timedelta

import pytest
from axes.models import AccessLog
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db.models.deletion import ProtectedError
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from booking import history
from booking import services as booking_services
from booking.models import Booking, CalendarSubscription
from cms.models import DownloadCount, MaterialEvaluation
from tests.cms.helpers import material
from tests.conftest import member
from tests.factories import UserFactory
from videnscenter.errors import ServiceError
from videnscenter.models import AnonymisationRecord, ErasureRequest, Invitation, Role, User
from videnscenter.privacy import services
from videnscenter.privacy.checks import retention_periods

from .privacy_helpers import (
    MON,
    NOTE,
    PERSONAL_VALUES,
    book,
    person_with_everything,
    report_figures,
    text_hits,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(centre):
    return material(centre)


@pytest.fixture
def person(school, staff, lift, course):
    return person_with_everything(school=school, staff=staff, lift=lift, course=course)


# --- erasing a person ----------------------------------------------------------------------------


def test_the_scan_finds_the_persons_values_before_erasure(person):
    """The scan below can fail: before the erasure it finds every value in its table."""
    hits = "\n".join(text_hits(PERSONAL_VALUES))
    for where in (
        "videnscenter.User.first_name",
        "booking.Booking.note",
        "booking.Booking.class_name",
        "wagtailcore.ModelLogEntry.data",
        "booking.CalendarSubscription.name",
        "cms.MaterialEvaluation.comment",
        "videnscenter.Invitation.email",
        "axes.AccessLog.username",
        "wagtailcore.ModelLogEntry.label",
    ):
        assert where in hits


def test_after_erasure_no_personal_value_remains_in_any_text_column(person, staff):
    services.person_anonymise(actor=staff, person=person)
    assert text_hits(PERSONAL_VALUES) == []


def test_erasure_keeps_the_bookings_with_school_dates_and_equipment(person, staff, school, lift):
    before = list(
        Booking.objects.order_by("pk").values_list(
            "pk", "organisation_id", "equipment_id", "start_date", "end_date", "student_count", "status"
        )
    )
    services.person_anonymise(actor=staff, person=person)
    after = list(
        Booking.objects.order_by("pk").values_list(
            "pk", "organisation_id", "equipment_id", "start_date", "end_date", "student_count", "status"
        )
    )
    assert after == before
    for booking in Booking.objects.all():
        assert (booking.requester_id, booking.created_by_id) == (None, None)
        assert (booking.class_name, booking.note, booking.decision_note) == ("", "", "")
    assert not any(entry.data.get("note") for entry in history.booking_entries())
    assert history.booking_entries().count() == 4  # the history of statuses stays


def test_the_report_figures_are_unchanged_by_erasure_and_by_retention(person, staff, course):
    DownloadCount.objects.create(file=course.files.first(), year=2031, downloads=7)
    before = report_figures()
    assert before["bookings"] and before["evaluations"] and before["students"]
    services.person_anonymise(actor=staff, person=person)
    assert report_figures() == before
    services.retention_apply(now=timezone.now() + timedelta(days=20 * 365))
    assert report_figures() == before


def test_erasure_deletes_the_account_and_its_links_and_is_logged_without_the_data(person, staff):
    pk = person.pk
    record = services.person_anonymise(actor=staff, person=person)
    assert not User.objects.filter(pk=pk).exists()
    assert not CalendarSubscription.objects.exists()
    assert not ErasureRequest.objects.exists()
    assert not Invitation.objects.exists()
    assert not AccessLog.objects.exists()
    evaluation = MaterialEvaluation.objects.get()
    assert (evaluation.user, evaluation.comment, evaluation.rating) == (None, "", 4)
    assert evaluation.respondent.startswith("erased-")
    assert record.actor == staff and record.reason == AnonymisationRecord.Reason.REQUEST
    assert record.requested_at is not None
    assert record.counts["bookings"] >= 2 and record.counts["account"] == 1
    assert record.total == sum(record.counts.values())
    entry = ModelLogEntry.objects.get(action=services.LOG_ACTION)
    assert entry.user_id == staff.pk and entry.object_id == str(record.pk)
    assert not ModelLogEntry.objects.filter(user_id=pk).exists()


def test_erasure_without_a_request_is_recorded_as_staffs_decision(school, staff):
    teacher = member(school, Role.TEACHER, email="uden.anmodning@kildebakken.example")
    record = services.person_anonymise(actor=staff, person=teacher)
    assert record.reason == AnonymisationRecord.Reason.STAFF and record.requested_at is None


def test_a_person_with_bookings_cannot_be_deleted_without_erasure(person):
    with pytest.raises(ProtectedError):
        User.objects.get(pk=person.pk).delete()


def test_equipment_on_loan_blocks_erasure_and_changes_nothing(teacher, school, staff, lift):
    booking = book(teacher, school, lift, note=NOTE)
    booking_services.booking_approve(actor=staff, booking=booking)
    booking_services.booking_hand_out(actor=staff, booking=booking, today=MON)
    with pytest.raises(ServiceError) as error:
        services.person_anonymise(actor=staff, person=teacher)
    assert booking.reference in str(error.value)
    booking.refresh_from_db()
    assert booking.requester == teacher and booking.note == NOTE
    assert not AnonymisationRecord.objects.exists()


def test_a_coordinators_erasure_keeps_the_teacher_they_booked_for(coordinator, teacher, school, lift, staff):
    booking = book(coordinator, school, lift, requester=teacher, class_name="Hold 3", note="Skrevet af koordinatoren")
    services.person_anonymise(actor=staff, person=coordinator)
    booking.refresh_from_db()
    assert booking.requester == teacher and booking.created_by is None
    assert booking.note == "" and booking.class_name == "Hold 3"


def test_erasing_staff_removes_their_decision_notes_and_their_name_from_histories(teacher, school, lift, staff, centre):
    colleague = member(centre, Role.CENTRE_STAFF, email="kollega@oest.example")
    booking = book(teacher, school, lift)
    booking_services.booking_reject(actor=colleague, booking=booking, reason="Kollegas begrundelse KB")
    services.person_anonymise(actor=staff, person=colleague)
    booking.refresh_from_db()
    assert booking.decision_note == "" and booking.requester == teacher
    assert not any("KB" in entry.data.get("note", "") for entry in history.booking_entries())
    rejected = history.booking_entries(Booking.objects.filter(pk=booking.pk)).filter(action="booking.rejected")
    assert rejected.filter(user=None).exists()


# --- who may erase whom ----------------------------------------------------------------------------


def test_staff_of_the_persons_centre_may_erase_them(teacher, staff):
    services.person_anonymise(actor=staff, person=teacher)
    assert not User.objects.filter(email=teacher.email).exists()


@pytest.mark.parametrize("who", ["other_staff", "coordinator", "leader", "pending_teacher"])
def test_nobody_else_may_erase_a_person(request, teacher, who):
    actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.person_anonymise(actor=actor, person=teacher)
    assert User.objects.filter(pk=teacher.pk).exists()


def test_a_teacher_may_not_erase_a_colleague(teacher, school):
    colleague = member(school, Role.TEACHER, email="kollega@kildebakken.example")
    with pytest.raises(PermissionDenied):
        services.person_anonymise(actor=teacher, person=colleague)
    assert User.objects.filter(pk=colleague.pk).exists()


def test_a_superuser_may_erase_anyone_but_themself(teacher, other_staff):
    admin = UserFactory(is_superuser=True, is_staff=True)
    services.person_anonymise(actor=admin, person=teacher)
    services.person_anonymise(actor=admin, person=other_staff)
    with pytest.raises(ServiceError):
        services.person_anonymise(actor=admin, person=admin)
    assert User.objects.filter(pk=admin.pk).exists()


def test_staff_cannot_erase_themselves_or_a_superuser(staff):
    with pytest.raises(ServiceError):
        services.person_anonymise(actor=staff, person=staff)
    admin = UserFactory(is_superuser=True)
    with pytest.raises(PermissionDenied):
        services.person_anonymise(actor=staff, person=admin)


def test_a_teacher_who_left_the_school_is_still_erased_by_the_centre_of_their_bookings(
    teacher, school, lift, staff, other_staff
):
    book(teacher, school, lift)
    teacher.memberships.all().delete()
    with pytest.raises(PermissionDenied):
        services.person_anonymise(actor=other_staff, person=teacher)
    services.person_anonymise(actor=staff, person=teacher)


# --- asking to be erased --------------------------------------------------------------------------


def test_asking_to_be_erased_tells_the_staff_of_the_persons_centre_only(teacher, staff, other_staff, committing):
    from django.core import mail

    committing(services.erasure_request_create, person=teacher)
    assert ErasureRequest.objects.filter(user=teacher).exists()
    assert [m.to for m in mail.outbox] == [[staff.email]]
    assert teacher.email not in mail.outbox[0].body and teacher.last_name not in mail.outbox[0].body
    committing(services.erasure_request_create, person=teacher)  # asking twice changes nothing
    assert ErasureRequest.objects.count() == 1 and len(mail.outbox) == 1


# --- retention ----------------------------------------------------------------------------------------


def _old_booking(teacher, school, lift, *, ended: date, status=Booking.Status.CLOSED, **fields) -> Booking:
    return Booking.objects.create(
        reference=f"B-{Booking.objects.count():06d}",
        requester=teacher,
        created_by=teacher,
        organisation=school,
        owning_centre=lift.owning_centre,
        equipment=lift,
        start_date=ended - timedelta(days=3),
        end_date=ended,
        status=status,
        class_name="Hold 1",
        note="En note",
        decision_note="Svar",
        student_count=20,
        **fields,
    )


NOW = timezone.make_aware(timezone.datetime(2031, 6, 1, 3, 0))


def test_retention_blanks_who_booked_after_three_years_and_notes_after_one(teacher, school, lift):
    ancient = _old_booking(teacher, school, lift, ended=date(2028, 5, 1))
    last_year = _old_booking(teacher, school, lift, ended=date(2030, 3, 1))
    recent = _old_booking(teacher, school, lift, ended=date(2031, 4, 1))
    still_out = _old_booking(teacher, school, lift, ended=date(2027, 1, 1), status=Booking.Status.HANDED_OUT)
    counts = services.retention_apply(now=NOW)
    for booking in (ancient, last_year, recent, still_out):
        booking.refresh_from_db()
    assert (ancient.requester, ancient.created_by, ancient.class_name, ancient.note) == (None, None, "", "")
    assert ancient.student_count == 20 and ancient.organisation == school
    assert last_year.requester == teacher and (last_year.note, last_year.decision_note) == ("", "")
    assert recent.requester == teacher and recent.note == "En note"
    assert still_out.requester == teacher and still_out.note == "En note"
    assert counts["booking.personal_fields"] == 1 and counts["booking.notes"] == 2


def test_retention_periods_come_from_the_settings(teacher, school, lift, settings):
    booking = _old_booking(teacher, school, lift, ended=date(2031, 5, 1))
    settings.PERSONAL_DATA_RETENTION_DAYS = {**settings.PERSONAL_DATA_RETENTION_DAYS, "notes": 10}
    services.retention_apply(now=NOW)
    booking.refresh_from_db()
    assert booking.note == "" and booking.requester == teacher


def test_retention_erases_old_evaluation_comments_but_keeps_the_rating(teacher, course):
    old = MaterialEvaluation.objects.create(
        material=course, rating=5, usable="yes", comment="Gammel", respondent="x", user=teacher
    )
    MaterialEvaluation.objects.filter(pk=old.pk).update(created_at=NOW - timedelta(days=800))
    new = MaterialEvaluation.objects.create(
        material=course, rating=2, usable="no", comment="Ny", respondent="y", user=teacher
    )
    MaterialEvaluation.objects.filter(pk=new.pk).update(created_at=NOW - timedelta(days=10))
    services.retention_apply(now=NOW)
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.comment, old.user, old.rating) == ("", None, 5)
    assert (new.comment, new.user) == ("Ny", teacher)


def test_retention_forgets_feed_fetches_sign_ins_invitations_and_log_entries(teacher, school, staff, lift):
    def feed(name, **fields):
        return CalendarSubscription.objects.create(
            owner=teacher, kind="mine", name=name, token_hash=name * 64, **fields
        )

    fetched = feed("1", last_fetched_at=NOW - timedelta(days=100), fetch_count=9)
    revoked = feed("2", revoked_at=NOW - timedelta(days=100))
    fresh = feed("3", last_fetched_at=NOW - timedelta(days=1), fetch_count=2)
    AccessLog.objects.create(username=teacher.email, ip_address="192.0.2.1", user_agent="x", http_accept="*/*")
    AccessLog.objects.update(attempt_time=NOW - timedelta(days=91))
    Invitation.objects.create(
        email="gammel@kildebakken.example",
        organisation=school,
        role=Role.TEACHER,
        token_hash="4" * 64,
        invited_by=staff,
        expires_at=NOW - timedelta(days=120),
    )
    never_confirmed = UserFactory(is_active=False)
    User.objects.filter(pk=never_confirmed.pk).update(date_joined=NOW - timedelta(days=120))
    log(instance=lift, action="wagtail.edit", user=staff)
    ModelLogEntry.objects.update(timestamp=NOW - timedelta(days=800))
    services.retention_apply(now=NOW)
    fetched.refresh_from_db()
    fresh.refresh_from_db()
    assert (fetched.last_fetched_at, fetched.fetch_count) == (None, 0)
    assert fresh.fetch_count == 2
    assert not CalendarSubscription.objects.filter(pk=revoked.pk).exists()
    assert not AccessLog.objects.exists()
    assert not Invitation.objects.exists()
    assert not User.objects.filter(pk=never_confirmed.pk).exists()
    assert User.objects.filter(pk=teacher.pk).exists()
    assert ModelLogEntry.objects.exclude(action=services.LOG_ACTION).get().user_id is None


def test_a_dry_run_counts_and_changes_nothing(teacher, school, lift):
    booking = _old_booking(teacher, school, lift, ended=date(2028, 5, 1))
    counts = services.retention_apply(now=NOW, dry_run=True)
    booking.refresh_from_db()
    assert counts["booking.personal_fields"] == 1
    assert booking.requester == teacher and not AnonymisationRecord.objects.exists()


def test_the_daily_run_is_logged_and_a_second_run_changes_nothing(teacher, school, lift):
    _old_booking(teacher, school, lift, ended=date(2028, 5, 1))
    first = services.retention_apply(now=NOW)
    second = services.retention_apply(now=NOW)
    assert sum(first.values()) > 0 and sum(second.values()) == 0
    record = AnonymisationRecord.objects.get()
    assert record.reason == AnonymisationRecord.Reason.RETENTION and record.actor is None
    assert record.total == sum(first.values())


def test_the_command_reports_each_rule(teacher, school, lift, capsys):
    _old_booking(teacher, school, lift, ended=date(2020, 5, 1))
    call_command("apply_retention", "--dry-run")
    out = capsys.readouterr().out
    assert "booking.personal_fields" in out and "would be anonymised" in out
    assert Booking.objects.get().requester == teacher
    call_command("apply_retention")
    assert Booking.objects.get().requester is None


def test_a_missing_or_bad_retention_period_fails_the_checks(settings):
    assert retention_periods() == []
    settings.PERSONAL_DATA_RETENTION_DAYS = {**settings.PERSONAL_DATA_RETENTION_DAYS, "notes": 0}
    del settings.PERSONAL_DATA_RETENTION_DAYS["evaluations"]
    messages = [error.msg for error in retention_periods()]
    assert len(messages) == 2 and any("notes" in m for m in messages) and any("evaluations" in m for m in messages)
