"""Plain text and Markdown files: encoding detection, front matter, normalisation.

The reading text is normalised once, here: line endings become ``\\n``,
non-breaking and other fixed-width spaces become a plain space, and Unicode is
composed (NFC).  Every later span indexes this normalised text, so nothing
downstream ever has to move a span.  The input file is only ever read.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

import yaml
from charset_normalizer import from_bytes

from inzage.errors import (
    BinaryInputError,
    DecodeError,
    EmptyInputError,
    MissingInputError,
    NotAFileError,
    TooLargeError,
    UnsupportedFormatError,
)
from inzage.model import SourceFormat
from inzage.paths import missing_reason
from inzage.read.options import DEFAULT_MAX_BYTES
from inzage.yamltext import safe_load

if TYPE_CHECKING:
    from inzage.read.boxes import PageBox


# Suffixes of formats that need a reader of their own (not text).
_NOT_TEXT = {
    ".pdf": "PDF",
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
    ".tif": "image",
    ".tiff": "image",
    ".docx": "Word",
    ".doc": "Word",
    ".msg": "Outlook message",
    ".xlsx": "Excel",
    ".zip": "ZIP archive",
}
_MARKDOWN = {".md", ".markdown"}
_FIXED_SPACES = "\u00a0\u2007\u202f"
_LINE_SEPARATORS = "\u2028\u2029\x85"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)
_SOURCE_FOOTER = re.compile(
    r"\n[ \t]*-{3,}[ \t]*\n\s*(?P<footer>(?:Bron|Source)[ \t]*:[^\n]*\]\(https?://[^\n]*)\s*\Z"
)
# Single-byte Western encodings tried when the bytes are neither UTF-8 nor
# Windows-1252; charset detection picks among them by how plausible the text is.
_FALLBACK_ENCODINGS = ["latin_1", "iso8859_15", "mac_roman", "cp850"]


@dataclass(frozen=True)
class OutlineEntry:
    """A PDF bookmark: its depth (0 = top), the page it opens (from 1) and its title."""

    level: int
    page: int
    title: str


@dataclass(frozen=True)
class Attachment:
    """A file attached to a native e-mail: its name as attached, and its bytes."""

    name: str
    data: bytes


@dataclass
class RawText:
    """What the reader hands to the parser."""

    text: str
    sha256: str
    format: SourceFormat
    encoding: str | None  # None for formats that are not text (PDF)
    metadata: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    pages: int | None = None  # known from the format (PDF), not guessed
    ocr_pages: int = 0  # pages whose text came from OCR
    boxes: list[PageBox] = field(default_factory=list)  # redaction boxes drawn in a PDF
    outline: list[OutlineEntry] = field(default_factory=list)  # a PDF's bookmarks
    page_sizes: list[tuple[float, float]] = field(default_factory=list)  # points, per page
    attachments: list[Attachment] = field(default_factory=list)  # of a native e-mail


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes, or an :class:`~inzage.errors.InputError` saying why not."""
    if not path.exists():
        raise MissingInputError(path, missing_reason(path))
    if path.is_dir():
        raise NotAFileError(path, "is a directory (use --recursive to read the files in it)")
    if not path.is_file():
        raise NotAFileError(path)
    size = path.stat().st_size
    if size > max_bytes:
        raise TooLargeError(
            path, f"file too large ({_megabytes(size)}; the limit is {_megabytes(max_bytes)})"
        )
    if size == 0:
        raise EmptyInputError(path)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise NotAFileError(path, f"cannot be read ({exc.strerror or exc})") from exc


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def read_text_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> RawText:
    """Read a ``.txt`` or ``.md`` file into normalised text and metadata."""
    check_text_name(str(path))
    return text_file_from_bytes(read_bytes(path, max_bytes), str(path))


def check_text_name(name: str) -> None:
    """Refuse, before reading, a file whose name says it holds no text we read."""
    kind = _NOT_TEXT.get(PurePath(name).suffix.lower())
    if kind is not None:
        raise UnsupportedFormatError(name, f"{kind} files cannot be read yet")


def text_file_from_bytes(data: bytes, name: str) -> RawText:
    """A text or Markdown file's bytes (Markdown by its ``.md`` name)."""
    check_text_name(name)
    fmt: SourceFormat = "markdown" if PurePath(name).suffix.lower() in _MARKDOWN else "text"
    return text_from_bytes(data, fmt, name=name)


