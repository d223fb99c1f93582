"""Adversarial PDFs for ``inzage redact``: constructions beyond the leak
battery (``battery.py``) that try to make a verified copy hold what was
redacted, or make the redactor fail with an error of its own.

The contract under test: ``redact_document`` either refuses the file
(``RedactionError``, ``InputError``, ``ConfigurationError``), or hands back no
copy (verification failed), or hands back a copy from which nothing of the
redacted name can be read: not by text extraction, not in any object or
stream, not by decoding a content stream's strings, not by OCR of the
rendered page or of an image in the file.

The hunt first found 28 verified copies that still held the name and 12
crashes; each is a test here now, with the constructions that were safe
from the start.  A new leak found goes in as ``xfail(strict=True)`` until it
is fixed.  Only invented names are used."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import warnings
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from inzage.errors import ConfigurationError, InputError
from inzage.redact.document import RedactOptions, redact_document
from inzage.redact.matching import Needle
from inzage.redact.pdf import RedactionError
from inzage.redact.targets import Decision
from tests.redact.battery import (
    KEPT,
    NAME,
    _canvas_pdf,
    _raw_page,
    _with,
    plain,
    recoverable,
)

NEEDLE = Needle(NAME, "5.1.2e")
SAFE_ERRORS = (RedactionError, InputError, ConfigurationError)
HEXNAME = NAME.encode().hex().encode()  # the name as a hex string <576F...>: no ASCII in the stream
LINE = f"Contactpersoon: {NAME}, afdeling Z"  # the line of plain(), at (72, 700) in 12 pt Helvetica
# Pieces of four letters and more of the name's words: what a partial removal leaves readable.
FRAGMENTS = sorted(
    {
        w[i : i + n]
        for w in ("wouter", "kramsveld")
        for n in range(4, len(w) + 1)
        for i in range(len(w) - n + 1)
    }
)
needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="tesseract is not installed"
)


@pytest.fixture(autouse=True)
def _own_ocr_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INZAGE_CACHE", str(tmp_path / "cache"))


# --- what redact hands back, and ways to read a name out of it ----------------


def redacted(
    data: bytes,
    *,
    decisions: Sequence[Decision] = (),
    terms: Sequence[Needle] = (NEEDLE,),
    options: RedactOptions | None = None,
) -> bytes | None:
    """The verified copy ``redact_document`` hands back; ``None`` where it hands
    back none or refuses the file (both safe)."""
    try:
        done = redact_document(
            data, "in.pdf", list(decisions), list(terms), options or RedactOptions()
        )
    except SAFE_ERRORS:
        return None
    return done.data


def _letters(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalpha())


def has_name(text: str) -> bool:
    return "kramsveld" in _letters(text) or "wouterk" in _letters(text)


def page_texts(data: bytes) -> list[str]:
    """Each page's text as PDFium and as pypdf give it."""
    import pypdf
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        texts = [str(document[i].get_textpage().get_text_range()) for i in range(len(document))]
    finally:
        document.close()
    texts.extend(page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    return texts


def fragments(data: bytes) -> list[str]:
    """Pieces (four letters or more) of the name's words left in a word of the text layer."""
    words = {w for text in page_texts(data) for w in re.findall(r"[^\W\d_]+", text.lower())}
    return sorted({f for f in FRAGMENTS for w in words if f in w})


def shown_strings(data: bytes) -> list[str]:
    """The string operands of every stream that parses as content (pages, forms,
    patterns, glyph procedures, appearances), decoded byte for byte as
    pdfminer or any content-stream reader sees them: hex strings and escapes
    included.  A ``TJ`` array counts as one string."""
    found: list[str] = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for obj in pdf.objects:
            if not isinstance(obj, pikepdf.Stream) or str(obj.get("/Subtype", "")) == "/Image":
                continue
            try:
                with warnings.catch_warnings():  # a stream that is not content
                    warnings.simplefilter("ignore")
                    instructions = pikepdf.parse_content_stream(obj)
            except Exception:  # not content (a CMap, a font program): nothing to read here
                continue
            for instruction in instructions:
                if isinstance(instruction, pikepdf.ContentStreamInlineImage):
                    continue
                for operand in instruction.operands:
                    items = list(operand) if isinstance(operand, pikepdf.Array) else [operand]
                    strings = [
                        bytes(i).decode("latin-1") for i in items if isinstance(i, pikepdf.String)
                    ]
                    if strings:
                        found.append("".join(strings))
    return found


def ocr_page(data: bytes, page: int = 0, scale: float = 200 / 72) -> str:
    """What Tesseract reads on a rendered page (annotations drawn, as a viewer shows them)."""
    import pypdfium2 as pdfium

    from inzage.read.ocr import ocr_words, words_text

    document = pdfium.PdfDocument(data)
    try:
        image = document[page].render(scale=scale).to_pil()
    finally:
        document.close()
    return words_text(ocr_words(image))


def ocr_images(data: bytes) -> list[str]:
    """What Tesseract reads in each image XObject of the file (``pdfimages`` and OCR)."""
    from PIL import ImageOps

    from inzage.read.ocr import ocr_words, words_text

    texts: list[str] = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream) and str(obj.get("/Subtype", "")) == "/Image":
                image = pikepdf.PdfImage(obj).as_pil_image().convert("L")
                for variant in (image, ImageOps.invert(image)):
                    texts.append(words_text(ocr_words(variant)))
    return texts


# --- builders -----------------------------------------------------------------


def _font(**keys: Any) -> pikepdf.Dictionary:
    entries: dict[str, Any] = {
        "Type": pikepdf.Name.Font,
        "Subtype": pikepdf.Name.Type1,
        "BaseFont": pikepdf.Name.Helvetica,
        "Encoding": pikepdf.Name.WinAnsiEncoding,
    }
    entries.update(keys)
    return pikepdf.Dictionary(**entries)


