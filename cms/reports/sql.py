"""Date arithmetic the reports need in SQL, native on each database (no Python functions per row)."""

from datetime import date

from django.db.models import BigIntegerField, DateField, F, Func, IntegerField, Q, Sum, Value
from django.db.models.functions import Cast, Greatest, Least

from .periods import Period


class DaysInclusive(Func):
    """``last - first + 1`` in whole days, for two date expressions."""

    output_field = IntegerField()
    arity = 2

    def as_sqlite(self, compiler, connection, **extra):
        # Two dates' julian days differ by a whole number: no rounding needed (and none paid for per row).
        first, last = self.source_expressions
        clone = self.copy()
        clone.set_source_expressions([last, first])
        template, joiner = "(julianday(%(expressions)s) + 1)", ") - julianday("
        return clone.as_sql(compiler, connection, template=template, arg_joiner=joiner, **extra)

    def as_postgresql(self, compiler, connection, **extra):
        first, last = self.source_expressions
        clone = self.copy()
        clone.set_source_expressions([last, first])
        return clone.as_sql(compiler, connection, template="((%(expressions)s) + 1)", arg_joiner=" - ", **extra)


def _day(value: date) -> Value:
    return Value(value, output_field=DateField())


def overlaps(period: Period, *, start: str = "start_date", end: str = "end_date") -> Q:
    first, last = period
    return Q(**{f"{start}__lte": last, f"{end}__gte": first})


def days_within(period: Period, *, start: str = "start_date", end: str = "end_date") -> Cast:
    """The sum over the rows of their days (``start``..``end``, inclusive) that fall inside ``period``."""
    first, last = period
    clipped = DaysInclusive(Greatest(F(start), _day(first)), Least(F(end), _day(last)))
    # Cast once per sum, not per row: SQLite's julian days are floats.
    return Cast(Sum(clipped, filter=overlaps(period, start=start, end=end)), BigIntegerField())
