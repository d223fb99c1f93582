"""Choosing a reader by file type.

Every reader turns bytes into :class:`~inzage.read.text.RawText`; files are
read from disk here, once, and attachments of native e-mail arrive as bytes
and take the same way.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath

from inzage.errors import CorruptInputError, InputError
from inzage.read.options import DEFAULT_READ, ReadOptions
from inzage.read.text import Attachment, RawText, check_text_name, read_bytes, text_file_from_bytes

IMAGES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff"})
# Attachments of attachments are read this deep (a mail forwarded as an
# attachment of a mail ...); below that they are named in a warning.
MAX_ATTACHMENT_DEPTH = 3
_OWN_READERS = IMAGES | {".pdf", ".eml", ".msg", ".docx", ".html", ".htm"}


def read_file(path: Path, options: ReadOptions = DEFAULT_READ) -> RawText:
    """Read any supported file; raises :class:`~inzage.errors.InputError` when it cannot."""
    if path.suffix.lower() not in _OWN_READERS:
        check_text_name(str(path))  # before reading: "unsupported" beats "too large"
    return read_data(read_bytes(path, options.max_bytes), str(path), options)


def read_data(data: bytes, name: str, options: ReadOptions = DEFAULT_READ) -> RawText:
    """Read a file's bytes by the type its name says.  Raises
    :class:`~inzage.errors.InputError` when they cannot be read.

    The readers hand damaged bytes to libraries (PDFium, Pillow, the e-mail
    and zip modules, extract-msg) that each fail in their own ways (LookupError
    for an unknown charset, struct and OLE errors, UnicodeDecodeError, ...): any
    of those is a damaged file, reported as such, never a crash of the batch."""
    try:
        return _read(data, name, options)
    except InputError:
        raise
    except RecursionError:
        raise CorruptInputError(name, "damaged: nested too deeply to read") from None
    except Exception as exc:
        kind = _KINDS.get(PurePath(name).suffix.lower(), "text")
        raise CorruptInputError(
            name, f"damaged or not a valid {kind} file ({type(exc).__name__})"
        ) from exc


_KINDS = {
    ".pdf": "PDF",
    ".eml": "e-mail",
    ".msg": "Outlook",
    ".docx": "Word",
    ".html": "HTML",
    ".htm": "HTML",
    **{suffix: "image" for suffix in IMAGES},
}


def _read(data: bytes, name: str, options: ReadOptions) -> RawText:
    """Each reader is imported when a file of its type comes along: a run over
    text files never loads the PDF, image or Office libraries."""
    suffix = PurePath(name).suffix.lower()
    if suffix == ".pdf":
        from inzage.read.pdf import pdf_from_bytes

        return pdf_from_bytes(data, name, options)
    if suffix in IMAGES:
        from inzage.read.image import image_from_bytes

        return image_from_bytes(data, name, options)
    if suffix in (".eml", ".msg"):
        from inzage.read.mail import eml_from_bytes, msg_from_bytes

        return eml_from_bytes(data, name) if suffix == ".eml" else msg_from_bytes(data, name)
    if suffix == ".docx":
        from inzage.read.office import docx_from_bytes

        return docx_from_bytes(data, name)
    if suffix in (".html", ".htm"):
        from inzage.read.html import html_from_bytes

        return html_from_bytes(data, name)
    return text_file_from_bytes(data, name)


@dataclass(frozen=True)
class AttachedFile:
    """A file attached to a mail, as read: ``raw`` is ``None`` and ``problem``
    says why when it could not be read or lies too deep."""

    path: str  # the mail's path, "/", the attachment's name
    attachment: Attachment
    raw: RawText | None
    problem: str | None = None

    @property
    def warning(self) -> str | None:
        """The problem as a warning on the mail (a damaged attachment must not cost it)."""
        return (
            None if self.problem is None else f"attachment {self.attachment.name}: {self.problem}"
        )


def read_attachments(
    path: str, raw: RawText, options: ReadOptions, depth: int, *, mails_only: bool = False
) -> Iterator[AttachedFile]:
    """Every file attached to ``raw`` (read from ``path``), read in turn;
    ``depth`` is the attachments' own depth (1 for a mail's attachments).
    ``mails_only``: read only attached mails (what may hold attachments in
    turn); the other files come unread, without a problem."""
    for attachment in raw.attachments:
        child = f"{path}/{attachment.name}"
        if depth > MAX_ATTACHMENT_DEPTH:
            problem = f"not read (attachments nested deeper than {MAX_ATTACHMENT_DEPTH})"
            yield AttachedFile(child, attachment, None, problem)
            continue
        if mails_only and not attachment.name.lower().endswith((".eml", ".msg")):
            yield AttachedFile(child, attachment, None)
            continue
        try:
            yield AttachedFile(child, attachment, read_data(attachment.data, child, options))
        except InputError as exc:
            yield AttachedFile(child, attachment, None, exc.reason)