def _line(text: str = LINE, *, before: bytes = b"", size: int = 12) -> bytes:
    literal = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return (
        b"BT /F1 %d Tf " % size + before + b" 72 700 Td (" + literal.encode("cp1252") + b") Tj ET"
    )


def _helvetica_of(pdf: pikepdf.Pdf) -> Any:
    fonts = pdf.pages[0].Resources.Font
    return fonts[next(iter(fonts.keys()))]


def _add(pdf: pikepdf.Pdf, ops: bytes, resources: dict[str, dict[str, Any]] | None = None) -> None:
    """Append ``ops`` to the first page's content, with what they use."""
    page = pdf.pages[0]
    for kind, entries in (resources or {}).items():
        if kind not in page.Resources:
            page.Resources[kind] = pikepdf.Dictionary()
        for key, value in entries.items():
            page.Resources[kind][key] = value
    page.Contents = pikepdf.Array([page.Contents, pdf.make_stream(ops)])


def _form(
    pdf: pikepdf.Pdf, ops: bytes, bbox: Sequence[float] = (0, 0, 595, 842), **keys: Any
) -> Any:
    return pdf.make_stream(
        ops,
        Type=pikepdf.Name.XObject,
        Subtype=pikepdf.Name.Form,
        BBox=list(bbox),
        Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(Helv=_helvetica_of(pdf))),
        **keys,
    )


def _hex_text(x: float, y: float, size: int = 12) -> bytes:
    return b"BT /Helv %d Tf %g %g Td <" % (size, x, y) + HEXNAME + b"> Tj ET"


def _annotation_appearance(pdf: pikepdf.Pdf) -> None:
    """A stamp far from the name's box whose appearance draws the name (hex string)."""
    stamp = pikepdf.Dictionary(
        Type=pikepdf.Name.Annot,
        Subtype=pikepdf.Name.Stamp,
        Rect=[300, 100, 500, 130],
        F=4,
        AP=pikepdf.Dictionary(N=_form(pdf, _hex_text(4, 10), (0, 0, 200, 30))),
    )
    pdf.pages[0].Annots = pdf.make_indirect(pikepdf.Array([pdf.make_indirect(stamp)]))


def _tiling_pattern(pdf: pikepdf.Pdf) -> None:
    """A rectangle filled with a tiling pattern whose cell draws the name."""
    cell = pdf.make_stream(
        _hex_text(4, 10, 14),
        Type=pikepdf.Name.Pattern,
        PatternType=1,
        PaintType=1,
        TilingType=1,
        BBox=[0, 0, 200, 30],
        XStep=200,
        YStep=30,
        Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(Helv=_helvetica_of(pdf))),
    )
    _add(pdf, b"q /Pattern cs /P1 scn 200 90 200 30 re f Q", {"/Pattern": {"/P1": cell}})


def _soft_mask(pdf: pikepdf.Pdf) -> None:
    """A blue rectangle painted through a luminosity soft mask that holds the name."""
    group = _form(
        pdf,
        b"1 g 0 0 595 842 re f 0 g " + _hex_text(300, 110, 14),
        Group=pikepdf.Dictionary(S=pikepdf.Name.Transparency, CS=pikepdf.Name.DeviceGray),
    )
    state = pikepdf.Dictionary(
        Type=pikepdf.Name.ExtGState,
        SMask=pikepdf.Dictionary(Type=pikepdf.Name.Mask, S=pikepdf.Name.Luminosity, G=group),
    )
    _add(pdf, b"q /SM gs 0 0 1 rg 290 100 250 40 re f Q", {"/ExtGState": {"/SM": state}})


def _type3_procedure(pdf: pikepdf.Pdf) -> None:
    """A Type 3 glyph whose procedure draws the whole name in Helvetica."""
    procedure = pdf.make_stream(b"1000 0 d0 BT /Helv 1 Tf 0 0 Td <" + HEXNAME + b"> Tj ET")
    font = pikepdf.Dictionary(
        Type=pikepdf.Name.Font,
        Subtype=pikepdf.Name.Type3,
        FontBBox=[0, 0, 10000, 1000],
        FontMatrix=[1, 0, 0, 1, 0, 0],
        CharProcs=pikepdf.Dictionary(g=procedure),
        Encoding=pikepdf.Dictionary(
            Type=pikepdf.Name.Encoding, Differences=pikepdf.Array([65, pikepdf.Name.g])
        ),
        FirstChar=65,
        LastChar=65,
        Widths=[10],
        Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(Helv=_helvetica_of(pdf))),
    )
    _add(pdf, b"BT /T3 14 Tf 300 110 Td (A) Tj ET", {"/Font": {"/T3": pdf.make_indirect(font)}})


def _unused_form(pdf: pikepdf.Pdf) -> None:
    """A form XObject in the page's resources that the page never draws."""
    _add(pdf, b"", {"/XObject": {"/Unused": _form(pdf, _hex_text(0, 0), (0, 0, 200, 20))}})


# --- 1. glyphs placed differently from how PDFium places them -----------------
#
# The redactor places each glyph with its own metrics (pdf_fonts.py) and takes
# out those whose centre lies in the box PDFium's characters gave.  Where the
# two disagree, the wrong glyphs go: part of the name stays in the text layer
# (and, moved by the removed glyphs' advance, may show beside the box).
# Verification compares the copy's text with the original's less what lies
# under the boxes, so such a copy is refused (no copy is safe).


