"""A certificate of attendance as a one-page PDF (reportlab, pinned in requirements.txt). Pure."""

from dataclasses import dataclass
from io import BytesIO

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Certificate:
    participant: str
    course: str
    when: str  # e.g. "3. marts 2031"
    place: str
    centre: str


def certificate_pdf(certificate: Certificate) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    styles = getSampleStyleSheet()
    centred = styles["BodyText"].clone("centred", alignment=1, fontSize=13, leading=18)
    output = BytesIO()
    title = _("Certificate of attendance")
    document = SimpleDocTemplate(
        output, pagesize=A4, topMargin=40 * mm, title=f"{title}: {certificate.participant}", author=certificate.centre
    )

    def para(text: str, style=centred) -> Paragraph:
        return Paragraph(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"), style)

    story = [
        para(title, styles["Title"]),
        Spacer(1, 15 * mm),
        para(_("This is to certify that")),
        Spacer(1, 5 * mm),
        para(certificate.participant, styles["Heading1"].clone("name", alignment=1)),
        Spacer(1, 5 * mm),
        para(_("took part in the course")),
        Spacer(1, 5 * mm),
        para(certificate.course, styles["Heading2"].clone("course", alignment=1)),
        para(", ".join(p for p in [certificate.when, certificate.place] if p)),
        Spacer(1, 30 * mm),
        para(certificate.centre),
    ]
    document.build(story)
    return output.getvalue()