def text_from_bytes(data: bytes, fmt: SourceFormat = "text", name: str = "<bytes>") -> RawText:
    """Decode, split off front matter and normalise; pure apart from hashing."""
    if not data:
        raise EmptyInputError(name)
    text, encoding = decode(data, name)
    warnings: list[str] = []
    text = normalise(text)
    controls = _CONTROL.findall(text)
    for control in set(controls):
        text = text.replace(control, "\ufffd")
    if controls:
        warnings.append(
            f"{len(controls)} control characters replaced by U+FFFD (often a lost ligature)"
        )
    metadata, text = split_front_matter(text, warnings)
    if fmt == "markdown":
        footer, text = split_source_footer(text)
        if footer is not None:
            metadata["source_footer"] = footer
    return RawText(
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        format=fmt,
        encoding=encoding,
        metadata=metadata,
        warnings=warnings,
    )


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode bytes: UTF-8 (with or without BOM), UTF-16 with BOM, Windows-1252
    (what Dutch Office exports use) or Mac Roman (older Mac exports) by which
    reads as Western text, else a Western single-byte encoding chosen by
    charset detection."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _checked(data.decode("utf-16"), name), "utf-16"
        except UnicodeDecodeError as exc:
            raise DecodeError(
                name, "starts with a UTF-16 mark but is not UTF-16 (cut off, or damaged)"
            ) from exc
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return _checked(data[3:].decode("utf-8"), name), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise DecodeError(name, "starts with a UTF-8 mark but is not UTF-8") from exc
    try:
        return _checked(data.decode("utf-8"), name), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        pass
    else:
        # Nearly any bytes decode as Windows-1252; a Mac's é (0x8E) reads as
        # Ž.  Where the Mac reading gives the more Dutch letters, it is that.
        mac = data.decode("mac_roman")
        if _plausibility(mac) > _plausibility(text):
            return _checked(mac, name), "mac_roman"
        return _checked(text, name), "cp1252"
    best = from_bytes(data, cp_isolation=_FALLBACK_ENCODINGS).best()
    if best is None:
        _checked(data.decode("latin_1"), name)  # binary junk says so, not "encoding"
        raise DecodeError(name, "unknown text encoding (not UTF-8 or a Western encoding)")
    return _checked(str(best), name), best.encoding


# The characters outside ASCII that Dutch and other Western European text
# holds: accented letters and typographic punctuation.
_WESTERN = frozenset("àáâäèéêëìíîïòóôöùúûüçñÀÁÂÄÈÉÊËÌÍÎÏÒÓÔÖÙÚÛÜÇÑß“”‘’„–—…€•°§«»·")


def _plausibility(text: str) -> int:
    """How Western a single-byte reading looks: characters outside ASCII that
    such text holds, less the ones it rarely does (``Ž``, ``ˆ``, ``√``)."""
    score = 0
    for char in text:
        if ord(char) > 127:
            score += 1 if char in _WESTERN else -1
    return score


def _checked(text: str, name: str) -> str:
    """Refuse text with many control characters: it is binary that happened to decode.

    A few are tolerated: converters leave a NUL where they lost a ligature.
    """
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > max(8, len(sample) // 200):
        raise BinaryInputError(name)
    return text


def normalise(text: str) -> str:
    """One form of line ending and space, composed Unicode.

    Each change is one ``str.replace``, made only when the character occurs: a
    regular-expression substitution holds its pieces beside the result, and a
    long text (four bytes a character once one emoji is in it) is copied only
    when it must be."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for separator in _LINE_SEPARATORS:
        if separator in text:
            text = text.replace(separator, "\n")
    for space in _FIXED_SPACES:
        if space in text:
            text = text.replace(space, " ")
    return unicodedata.normalize("NFC", text)


def split_front_matter(text: str, warnings: list[str]) -> tuple[dict[str, Any], str]:
    """YAML front matter (``---`` ... ``---`` at the top) as metadata, and the rest."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return {}, text
    try:
        loaded = safe_load(match.group(1) or "")
    except (yaml.YAMLError, ValueError):  # ValueError: a date like 2020-13-01
        warnings.append("front matter is not valid YAML; kept as text")
        return {}, text
    if not isinstance(loaded, dict):
        warnings.append("front matter is not a mapping; kept as text")
        return {}, text
    return {str(k): _plain(v) for k, v in loaded.items()}, text[match.end() :]


def split_source_footer(text: str) -> tuple[str | None, str]:
    """The line a converter appended under a rule to say where the text came from
    (``---`` / ``Bron: [title](https://…)``), and the text without it; it is not
    part of the document."""
    match = _SOURCE_FOOTER.search(text)
    if match is None:
        return None, text
    return match["footer"].strip(), text[: match.start()].rstrip() + "\n"


def _plain(value: Any) -> Any:
    """YAML values as JSON-friendly values (dates become ISO strings)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return value.isoformat() if hasattr(value, "isoformat") else str(value)
