"""Redacting a PDF so that nothing redacted can be recovered
(``disclosure.md`` §3), keeping the rest of its text layer:

1. the boxes: every occurrence of each redacted string (text layer or OCR)
   and the boxes of the decisions themselves;
2. per page, the glyphs and image pixels under the boxes are taken out of the
   content (:mod:`inzage.redact.pdf_content`), annotations over a box are
   removed, and the box is drawn with its ground code in it;
3. for the whole file: every string object that holds a redacted string
   (bookmarks, ``/ActualText``, alternative text, form values …) has it
   replaced by the ground code; embedded files, JavaScript, page thumbnails,
   the Info dictionary's fields and all XMP are dropped;
4. the file is written fresh: no earlier revision, no unreferenced object.

pikepdf (MPL-2.0, on qpdf) edits the objects; pypdfium2 (Apache-2.0/BSD)
reads the characters' places."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from inzage.redact.matching import Needle, occurrences
from inzage.redact.pdf_content import ContentRedactor, Rect, UnsupportedContentError, overlaps
from inzage.redact.pdf_locate import PageChars, Placed, locate, page_chars
from inzage.redact.pdf_strings import scrub_strings
from inzage.redact.targets import Decision

# The marked-content tag around each drawn box: how `verify` finds the boxes
# of a file inzage redacted.
BOX_TAG = "/InzageRedaction"
WITHHELD_TAG = "/InzageWithheld"  # around the notice on a page withheld whole
FONT_NAME = "/InzageCode"
PADDING = 0.6  # points around the glyphs taken out
MIN_CODE_SIZE = 4.0  # the smallest code printed inside a box, in points
MAX_CODE_SIZE = 10.0
BESIDE_CODE_SIZE = 5.0
Colour = Literal["black", "grey"]
_FILLS = {"black": (0.0, 1.0), "grey": (0.6, 0.0)}  # box grey level, code grey level
_DOCUMENT_KEYS = ("/Metadata", "/PieceInfo", "/OpenAction", "/AA", "/SpiderInfo", "/AF")
_PAGE_KEYS = ("/Thumb", "/Metadata", "/PieceInfo", "/AA", "/AF")
_TRAILER_KEYS = ("/Root", "/Size", "/Info", "/Encrypt")  # /ID: qpdf makes a new one


class RedactionError(Exception):
    """The file cannot be redacted here; nothing is written for it."""


@dataclass(frozen=True)
class DrawnBox:
    page: int
    rect: Rect
    ground: str


@dataclass
class PdfResult:
    data: bytes
    boxes: list[DrawnBox] = field(default_factory=list)
    glyphs: int = 0
    images: int = 0
    annotations: int = 0
    strings: int = 0
    ocr_pages: list[int] = field(default_factory=list)
    withheld: list[int] = field(default_factory=list)
    # the original's characters on each page that got boxes, for verification
    chars: dict[int, PageChars] = field(default_factory=dict, repr=False)


def decision_rects(decision: Decision, page_height: float) -> list[Rect]:
    """A decision's boxes (origin top left) in PDF user space."""
    return [
        (b.x, page_height - b.y - b.height, b.x + b.width, page_height - b.y)
        for b in decision.boxes
    ]