def test_widths_past_lastchar_do_not_move_the_glyphs() -> None:
    font = _font(FirstChar=32, LastChar=32, Widths=[278] + [2000] * 223)
    out = redacted(_raw_page(_line(NAME), font=font))
    assert out is None or recoverable(out) == []


def test_a_standard_font_with_differences_and_no_widths() -> None:
    chars = sorted(set(LINE) - {" "})
    names = {":": "colon", ",": "comma"}
    codes = {c: 0xC0 + i for i, c in enumerate(chars)}
    differences: list[Any] = []
    for char, code in codes.items():
        differences += [code, pikepdf.Name("/" + names.get(char, char))]
    encoding = pikepdf.Dictionary(
        Type=pikepdf.Name.Encoding,
        BaseEncoding=pikepdf.Name.WinAnsiEncoding,
        Differences=differences,
    )
    shown = bytes(codes.get(c, 32) for c in LINE).hex().encode()
    data = _raw_page(
        b"BT /F1 12 Tf 72 700 Td <" + shown + b"> Tj ET", font=_font(Encoding=encoding)
    )
    assert NAME in page_texts(data)[0]
    out = redacted(data)
    assert out is None or fragments(out) == []


def test_a_non_embedded_font_named_by_its_postscript_name() -> None:
    font = _font(Subtype=pikepdf.Name.TrueType, BaseFont=pikepdf.Name("/CourierNewPSMT"))
    out = redacted(_raw_page(_line(f"Het verslag is opgesteld door {NAME}"), font=font))
    assert out is None or fragments(out) == []


def test_a_form_inherits_the_character_spacing_of_its_caller() -> None:
    def edit(pdf: pikepdf.Pdf) -> None:
        resources = pdf.pages[0].Resources
        inner = _line(f"Contactpersoon: {NAME}")
        form = pdf.make_stream(
            inner,
            Type=pikepdf.Name.XObject,
            Subtype=pikepdf.Name.Form,
            BBox=[0, 0, 595, 842],
            Resources=pikepdf.Dictionary(Font=resources.Font),
        )
        resources.XObject = pikepdf.Dictionary(Fm0=form)

    out = redacted(_raw_page(b"BT -2 Tc ET /Fm0 Do", edit=edit))
    assert out is None or recoverable(out) == []


SAFE_GEOMETRY: dict[str, bytes] = {
    "horizontal scaling 50": _line(before=b"50 Tz"),
    "horizontal scaling 250": _line(before=b"250 Tz"),
    "negative horizontal scaling": _line(before=b"-100 Tz"),
    "character and word spacing": _line(before=b"3 Tc 10 Tw"),
    "negative character spacing": _line(before=b"-1 Tc"),
    "letter-spaced (10 Tc)": _line(before=b"10 Tc"),
    "text rise 30": _line(before=b"30 Ts"),
    "render mode 7 (clip) then a fill": _line(before=b"7 Tr") + b" 0 0 595 842 re f",
    "render mode 3 (invisible)": _line(before=b"3 Tr"),
    "mirrored text matrix": b"BT /F1 12 Tf -1 0 0 1 400 700 Tm (" + LINE.encode() + b") Tj ET",
    "skewed text matrix": b"BT /F1 12 Tf 1 0 0.8 1 72 700 Tm (" + LINE.encode() + b") Tj ET",
    "upside-down text matrix": b"BT /F1 12 Tf 1 0 0 -1 72 700 Tm (" + LINE.encode() + b") Tj ET",
    "hex string": b"BT /F1 12 Tf 72 700 Td <" + LINE.encode().hex().encode() + b"> Tj ET",
    "octal escapes": b"BT /F1 12 Tf 72 700 Td ("
    + "".join(f"\\{ord(c):03o}" for c in LINE).encode()
    + b") Tj ET",
    "a TJ number inside the surname": b"BT /F1 12 Tf 72 700 Td [(Aan Wouter Kra) -50 (msveld)] TJ"
    b" ET",
    "two Tj inside the surname": b"BT /F1 12 Tf 72 700 Td (Aan Wouter Kra) Tj (msveld) Tj ET",
    "' and \" operators": b"BT /F1 12 Tf 14 TL 72 700 Td (Aan:) Tj 2 1 ("
    + NAME.encode()
    + b') " ('
    + NAME.encode()
    + b") ' ET",
    "Tf inside q ... Q within BT": b"BT /F1 24 Tf 72 700 Td q /F1 12 Tf Q ("
    + LINE.encode()
    + b") Tj ET",
    "font set by an ExtGState (refused: glyphs not placed)": b"BT /F1 1 Tf 72 700 Td /G1 gs ("
    + LINE.encode()
    + b") Tj ET",
}


def _gs_font(pdf: pikepdf.Pdf) -> None:
    resources = pdf.pages[0].Resources
    resources.ExtGState = pikepdf.Dictionary(
        G1=pikepdf.Dictionary(
            Type=pikepdf.Name.ExtGState, Font=pikepdf.Array([resources.Font.F1, 12])
        )
    )


@pytest.mark.parametrize("case", sorted(SAFE_GEOMETRY))
def test_text_state_and_matrices_that_are_handled(case: str) -> None:
    edit = _gs_font if "ExtGState" in case else None
    data = _raw_page(SAFE_GEOMETRY[case], edit=edit)
    assert recoverable(data), "the construction holds the name"
    out = redacted(data)
    assert out is None or (recoverable(out) == [] and fragments(out) == [])


def test_a_name_split_over_two_content_streams_mid_token() -> None:
    def edit(pdf: pikepdf.Pdf) -> None:
        page = pdf.pages[0]
        page.Contents = pikepdf.Array([page.Contents, pdf.make_stream(b"(sveld) Tj ET")])

    out = redacted(_raw_page(b"BT /F1 12 Tf 72 700 Td (Aan Wouter Kram) Tj", edit=edit))
    assert out is not None and recoverable(out) == []


