"""The places in a PDF where text hides besides the page (``disclosure.md`` §3):
what ``inzage check`` reads to find what a release leaks.

- text-layer characters that cannot be seen: the page is rendered, and a
  character whose place is one even dark or grey tone is hidden (under a drawn
  box, or an OCR layer under a box burnt into a scan);
- ``/ActualText`` and ``/Alt`` (structure tree, marked content), annotations
  (``/Contents``, ``/T``, ``/RC``, link targets), form-field values, bookmarks,
  page labels, embedded files, JavaScript, the Info dictionary and XMP;
- earlier revisions of an incrementally saved file: the text of each revision
  before the last, wherever it differs from the final text.

pikepdf (MPL-2.0) reads the objects, pypdfium2 the text and the pixels.
Everything here only reads: the file is never changed.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from inzage.grounds import parse_reference
from inzage.model import LeakChannel

# Pixels per point when a page is rendered to see which characters show (100 dpi).
RENDER_SCALE = 100 / 72
_EOF = re.compile(rb"%%EOF[ \t\r\n]*")


@dataclass(frozen=True)
class Hidden:
    """Text found in one channel: where (``page`` from 1, or ``None`` for the
    document), which channel, which field, and the text itself."""

    channel: LeakChannel
    text: str
    page: int | None = None
    where: str = ""  # the key or field name: "/Author", "dc:creator", "/T"


@dataclass
class PdfChannels:
    hidden: list[Hidden] = field(default_factory=list)
    revisions: int = 1
    warnings: list[str] = field(default_factory=list)


def pdf_channels(data: bytes, *, render: bool = True) -> PdfChannels:
    """Every channel of a PDF's bytes that can hold text besides the page text.
    Raises :class:`pikepdf.PdfError` (or pypdfium2's error) on a damaged file:
    the caller reports it as a file that cannot be checked."""
    import pikepdf

    found = PdfChannels()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        # kept apart: an earlier revision's strings are compared with these
        strings = [*_metadata(pdf, found.warnings), *_objects(pdf)]
        found.hidden.extend(strings)
        found.hidden.extend(_embedded(pdf))
        found.hidden.extend(_bookmarks(pdf))
        found.hidden.extend(_page_labels(pdf))
    if render:
        found.hidden.extend(_under_boxes(data))
    revisions = _revisions(data)
    found.revisions = len(revisions) + 1
    if revisions:
        final = {hidden.text for hidden in strings}
        found.hidden.extend(_earlier_text(data, revisions, final, found.warnings))
    return found


def _metadata(pdf: Any, warnings: list[str]) -> Iterator[Hidden]:
    """Every entry of the Info dictionary (custom ones too: /LastModifiedBy,
    /Company) and of the XMP packet."""
    info = pdf.docinfo
    for key in info.keys():  # noqa: SIM118 (a pikepdf dictionary)
        value = _text_of(info[key])
        if value:
            yield Hidden("metadata", value, where=str(key))
    try:
        xmp = pdf.open_metadata()
    except Exception:  # a damaged XMP packet: said, since its text was not read
        warnings.append("the XMP metadata cannot be read: not checked")
        return
    for key, value in xmp.items():
        if value is None or str(value) == "None":
            continue
        text = " ".join(str(v) for v in value) if isinstance(value, list | set) else str(value)
        if text.strip():
            yield Hidden("metadata", text.strip(), where=f"XMP {key}")


def _objects(pdf: Any) -> Iterator[Hidden]:
    """Text in annotations (``/Contents``, ``/T``, ``/RC``, ``/Subj``), form fields
    (``/TU``, ``/V``), link targets (``/URI``), ``/ActualText`` and ``/Alt``
    anywhere (dictionaries and marked content in streams), and JavaScript: in
    every object of the file, direct ones inside others included."""
    pages = {page.objgen: number for number, page in enumerate(pdf.pages, start=1)}
    for top in pdf.objects:
        yield from _walk(top, pages, depth=0)


def _walk(obj: Any, pages: dict[tuple[int, int], int], depth: int) -> Iterator[Hidden]:
    import pikepdf

    if depth > 0 and getattr(obj, "is_indirect", False):
        return  # reached again as an object of its own
    if isinstance(obj, pikepdf.Array):
        for item in obj:
            yield from _walk(item, pages, depth + 1)
        return
    if isinstance(obj, pikepdf.Stream):
        raw = _raw_or_empty(obj)
        if b"/ActualText" in raw or b"/Alt" in raw or b"/E " in raw:
            for match in _MARKED_TEXT.finditer(raw):
                text = _pdf_string(match["literal"]) if match["literal"] is not None else ""
                if match["hex"] is not None:
                    text = _hex_string(match["hex"])
                if text.strip():
                    key = "/" + match["key"].decode()
                    yield Hidden("actual-text", text.strip(), None, key)
        return
    if not isinstance(obj, pikepdf.Dictionary):
        return
    kind = str(obj.get("/Type", ""))
    page_ref = obj.get("/P")
    page = pages.get(page_ref.objgen) if isinstance(page_ref, pikepdf.Dictionary) else None
    keys: dict[str, LeakChannel] = {"/ActualText": "actual-text", "/Alt": "actual-text"}
    if kind != "/Page" and (kind == "/Annot" or ("/Rect" in obj and "/Subtype" in obj)):
        keys.update({k: "annotation" for k in ("/Contents", "/T", "/RC", "/Subj")})
    if "/FT" in obj or ("/T" in obj and ("/Kids" in obj or "/Parent" in obj)):
        keys.pop("/T", None)  # a field's /T is its name, not its author
        keys.update({k: "form-field" for k in ("/TU", "/V", "/DV", "/Opt")})
    if "/URI" in obj:
        keys["/URI"] = "link"
    if str(obj.get("/Subtype", "")) == "/FileAttachment" or "/EF" in obj:
        yield Hidden("embedded-file", _text_of(obj.get("/F", "")) or "(file)", page, "/FS")
    for key, channel in keys.items():
        if key in obj:
            text = _text_of(obj[key])
            if text:
                yield Hidden(channel, text, page, key)
    if "/JS" in obj:
        yield Hidden("javascript", _text_of(obj["/JS"])[:200] or "(script)", None, "/JS")
    for key in obj.keys():  # noqa: SIM118 (a pikepdf dictionary)
        if key not in ("/Parent", "/P", "/Prev", "/Next", "/First", "/Last", "/Dest"):
            yield from _walk(obj[key], pages, depth + 1)


# /ActualText, /Alt and /E (expansion) in marked-content property lists, as a
# literal string (with escaped brackets) or a hex string.
_MARKED_TEXT = re.compile(
    rb"/(?P<key>ActualText|Alt|E)\s*(?:\((?P<literal>(?:\\.|[^\\)])*)\)|<(?P<hex>[0-9A-Fa-f\s]*)>)"
)


def _hex_string(digits: bytes) -> str:
    raw = bytes.fromhex(re.sub(rb"\s", b"", digits).decode() + ("0" if len(digits) % 2 else ""))
    return _pdf_string(raw)


def _raw_or_empty(stream: Any) -> bytes:
    try:
        return bytes(stream.read_bytes())
    except Exception:  # a stream that does not decode holds no readable text
        return b""


def _text_of(value: Any) -> str:
    import pikepdf

    if isinstance(value, pikepdf.String):
        return str(value).strip()
    if isinstance(value, pikepdf.Stream):
        return _raw_or_empty(value).decode("latin-1", "replace").strip()
    if isinstance(value, pikepdf.Dictionary) and "/URI" in value:
        return _text_of(value["/URI"])
    if isinstance(value, pikepdf.Array):  # /Opt lists of a choice field
        return " ".join(t for item in value if (t := _text_of(item)))
    return ""


def _pdf_string(raw: bytes) -> str:
    if raw.startswith(b"\xfe\xff"):
        return raw[2:].decode("utf-16-be", "replace")
    return raw.decode("latin-1", "replace").replace("\\(", "(").replace("\\)", ")")


def _embedded(pdf: Any) -> Iterator[Hidden]:
    for name, attachment in pdf.attachments.items():
        try:
            data = attachment.get_file().read_bytes()
        except Exception:  # a damaged embedded file is still an embedded file
            data = b""
        preview = data[:20_000].decode("utf-8", "replace") if data else ""
        yield Hidden("embedded-file", f"{name}\n{preview}".strip(), None, str(name))


def _bookmarks(pdf: Any) -> Iterator[Hidden]:
    """The titles of the outline (bookmarks), at any depth."""
    try:
        with pdf.open_outline() as outline:
            stack = list(outline.root)
            while stack:
                item = stack.pop()
                if item.title:
                    yield Hidden("bookmark", str(item.title).strip(), None, "/Outlines")
                stack.extend(item.children)
    except Exception:  # a damaged outline holds no readable titles; the pages still count
        return


def _page_labels(pdf: Any) -> Iterator[Hidden]:
    """The prefixes of page labels (``/PageLabels``: "Bijlage bij A. de Vries – 1")."""
    import pikepdf

    labels = pdf.Root.get("/PageLabels")
    if not isinstance(labels, pikepdf.Dictionary):
        return
    nums = labels.get("/Nums")
    if not isinstance(nums, pikepdf.Array):
        return
    for item in list(nums)[1::2]:
        if isinstance(item, pikepdf.Dictionary) and "/P" in item:
            text = _text_of(item["/P"])
            if text:
                yield Hidden("page-label", text, None, "/PageLabels")


def _under_boxes(data: bytes) -> Iterator[Hidden]:
    """Runs of text-layer characters that cannot be seen on the rendered page:
    where a character stands, the pixels are one even dark or grey tone — under
    a drawn box, a box burnt into a scan (an OCR layer below it), a whole page
    blacked out, a box over rotated text.  A letter that shows (white print on
    a black box, a shaded table cell) has edges, and is no leak."""
    import numpy as np
    import pypdfium2 as pdfium

    from inzage.read.pdf import MAX_RENDER_PIXELS

    pdf = pdfium.PdfDocument(data)
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            try:
                count = textpage.count_chars()
                if count == 0:
                    continue
                width, height = page.get_size()
                # at most the pixels OCR allows a page (a poster-sized page)
                scale = min(RENDER_SCALE, (MAX_RENDER_PIXELS / max(1.0, width * height)) ** 0.5)
                image = page.render(scale=scale).to_pil()
                gray = np.asarray(image.convert("L"), dtype=np.float32)
                run: list[str] = []
                for i in range(count + 1):
                    char = textpage.get_text_range(i, 1) if i < count else ""
                    if i < count and char.isspace():
                        if run:
                            run.append(char)
                        continue
                    if i < count and _unseen(gray, textpage.get_charbox(i), height, scale):
                        run.append(char)
                        continue
                    if run and _meaningful("".join(run)):
                        yield Hidden("text-under-box", " ".join("".join(run).split()), index + 1)
                    run = []
            finally:
                textpage.close()
                page.close()
    finally:
        pdf.close()


# A character's place whose pixels vary less than this (in grey levels) shows
# no glyph: a visible letter has edges; a box, a white field, has none.
_EVEN = 6.0
_PAPER = 200.0


def _unseen(
    gray: Any, char: tuple[float, float, float, float], height: float, scale: float
) -> bool:
    """True when the pixels where a character stands are one even tone."""
    left, bottom, right, top = char
    # The ink's box, a little wider: a letter that is one stroke ("I", "l")
    # then still has paper beside it.
    margin = max(1.0 / scale, (right - left) * 0.15)
    left, right = left - margin, right + margin
    x0, x1 = int(left * scale), int(right * scale) + 1
    y0, y1 = int((height - top) * scale), int((height - bottom) * scale) + 1
    if x1 - x0 < 3 or y1 - y0 < 3:
        return False  # too small to judge: a dot, an accent
    region = gray[max(0, y0) : y1, max(0, x0) : x1]
    # Dark or grey only: an even white field is more often an OCR layer a little
    # beside its scan than text hidden white on white.
    return bool(region.size) and float(region.std()) < _EVEN and float(region.mean()) < _PAPER


def _meaningful(text: str) -> bool:
    """Text under a box that is more than the ground code printed in it."""
    rest = text
    for reference in re.findall(r"\S+", text):
        if parse_reference(reference.strip("()[],.;")).codes:
            rest = rest.replace(reference, " ")
    return len(re.sub(r"[\W_]", "", rest)) >= 3


def _revisions(data: bytes) -> list[int]:
    """Where each revision before the last ends (after its ``%%EOF``)."""
    ends = [m.end() for m in _EOF.finditer(data)]
    if b"/Linearized" in data[:2048]:
        ends = ends[1:]  # a linearised file ends its first-page part with one: no revision
    return [end for end in ends[:-1] if data[end:].strip()]


def _earlier_text(
    data: bytes, ends: list[int], final_strings: set[str], warnings: list[str]
) -> Iterator[Hidden]:
    """Lines of an earlier revision's text, and strings of its metadata and
    objects (an author an update removed), that the final file does not have
    (``final_strings``: the final file's metadata and object strings)."""
    import pikepdf

    final = _lines(data)
    final_texts = {text for _, text in final}
    for end in ends:
        try:
            earlier = _lines(data[:end])
            with pikepdf.open(io.BytesIO(data[:end])) as pdf:
                strings = [(h.where, h.text) for h in (*_metadata(pdf, []), *_objects(pdf))]
        except Exception:  # a revision that does not open on its own is said, not skipped
            warnings.append("an earlier revision cannot be read on its own: not checked")
            continue
        for page, line in earlier:
            if (page, line) not in final and line not in final_texts:
                yield Hidden("earlier-revision", line, page)
        for where, text in strings:
            if text not in final_strings:
                yield Hidden("earlier-revision", text, None, where)


def _lines(data: bytes) -> set[tuple[int, str]]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        lines: set[tuple[int, str]] = set()
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            try:
                for line in str(textpage.get_text_range()).splitlines():
                    if line.strip():
                        lines.add((index + 1, " ".join(line.split())))
            finally:
                textpage.close()
                page.close()
        return lines
    finally:
        pdf.close()
