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
    "EventIndexPage",
    "EventPage",
    "HomePage",
    "MaterialEvaluation",
    "NewsIndexPage",
    "NewsPage",
    "Partner",
    "PartnerIndexPage",
    "PrivacyNoticePage",
    "TeachingMaterialFile",
    "TeachingMaterialIndexPage",
    "TeachingMaterialPage",
]