# --- 2. text the redactor never visits ---------------------------------------
#
# The redactor edits the page's content and the forms it draws; verification
# searches the raw bytes of streams.  Text in a hex string (as CID fonts
# always write it) in any other content stream is neither removed nor found.

HIDDEN_CONTENT: dict[str, tuple[Callable[[pikepdf.Pdf], None], bool]] = {
    "annotation appearance away from the box": (_annotation_appearance, True),
    "tiling pattern cell": (_tiling_pattern, True),
    "soft mask group": (_soft_mask, True),
    "Type 3 glyph procedure": (_type3_procedure, True),
    "form XObject in the resources, never drawn": (_unused_form, False),
}


@pytest.mark.parametrize("case", sorted(HIDDEN_CONTENT))
def test_text_in_content_streams_the_redactor_does_not_visit(case: str) -> None:
    edit, visible = HIDDEN_CONTENT[case]
    out = redacted(_with(edit))
    if out is None:
        return
    leaks = [s for s in shown_strings(out) if has_name(s)]
    if visible and shutil.which("tesseract"):
        leaks += [f"OCR: {t}" for t in [ocr_page(out)] if has_name(t)]
    assert leaks == []


def _literal_appearance(pdf: pikepdf.Pdf) -> None:
    stamp = pikepdf.Dictionary(
        Type=pikepdf.Name.Annot,
        Subtype=pikepdf.Name.Stamp,
        Rect=[300, 100, 500, 130],
        AP=pikepdf.Dictionary(
            N=_form(pdf, b"BT /Helv 12 Tf 4 10 Td (" + NAME.encode() + b") Tj ET", (0, 0, 200, 30))
        ),
    )
    pdf.pages[0].Annots = pdf.make_indirect(pikepdf.Array([stamp]))


def _hidden_layer(pdf: pikepdf.Pdf) -> None:
    layer = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.OCG, Name=pikepdf.String("laag"))
    )
    pdf.Root.OCProperties = pikepdf.Dictionary(
        OCGs=[layer], D=pikepdf.Dictionary(OFF=[layer], Order=[layer])
    )
    _add(
        pdf,
        b"/OC /L1 BDC " + _hex_text(300, 110).replace(b"/Helv", b"/F1") + b" EMC",
        {"/Properties": {"/L1": layer}},
    )


def _actual_text_in_a_form_on_page_two(body: bytes) -> Callable[[pikepdf.Pdf], None]:
    def edit(pdf: pikepdf.Pdf) -> None:
        helvetica = _helvetica_of(pdf)
        form = _form(
            pdf,
            b"/Span <</ActualText " + body + b">> BDC BT /Helv 9 Tf 0 0 Td (xx) Tj ET EMC",
            (0, 0, 200, 20),
        )
        page = pdf.add_blank_page(page_size=(595, 842))
        page.Resources = pikepdf.Dictionary(
            XObject=pikepdf.Dictionary(Fm=form), Font=pikepdf.Dictionary(Helv=helvetica)
        )
        page.Contents = pdf.make_stream(
            b"BT /Helv 11 Tf 72 780 Td (Tweede pagina) Tj ET q 1 0 0 1 72 72 cm /Fm Do Q"
        )

    return edit


def _spanning_actual_text(pdf: pikepdf.Pdf) -> None:
    _add(
        pdf,
        b"/Span <</ActualText (" + LINE.encode() + b")>> BDC BT /F1 9 Tf 72 72 Td (xx) Tj ET EMC",
    )


def _pattern_literal(pdf: pikepdf.Pdf) -> None:
    _tiling_pattern(pdf)
    cell = pdf.pages[0].Resources.Pattern.P1
    cell.write(b"BT /Helv 14 Tf 4 10 Td (" + NAME.encode() + b") Tj ET")


SAFE_CONTENT: dict[str, Callable[[pikepdf.Pdf], None]] = {
    "annotation appearance, literal string (refused)": _literal_appearance,
    "tiling pattern, literal string (refused)": _pattern_literal,
    "hidden optional content group": _hidden_layer,
    "ActualText spanning more than the name": _spanning_actual_text,
    "ActualText with octal escapes in a form on page 2": _actual_text_in_a_form_on_page_two(
        b"(" + "".join(f"\\{ord(c):03o}" for c in NAME).encode() + b")"
    ),
    "ActualText in UTF-16 in a form on page 2": _actual_text_in_a_form_on_page_two(
        b"<FEFF" + NAME.encode("utf-16-be").hex().encode() + b">"
    ),
}


@pytest.mark.parametrize("case", sorted(SAFE_CONTENT))
def test_content_that_is_handled(case: str) -> None:
    out = redacted(_with(SAFE_CONTENT[case]))
    assert out is None or (
        recoverable(out) == [] and not any(has_name(s) for s in shown_strings(out))
    )


def _form_drawn_twice(mode: int) -> bytes:
    def draw(canvas: Any) -> None:
        canvas.beginForm("kop")
        text = canvas.beginText(72, 650)
        text.setFont("Helvetica", 12)
        text.setTextRenderMode(mode)
        text.textLine(f"Opgesteld door {NAME}")
        canvas.drawText(text)
        canvas.endForm()
        canvas.doForm("kop")
        canvas.saveState()
        canvas.translate(40, -300)
        canvas.doForm("kop")
        canvas.restoreState()

    return _canvas_pdf(draw)


@pytest.mark.parametrize("mode", [0, 3, 7])
def test_a_form_drawn_twice_on_a_page_in_any_render_mode(mode: int) -> None:
    out = redacted(_form_drawn_twice(mode))
    assert out is not None and recoverable(out) == []


