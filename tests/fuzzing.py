"""Seed inputs and mutators for fuzzing the readers, shared by ``bench/fuzz.py``
(long runs) and ``tests/test_fuzz_readers.py`` (a small budget in the suite).

Everything is synthetic and built in memory: the builders of
:mod:`tests.builders`, the invented files in ``examples/``, and a few files
written here (e-mail, Outlook ``.msg``, Word, HTML, page images).  A mutant is
a seed changed by a seeded :class:`random.Random`: bits flipped, bytes set to
interesting values, numbers swapped for extreme ones, cut short, chunks
deleted, repeated or inserted, two seeds spliced; text also gets encoding games
(UTF-16 with and without its mark, cut in the middle of a character, mixed
encodings, NUL bytes, huge lines, impossible dates), containers (``.docx``,
``.msg``, ``.eml``, PNG chunks) have their parts mutated and are packed again.

The property: :func:`run_one` reads and parses a mutant; it parses, or it
raises :class:`~inzage.errors.InputError`.  Anything else is a crash.
"""

from __future__ import annotations

import base64
import io
import random
import re
import signal
import struct
import time
import traceback
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from functools import cache
from pathlib import Path
from types import FrameType
from typing import Any, Literal

import inzage
from inzage.errors import InputError
from inzage.pipeline import parse_raw
from inzage.read.files import read_data
from inzage.read.options import ReadOptions
from tests.builders import (
    Mail,
    make_drawn_pdf,
    make_email,
    make_example_bundle,
    make_memo,
    make_pdf,
    make_thread,
    with_running_headers,
)

FAMILIES = ("text", "pdf", "mail", "office", "image")
# How an image is read: without OCR (the pixels are never decoded), with OCR
# whose Tesseract calls are replaced by a stub that reads nothing (decoding and
# the box search run, fast), or with real OCR (about a second a page).
ImageMode = Literal["never", "stub", "ocr"]
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
MAX_MUTANT = 8_000_000  # bytes; a mutant that grows past this is cut back
MAX_TEXT = 2_000_000  # characters of a mutated text
_EPOCH = datetime(2021, 5, 4, 8, 30, tzinfo=UTC)
_ZIP_TIME = (2024, 1, 2, 3, 4, 6)


@dataclass(frozen=True)
class Seed:
    """An input: a file name (its suffix picks the reader) and the file's bytes."""

    name: str
    data: bytes

    @property
    def suffix(self) -> str:
        return Path(self.name).suffix.lower()


# ---------------------------------------------------------------------------
# Seeds


def seeds(family: str) -> list[Seed]:
    """The seed inputs of a family, the same bytes on every call and every run."""
    return list(_seeds(family))


@cache
def _seeds(family: str) -> tuple[Seed, ...]:
    builders: dict[str, Callable[[], list[Seed]]] = {
        "text": _text_seeds,
        "pdf": _pdf_seeds,
        "mail": _mail_seeds,
        "office": _office_seeds,
        "image": _image_seeds,
    }
    if family not in builders:
        raise ValueError(f"unknown family {family!r} (one of {', '.join(FAMILIES)})")
    return tuple(builders[family]())


MAIL = Mail(
    sender="Jan Mol <j.mol@zuiderhaven.example>",
    sent=datetime(2021, 5, 4, 8, 30, tzinfo=UTC),
    subject="Planning overleg zonnepanelen",
    body="Beste Ans,\n\nGraag bespreek ik de planning met 5.1.2e volgende week.\n\nGroet, Jan",
    to=["Ans Wit <a.wit@zuiderhaven.example>"],
    cc=["Kees Pol <k.pol@zuiderhaven.example>"],
    attachments=["planning.pdf"],
)
REPLY = Mail(
    sender="Ans Wit <a.wit@zuiderhaven.example>",
    sent=datetime(2021, 5, 5, 14, 2, tzinfo=UTC),
    subject="RE: Planning overleg zonnepanelen",
    body="Hoi Jan,\n\nDonderdag 31 februari kan ik niet; vrijdag wel.\n\nAns",
    to=["Jan Mol <j.mol@zuiderhaven.example>"],
)
MEMO_FIELDS = [
    ("Datum document", "12-05-2021"),
    ("Kenmerk", "2021-0042"),
    ("Betreft", "Zonnepanelen op de basisscholen"),
    ("Contactpersoon", "5.1.2e"),
]
LETTER = (
    "Gemeente Zuiderhaven\n\nDatum: 14 maart 2024\nKenmerk: 2024-0117\n"
    "Betreft: Besluit op uw Woo-verzoek\n\nGeachte heer,\n\n"
    "Op 2 januari 2024 heeft u een verzoek ingediend op grond van de Wet open overheid.\n"
    "Ik maak de documenten gedeeltelijk openbaar op grond van artikel 5.1, tweede lid,\n"
    "aanhef en onder e, van de Woo.\n\n"
    "| Nr. | Document | Datum | Beoordeling | Grond |\n|---|---|---|---|---|\n"
    "| 1 | E-mail planning | 14-11-2023 | Deels openbaar | 5.1.2e |\n"
    "| 2 | Nota | 20-11-2023 | Openbaar | |\n\nHoogachtend,\n\nDe burgemeester\n"
)


def _text_seeds() -> list[Seed]:
    found = [
        Seed(path.name, path.read_bytes())
        for path in sorted(EXAMPLES.iterdir())
        if path.suffix in (".txt", ".md")
    ]
    texts: list[tuple[str, str]] = []
    for style in ("en-export", "nl-outlook", "nl-other"):
        for decoration in ("plain", "bold-inside", "quoted", "paragraphs"):
            texts.append(("mail.txt", make_email(MAIL, style, decoration)))
    texts.append(
        ("draad.txt", make_thread(make_email(REPLY, "nl-outlook"), make_email(MAIL, top=False)))
    )
    for layout in ("tab", "lines", "colon"):
        texts.append(("nota.md", make_memo(MEMO_FIELDS, layout=layout)))
    texts.append(
        (
            "koppen.txt",
            with_running_headers(
                ["Eerste alinea over de planning.", "Tweede alinea met 5.1.2e erin.", LETTER],
                ["Gemeente Zuiderhaven", "Kenmerk 2024-0117"],
                split_at=1,
            ),
        )
    )
    texts.append(("besluit.txt", LETTER))
    texts.append(
        (
            "voorblad.md",
            "---\ntitel: Nota overleg\ndatum: 2021-05-12\nkenmerk: 2021-0042\n"
            "tags: [jeugd, overleg]\n---\n# Nota\n\nTekst met 5.1.2e.\n",
        )
    )
    out = found + [Seed(name, text.encode("utf-8")) for name, text in texts]
    out.append(Seed("brief-utf16.txt", LETTER.encode("utf-16")))
    out.append(Seed("brief-cp1252.txt", (LETTER + "café € “aanhalingstekens”").encode("cp1252")))
    out.append(Seed("brief-bom.txt", b"\xef\xbb\xbf" + LETTER.encode("utf-8")))
    return out


def _pdf_seeds() -> list[Seed]:
    from reportlab import rl_config

    memo = make_memo(MEMO_FIELDS, layout="colon")
    invariant = rl_config.invariant
    rl_config.invariant = 1  # no dates or random ids: the same bytes each time
    try:
        return _pdfs(memo)
    finally:
        rl_config.invariant = invariant


