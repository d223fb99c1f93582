"""A fresh, invisible text layer for scanned pages, read by OCR from the
redacted page as it is rendered: the page becomes searchable and the layer
never held what the boxes cover (OCR sees only the box and its code)."""

from __future__ import annotations

import io
from collections.abc import Sequence

from inzage.redact.pdf import RedactionError
from inzage.redact.pdf_boxes import pdf_literal

OCR_FONT = "/InzageOcr"
OCR_TAG = "/InzageOcr"  # marked content around the layer, so it can be told apart


def with_ocr_layer(data: bytes, pages: Sequence[int]) -> bytes:
    """``data`` with an invisible OCR text layer on each of ``pages`` (numbers
    from 1).  Raises :class:`RedactionError` when OCR is not available."""
    import pikepdf
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from inzage.read.ocr import OcrUnavailableError, ocr_words
    from inzage.redact.pdf_locate import rendered_pages

    if not pages:
        return data
    layers: dict[int, bytes] = {}
    for number, upright in rendered_pages(data, pages):
        try:
            words = ocr_words(upright.image)
        except (OcrUnavailableError, RuntimeError) as exc:
            raise RedactionError(f"--ocr: page {number} cannot be read by OCR ({exc})") from None
        ops = [f"{OCR_TAG} BMC BT 3 Tr"]
        for word in words:
            size = max(word.height / upright.scale, 1.0)
            natural = stringWidth(word.text, "Helvetica", size) or 1.0
            stretch = 100.0 * (word.width / upright.scale) / natural
            x, y = upright.to_page(word.left, word.top + word.height)
            ops.append(
                f"{OCR_FONT} {size:.2f} Tf {stretch:.1f} Tz "
                f"1 0 0 1 {x:.2f} {y:.2f} Tm ({pdf_literal(word.text)}) Tj"
            )
        ops.append("ET EMC")
        layers[number] = ("\n".join(ops) + "\n").encode("latin-1")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        font = pdf.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.Font,
                Subtype=pikepdf.Name.Type1,
                BaseFont=pikepdf.Name.Helvetica,
                Encoding=pikepdf.Name.WinAnsiEncoding,
            )
        )
        for number, layer in layers.items():
            page = pdf.pages[number - 1]
            resources = page.obj.get("/Resources")
            if resources is None:
                page.obj.Resources = resources = pikepdf.Dictionary()
            fonts = resources.get("/Font")
            if fonts is None:
                resources.Font = fonts = pikepdf.Dictionary()
            fonts[OCR_FONT] = font
            page.contents_add(pdf.make_stream(b"q\n"), prepend=True)
            page.contents_add(pdf.make_stream(b"Q\n" + layer))
        out = io.BytesIO()
        pdf.save(out, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()
