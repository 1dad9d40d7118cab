"""Everything payments add to the Wagtail admin, registered in this one file.

- The permission policy: payments are looked at, never edited; staff see their centres' ones.
- "Betalinger": the payments viewset (list with filters and CSV/XLSX export; each payment's
  page with its lines, refunds, Stripe events and the actions; ``booking.payments.staff``).
- The log actions of ``booking.payments.audit``, so each payment's history reads in words.
"""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from . import audit, staff
from .models import Payment

register_permission_policy(Payment, staff.PaymentPermissionPolicy(Payment))

payment_viewset = staff.PaymentViewSet("payments")


@hooks.register("register_admin_viewset")
def register_payment_viewset():
    return payment_viewset


@hooks.register("register_log_actions")
def register_payment_log_actions(actions):
    audit.register_actions(actions)
