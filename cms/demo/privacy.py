"""The demo privacy notice: Danish text around the retention table the page draws from the settings."""

from ..models import HomePage, PrivacyNoticePage

SLUG = "privatlivspolitik"
TITLE = "Privatlivspolitik"
INTRO = (
    "Sådan behandler videnscentrene personoplysninger om undervisere, koordinatorer og deltagere: "
    "hvad vi gemmer, hvorfor, og hvor længe."
)
BODY = [
    ("heading", "Dataansvarlig"),
    (
        "paragraph",
        "<p>Videnscenter for Velfærdsteknologi Øst og Videnscenter for Velfærdsteknologi Vestdanmark er "
        "dataansvarlige for de oplysninger, der behandles på platformen. Hvert center har ansvaret for sine "
        "egne udlån, kurser og betalinger.</p>",
    ),
    ("heading", "Hvorfor vi behandler oplysningerne"),
    (
        "paragraph",
        "<p>Vi behandler oplysninger for at kunne låne udstyr ud til skolerne, afvikle kurser og arrangementer "
        "og aflægge den årlige rapport til ministeriet. Grundlaget er udførelsen af en opgave i samfundets "
        "interesse (databeskyttelsesforordningens artikel 6, stk. 1, litra e) og, for betalinger, "
        "bogføringsloven.</p>",
    ),
]
AFTER_TABLE = [
    ("heading", "Dine rettigheder"),
    (
        "paragraph",
        "<p>Du har ret til at se de oplysninger, vi har om dig, og til at få dem udleveret. Under "
        "<b>Profil → Mine data</b> kan du se alt og hente det som en JSON-fil. Du kan også bede om at blive "
        "slettet; centrets personale sletter så dit navn, din e-mailadresse og det, du har skrevet, og "
        "din konto lukkes. Skolens udlån og centrenes tal bevares uden navn.</p>",
    ),
    ("heading", "Kontakt og klage"),
    (
        "paragraph",
        "<p>Spørgsmål om dine oplysninger kan sendes til dit videnscenter. Du kan klage til "
        "Datatilsynet, Carl Jacobsens Vej 35, 2500 Valby, www.datatilsynet.dk.</p>",
    ),
]


def _stream(blocks) -> list[dict]:
    stream = []
    for kind, value in blocks:
        if kind == "heading":
            stream.append({"type": "heading", "value": {"text": value, "level": "h2"}})
        else:
            stream.append({"type": "paragraph", "value": value})
    return stream


def load_privacy_notice(home: HomePage) -> int:
    """Create and publish the privacy notice under the home page, unless one exists (editors' text is kept)."""
    if PrivacyNoticePage.objects.exists():
        return 0
    page = PrivacyNoticePage(title=TITLE, slug=SLUG, intro=INTRO, body=_stream(BODY), after_table=_stream(AFTER_TABLE))
    home.add_child(instance=page)
    page.save_revision().publish()
    return 1
