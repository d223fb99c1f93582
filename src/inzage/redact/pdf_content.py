"""Taking what lies under redaction boxes out of a page's content: the glyphs
of every text-showing operator (visible or not: an OCR layer is text in
render mode 3), also inside form XObjects, and the pixels of images.

The content is interpreted as a viewer would place it (graphics state, text
state, text and line matrices), glyph by glyph; a glyph whose centre lies in
a box is removed and replaced by a move of its advance, so the glyphs around
it keep their places and the rest of the text layer stays searchable.  A form
XObject or an image that changes is copied for this page (others that share
it keep theirs)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from inzage.redact.matching import Needle
from inzage.redact.pdf_fonts import FontMetrics, UnsupportedFontError, font_metrics

Matrix = tuple[float, float, float, float, float, float]
Rect = tuple[float, float, float, float]  # left, bottom, right, top in user space
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
# A glyph's extent in units of the font size, above and below the baseline,
# and the height its centre is taken at.
ASCENT, DESCENT, MIDDLE = 0.9, -0.22, 0.35
MAX_FORM_DEPTH = 12


class UnsupportedContentError(Exception):
    """Content under a box that cannot be taken out here (the message says what)."""


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """``m × n`` in PDF's row-vector convention: ``m`` applied first."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (
        a * p + b * r,
        a * q + b * s,
        c * p + d * r,
        c * q + d * s,
        e * p + f * r + t,
        e * q + f * s + u,
    )


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5]


def invert(m: Matrix) -> Matrix | None:
    a, b, c, d, e, f = m
    det = a * d - b * c
    if abs(det) < 1e-12:
        return None
    return (d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det)


def hull(points: list[tuple[float, float]]) -> Rect:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def inside(x: float, y: float, rect: Rect) -> bool:
    return rect[0] <= x <= rect[2] and rect[1] <= y <= rect[3]


