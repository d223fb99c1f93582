"""Burning the pixels of an image under redaction boxes: the image is decoded,
the boxes (mapped into its pixels through the matrix it is drawn with) are
filled, and a copy is written in its place, so a scanned name is gone from
the file and not only covered.  A soft mask under a box is made opaque there
too (it can hold the shape of the text)."""

from __future__ import annotations

import io
import zlib
from collections.abc import Callable
from typing import Any

from inzage.redact.pdf_content import Matrix, Rect, UnsupportedContentError, apply, invert


def burnt(pdf: Any, xobject: Any, ctm: Matrix, boxes: list[Rect]) -> Any:
    """A copy of the image XObject with the pixels under ``boxes`` black."""
    import pikepdf

    stencil = bool(xobject.get("/ImageMask", False))
    image = _burn(_decoded(lambda: pikepdf.PdfImage(xobject).as_pil_image()), ctm, boxes, stencil)
    copy = pikepdf.Stream(pdf, b"")
    for key, value in xobject.items():
        if key not in _REWRITTEN:
            copy[key] = value
    _write(copy, image, jpeg=str(xobject.get("/Filter", "")) == "/DCTDecode", stencil=stencil)
    if isinstance(copy.get("/Mask"), pikepdf.Stream):
        # An explicit stencil mask is a picture of its own, which may hold the
        # very ink that was burnt: the burnt copy is drawn unmasked.
        del copy["/Mask"]
    smask = xobject.get("/SMask")
    if smask is not None:
        inverse = invert(ctm)
        assert inverse is not None  # _burn refused a flat matrix
        copy.SMask = _opaque_under(pdf, smask, inverse, boxes)
    return pdf.make_indirect(copy)


def burnt_inline(pdf: Any, inline: Any, ctm: Matrix, boxes: list[Rect]) -> Any:
    """An image XObject of an inline image (``BI … EI``) with the pixels under
    ``boxes`` black: drawn in its place with ``Do``."""
    import pikepdf

    stencil = bool(inline.image_mask)
    image = _burn(_decoded(inline.as_pil_image), ctm, boxes, stencil)
    copy = pikepdf.Stream(pdf, b"")
    copy.Type, copy.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
    copy.Width, copy.Height = image.size
    if stencil:
        copy.ImageMask = True
    _write(copy, image, jpeg=False, stencil=stencil)
    return pdf.make_indirect(copy)


_REWRITTEN = (
    "/Length",
    "/Filter",
    "/DecodeParms",
    "/SMask",
    "/Decode",
    "/ColorSpace",
    "/BitsPerComponent",
    "/Metadata",
)


def _decoded(decode: Callable[[], Any]) -> Any:
    try:
        return decode()
    except Exception as exc:  # any codec pikepdf/Pillow cannot decode
        raise UnsupportedContentError(
            f"an image under a box that cannot be decoded ({type(exc).__name__})"
        ) from None


def _burn(image: Any, ctm: Matrix, boxes: list[Rect], stencil: bool) -> Any:
    from PIL import ImageDraw

    inverse = invert(ctm)
    if inverse is None:
        raise UnsupportedContentError("an image drawn with a flat matrix")
    if image.mode not in ("1", "L", "RGB"):
        image = image.convert("RGB")
    draw = ImageDraw.Draw(image)
    width, height = image.size
    for rect in boxes:
        polygon = [_pixel(inverse, x, y, width, height) for x, y in _corners(rect)]
        # A stencil mask paints where its samples are 0 (the box covers it);
        # any other image gets black.
        draw.polygon(polygon, fill=(1 if stencil else 0) if image.mode == "1" else 0)
    return image


def _corners(rect: Rect) -> list[tuple[float, float]]:
    left, bottom, right, top = rect
    return [(left, bottom), (right, bottom), (right, top), (left, top)]


def _pixel(inverse: Matrix, x: float, y: float, width: int, height: int) -> tuple[float, float]:
    u, v = apply(inverse, x, y)
    return u * width, (1 - v) * height


def _write(stream: Any, image: Any, *, jpeg: bool, stencil: bool) -> None:
    import pikepdf

    if jpeg and image.mode in ("L", "RGB"):
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", quality=90, comment=b"")  # no COM segment kept
        stream.write(buffer.getvalue(), filter=pikepdf.Name.DCTDecode)
    else:
        data = image.tobytes()
        stream.write(zlib.compress(data), filter=pikepdf.Name.FlateDecode)
    if not stencil:
        stream.ColorSpace = (
            pikepdf.Name.DeviceRGB if image.mode == "RGB" else pikepdf.Name.DeviceGray
        )
    stream.BitsPerComponent = 1 if image.mode == "1" else 8
    if stencil:
        stream.Decode = pikepdf.Array([0, 1])


def _opaque_under(pdf: Any, smask: Any, inverse: Matrix, boxes: list[Rect]) -> Any:
    import pikepdf
    from PIL import ImageDraw

    mask = pikepdf.PdfImage(smask).as_pil_image().convert("L")
    draw = ImageDraw.Draw(mask)
    for rect in boxes:
        draw.polygon([_pixel(inverse, x, y, *mask.size) for x, y in _corners(rect)], fill=255)
    copy = pikepdf.Stream(pdf, b"")
    for key, value in smask.items():
        if key not in (
            "/Length",
            "/Filter",
            "/DecodeParms",
            "/Decode",
            "/BitsPerComponent",
            "/ColorSpace",
        ):
            copy[key] = value
    _write(copy, mask, jpeg=False, stencil=False)
    return pdf.make_indirect(copy)


# JPEG segments kept: APP0 (JFIF) and APP14 (Adobe: the colour transform)
# describe the pixels; the others (EXIF, XMP, IPTC, comments …) describe the
# picture and its maker.
_KEPT_APPS = (0xE0, 0xEE)


def without_jpeg_metadata(data: bytes) -> bytes | None:
    """The JPEG without its comment and application segments other than JFIF
    and Adobe (the pixels untouched); ``None`` when it has none to drop or
    is not a JPEG this can walk."""
    if not data.startswith(b"\xff\xd8"):
        return None
    out = bytearray(b"\xff\xd8")
    at, dropped = 2, False
    while at + 4 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker == 0xDA:  # start of scan: the rest is the pixels
            out += data[at:]
            return bytes(out) if dropped else None
        length = int.from_bytes(data[at + 2 : at + 4], "big")
        segment = data[at : at + 2 + length]
        if marker == 0xFE or (0xE0 <= marker <= 0xEF and marker not in _KEPT_APPS):
            dropped = True
        else:
            out += segment
        at += 2 + length
    return None
