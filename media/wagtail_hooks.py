"""The "Videoer og podcast" menu in the Wagtail admin.

Videos and episodes have drafts, revisions, preview, locking and the moderation
workflow: coordinators save drafts and submit them, centre staff publish.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from videnscenter.helpers.admin_menu import PermissionMenuItem

from .admin_views import PERMISSION as IMPORT_PERMISSION
from .admin_views import admin_urls
from .models import PodcastEpisode, PodcastSeries, Video, VideoCategory


class VideoViewSet(SnippetViewSet):
    model = Video
    icon = "media"
    menu_label = _("Videos")
    list_display = ["title", "audience", "centre", Column("duration_label", label=_("Duration")), "updated_at"]
    list_filter = ["live", "audience", "centre", "categories", "featured"]
    list_export = ["title", "slug", "youtube_url", "audience", "centre", "duration", "live", "first_published_at"]
    search_fields = ["title", "description", "transcript"]
    search_backend_name = None  # ORM search, as in every admin listing (see catalogue's viewsets)
    ordering = ["-updated_at"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("title"),
                    FieldPanel("slug"),
                    FieldPanel("description"),
                    MultiFieldPanel(
                        [
                            FieldPanel("youtube_url"),
                            FieldPanel("video_file"),
                            FieldPanel("poster"),
                            FieldPanel("duration"),
                        ],
                        heading=_("The film"),
                    ),
                    MultiFieldPanel(
                        [FieldPanel("captions"), FieldPanel("transcript")], heading=_("Captions and transcript")
                    ),
                ],
                heading=_("Content"),
            ),
            ObjectList(
                [
                    FieldRowPanel([FieldPanel("audience"), FieldPanel("centre")]),
                    FieldPanel("categories"),
                    FieldPanel("equipment"),
                    FieldPanel("featured"),
                ],
                heading=_("Who and what"),
            ),
        ]
    )


class PodcastEpisodeViewSet(SnippetViewSet):
    model = PodcastEpisode
    icon = "microphone"
    menu_label = _("Podcast episodes")
    list_display = ["title", "series", "number", "published_on", Column("duration_label", label=_("Duration"))]
    list_filter = ["live", "series", "centre"]
    search_fields = ["title", "description", "transcript"]
    search_backend_name = None  # ORM search, as in every admin listing (see catalogue's viewsets)
    panels = [
        FieldRowPanel([FieldPanel("series"), FieldPanel("number")]),
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("audio_file"), FieldPanel("audio_url"), FieldPanel("duration")], heading=_("The recording")
        ),
        FieldPanel("transcript"),
        FieldRowPanel([FieldPanel("published_on"), FieldPanel("centre")]),
    ]


class VideoCategoryViewSet(SnippetViewSet):
    model = VideoCategory
    icon = "folder-open-inverse"
    menu_label = _("Video categories")
    list_display = ["name", "slug"]
    search_fields = ["name"]


class PodcastSeriesViewSet(SnippetViewSet):
    model = PodcastSeries
    icon = "folder-open-inverse"
    menu_label = _("Podcast series")
    list_display = ["name", "slug"]


class LibraryGroup(SnippetViewSetGroup):
    menu_label = _("Videos and podcast")
    menu_icon = "media"
    menu_order = 250
    items = (VideoViewSet, PodcastEpisodeViewSet, VideoCategoryViewSet, PodcastSeriesViewSet)

    def get_submenu_items(self):
        return [
            *super().get_submenu_items(),
            PermissionMenuItem(
                _("Import YouTube links (CSV)"),
                reverse("media_import"),
                permission=IMPORT_PERMISSION,
                icon_name="upload",
                order=900,
            ),
        ]


@hooks.register("register_admin_viewset")
def register_library():
    return LibraryGroup()


@hooks.register("register_admin_urls")
def register_import_urls():
    return admin_urls()
