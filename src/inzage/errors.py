"""Errors that inzage raises on purpose.

Catch the level you can handle::

    InzageError                 anything inzage refuses to do
    ├── InputError              one input cannot be read; the batch goes on
    │   ├── MissingInputError   the path does not exist
    │   ├── NotAFileError       a directory or special file where a file was needed
    │   ├── EmptyInputError     the file has no bytes
    │   ├── BinaryInputError    the bytes are not text (NUL bytes, control characters)
    │   ├── DecodeError         no supported encoding decodes the bytes
    │   ├── TooLargeError       the file is over the configured size limit
    │   └── UnsupportedFormatError  no reader handles this kind of file
    ├── ConfigurationError      a recogniser or registry is set up wrongly
    └── ClusterError            a Dask cluster to ingest on cannot be used

Messages name the file and the reason, never the file's content.
"""

from __future__ import annotations

from pathlib import Path

from inzage.paths import shown_path


class InzageError(Exception):
    """Base class of every error inzage raises on purpose."""


class ConfigurationError(InzageError):
    """A recogniser, registry or data file is set up wrongly."""


class ClusterError(InzageError):
    """The cluster cannot be used: not reachable, or no server store to write to."""


class InputError(InzageError):
    """One input cannot be read.  Carries the path and a reason without content."""

    reason = "cannot be read"

    def __init__(self, path: str | Path, reason: str | None = None) -> None:
        self.path = shown_path(path)
        self.reason = reason or self.reason
        super().__init__(f"{self.path}: {self.reason}")


class MissingInputError(InputError):
    reason = "no such file or directory"


class NotAFileError(InputError):
    reason = "not a regular file"


class EmptyInputError(InputError):
    reason = "empty file"


class BinaryInputError(InputError):
    reason = "binary content, not text"


class DecodeError(InputError):
    reason = "unknown text encoding"


class CorruptInputError(InputError):
    reason = "damaged or not the format its name says"


class EncryptedInputError(InputError):
    reason = "encrypted (password protected); decrypt it first"


class TooLargeError(InputError):
    reason = "file too large"


class UnsupportedFormatError(InputError):
    reason = "unsupported file type"
