"""Building blocks for portal tests: pages under the sections created by migration cms/0004."""

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from cms.models import (
    EventIndexPage,
    EventPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    TeachingMaterialFile,
    TeachingMaterialIndexPage,
    TeachingMaterialPage,
)
from tests.factories import add_page


def home() -> HomePage:
    return HomePage.objects.get()


def document(title: str = "Lærervejledning", content: bytes = b"%PDF-1.4 demo") -> object:
    return get_document_model().objects.create(title=title, file=ContentFile(content, name=f"{title}.pdf"))


def material(centre, *, title: str = "Forflytning med loftlift", files: int = 1) -> TeachingMaterialPage:
    page = TeachingMaterialPage(title=title, intro="Et forløb om forflytning.", centre=centre)
    page.files = [
        TeachingMaterialFile(
            title="Lærervejledning", kind=TeachingMaterialFile.Kind.TEACHER_GUIDE, document=document("Vejledning")
        ),
        *(TeachingMaterialFile(title=f"Opgave {n}", document=document(f"Opgave {n}")) for n in range(files)),
    ]
    return add_page(TeachingMaterialIndexPage.objects.get(), page)


def news(title: str = "Ny robot på besøg", **fields) -> NewsPage:
    fields.setdefault("intro", "Robotten kommer til skolerne.")
    return add_page(NewsIndexPage.objects.get(), NewsPage(title=title, **fields))


def event(title: str = "Tech Timen: sensorer", *, days: int = 7, **fields) -> EventPage:
    start = timezone.now().replace(microsecond=0) + timezone.timedelta(days=days)
    fields.setdefault("event_type", EventPage.EventType.TECH_TIMEN)
    fields.setdefault("intro", "Live fra Praksis Lab.")
    fields.setdefault("online_url", "https://stream.example/tech-timen")
    return add_page(
        EventIndexPage.objects.get(),
        EventPage(title=title, start=start, end=start + timezone.timedelta(hours=1), **fields),
    )
