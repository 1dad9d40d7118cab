"""The authorisation matrix: every URL of the site × every role, with objects of another school and centre.

The URLs come from Django's resolver (``urlmap.routes``), so a view added tomorrow is in the
matrix without anyone listing it. Each route must match an entry of ``POLICIES``, which says,
through ``rules`` (or Wagtail's permission policy for its own admin views), who may get in;
a route without an entry fails. A cell (route, role) passes when the response is a refusal
(403, 404, 405, 400, or a redirect to a login page or the admin dashboard) or when the policy
allows that role in. GET and POST are both tried; each request runs in a transaction that is
rolled back, so cells cannot change each other's data.
"""

import fnmatch
import time
from collections.abc import Callable

import pytest
from django.db import transaction
from django.test import Client
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry as policies

from booking.payments import purposes
from booking.payments import staff as staff_payments
from booking.staff import bookings as staff_bookings
from booking.staff import maintenance as staff_maintenance
from catalogue.admin_views import PERMISSION as CATALOGUE_IMPORT
from media.admin_views import PERMISSION as MEDIA_IMPORT
from tests.security.urlmap import ROLES, Route, World, build_world, clients_for, routes, url_for
from videnscenter import rules

pytestmark = pytest.mark.django_db

Policy = Callable[[object, World, Route], bool]
LOGIN_PAGES = ("/konto/log-ind/", "/admin/login/")


# --- who may get in ------------------------------------------------------------------------------


def anyone(user, w, route) -> bool:
    return True


def logged_in(user, w, route) -> bool:
    return user is not None and user.is_active


def nobody(user, w, route) -> bool:
    return False


def admin_user(user, w, route) -> bool:
    """Wagtail's own screens: its group permissions decide inside; no teacher or visitor gets in."""
    return rules.allowed(user, "admin.access")


def rule(action: str, obj: str) -> Policy:
    return lambda user, w, route: rules.allowed(user, action, w.objects[obj])


def perm(codename: str) -> Policy:
    return lambda user, w, route: user is not None and user.is_active and user.has_perm(codename)


def party_to(obj: str) -> Policy:
    """The one who signed the registration up, or a participant named in it (by their e-mail)."""

    def check(user, w, route) -> bool:
        registration = w.objects[obj]
        return user is not None and (
            registration.registered_by_id == user.pk
            or registration.participants.filter(email__iexact=user.email).exists()
        )

    return check


def may_book(user, w, route) -> bool:
    return user is not None and any(
        rules.allowed(user, "organisation.book", m.organisation) for m in rules.confirmed_memberships(user)
    )


def payment_page(user, w, route) -> bool:
    payment = w.objects["payment"]
    return rules.allowed(user, "payment.view", payment) or (user is not None and purposes.may_view(user, payment))


def owner_of(obj: str) -> Policy:
    return lambda user, w, route: user is not None and w.objects[obj].owner_id == user.pk


# Wagtail's generic views (snippets, model viewsets): the action each view needs on its object.
INSTANCE_ACTIONS = {
    "edit": "change",
    "delete": "delete",
    "lock": "lock",
    "unlock": "unlock",
    "unpublish": "publish",
    "revisions_revert": "change",
    "revisions_unschedule": "publish",
    "workflow_action": "change",
    "collect_workflow_action_data": "change",
    "preview_on_edit": "change",
}
# Copying shows what anyone with the view permission sees and saves a new object through the
# same narrowed form as "add", so it needs "add".
MODEL_ACTIONS = {"add": ["add"], "preview_on_add": ["add"], "add_multiple": ["add"], "copy": ["add"]}


def _owner_rules() -> dict:
    from booking.models import MaintenanceWindow, PopUpCentre
    from catalogue.models import Equipment, MobilePack, Unit
    from cms.models import Baseline, ProjectApplication, SchoolRequest, Survey, Target
    from videnscenter.models import EmailDomain, Organisation

    return {
        Target: "report.manage_data",
        Baseline: "report.manage_data",
        Survey: "report.manage_data",
        ProjectApplication: "report.manage_data",
        SchoolRequest: "report.manage_data",
        Organisation: "organisation.manage",
        EmailDomain: "emaildomain.manage",
        Equipment: "catalogue.manage",
        Unit: "catalogue.manage",
        MobilePack: "catalogue.manage",
        PopUpCentre: "popup.manage",
        MaintenanceWindow: "catalogue.manage",
    }


# Models that belong to one centre or school: changing one is decided by this rule.
OWNER_RULES = _owner_rules()


