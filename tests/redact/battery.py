"""PDFs that each hold one invented name in one leak channel
(``disclosure.md`` §3), with the name also visible on the page so that
redacting it draws a box there.  Used by the leak battery test and by
``bench/redact_battery.py``."""

from __future__ import annotations

import io
from collections.abc import Callable

import pikepdf
from PIL import Image, ImageDraw
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

NAME = "Wouter Kramsveld"
KEPT = "Dit blijft leesbaar staan"
FONTS = ("Helvetica", "Times-Roman", "Courier")


def _canvas_pdf(draw: Callable[[Canvas], None]) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.setFont("Helvetica", 11)
    canvas.drawString(72, 780, KEPT)
    draw(canvas)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def plain(font: str) -> bytes:
    def draw(c: Canvas) -> None:
        c.setFont(font, 12)
        c.drawString(72, 700, f"Contactpersoon: {NAME}, afdeling Z")

    return _canvas_pdf(draw)


def form_xobject(font: str) -> bytes:
    def draw(c: Canvas) -> None:
        c.beginForm("kop")
        c.setFont(font, 12)
        c.drawString(72, 650, f"Opgesteld door {NAME}")
        c.endForm()
        c.doForm("kop")

    return _canvas_pdf(draw)


def rotated(font: str) -> bytes:
    def draw(c: Canvas) -> None:
        c.saveState()
        c.translate(200, 400)
        c.rotate(35)
        c.setFont(font, 12)
        c.drawString(0, 0, f"Gezien: {NAME}")
        c.restoreState()

    return _canvas_pdf(draw)


def single_glyphs(font: str) -> bytes:
    def draw(c: Canvas) -> None:
        x = 72.0
        for char in f"Aan {NAME}":
            c.setFont(font, 12)
            c.drawString(x, 600, char)
            x += stringWidth(char, font, 12)

    return _canvas_pdf(draw)


def hidden_ocr_layer(font: str) -> bytes:
    """A scanned line (pixels) with an invisible text layer over it, as OCR tools write."""

    def draw(c: Canvas) -> None:
        image = Image.new("L", (1200, 80), 255)
        ImageDraw.Draw(image).rectangle((300, 20, 700, 60), fill=0)  # the 'ink' of a name
        c.drawInlineImage(image, 72, 500, width=400, height=27)
        text = c.beginText(80, 505)
        text.setFont(font, 12)
        text.setTextRenderMode(3)
        text.textLine(f"Verzonden door {NAME}")
        c.drawText(text)

    return _canvas_pdf(draw)


def _raw_page(
    content: bytes,
    font: pikepdf.Dictionary | None = None,
    edit: Callable[[pikepdf.Pdf], None] | None = None,
) -> bytes:
    """A page written with pikepdf: ``content`` over font /F1 (Helvetica when none)."""
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(595, 842))
    helvetica = pikepdf.Dictionary(
        Type=pikepdf.Name.Font,
        Subtype=pikepdf.Name.Type1,
        BaseFont=pikepdf.Name.Helvetica,
        Encoding=pikepdf.Name.WinAnsiEncoding,
    )
    page.Resources = pikepdf.Dictionary(
        Font=pikepdf.Dictionary(
            F1=pdf.make_indirect(font if font is not None else helvetica),
            F0=pdf.make_indirect(helvetica),
        )
    )
    page.Contents = pdf.make_stream(
        b"BT /F0 11 Tf 72 780 Td (" + KEPT.encode() + b") Tj ET\n" + content
    )
    if edit is not None:
        edit(pdf)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def kerned_interleaved(font: str) -> bytes:
    """The name's glyphs drawn with kerning between each, and its second word
    before its first (moved back with Td), as some layout programs write."""
    del font
    content = (
        b"BT /F1 12 Tf 160 700 Td [(K) 20 (r) -15 (a) 10 (m) (s) 5 (v) (e) (l) -5 (d)] TJ "
        b"-88 0 Td [(W) 30 (o) (u) -10 (t) (e) (r)] TJ ET"
    )
    return _raw_page(content)


def _to_unicode(codes: dict[int, str], width: int) -> bytes:
    lines = [f"<{code:0{width * 2}X}> <{ord(char):04X}>" for code, char in codes.items()]
    return (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap "
        b"/CMapName /Inzage-Test def /CMapType 2 def 1 begincodespacerange "
        + (b"<00> <FF>" if width == 1 else b"<0000> <FFFF>")
        + b" endcodespacerange "
        + f"{len(lines)} beginbfchar ".encode()
        + "\n".join(lines).encode()
        + b" endbfchar endcmap CMapName currentdict /CMap defineresource pop end end"
    )