def redact_pdf(
    data: bytes,
    decisions: Sequence[Decision],
    needles: Sequence[Needle],
    *,
    colour: Colour = "black",
    ocr: bool = True,
    withheld: Mapping[int, str] | None = None,
) -> PdfResult:
    """The redacted PDF's bytes and what was done; ``withheld`` maps the numbers
    of pages withheld whole to their ground.  Raises :class:`RedactionError`."""
    import pikepdf
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise RedactionError(f"not a readable PDF ({exc})") from None
    withheld = dict(withheld or {})
    placed: list[Placed] = []
    ocr_pages: list[int] = []
    page_texts: dict[int, PageChars] = {}
    try:
        beyond = sorted(n for n in withheld if not 1 <= n <= len(document))
        if beyond:
            raise RedactionError(
                f"cannot withhold page {beyond[0]}: the file has {len(document)} pages"
            )
        for index in range(len(document)):
            if index + 1 in withheld:
                continue
            page = document[index]
            decided = any(d.page == index + 1 for d in decisions)
            try:
                chars = page_chars(
                    page,
                    ocr=ocr,
                    placed_if=None if decided else lambda text: bool(occurrences(text, needles)),
                )
                if chars.ocr:
                    ocr_pages.append(index + 1)
                before = len(placed)
                placed.extend(locate(chars, index + 1, needles))
                height = page.get_height()
                for decision in decisions:
                    if decision.page == index + 1:
                        placed.extend(
                            Placed(index + 1, r, decision.ground)
                            for r in decision_rects(decision, height)
                        )
                if len(placed) > before:
                    page_texts[index + 1] = chars
            finally:
                page.close()
    finally:
        document.close()
    result = PdfResult(b"", ocr_pages=ocr_pages, withheld=sorted(withheld), chars=page_texts)
    fill, code = _FILLS[colour]
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            by_page: dict[int, list[Placed]] = {}
            for box in placed:
                by_page.setdefault(box.page, []).append(box)
            by_page = {number: _one_each(boxes) for number, boxes in by_page.items()}
            for number, ground in sorted(withheld.items()):
                withhold_page(pdf, pdf.pages[number - 1], ground)
            for number, page in enumerate(pdf.pages, 1):
                if number not in by_page and number not in withheld and _has_marked_text(page):
                    ContentRedactor(pdf, [], needles).redact_page(page)
            burnt: dict[tuple[int, int], Any] = {}
            for number, boxes in sorted(by_page.items()):
                page = pdf.pages[number - 1]
                redactor = ContentRedactor(pdf, [b.rect for b in boxes], needles)
                edit = redactor.redact_page(page)
                burnt.update(edit.burnt)
                result.glyphs += edit.glyphs
                result.images += edit.images
                result.annotations += _drop_annotations(page, [b.rect for b in boxes])
                drawn = [
                    DrawnBox(number, _padded(_union(b.rect, edit.extents.get(i))), b.ground)
                    for i, b in enumerate(boxes)
                ]
                _draw(pdf, page, drawn, fill, code)
                result.boxes.extend(drawn)
            _burnt_everywhere(pdf, burnt)
            result.strings = _scrub_document(pdf, list(needles))
            buffer = io.BytesIO()
            # A new /ID: qpdf would keep the original's first half, which some
            # tools fill with the author's or the file's name.
            pdf.save(
                buffer,
                compress_streams=True,
                object_stream_mode=pikepdf.ObjectStreamMode.generate,
                deterministic_id=True,
            )
    except UnsupportedContentError as exc:
        raise RedactionError(f"cannot redact: {exc}") from None
    except pikepdf.PdfError as exc:
        raise RedactionError(f"not a readable PDF ({exc})") from None
    except (TypeError, ValueError, AttributeError, KeyError, IndexError) as exc:
        # An object of the wrong type where PDFium and qpdf let it pass (a
        # null among the annotations, a name for a number): refused whole.
        raise RedactionError(f"cannot redact: a damaged object ({type(exc).__name__})") from None
    result.data = buffer.getvalue()
    return result


def notice_lines(ground: str) -> list[tuple[str, float]]:
    """The lines of the page that stands in place of a withheld one, with
    their font sizes."""
    from inzage.grounds import catalogue

    info = catalogue().get(ground)
    article = f"artikel {info.article} {info.law or ''}".strip() if info else ground
    reason = f" ({info.label})" if info and info.label else ""
    return [
        ("Niet openbaar", 28.0),
        (ground, 20.0),
        ("Deze pagina is niet openbaar gemaakt", 12.0),
        (f"op grond van {article}{reason}.", 12.0),
    ]


