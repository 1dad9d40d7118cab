"""``manage.py check`` refuses a retention period that is missing or not a positive number of days."""

from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from ..personal_data import DATA_CLASSES, retention_days


def retention_periods(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    errors = []
    for data_class in DATA_CLASSES:
        try:
            retention_days(data_class.key)
        except ImproperlyConfigured as exc:
            errors.append(checks.Error(str(exc), hint="See README, Personal data.", id="videnscenter.E001"))
    return errors


def register() -> None:
    checks.register(retention_periods)
