"""Verification in a PDF's objects: every string object, every decompressed
stream (and the strings a stream holds, decoded), a JPEG's segments,
earlier revisions."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

from inzage.model import VerifyFinding
from inzage.redact.matching import Needle
from inzage.redact.verify_found import found

# Streams never searched as text: pixels (checked by rendering) and font programs.
_SKIPPED_SUBTYPES = ("/Image",)
# Streams larger than this are searched as bytes only, their strings not decoded.
MAX_PARSED_STREAM = 8_000_000


def object_findings(data: bytes, needles: list[Needle]) -> Iterator[VerifyFinding]:
    """Every string object (through :func:`pdf_channels`) and every stream's
    decompressed bytes; earlier revisions."""
    import pikepdf

    from inzage.read.pdf_channels import pdf_channels

    try:
        channels = pdf_channels(data, render=False)
    except Exception:
        yield VerifyFinding(check="unchecked", reason="the objects cannot be read")
        return
    if channels.revisions > 1:
        yield VerifyFinding(
            check="revisions",
            reason=f"{channels.revisions} revisions: an earlier one may hold what was redacted",
        )
    for hidden in channels.hidden:
        for text in _decoded(hidden.text):
            yield from found("object", text, needles, hidden.page, hidden.where or hidden.channel)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        font_files = _font_files(pdf)
        for obj in pdf.objects:
            if not isinstance(obj, pikepdf.Stream) or obj.objgen in font_files:
                continue
            where = f"obj {obj.objgen[0]}"
            if str(obj.get("/Subtype", "")) in _SKIPPED_SUBTYPES:
                # the pixels are checked by rendering; a JPEG's segments before
                # its scan (comments, EXIF, XMP) are text
                head = obj.read_raw_bytes()
                scan = head.find(b"\xff\xda")
                if head.startswith(b"\xff\xd8") and scan > 0:
                    yield from found("stream", head[:scan].decode("latin-1"), needles, None, where)
                continue
            try:
                raw = obj.read_bytes()
            except pikepdf.PdfError:
                yield VerifyFinding(
                    check="unchecked", where=where, reason="a stream cannot be decompressed"
                )
                continue
            for text in _stream_texts(raw):
                yield from found("stream", text, needles, None, where)
            shown = _shown_strings(raw) if len(raw) <= MAX_PARSED_STREAM else ""
            if shown:
                yield from found("stream", shown, needles, None, where)


def _font_files(pdf: Any) -> set[tuple[int, int]]:
    import pikepdf

    found: set[tuple[int, int]] = set()
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) and str(obj.get("/Type", "")) == "/FontDescriptor":
            for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                program = obj.get(key)
                if program is not None and program.is_indirect:
                    found.add(program.objgen)
    return found


def _decoded(text: str) -> Iterator[str]:
    """A string as written, and URL-decoded where it may be a link target."""
    yield text
    if "%" in text or "+" in text:
        from urllib.parse import unquote_plus

        yield unquote_plus(text)


_LITERAL = re.compile(rb"\((?:[^()\\]|\\.)*\)", re.S)


_HEX = re.compile(rb"<([0-9A-Fa-f\s]*)>")


_ESCAPE = re.compile(rb"\\([0-7]{1,3}|.)", re.S)


_ESCAPED = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _shown_strings(raw: bytes) -> str:
    """The strings a stream holds if it is content (a page's, a form's, an
    appearance, a pattern, a glyph procedure …), literal and hex, decoded
    and joined in order: a name split over several strings, or written in
    hex or escapes, reads whole here.  A regular expression over the bytes
    rather than a parse: every stream of the file passes through it."""
    pieces: list[tuple[int, bytes]] = []
    for match in _LITERAL.finditer(raw):
        body = _ESCAPE.sub(_unescaped, match[0][1:-1])
        pieces.append((match.start(), body))
    if b"<" in raw:
        for match in _HEX.finditer(raw):
            digits = re.sub(rb"\s", b"", match[1])
            if len(digits) % 2:  # an odd last digit stands for digit and 0
                digits += b"0"
            if digits:
                pieces.append((match.start(), bytes.fromhex(digits.decode())))
    return "".join(body.decode("latin-1") for _, body in sorted(pieces))


def _unescaped(match: re.Match[bytes]) -> bytes:
    code = match[1]
    if code[:1].isdigit():
        return bytes([int(code, 8) & 0xFF])
    return _ESCAPED.get(code, code if code != b"\n" else b"")


def _stream_texts(raw: bytes) -> Iterator[str]:
    import re

    text = raw.decode("latin-1")
    yield text
    if "#" in text:  # names write their odd characters as #xx ('/Jan#20Jansen')
        yield re.sub(r"#([0-9A-Fa-f]{2})", lambda m: chr(int(m[1], 16)), text)
    if "%" in text or "+" in text:
        from urllib.parse import unquote_plus

        yield unquote_plus(text)
    if raw.count(b"\x00") > len(raw) // 4:  # UTF-16, as XMP or an embedded text may be
        for encoding in ("utf-16-be", "utf-16-le"):
            yield raw.decode(encoding, "replace")