def type3(font: str) -> bytes:
    """The name in a Type 3 font whose glyphs are drawn boxes."""
    del font
    text = f"Aan {NAME}"
    chars = sorted(set(text))
    codes = {ord(c): c for c in chars}

    def edit(pdf: pikepdf.Pdf) -> None:
        procs = pikepdf.Dictionary()
        differences: list[object] = []
        for char in chars:
            glyph = f"g{ord(char)}"
            procs[f"/{glyph}"] = pdf.make_stream(
                b"600 0 0 0 500 700 d1 50 0 500 700 re f" if char != " " else b"600 0 0 0 0 0 d1"
            )
            differences.extend([ord(char), pikepdf.Name(f"/{glyph}")])
        first, last = min(codes), max(codes)
        font3 = pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.Type3,
            FontBBox=[0, 0, 600, 700],
            FontMatrix=[0.001, 0, 0, 0.001, 0, 0],
            CharProcs=procs,
            Encoding=pikepdf.Dictionary(
                Type=pikepdf.Name.Encoding, Differences=pikepdf.Array(differences)
            ),
            FirstChar=first,
            LastChar=last,
            Widths=[600] * (last - first + 1),
            ToUnicode=pdf.make_stream(_to_unicode(codes, 1)),
            Resources=pikepdf.Dictionary(),
        )
        pdf.pages[0].Resources.Font.F1 = pdf.make_indirect(font3)

    return _raw_page(b"BT /F1 12 Tf 72 700 Td (" + text.encode() + b") Tj ET", edit=edit)


def cid_identity(font: str) -> bytes:
    """The name in a composite font: two-byte codes, Identity-H, /W widths."""
    del font
    text = f"Aan {NAME}"
    codes = {ord(c): c for c in set(text)}

    def edit(pdf: pikepdf.Pdf) -> None:
        descendant = pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.CIDFontType2,
            BaseFont=pikepdf.Name("/Arial"),
            CIDSystemInfo=pikepdf.Dictionary(
                Registry=pikepdf.String("Adobe"), Ordering=pikepdf.String("Identity"), Supplement=0
            ),
            DW=600,
            W=pikepdf.Array([32, pikepdf.Array([278]), 65, 122, 600]),
            FontDescriptor=pikepdf.Dictionary(
                Type=pikepdf.Name.FontDescriptor,
                FontName=pikepdf.Name("/Arial"),
                Flags=32,
                FontBBox=[0, -200, 1000, 900],
                ItalicAngle=0,
                Ascent=900,
                Descent=-200,
                CapHeight=700,
                StemV=80,
            ),
        )
        composite = pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.Type0,
            BaseFont=pikepdf.Name("/Arial"),
            Encoding=pikepdf.Name("/Identity-H"),
            DescendantFonts=pikepdf.Array([pdf.make_indirect(descendant)]),
            ToUnicode=pdf.make_stream(_to_unicode(codes, 2)),
        )
        pdf.pages[0].Resources.Font.F1 = pdf.make_indirect(composite)

    hexed = "".join(f"{ord(c):04X}" for c in text).encode()
    return _raw_page(b"BT /F1 12 Tf 72 700 Td <" + hexed + b"> Tj ET", edit=edit)


def _with(edit: Callable[[pikepdf.Pdf], None]) -> bytes:
    with pikepdf.open(io.BytesIO(plain("Helvetica"))) as pdf:
        edit(pdf)
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def _annotations(pdf: pikepdf.Pdf) -> None:
    over_box = pikepdf.Dictionary(
        Type=pikepdf.Name.Annot,
        Subtype=pikepdf.Name.Link,
        Rect=[150, 695, 260, 712],
        A=pikepdf.Dictionary(
            S=pikepdf.Name.URI, URI=pikepdf.String("mailto:wouter.kramsveld@example.org")
        ),
    )
    elsewhere = pikepdf.Dictionary(
        Type=pikepdf.Name.Annot,
        Subtype=pikepdf.Name.Text,
        Rect=[400, 100, 420, 120],
        Contents=pikepdf.String(f"Navragen bij {NAME}"),
        T=pikepdf.String(NAME),
    )
    pdf.pages[0].Annots = pdf.make_indirect(pikepdf.Array([over_box, elsewhere]))


def _form_field(pdf: pikepdf.Pdf) -> None:
    from tests.builders import add_text_field

    add_text_field(pdf, f"behandeld door {NAME}")


def _info(pdf: pikepdf.Pdf) -> None:
    pdf.docinfo["/Author"] = NAME
    pdf.docinfo["/Title"] = f"Mail van {NAME}"


