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

__all__ = [
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
