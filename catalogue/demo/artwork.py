"""Placeholder images (Pillow) and quick-guide PDFs for the demo catalogue, made here, never downloaded."""

import textwrap
from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.documents import get_document_model
from wagtail.documents.models import AbstractDocument
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage
from wagtail.utils.file import hash_filelike


def _font(size: int):
    try:
        return ImageFont.load_default(size=size)
    except (TypeError, ImportError, OSError):  # Pillow without FreeType: fixed-size bitmap font
        return ImageFont.load_default()


def _pictogram(draw: ImageDraw.ImageDraw, kind: str, cx: int, cy: int) -> None:
    """A simple white pictogram for a category, centred on (cx, cy), about 220 px wide."""
    white, w = "#ffffff", 10
    if kind == "robot":
        draw.line([cx, cy - 120, cx, cy - 85], fill=white, width=w)
        draw.ellipse([cx - 14, cy - 140, cx + 14, cy - 112], fill=white)
        draw.rounded_rectangle([cx - 100, cy - 85, cx + 100, cy + 60], radius=30, outline=white, width=w)
        for dx in (-45, 45):
            draw.ellipse([cx + dx - 20, cy - 40, cx + dx + 20, cy], fill=white)
        draw.line([cx - 40, cy + 25, cx + 40, cy + 25], fill=white, width=w)
    elif kind == "lift":
        draw.line([cx - 110, cy - 120, cx + 110, cy - 120], fill=white, width=w)
        draw.line([cx, cy - 120, cx, cy - 40], fill=white, width=w // 2)
        draw.arc([cx - 60, cy - 60, cx + 60, cy + 60], start=200, end=340, fill=white, width=w)
        draw.ellipse([cx - 20, cy - 10, cx + 20, cy + 30], fill=white)
        draw.rounded_rectangle([cx - 35, cy + 35, cx + 35, cy + 120], radius=18, fill=white)
    elif kind == "sensor":
        draw.ellipse([cx - 22, cy + 38, cx + 22, cy + 82], fill=white)
        for r in (70, 115, 160):
            draw.arc([cx - r, cy + 60 - r, cx + r, cy + 60 + r], start=225, end=315, fill=white, width=w)
    elif kind == "suit":
        draw.ellipse([cx - 35, cy - 130, cx + 35, cy - 60], fill=white)
        draw.rounded_rectangle([cx - 60, cy - 50, cx + 60, cy + 60], radius=25, fill=white)
        draw.rectangle([cx - 55, cy + 60, cx - 10, cy + 140], fill=white)
        draw.rectangle([cx + 10, cy + 60, cx + 55, cy + 140], fill=white)
        draw.line([cx + 80, cy - 40, cx + 80, cy + 140], fill=white, width=w)  # a walking stick
    elif kind == "vr":
        draw.rounded_rectangle([cx - 120, cy - 60, cx + 120, cy + 60], radius=35, outline=white, width=w)
        for dx in (-55, 55):
            draw.ellipse([cx + dx - 35, cy - 30, cx + dx + 35, cy + 40], fill=white)
        draw.line([cx - 120, cy - 10, cx - 160, cy - 30], fill=white, width=w)
        draw.line([cx + 120, cy - 10, cx + 160, cy - 30], fill=white, width=w)
    elif kind == "speech":
        draw.rounded_rectangle([cx - 120, cy - 90, cx + 120, cy + 50], radius=40, outline=white, width=w)
        draw.polygon([(cx - 60, cy + 45), (cx - 90, cy + 110), (cx - 10, cy + 45)], fill=white)
        for dx in (-50, 0, 50):
            draw.ellipse([cx + dx - 12, cy - 32, cx + dx + 12, cy - 8], fill=white)
    elif kind == "pill":
        draw.rounded_rectangle([cx - 120, cy - 45, cx + 120, cy + 45], radius=45, outline=white, width=w)
        draw.pieslice([cx - 120, cy - 45, cx - 30, cy + 45], start=90, end=270, fill=white)
        draw.rectangle([cx - 75, cy - 45, cx, cy + 45], fill=white)
        draw.line([cx + 50, cy - 120, cx + 50, cy - 70], fill=white, width=w)
        draw.line([cx + 25, cy - 95, cx + 75, cy - 95], fill=white, width=w)
    else:  # house
        draw.polygon([(cx, cy - 130), (cx - 130, cy - 20), (cx + 130, cy - 20)], outline=white, width=w)
        draw.rectangle([cx - 95, cy - 20, cx + 95, cy + 120], outline=white, width=w)
        draw.rectangle([cx - 25, cy + 40, cx + 25, cy + 120], fill=white)
        draw.ellipse([cx + 40, cy + 5, cx + 75, cy + 40], fill=white)


# Pillow's built-in font has no æ, ø or å, so those are composed from letters it does have.
_COMPOSED = {"æ": ("a", "e"), "Æ": ("A", "E"), "ø": ("o", "/"), "Ø": ("O", "/"), "å": ("a", "°"), "Å": ("A", "°")}
_PLAIN = str.maketrans({"–": "-", "—": "-"})


def _glyph_width(char: str, font) -> float:
    base, mark = _COMPOSED.get(char, (char, ""))
    if mark in ("e", "E"):
        return font.getlength(base) * 0.7 + font.getlength(mark)
    return font.getlength(base)


def _draw_glyph(draw: ImageDraw.ImageDraw, x: float, y: float, char: str, *, font, fill: str) -> None:
    base, mark = _COMPOSED.get(char, (char, ""))
    draw.text((x, y), base, font=font, fill=fill)
    left, top, right, bottom = font.getbbox(base)
    stroke = max(2, round((bottom - top) / 12))
    if mark in ("e", "E"):  # ligature: the second letter overlaps the first
        draw.text((x + font.getlength(base) * 0.7, y), mark, font=font, fill=fill)
    elif mark == "/":  # slashed o
        draw.line([x + left, y + bottom + stroke / 2, x + right, y + top - stroke / 2], fill=fill, width=stroke)
    elif mark == "°":  # ring above
        radius = (right - left) / 5
        cx, cy = x + (left + right) / 2, y + top - radius - stroke
        draw.ellipse([cx - radius, cy - radius, cx + radius, cy + radius], outline=fill, width=stroke)


def _centred_text(draw: ImageDraw.ImageDraw, y: int, text: str, *, font, fill: str) -> None:
    """Draw one line centred horizontally on the 800 px canvas, vertically around y."""
    text = text.translate(_PLAIN)
    _left, top, _right, bottom = font.getbbox("Ag")
    x = (800 - sum(_glyph_width(char, font) for char in text)) / 2
    y = y - (bottom + top) / 2
    for char in text:
        _draw_glyph(draw, x, y, char, font=font, fill=fill)
        x += _glyph_width(char, font)


def _placeholder_png(title: str, subtitle: str, colour: str, pictogram: str) -> bytes:
    """An 800×600 PNG: category colour, pictogram, name and a small caption."""
    img = PILImage.new("RGB", (800, 600), colour)
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, 520, 800, 600], fill="#ffffff")
    _pictogram(draw, pictogram, 400, 190)
    lines = textwrap.wrap(title, width=28)
    font = _font(40)
    y = 380 - 26 * (len(lines) - 1)
    for line in lines:
        _centred_text(draw, y, line, font=font, fill="#ffffff")
        y += 52
    _centred_text(draw, 560, subtitle, font=_font(24), fill=colour)
    buf = BytesIO()
    img.save(buf, "PNG", compress_level=1)  # flat colours compress well anyway; keeps the loader fast
    return buf.getvalue()


