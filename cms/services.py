"""Writes of the portal that the public triggers: downloads counted, evaluations received."""

import hashlib
from datetime import date

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from videnscenter.errors import ServiceError
from videnscenter.helpers.counters import Visitor, first_visit_today, increment_yearly

from .models import DownloadCount, MaterialEvaluation, TeachingMaterialFile, TeachingMaterialPage


def respondent_key(*, user, session_key: str | None) -> str:
    """Who is answering, as a one-way hash: the account when logged in, else the browser session."""
    source = f"user:{user.pk}" if user is not None and user.is_authenticated else f"session:{session_key or ''}"
    return hashlib.sha256(source.encode()).hexdigest()


DOWNLOAD_COUNTER = "cms.material_file"


def material_download_record(*, file: TeachingMaterialFile, today: date, visitor: Visitor) -> bool:
    """Count a download of ``file`` in ``today``'s year, once per ``visitor`` and day.

    Returns whether it counted. Who is a visitor at all is ``counters.visitor_of``'s answer.
    """
    if not first_visit_today(counter=DOWNLOAD_COUNTER, object_id=file.pk, visitor=visitor, day=today):
        return False
    increment_yearly(DownloadCount, year=today.year, field="downloads", file=file)
    return True


def material_evaluate(
    *,
    material: TeachingMaterialPage,
    respondent: str,
    user,
    downloaded: bool,
    rating: int,
    usable: str,
    comment: str = "",
) -> MaterialEvaluation:
    """Store one evaluation of ``material``. One per person: a second one raises ``ServiceError``.

    Only a logged-in person's evaluation is ``counted`` (report, stars shown): one per account.
    An anonymous one is kept for its comment, but a fresh browser session could send another.

    ``downloaded`` says whether this person fetched a file of the material first; evaluations are
    offered after a download, so one without is refused.
    """
    if not downloaded:
        raise ServiceError(_("Download the material before you evaluate it."))
    if not 1 <= rating <= 5:
        raise ServiceError({"rating": [_("Choose from 1 to 5 stars.")]})
    if usable not in MaterialEvaluation.Usable.values:
        raise ServiceError({"usable": [_("Tell us whether you can use it.")]})
    if MaterialEvaluation.objects.filter(material=material, respondent=respondent).exists():
        raise ServiceError(_("You have already evaluated this material. Thank you!"))
    try:
        with transaction.atomic():
            return MaterialEvaluation.objects.create(
                material=material,
                respondent=respondent,
                user=user if user is not None and user.is_authenticated else None,
                counted=user is not None and user.is_authenticated,
                rating=rating,
                usable=usable,
                comment=comment.strip(),
            )
    except IntegrityError:
        # The same form sent twice at once: the first one counted.
        raise ServiceError(_("You have already evaluated this material. Thank you!")) from None
