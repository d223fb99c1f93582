"""How far each glyph of a PDF font advances: what places the glyphs of a
text-showing operator on the page, so that those under a redaction box can be
taken out of the content stream and the rest left where they stood.

Simple fonts (Type 1, TrueType, Type 3) have one-byte codes and ``/Widths``
(the standard 14 may lack them: their Adobe metrics come from reportlab);
composite fonts (Type 0) with ``Identity-H`` or an embedded CMap of two-byte
codes have ``/W``.  Anything else (vertical writing, a predefined CMap of
mixed code lengths) is :class:`UnsupportedFontError`: the page is not redacted by
halves."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

# What a font's /BaseFont is called elsewhere, for the standard 14 metrics.
_STANDARD_ALIASES = {
    "arial": "Helvetica",
    "helvetica": "Helvetica",
    "timesnewroman": "Times-Roman",
    "times": "Times-Roman",
    "timesroman": "Times-Roman",
    "couriernew": "Courier",
    "courier": "Courier",
    "symbol": "Symbol",
    "zapfdingbats": "ZapfDingbats",
}
_SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")
_PS_SUFFIX = re.compile(r"(PSMT|PS|MT)$")


class UnsupportedFontError(Exception):
    """A font whose glyphs cannot be placed here (the message says why)."""


@dataclass
class FontMetrics:
    """Advance widths in text space per unit of font size, by code."""

    widths: dict[int, float] = field(default_factory=dict)
    default: float = 0.5
    code_length: int = 1
    cids: dict[int, int] | None = None  # code → CID where a CMap maps them

    def codes(self, data: bytes) -> list[bytes]:
        step = self.code_length
        return [data[i : i + step] for i in range(0, len(data) - len(data) % step, step)]

    def width(self, code: bytes) -> float:
        number = int.from_bytes(code, "big")
        if self.cids is not None:
            number = self.cids.get(number, number)
        return self.widths.get(number, self.default)

    @cached_property
    def _byte_widths(self) -> list[float]:
        return [self.width(bytes([b])) for b in range(256)]

    def run(self, data: bytes) -> tuple[float, int, int, float]:
        """A string's glyphs at once: the sum of their widths, their number,
        the single-byte spaces among them, and the widest one."""
        if self.code_length == 1:
            widths = list(map(self._byte_widths.__getitem__, data))
            return sum(widths), len(data), data.count(b" "), max(map(abs, widths), default=0.0)
        widths = [self.width(code) for code in self.codes(data)]
        return sum(widths), len(widths), 0, max(map(abs, widths), default=0.0)


def font_metrics(font: Any) -> FontMetrics:
    """The metrics of a pikepdf font dictionary."""
    subtype = str(font.get("/Subtype", "/Type1"))
    if subtype == "/Type0":
        return _composite(font)
    if subtype == "/Type3":
        matrix = [float(x) for x in font.get("/FontMatrix", [0.001, 0, 0, 0.001, 0, 0])]
        return _simple(font, scale=matrix[0])
    return _simple(font, scale=0.001)


def _simple(font: Any, scale: float) -> FontMetrics:
    descriptor = font.get("/FontDescriptor")
    missing = float(descriptor.get("/MissingWidth", 0)) if descriptor is not None else 0.0
    widths = font.get("/Widths")
    if widths is not None:
        first = int(font.get("/FirstChar", 0))
        last = int(font.get("/LastChar", first + len(widths) - 1))
        # entries past /LastChar are not the font's (PDFium gives those codes
        # the missing width, as the standard says)
        table = {first + i: float(w) * scale for i, w in enumerate(widths) if first + i <= last}
        return FontMetrics(table, default=missing * scale if missing else 0.0)
    return _standard(str(font.get("/BaseFont", "/Helvetica"))[1:])


def _standard(base_font: str) -> FontMetrics:
    from reportlab.pdfbase.pdfmetrics import getFont

    name = _SUBSET_PREFIX.sub("", base_font)
    family, _, style = name.partition(",") if "," in name else name.partition("-")
    family = _PS_SUFFIX.sub("", family)  # PostScript names: CourierNewPSMT, ArialMT
    standard = _STANDARD_ALIASES.get(family.replace(" ", "").lower(), "Helvetica")
    bold, slanted = "bold" in style.lower(), any(w in style.lower() for w in ("italic", "oblique"))
    if standard in ("Helvetica", "Courier"):
        variant = ("Bold" if bold else "") + ("Oblique" if slanted else "")
        standard = f"{standard}-{variant}" if variant else standard
    elif standard == "Times-Roman" and (bold or slanted):
        standard = "Times-" + ("Bold" if bold else "") + ("Italic" if slanted else "")
    widths = getFont(standard).widths
    return FontMetrics({code: w / 1000 for code, w in enumerate(widths)}, default=0.5)


def _composite(font: Any) -> FontMetrics:
    import pikepdf

    encoding = font.get("/Encoding")
    cids: dict[int, int] | None = None
    if encoding is None:
        raise UnsupportedFontError("a composite font without an encoding")
    if isinstance(encoding, pikepdf.Stream):
        if int(encoding.get("/WMode", 0)) == 1:
            raise UnsupportedFontError("vertical writing")
        length, cids = _embedded_cmap(encoding.read_bytes().decode("latin-1"))
    else:
        name = str(encoding)
        if name == "/Identity-V" or name.endswith("-V"):
            raise UnsupportedFontError("vertical writing")
        if name != "/Identity-H":
            raise UnsupportedFontError(f"the predefined CMap {name[1:]}")
        length = 2
    descendants = font.get("/DescendantFonts")
    if not descendants:
        raise UnsupportedFontError("a composite font without a descendant font")
    descendant = descendants[0]
    default = float(descendant.get("/DW", 1000)) / 1000
    return FontMetrics(_cid_widths(descendant.get("/W")), default, length, cids)


def _cid_widths(array: Any) -> dict[int, float]:
    """``/W``: ``c [w1 w2 …]`` gives widths from CID c on, ``c1 c2 w`` one width for a range."""
    import pikepdf

    widths: dict[int, float] = {}
    if array is None:
        return widths
    items = list(array)
    at = 0
    while at < len(items):
        first = int(items[at])
        following = items[at + 1] if at + 1 < len(items) else None
        if isinstance(following, pikepdf.Array | list):
            for offset, width in enumerate(following):
                widths[first + offset] = float(width) / 1000
            at += 2
        elif at + 2 < len(items):
            last, width = int(items[at + 1]), float(items[at + 2]) / 1000
            if last - first > 65_536:
                raise UnsupportedFontError("a /W range past the CID space")
            for cid in range(first, last + 1):
                widths[cid] = width
            at += 3
        else:
            break
    return widths


_CODESPACE = re.compile(r"begincodespacerange(.*?)endcodespacerange", re.S)
_CIDRANGE = re.compile(r"begincidrange(.*?)endcidrange", re.S)
_CIDCHAR = re.compile(r"begincidchar(.*?)endcidchar", re.S)
_HEX = re.compile(r"<([0-9A-Fa-f]+)>")


def _embedded_cmap(text: str) -> tuple[int, dict[int, int]]:
    """An embedded CMap's code length (one for all its code space) and its code → CID map."""
    lengths = {len(h) // 2 for block in _CODESPACE.findall(text) for h in _HEX.findall(block)}
    if len(lengths) != 1:
        raise UnsupportedFontError("an embedded CMap with codes of several lengths")
    cids: dict[int, int] = {}
    for block in _CIDRANGE.findall(text):
        parts = block.split()
        for i in range(0, len(parts) - 2, 3):
            low, high, cid = int(parts[i][1:-1], 16), int(parts[i + 1][1:-1], 16), int(parts[i + 2])
            if high - low > 65_536:
                raise UnsupportedFontError("a CMap range past the code space")
            for offset in range(high - low + 1):
                cids[low + offset] = cid + offset
    for block in _CIDCHAR.findall(text):
        parts = block.split()
        for i in range(0, len(parts) - 1, 2):
            cids[int(parts[i][1:-1], 16)] = int(parts[i + 1])
    return lengths.pop(), cids
