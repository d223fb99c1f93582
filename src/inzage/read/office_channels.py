"""The places in a Word file where text hides besides its body: what
``inzage check`` reads of a ``.docx`` (the PDF counterpart is
:mod:`inzage.read.pdf_channels`).

- the core and app properties (``dc:creator``, ``cp:lastModifiedBy``,
  ``Company``, title, subject, keywords);
- tracked deletions (``w:delText``) and moves, which Word keeps in the file;
- comments and their authors, and the authors of tracked changes.

Read from the package's XML with the standard library; nothing is changed.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from xml.etree import ElementTree

from inzage.read.pdf_channels import Hidden

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PROPERTY_PARTS = ("docProps/core.xml", "docProps/app.xml", "docProps/custom.xml")
_BODY_PARTS = re.compile(r"word/(?:document|header\d*|footer\d*|footnotes|endnotes)\.xml")
# Room for a large document, not for a decompression bomb.
MAX_PART_BYTES = 64_000_000


def docx_channels(data: bytes) -> list[Hidden]:
    """Every hidden channel of a .docx; raises :class:`zipfile.BadZipFile` or
    :class:`xml.etree.ElementTree.ParseError` on a damaged file (the caller
    reports it as not checked)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        found: list[Hidden] = []
        for name in names:
            if package.getinfo(name).file_size > MAX_PART_BYTES:
                raise ValueError(f"{name} is too large to read")
            if name in _PROPERTY_PARTS:
                found.extend(_properties(package.read(name)))
            elif name == "word/comments.xml":
                found.extend(_comments(package.read(name)))
            elif _BODY_PARTS.fullmatch(name):
                found.extend(_tracked(package.read(name)))
        return found


def _properties(xml: bytes) -> Iterator[Hidden]:
    for element in ElementTree.fromstring(xml).iter():
        text = (element.text or "").strip()
        if text and len(element) == 0:
            key = element.tag.rsplit("}", 1)[-1]
            yield Hidden("metadata", text, None, key)


def _comments(xml: bytes) -> Iterator[Hidden]:
    for comment in ElementTree.fromstring(xml).iter(f"{_W}comment"):
        author = comment.get(f"{_W}author", "").strip()
        if author:
            yield Hidden("annotation", author, None, "comment author")
        text = " ".join("".join(t.text or "" for t in comment.iter(f"{_W}t")).split())
        if text:
            yield Hidden("annotation", text, None, "comment")


def _tracked(xml: bytes) -> Iterator[Hidden]:
    root = ElementTree.fromstring(xml)
    for change in (*root.iter(f"{_W}del"), *root.iter(f"{_W}moveFrom")):
        text = " ".join(
            "".join(
                t.text or "" for t in change.iter() if t.tag in (f"{_W}delText", f"{_W}t")
            ).split()
        )
        if text:
            yield Hidden("tracked-change", text, None, "deleted text")
    authors = {
        element.get(f"{_W}author", "").strip()
        for tag in ("del", "ins", "moveFrom", "moveTo")
        for element in root.iter(f"{_W}{tag}")
    }
    for author in sorted(a for a in authors if a):
        yield Hidden("tracked-change", author, None, "author")
