"""File names as text.

On Linux a file name is bytes; one that is not valid UTF-8 (common after
unzipping a Windows archive) reaches Python with its bad bytes as lone
surrogates, which SQLite, JSON and a UTF-8 terminal all refuse.  Such a name is
shown and stored with each bad byte written ``\\xNN``; :func:`path_on_disk`
finds the file again from that text.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

_ESCAPED_BYTE = re.compile(r"\\x([0-9a-f]{2})")


def shown_path(path: str | os.PathLike[str]) -> str:
    """``path`` as text that can be printed and stored: itself when it is valid
    UTF-8, else with each byte that is not written ``\\xNN``."""
    text = os.fspath(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(text).decode("utf-8", "backslashreplace")
    return text


def path_on_disk(shown: str) -> Path:
    """The file that :func:`shown_path` gave ``shown`` for: the path as written
    when it exists, else with its ``\\xNN`` escapes turned back into bytes."""
    path = Path(shown)
    if "\\x" not in shown or path.exists():
        return path
    # Bytes from 0x80 up are the ones Python keeps as lone surrogates.
    raw = _ESCAPED_BYTE.sub(lambda m: _byte_as_text(int(m.group(1), 16)), shown)
    restored = Path(raw)
    return restored if restored.exists() else path


def _byte_as_text(byte: int) -> str:
    return chr(byte) if byte < 0x80 else chr(0xDC00 + byte)