def admin_policy(user, w, route) -> bool:
    """Who may use a generic admin view: the model's registered permission policy, per object."""
    if not rules.allowed(user, "admin.access"):
        return False
    model = policy_model(route, w)
    policy = policies.get_by_type(model) if model is not None else None
    if policy is None:
        return True
    view = route.view_name
    if view in INSTANCE_ACTIONS and "pk" in route.kwargs:
        instance = model.objects.get(pk=route_pk(route, w))
        action = INSTANCE_ACTIONS[view]
        owner_rule = OWNER_RULES.get(model)
        if owner_rule:
            # Asked of rules directly, not of the registered policy: a viewset that forgot its
            # policy (or a view that skips it) fails here.
            codename = f"{model._meta.app_label}.{action}_{model._meta.model_name}"
            return user.has_perm(codename) and rules.allowed(user, owner_rule, instance)
        return policy.user_has_permission_for_instance(user, action, instance)
    if view in MODEL_ACTIONS:
        return policy.user_has_any_permission(user, MODEL_ACTIONS[view])
    return (
        policy.user_has_any_permission(user, ["add", "change", "delete", "view", "choose"])
        or isinstance(policy, ModelPermissionPolicy)
        and policy.user_has_any_permission(user, ["view"])
    )


def policy_model(route: Route, w: World):
    from tests.security.urlmap import _snippet

    model = _snippet(route.namespace)
    if model is not None:
        return model
    by_namespace = {
        "organisation": "other_school",
        "emaildomain": "domain",
        "booking_popup": "popup",
        "booking_maintenance": "window",
        "evaluations": "evaluation",
        "report_targets": "target",
        "report_baselines": "baseline",
        "report_surveys": "survey",
        "report_applications": "application",
        "school_requests": "school_request",
    }
    name = by_namespace.get(route.namespace)
    return type(w.objects[name]) if name else None


def route_pk(route: Route, w: World):
    from tests.security.urlmap import _pk

    return _pk(route, w)


def file_policy(kind: str) -> Policy:
    """Documents and images: changing one needs Wagtail's collection permission or owning it."""

    def check(user, w, route) -> bool:
        from wagtail.documents.permissions import permission_policy as documents
        from wagtail.images.permissions import permission_policy as images

        if not rules.allowed(user, "admin.access"):
            return False
        policy = documents if kind == "document" else images
        if route.view_name in {"edit", "delete", "edit_multiple", "delete_multiple"}:
            return policy.user_has_permission_for_instance(user, "change", w.objects[kind])
        return policy.user_has_any_permission(user, ["add", "change", "choose"])

    return check