def test_a_form_drawn_on_two_pages() -> None:
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.beginForm("kop")
    canvas.setFont("Helvetica", 12)
    canvas.drawString(72, 650, f"Opgesteld door {NAME}")
    canvas.endForm()
    for number in (1, 2):
        canvas.drawString(72, 780, f"pagina {number}")
        canvas.translate(0, -200 * (number - 1))
        canvas.doForm("kop")
        canvas.showPage()
    canvas.save()
    out = redacted(buffer.getvalue())
    assert out is not None and recoverable(out) == []


# --- 3. images -----------------------------------------------------------------


def _jpeg(*, comment: bytes | None = None, artist: str | None = None) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (200, 60), (200, 220, 240))
    ImageDraw.Draw(image).rectangle((10, 10, 60, 40), fill=(20, 20, 20))
    keys: dict[str, Any] = {}
    if comment is not None:
        keys["comment"] = comment
    if artist is not None:
        exif = Image.Exif()
        exif[0x013B] = artist  # Artist
        keys["exif"] = exif.tobytes()
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", **keys)
    return buffer.getvalue()


def _with_image(
    jpeg: bytes, rect: tuple[float, float, float, float]
) -> Callable[[pikepdf.Pdf], None]:
    def edit(pdf: pikepdf.Pdf) -> None:
        image = pdf.make_stream(
            jpeg,
            Type=pikepdf.Name.XObject,
            Subtype=pikepdf.Name.Image,
            Width=200,
            Height=60,
            ColorSpace=pikepdf.Name.DeviceRGB,
            BitsPerComponent=8,
            Filter=pikepdf.Name.DCTDecode,
        )
        x, y, w, h = rect
        _add(pdf, f"q {w} 0 0 {h} {x} {y} cm /Im1 Do Q".encode(), {"/XObject": {"/Im1": image}})

    return edit


AWAY = (300.0, 100.0, 200.0, 60.0)  # far from the name's box
UNDER = (150.0, 690.0, 120.0, 25.0)  # under the name's box: burnt


@pytest.mark.parametrize("metadata", ["comment", "exif artist"])
def test_jpeg_metadata_of_an_image_away_from_the_box(metadata: str) -> None:
    jpeg = _jpeg(comment=f"foto: {NAME}".encode()) if metadata == "comment" else _jpeg(artist=NAME)
    out = redacted(_with(_with_image(jpeg, AWAY)))
    assert out is None or recoverable(out) == []


def test_jpeg_comment_survives_burning() -> None:
    done = redact_document(
        _with(_with_image(_jpeg(comment=f"foto: {NAME}".encode()), UNDER)), "in.pdf", [], [NEEDLE]
    )
    assert done.report.images == 1
    assert done.data is None or recoverable(done.data) == []


def test_jpeg_exif_of_a_burnt_image_is_dropped() -> None:
    out = redacted(_with(_with_image(_jpeg(artist=NAME), UNDER)))
    assert out is not None and recoverable(out) == []


def _xmp(creator: str) -> bytes:
    return (
        '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:creator><rdf:Seq><rdf:li>{creator}</rdf:li></rdf:Seq></dc:creator>"
        '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    ).encode()


def _image_xmp(creator: str) -> Callable[[pikepdf.Pdf], None]:
    def edit(pdf: pikepdf.Pdf) -> None:
        _with_image(_jpeg(), AWAY)(pdf)
        image = pdf.pages[0].Resources.XObject.Im1
        image.Metadata = pdf.make_stream(
            _xmp(creator), Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML
        )

    return edit


def _xmp_texts(data: bytes) -> list[str]:
    """The text of every XMP packet in the file, as an XML parser reads it."""
    import xml.etree.ElementTree as ET

    texts: list[str] = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream) and str(obj.get("/Subtype", "")) == "/XML":
                raw = obj.read_bytes()
                packet = raw[raw.index(b"<x:xmpmeta") : raw.rindex(b"</x:xmpmeta>") + 12]
                texts.append(" ".join(ET.fromstring(packet).itertext()))
    return texts


def test_xmp_of_an_image_with_character_references() -> None:
    encoded = "".join(f"&#{ord(c)};" for c in NAME)
    out = redacted(_with(_image_xmp(encoded)))
    assert out is None or not any(has_name(t) for t in _xmp_texts(out))


def test_xmp_of_an_image_in_plain_text_is_refused() -> None:
    out = redacted(_with(_image_xmp(NAME)))
    assert out is None or not any(has_name(t) for t in _xmp_texts(out))


def _scan_line(text: str = f"Verzonden door {NAME}") -> Any:
    """A line of 'scanned' print: 1500 × 120 pixels, drawn at 500 × 40 points."""
    import reportlab
    from PIL import Image, ImageDraw, ImageFont

    vera = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
    image = Image.new("L", (1500, 120), 255)
    ImageDraw.Draw(image).text((24, 40), text, fill=0, font=ImageFont.truetype(str(vera), 36))
    return image


def _gray_image(pdf: pikepdf.Pdf, image: Any, **keys: Any) -> Any:
    return pdf.make_stream(
        zlib.compress(image.tobytes()),
        Type=pikepdf.Name.XObject,
        Subtype=pikepdf.Name.Image,
        Width=image.size[0],
        Height=image.size[1],
        ColorSpace=pikepdf.Name.DeviceGray,
        BitsPerComponent=8,
        Filter=pikepdf.Name.FlateDecode,
        **keys,
    )


