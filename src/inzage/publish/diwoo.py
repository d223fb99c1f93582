"""DiWoo 0.9.8 metadata for the national Woo index (``disclosure.md`` §5):
one ``diwoo:Document`` record per published file, in sitemaps of at most
50,000 URLs and 50 MB, listed by a sitemap index.

Each record gives what the schema requires (publisher as a TOOI URI, the
official title, the information category "Woo-verzoeken en -besluiten", a
``vaststelling`` with its time) and what helps a reader: the creation date,
language, format, the decision it is part of.  No ``naamOpsteller``: an
official's name is personal data.  Written with the standard library's
ElementTree; ``tests/publish`` validates it against the schema."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from xml.etree import ElementTree as ET

NS = "https://standaarden.overheid.nl/diwoo/metadata/"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
MAX_URLS = 50_000
MAX_BYTES = 50 * 1024 * 1024
WOO_CATEGORY = (
    "https://identifier.overheid.nl/tooi/def/thes/kern/c_3baef532",
    "Woo-verzoeken en -besluiten",
)
VASTSTELLING = ("https://identifier.overheid.nl/tooi/def/thes/kern/c_641ecd76", "vaststelling")
DUTCH = ("http://publications.europa.eu/resource/authority/language/NLD", "Nederlands")
FORMATS = {
    ".pdf": ("http://publications.europa.eu/resource/authority/file-type/PDF", "PDF"),
    ".csv": ("http://publications.europa.eu/resource/authority/file-type/CSV", "CSV"),
    ".xlsx": ("http://publications.europa.eu/resource/authority/file-type/XLSX", "Excel XLSX"),
    ".html": ("http://publications.europa.eu/resource/authority/file-type/HTML", "HTML"),
}

ET.register_namespace("diwoo", NS)
ET.register_namespace("", SITEMAP_NS)


@dataclass(frozen=True)
class Record:
    """What the index is told of one published file."""

    url: str
    identifier: str  # the Documentnummer
    title: str
    publisher: str  # TOOI URI
    publisher_label: str
    published: dt.datetime  # the vaststelling: when the decision was taken
    suffix: str  # of the published file, for its format
    created: dt.date | None = None
    part_of: str | None = None  # the decision's title
    part_of_id: str | None = None  # the case number


# Characters XML 1.0 does not allow (C0 controls but tab and newlines, lone
# surrogates, U+FFFE/U+FFFF): a title copied from a document may hold one.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def _sub(parent: ET.Element, name: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(
        parent, f"{{{NS}}}{name}", {k: xml_text(v) for k, v in attributes.items()}
    )
    if text is not None:
        element.text = xml_text(text)
    return element


def document_element(record: Record) -> ET.Element:
    """The ``diwoo:Document`` of one record."""
    document = ET.Element(f"{{{NS}}}Document")
    diwoo = _sub(document, "DiWoo")
    identifiers = _sub(diwoo, "identifiers")
    _sub(identifiers, "identifier", record.identifier)
    _sub(diwoo, "publisher", record.publisher_label, resource=record.publisher)
    titles = _sub(diwoo, "titelcollectie")
    _sub(titles, "officieleTitel", record.title)
    classification = _sub(diwoo, "classificatiecollectie")
    categories = _sub(classification, "informatiecategorieen")
    _sub(categories, "informatiecategorie", WOO_CATEGORY[1], resource=WOO_CATEGORY[0])
    if record.created is not None:
        _sub(diwoo, "creatiedatum", record.created.isoformat())
    _sub(diwoo, "language", DUTCH[1], resource=DUTCH[0])
    if record.suffix.lower() in FORMATS:
        uri, label = FORMATS[record.suffix.lower()]
        _sub(diwoo, "format", label, resource=uri)
    if record.part_of:
        attributes = {"resource": record.part_of_id} if record.part_of_id else {}
        _sub(diwoo, "isPartOf", record.part_of, **attributes)
    handlings = _sub(diwoo, "documenthandelingen")
    handling = _sub(handlings, "documenthandeling")
    _sub(handling, "soortHandeling", VASTSTELLING[1], resource=VASTSTELLING[0])
    _sub(handling, "atTime", record.published.isoformat(timespec="seconds"))
    return document


def _url(record: Record) -> bytes:
    url = ET.Element(f"{{{SITEMAP_NS}}}url")
    ET.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = xml_text(record.url)
    ET.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = record.published.date().isoformat()
    url.append(document_element(record))
    return ET.tostring(url, encoding="unicode").encode("utf-8")


_HEAD = (
    f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{SITEMAP_NS}" xmlns:diwoo="{NS}">\n'
).encode()
_TAIL = b"</urlset>\n"


def sitemaps(
    records: Iterable[Record], *, max_urls: int = MAX_URLS, max_bytes: int = MAX_BYTES
) -> Iterator[bytes]:
    """The sitemap files, each within the limits of URLs and bytes."""
    pieces: list[bytes] = []
    size = len(_HEAD) + len(_TAIL)
    for record in records:
        # each <url> declares its namespaces again: redundant, and valid XML
        url = _url(record) + b"\n"
        if pieces and (len(pieces) >= max_urls or size + len(url) > max_bytes):
            yield _HEAD + b"".join(pieces) + _TAIL
            pieces, size = [], len(_HEAD) + len(_TAIL)
        pieces.append(url)
        size += len(url)
    if pieces:
        yield _HEAD + b"".join(pieces) + _TAIL


def sitemap_index(urls: Iterable[str], modified: dt.date) -> bytes:
    """The index that lists the sitemap files."""
    index = ET.Element(f"{{{SITEMAP_NS}}}sitemapindex")
    for url in urls:
        sitemap = ET.SubElement(index, f"{{{SITEMAP_NS}}}sitemap")
        ET.SubElement(sitemap, f"{{{SITEMAP_NS}}}loc").text = url
        ET.SubElement(sitemap, f"{{{SITEMAP_NS}}}lastmod").text = modified.isoformat()
    body: bytes = ET.tostring(index, encoding="utf-8", xml_declaration=True)
    return body + b"\n"