def withhold_page(pdf: Any, page: Any, ground: str) -> None:
    """Empty the page in place (everything that refers to it stays valid and
    now refers to the notice) and print the notice on it.  What the page held
    is no longer reachable, so the fresh save leaves it out; the structure
    tree's texts and bookmark titles that point to it are cleared too."""
    import pikepdf
    from reportlab.pdfbase.pdfmetrics import stringWidth

    obj = page.obj
    left, bottom, right, top = (float(v) for v in page.mediabox)
    kept = {"/Type", "/Parent", "/MediaBox", "/CropBox", "/Rotate"}
    media, crop, rotate = page.mediabox, obj.get("/CropBox"), obj.get("/Rotate")
    for key in list(obj.keys()):
        if key not in kept:
            del obj[key]
    obj.MediaBox = pikepdf.Array([float(v) for v in media])
    if crop is not None:
        obj.CropBox = crop
    if rotate is not None:
        obj.Rotate = rotate
    obj.Resources = pikepdf.Dictionary(
        Font=pikepdf.Dictionary(
            {
                FONT_NAME: pikepdf.Dictionary(
                    Type=pikepdf.Name.Font,
                    Subtype=pikepdf.Name.Type1,
                    BaseFont=pikepdf.Name("/Helvetica-Bold"),
                    Encoding=pikepdf.Name.WinAnsiEncoding,
                )
            }
        )
    )
    code = pdf_literal(ground)
    ops = [f"{WITHHELD_TAG} <</Ground ({code})>> BDC 0 g"]
    y = bottom + (top - bottom) * 0.62
    for line, size in notice_lines(ground):
        x = left + (right - left - stringWidth(line, "Helvetica-Bold", size)) / 2
        ops.append(f"BT {FONT_NAME} {size:g} Tf {x:.2f} {y:.2f} Td ({pdf_literal(line)}) Tj ET")
        y -= size * 1.8
    ops.append("EMC")
    obj.Contents = pdf.make_stream(("\n".join(ops) + "\n").encode("latin-1"))
    _forget_page(pdf, obj)


def _forget_page(pdf: Any, page: Any) -> None:
    """Clear the texts of structure elements on the page and the titles of
    bookmarks that lead to it: they describe what is withheld."""
    import pikepdf

    def on_page(target: Any) -> bool:
        return isinstance(target, pikepdf.Dictionary) and target.objgen == page.objgen

    def walk(node: Any, depth: int) -> None:
        if depth > 64 or not isinstance(node, (pikepdf.Dictionary, pikepdf.Array)):
            return
        if isinstance(node, pikepdf.Dictionary):
            if on_page(node.get("/Pg")):
                for key in ("/Alt", "/ActualText", "/E", "/T"):
                    if key in node:
                        del node[key]
            kids = node.get("/K")
            if kids is not None:
                walk(kids, depth + 1)
        else:
            for item in node:
                walk(item, depth + 1)

    root = pdf.Root
    if "/StructTreeRoot" in root:
        walk(root.StructTreeRoot, 0)
    form = root.get("/AcroForm")
    if form is not None and "/Fields" in form:
        form.Fields = pikepdf.Array(
            [
                f
                for f in form.Fields
                if not any(on_page(w.get("/P")) for w in [f, *f.get("/Kids", [])])
            ]
        )
    outline = root.get("/Outlines")
    item = outline.get("/First") if outline is not None else None
    stack = [item] if item is not None else []
    seen: set[tuple[int, int]] = set()
    while stack:
        item = stack.pop()
        if not isinstance(item, pikepdf.Dictionary) or item.objgen in seen:
            continue
        seen.add(item.objgen)
        dest = item.get("/Dest")
        action = item.get("/A")
        if dest is None and isinstance(action, pikepdf.Dictionary):
            dest = action.get("/D")
        if isinstance(dest, pikepdf.Array) and len(dest) and on_page(dest[0]):
            item.Title = pikepdf.String("Niet openbaar")
        stack.extend(x for x in (item.get("/First"), item.get("/Next")) if x is not None)


def pdf_literal(text: str) -> str:
    """Text as the body of a PDF literal string in WinAnsi."""
    return (
        text.encode("cp1252", "replace")
        .decode("latin-1")
        .replace("\\", "\\\\")
        .replace("(", "\\(")
        .replace(")", "\\)")
    )


def _has_marked_text(page: Any) -> bool:
    """Whether the page's content holds marked-content text (``/ActualText``,
    ``/Alt``, ``/E``) that may repeat a redacted string."""
    import pikepdf

    contents = page.obj.get("/Contents")
    if contents is None:
        return False
    streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
    return any(key in s.read_bytes() for s in streams for key in (b"/ActualText", b"/Alt", b"/E"))


def _burnt_everywhere(pdf: Any, burnt: dict[tuple[int, int], Any]) -> None:
    """Every other page and form that draws an image burnt on some page draws
    the burnt copy: the name is in the picture, wherever it is shown."""
    import pikepdf

    if not burnt:
        return
    for obj in list(pdf.objects):
        if not isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            continue
        for holder in (obj, obj.get("/Resources")):
            xobjects = holder.get("/XObject") if isinstance(holder, pikepdf.Dictionary) else None
            if not isinstance(xobjects, pikepdf.Dictionary):
                continue
            for name, value in list(xobjects.items()):
                if isinstance(value, pikepdf.Stream) and value.objgen in burnt:
                    xobjects[name] = burnt[value.objgen]


