"""The benchmark report says plainly which targets were met and whether anything was double-booked."""

from bench.run import _percentile, markdown

MACHINE = {"cpu": "Test CPU", "cores": 2, "memory_gib": 24, "os": "Linux", "python": "3.11", "django": "5.2"}


def _results(*, catalogue_ratio: float, booked: int, overlaps: int = 0) -> dict:
    case = {"median_ms": 1.0, "p95_ms": 2.0, "queries": 3, "sql_ms": 0.5, "ratio": 1.0}
    return {
        "date": "2026-11-22",
        "rounds": 3,
        "machine": {**MACHINE, "gunicorn": "27"},
        "databases": {
            "postgresql": {
                "database": "postgresql 15",
                "data": {"Unit": 10000},
                "peak_memory_mib": 200,
                "cases": {"baseline": case, "catalogue_cold": {**case, "ratio": catalogue_ratio}},
                "contention": {
                    "clients": 16,
                    "rounds": [{"booked": booked, "refused": 16 - booked, "errors": 0}],
                    "median_ms": 10,
                    "p95_ms": 20,
                    "overlapping_reservations": overlaps,
                },
            }
        },
    }


def test_a_target_within_its_ratio_is_met_and_one_above_is_missed():
    assert "≤ 10× met" in markdown(_results(catalogue_ratio=9.9, booked=1))
    assert "≤ 10× **missed**" in markdown(_results(catalogue_ratio=10.1, booked=1))


def test_contention_report_flags_anything_but_exactly_one_booking():
    assert "no double booking" in markdown(_results(catalogue_ratio=1, booked=1))
    assert "DOUBLE BOOKING" in markdown(_results(catalogue_ratio=1, booked=2))
    assert "DOUBLE BOOKING" in markdown(_results(catalogue_ratio=1, booked=1, overlaps=1))


def test_percentile_picks_from_the_sorted_samples():
    samples = [5.0, 1.0, 3.0, 2.0, 4.0]
    assert _percentile(samples, 0.5) == 3.0
    assert _percentile(samples, 0.95) == 5.0
