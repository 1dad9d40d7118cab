"""People and organisations: users, knowledge centres, schools, partners and memberships."""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        # Logging in must not depend on how the person typed the capitals.
        return self.get(email__iexact=username)


def normalize_email(email: str) -> str:
    """E-mail addresses are stored lower-case, so that one address is one account."""
    return (email or "").strip().lower()


class User(AbstractUser):
    """A person. Logs in with e-mail; what they may do comes from their memberships."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    # True only between a sign-up and the click on the e-mailed link. An account that staff
    # deactivated is inactive *without* this flag, so sign-up and old links cannot revive it.
    activation_pending = models.BooleanField(_("awaiting e-mail confirmation"), default=False, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["first_name", "last_name", "email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email


class OrganisationQuerySet(models.QuerySet):
    def centres(self):
        return self.filter(kind=Organisation.Kind.CENTRE)

    def schools(self):
        return self.filter(kind=Organisation.Kind.SCHOOL)


class Organisation(models.Model):
    """A knowledge centre, a SOSU school or another partner organisation."""

    class Kind(models.TextChoices):
        CENTRE = "centre", _("Knowledge centre")
        SCHOOL = "school", _("SOSU school")
        VOCATIONAL_SCHOOL = "vocational_school", _("Other vocational school")
        MUNICIPALITY = "municipality", _("Municipality")
        REGION = "region", _("Region")
        UNIVERSITY_COLLEGE = "university_college", _("University college")
        SUPPLIER = "supplier", _("Supplier")
        INTERNATIONAL_PARTNER = "international_partner", _("International partner")

    class Region(models.TextChoices):
        HOVEDSTADEN = "hovedstaden", _("Capital Region of Denmark")
        SJAELLAND = "sjaelland", _("Region Zealand")
        SYDDANMARK = "syddanmark", _("Region of Southern Denmark")
        MIDTJYLLAND = "midtjylland", _("Central Denmark Region")
        NORDJYLLAND = "nordjylland", _("North Denmark Region")

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("type"), max_length=32, choices=Kind.choices)
    home_centre = models.ForeignKey(
        "self",
        verbose_name=_("home centre"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attached_organisations",
        limit_choices_to={"kind": Kind.CENTRE},
    )
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices, blank=True)
    country = models.CharField(_("country"), max_length=2, default="DK")
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    is_member = models.BooleanField(
        _("member"), default=False, help_text=_("Member schools borrow equipment free of charge.")
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="school") | models.Q(home_centre__isnull=False),
                name="school_has_home_centre",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="centre") | models.Q(home_centre__isnull=True),
                name="centre_has_no_home_centre",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_centre(self) -> bool:
        return self.kind == self.Kind.CENTRE

    @property
    def is_school(self) -> bool:
        return self.kind == self.Kind.SCHOOL

    @property
    def address_line(self) -> str:
        return ", ".join(p for p in [self.street_address, f"{self.postal_code} {self.city}".strip()] if p)


# ``limit_choices_to`` of every foreign key that must point at a knowledge centre.
CENTRE_ONLY = {"kind": Organisation.Kind.CENTRE}


class EmailDomain(models.Model):
    """An e-mail domain owned by a school: teachers with such an address may sign up."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="email_domains", verbose_name=_("organisation")
    )
    domain = models.CharField(_("domain"), max_length=253, unique=True)

    class Meta:
        verbose_name = _("e-mail domain")
        verbose_name_plural = _("e-mail domains")
        ordering = ["domain"]

    def __str__(self) -> str:
        return self.domain

    def clean(self) -> None:
        self.domain = (self.domain or "").strip().lower().lstrip("@")


class Role(models.TextChoices):
    TEACHER = "teacher", _("Teacher")
    COORDINATOR = "coordinator", _("School coordinator")
    CENTRE_STAFF = "centre_staff", _("Centre staff")
    LEADER = "leader", _("Leader")


# Which kinds of organisation each role belongs to.
ROLE_ORGANISATION_KINDS = {
    Role.TEACHER: {Organisation.Kind.SCHOOL, Organisation.Kind.VOCATIONAL_SCHOOL},
    Role.COORDINATOR: {Organisation.Kind.SCHOOL, Organisation.Kind.VOCATIONAL_SCHOOL},
    Role.CENTRE_STAFF: {Organisation.Kind.CENTRE},
    Role.LEADER: {Organisation.Kind.CENTRE},
}


class MembershipQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Membership.Status.CONFIRMED)

    def pending(self):
        return self.filter(status=Membership.Status.PENDING)


class Membership(models.Model):
    """A person's role at an organisation. Only confirmed memberships grant anything."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting confirmation")
        CONFIRMED = "confirmed", _("Confirmed")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="membership_unique_role"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.organisation}"

    @property
    def is_confirmed(self) -> bool:
        return self.status == self.Status.CONFIRMED


class Invitation(models.Model):
    """A single-use, expiring link that lets a person join an organisation in a role."""

    email = models.EmailField(_("e-mail address"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    # Only a SHA-256 of the token is stored: a leaked database does not leak working links.
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("invited by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"

    def is_usable(self, now) -> bool:
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > now


class ErasureRequest(models.Model):
    """A person has asked to be forgotten; staff of their centre carry it out (``privacy.services``)."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="erasure_request", verbose_name=_("person")
    )
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)

    class Meta:
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%Y-%m-%d})"


class AnonymisationRecord(models.Model):
    """That personal data was erased: who did it, when, why and how many records, never what."""

    class Reason(models.TextChoices):
        REQUEST = "request", _("The person asked to be erased")
        STAFF = "staff", _("Anonymised by staff")
        RETENTION = "retention", _("Retention period expired")

    at = models.DateTimeField(_("when"), auto_now_add=True)
    actor = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("by")
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    requested_at = models.DateTimeField(_("asked"), null=True, blank=True)
    # Records changed per source ("bookings": 4, ...): counts only, nothing of what was erased.
    counts = models.JSONField(_("records per kind"), default=dict)
    total = models.PositiveIntegerField(_("records"), default=0)

    class Meta:
        verbose_name = _("anonymisation")
        verbose_name_plural = _("anonymisations")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} {self.at:%Y-%m-%d %H:%M} ({self.total})"


class CountedVisit(models.Model):
    """One visitor counted once for one item on one day (a video view, a file download).

    ``visitor`` is a one-way hash of the browser session and ``address`` a keyed hash of the
    client's IP address (so one network's count per item and day can be capped), never the values
    themselves. Rows older than yesterday are pruned as new ones come in: they are only needed to
    refuse a second count.
    """

    counter = models.CharField(max_length=40)  # e.g. "media.video"
    object_id = models.PositiveBigIntegerField()
    day = models.DateField()
    visitor = models.CharField(max_length=64)
    address = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["counter", "object_id", "day", "visitor"], name="counted_once_per_day"),
        ]
        indexes = [models.Index(fields=["day"]), models.Index(fields=["counter", "object_id", "day", "address"])]

    def __str__(self) -> str:
        return f"{self.counter} {self.object_id} {self.day}"


class DataVersion(models.Model):
    """A named data version (``videnscenter.versions``): a random token replaced whenever data of
    that name changes, so caches and ETags keyed by it can never serve what was there before.

    Kept in the database, not in the cache: every app server reads the same rows, and flushing
    the cache loses only cached pages, never a version.
    """

    name = models.CharField(max_length=40, primary_key=True)
    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} {self.token}"
