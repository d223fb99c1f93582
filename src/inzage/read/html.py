"""HTML pages: their visible text, one block per line (BeautifulSoup)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from bs4 import BeautifulSoup

from inzage.read.text import DEFAULT_MAX_BYTES, RawText, decode, normalise, read_bytes

_INVISIBLE = ("script", "style", "head", "template", "noscript")


def html_to_text(html: str) -> str:
    """The text a reader sees: no scripts, styles or markup; blocks on their own lines."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(_INVISIBLE):
        tag.decompose()
    lines = (line.strip() for line in soup.get_text("\n").splitlines())
    return "\n".join(line for line in lines if line)


def read_html(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> RawText:
    data = read_bytes(path, max_bytes)
    decoded, encoding = decode(data, str(path))
    return RawText(
        text=normalise(html_to_text(decoded)),
        sha256=hashlib.sha256(data).hexdigest(),
        format="html",
        encoding=encoding,
    )
