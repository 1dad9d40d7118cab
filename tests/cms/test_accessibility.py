"""Every public page passes the basic accessibility checks: one h1, headings in order, alt texts,
titled iframes, labelled form controls and the page language.

The content is built the way editors build it: a video with equipment, news, an event, a partner,
a teaching material with a file, and a content page whose body uses every block type.
"""

import json
from datetime import date, timedelta
from html.parser import HTMLParser

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from catalogue.models import EquipmentImage
from cms.models import (
    ContentPage,
    EventIndexPage,
    EventPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    Partner,
    TeachingMaterialFile,
    TeachingMaterialIndexPage,
    TeachingMaterialPage,
)
from media.models import Audience
from tests.factories import PodcastEpisodeFactory, VideoCategoryFactory, VideoFactory, add_page

pytestmark = pytest.mark.django_db

UNLABELLED_INPUT_TYPES = {"hidden", "submit", "button", "reset", "image"}


class AccessibilityChecker(HTMLParser):
    """Reads a page and lists what a screen reader user would trip over (WCAG basics)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang = None
        self.headings: list[tuple[int, str]] = []
        self.problems: list[str] = []
        self.label_targets: set[str] = set()
        self.controls: list[dict] = []
        self._label_depth = 0
        self._heading: list | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.lang = attributes.get("lang")
        elif tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self._heading = [int(tag[1]), ""]
        elif tag == "img":
            if "alt" not in attributes:
                self.problems.append(f"<img src={attributes.get('src')!r}> has no alt attribute")
        elif tag == "iframe":
            if not (attributes.get("title") or "").strip():
                self.problems.append(f"<iframe src={attributes.get('src')!r}> has no title")
        elif tag == "label":
            self._label_depth += 1
            if attributes.get("for"):
                self.label_targets.add(attributes["for"])
        elif tag in {"input", "select", "textarea"}:
            if tag == "input" and (attributes.get("type") or "text").lower() in UNLABELLED_INPUT_TYPES:
                return
            self.controls.append(
                {
                    "tag": tag,
                    "name": attributes.get("name"),
                    "id": attributes.get("id"),
                    "named": bool(
                        (attributes.get("aria-label") or "").strip()
                        or (attributes.get("aria-labelledby") or "").strip()
                    ),
                    "in_label": self._label_depth > 0,
                }
            )

    def handle_endtag(self, tag):
        if tag == "label":
            self._label_depth = max(0, self._label_depth - 1)
        elif self._heading and tag == f"h{self._heading[0]}":
            self.headings.append((self._heading[0], " ".join(self._heading[1].split())))
            self._heading = None

    def handle_data(self, data):
        if self._heading is not None:
            self._heading[1] += data

    def report(self) -> list[str]:
        """Everything wrong with the page, in words; an empty list for a good page."""
        problems = list(self.problems)
        if not (self.lang or "").strip():
            problems.append("<html> has no lang attribute")
        h1s = [text for level, text in self.headings if level == 1]
        if len(h1s) != 1:
            problems.append(f"{len(h1s)} <h1> elements (want exactly one): {h1s}")
        previous = 1  # the page starts at the top level; its first heading may be h1 or h2
        for level, text in self.headings:
            if level > previous + 1:
                problems.append(f"heading skips a level: h{previous} → h{level} {text!r}")
            previous = level
        for control in self.controls:
            labelled = control["named"] or control["in_label"] or (control["id"] in self.label_targets)
            if not labelled:
                problems.append(f"<{control['tag']} name={control['name']!r} id={control['id']!r}> has no label")
        return problems


def accessibility_problems(html: str) -> list[str]:
    checker = AccessibilityChecker()
    checker.feed(html)
    checker.close()
    return checker.report()


# --- the checker checks (so that a passing page means something) ---


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        ("<html><body><p>Ingen overskrift</p></body></html>", "0 <h1>"),
        ("<html lang='da'><h1>A</h1><h1>B</h1></html>", "2 <h1>"),
        ("<html lang='da'><h1>A</h1><h3>C</h3></html>", "h1 → h3"),
        ("<html lang='da'><h1>A</h1><h2>B</h2><h4>D</h4></html>", "h2 → h4"),
        ("<html lang='da'><h1>A</h1><img src='x.png'></html>", "no alt"),
        ("<html lang='da'><h1>A</h1><iframe src='https://x' title=' '></iframe></html>", "no title"),
        ("<html lang='da'><h1>A</h1><input type='text' name='q'></html>", "no label"),
        ("<html lang='da'><h1>A</h1><label for='x'>Q</label><select id='y' name='s'></select></html>", "no label"),
        ("<html lang='da'><h1>A</h1><textarea name='t'></textarea></html>", "no label"),
        ("<html><h1>A</h1></html>", "no lang"),
    ],
)
def test_checker_finds_each_kind_of_problem(html, problem):
    assert any(problem in found for found in accessibility_problems(html)), accessibility_problems(html)


def test_checker_accepts_a_good_page():
    html = """<!DOCTYPE html><html lang="da"><body>
      <h2>Menu</h2><h1>Titel</h1><h2>Afsnit</h2><h3>Under</h3><h2>Igen</h2><h3>Kort</h3><h4>Detalje</h4><h2>Slut</h2>
      <img src="a.png" alt=""><iframe src="https://x" title="Video: Loftlift"></iframe>
      <label for="q">Søg</label><input id="q" name="q" type="search">
      <label><input type="radio" name="r" value="1"> 1</label>
      <input type="text" name="a" aria-label="Navn"><input type="hidden" name="h"><input type="submit" value="OK">
      <select name="s" aria-labelledby="s-label"></select>
    </body></html>"""
    assert accessibility_problems(html) == []


# --- the portal's content ---


def image(title):
    return get_image_model().objects.create(title=title, file=get_test_image_file())


@pytest.fixture
def portal(centre, lift):
    """A realistic portal: one of everything a visitor can reach, linked the way editors link it."""
    home = HomePage.objects.get()
    photo = image("Elev bruger loftlift")

    EquipmentImage.objects.create(equipment=lift, image=image("Loftlift"), caption="Loftliften i Praksis Lab")

    video = VideoFactory(
        title="Loftlift i praksis",
        description="<p>Fra seng til kørestol uden at løfte.</p>",
        transcript="Først kører du liften hen over sengen.",
        audience=Audience.STUDENTS,
        centre=centre,
        poster=image("Plakat: loftlift"),
        featured=True,
    )
    video.categories.set([VideoCategoryFactory(name="Forflytning", slug="forflytning")])
    video.equipment.set([lift])
    video.save()  # modelcluster keeps ParentalManyToMany changes in memory until save()
    VideoFactory(title="Loftlift: opladning", equipment=[lift], centre=centre).save()
    episode = PodcastEpisodeFactory(
        title="Robotter og loftlifte i ældreplejen",
        transcript="Velkommen til Livet!\n\nI dag taler vi om loftlifte.",
        centre=centre,
    )

    news = add_page(
        NewsIndexPage.objects.get(),
        NewsPage(
            title="Ny loftlift i Praksis Lab",
            slug="ny-loftlift",
            intro="Nu kan skolerne låne en loftlift.",
            image=photo,
            centre=centre,
            body=json.dumps(
                [
                    {"type": "heading", "value": {"text": "Sådan låner I", "level": "h2"}},
                    {"type": "paragraph", "value": "<p>Book den i kataloget.</p>"},
                ]
            ),
        ),
    )
    start = timezone.now() + timedelta(days=14)
    event = add_page(
        EventIndexPage.objects.get(),
        EventPage(
            title="Tech Timen: loftlifte",
            slug="tech-timen-loftlifte",
            event_type=EventPage.EventType.TECH_TIMEN,
            start=start,
            end=start + timedelta(hours=1),
            intro="En time om forflytning med loftlift.",
            online_url="https://live.example/tech-timen",
            registration_url="https://tilmelding.example/tech-timen",
            audience=Audience.TEACHERS,
            centre=centre,
            image=photo,
        ),
    )
    partner = Partner.objects.create(
        name="Hjælpemiddelcentralen",
        slug="hjaelpemiddelcentralen",
        partner_type=Partner.Type.SECTOR,
        description="Låner os lifte til undervisningen.",
        website="https://partner.example",
        start=date(2024, 1, 1),
        centre=centre,
    )
    guide = get_document_model().objects.create(
        title="Lærervejledning: forflytning",
        file=ContentFile(b"%PDF-1.4\n% lille testfil\n", name="laerervejledning.pdf"),
    )
    material = add_page(
        TeachingMaterialIndexPage.objects.get(),
        TeachingMaterialPage(
            title="Forflytning med loftlift",
            slug="forflytning-med-loftlift",
            intro="Tre lektioner om sikker forflytning.",
            audience=Audience.STUDENTS,
            lessons=3,
            centre=centre,
            files=[
                TeachingMaterialFile(
                    document=guide, title="Lærervejledning", kind=TeachingMaterialFile.Kind.TEACHER_GUIDE
                ),
                TeachingMaterialFile(document=guide, title="Opgaveark", kind=TeachingMaterialFile.Kind.HANDOUT),
            ],
            body=json.dumps([{"type": "paragraph", "value": "<h2>Forløbet</h2><p>Lektion for lektion.</p>"}]),
        ),
    )
    content = add_page(
        home,
        ContentPage(
            title="Om forflytning",
            slug="om-forflytning",
            intro="Alt om forflytning med teknologi.",
            body=json.dumps(
                [
                    {"type": "heading", "value": {"text": "Hvorfor loftlift?", "level": "h2"}},
                    {"type": "paragraph", "value": "<p>Den skåner ryggen.</p><h3>For eleven</h3><p>Tryghed.</p>"},
                    {"type": "heading", "value": {"text": "Sådan ser det ud", "level": "h3"}},
                    {
                        "type": "image",
                        "value": {
                            "image": {"image": photo.pk, "alt_text": "Elev forflytter en borger", "decorative": False},
                            "caption": "Forflytning i Praksis Lab",
                        },
                    },
                    {
                        "type": "image",
                        "value": {"image": {"image": photo.pk, "alt_text": "", "decorative": True}, "caption": ""},
                    },
                    {"type": "video", "value": {"video": video.pk}},
                    {
                        "type": "quote",
                        "value": {"quote": "Det er en lettelse.", "attribution": "Social- og sundhedselev"},
                    },
                    {
                        "type": "call_to_action",
                        "value": {
                            "title": "Prøv selv",
                            "text": "Kom og prøv liften.",
                            "page": event.pk,
                            "url": "",
                            "button": "Tilmeld dig",
                        },
                    },
                    {"type": "equipment", "value": {"equipment": lift.pk, "text": "Den vi bruger i videoen."}},
                ]
            ),
        ),
    )
    return {
        "video": video,
        "episode": episode,
        "news": news,
        "event": event,
        "partner": partner,
        "material": material,
        "content": content,
        "lift": lift,
    }


PAGES = [
    "home",
    "videos",
    "video",
    "podcast",
    "episode",
    "news index",
    "news article",
    "events",
    "event",
    "partners",
    "materials",
    "material",
    "content page",
    "search",
    "search without query",
    "equipment",
    "equipment list",
    "log in",
    "not found",
]


def page_url(name: str, portal: dict) -> str:
    return {
        "home": "/",
        "videos": reverse("media:index"),
        "video": portal["video"].get_absolute_url(),
        "podcast": reverse("media:episodes"),
        "episode": portal["episode"].get_absolute_url(),
        "news index": "/nyheder/",
        "news article": portal["news"].url,
        "events": "/arrangementer/",
        "event": portal["event"].url,
        "partners": "/partnere/",
        "materials": "/undervisningsmaterialer/",
        "material": portal["material"].url,
        "content page": portal["content"].url,
        "search": reverse("cms:search") + "?q=loftlift",
        "search without query": reverse("cms:search"),
        "equipment": portal["lift"].get_absolute_url(),
        "equipment list": reverse("catalogue:index"),
        "log in": reverse("accounts:login"),
        "not found": "/findes-ikke/",
    }[name]


def test_the_portal_shows_the_content_the_checks_run_on(client, portal):
    """Guards the checks below: a page that lost its content would pass them trivially."""
    expectations = {
        "home": ["Loftlift i praksis", "Ny loftlift i Praksis Lab", "Tech Timen: loftlifte"],
        "video": ["youtube-nocookie.com/embed/", "Først kører du liften", portal["lift"].get_absolute_url()],
        "episode": ["I dag taler vi om loftlifte."],
        "news article": ["Sådan låner I", "<img"],
        "event": ["Tech Timen: loftlifte", "<img"],
        "partners": ["Hjælpemiddelcentralen"],
        "materials": ["Forflytning med loftlift"],
        "material": ["Lærervejledning", "Opgaveark", 'type="radio"', "<textarea"],
        "content page": [
            "Hvorfor loftlift?",
            'alt="Elev forflytter en borger"',
            'alt=""',
            "youtube-nocookie.com/embed/",
            "Det er en lettelse.",
            "Tilmeld dig",
            portal["lift"].get_absolute_url(),
        ],
        "search": ["Om forflytning", "Loftlift i praksis", portal["lift"].get_absolute_url()],
        "equipment": ['id="videos-heading"', "Loftlift i praksis"],
    }
    for name, texts in expectations.items():
        response = client.get(page_url(name, portal))
        assert response.status_code == 200, name
        html = response.content.decode()
        missing = [text for text in texts if text not in html]
        assert missing == [], f"{name}: {missing}"


@pytest.mark.parametrize("name", PAGES)
def test_public_page_passes_the_accessibility_checks(client, portal, name):
    response = client.get(page_url(name, portal))
    assert response.status_code == (404 if name == "not found" else 200)
    assert accessibility_problems(response.content.decode()) == []


@pytest.mark.parametrize("name", ["videos", "events", "partners"])
def test_filtered_list_with_errors_passes_the_accessibility_checks(client, portal, name):
    """A bad filter value adds an error message to the form; the page must stay in order."""
    params = {"videos": {"category": "findes-ikke"}, "events": {"type": "x"}, "partners": {"centre": "x"}}[name]
    response = client.get(page_url(name, portal), params)
    assert response.status_code == 200
    assert "Marker en gyldig valgmulighed" in response.content.decode()
    assert accessibility_problems(response.content.decode()) == []


def test_logged_in_pages_pass_the_accessibility_checks(client, portal, staff):
    client.force_login(staff)
    for name in ["home", "video", "material", "equipment"]:
        response = client.get(page_url(name, portal))
        assert response.status_code == 200, name
        assert accessibility_problems(response.content.decode()) == [], name


def test_pages_are_in_danish_by_default(client, portal):
    for name in ["home", "video", "content page"]:
        html = client.get(page_url(name, portal), HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert '<html lang="da">' in html, name


# What the page says must be in the language it declares, or screen readers read English with a Danish voice.
ENGLISH_LEFT_OVERS = {
    "home": ["Featured videos", "Latest news", "Coming events"],
    "videos": ["Instruction videos", "Show videos"],
    "video": ["Transcript", "About the video", "Equipment in this video", "Related videos"],
    "episode": ["Transcript", "Show the spoken text"],
    "news index": ["Articles"],
    "event": ["Practical information"],
    "materials": ["Courses"],
    "material": ["Teacher guide", "What did you think of the material?"],
    "equipment": ["Instruction videos"],
}


def test_pages_declared_danish_are_written_in_danish(client, portal):
    english = {}
    for name, texts in ENGLISH_LEFT_OVERS.items():
        html = client.get(page_url(name, portal)).content.decode()
        found = [text for text in texts if f">{text}<" in html]
        if found:
            english[name] = found
    assert english == {}
