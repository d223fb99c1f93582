"""Word ``.docx`` files: the body's text in document order, as Word shows it.

python-docx opens the package; the text is read from the body's XML, since
python-docx's own ``Paragraph.text`` leaves out what a reader of the file
sees and a redaction must reach: tracked insertions (``w:ins``, ``w:moveTo``),
content controls (``w:sdt``, block and inline), text boxes
(``w:txbxContent``, a line after their paragraph) and field results.  What
Word does not show is left out: tracked deletions and moves away, field
codes, and the fallback copy of a text box that older readers would draw."""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Iterator
from typing import Any

from inzage.errors import CorruptInputError
from inzage.read.text import RawText, normalise

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Subtrees Word does not show as text.
_UNSHOWN = frozenset({f"{_W}del", f"{_W}moveFrom", f"{_W}instrText", f"{_W}delText", _MC_FALLBACK})
_CHARACTERS = {f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}
# Elements that wrap blocks (paragraphs and tables) without being one.
_WRAPPERS = frozenset({f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"})


def docx_from_bytes(data: bytes, name: str = "<bytes>") -> RawText:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise CorruptInputError(name, f"not a readable Word file ({type(exc).__name__})") from None
    core = document.core_properties
    metadata = {
        key: value for key, value in (("title", core.title), ("author", core.author)) if value
    }
    return RawText(
        text=normalise("\n".join(block_lines(document.element.body))),
        sha256=hashlib.sha256(data).hexdigest(),
        format="docx",
        encoding=None,
        metadata={"docx": metadata} if metadata else {},
    )


def block_lines(container: Any) -> Iterator[str]:
    """The lines of the blocks in a body, cell, content control or text box:
    a paragraph is a line (its text boxes lines after it), a table row is a
    line of cells separated by tabs."""
    for child in container:
        if child.tag == f"{_W}p":
            boxes: list[Any] = []
            yield "".join(_paragraph_text(child, boxes))
            for box in boxes:
                yield from block_lines(box)
        elif child.tag == f"{_W}tbl":
            for row in child.iter(f"{_W}tr"):
                if _owner_table(row) is child:
                    yield "\t".join("\n".join(block_lines(c)).strip() for c in _cells(row))
        elif child.tag in _WRAPPERS:
            yield from block_lines(child)


def _cells(row: Any) -> Iterator[Any]:
    """A row's cells, also those inside a content control."""
    for child in row:
        if child.tag == f"{_W}tc":
            yield child
        elif child.tag in _WRAPPERS:
            yield from _cells(child)


def _owner_table(row: Any) -> Any:
    parent = row.getparent()
    while parent is not None and parent.tag != f"{_W}tbl":
        parent = parent.getparent()
    return parent


def _paragraph_text(element: Any, boxes: list[Any]) -> Iterator[str]:
    """The shown text under ``element`` in order; text boxes met are added to
    ``boxes`` (their paragraphs are lines of their own)."""
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _UNSHOWN:
            continue
        if tag == f"{_W}t":
            yield child.text or ""
        elif tag in _CHARACTERS:
            yield _CHARACTERS[tag]
        elif tag == f"{_W}txbxContent":
            boxes.append(child)
        else:
            yield from _paragraph_text(child, boxes)