# First match wins. Patterns are fnmatch patterns on the route name ("namespace:view").
POLICIES: list[tuple[str, Policy]] = [
    # The public site: catalogue, library, PopUps, portal pages, search, documents.
    ("catalogue:*", anyone),
    ("media:*", anyone),
    ("popup:*", anyone),
    # Sign-up: one's own registrations; with the e-mailed secret link, anyone who has it.
    ("cms:my_registrations", logged_in),
    ("cms:registration", party_to("registration")),
    ("cms:registration_pay", party_to("registration")),
    ("cms:participant_cancel", party_to("registration")),
    ("cms:*", anyone),
    ("set_language", anyone),
    ("wagtail_serve", anyone),
    ("wagtaildocs_serve", anyone),
    ("wagtailcore_authenticate_with_password", anyone),
    ("wagtaildocs_authenticate_with_password", anyone),
    ("wagtailimages_serve", anyone),
    # Calendar clients cannot log in: the feed's secret token is the credential.
    ("calendar:popups", anyone),
    ("calendar:feed", anyone),
    ("calendar:rename", owner_of("subscription")),
    ("calendar:rotate", owner_of("subscription")),
    ("calendar:revoke", owner_of("subscription")),
    ("calendar:*", logged_in),
    # Accounts: the way in is open; the rest is one's own, or the school's people by rule.
    ("accounts:login", anyone),
    ("accounts:logout", anyone),
    ("accounts:password_reset*", anyone),
    ("accounts:signup", anyone),
    ("accounts:activate*", anyone),
    ("accounts:invitation", anyone),
    ("accounts:invitation_link", anyone),
    ("accounts:profile", logged_in),
    ("accounts:password_change", logged_in),
    ("accounts:organisation", rule("organisation.manage_members", "other_school")),
    ("accounts:organisation_invite", rule("organisation.invite_teacher", "other_school")),
    ("accounts:organisation_appoint", rule("organisation.appoint_coordinator", "other_school")),
    ("accounts:membership_confirm", rule("membership.confirm", "membership")),
    ("accounts:membership_remove", rule("membership.remove", "membership")),
    ("accounts:invitation_revoke", rule("organisation.manage_members", "other_school")),
    # Bookings of teachers and coordinators.
    ("booking:list", logged_in),
    ("booking:new", may_book),
    ("booking:new_pack", may_book),
    ("booking:basket", may_book),
    ("booking:basket_add", may_book),
    ("booking:basket_add_pack", may_book),
    ("booking:basket_remove", logged_in),  # only ever the person's own basket (their session)
    ("booking:detail", rule("booking.view", "booking")),
    ("booking:cancel", rule("booking.cancel", "booking")),
    ("booking:change", rule("booking.change", "booking")),
    # Payments: Stripe's webhook is open (its signature is the credential; unsigned gets 400);
    # a payment's pages are the payer's, the receiving centre's staff's and whoever may see
    # the booking it pays for (or anyone holding the link's token, not tried here).
    ("payments:stripe_webhook", anyone),
    ("payments:*", payment_page),
    ("payments_admin:index", perm(staff_payments.PERMISSION)),
    ("payments_admin:index_results", perm(staff_payments.PERMISSION)),
    ("payments_admin:export", perm(staff_payments.PERMISSION)),
    ("payments_admin:add", nobody),
    ("payments_admin:edit", nobody),
    ("payments_admin:delete", nobody),
    ("payments_admin:*", rule("payment.manage", "payment")),
    # The staff desk in the admin.
    # The bookings list: staff look, nobody adds, edits or deletes; one booking's history and
    # usage are the owning centre's.
    ("booking_admin:index", perm(staff_bookings.PERMISSION)),
    ("booking_admin:index_results", perm(staff_bookings.PERMISSION)),
    ("booking_admin:add", nobody),
    ("booking_admin:edit", nobody),
    ("booking_admin:delete", nobody),
    ("booking_admin:history*", rule("booking.decide", "booking")),
    ("booking_admin:usage", rule("booking.decide", "booking")),
    ("booking_admin:queue", perm(staff_bookings.PERMISSION)),
    ("booking_admin:day", perm(staff_bookings.PERMISSION)),
    ("booking_admin:bulk_approve", perm(staff_bookings.PERMISSION)),
    ("booking_admin:timeline", rule("catalogue.manage", "equipment")),
    ("booking_admin:*", rule("booking.decide", "booking")),
    ("booking_unit_pick", perm(staff_maintenance.MENU_PERMISSION)),
    ("booking_unit_out_of_service", rule("catalogue.manage", "unit")),
    ("booking_unit_swap", rule("catalogue.manage", "unit")),
    ("booking_unit_back_in_service", rule("catalogue.manage", "unit")),
    # Sign-ups in the admin: the organising centre's staff act, its leaders look.
    ("registrations_admin:index", perm("cms.view_participant")),
    ("registrations_admin:participants", rule("registration.view_event", "event")),
    ("registrations_admin:*", rule("registration.manage_event", "event")),
    # The yearly report: leaders and staff of a centre; a coordinator only the school's usage.
    ("reports:usage*", perm("cms.view_usage_report")),
    ("reports:*", perm("cms.view_activity_report")),
    ("school_request_handle", rule("report.manage_data", "school_request")),
    ("report_*", admin_policy),
    ("school_requests:*", admin_policy),
    # Personal data: one's own, and the staff who may erase a person.
    ("accounts:start", logged_in),
    ("accounts:my_data*", logged_in),
    ("accounts:erasure_*", logged_in),
    ("privacy_admin:person", rule("person.anonymise", "other_teacher")),
    ("privacy_admin:anonymise", rule("person.anonymise", "other_teacher")),
    ("privacy_admin:*", perm("videnscenter.view_anonymisationrecord")),
    ("booking_popup:schedule", rule("popup.manage", "popup")),
    ("booking_popup:cancel", rule("popup.manage", "popup")),
    ("catalogue_import*", perm(CATALOGUE_IMPORT)),
    ("media_import*", perm(MEDIA_IMPORT)),
    # Generic admin views of our models: the registered policy, per object (rules inside).
    ("organisation:*", admin_policy),
    ("emaildomain:*", admin_policy),
    ("booking_popup:*", admin_policy),
    ("booking_maintenance:*", admin_policy),
    ("evaluations:*", admin_policy),
    # Wagtail's "publishing cancels the workflow" question changes nothing.
    ("wagtailsnippets_*:confirm_workflow_cancellation", admin_user),
    ("wagtailsnippets_*", admin_policy),
    # Choosers only list what may be picked (equipment, units, files: public on the site anyway)
    # and change nothing; the form they fill enforces ownership (limit_to_managed).
    ("wagtailsnippetchoosers_*", admin_user),
    ("wagtaildocs_chooser:*", admin_user),
    ("wagtailimages_chooser:*", admin_user),
    # Files: contributors add their own; only publishers change others' files.
    ("wagtaildocs:*", file_policy("document")),
    ("wagtailimages:*", file_policy("image")),
    # People and settings of the admin itself: superusers only (no role has these permissions).
    ("wagtailusers_users:*", perm("videnscenter.change_user")),
    ("wagtailusers_groups:*", perm("auth.change_group")),
    ("wagtailsites:*", perm("wagtailcore.change_site")),
    # The admin's login and password reset are the way in; icons and texts for its scripts.
    ("wagtailadmin_login", anyone),
    ("wagtailcore_login", anyone),
    ("wagtailadmin_sprite", anyone),
    ("wagtailadmin_javascript_catalog", anyone),
    ("admin_javascript_catalog", anyone),  # the same catalogue with the project's Danish added
    ("wagtailadmin_password_reset*", anyone),
    ("/admin/test404/", anyone),
    ("/admin/^.*/$", anyone),
    # Everything else of Wagtail: its own group permissions decide inside the admin.
    ("wagtail*", admin_user),
]


