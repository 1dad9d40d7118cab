"""Evaluations of teaching materials as personal data, registered from ``CmsConfig.ready``.

The stars and the "usable?" answer stay for the yearly report; the comment, the link to the
account and the respondent key (a hash that identifies the account) go.
"""

import secrets
from datetime import datetime

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from videnscenter.models import User
from videnscenter.personal_data import PersonData, register_person_data, register_retention

from .models import MaterialEvaluation

ERASED_PREFIX = "erased-"


def _erase(evaluations) -> int:
    rows = list(evaluations)
    for row in rows:
        # Still unique per material (the constraint), but no longer anybody's.
        row.respondent, row.comment, row.user = ERASED_PREFIX + secrets.token_hex(24), "", None
    MaterialEvaluation.objects.bulk_update(rows, ["respondent", "comment", "user"], batch_size=500)
    return len(rows)


def export_evaluations(person: User) -> list[dict]:
    rows = MaterialEvaluation.objects.filter(user=person).select_related("material").order_by("created_at")
    return [
        {
            "material": e.material.title,
            "rating": e.rating,
            "usable": e.get_usable_display(),
            "comment": e.comment,
            "created_at": e.created_at,
        }
        for e in rows
    ]


def anonymise_evaluations(person: User) -> int:
    return _erase(MaterialEvaluation.objects.filter(user=person))


def expire_evaluations(*, before: datetime) -> int:
    old = MaterialEvaluation.objects.filter(created_at__lt=before)
    return _erase(old.filter(~Q(comment="") | Q(user__isnull=False) | ~Q(respondent__startswith=ERASED_PREFIX)))


def register() -> None:
    register_person_data(
        PersonData(
            key="evaluations",
            label=_("Evaluations of teaching materials"),
            fields=(
                ("material", _("Teaching material")),
                ("rating", _("Stars")),
                ("usable", _("Usable in my teaching?")),
                ("comment", _("Comment")),
                ("created_at", _("Submitted")),
            ),
            export=export_evaluations,
            anonymise=anonymise_evaluations,
        )
    )
    register_retention("evaluations", "cms.evaluations", expire_evaluations)
