"""The video and podcast library: instruction films and the podcast "Livet!".

Videos and episodes are Wagtail snippets with drafts, revisions, preview and the
moderation workflow, so coordinators prepare them and centre staff publish them.
"""

import re
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, LockableMixin, PreviewableMixin, RevisionMixin, WorkflowMixin
from wagtail.search import index

from catalogue.models import Equipment
from videnscenter.models import CENTRE_ONLY, Organisation

MAX_VIDEO_UPLOAD = 500 * 1024 * 1024
MAX_AUDIO_UPLOAD = 200 * 1024 * 1024
MAX_CAPTION_UPLOAD = 1024 * 1024
RESERVED_SLUGS = {"podcast"}

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_YOUTUBE_URL = re.compile(
    r"^(?:https?://)?(?:www\.|m\.)?"
    r"(?:youtube\.com/(?:watch\?(?:.*&)?v=|embed/|shorts/|live/|v/)|youtube-nocookie\.com/embed/|youtu\.be/)"
    r"(?P<id>[A-Za-z0-9_-]{11})(?:[?&#/].*)?$"
)


def youtube_id_from_url(value: str) -> str | None:
    """The 11-character video id of a YouTube link (watch, short, embed, youtu.be), or None."""
    value = (value or "").strip()
    if _YOUTUBE_ID.match(value):
        return value
    match = _YOUTUBE_URL.match(value)
    return match.group("id") if match else None


def validate_youtube_url(value: str) -> None:
    if youtube_id_from_url(value) is None:
        raise ValidationError(_("This is not a YouTube video link (e.g. https://www.youtube.com/watch?v=…)."))


def _is_new_upload(upload) -> bool:
    # A file already in storage was checked when it was uploaded (and may live elsewhere now).
    return not getattr(upload, "_committed", False)


def validate_webvtt(upload) -> None:
    """Captions must be a WebVTT file: browsers ignore anything else silently."""
    if not _is_new_upload(upload):
        return
    if upload.size > MAX_CAPTION_UPLOAD:
        raise ValidationError(_("The captions file is larger than 1 MB."))
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    if not head.startswith(b"WEBVTT"):
        raise ValidationError(_("Captions must be a WebVTT file: the first line must be WEBVTT."))


def _max_size(limit: int, message):
    def check(upload) -> None:
        if _is_new_upload(upload) and upload.size > limit:
            raise ValidationError(message)

    return check


def validate_video_size(upload) -> None:
    _max_size(MAX_VIDEO_UPLOAD, _("The video file is larger than 500 MB."))(upload)


def validate_audio_size(upload) -> None:
    _max_size(MAX_AUDIO_UPLOAD, _("The audio file is larger than 200 MB."))(upload)


