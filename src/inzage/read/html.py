"""HTML pages: their visible text, one block per line (BeautifulSoup)."""

from __future__ import annotations

import hashlib

from bs4 import BeautifulSoup

from inzage.read.text import RawText, decode, normalise

_INVISIBLE = ("script", "style", "head", "template", "noscript")


def html_to_text(html: str) -> str:
    """The text a reader sees: no scripts, styles or markup; blocks on their own lines."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(_INVISIBLE):
        tag.decompose()
    lines = (line.strip() for line in soup.get_text("\n").splitlines())
    return "\n".join(line for line in lines if line)


def html_from_bytes(data: bytes, name: str = "<bytes>") -> RawText:
    decoded, encoding = decode(data, name)
    return RawText(
        text=normalise(html_to_text(decoded)),
        sha256=hashlib.sha256(data).hexdigest(),
        format="html",
        encoding=encoding,
    )