# Wagtail 8.0.1's own views that answer a hand-made request with a 500 (no data is written;
# only logged-in admin users reach them). Listed so that nothing else may; see README "Security".
KNOWN_WAGTAIL_ERRORS = [
    ("wagtailadmin_error_test", "get"),  # Wagtail's deliberate "test the 500 page" view (/admin/failwhale/)
    ("wagtailadmin_error_test", "post"),
    ("wagtailsnippetchoosers_*:create", "post"),  # chooser without a creation form: form is None
    ("wagtailadmin_choose_page_external_link", "post"),  # no "url" field: None.startswith
    ("wagtailredirects:process_import", "post"),  # no "import_file_name": KeyError
]


def known_error(route: Route, method: str) -> bool:
    return any(fnmatch.fnmatchcase(route.name, name) and method == m for name, m in KNOWN_WAGTAIL_ERRORS)


def policy_for(route: Route) -> Policy | None:
    for pattern, policy in POLICIES:
        if fnmatch.fnmatchcase(route.name, pattern):
            return policy
    return None


# --- what the response says ---------------------------------------------------------------------


def refused(response) -> bool:
    if response.status_code in (400, 401, 403, 404, 405):
        return True
    if response.status_code in (301, 302, 303, 307):
        location = response["Location"]
        return location.startswith(LOGIN_PAGES) or location in ("/admin/", "/")
    return False


def attempt(client: Client, method: str, url: str):
    """One request, rolled back afterwards, with the client's session restored."""
    cookies = client.cookies.copy()
    with transaction.atomic():
        response = getattr(client, method)(url)
        transaction.set_rollback(True)
    client.cookies = cookies
    return response


def test_every_url_refuses_every_role_that_no_rule_lets_in():
    started = time.monotonic()
    w = build_world()
    all_routes = routes()
    problems = []
    clients = clients_for(w, ROLES)
    cells = 0
    smoke_tested: set[str] = set()
    for route in all_routes:
        policy = policy_for(route)
        if policy is None:
            problems.append(f"{route.name} ({route.pattern}): no rule says who may use this view")
            continue
        url = url_for(route, w)
        if url is None:
            problems.append(f"{route.name} ({route.pattern}): no object to fill {route.kwargs}")
            continue
        for role in ROLES:
            user = w.users[role]
            if user is not None:
                rules.forget_memberships(user)
            expected = policy(user, w, route)
            # Where the policy lets a role into Wagtail's own screens, only a 5xx could fail the
            # cell: one GET by the first role let in is enough (hostile input is the sweep's job).
            if not route.ours and expected:
                if route.name in smoke_tested:
                    continue
                smoke_tested.add(route.name)
            methods = ("get", "post") if route.ours or not expected else ("get",)
            for method in methods:
                cells += 1
                response = attempt(clients[role], method, url)
                if response.status_code >= 500 and known_error(route, method):
                    continue
                if response.status_code >= 500:
                    problems.append(f"{method.upper()} {url} as {role}: {response.status_code}")
                elif not expected and not refused(response):
                    problems.append(
                        f"{method.upper()} {url} as {role}: let in ({response.status_code}"
                        f"{' → ' + response['Location'] if response.has_header('Location') else ''})"
                        f" but no rule allows it ({route.name})"
                    )
    elapsed = time.monotonic() - started
    assert not problems, f"{len(problems)} of {cells} cells failed:\n" + "\n".join(problems)
    assert cells > 5000, cells
    print(f"\nauthorisation matrix: {cells} cells in {elapsed:.0f} s")
