"""Membership changes in the one audit log (Wagtail's log entries), on the school's history.

Entries name the person by account id, never by name or e-mail, so erasing a person leaves no
trace of them here; the history view shows the person's current name while the account exists.
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter, log

from .models import Membership, Role, User

ACTIONS = {
    "membership.confirmed": (_("Membership: confirm"), _("%(name)s confirmed as %(role)s")),
    "membership.granted": (_("Membership: appoint"), _("%(name)s made %(role)s")),
    "membership.removed": (_("Membership: remove"), _("%(name)s removed as %(role)s")),
}


class MembershipFormatter(LogFormatter):
    def format_message(self, log_entry):
        person = User.objects.filter(pk=log_entry.data.get("person")).first()
        role = log_entry.data.get("role", "")
        return str(self.message) % {
            "name": person or gettext("an erased person"),
            "role": Role(role).label.lower() if role in Role.values else role,
        }


def register_actions(actions) -> None:
    """For the ``register_log_actions`` hook."""
    for name, (label, message) in ACTIONS.items():
        actions.register_action(name)(type("Formatter", (MembershipFormatter,), {"label": label, "message": message}))


def record_membership(membership: Membership, action: str, *, actor) -> None:
    assert action in ACTIONS, action
    log(
        instance=membership.organisation,
        action=action,
        user=actor,
        data={"person": membership.user_id, "role": membership.role},
    )
