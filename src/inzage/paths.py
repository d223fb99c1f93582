"""File names as text.

On Linux a file name is bytes; one that is not valid UTF-8 (common after
unzipping a Windows archive) reaches Python with its bad bytes as lone
surrogates, which SQLite, JSON and a UTF-8 terminal all refuse.  Such a name is
shown and stored with each bad byte written ``\\xNN``; :func:`path_on_disk`
finds the file again from that text.
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
from collections.abc import Callable, Iterator
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


def missing_reason(path: Path) -> str:
    """Why ``path`` (which does not exist as a file) cannot be opened, in words."""
    if path.is_symlink():
        try:
            path.stat()
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return "symbolic link loop"
            return "broken symbolic link (its target does not exist)"
    return "no such file or directory"


def files_below(folder: Path, on_skip: Callable[[Path, str], None]) -> Iterator[Path]:
    """The files in ``folder`` at any depth, in sorted order, hidden ones left
    out; linked folders are followed.  What cannot be read as a file (a link
    loop, a broken link, a fifo, a folder that cannot be opened) goes to
    ``on_skip`` with the reason, never silently."""
    yield from _walk(folder, on_skip, ancestors=frozenset())


def _walk(
    folder: Path, on_skip: Callable[[Path, str], None], ancestors: frozenset[tuple[int, int]]
) -> Iterator[Path]:
    try:
        info = folder.stat()
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        on_skip(folder, f"folder cannot be read ({exc.strerror or exc})")
        return
    here = ancestors | {(info.st_dev, info.st_ino)}
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            is_dir, is_file = entry.is_dir(), entry.is_file()
        except OSError:
            is_dir = is_file = False
        if is_dir:
            target = path.stat()
            if (target.st_dev, target.st_ino) in here:
                on_skip(path, "symbolic link loop (a link to a folder that contains it)")
            else:
                yield from _walk(path, on_skip, here)
        elif is_file:
            yield path
        elif entry.is_symlink():
            on_skip(path, missing_reason(path))
        else:
            on_skip(path, "not a regular file")


def write_whole(target: Path, data: bytes) -> None:
    """Write whole or not at all: a temporary file beside it, then renamed
    (an output file is never seen half written)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".inzage-", suffix=target.suffix)
    try:
        with os.fdopen(handle, "wb") as written:
            written.write(data)
        # mkstemp makes the file readable by its owner only; a copy for
        # release gets the permissions any new file gets (the umask's).
        umask = os.umask(0)
        os.umask(umask)
        Path(temporary).chmod(0o666 & ~umask)
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
