"""What a PDF carries besides its pages' print: annotations over a box,
metadata, embedded files, scripts, thumbnails, the descriptions of images
and comments, trailer keys; and every string object that holds a redacted
string."""

from __future__ import annotations

from typing import Any

from inzage.redact.matching import Needle
from inzage.redact.pdf_content import Rect, overlaps
from inzage.redact.pdf_strings import scrub_strings

_DOCUMENT_KEYS = ("/Metadata", "/PieceInfo", "/OpenAction", "/AA", "/SpiderInfo", "/AF")
_PAGE_KEYS = ("/Thumb", "/Metadata", "/PieceInfo", "/AA", "/AF")
_TRAILER_KEYS = ("/Root", "/Size", "/Info", "/Encrypt")  # /ID: qpdf makes a new one


def drop_annotations_over(page: Any, rects: list[Rect]) -> int:
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


def scrub_document(pdf: Any, needles: list[Needle]) -> int:
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