def _one_each(boxes: list[Placed]) -> list[Placed]:
    """One box where a decision's own box and the box of its text found on the
    page cover the same place (most of the smaller one): their union."""
    kept: list[Placed] = []
    for box in boxes:
        for index, other in enumerate(kept):
            if _mostly_same(box.rect, other.rect):
                kept[index] = Placed(other.page, _union(other.rect, box.rect), other.ground)
                break
        else:
            kept.append(box)
    return kept


def _mostly_same(a: Rect, b: Rect) -> bool:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    if width <= 0 or height <= 0:
        return False
    smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return width * height >= 0.6 * smaller


def _union(rect: Rect, other: Rect | None) -> Rect:
    if other is None:
        return rect
    return (
        min(rect[0], other[0]),
        min(rect[1], other[1]),
        max(rect[2], other[2]),
        max(rect[3], other[3]),
    )


def _padded(rect: Rect) -> Rect:
    return rect[0] - PADDING, rect[1] - PADDING, rect[2] + PADDING, rect[3] + PADDING


def _drop_annotations(page: Any, rects: list[Rect]) -> int:
    """Remove the annotations (links, comments, form widgets) that lie over a box."""
    import pikepdf

    annots = page.obj.get("/Annots")
    if annots is None:
        return 0
    kept = pikepdf.Array()
    dropped = 0
    for annot in annots:
        rect = annot.get("/Rect")
        where = tuple(float(x) for x in rect) if rect is not None and len(rect) == 4 else None
        if where is not None:
            normal = (
                min(where[0], where[2]),
                min(where[1], where[3]),
                max(where[0], where[2]),
                max(where[1], where[3]),
            )
            if any(overlaps(normal, r) for r in rects):
                dropped += 1
                continue
        kept.append(annot)
    page.obj.Annots = kept
    return dropped


def code_layout(rect: Rect, code: str) -> tuple[float, float, float, bool]:
    """Where the ground code goes: font size, x, y of its baseline, and whether
    it fits inside the box (else it stands just above it)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    left, bottom, right, top = rect
    width, height = right - left, top - bottom
    per_point = stringWidth(code, "Helvetica", 1.0)
    size = min(height * 0.7, MAX_CODE_SIZE, (width - 1.0) / per_point if per_point else height)
    if size >= MIN_CODE_SIZE:
        x = left + (width - per_point * size) / 2
        y = bottom + (height - size * 0.7) / 2
        return size, x, y, True
    return BESIDE_CODE_SIZE, left, top + 1.0, False


def _rotation(page: Any) -> int:
    """The page's ``/Rotate`` (inherited from its page tree where it has none)."""
    node = page.obj
    for _ in range(32):
        if "/Rotate" in node:
            return int(node.Rotate) % 360
        if "/Parent" not in node:
            break
        node = node.Parent
    return 0


def _upright_frame(rect: Rect, rotation: int) -> tuple[Rect, tuple[float, ...]]:
    """A box as the reader sees it on a rotated page: its rectangle from
    (0, 0), and the matrix that takes that frame to user space, so that the
    ground code is printed upright whatever the page's ``/Rotate``."""
    left, bottom, right, top = rect
    width, height = right - left, top - bottom
    if rotation == 90:
        return (0.0, 0.0, height, width), (0, 1, -1, 0, right, bottom)
    if rotation == 180:
        return (0.0, 0.0, width, height), (-1, 0, 0, -1, right, top)
    if rotation == 270:
        return (0.0, 0.0, height, width), (0, -1, 1, 0, left, top)
    return (0.0, 0.0, width, height), (1, 0, 0, 1, left, bottom)


