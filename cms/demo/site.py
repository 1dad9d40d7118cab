"""The demo footer: the centres' contact details and an accessibility statement in Danish.

The statement follows Digitaliseringsstyrelsen's template (scope, compliance status, content that
is not accessible, preparation, feedback and contact, enforcement procedure).
"""

from datetime import date

from wagtail.models import Site

from ..models import AccessibilityStatementPage, ContactDetails, HomePage

EMAIL = "kontakt@videnscenter.example"
PHONE = "+45 70 20 30 40"
CONTACT_TEXT = (
    "<p><b>Videnscenter Øst</b>, Skolevej 10, 2400 København NV</p>"
    "<p><b>Videnscenter Vestdanmark</b>, Fjordvej 5, 7100 Vejle</p>"
    "<p>Telefonen er åben mandag–torsdag 9–15 og fredag 9–12.</p>"
)

STATEMENT = {
    "title": "Tilgængelighedserklæring",
    "slug": "tilgaengelighedserklaering",
    "intro": (
        "Videnscenter for Velfærdsteknologi Øst og Vestdanmark ønsker, at alle kan bruge platformen. "
        "Her kan du læse, hvor tilgængelig den er, og hvad du kan gøre, hvis noget ikke virker for dig."
    ),
    "scope": (
        "<p>Erklæringen gælder for videnscentrenes platform: portalen, udstyrskataloget, booking, "
        "kalenderabonnementer, videobiblioteket og arrangementer. Den gælder ikke for videoer fra YouTube "
        "og andre tjenester, som vi viser, men ikke selv driver.</p>"
    ),
    "compliance": AccessibilityStatementPage.Compliance.PARTIAL,
    "compliance_text": (
        "<p>Platformen er delvist forenelig med lov om tilgængelighed af offentlige organers websteder og "
        "mobilapplikationer på grund af det indhold, der er nævnt nedenfor.</p>"
    ),
    "known_issues": (
        "<ul><li>Udstyrets tilgængelighedskalender viser ledige dage med farver; antallet af ledige enheder "
        "læses op for skærmlæsere, men står ikke synligt på alle dage. Vi arbejder på en ny kalender.</li>"
        "<li>Nogle ældre instruktionsvideoer har endnu ikke undertekster. Skriv til os, så får du en "
        "skriftlig gennemgang.</li>"
        "<li>Undervisningsmaterialer i PDF fra samarbejdspartnere er ikke alle tilgængelige.</li></ul>"
    ),
    "method": (
        "<p>Vurderingen er foretaget af videnscentrene selv. Alle sider i de vigtigste forløb (finde, booke, "
        "ændre og aflyse udstyr, følge bookinger i kalenderen og administrere lån) testes automatisk med "
        "axe-core i en rigtig browser på computer- og mobilskærm, og tastaturbetjening og skærmlæser er "
        "afprøvet manuelt.</p>"
    ),
    "feedback_email": "tilgaengelighed@videnscenter.example",
    "feedback_text": (
        "<p>Oplever du problemer med tilgængeligheden, eller mangler du indhold i en anden form, så skriv til "
        "os. Vi svarer inden for 14 dage.</p>"
    ),
    "enforcement": (
        "<p>Digitaliseringsstyrelsen fører tilsyn med, at offentlige organers websteder overholder loven. "
        "Er du ikke tilfreds med vores svar, kan du klage til Digitaliseringsstyrelsen via "
        '<a href="https://www.was.digst.dk/">was.digst.dk</a>, hvor du finder klageformularen.</p>'
    ),
}


def load_accessibility_statement(home: HomePage, *, today: date) -> int:
    """Create and publish the statement under the home page, unless one exists (editors' text is kept)."""
    if AccessibilityStatementPage.objects.exists():
        return 0
    page = AccessibilityStatementPage(**STATEMENT, prepared_on=today, reviewed_on=today)
    home.add_child(instance=page)
    page.save_revision().publish()
    return 1


def load_contact_details() -> None:
    """Fill the footer's contact details of the default site where they are still empty."""
    site = Site.objects.get(is_default_site=True)
    contact = ContactDetails.for_site(site)
    if not (contact.email or contact.phone or contact.text):
        contact.email, contact.phone, contact.text = EMAIL, PHONE, CONTACT_TEXT
        contact.save()