def _scan_pdf(*, layer_dy: float = 0, page_two: bytes | None = None, mask: bool = False) -> bytes:
    """A page with a scanned line at (72, 480) and an invisible text layer over
    it ``layer_dy`` points off; optionally a second page (with a caption) that
    draws the same image with ``page_two``; with ``mask`` the ink is in the
    image's explicit /Mask and the image itself is all black."""
    from PIL import Image

    pdf = pikepdf.new()
    scan = _scan_line()
    if mask:
        stencil = scan.point(lambda v: 255 if v < 128 else 0).convert("1")
        mask_stream = pdf.make_stream(
            zlib.compress(stencil.tobytes()),
            Type=pikepdf.Name.XObject,
            Subtype=pikepdf.Name.Image,
            Width=stencil.size[0],
            Height=stencil.size[1],
            ImageMask=True,
            BitsPerComponent=1,
            Decode=[1, 0],
            Filter=pikepdf.Name.FlateDecode,
        )
        image = _gray_image(pdf, Image.new("L", scan.size, 0), Mask=mask_stream)
    else:
        image = _gray_image(pdf, scan)
    helvetica = pikepdf.Dictionary(
        Type=pikepdf.Name.Font,
        Subtype=pikepdf.Name.Type1,
        BaseFont=pikepdf.Name.Helvetica,
        Encoding=pikepdf.Name.WinAnsiEncoding,
    )
    bodies = [
        b"q 500 0 0 40 72 480 cm /Im0 Do Q BT /F0 12 Tf 3 Tr 80 %g Td (Verzonden door "
        % (487 + layer_dy)
        + NAME.encode()
        + b") Tj ET"
    ]
    if page_two is not None:
        bodies.append(page_two)
    for body in bodies:
        page = pdf.add_blank_page(page_size=(595, 842))
        page.Resources = pikepdf.Dictionary(
            XObject=pikepdf.Dictionary(Im0=image), Font=pikepdf.Dictionary(F0=helvetica)
        )
        page.Contents = pdf.make_stream(
            b"BT /F0 11 Tf 72 780 Td (" + KEPT.encode() + b") Tj ET\n" + body
        )
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


@needs_tesseract
def test_a_scan_under_its_aligned_text_layer_is_burnt() -> None:
    out = redacted(_scan_pdf())
    assert out is not None and not has_name(ocr_page(out))


@needs_tesseract
def test_a_text_layer_off_its_scan_leaves_the_pixels() -> None:
    out = redacted(_scan_pdf(layer_dy=24))
    assert out is None or not has_name(ocr_page(out))


@needs_tesseract
def test_the_same_scan_on_another_page_is_burnt_too() -> None:
    out = redacted(_scan_pdf(page_two=b"q 500 0 0 40 72 300 cm /Im0 Do Q"))
    assert out is None or not has_name(ocr_page(out, 1))


@needs_tesseract
def test_an_explicit_mask_holding_the_ink_is_burnt() -> None:
    out = redacted(_scan_pdf(mask=True))
    assert out is None or not any(has_name(t) for t in ocr_images(out))


# --- 4. strings and names that are not scrubbed ------------------------------


def _document_id(pdf: pikepdf.Pdf) -> None:
    pdf.trailer.ID = pikepdf.Array([pikepdf.String(NAME.encode()), pikepdf.String(NAME.encode())])


def test_the_document_id_in_the_trailer() -> None:
    out = redacted(_with(_document_id))
    if out is not None:
        with pikepdf.open(io.BytesIO(out)) as pdf:
            ids = [bytes(v).decode("latin-1") for v in pdf.trailer.get("/ID", [])]
        assert not any(has_name(i) for i in ids)


def test_a_custom_key_of_the_trailer() -> None:
    def edit(pdf: pikepdf.Pdf) -> None:
        pdf.trailer["/Notitie"] = pikepdf.String(NAME)

    out = redacted(_with(edit))
    assert out is None or recoverable(out) == []


def _dests_with_a_space(pdf: pikepdf.Pdf) -> None:
    pdf.Root.Dests = pikepdf.Dictionary(
        {"/Wouter Kramsveld": pikepdf.Array([pdf.pages[0].obj, pikepdf.Name.Fit])}
    )
    link = pikepdf.Dictionary(
        Type=pikepdf.Name.Annot,
        Subtype=pikepdf.Name.Link,
        Rect=[72, 72, 100, 90],
        Dest=pikepdf.Name("/Wouter Kramsveld"),
    )
    pdf.pages[0].Annots = pdf.make_indirect(pikepdf.Array([link]))


def _tag_with_a_space(pdf: pikepdf.Pdf) -> None:
    _add(pdf, b"/Wouter#20Kramsveld BMC EMC")


@pytest.mark.parametrize("where", ["named destination", "marked-content tag"])
def test_a_name_object_holding_the_name(where: str) -> None:
    edit = _dests_with_a_space if where == "named destination" else _tag_with_a_space
    out = redacted(_with(edit))
    assert out is None or recoverable(out) == []


def _link(uri: str) -> Callable[[pikepdf.Pdf], None]:
    def edit(pdf: pikepdf.Pdf) -> None:
        action = pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String(uri))
        link = pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[72, 72, 200, 90], A=action
        )
        pdf.pages[0].Annots = pdf.make_indirect(pikepdf.Array([link]))

    return edit


@pytest.mark.parametrize(
    "uri",
    [
        "https://example.org/zoek?q=Wouter+Kramsveld",
        "file:///C:/Users/Wouter%20Kramsveld/nota.docx",
    ],
)
def test_a_url_encoded_name_in_a_link_target(uri: str) -> None:
    out = redacted(_with(_link(uri)))
    assert out is None or recoverable(out) == []