def _pdfs(memo: str) -> list[Seed]:
    return [
        Seed("bundel.pdf", make_example_bundle()),
        Seed("voorbeeld.pdf", (EXAMPLES / "bundel-woo-besluit.pdf").read_bytes()),
        Seed("mail.pdf", make_pdf([make_email(MAIL), make_email(REPLY)], title="Mails")),
        Seed(
            "nota.pdf",
            make_pdf(
                [memo, LETTER, "Bijlage"],
                outline={0: "DOC 1 Nota", 1: "DOC 2 Besluit", 2: "Bijlage"},
                landscape=frozenset({2}),
            ),
        ),
        Seed("versleuteld.pdf", make_pdf(["Geheim"], encrypt="wachtwoord")),
        Seed("vakken.pdf", make_drawn_pdf(_draw_boxes)),
        Seed("los.pdf", _uncompressed_pdf(_draw_boxes)),
        Seed("plaatje.pdf", _uncompressed_pdf(_draw_picture)),
        Seed("klein.pdf", _MINIMAL_PDF),
    ]


def _draw_boxes(pdf: Any) -> None:
    pdf.drawString(56, 780, "Contactpersoon bij de aannemer is")
    pdf.rect(250, 777, 90, 13, fill=1, stroke=0)
    pdf.drawString(346, 780, "5.1.2e")
    pdf.rect(56, 750, 60, 13, fill=1, stroke=0)
    pdf.setFillColorRGB(1, 1, 1)
    pdf.drawString(60, 753, "5.1.2e")
    pdf.setFillColorRGB(0.2, 0.2, 0.2)
    pdf.rect(56, 720, 120, 13, fill=1, stroke=1)
    pdf.setFillColorRGB(0, 0, 0)
    pdf.rect(200, 720, 80, 13, fill=0, stroke=1)
    pdf.drawString(204, 723, "10.2.e")
    pdf.drawString(56, 690, "Datum: 31 februari 2020, Pagina 1 van 1")


def _draw_picture(pdf: Any) -> None:
    from reportlab.lib.utils import ImageReader

    pdf.drawImage(ImageReader(_page_picture("RGB")), 56, 500, width=240, height=320)
    pdf.drawString(56, 480, "Onderschrift bij de scan")


def _uncompressed_pdf(draw: Callable[[Any], None]) -> bytes:
    """A one-page PDF with its content streams uncompressed: mutations reach the
    drawing operators, not only the Flate data."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pageCompression=0, invariant=1)
    draw(pdf)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _minimal() -> bytes:
    """A small hand-written PDF (two pages sharing a tree, an outline, a text
    stream) with a correct cross-reference table."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /Outlines 7 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /MediaBox [0 0 595 842] >>",
        b"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> >> /Contents 6 0 R >>",
        b"<< /Type /Page /Parent 2 0 R /Rotate 90 /Contents 6 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        None,  # the content stream
        b"<< /Type /Outlines /First 8 0 R /Last 8 0 R /Count 1 >>",
        b"<< /Title (DOC 1 Nota) /Parent 7 0 R /Dest [4 0 R /XYZ 0 842 0] >>",
    ]
    content = (
        b"BT /F1 12 Tf 56 780 Td (Van: Jan Mol) Tj 0 -14 Td (Onderwerp: Overleg 5.1.2e) Tj ET\n"
        b"0 0 0 rg 56 700 90 13 re f\n"
    )
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        if body is None:
            body = b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


_MINIMAL_PDF = _minimal()


