"""Word ``.docx`` files (python-docx): paragraphs and table rows in document order."""

from __future__ import annotations

import hashlib
import io
import zipfile

from inzage.errors import CorruptInputError
from inzage.read.text import RawText, normalise


def docx_from_bytes(data: bytes, name: str = "<bytes>") -> RawText:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise CorruptInputError(name, f"not a readable Word file ({type(exc).__name__})") from None
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            lines.extend("\t".join(cell.text.strip() for cell in row.cells) for row in block.rows)
    core = document.core_properties
    metadata = {
        key: value for key, value in (("title", core.title), ("author", core.author)) if value
    }
    return RawText(
        text=normalise("\n".join(lines)),
        sha256=hashlib.sha256(data).hexdigest(),
        format="docx",
        encoding=None,
        metadata={"docx": metadata} if metadata else {},
    )
