from .materials import (
    DownloadCount,
    MaterialEvaluation,
    TeachingMaterialFile,
    TeachingMaterialIndexPage,
    TeachingMaterialPage,
)
from .pages import ContentPage, EventIndexPage, EventPage, HomePage, NewsIndexPage, NewsPage
from .partners import Partner, PartnerIndexPage
from .privacy import PrivacyNoticePage
from .registrations import EventCancellation, Participant, Place, Registration
from .reports import Area, Baseline, Measure, ProjectApplication, SchoolRequest, Survey, Target
from .site import AccessibilityStatementPage, ContactDetails

__all__ = [
    "AccessibilityStatementPage",
    "ContactDetails",
    "Area",
    "Baseline",
    "Measure",
    "ProjectApplication",
    "SchoolRequest",
    "Survey",
    "Target",
    "ContentPage",
    "DownloadCount",
    "EventCancellation",
    "EventIndexPage",
    "EventPage",
    "HomePage",
    "MaterialEvaluation",
    "NewsIndexPage",
    "NewsPage",
    "Participant",
    "Partner",
    "PartnerIndexPage",
    "Place",
    "PrivacyNoticePage",
    "Registration",
    "TeachingMaterialFile",
    "TeachingMaterialIndexPage",
    "TeachingMaterialPage",
]