def _xmp(pdf: pikepdf.Pdf) -> None:
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:creator"] = [NAME]


def _embedded(pdf: pikepdf.Pdf) -> None:
    pdf.attachments["notitie.txt"] = pikepdf.AttachedFileSpec(pdf, f"gesprek met {NAME}".encode())


def _actual_text(pdf: pikepdf.Pdf) -> None:
    page = pdf.pages[0]
    extra = pdf.make_stream(
        b"/Span << /ActualText (" + NAME.encode() + b") >> BDC BT /F1 9 Tf 72 72 Td (xx) Tj ET EMC"
    )
    page.Contents = pikepdf.Array([page.Contents, extra])


def _structure_alt(pdf: pikepdf.Pdf) -> None:
    element = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.StructElem,
            S=pikepdf.Name.Figure,
            Alt=pikepdf.String(f"Foto van {NAME}"),
        )
    )
    pdf.Root.StructTreeRoot = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot, K=element)
    )


def _bookmark(pdf: pikepdf.Pdf) -> None:
    with pdf.open_outline() as outline:
        outline.root.append(pikepdf.OutlineItem(f"Mail van {NAME}", 0))


def _javascript(pdf: pikepdf.Pdf) -> None:
    script = pikepdf.Dictionary(
        S=pikepdf.Name.JavaScript, JS=pikepdf.String(f"app.alert('{NAME}')")
    )
    pdf.Root.OpenAction = pdf.make_indirect(script)


def earlier_revision() -> bytes:
    """An incremental update that replaced the page's content: the earlier
    revision still holds the name in a second sentence."""
    from tests.builders import with_page_update

    body = f"BT /F1 12 Tf 72 700 Td (Contactpersoon: {NAME}) Tj ET".encode()
    return with_page_update(plain("Helvetica"), body)


# Channels drawn in each of FONTS (the raw ones bring their own font).
TEXT_CHANNELS: dict[str, Callable[[str], bytes]] = {
    "plain text": plain,
    "form XObject": form_xobject,
    "rotated text": rotated,
    "single-glyph draws": single_glyphs,
    "hidden OCR layer": hidden_ocr_layer,
}
FONTLESS_CHANNELS: dict[str, Callable[[], bytes]] = {
    "kerning, interleaved": lambda: kerned_interleaved(""),
    "Type 3 font": lambda: type3(""),
    "CID font, Identity-H": lambda: cid_identity(""),
    "annotations and link target": lambda: _with(_annotations),
    "form field": lambda: _with(_form_field),
    "Info dictionary": lambda: _with(_info),
    "XMP": lambda: _with(_xmp),
    "embedded file": lambda: _with(_embedded),
    "ActualText": lambda: _with(_actual_text),
    "structure tree alternative text": lambda: _with(_structure_alt),
    "bookmark": lambda: _with(_bookmark),
    "JavaScript": lambda: _with(_javascript),
    "earlier revision": earlier_revision,
}


def battery() -> dict[str, bytes]:
    """Every channel, the text ones in every font: name → PDF."""
    cases = {
        f"{channel} ({font})": make(font)
        for channel, make in TEXT_CHANNELS.items()
        for font in FONTS
    }
    cases.update({channel: make() for channel, make in FONTLESS_CHANNELS.items()})
    return cases


def recoverable(data: bytes, needle: str = "kramsveld") -> list[str]:
    """Where ``needle`` (lower case) can still be read in a PDF, by means
    independent of inzage's own: PDFium's and pypdf's text, every
    decompressed object and stream, the file's raw bytes."""
    import pypdf
    import pypdfium2 as pdfium

    def has(text: str) -> bool:
        return needle in "".join(c for c in text.lower() if c.isalpha())

    places: list[str] = []
    if has(data.decode("latin-1")):
        places.append("raw bytes")
    document = pdfium.PdfDocument(data)
    for index in range(len(document)):
        if has(document[index].get_textpage().get_text_range()):
            places.append(f"pdfium page {index + 1}")
    document.close()
    for index, page in enumerate(pypdf.PdfReader(io.BytesIO(data)).pages):
        if has(page.extract_text() or ""):
            places.append(f"pypdf page {index + 1}")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                if str(obj.get("/Subtype", "")) != "/Image" and has(
                    obj.read_bytes().decode("latin-1")
                ):
                    places.append(f"stream {obj.objgen[0]}")
            elif has(repr(obj)):
                places.append(f"object {obj.objgen[0]}")
        if has(repr(pdf.docinfo)):
            places.append("Info")
    return places
