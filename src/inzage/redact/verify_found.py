"""A finding of a redacted string: named by check, page and place, the string
itself only as a keyed hash."""

from __future__ import annotations

from collections.abc import Iterator

from inzage.masking import masked
from inzage.model import VerifyCheck, VerifyFinding
from inzage.redact.matching import Needle, fold_needle, occurrences


def digest(text: str) -> str:
    """The keyed hash of the folded string: the same for all its variants in one run."""
    return masked(fold_needle(text))


def found(
    check: VerifyCheck, text: str, needles: list[Needle], page: int | None = None, where: str = ""
) -> Iterator[VerifyFinding]:
    seen: set[str] = set()
    for _, _, needle in occurrences(text, needles):
        key = digest(needle.text)
        if key not in seen:
            seen.add(key)
            yield VerifyFinding(
                check=check, page=page, where=where, digest=key, reason="a redacted string"
            )