def _rich_text(markup: str) -> Callable[[pikepdf.Pdf], None]:
    def edit(pdf: pikepdf.Pdf) -> None:
        note = pikepdf.Dictionary(
            Type=pikepdf.Name.Annot,
            Subtype=pikepdf.Name.Text,
            Rect=[400, 100, 420, 120],
            Contents=pikepdf.String(f"Navragen bij {NAME}"),
            RC=pikepdf.String(
                '<?xml version="1.0"?><body xmlns="http://www.w3.org/1999/xhtml">'
                f"<p>Navragen bij {markup}</p></body>"
            ),
        )
        pdf.pages[0].Annots = pdf.make_indirect(pikepdf.Array([note]))

    return edit


@pytest.mark.parametrize(
    "markup",
    ['Wouter <span style="font-weight:bold">Kramsveld</span>', "Wouter&#160;Kramsveld"],
    ids=["span", "nbsp reference"],
)
def test_rich_text_of_a_comment(markup: str) -> None:
    out = redacted(_with(_rich_text(markup)))
    assert out is None or recoverable(out) == []


def test_a_lower_case_mail_address_of_a_decided_name() -> None:
    data = _with(
        lambda pdf: _add(pdf, b"BT /F1 10 Tf 72 600 Td (mail: wouter.kramsveld@example.org) Tj ET")
    )
    decision = Decision("in.pdf", 16, 16 + len(NAME), NAME, "5.1.2e", page=1)
    out = redacted(data, decisions=[decision], terms=())
    assert out is None or recoverable(out) == []


def test_the_same_address_is_redacted_for_a_term() -> None:
    data = _with(
        lambda pdf: _add(pdf, b"BT /F1 10 Tf 72 600 Td (mail: wouter.kramsveld@example.org) Tj ET")
    )
    out = redacted(data)
    assert out is not None and recoverable(out) == []


def _labels(pdf: pikepdf.Pdf) -> None:
    pdf.Root.PageLabels = pikepdf.Dictionary(
        Nums=[0, pikepdf.Dictionary(S=pikepdf.Name.D, P=pikepdf.String(f"Bijlage {NAME} - "))]
    )


def _named_destination(pdf: pikepdf.Pdf) -> None:
    target = pikepdf.Array([pdf.pages[0].obj, pikepdf.Name.Fit])
    pdf.Root.Names = pikepdf.Dictionary(
        Dests=pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String(NAME), target]))
    )


def _dests_without_a_space(pdf: pikepdf.Pdf) -> None:
    pdf.Root.Dests = pikepdf.Dictionary(
        {"/Wouter_Kramsveld": pikepdf.Array([pdf.pages[0].obj, pikepdf.Name.Fit])}
    )


def _form_defaults(pdf: pikepdf.Pdf) -> None:
    field = pdf.make_indirect(
        pikepdf.Dictionary(
            FT=pikepdf.Name.Tx,
            T=pikepdf.String("veld"),
            DA=pikepdf.String(f"/Helv 0 Tf 0 g % {NAME}"),
            Rect=[72, 72, 300, 90],
            Subtype=pikepdf.Name.Widget,
            Type=pikepdf.Name.Annot,
        )
    )
    pdf.pages[0].Annots = pdf.make_indirect(pikepdf.Array([field]))
    pdf.Root.AcroForm = pikepdf.Dictionary(
        Fields=[field], DA=pikepdf.String(f"/Helv 0 Tf % {NAME}")
    )


def _language(pdf: pikepdf.Pdf) -> None:
    pdf.Root.Lang = pikepdf.String(NAME)


def _structure_titles(pdf: pikepdf.Pdf) -> None:
    element = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.StructElem,
            S=pikepdf.Name.P,
            T=pikepdf.String(f"Alinea over {NAME}"),
            E=pikepdf.String(NAME),
        )
    )
    pdf.Root.StructTreeRoot = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot, K=element)
    )


def _rotated_user_unit(pdf: pikepdf.Pdf) -> None:
    pdf.pages[0].Rotate = 90
    pdf.pages[0].UserUnit = 2.0


def _attachment_annotation(pdf: pikepdf.Pdf) -> None:
    spec = pikepdf.AttachedFileSpec(pdf, f"gesprek met {NAME}".encode(), filename="n.txt")
    note = pikepdf.Dictionary(
        Type=pikepdf.Name.Annot,
        Subtype=pikepdf.Name.FileAttachment,
        Rect=[400, 100, 420, 120],
        FS=spec.obj,
    )
    pdf.pages[0].Annots = pdf.make_indirect(pikepdf.Array([note]))


SAFE_OBJECTS: dict[str, Callable[[pikepdf.Pdf], None]] = {
    "page labels": _labels,
    "named destination (string key)": _named_destination,
    "/Dests name without a space (refused)": _dests_without_a_space,
    "/DA of a field and of the form": _form_defaults,
    "/Lang": _language,
    "structure element /T and /E": _structure_titles,
    "/Rotate 90 and /UserUnit 2": _rotated_user_unit,
    "file attachment annotation": _attachment_annotation,
    "link target with '-' between the words": _link("https://example.org/wouter-kramsveld"),
}


@pytest.mark.parametrize("case", sorted(SAFE_OBJECTS))
def test_objects_that_are_handled(case: str) -> None:
    data = _with(SAFE_OBJECTS[case])
    out = redacted(data)
    assert out is None or recoverable(out) == []


def test_an_encrypted_file_with_an_owner_password_only() -> None:
    buffer = io.BytesIO()
    with pikepdf.open(io.BytesIO(plain("Helvetica"))) as pdf:
        pdf.save(buffer, encryption=pikepdf.Encryption(owner="geheim", user="", R=6))
    out = redacted(buffer.getvalue())
    assert out is not None and recoverable(out) == []


# --- 5. the name on the page, not found by matching ---------------------------