def _eml(
    *,
    html: str | None = None,
    alternative: bool = False,
    files: Sequence[tuple[str, bytes]] = (),
    forwarded: EmailMessage | None = None,
    charset: str = "utf-8",
    subject: str = "Overleg zonnepanelen",
    date: str | None = None,
    body: str = MAIL.body,
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = "Jan Mol <j.mol@zuiderhaven.example>"
    message["To"] = "Ans Wit <a.wit@zuiderhaven.example>, Kees Pol <k.pol@zuiderhaven.example>"
    message["Cc"] = "Team Duurzaamheid <duurzaam@zuiderhaven.example>"
    message["Subject"] = subject
    message["Date"] = date or format_datetime(_EPOCH)
    if html is None or alternative:
        message.set_content(body, charset=charset)
    if html is not None:
        if alternative:
            message.add_alternative(html, subtype="html")
        else:
            message.set_content(html, subtype="html", charset=charset)
    for name, data in files:
        maintype, subtype = _mime_type(name)
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    if forwarded is not None:
        message.add_attachment(forwarded)
    return message


def _mime_type(name: str) -> tuple[str, str]:
    return {
        ".pdf": ("application", "pdf"),
        ".txt": ("text", "plain"),
        ".png": ("image", "png"),
        ".docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ".msg": ("application", "vnd.ms-outlook"),
        ".html": ("text", "html"),
    }.get(Path(name).suffix.lower(), ("application", "octet-stream"))


def eml_bytes(message: EmailMessage) -> bytes:
    """The message's bytes with fixed MIME boundaries (the library draws them at random)."""
    for number, part in enumerate(message.walk()):
        if part.is_multipart():
            part.set_boundary(f"==inzage-fuzz-{number}==")
    return message.as_bytes()


HTML_PAGE = (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Besluit</title>'
    "<style>p{color:red}</style><script>var x = '<p>niet</p>';</script></head><body>"
    "<h1>Besluit op uw Woo-verzoek</h1><p>Datum: 14 maart 2024</p>"
    "<p>Het <b>overleg</b> met <span>5.1.2e</span> is verplaatst.</p>"
    "<table><tr><td>Nr.</td><td>Document</td><td>Grond</td></tr>"
    "<tr><td>1</td><td>E-mail&nbsp;planning</td><td>5.1.2e</td></tr></table>"
    "<!-- opmerking --><ul><li>één</li><li>twee &amp; drie &#233; &#x20AC;</li></ul>"
    "<noscript>geen script</noscript><template><p>sjabloon</p></template>"
    "<p>Van: Ans Wit<br>Verzonden: 31 februari 2020 10:00<br>Onderwerp: planning</p>"
    "</body></html>"
)


def _mail_seeds() -> list[Seed]:
    small_pdf = make_pdf(["Planning van de zonnepanelen", "Tweede pagina met 5.1.2e"])
    inner = _eml(subject="Eerdere melding", body="Zie de eerdere melding van 5.1.2e.")
    inner_inner = _eml(forwarded=inner, subject="FW: Eerdere melding")
    out = [
        Seed("melding.eml", eml_bytes(_eml(files=[("planning.pdf", small_pdf)]))),
        Seed("html.eml", eml_bytes(_eml(html=HTML_PAGE))),
        Seed(
            "alternatief.eml",
            eml_bytes(_eml(html=HTML_PAGE, alternative=True, files=[("n.txt", b"Notulen 5.1.2e")])),
        ),
        Seed("doorgestuurd.eml", eml_bytes(_eml(forwarded=inner_inner, subject="FW: FW: melding"))),
        Seed(
            "latin.eml",
            eml_bytes(
                _eml(charset="iso-8859-1", subject="Overleg café", body="Beste René,\n\nÇa va.")
            ),
        ),
        Seed(
            "bijlagen.eml",
            eml_bytes(
                _eml(
                    files=[
                        ("scan.png", _image_bytes("PNG", "L")),
                        ("../../nota.html", HTML_PAGE.encode()),
                        ("bericht.msg", build_msg(MSG_PARTS)),
                        ("leeg.txt", b""),
                    ]
                )
            ),
        ),
        Seed("ruw.eml", _RAW_EML),
    ]
    out.append(Seed("bericht.msg", build_msg(MSG_PARTS)))
    html_only = dict(MSG_PARTS)
    del html_only["__substg1.0_1000001F"]
    html_only["__substg1.0_10130102"] = HTML_PAGE.encode("utf-8")
    out.append(Seed("html.msg", build_msg(html_only)))
    with_pdf = dict(MSG_PARTS)
    with_pdf["__attach_version1.0_#00000000/__substg1.0_37010102"] = small_pdf
    out.append(Seed("pdf.msg", build_msg(with_pdf)))
    embedded = {k: v for k, v in MSG_PARTS.items() if not k.startswith("__attach")}
    base = "__attach_version1.0_#00000000/"
    embedded[base + "__properties_version1.0"] = b"\0" * 8 + _fixed(0x3705, 0x0003, 5)
    embedded[base + "__substg1.0_3707001F"] = _utf16("doorgestuurd.msg")
    for key, value in MSG_PARTS.items():
        if not key.startswith(("__attach", "__recip", "__nameid")):
            embedded[base + "__substg1.0_3701000D/" + key] = value
    embedded[base + "__substg1.0_3701000D/__properties_version1.0"] = (
        b"\0" * 24 + MSG_PARTS["__properties_version1.0"][32:]
    )
    out.append(Seed("ingebed.msg", build_msg(embedded)))
    return out


_RAW_EML = (
    b"From: =?utf-8?B?"
    + base64.b64encode("Jan Môl".encode())
    + b"?= <j.mol@zuiderhaven.example>\r\n"
    b"To: undisclosed-recipients:;\r\n"
    b"Subject: =?iso-8859-1?q?Overleg_=E9n_planning?=\r\n"
    b"Date: Mon, 31 Feb 2020 25:61:00 +9999\r\n"
    b"MIME-Version: 1.0\r\n"
    b'Content-Type: multipart/mixed; boundary="grens"\r\n\r\n'
    b"--grens\r\nContent-Type: text/plain; charset=windows-1252\r\n"
    b"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
    b"Beste Ans,=0D=0A=0D=0AHet overleg met 5.1.2e gaat door. Caf=E9 =\r\nom tien uur.\r\n"
    b"--grens\r\nContent-Type: application/pdf; name*=utf-8''%E2%80%AEfdp.txt\r\n"
    b"Content-Disposition: attachment; filename*=utf-8''..%2F..%2Fnota%00.pdf\r\n"
    b"Content-Transfer-Encoding: base64\r\n\r\n"
    + base64.encodebytes(_MINIMAL_PDF)
    + b"--grens\r\nContent-Type: message/rfc822\r\n\r\n"
    b"From: Ans Wit <a.wit@zuiderhaven.example>\r\nSubject: Eerder\r\n\r\nEerdere tekst.\r\n"
    b"--grens--\r\n"
)


# .msg files: an Outlook message is an OLE compound file of named streams; no
# library writes one, so the streams are listed here and packed by extract-msg's
# OleWriter.  Property tags: 001A class, 0037 subject, 1000 body, 0C1A/0C1F
# sender, 0E04 display-to, 007D transport headers, 0039 submit time.
def _utf16(text: str) -> bytes:
    return text.encode("utf-16-le")


def _fixed(tag: int, kind: int, value: int) -> bytes:
    return struct.pack("<HHIQ", kind, tag, 6, value)


def _variable(tag: int, kind: int, size: int) -> bytes:
    return struct.pack("<HHIII", kind, tag, 6, size, 0)


def _msg_parts() -> dict[str, bytes]:
    strings = {
        0x001A: "IPM.Note",
        0x0037: "Overleg zonnepanelen",
        0x1000: "Beste Ans,\r\n\r\nHet overleg met 5.1.2e gaat door.\r\n\r\nGroet, Jan",
        0x0C1A: "Jan Mol",
        0x0C1F: "j.mol@zuiderhaven.example",
        0x0E04: "Ans Wit",
        0x0E03: "Kees Pol",
        0x007D: (
            "From: Jan Mol <j.mol@zuiderhaven.example>\r\n"
            "Date: Tue, 04 May 2021 10:30:00 +0200\r\nSubject: Overleg zonnepanelen\r\n"
        ),
    }
    parts: dict[str, bytes] = {}
    properties = b""
    for tag, text in strings.items():
        parts[f"__substg1.0_{tag:04X}001F"] = _utf16(text)
        properties += _variable(tag, 0x001F, len(_utf16(text)) + 2)
    filetime = int((_EPOCH.replace(tzinfo=None) - datetime(1601, 1, 1)).total_seconds() * 10**7)
    properties += _fixed(0x0039, 0x0040, filetime)
    header = b"\0" * 8 + struct.pack("<IIII", 1, 1, 1, 1) + b"\0" * 8
    parts["__properties_version1.0"] = header + properties
    attach = "__attach_version1.0_#00000000/"
    notes = b"Notulen van het overleg.\nAanwezig: 5.1.2e\n"
    parts[attach + "__substg1.0_37010102"] = notes
    parts[attach + "__substg1.0_3707001F"] = _utf16("notulen.txt")
    parts[attach + "__substg1.0_3704001F"] = _utf16("notulen.txt")
    parts[attach + "__properties_version1.0"] = (
        b"\0" * 8
        + _variable(0x3701, 0x0102, len(notes))
        + _variable(0x3707, 0x001F, 24)
        + _variable(0x3704, 0x001F, 24)
        + _fixed(0x3705, 0x0003, 1)
    )
    recipient = "__recip_version1.0_#00000000/"
    parts[recipient + "__substg1.0_3001001F"] = _utf16("Ans Wit")
    parts[recipient + "__substg1.0_3003001F"] = _utf16("a.wit@zuiderhaven.example")
    parts[recipient + "__properties_version1.0"] = (
        b"\0" * 8
        + _variable(0x3001, 0x001F, 16)
        + _variable(0x3003, 0x001F, 52)
        + _fixed(0x0C15, 0x0003, 1)
    )
    for stream in ("00020102", "00030102", "00040102"):
        parts[f"__nameid_version1.0/__substg1.0_{stream}"] = b""
    return parts


MSG_PARTS = _msg_parts()


def build_msg(parts: dict[str, bytes]) -> bytes:
    """An OLE compound file of the streams ``parts`` (paths with ``/``; the
    storages on the way are made as needed)."""
    from extract_msg.ole_writer import OleWriter

    writer = OleWriter()
    made: set[str] = set()
    for path in sorted(parts, key=lambda p: (p.count("/"), p)):
        pieces = path.split("/")
        for depth in range(1, len(pieces)):
            storage = "/".join(pieces[:depth])
            if storage not in made:
                writer.addEntry(storage, storage=True)
                made.add(storage)
        writer.addEntry(path, parts[path])
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _office_seeds() -> list[Seed]:
    import docx

    plain = docx.Document()
    plain.core_properties.author = "Directie Jeugd"
    plain.core_properties.title = "Nota aan de minister"
    plain.add_paragraph("Nota aan de minister")
    table = plain.add_table(rows=3, cols=3)
    for row, values in enumerate(
        [("Datum", "12-05-2021", ""), ("Betreft", "Datalek", "5.1.2e"), ("", "", "")]
    ):
        for column, value in enumerate(values):
            table.cell(row, column).text = value
    table.cell(2, 0).merge(table.cell(2, 2))
    table.cell(0, 2).add_table(rows=1, cols=2).cell(0, 1).text = "binnen"
    plain.add_paragraph("Contactpersoon: 5.1.2e. Datum 31/02/2020.")
    plain.sections[0].header.paragraphs[0].text = "Ministerie van VWS"
    small = docx.Document()
    small.add_paragraph(make_email(MAIL, "nl-outlook"))
    out = [
        Seed("nota.docx", _fixed_zip(_docx_bytes(plain))),
        Seed("mail.docx", _fixed_zip(_docx_bytes(small))),
        Seed("pagina.html", HTML_PAGE.encode("utf-8")),
        Seed("oud.htm", HTML_PAGE.replace("utf-8", "windows-1252").encode("cp1252")),
        Seed("utf16.html", HTML_PAGE.encode("utf-16")),
        Seed(
            "diep.html",
            ("<div>" * 200 + "<p>diep 5.1.2e</p>" + "</div>" * 150 + "<table><tr><td>x").encode(),
        ),
    ]
    return out


def _docx_bytes(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with fixed timestamps (python-docx writes the time of saving)."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return _zip({name: source.read(name) for name in source.namelist()})


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return buffer.getvalue()


def _page_picture(mode: str, blocks: bool = False, size: tuple[int, int] = (120, 160)) -> Any:
    """A small page: lines of words (or of dark blocks, which the box search
    takes for small redaction boxes), a filled redaction box, an outlined one
    with a ground code in it."""
    from PIL import Image, ImageDraw

    page = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(page)
    width, height = size
    words = ["Het", "overleg", "met", "de", "gemeente", "is", "op", "31-02-2020", "gepland."]
    for number, row in enumerate(range(6, height - 12, 13)):
        if blocks:
            x = 8
            while x < width - 20:
                length = 6 + (x * 7 + row) % 17
                draw.rectangle((x, row, min(x + length, width - 8), row + 5), fill=(40, 40, 40))
                x += length + 5
        else:
            line = " ".join(words[number % 4 :] + words[: number % 4])
            draw.text((6, row), line, fill=(30, 30, 30))
    draw.rectangle((30, 46, 84, 60), fill="black")
    draw.rectangle((20, 98, 74, 114), fill="white", outline="black")
    draw.text((26, 101), "5.1.2e", fill="black")
    return page.convert(mode)


def _image_bytes(fmt: str, mode: str, frames: int = 1, blocks: bool = False, **save: Any) -> bytes:
    first = _page_picture(mode, blocks)
    extra = [_page_picture(mode, blocks).rotate(180) for _ in range(frames - 1)]
    buffer = io.BytesIO()
    if extra:
        first.save(buffer, format=fmt, save_all=True, append_images=extra, **save)
    else:
        first.save(buffer, format=fmt, **save)
    return buffer.getvalue()


def _image_seeds() -> list[Seed]:
    return [
        Seed("scan.png", _image_bytes("PNG", "RGB")),
        Seed("blokjes.png", _image_bytes("PNG", "RGB", blocks=True)),
        Seed("grijs.png", _image_bytes("PNG", "L")),
        Seed("zw.png", _image_bytes("PNG", "1")),
        Seed("palet.png", _image_bytes("PNG", "P")),
        Seed("alfa.png", _image_bytes("PNG", "RGBA")),
        Seed("diep.png", _image_bytes("PNG", "I;16")),
        Seed("scan.jpg", _image_bytes("JPEG", "RGB", quality=70)),
        Seed("progressief.jpeg", _image_bytes("JPEG", "L", progressive=True)),
        Seed("cmyk.jpg", _image_bytes("JPEG", "CMYK")),
        Seed("scan.tif", _image_bytes("TIFF", "RGB", frames=2, compression="tiff_lzw")),
        Seed("fax.tiff", _image_bytes("TIFF", "1", frames=3, compression="group4")),
        Seed("ruw.tif", _image_bytes("TIFF", "L", compression="raw")),
        Seed("pack.tif", _image_bytes("TIFF", "L", frames=2, compression="packbits")),
        Seed("foto.tif", _image_bytes("TIFF", "RGB", compression="jpeg")),
    ]


# ---------------------------------------------------------------------------
# Mutators

_INTERESTING_8 = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0x20, 0x0A, 0x0D, 0x25, 0x28, 0x29, 0x3C, 0x3E]
_INTERESTING_16 = [0, 1, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFE, 0xFFFF]
_INTERESTING_32 = [
    0,
    1,
    0x7FFF,
    0xFFFF,
    0x10000,
    0x7FFFFFFF,
    0x80000000,
    0xFFFFFFFE,
    0xFFFFFFFF,
    0x40000000,
]
_NUMBERS = (
    b"0 -1 1 -0 2 255 65535 65536 2147483647 2147483648 -2147483649 4294967296 "
    b"9223372036854775808 99999999999999999999999999999999 1e308 -1e308 1e-320 0.0000000001 "
    b"3.4028236e38 nan inf . --1 0000000000000000000000001"
).split()
_NUMBER = re.compile(rb"-?\d+(?:\.\d+)?")
# Tokens of each format for insert_token (written as one string split on |).
_TOKENS: dict[str, list[bytes]] = {
    "pdf": (
        b" obj |endobj|stream\n|endstream|<<|>>|[|]| 0 R| 1 0 R |/Type /Page |"
        b"/Type /Pages /Kids [1 0 R 1 0 R] /Count 1000000 |/Parent 2 0 R|"
        b"/MediaBox [0 0 0 0]|/MediaBox [-1e30 -1e30 1e30 1e30]|/Rotate 45|/UserUnit 75000|"
        b"/Filter /FlateDecode |/Filter [/FlateDecode /FlateDecode] |/Filter /LZWDecode |"
        b"/Filter /DCTDecode |/Filter /JBIG2Decode |"
        b"/DecodeParms << /Predictor 15 /Columns 99999 >>|/Length 999999999|/Length -1|"
        b"/Outlines 7 0 R|/First 8 0 R /Last 8 0 R /Next 8 0 R /Count -5|"
        b"/Dest [3 0 R /XYZ 0 0 0]|/Dest (nergens)|/Title (\xfe\xff\xd8\x00)|"
        b"/Title <FEFF00>|/Encrypt << /Filter /Standard /V 5 /R 6 >>|"
        b"xref\n0 1\n0000000000 65535 f \n|trailer << /Size 1 /Root 1 0 R /Prev 0 >>|"
        b"startxref\n0\n%%EOF\n|%%EOF|BT /F1 1e30 Tf 1e30 1e30 Td (x) Tj ET|"
        b"q 1e30 0 0 1e30 0 0 cm 0 0 1 1 re f Q|0 0 0 rg 0 0 595 842 re f|1 1 1 rg|(\\|"
        b"<FEFF|/ObjStm|"
        b"/Type /XObject /Subtype /Image /Width 65536 /Height 65536 /BitsPerComponent 8 "
    ).split(b"|"),
    "eml": (
        b"\r\n|\r\n\r\n|From: |Subject: |Date: Mon, 31 Feb 2020 25:61:99 +9999\r\n|"
        b'Date: \r\n|To: a@b, , <>, "" <@>, =?x?q?a?=\r\n|'
        b'Content-Type: multipart/mixed; boundary=""\r\n|'
        b"Content-Type: multipart/alternative\r\n|Content-Type: message/rfc822\r\n|"
        b"Content-Type: text/html; charset=utf-7\r\n|"
        b'Content-Type: text/plain; charset="unknown-8bit"\r\n|'
        b"Content-Type: text/plain; charset=utf-16\r\n|"
        b"Content-Transfer-Encoding: base64\r\n|"
        b"Content-Transfer-Encoding: quoted-printable\r\n|"
        b"Content-Transfer-Encoding: x-uuencode\r\n|"
        b"Content-Disposition: attachment; filename*=utf-8''%FF%FE\r\n|"
        b"Content-Disposition: attachment; filename*0*=x; filename*1=y\r\n|=?utf-8?B?|"
        b'=?utf-8?Q?=FF=|?=|--|=\r\n|begin 644 x\r\n|\t|(|"'
    ).split(b"|"),
    "html": (
        b"<script>|</script>|<style>|<!--|-->|<![CDATA[|]]>|<?xml version='1.0'?>|"
        b"<!DOCTYPE x [<!ENTITY a 'aaaa'>]>|&#0;|&#x110000;|&#xD800;|&#99999999999999;|"
        b'&nbsp|&amp;|<br>|<table><tr><td>|</td></tr></table>|<meta charset="utf-16">|'
        b'<meta http-equiv="Content-Type" content="text/html; charset=x-unknown">|'
        b"<div><div><div><div><div><div><div><div>|<|>|</|\x00"
    ).split(b"|"),
    "docx": (
        b"<w:p><w:r><w:t>x</w:t></w:r></w:p>|"
        b"<w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>|<w:tbl>|</w:tbl>|<w:tr>|<w:tc>|"
        b'<w:gridSpan w:val="999999"/>|<w:gridSpan w:val="-1"/>|<w:gridSpan w:val="0"/>|'
        b'<w:vMerge/>|<w:vMerge w:val="restart"/>|<w:gridCol w:w="-5"/>|<w:tblGrid/>|'
        b'<w:sdt><w:sdtContent>|<w:br/>|<w:tab/>|<w:sym w:char="FFFF"/>|&#0;|'
        b"<!DOCTYPE x [<!ENTITY a SYSTEM 'file:///etc/passwd'>]>|Target=\"../../../x\"|"
        b'Target="http://example.invalid/x" TargetMode="External"|'
        b'<dcterms:created xsi:type="dcterms:W3CDTF">2020-02-31T25:00:00Z</dcterms:created>|'
        b'<dc:title>\xff\xfe</dc:title>|<|>|"'
    ).split(b"|"),
    "msg": [],
    "text": [],
    "image": (
        b"IHDR|IDAT|IEND|PLTE|tRNS|iCCP|zTXt|\xff\xd8|\xff\xd9|\xff\xc0|\xff\xc4|\xff\xda|"
        b"\xff\xdb|\xff\xe1Exif\x00\x00|II*\x00|MM\x00*"
    ).split(b"|"),
}


def _chunk(rng: random.Random, data: bytes) -> tuple[int, int]:
    """A random (start, end) in ``data``, mostly short."""
    if not data:
        return 0, 0
    size = rng.choice([1, 2, 4, 8, 16, 64, 256, 1024, max(1, len(data) // 4)])
    size = min(size, len(data))
    start = rng.randrange(len(data) - size + 1)
    return start, start + size


def _position(rng: random.Random, data: bytes) -> int:
    return rng.randrange(len(data) + 1)


def flip_bits(rng: random.Random, data: bytes, context: MutationContext) -> bytes:
    if not data:
        return data
    out = bytearray(data)
    for _ in range(rng.choice([1, 1, 2, 4, 8])):
        out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def set_bytes(rng: random.Random, data: bytes, context: MutationContext) -> bytes:
    if not data:
        return data
    out = bytearray(data)
    for _ in range(rng.choice([1, 1, 2, 3])):
        out[rng.randrange(len(out))] = (
            rng.choice(_INTERESTING_8) if rng.random() < 0.7 else rng.randrange(256)
        )
    return bytes(out)


def write_integer(rng: random.Random, data: bytes, context: MutationContext) -> bytes:
    width = rng.choice([2, 4, 8])
    if len(data) < width:
        return data
    at = rng.randrange(len(data) - width + 1)
    order = rng.choice(["<", ">"])
    if width == 2:
        packed = struct.pack(order + "H", rng.choice(_INTERESTING_16))
    elif width == 4:
        packed = struct.pack(order + "I", rng.choice(_INTERESTING_32))
    else:
        packed = struct.pack(order + "Q", rng.choice([0, 1, 2**63, 2**64 - 1, 2**32]))
    return data[:at] + packed + data[at + width :]


def add_to_byte(rng: random.Random, data: bytes, context: MutationContext) -> bytes:
    if not data:
        return data
    out = bytearray(data)
    at = rng.randrange(len(out))
    out[at] = (out[at] + rng.choice([-35, -16, -1, 1, 2, 16, 35])) % 256
    return bytes(out)


def replace_number(rng: random.Random, data: bytes, context: MutationContext) -> bytes:
    """A decimal number written in the file (a PDF's lengths, offsets and
    coordinates; a header's date) swapped for an extreme one."""
    if not data:
        return data
    start = rng.randrange(len(data))
    found = _NUMBER.search(data, start) or _NUMBER.search(data)
    if found is None:
        return data
    return data[: found.start()] + rng.choice(_NUMBERS) + data[found.end() :]


def truncate(rng: random.Random, data: bytes, context: MutationContext) -> bytes:
    if not data:
        return data
    if rng.random() < 0.3:
        return data[: len(data) - rng.randint(1, min(16, len(data)))]
    return data[: rng.randrange(len(data))]


def delete_chunk(rng: random.Random, data: bytes, context: MutationContext) -> bytes:
    start, end = _chunk(rng, data)
    return data[:start] + data[end:]


def duplicate_chunk(rng: random.Random, data: bytes, context: MutationContext) -> bytes:
    start, end = _chunk(rng, data)
    times = rng.choice([1, 1, 2, 8, 100 if end - start <= 1024 else 2])
    at = _position(rng, data) if rng.random() < 0.5 else end
    return data[:at] + data[start:end] * times + data[at:]


def overwrite_chunk(rng: random.Random, data: bytes, context: MutationContext) -> bytes:
    start, end = _chunk(rng, data)
    if end == start:
        return data
    at = rng.randrange(len(data) - (end - start) + 1)
    return data[:at] + data[start:end] + data[at + end - start :]


def insert_random(rng: random.Random, data: bytes, context: MutationContext) -> bytes:
    at = _position(rng, data)
    size = rng.choice([1, 2, 4, 16, 256])
    if rng.random() < 0.5:
        junk = bytes(rng.randrange(256) for _ in range(size))
    else:
        junk = bytes([rng.choice(_INTERESTING_8)]) * size
    return data[:at] + junk + data[at:]


def insert_token(rng: random.Random, data: bytes, context: MutationContext) -> bytes:
    tokens = context.tokens or [b"\x00", b"\n", b"\xff"]
    at = _position(rng, data)
    token = rng.choice(tokens)
    if rng.random() < 0.3:  # in place of what is there
        return data[:at] + token + data[at + len(token) :]
    return data[:at] + token + data[at:]


def splice(rng: random.Random, data: bytes, context: MutationContext) -> bytes:
    """The front of this input and the back of another seed of the family."""
    other = rng.choice(context.pool).data
    if not data or not other:
        return data + other
    return data[: rng.randrange(len(data) + 1)] + other[rng.randrange(len(other)) :]


def swap_chunks(rng: random.Random, data: bytes, context: MutationContext) -> bytes:
    first, second = sorted([_chunk(rng, data), _chunk(rng, data)])
    if first[1] > second[0]:
        return data
    return (
        data[: first[0]]
        + data[second[0] : second[1]]
        + data[first[1] : second[0]]
        + data[first[0] : first[1]]
        + data[second[1] :]
    )


Mutator = Callable[[random.Random, bytes, "MutationContext"], bytes]
BYTE_MUTATORS: list[tuple[Mutator, int]] = [
    (flip_bits, 10),
    (set_bytes, 10),
    (write_integer, 6),
    (add_to_byte, 4),
    (replace_number, 8),
    (truncate, 5),
    (delete_chunk, 8),
    (duplicate_chunk, 6),
    (overwrite_chunk, 4),
    (insert_random, 5),
    (insert_token, 8),
    (splice, 4),
    (swap_chunks, 3),
]


@dataclass
class MutationContext:
    """What a mutator may draw on besides the input: the family's seeds and the
    tokens of the input's format."""

    pool: Sequence[Seed]
    tokens: list[bytes] = field(default_factory=list)


def mutate_bytes(
    rng: random.Random, data: bytes, context: MutationContext, rounds: int | None = None
) -> bytes:
    """One to a few byte-level mutations (sometimes many), stacked."""
    if rounds is None:
        rounds = 1
        while rounds < 64 and rng.random() < 0.45:
            rounds += 1
    functions = [m for m, _ in BYTE_MUTATORS]
    weights = [w for _, w in BYTE_MUTATORS]
    for _ in range(rounds):
        data = rng.choices(functions, weights)[0](rng, data, context)[:MAX_MUTANT]
    return data


# Text-level mutations: fragments a released text holds, and ones it should not.
TEXT_FRAGMENTS = [
    "31/02/2020",
    "31-02-2020",
    "29-02-2021",
    "31 februari 2020",
    "0 januari 2020",
    "32 december 2020",
    "2020-02-30",
    "2020-13-01T25:61:61+25:00",
    "00-00-0000",
    "99/99/9999",
    "1-1-0001",
    "31/12/9999 23:59",
    "Tue 2/31/2020 9:12 AM",
    "Tue 13/45/2020 13:99:99 PM",
    "maandag 31 februari 2020 25:61",
    "zaterdag 0 mei 0000 00:00",
    "donderdag 03 sep. 2020 4:07 PM",
    "3 september 2020 om 16:07 (+99:99)",
    "Monday, February 31, 2020 13:61 PM",
    "Mon, 31 Feb 2020 25:00:00 +9999",
    "Mon, 1 Jan 2020 10:00:00 -2400",
    "2020-02-31T10:00:00Z",
    "Van: Jan Mol\nVerzonden: maandag 31 februari 2020 10:00\nAan: Ans\nOnderwerp: x\n",
    "From: a@b\nSent: Mon 2/31/2020 9:00 AM\nTo: c@d\nSubject: y\n",
    "**Van:** \n**Verzonden:** \n",
    "> Van: \n> Verzonden: 99 maart 2020\n",
    "Datum: 31 februari 2020\nKenmerk: \nBetreft: \n",
    "Pagina 1 van 0",
    "Pagina 99999999999999999999 van 1",
    "Pagina 0 van 99999999999999999999",
    "DOC 1",
    "Bijlage 99999999999999999999",
    "| Nr. | Document | Datum | Beoordeling | Grond |\n|---|---|---|---|---|\n| 1 |",
    "| 99999999999999999999 | x | 31-02-2020 | Deels openbaar | 5.1.2e |\n",
    "5.1.2e",
    "5.1.2.e",
    "5.1 lid 2 sub e",
    "(10)(2e)",
    "10.2.e",
    "art. 10 lid 2 onder e Wob",
    "artikel 5.1, tweede lid, aanhef en onder e, van de Woo",
    "artikel 99999999999999999999.1",
    "[REDACTED]",
    "[gelakt]",
    "█████",
    "█ █ █",
    "5.1.2e 5.1.2e 5.1.2e 5.1.2e",
    "Geachte heer,",
    "Hoogachtend,",
    "## nota",
    "### 1 Aanleiding",
    "---",
    "\f",
    "\r",
    "\r\n",
    "\u2028",
    "\u2029",
    "\x85",
    "\ufeff",
    "\u202e",
    "\u0301\u0301\u0301",
    "ﬁ",
    "\u00a0",
    "\ufffd",
    "\x00",
    "\x1b[31m",
    "\t" * 50,
    "@",
    "<j.mol@zuiderhaven.example>",
    "mailto:",
    "https://zuiderhaven.example/" + "a/" * 50,
    "Jan Mol",
    "J. van der Berg-de Vries",
    "1234 AB Zuiderhaven",
    "0612345678",
    "NL91ABNA0417164300",
]
FRONT_MATTER = [
    "---\ndatum: 2020-02-31\n---\n",
    "---\ndatum: 2020-13-01\n---\n",
    "---\nt: 2001-12-14t21:59:43.10-25:00\n---\n",
    "---\n- a\n- b\n---\n",
    "---\n1: 2\n? [a, b]\n: c\n---\n",
    "---\nx: !!python/object:os.system {}\n---\n",
    '---\nx: !!binary "===="\n---\n',
    "---\nx: .inf\ny: .nan\nz: 0x_\n---\n",
    "---\n" + "[" * 2000 + "\n---\n",
    "---\n" + "{a: " * 2000 + "\n---\n",
    "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n---\n",
    "---\na: &a [*a]\n---\n",
    "---\n\x00: \x01\n---\n",
    "---\n'\ud800': 1\n---\n",
    "---\n---\n",
    "---",
]
ENCODINGS = [
    "utf-8",
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "utf-32",
    "cp1252",
    "latin-1",
    "mac_roman",
    "cp850",
    "iso8859_15",
    "utf-7",
]


def _decoded(data: bytes) -> str:
    for encoding in ("utf-8", "utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    return data.decode("latin-1")


def mutate_text(rng: random.Random, text: str) -> str:
    """Lines and fragments: inserted, deleted, repeated, swapped; huge lines."""
    for _ in range(rng.choice([1, 1, 2, 3, 5])):
        lines = text.split("\n")
        action = rng.randrange(9)
        at = rng.randrange(len(lines) + 1)
        if action <= 2:
            fragment = rng.choice(TEXT_FRAGMENTS)
            line = lines[at] if at < len(lines) else ""
            cut = rng.randrange(len(line) + 1)
            lines[at : at + 1] = [line[:cut] + fragment + line[cut:]]
        elif action == 3 and lines:
            del lines[rng.randrange(len(lines))]
        elif action == 4 and lines:
            line = rng.choice(lines)
            lines.insert(at, line * rng.choices([2, 10, 100, 2_000], [60, 30, 9, 1])[0])
        elif action == 5 and lines:
            first, second = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[first], lines[second] = lines[second], lines[first]
        elif action == 6:
            block = lines[at : at + rng.randint(1, 20)]
            lines[at:at] = block * rng.choices([2, 5, 50, 500], [60, 30, 9, 1])[0]
        elif action == 7:
            size = rng.choices([1_000, 10_000, 100_000, 1_000_000], [60, 30, 9, 1])[0]
            lines.insert(at, rng.choice(["x", "5.1.2e ", "█", "a ", " ", "-", "|"]) * size)
        else:
            text_out = "\n".join(lines)
            return rng.choice(FRONT_MATTER) + text_out
        text = "\n".join(lines)[:MAX_TEXT]
    return text


def encode_text(rng: random.Random, text: str) -> bytes:
    """The text in an encoding (sometimes two), maybe cut inside a character."""
    game = rng.randrange(8)
    if game == 0:  # mixed: the front in one encoding, the back in another
        cut = rng.randrange(len(text) + 1)
        return _encoded(text[:cut], rng.choice(ENCODINGS)) + _encoded(
            text[cut:], rng.choice(ENCODINGS)
        )
    if game == 1:  # UTF-16 without its mark
        return _encoded(text, rng.choice(["utf-16-le", "utf-16-be"]))
    if game == 2:  # UTF-16 with its mark, cut at an odd byte
        data = _encoded(text, "utf-16")
        end = rng.randrange(len(data) + 1) | 1
        return data[:end]
    if game == 3:  # NUL bytes, a few or many
        data = _encoded(text, "utf-8")
        for _ in range(rng.choice([1, 3, 8, 9, 50, 500])):
            at = rng.randrange(len(data) + 1)
            data = data[:at] + b"\x00" + data[at:]
        return data
    if game == 4:  # lone surrogates and other characters no encoder should meet
        data = text.encode("utf-8", "surrogatepass")
        at = rng.randrange(len(data) + 1)
        return data[:at] + "\ud800\udfff".encode("utf-8", "surrogatepass") + data[at:]
    if game == 5:  # a UTF-8 mark on bytes that are not UTF-8
        return b"\xef\xbb\xbf" + _encoded(text, "cp1252")
    return _encoded(text, rng.choice(ENCODINGS))


def _encoded(text: str, encoding: str) -> bytes:
    return text.encode(encoding, "surrogatepass" if encoding.startswith("utf") else "replace")


# Structure-aware mutation of containers.


def mutate_zip(rng: random.Random, data: bytes, context: MutationContext) -> bytes:
    """A member of a zip (a .docx's XML) mutated, or dropped, or one added;
    packed again with correct checksums."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            contents = {name: archive.read(name) for name in names}
    except Exception:
        return mutate_bytes(rng, data, context)
    if not names:
        return data
    important = [n for n in names if n.endswith((".xml", ".rels")) and "theme" not in n]
    action = rng.randrange(10)
    if action == 0:
        del contents[rng.choice(names)]
    elif action == 1:
        contents[rng.choice(["word/extra.xml", "../evil.xml", "", "word/document.xml/"])] = (
            rng.choice(list(contents.values()))
        )
    else:
        name = rng.choice(important or names)
        contents[name] = mutate_bytes(rng, contents[name], context)
    return _zip(contents)


_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def mutate_png(rng: random.Random, data: bytes, context: MutationContext) -> bytes:
    """A PNG chunk's data mutated (IHDR's size and depth, mostly) with its CRC
    made right again, so the change gets past the checksum."""
    if not data.startswith(_PNG_MAGIC):
        return mutate_bytes(rng, data, context)
    chunks: list[tuple[bytes, bytes]] = []
    at = len(_PNG_MAGIC)
    while at + 8 <= len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        chunks.append((kind, data[at + 8 : at + 8 + length]))
        at += 12 + length
    if not chunks:
        return data
    index = 0 if rng.random() < 0.5 else rng.randrange(len(chunks))
    kind, body = chunks[index]
    if kind == b"IHDR" and len(body) == 13 and rng.random() < 0.7:
        width, height, depth, colour = struct.unpack(">IIBB", body[:10])
        choice = rng.randrange(4)
        if choice == 0:
            width = rng.choice([0, 1, 2, 65535, 1 << 20, 0x7FFFFFFF])
        elif choice == 1:
            height = rng.choice([0, 1, 2, 65535, 1 << 20, 0x7FFFFFFF])
        elif choice == 2:
            depth = rng.choice([0, 1, 2, 4, 8, 16, 3, 32])
        else:
            colour = rng.choice([0, 2, 3, 4, 6, 1, 7])
        body = struct.pack(">IIBB", width, height, depth, colour) + body[10:]
    elif kind == b"IDAT" and rng.random() < 0.5:
        try:
            raw = zlib.decompress(body)
            body = zlib.compress(mutate_bytes(rng, raw, context))
        except zlib.error:
            body = mutate_bytes(rng, body, context)
    else:
        body = mutate_bytes(rng, body, context)
    chunks[index] = (kind, body)
    if rng.random() < 0.1:
        chunks.insert(rng.randrange(len(chunks) + 1), rng.choice(chunks))
    out = [_PNG_MAGIC]
    for kind, body in chunks:
        crc = zlib.crc32(kind + body)
        out.append(struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc))
    return b"".join(out)


def mutate_msg(rng: random.Random, context: MutationContext) -> bytes:
    """An Outlook message with its streams mutated (their bytes, a stream
    dropped or duplicated, an attachment swapped for a mutant of another
    family), packed again as a valid compound file."""
    parts = dict(MSG_PARTS)
    for _ in range(rng.choice([1, 1, 2, 3])):
        names = sorted(parts)
        action = rng.randrange(10)
        name = rng.choice(names)
        if action == 0 and len(parts) > 1:
            del parts[name]
        elif action == 1:
            parts["__substg1.0_001A001F"] = _utf16(
                rng.choice(
                    [
                        "IPM.Note.SMIME.MultipartSigned",
                        "IPM.Appointment",
                        "IPM.Contact",
                        "IPM.StickyNote",
                        "IPM.Schedule.Meeting.Request",
                        "REPORT.IPM.Note.NDR",
                        "IPM.Task",
                        "",
                        "IPM",
                    ]
                )
            )
        elif action == 2:
            parts["__attach_version1.0_#00000000/__substg1.0_37010102"] = _nested_mutant(
                rng, context
            ).data
            parts["__attach_version1.0_#00000000/__substg1.0_3707001F"] = _utf16(
                _nested_mutant(rng, context).name
            )
        elif action == 3:
            copy = rng.choice(["__attach_version1.0_#00000001/", "__recip_version1.0_#00000001/"])
            for key, value in list(parts.items()):
                if key.startswith(("__attach_version1.0_#00000000/", "__recip_version1.0_#0")):
                    parts[copy + key.split("/", 1)[1]] = value
        elif action == 4:  # a string of odd length, or not UTF-16 at all
            parts[name] = parts[name][: max(0, len(parts[name]) - 1)] + b"\xd8"
        else:
            parts[name] = mutate_bytes(rng, parts[name], context)
    try:
        return build_msg(parts)
    except Exception:
        return build_msg(MSG_PARTS)


def _nested_mutant(rng: random.Random, context: MutationContext) -> Seed:
    """A mutant of another family, to be attached to a mail."""
    family = rng.choice(["text", "pdf", "office", "image", "mail"])
    seed = rng.choice(seeds(family))
    data = seed.data if rng.random() < 0.3 else mutate_bytes(rng, seed.data, context)
    return Seed(seed.name, data)


def mutate_eml(rng: random.Random, context: MutationContext) -> bytes:
    """A mail whose attachments are mutants of other families (a damaged PDF in a
    mail must cost a warning), maybe nested, maybe with a mutated header."""
    files = [_nested_mutant(rng, context) for _ in range(rng.choice([1, 1, 2, 3]))]
    forwarded = None
    if rng.random() < 0.3:
        forwarded = _eml(files=[(f.name, f.data) for f in files[:1]], subject="FW: binnen")
        for _ in range(rng.choice([0, 1, 3, 5])):
            forwarded = _eml(forwarded=forwarded, subject="FW: dieper")
    html = HTML_PAGE if rng.random() < 0.3 else None
    date = rng.choice(
        [None, "Mon, 31 Feb 2020 25:61:00 +9999", "", "gisteren", "0", "Tue, 4 May 2021"]
    )
    subject = rng.choice(["Overleg", "", "=?utf-8?B?AAAA?=", "x" * 2000, "\u202eRE: FW:"])
    message = _eml(
        html=html,
        alternative=rng.random() < 0.5,
        files=[(f.name, f.data) for f in files],
        forwarded=forwarded,
        date=date,
        subject=subject,
    )
    data = eml_bytes(message)
    if rng.random() < 0.3:
        data = mutate_bytes(rng, data, context)
    return data


def mutate(rng: random.Random, family: str, pool: Sequence[Seed] | None = None) -> Seed:
    """One mutant of a seed of the family (all randomness from ``rng``)."""
    pool = list(pool) if pool is not None else seeds(family)
    seed = rng.choice(pool)
    name, data = seed.name, seed.data
    suffix = seed.suffix
    token_kind = {
        ".pdf": "pdf",
        ".eml": "eml",
        ".msg": "msg",
        ".html": "html",
        ".htm": "html",
        ".docx": "docx",
    }.get(suffix, "image" if family == "image" else "text")
    context = MutationContext(pool=pool, tokens=_TOKENS[token_kind])
    roll = rng.random()
    if suffix in (".txt", ".md") or (suffix in (".html", ".htm") and roll < 0.4):
        if roll < 0.6:
            text = _decoded(data)
            if rng.random() < 0.8:
                text = mutate_text(rng, text)
            data = encode_text(rng, text)
            if rng.random() < 0.3:
                data = mutate_bytes(rng, data, context)
        else:
            data = mutate_bytes(rng, data, context)
    elif suffix == ".docx" and roll < 0.7:
        data = mutate_zip(rng, data, context)
    elif suffix == ".png" and roll < 0.4:
        data = mutate_png(rng, data, context)
    elif suffix == ".msg" and roll < 0.5:
        data = mutate_msg(rng, context)
    elif suffix == ".eml" and roll < 0.35:
        data = mutate_eml(rng, context)
    else:
        data = mutate_bytes(rng, data, context)
    if rng.random() < 0.01:  # the right bytes under another name of the family
        name = rng.choice(pool).name
    return Seed(name, data[:MAX_MUTANT])


def mutant(family: str, seed: int, index: int) -> Seed:
    """The ``index``-th mutant of a run with ``seed``: the same on every run."""
    return mutate(random.Random(f"{seed}/{family}/{index}"), family)


def image_mode(
    family: str, seed: int, index: int, stub_share: float = 0.05, ocr_share: float = 0.0
) -> ImageMode:
    """How the ``index``-th image of a run is read: ``ocr_share`` of them with
    Tesseract, ``stub_share`` with stubbed OCR, the rest without OCR."""
    roll = random.Random(f"mode/{seed}/{family}/{index}").random()
    if roll < ocr_share:
        return "ocr"
    return "stub" if roll < ocr_share + stub_share else "never"


# ---------------------------------------------------------------------------
# Running one input


class InputTimeout(BaseException):
    """Raised by the alarm when one input runs past its time limit (a
    BaseException, so no ``except Exception`` in a library swallows it)."""


Kind = Literal["ok", "expected", "crash", "timeout"]


@dataclass
class Outcome:
    kind: Kind
    seconds: float
    error: BaseException | None = None

    @property
    def error_type(self) -> str:
        return type(self.error).__name__ if self.error is not None else ""

    def frames(self) -> tuple[str, str]:
        """The innermost frame of the traceback, and the innermost in inzage's code."""
        return frames_of(self.error) if self.error is not None else ("", "")

    @property
    def wrapped(self) -> BaseException | None:
        """For an InputError raised from another exception (a library's error on
        damaged bytes, turned into a damaged-file error): that exception."""
        cause = self.error.__cause__ if self.kind == "expected" and self.error else None
        return cause if cause is not None and not isinstance(cause, InputError) else None

    def describe(self) -> str:
        if self.error is None:
            return self.kind
        text = "".join(traceback.format_exception(self.error))
        return f"{self.kind}: {text}"


_INZAGE = str(Path(inzage.__file__).resolve().parent)


def frames_of(error: BaseException) -> tuple[str, str]:
    """The innermost frame of an exception's traceback, and the innermost in inzage."""
    stack = traceback.extract_tb(error.__traceback__)
    top = _frame(stack[-1]) if stack else ""
    ours = [f for f in stack if f.filename.startswith(_INZAGE)]
    return top, _frame(ours[-1]) if ours else ""


def _frame(frame: traceback.FrameSummary) -> str:
    path = frame.filename.replace("\\", "/")
    for marker in ("/src/", "/site-packages/", "/lib/python"):
        if marker in path:
            path = path.split(marker, 1)[1]
            break
    return f"{path}:{frame.lineno} in {frame.name}"


def options_for(sample: Seed, mode: ImageMode = "never", page_seconds: float = 2.0) -> ReadOptions:
    """OCR off (PDFs; images unless ``mode`` says otherwise), a small page budget."""
    ocr: Literal["never", "always"] = "always" if mode in ("stub", "ocr") else "never"
    return ReadOptions(ocr=ocr, page_seconds=page_seconds)


@contextmanager
def stubbed_ocr() -> Iterator[bool]:
    """Tesseract replaced by a stub that reads no words (yields whether it could be)."""
    from inzage.read import scan_boxes

    names = [n for n in ("ocr_words", "ocr_line") if hasattr(scan_boxes, n)]
    saved = {name: getattr(scan_boxes, name) for name in names}
    stubs: dict[str, Any] = {"ocr_words": lambda *a, **k: [], "ocr_line": lambda *a, **k: ""}
    for name in names:
        setattr(scan_boxes, name, stubs[name])
    try:
        yield len(names) == 2
    finally:
        for name, value in saved.items():
            setattr(scan_boxes, name, value)


# The clock's limit, as a multiple of the CPU limit (see run_one).
WALL_FACTOR = 6


def run_one(
    sample: Seed, options: ReadOptions, limit: float = 10.0, stub_ocr: bool = False
) -> Outcome:
    """Read and parse one input: ``ok``, ``expected`` (an InputError), ``crash``
    (any other exception) or ``timeout`` (past ``limit`` seconds of CPU, or
    :data:`WALL_FACTOR` times that of the clock).

    CPU time, not the clock's: on a machine busy with other work a read that
    takes a second of CPU can take ten by the clock, and a slow input is one
    that needs much work, not one that waited for a core.  The clock's limit
    still catches what waits without working (a helper process that hangs)."""

    def alarm(signum: int, frame: FrameType | None) -> None:
        raise InputTimeout(f"over {limit:g} s")

    previous = {number: signal.signal(number, alarm) for number in (signal.SIGPROF, signal.SIGALRM)}
    start = time.perf_counter()
    outcome: Outcome
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                signal.setitimer(signal.ITIMER_PROF, limit)
                signal.setitimer(signal.ITIMER_REAL, limit * WALL_FACTOR)
                if stub_ocr:
                    with stubbed_ocr():
                        raw = read_data(sample.data, sample.name, options)
                        parse_raw(sample.name, raw, options)
                else:
                    raw = read_data(sample.data, sample.name, options)
                    parse_raw(sample.name, raw, options)
            finally:
                signal.setitimer(signal.ITIMER_PROF, 0)
                signal.setitimer(signal.ITIMER_REAL, 0)
        outcome = Outcome("ok", time.perf_counter() - start)
    except InputTimeout as exc:
        outcome = Outcome("timeout", time.perf_counter() - start, exc)
    except InputError as exc:
        outcome = Outcome("expected", time.perf_counter() - start, exc)
    except Exception as exc:
        outcome = Outcome("crash", time.perf_counter() - start, exc)
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    return outcome