def overlaps(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@dataclass
class _TextState:
    char_spacing: float = 0.0
    word_spacing: float = 0.0
    scale: float = 1.0
    leading: float = 0.0
    font: Any = None
    size: float = 0.0
    rise: float = 0.0


@dataclass
class PageEdit:
    """What was taken out of one page: glyphs per box (the hull of their
    extents, to size the drawn box) and the images burnt."""

    glyphs: int = 0
    images: int = 0
    extents: dict[int, Rect] = field(default_factory=dict)
    # each image burnt (by object number) and its burnt copy: the picture is
    # the same wherever else the file draws it
    burnt: dict[tuple[int, int], Any] = field(default_factory=dict)

    def grow(self, box: int, rect: Rect) -> None:
        old = self.extents.get(box)
        self.extents[box] = (
            rect
            if old is None
            else (
                min(old[0], rect[0]),
                min(old[1], rect[1]),
                max(old[2], rect[2]),
                max(old[3], rect[3]),
            )
        )


class ContentRedactor:
    """Removes what lies under ``boxes`` from the content of pages of ``pdf``."""

    def __init__(self, pdf: Any, boxes: list[Rect], needles: Sequence[Needle] = ()) -> None:
        self.pdf = pdf
        self.boxes = boxes
        self.needles = list(needles)
        self.edit = PageEdit()
        self._fonts: dict[tuple[int, int], FontMetrics] = {}

    def redact_page(self, page: Any) -> PageEdit:
        """Rewrite the page's content without what lies under the boxes."""
        import pikepdf

        resources = _private(page.obj, "/Resources")
        instructions = pikepdf.parse_content_stream(page)
        changed = self._stream(instructions, resources, IDENTITY, 0)
        if changed is not None:
            page.obj.Contents = self.pdf.make_stream(pikepdf.unparse_content_stream(changed))
        return self.edit

    def _stream(
        self,
        instructions: list[Any],
        resources: Any,
        ctm: Matrix,
        depth: int,
        inherited: _TextState | None = None,
    ) -> list[Any] | None:
        """A content stream without what lies under the boxes (``None`` when
        nothing does).  A form's content starts from the text state of the
        place that draws it: spacing, scaling, leading, font are part of the
        graphics state a form inherits."""
        import pikepdf

        if depth > MAX_FORM_DEPTH:
            raise UnsupportedContentError("form XObjects nested too deep")
        out: list[Any] = []
        changed = False
        stack: list[tuple[Matrix, _TextState]] = []
        text = replace(inherited) if inherited is not None else _TextState()
        tm: Matrix = IDENTITY
        tlm: Matrix = IDENTITY
        for instruction in instructions:
            if isinstance(instruction, pikepdf.ContentStreamInlineImage):
                if self._placed_under_box(ctm):
                    out.append(self._inline_image(instruction, resources, ctm))
                    changed = True
                else:
                    out.append(instruction)
                continue
            operands, operator = list(instruction.operands), str(instruction.operator)
            replacement: list[Any] | None = None
            if operator == "q":
                stack.append((ctm, replace(text)))
            elif operator == "Q":
                if stack:
                    ctm, text = stack.pop()
            elif operator == "cm" and len(operands) == 6:
                ctm = multiply(_matrix(operands), ctm)
            elif operator == "BT":
                tm = tlm = IDENTITY
            elif operator == "Tc" and operands:
                text.char_spacing = float(operands[0])
            elif operator == "Tw" and operands:
                text.word_spacing = float(operands[0])
            elif operator == "Tz" and operands:
                text.scale = float(operands[0]) / 100
            elif operator == "TL" and operands:
                text.leading = float(operands[0])
            elif operator == "Ts" and operands:
                text.rise = float(operands[0])
            elif operator == "Tf" and len(operands) == 2:
                text.font = self._font(resources, operands[0])
                text.size = float(operands[1])
            elif operator in ("Td", "TD") and len(operands) == 2:
                tx, ty = float(operands[0]), float(operands[1])
                if operator == "TD":
                    text.leading = -ty
                tlm = multiply((1, 0, 0, 1, tx, ty), tlm)
                tm = tlm
            elif operator == "Tm" and len(operands) == 6:
                tm = tlm = _matrix(operands)
            elif operator == "T*":
                tlm = multiply((1, 0, 0, 1, 0, -text.leading), tlm)
                tm = tlm
            elif operator in ("Tj", "TJ", "'", '"'):
                prefix: list[Any] = []
                if operator == '"' and len(operands) == 3:
                    text.word_spacing, text.char_spacing = float(operands[0]), float(operands[1])
                    prefix = [
                        pikepdf.ContentStreamInstruction([operands[0]], pikepdf.Operator("Tw")),
                        pikepdf.ContentStreamInstruction([operands[1]], pikepdf.Operator("Tc")),
                    ]
                if operator in ("'", '"'):
                    tlm = multiply((1, 0, 0, 1, 0, -text.leading), tlm)
                    tm = tlm
                    prefix.append(pikepdf.ContentStreamInstruction([], pikepdf.Operator("T*")))
                items = list(operands[0]) if operator == "TJ" and operands else operands[-1:]
                tm, kept = self._show(items, text, tm, ctm)
                if kept is not None:
                    replacement = [
                        *prefix,
                        pikepdf.ContentStreamInstruction(
                            [pikepdf.Array(kept)], pikepdf.Operator("TJ")
                        ),
                    ]
            elif operator in ("BDC", "DP") and len(operands) == 2 and self.needles:
                from inzage.redact.pdf_strings import scrub_strings

                if isinstance(operands[1], pikepdf.Dictionary) and scrub_strings(
                    operands[1], self.needles
                ):
                    replacement = [pikepdf.ContentStreamInstruction(operands, instruction.operator)]
            elif operator == "Do" and operands:
                replacement = self._do(operands[0], resources, ctm, depth, instruction, text)
            if replacement is not None:
                changed = True
                out.extend(replacement)
            else:
                out.append(instruction)
        return out if changed else None

    def _font(self, resources: Any, name: Any) -> FontMetrics | None:
        fonts = resources.get("/Font") if resources is not None else None
        font = fonts.get(name) if fonts is not None else None
        if font is None:
            return None
        key = font.objgen if font.is_indirect else (id(font), 0)
        if key not in self._fonts:
            try:
                self._fonts[key] = font_metrics(font)
            except UnsupportedFontError as exc:
                raise UnsupportedContentError(f"font {str(name)[1:]}: {exc}") from None
        return self._fonts[key]

    def _show(
        self, items: list[Any], text: _TextState, tm: Matrix, ctm: Matrix
    ) -> tuple[Matrix, list[Any] | None]:
        """Place each glyph of a Tj/TJ; the new text matrix, and the operand of a
        TJ without the glyphs under a box (``None`` where none is)."""
        import pikepdf

        metrics = text.font if text.font is not None else FontMetrics()
        size, scale = text.size, text.scale
        missed = self._missing_every_box(items, metrics, text, tm, ctm)
        if missed is not None:
            return missed, None
        kept: list[Any] = []
        run = bytearray()
        removed_any = False
        for item in items:
            if isinstance(item, pikepdf.String):
                for code in metrics.codes(bytes(item)):
                    width = metrics.width(code)
                    spacing = text.char_spacing + (
                        text.word_spacing if code == b" " and metrics.code_length == 1 else 0.0
                    )
                    advance = (width * size + spacing) * scale
                    box = self._box_of_glyph(width, text, tm, ctm)
                    if box is None:
                        run.extend(code)
                    else:
                        if size == 0:
                            raise UnsupportedContentError("text of size 0 under a box")
                        removed_any = True
                        self.edit.glyphs += 1
                        if run:
                            kept.append(pikepdf.String(bytes(run)))
                            run = bytearray()
                        _add_number(kept, -advance / scale / size * 1000 if scale else 0.0)
                    tm = multiply((1, 0, 0, 1, advance, 0), tm)
            else:
                adjustment = float(item)
                if run:
                    kept.append(pikepdf.String(bytes(run)))
                    run = bytearray()
                _add_number(kept, adjustment)
                tm = multiply((1, 0, 0, 1, -adjustment / 1000 * size * scale, 0), tm)
        if run:
            kept.append(pikepdf.String(bytes(run)))
        return tm, kept if removed_any else None

    def _missing_every_box(
        self, items: list[Any], metrics: FontMetrics, text: _TextState, tm: Matrix, ctm: Matrix
    ) -> Matrix | None:
        """The text matrix after a Tj/TJ whose whole extent misses every box
        (most of a page's text), found without placing glyph by glyph; ``None``
        when some glyph may lie under a box."""
        import pikepdf

        size, scale = text.size, text.scale
        x = low = high = 0.0
        for item in items:
            if isinstance(item, pikepdf.String):
                widths, count, spaces, widest = metrics.run(bytes(item))
                spacing = count * text.char_spacing + spaces * text.word_spacing
                end = x + (widths * size + spacing) * scale
                # wide enough for any glyph between the two ends, whatever the
                # signs of the spacings
                margin = abs(scale) * (
                    abs(widest * size)
                    + count * abs(text.char_spacing)
                    + spaces * abs(text.word_spacing)
                )
                low, high = min(low, x, end) - margin, max(high, x, end) + margin
                x = end
            else:
                x -= float(item) / 1000 * size * scale
            low, high = min(low, x), max(high, x)
        full = multiply(tm, ctm)
        extent = hull(
            [
                apply(full, u, v * size + text.rise)
                for u in (low, high)
                for v in (DESCENT, ASCENT, MIDDLE)
            ]
        )
        if any(overlaps(extent, rect) for rect in self.boxes):
            return None
        return multiply((1, 0, 0, 1, x, 0), tm)

    def _box_of_glyph(self, width: float, text: _TextState, tm: Matrix, ctm: Matrix) -> int | None:
        """The index of the box the glyph's centre lies in (its extent is added there)."""
        size, scale = text.size, text.scale
        full = multiply(tm, ctm)
        x, y = apply(full, width * size * scale / 2, MIDDLE * size + text.rise)
        for index, rect in enumerate(self.boxes):
            if inside(x, y, rect):
                corners = [
                    apply(full, u * size * scale, v * size + text.rise)
                    for u in (0.0, width)
                    for v in (DESCENT, ASCENT)
                ]
                self.edit.grow(index, hull(corners))
                return index
        return None

    def _placed_under_box(self, ctm: Matrix) -> bool:
        placed = hull([apply(ctm, u, v) for u in (0.0, 1.0) for v in (0.0, 1.0)])
        return any(overlaps(placed, rect) for rect in self.boxes)

    def _inline_image(self, instruction: Any, resources: Any, ctm: Matrix) -> Any:
        """An inline image under a box, burnt, as an XObject of this page drawn in its place."""
        import pikepdf

        from inzage.redact.pdf_images import burnt_inline

        if resources.get("/XObject") is None:
            resources.XObject = pikepdf.Dictionary()
        name = pikepdf.Name(f"/InzageImage{len(resources.XObject)}")
        resources.XObject[name] = burnt_inline(self.pdf, instruction.iimage, ctm, self.boxes)
        self.edit.images += 1
        return pikepdf.ContentStreamInstruction([name], pikepdf.Operator("Do"))

    def _do(
        self,
        name: Any,
        resources: Any,
        ctm: Matrix,
        depth: int,
        instruction: Any,
        text: _TextState,
    ) -> list[Any] | None:
        """A form or image XObject drawn: redacted in a copy of its own where
        anything of it lies under a box; the copy takes its name in ``resources``."""
        import pikepdf

        xobjects: Any = resources.get("/XObject") if resources is not None else None
        xobject = xobjects.get(name) if xobjects is not None else None
        if xobject is None:
            return None
        subtype = str(xobject.get("/Subtype", ""))
        if subtype == "/Form":
            matrix = _matrix(xobject.get("/Matrix", list(IDENTITY)))
            inner_ctm = multiply(matrix, ctm)
            inner_resources = xobject.get("/Resources", resources)
            copy = _copied_stream(self.pdf, xobject, b"")
            copy.Resources = _copied_dict(inner_resources)
            inner = pikepdf.parse_content_stream(xobject)
            changed = self._stream(inner, copy.Resources, inner_ctm, depth + 1, text)
            if changed is None:
                return None
            copy.write(pikepdf.unparse_content_stream(changed))
            xobjects[name] = copy
            return [instruction]
        if subtype == "/Image" and self._placed_under_box(ctm):
            from inzage.redact.pdf_images import burnt

            xobjects[name] = burnt(self.pdf, xobject, ctm, self.boxes)
            if xobject.is_indirect:
                self.edit.burnt[xobject.objgen] = xobjects[name]
            self.edit.images += 1
            return [instruction]
        return None


def _add_number(items: list[Any], value: float) -> None:
    if items and isinstance(items[-1], float):
        items[-1] += value
    else:
        items.append(round(value, 4))


def _matrix(operands: Any) -> Matrix:
    values = [float(x) for x in operands]
    if len(values) != 6:
        return IDENTITY
    return (values[0], values[1], values[2], values[3], values[4], values[5])


def _copied_dict(dictionary: Any) -> Any:
    """A direct copy of a resource dictionary with its own /XObject table, so
    that replacing an XObject in it changes no other page or form."""
    import pikepdf

    copy = (
        pikepdf.Dictionary({key: value for key, value in dictionary.items()})
        if dictionary is not None
        else pikepdf.Dictionary()
    )
    xobjects = copy.get("/XObject")
    if xobjects is not None:
        copy.XObject = pikepdf.Dictionary({key: value for key, value in xobjects.items()})
    return copy


def _private(holder: Any, key: str) -> Any:
    """``holder[key]`` (a page's resources, inherited or not) as a copy of this page's own."""
    resources = holder.get(key)
    if resources is None:
        parent = holder.get("/Parent")
        while parent is not None and resources is None:
            resources = parent.get(key)
            parent = parent.get("/Parent")
    copy = _copied_dict(resources)
    holder[key] = copy
    return copy


def _copied_stream(pdf: Any, stream: Any, data: bytes) -> Any:
    """A new stream with ``stream``'s dictionary (its filters aside) and ``data``."""
    import pikepdf

    copy = pikepdf.Stream(pdf, data)
    for key, value in stream.items():
        if key not in ("/Length", "/Filter", "/DecodeParms"):
            copy[key] = value
    return pdf.make_indirect(copy)
