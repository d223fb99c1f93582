"""HTML pages: their visible text, one block per line (BeautifulSoup)."""

from __future__ import annotations

import hashlib
import re

from bs4 import BeautifulSoup

from inzage.read.text import RawText, decode, normalise

_INVISIBLE = ("script", "style", "head", "template", "noscript")
_SPACES = re.compile(r"[^\S\t\n]+")  # runs of white space but tabs (between cells)
# Elements a browser shows as blocks of their own (the others run inline).
_BLOCKS = (
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "tr",
    "table",
    "thead",
    "tbody",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "hr",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "aside",
    "main",
    "figure",
    "figcaption",
    "address",
    "form",
    "fieldset",
    "caption",
    "title",
    "body",
    "html",
)


def html_to_text(html: str) -> str:
    """The text a reader sees: no scripts, styles or markup; blocks on their
    own lines, inline markup (``Wou<b>ter</b>``) joined as it is shown."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(_INVISIBLE):
        tag.decompose()
    for tag in soup.find_all(_BLOCKS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    for tag in soup.find_all("br"):
        tag.replace_with("\n")
    for tag in soup.find_all(("td", "th")):
        tag.insert_after("\t")
    lines = (_SPACES.sub(" ", line).strip(" \t") for line in soup.get_text().splitlines())
    return "\n".join(line for line in lines if line)


def html_from_bytes(data: bytes, name: str = "<bytes>") -> RawText:
    decoded, encoding = decode(data, name)
    return RawText(
        text=normalise(html_to_text(decoded)),
        sha256=hashlib.sha256(data).hexdigest(),
        format="html",
        encoding=encoding,
    )