def validate_media_slug(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(_("“%(slug)s” is reserved; choose another slug."), params={"slug": value})


class Audience(models.TextChoices):
    """Who a film or an event is for; "everyone" matches every audience filter."""

    EVERYONE = "everyone", _("Everyone")
    STUDENTS = "students", _("Students")
    TEACHERS = "teachers", _("Teachers")
    LEADERS = "leaders", _("Leaders")


class VideoCategory(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("video category")
        verbose_name_plural = _("video categories")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PublishedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(live=True)


class Video(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    """An instruction film: a YouTube link (played through youtube-nocookie) or an uploaded file."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, validators=[validate_media_slug])
    description = RichTextField(_("description"), blank=True, features=["bold", "italic", "link", "ol", "ul"])
    youtube_url = models.CharField(
        _("YouTube link"),
        max_length=300,
        blank=True,
        validators=[validate_youtube_url],
        help_text=_("Played through youtube-nocookie.com. Leave empty when you upload a file."),
    )
    youtube_id = models.CharField(max_length=11, blank=True, editable=False, db_index=True)
    video_file = models.FileField(
        _("video file"),
        upload_to="videoer/",
        max_length=255,
        blank=True,
        validators=[FileExtensionValidator(["mp4", "webm"]), validate_video_size],
        help_text=_("MP4 or WebM, at most 500 MB. Used instead of a YouTube link."),
    )
    poster = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("poster image"),
    )
    duration = models.DurationField(_("duration"), null=True, blank=True, help_text=_("For example 4:30."))
    captions = models.FileField(
        _("captions (WebVTT)"),
        upload_to="undertekster/",
        max_length=255,
        blank=True,
        validators=[FileExtensionValidator(["vtt"]), validate_webvtt],
        help_text=_("Danish captions as a .vtt file; shown in the player and offered for download."),
    )
    transcript = models.TextField(_("transcript"), blank=True, help_text=_("The spoken text, for those who read."))
    categories = ParentalManyToManyField(VideoCategory, blank=True, related_name="videos", verbose_name=_("categories"))
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE)
    equipment = ParentalManyToManyField(Equipment, blank=True, related_name="videos", verbose_name=_("equipment shown"))
    centre = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="videos",
        limit_choices_to=CENTRE_ONLY,
        verbose_name=_("centre"),
    )
    featured = models.BooleanField(_("featured on the home page"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = PublishedQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("description"),
        index.SearchField("transcript"),
        index.AutocompleteField("title"),
        index.FilterField("live"),
        index.FilterField("audience"),
    ]

    class Meta:
        verbose_name = _("video")
        verbose_name_plural = _("videos")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(youtube_url="", video_file=""), name="video_has_youtube_link_or_file"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if not self.youtube_url and not self.video_file:
            raise ValidationError(_("Give a YouTube link or upload a video file."))
        if self.youtube_url and self.video_file:
            raise ValidationError(_("Give either a YouTube link or a video file, not both."))

    def save(self, *args, **kwargs):
        # A derived value of this row, not a business rule: the id the embed needs.
        self.youtube_id = youtube_id_from_url(self.youtube_url) or ""
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("media:video", args=[self.slug])

    @property
    def current_youtube_id(self) -> str:
        """From the link as it is now (also in an unsaved preview), not the stored ``youtube_id``."""
        return youtube_id_from_url(self.youtube_url) or ""

    @property
    def embed_url(self) -> str:
        video_id = self.current_youtube_id
        return f"https://www.youtube-nocookie.com/embed/{video_id}?rel=0&cc_load_policy=1&cc_lang_pref=da&hl=da"

    @property
    def duration_label(self) -> str:
        return format_duration(self.duration)

    def get_preview_template(self, request, mode_name):
        return "media/video_detail.html"

    def get_preview_context(self, request, mode_name):
        return {"video": self, "equipment_list": [e for e in self.equipment.all() if e.is_active], "preview": True}


def format_duration(value: timedelta | None) -> str:
    """4:05 or 1:02:03, the way players show it."""
    if value is None:
        return ""
    total = int(value.total_seconds())
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


class VideoViewCount(models.Model):
    """Views of a video, one row per calendar year, for the centres' yearly report."""

    video = models.ForeignKey(Video, on_delete=models.CASCADE, related_name="view_counts")
    year = models.PositiveSmallIntegerField(validators=[MaxValueValidator(9999)])
    views = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("video views per year")
        constraints = [models.UniqueConstraint(fields=["video", "year"], name="video_views_once_per_year")]

    def __str__(self) -> str:
        return f"{self.video} {self.year}: {self.views}"


class PodcastSeries(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    cover = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cover"),
    )

    class Meta:
        verbose_name = _("podcast series")
        verbose_name_plural = _("podcast series")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PodcastEpisode(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, PreviewableMixin, index.Indexed, models.Model
):
    """One episode of a podcast series: an audio file or a link to where it is hosted."""

    series = models.ForeignKey(
        PodcastSeries, on_delete=models.PROTECT, related_name="episodes", verbose_name=_("series")
    )
    number = models.PositiveSmallIntegerField(_("episode number"))
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = RichTextField(_("description"), blank=True, features=["bold", "italic", "link", "ol", "ul"])
    audio_file = models.FileField(
        _("audio file"),
        upload_to="podcast/",
        max_length=255,
        blank=True,
        validators=[FileExtensionValidator(["mp3", "m4a", "ogg", "wav"]), validate_audio_size],
    )
    audio_url = models.URLField(_("link to the episode"), blank=True, help_text=_("If the audio is hosted elsewhere."))
    duration = models.DurationField(_("duration"), null=True, blank=True)
    transcript = models.TextField(_("transcript"), blank=True)
    published_on = models.DateField(_("published on"))
    centre = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="podcast_episodes",
        limit_choices_to=CENTRE_ONLY,
        verbose_name=_("centre"),
    )

    objects = PublishedQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("description"),
        index.SearchField("transcript"),
        index.AutocompleteField("title"),
        index.FilterField("live"),
    ]

    class Meta:
        verbose_name = _("podcast episode")
        verbose_name_plural = _("podcast episodes")
        ordering = ["-published_on", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["series", "number"], name="podcast_episode_number_unique"),
            models.CheckConstraint(condition=~models.Q(audio_file="", audio_url=""), name="podcast_episode_has_audio"),
        ]

    def __str__(self) -> str:
        return f"{self.series} #{self.number}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("media:episode", args=[self.slug])

    def clean(self) -> None:
        super().clean()
        if not self.audio_file and not self.audio_url:
            raise ValidationError(_("Upload an audio file or give a link to the episode."))

    @property
    def duration_label(self) -> str:
        return format_duration(self.duration)

    def get_preview_template(self, request, mode_name):
        return "media/episode_detail.html"

    def get_preview_context(self, request, mode_name):
        return {"episode": self, "preview": True}
