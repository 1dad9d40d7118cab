"""Everything payments add to the Wagtail admin: the log actions, and "Betalinger" for staff."""

from wagtail import hooks

from . import audit


@hooks.register("register_log_actions")
def register_payment_log_actions(actions):
    audit.register_actions(actions)
