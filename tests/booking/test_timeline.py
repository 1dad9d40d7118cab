"""The timeline grid is computed from units and reservations alone, without the database."""

from datetime import date
from types import SimpleNamespace

from booking.staff.timeline import BOOKED, FREE, MAINTENANCE, OUT_OF_SERVICE, POPUP, TRANSIT, timeline_rows

MONDAY = date(2026, 3, 2)


def unit(pk, status="in_service"):
    return SimpleNamespace(pk=pk, asset_tag=f"TAG-{pk}", status=status)


def reservation(unit_pk, kind, start, end, blocked_start=None, blocked_end=None, reference="", title="", active=True):
    return SimpleNamespace(
        unit_id=unit_pk,
        kind=kind,
        start_date=start,
        end_date=end,
        blocked_start=blocked_start or start,
        blocked_end=blocked_end or end,
        booking=SimpleNamespace(reference=reference) if reference else None,
        popup=SimpleNamespace(title=title) if title else None,
        is_active=active,
    )


def states(row):
    return [cell.state for cell in row.cells]


def test_a_unit_without_reservations_is_free_every_day():
    rows = timeline_rows([unit(1)], [], MONDAY, 28)
    assert len(rows) == 1
    assert len(rows[0].cells) == 28
    assert rows[0].cells[0].day == MONDAY
    assert rows[0].cells[-1].day == date(2026, 3, 29)
    assert set(states(rows[0])) == {FREE}


def test_a_loan_is_booked_and_its_buffers_are_buffer_with_the_reference():
    loan = reservation(
        1, "booking", date(2026, 3, 4), date(2026, 3, 5), date(2026, 3, 3), date(2026, 3, 6), reference="B-ABC234"
    )
    row = timeline_rows([unit(1)], [loan], MONDAY, 7)[0]
    assert states(row) == [FREE, TRANSIT, BOOKED, BOOKED, TRANSIT, FREE, FREE]
    assert [c.reference for c in row.cells] == ["", "B-ABC234", "B-ABC234", "B-ABC234", "B-ABC234", "", ""]


def test_popup_and_maintenance_are_shown_as_such():
    popup = reservation(1, "popup", date(2026, 3, 2), date(2026, 3, 3), title="PopUp i Roskilde")
    repair = reservation(2, "maintenance", date(2026, 3, 3), date(2026, 3, 4))
    first, second = timeline_rows([unit(1), unit(2)], [popup, repair], MONDAY, 5)
    assert states(first) == [POPUP, POPUP, FREE, FREE, FREE]
    assert first.cells[0].label == "PopUp i Roskilde"
    assert states(second) == [FREE, MAINTENANCE, MAINTENANCE, FREE, FREE]


def test_rows_follow_the_order_of_the_units_and_ignore_other_units_reservations():
    loan = reservation(3, "booking", MONDAY, MONDAY, reference="B-XYZ234")
    rows = timeline_rows([unit(2), unit(1)], [loan], MONDAY, 2)
    assert [r.unit.pk for r in rows] == [2, 1]
    assert all(set(states(r)) == {FREE} for r in rows)


def test_inactive_reservations_are_ignored():
    cancelled = reservation(1, "booking", MONDAY, date(2026, 3, 3), reference="B-OLD234", active=False)
    assert set(states(timeline_rows([unit(1)], [cancelled], MONDAY, 3)[0])) == {FREE}


def test_a_reservation_reaching_outside_the_period_is_clipped():
    long_loan = reservation(
        1, "booking", date(2026, 2, 20), date(2026, 3, 3), date(2026, 2, 19), date(2026, 3, 4), reference="B-LNG234"
    )
    assert states(timeline_rows([unit(1)], [long_loan], MONDAY, 4)[0]) == [BOOKED, BOOKED, TRANSIT, FREE]


def test_a_unit_out_of_service_is_marked_where_nothing_is_reserved():
    repair = reservation(1, "maintenance", MONDAY, MONDAY)
    row = timeline_rows([unit(1, status="maintenance")], [repair], MONDAY, 3)[0]
    assert states(row) == [MAINTENANCE, OUT_OF_SERVICE, OUT_OF_SERVICE]


def test_when_reservations_overlap_the_loan_wins_over_a_buffer():
    # Cannot happen on PostgreSQL (exclusion constraint); the grid must still be unambiguous.
    before = reservation(1, "booking", MONDAY, MONDAY, MONDAY, date(2026, 3, 3), reference="B-AAA234")
    after = reservation(1, "booking", date(2026, 3, 3), date(2026, 3, 3), reference="B-BBB234")
    row = timeline_rows([unit(1)], [before, after], MONDAY, 2)[0]
    assert states(row) == [BOOKED, BOOKED]
    assert row.cells[1].reference == "B-BBB234"


def test_weekends_are_not_working_days():
    row = timeline_rows([unit(1)], [], MONDAY, 7)[0]
    assert [c.is_working_day for c in row.cells] == [True, True, True, True, True, False, False]
