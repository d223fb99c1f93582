"""The boxes drawn over what was redacted: each with its ground code, legible
at the box's size (or just above it when the box is too small), upright for
the reader on a rotated page, in marked content that ``verify`` and
``parse`` find them by."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any, Literal

from inzage.redact.pdf_content import Rect

# The marked-content tag around each drawn box: how `verify` finds the boxes
# of a file inzage redacted.
BOX_TAG = "/InzageRedaction"
WITHHELD_TAG = "/InzageWithheld"  # around the notice on a page withheld whole
FONT_NAME = "/InzageCode"
MIN_CODE_SIZE = 4.0  # the smallest code printed inside a box, in points
MAX_CODE_SIZE = 10.0
BESIDE_CODE_SIZE = 5.0
Colour = Literal["black", "grey"]
FILLS = {"black": (0.0, 1.0), "grey": (0.6, 0.0)}  # box grey level, code grey level


@dataclass(frozen=True)
class DrawnBox:
    page: int
    rect: Rect
    ground: str


def pdf_literal(text: str) -> str:
    """Text as the body of a PDF literal string in WinAnsi."""
    return (
        text.encode("cp1252", "replace")
        .decode("latin-1")
        .replace("\\", "\\\\")
        .replace("(", "\\(")
        .replace(")", "\\)")
    )


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


def draw_boxes(pdf: Any, page: Any, boxes: list[DrawnBox], fill: float, code_grey: float) -> None:
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


@dataclass(frozen=True)
class TaggedBox:
    page: int
    rect: Rect
    ground: str


def tagged_boxes(data: bytes) -> list[TaggedBox]:
    """The boxes inzage drew in a redacted PDF (its marked content), in order."""
    import pikepdf

    boxes: list[TaggedBox] = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            ground: str | None = None
            for instruction in pikepdf.parse_content_stream(page):
                if isinstance(instruction, pikepdf.ContentStreamInlineImage):
                    continue
                operator = str(instruction.operator)
                operands = instruction.operands
                if operator == "BDC" and operands and str(operands[0]) == BOX_TAG:
                    props = operands[1] if len(operands) > 1 else None
                    ground = (
                        str(props.get("/Ground", ""))
                        if isinstance(props, pikepdf.Dictionary)
                        else ""
                    )
                elif operator == "re" and ground is not None and len(operands) == 4:
                    x, y, w, h = (float(v) for v in operands)
                    boxes.append(TaggedBox(number, (x, y, x + w, y + h), ground))
                    ground = None
                elif operator == "EMC":
                    ground = None
    return boxes