def _pdf_text(text: str) -> bytes:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return escaped.encode("cp1252", errors="replace")


def _manual_pdf(title: str, lines: list[str]) -> bytes:
    """A one-page A4 PDF with real (selectable) text in Helvetica; Danish letters via WinAnsiEncoding."""
    content = [b"BT /F2 18 Tf 56 780 Td (" + _pdf_text(title) + b") Tj ET", b"BT /F1 11 Tf 15 TL 56 745 Td"]
    for line in lines:
        wrapped = textwrap.wrap(line, width=85) or [""]
        for part in wrapped:
            content.append(b"(" + _pdf_text(part) + b") Tj T*")
    content.append(b"ET")
    stream = b"\n".join(content)
    fonts = b"/Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
        b"<< " + fonts % b"Helvetica" + b" >>",
        b"<< " + fonts % b"Helvetica-Bold" + b" >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _image(title: str, filename: str, render) -> AbstractImage:
    """The Wagtail image with this title, generated and stored only if there is none yet."""
    Image = get_image_model()
    image = Image.objects.filter(title=title).order_by("pk").first()
    if image is None:
        data = render()
        image = Image(title=title, file=ImageFile(BytesIO(data), name=filename))
        image.file_size = len(data)
        image.file_hash = hash_filelike(BytesIO(data))
        image.save()
    return image


def _document(title: str, filename: str, render) -> AbstractDocument:
    """The Wagtail document with this title, generated and stored only if there is none yet."""
    Document = get_document_model()
    document = Document.objects.filter(title=title).order_by("pk").first()
    if document is None:
        data = render()
        document = Document(title=title, file=ContentFile(data, name=filename))
        document.file_size = len(data)
        document.file_hash = hash_filelike(BytesIO(data))
        document.save()
    return document


# Public names for the other apps' demo loaders (media, cms), which reuse the same artwork.
placeholder_png = _placeholder_png
manual_pdf = _manual_pdf
stored_image = _image
stored_document = _document