def test_a_kerning_gap_inside_the_surname() -> None:
    out = redacted(_raw_page(b"BT /F1 12 Tf 72 700 Td [(Aan Wouter Kram) -150 (sveld)] TJ ET"))
    assert out is None or recoverable(out) == []


def test_a_surname_wrapped_without_a_hyphen() -> None:
    out = redacted(
        _raw_page(b"BT /F1 10 Tf 12 TL 300 700 Td (Aan:) ' (Wouter Krams) ' (veld) ' ET")
    )
    assert out is None or recoverable(out) == []


def _type3_without_to_unicode() -> bytes:
    """The line in a Type 3 font whose codes (1, 2, …) and glyph names say nothing
    and which has no /ToUnicode: each glyph draws its letter in Helvetica."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    line = f"Contactpersoon: {NAME}"
    chars = sorted(set(line))
    codes = {c: i + 1 for i, c in enumerate(chars)}

    def edit(pdf: pikepdf.Pdf) -> None:
        procedures = pikepdf.Dictionary()
        differences: list[Any] = []
        widths: list[float] = []
        for char in chars:
            width = stringWidth(char, "Helvetica", 1000)
            procedures[f"/c{codes[char]}"] = pdf.make_stream(
                f"{width:.0f} 0 d0 BT /H 1000 Tf ({char}) Tj ET".encode()
            )
            differences += [codes[char], pikepdf.Name(f"/c{codes[char]}")]
            widths.append(width)
        font = pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.Type3,
            FontBBox=[0, -250, 1100, 1000],
            FontMatrix=[0.001, 0, 0, 0.001, 0, 0],
            CharProcs=procedures,
            Encoding=pikepdf.Dictionary(Type=pikepdf.Name.Encoding, Differences=differences),
            FirstChar=1,
            LastChar=len(chars),
            Widths=widths,
            Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(H=pdf.pages[0].Resources.Font.F0)),
        )
        pdf.pages[0].Resources.Font.F1 = pdf.make_indirect(font)

    shown = bytes(codes[c] for c in line).hex().encode()
    return _raw_page(b"BT /F1 12 Tf 72 700 Td <" + shown + b"> Tj ET", edit=edit)


@needs_tesseract
def test_a_name_in_a_font_without_unicode() -> None:
    out = redacted(_type3_without_to_unicode())
    assert out is None or not has_name(ocr_page(out))


# --- 6. damaged files: refused, not crashed on ---------------------------------


def _annots(value: Any) -> Callable[[pikepdf.Pdf], None]:
    def edit(pdf: pikepdf.Pdf) -> None:
        pdf.pages[0].Annots = value

    return edit


def _resources(key: str, value: Any) -> Callable[[pikepdf.Pdf], None]:
    def edit(pdf: pikepdf.Pdf) -> None:
        pdf.pages[0].Resources[key] = value

    return edit


def _font_entry(value: Any) -> Callable[[pikepdf.Pdf], None]:
    def edit(pdf: pikepdf.Pdf) -> None:
        pdf.pages[0].Resources.Font.F1 = value

    return edit


def _rotate_name(pdf: pikepdf.Pdf) -> None:
    pdf.pages[0].Rotate = pikepdf.Name.X


DAMAGED: dict[str, Callable[[], bytes]] = {
    "/Widths holding null": lambda: _raw_page(
        _line(), font=_font(FirstChar=32, LastChar=34, Widths=pikepdf.Array([278, None, 500]))
    ),
    "/MissingWidth a string": lambda: _raw_page(
        _line(),
        font=_font(
            FirstChar=32,
            LastChar=34,
            Widths=[278] * 3,
            FontDescriptor=pikepdf.Dictionary(MissingWidth=pikepdf.String("x")),
        ),
    ),
    "Tc with a name operand": lambda: _raw_page(_line(before=b"/X Tc")),
    "Tf with a number for the font": lambda: _raw_page(_line(before=b"5 12 Tf")),
    "a name in a TJ array": lambda: _raw_page(
        b"BT /F1 12 Tf 72 700 Td [(Aan ) /X (" + NAME.encode() + b")] TJ ET"
    ),
    "cm with a name operand": lambda: _raw_page(b"1 0 0 1 /X 0 cm " + _line()),
    "/Annots holding null": lambda: _with(_annots(pikepdf.Array([None, 3]))),
    "an annotation /Rect with a name": lambda: _with(
        _annots(
            pikepdf.Array(
                [
                    pikepdf.Dictionary(
                        Type=pikepdf.Name.Annot,
                        Subtype=pikepdf.Name.Text,
                        Rect=[pikepdf.Name.X, 0, 1, 1],
                    )
                ]
            )
        )
    ),
    "/Font resources an array": lambda: _raw_page(
        _line(), edit=_resources("/Font", pikepdf.Array([1]))
    ),
    "a font resource that is a number": lambda: _raw_page(_line(), edit=_font_entry(5)),
    "an XObject resource that is a number": lambda: _raw_page(
        b"/Fm0 Do " + _line(), edit=_resources("/XObject", pikepdf.Dictionary(Fm0=5))
    ),
    "/Rotate a name": lambda: _with(_rotate_name),
}


@pytest.mark.parametrize("case", sorted(DAMAGED))
def test_a_damaged_file_is_refused_not_crashed_on(case: str) -> None:
    data = DAMAGED[case]()
    with contextlib.suppress(*SAFE_ERRORS):
        redact_document(data, "in.pdf", [], [NEEDLE])


def test_the_battery_line_is_where_the_builders_expect_it() -> None:
    """The builders above place things relative to plain()'s line at (72, 700)."""
    assert LINE in page_texts(plain("Helvetica"))[0]