def _draw(pdf: Any, page: Any, boxes: list[DrawnBox], fill: float, code_grey: float) -> None:
    """Each box, and its ground code in it (or above it when the box is too
    small), after everything else on the page, in a state of its own."""
    import pikepdf

    resources = page.obj.Resources
    fonts = resources.get("/Font")
    fonts = (
        pikepdf.Dictionary({k: v for k, v in fonts.items()})
        if fonts is not None
        else pikepdf.Dictionary()
    )
    fonts[FONT_NAME] = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.Type1,
            BaseFont=pikepdf.Name.Helvetica,
            Encoding=pikepdf.Name.WinAnsiEncoding,
        )
    )
    resources.Font = fonts
    rotation = _rotation(page)
    ops: list[str] = []
    for box in boxes:
        left, bottom, right, top = box.rect
        # Upright as the reader sees the page, unless the box runs the other
        # way (text drawn sideways on a rotated page): then along the box.
        frames = [_upright_frame(box.rect, rotation), _upright_frame(box.rect, 0)]
        layouts = [code_layout(frame, box.ground) for frame, _ in frames]
        best = 1 if layouts[1][0] > layouts[0][0] + 0.5 else 0
        turn = frames[best][1]
        size, x, y, within = layouts[best]
        text = pdf_literal(box.ground)
        ops.append(f"{BOX_TAG} <</Ground ({text})>> BDC q {fill:g} g")
        ops.append(f"{left:.2f} {bottom:.2f} {right - left:.2f} {top - bottom:.2f} re f")
        ops.append(" ".join(f"{v:.2f}" for v in turn) + " cm")
        if not within:
            from reportlab.pdfbase.pdfmetrics import stringWidth

            wide = stringWidth(box.ground, "Helvetica", size) + 1
            ops.append(f"1 g {x:.2f} {y - 1:.2f} {wide:.2f} {size + 1:.2f} re f")
        grey = code_grey if within else 0.0
        ops.append(
            f"BT {grey:g} g {FONT_NAME} {size:.2f} Tf {x:.2f} {y:.2f} Td ({text}) Tj ET Q EMC"
        )
    page.contents_add(pdf.make_stream(b"q\n"), prepend=True)
    page.contents_add(pdf.make_stream(("Q\n" + "\n".join(ops) + "\n").encode("latin-1")))


def _scrub_document(pdf: Any, needles: list[Needle]) -> int:
    """Drop what carries text the officer never sees (metadata, embedded
    files, scripts, thumbnails) and replace each redacted string in any other
    string object by its ground code.  The number of strings changed."""
    import pikepdf

    root = pdf.Root
    for key in _DOCUMENT_KEYS:
        if key in root:
            del root[key]
    names = root.get("/Names")
    if names is not None:
        for key in ("/EmbeddedFiles", "/JavaScript"):
            if key in names:
                del names[key]
    for page in pdf.pages:
        for key in _PAGE_KEYS:
            if key in page.obj:
                del page.obj[key]
        annots = page.obj.get("/Annots")
        if annots is not None:
            page.obj.Annots = pikepdf.Array(
                [
                    a
                    for a in annots
                    if str(a.get("/Subtype", ""))
                    not in ("/FileAttachment", "/Screen", "/Movie", "/Sound")
                ]
            )
            for annot in page.obj.Annots:
                if "/AA" in annot:
                    del annot["/AA"]
                action = annot.get("/A")
                if action is not None and str(action.get("/S", "")) in ("/JavaScript", "/Launch"):
                    del annot["/A"]
    pdf.docinfo = pdf.make_indirect(pikepdf.Dictionary(Producer=pikepdf.String("inzage")))
    for key in list(pdf.trailer.keys()):
        if key not in _TRAILER_KEYS:
            del pdf.trailer[key]
    for obj in pdf.objects:
        _drop_descriptions(obj)
    changed = 0
    if not needles:
        return changed
    for obj in pdf.objects:
        changed += scrub_strings(obj, needles)
    return changed


def _drop_descriptions(obj: Any) -> None:
    """What describes an object rather than draws it goes, everywhere: the
    XMP of images and forms, the rich-text copy (``/RC``) of an annotation's
    ``/Contents``, the metadata segments of a JPEG."""
    import pikepdf

    from inzage.redact.pdf_images import without_jpeg_metadata

    if isinstance(obj, pikepdf.Array):
        for item in obj:
            if isinstance(item, pikepdf.Dictionary | pikepdf.Array) and not item.is_indirect:
                _drop_descriptions(item)
        return
    if not isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
        return
    for key in ("/Metadata", "/RC"):
        if key in obj:
            del obj[key]
    for value in obj.values():
        if isinstance(value, pikepdf.Dictionary | pikepdf.Array) and not value.is_indirect:
            _drop_descriptions(value)
    if isinstance(obj, pikepdf.Stream) and obj.get("/Filter") == pikepdf.Name.DCTDecode:
        stripped = without_jpeg_metadata(obj.read_raw_bytes())
        if stripped is not None:
            obj.write(stripped, filter=pikepdf.Name.DCTDecode)
