"""The yearly activity list as a document a centre can send: XLSX (openpyxl) and PDF (reportlab).

Both are built from the same ``ActivityList`` the admin page shows, in the active language.
"""

from io import BytesIO

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .charts import fmt
from .selectors import ActivityList, ActivityRow


def title(report: ActivityList) -> str:
    return _("Activity list %(year)s – %(scope)s") % {"year": report.year, "scope": report.scope.label}


def subtitle(report: ActivityList) -> str:
    first, last = report.period
    return _("Counted from %(first)s to %(last)s; made %(today)s from the platform's data.") % {
        "first": date_format(first, "j. F Y"),
        "last": date_format(last, "j. F Y"),
        "today": date_format(report.today, "j. F Y"),
    }


def headings(report: ActivityList) -> list[str]:
    return [
        _("Area"),
        _("Measure"),
        _("Target"),
        str(report.year),
        str(report.year - 1),
        _("Baseline"),
        _("Met"),
    ]


def cells(row: ActivityRow) -> list[str]:
    unit = " %" if row.info.percent and row.value is not None else ""
    return [
        row.area,
        row.label,
        row.target,
        f"{fmt(row.value)}{unit}",
        fmt(row.last_year),
        fmt(row.baseline),
        row.met_label,
    ]


def filename(report: ActivityList, extension: str) -> str:
    scope = report.scope.centre.slug if report.scope.centre else "faelles"
    return f"aktivitetsopgoerelse-{report.year}-{scope}.{extension}"


def activity_xlsx(report: ActivityList) -> bytes:
    """A workbook: the list (with a title, bold headings and the figures as numbers), the PopUp
    centres of the year, and the definitions of the measures."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    book = Workbook()
    sheet = book.active
    sheet.title = _("Activity list")[:31]
    sheet.append([title(report)])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([subtitle(report)])
    sheet.append([])
    sheet.append(headings(report))
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    met_fill, missed_fill = PatternFill("solid", fgColor="D9EAD3"), PatternFill("solid", fgColor="F4CCCC")
    for row in report.rows:
        sheet.append(
            [row.area, row.label, row.target, _number(row.value), _number(row.last_year), _number(row.baseline)]
            + [row.met_label]
        )
        if row.met is not None:
            sheet.cell(sheet.max_row, 7).fill = met_fill if row.met else missed_fill
    for column, width in zip("ABCDEFG", (34, 52, 30, 12, 12, 12, 10), strict=True):
        sheet.column_dimensions[column].width = width

    popups = book.create_sheet(_("PopUp centres")[:31])
    popups.append([_("PopUp centre"), _("Host school"), _("First day"), _("Last day")])
    for cell in popups[1]:
        cell.font = Font(bold=True)
    for popup in report.popups:
        popups.append([popup.title, popup.host.name, popup.start_date, popup.end_date])

    definitions = book.create_sheet(_("Definitions")[:31])
    definitions.append([_("Measure"), _("Source"), _("Definition")])
    for cell in definitions[1]:
        cell.font = Font(bold=True)
    for row in report.rows:
        definitions.append([row.label, str(row.info.source), str(row.info.definition)])
    output = BytesIO()
    book.save(output)
    return output.getvalue()


def _number(value):
    if value is None:
        return None
    return int(value) if value == int(value) else float(value)


def activity_pdf(report: ActivityList) -> bytes:
    """A landscape A4 document: title, the list as a table, the PopUp centres and the definitions."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    small = styles["BodyText"].clone("small", fontSize=8, leading=10)
    output = BytesIO()
    document = SimpleDocTemplate(
        output,
        pagesize=landscape(A4),
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=title(report),
        author=report.scope.label,
        lang="da",
    )

    def para(text: str, style=small) -> Paragraph:
        return Paragraph(_escape(text), style)

    data = [[para(h) for h in headings(report)]] + [[para(c) for c in cells(row)] for row in report.rows]
    table = Table(data, colWidths=[55 * mm, 75 * mm, 45 * mm, 20 * mm, 20 * mm, 20 * mm, 20 * mm], repeatRows=1)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    for index, row in enumerate(report.rows, start=1):
        if row.met is not None:
            colour = colors.HexColor("#d9ead3" if row.met else "#f4cccc")
            style.append(("BACKGROUND", (6, index), (6, index), colour))
    table.setStyle(TableStyle(style))
    story = [para(title(report), styles["Title"]), para(subtitle(report), styles["BodyText"]), Spacer(1, 4 * mm), table]
    story += [Spacer(1, 6 * mm), para(_("PopUp centres"), styles["Heading2"])]
    if report.popups:
        for popup in report.popups:
            story.append(
                para(
                    f"{popup.title} – {popup.host.name}, "
                    f"{date_format(popup.start_date, 'j. M Y')}–{date_format(popup.end_date, 'j. M Y')}"
                )
            )
    else:
        story.append(para(_("No PopUp centres in the year.")))
    story += [Spacer(1, 6 * mm), para(_("Definitions"), styles["Heading2"])]
    for row in report.rows:
        story.append(Paragraph(f"<b>{_escape(row.label)}</b>: {_escape(str(row.info.definition))}", small))
    document.build(story)
    return output.getvalue()


def _escape(text: str) -> str:
    """reportlab paragraphs read a little markup: plain text must not be taken for it."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
