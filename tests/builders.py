"""Synthetic released documents for tests: invented names, numbers and text only.

``make_email`` renders one message in a header style and decoration of
``formats.md`` §2; ``make_thread`` joins messages newest first, as a printed
thread shows them.  Each returns the text; the ``Mail`` it was built from is the
expected value.
"""

from __future__ import annotations

import random
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

from inzage.parse.dates import AMSTERDAM

Style = Literal["en-export", "nl-outlook", "nl-other"]
Decoration = Literal[
    "plain", "bold-inside", "bold-outside", "quoted", "paragraphs", "table", "table-wide", "flat"
]

LABELS: dict[Style, dict[str, str]] = {
    "en-export": {
        "from": "From",
        "sent": "Sent",
        "to": "To",
        "cc": "Cc",
        "subject": "Subject",
        "attachments": "Attachments",
    },
    "nl-outlook": {
        "from": "Van",
        "sent": "Verzonden",
        "to": "Aan",
        "cc": "CC",
        "subject": "Onderwerp",
        "attachments": "Bijlagen",
    },
    "nl-other": {
        "from": "Afzender",
        "sent": "Datum",
        "to": "Aan",
        "cc": "Kopie",
        "subject": "Onderwerp",
        "attachments": "Bijlage(n)",
    },
}
_DAYS_NL = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
_MONTHS_NL = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
_MONTHS_NL_SHORT = "jan feb mrt apr mei jun jul aug sep okt nov dec".split()
_DAYS_EN = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


@dataclass
class Mail:
    sender: str
    sent: datetime
    subject: str
    body: str
    to: list[str] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)


def render_date(moment: datetime, style: Style, top: bool) -> str:
    """The date as the style writes it: English exports in UTC and to the second at
    the top (the archive's stamp), else Amsterdam local time to the minute."""
    if style == "en-export":
        shown = moment.astimezone(UTC if top else AMSTERDAM)
        hour = shown.hour % 12 or 12
        ampm = "AM" if shown.hour < 12 else "PM"
        return (
            f"{_DAYS_EN[shown.weekday()]} {shown.month}/{shown.day}/{shown.year} "
            f"{hour}:{shown.minute:02d}{f':{shown.second:02d}' if top else ''} {ampm}"
        )
    local = moment.astimezone(AMSTERDAM)
    if style == "nl-outlook":
        return (
            f"{_DAYS_NL[local.weekday()]} {local.day} {_MONTHS_NL[local.month - 1]} "
            f"{local.year} {local.hour:02d}:{local.minute:02d}"
        )
    hour = local.hour % 12 or 12
    ampm = "AM" if local.hour < 12 else "PM"
    return (
        f"{_DAYS_NL[local.weekday()]} {local.day:02d} {_MONTHS_NL_SHORT[local.month - 1]}. "
        f"{local.year} {hour}:{local.minute:02d} {ampm}"
    )


def make_email(
    mail: Mail, style: Style = "en-export", decoration: Decoration = "plain", top: bool = True
) -> str:
    labels = LABELS[style]
    values = {
        "from": mail.sender,
        "sent": render_date(mail.sent, style, top),
        "to": "; ".join(mail.to),
        "cc": "; ".join(mail.cc),
        "subject": mail.subject,
        "attachments": "; ".join(mail.attachments),
    }
    order = ["from", "sent", "to", "cc", "subject", "attachments"]
    lines = [_label_line(labels[name], values[name], decoration) for name in order if values[name]]
    joiner = "\n\n" if decoration == "paragraphs" else "\n"
    if decoration == "table-wide":  # two headers to a row
        lines = [" ".join(lines[i : i + 2]).replace("| |", "|") for i in range(0, len(lines), 2)]
    header = " ".join(lines) if decoration == "flat" else joiner.join(lines)
    body = mail.body
    if decoration == "quoted":
        body = "\n".join(f"> {line}" if line else ">" for line in body.split("\n"))
    return f"{header}\n\n{body}\n"


def _label_line(label: str, value: str, decoration: Decoration) -> str:
    if decoration == "bold-inside":
        return f"**{label}:** {value}"
    if decoration == "bold-outside":
        return f"**{label}**: {value}"
    if decoration == "quoted":
        return f"> {label}: {value}"
    if decoration in ("table", "table-wide"):  # a PDF-to-Markdown converter's table
        return f"| {label}: | {value} |"
    return f"{label}: {value}"


def make_thread(*parts: str) -> str:
    """Messages newest first, separated by a blank line."""
    return "\n".join(parts)


MemoLayout = Literal["tab", "lines", "colon"]


def make_memo(
    fields: list[tuple[str, str]],
    layout: MemoLayout = "tab",
    kind_line: str = "## nota",
    purpose: str | None = "(ter voorbereiding van een overleg)",
    body: str = "### 1 Aanleiding en doel overleg\n\nTekst van de nota.\n",
    header: tuple[str, ...] = (
        "Ministerie van Volksgezondheid, Welzijn en Sport",
        "Directie Jeugd",
    ),
) -> str:
    """A memo: organisation lines, a letterhead of (label, value) pairs in a layout
    of formats.md §3 (an empty value stays empty), a kind line, a purpose, a body."""
    lines = [*header, ""]
    for label, value in fields:
        if layout == "tab":
            lines.append(f"{label}\t{value}" if value else label)
        elif layout == "colon":
            lines.append(f"{label}: {value}" if value else f"{label}:")
        else:
            lines.extend([label, value] if value else [label])
        lines.append("")
    lines.append(kind_line)
    if purpose:
        lines += ["", purpose]
    return "\n".join(lines) + "\n\n" + body


def with_running_headers(
    paragraphs: list[str], header: list[str], split_at: int | None = None
) -> str:
    """Paragraphs as pages, each page closed by the running header block (with its
    page number); with ``split_at``, that paragraph is cut in two by a page break
    in the middle of its sentence, as converted PDFs do."""
    pages = len(paragraphs) + (1 if split_at is not None else 0)
    out: list[str] = []
    page = 1
    for index, paragraph in enumerate(paragraphs):
        if index == split_at:
            words = paragraph.split(" ")
            half = len(words) // 2
            out.append(" ".join(words[:half]))
            out.extend([*header, f"Pagina {page} van {pages}"])
            page += 1
            out.append(" ".join(words[half:]))
        else:
            out.append(paragraph)
        out.extend([*header, f"Pagina {page} van {pages}"])
        page += 1
    return "\n\n".join(out) + "\n"


def make_pdf(
    pages: list[str],
    *,
    encrypt: str | None = None,
    title: str | None = None,
    outline: dict[int, str] | None = None,
    landscape: frozenset[int] = frozenset(),
) -> bytes:
    """A PDF with a text layer: each page's lines drawn top to bottom (reportlab).
    ``outline``: bookmark titles by page index (from 0); ``landscape``: the
    indexes of pages printed on their side."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, encrypt=encrypt)
    if title:
        pdf.setTitle(title)
    for index, text in enumerate(pages):
        width, height = A4
        pdf.setPageSize((height, width) if index in landscape else (width, height))
        if outline and index in outline:
            pdf.bookmarkPage(f"p{index}")
            pdf.addOutlineEntry(outline[index], f"p{index}", level=0)
        y = (width if index in landscape else height) - 42.0
        for line in text.split("\n"):
            pdf.drawString(56, y, line)
            y -= 14
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def make_raw_pdf(objects: list[bytes]) -> bytes:
    """A PDF written object by object, for shapes no PDF library would write."""
    out, offsets = b"%PDF-1.7\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    trailer = b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
    return out + trailer % (len(objects) + 1, xref)


def make_drawn_pdf(draw: Callable[[Canvas], None]) -> bytes:
    """A one-page A4 PDF drawn by ``draw`` on a reportlab canvas (points from the
    bottom-left corner): for pages with boxes, shading and coloured text."""
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    draw(pdf)
    pdf.save()
    return buffer.getvalue()


def make_scanned_pdf(lines: list[str]) -> bytes:
    """A PDF whose one page is only an image of the lines (no text layer)."""
    return scan_of(make_pdf(["\n".join(lines)]))


def scan_of(pdf_bytes: bytes, text_layer: str | None = None) -> bytes:
    """A PDF whose one page is only a picture of the first page of ``pdf_bytes``
    (rendered to pixels with PDFium and placed on a fresh page), as a scanner
    would make it: no vector graphics, and no text layer but ``text_layer``
    (a title a scanning tool stamps on, say) in small print at the foot."""
    import io

    import pypdfium2 as pdfium
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    picture = pdfium.PdfDocument(pdf_bytes)[0].render(scale=300 / 72).to_pil()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    width, height = pdf._pagesize
    pdf.drawImage(ImageReader(picture), 0, 0, width=width, height=height)
    if text_layer:
        pdf.setFont("Helvetica", 7)
        pdf.drawString(20, 12, text_layer)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


ExampleBox = tuple[float, str | None, bool]  # width, ground code, printed inside


def make_example_bundle() -> bytes:
    """The PDF of ``examples/bundel-woo-besluit.pdf``: a decision on an invented
    Woo request with the two documents it releases, in one page stream with
    bookmarks; names redacted by black boxes, with the ground beside the box,
    printed inside it, or not given.  To write the example again:

        .venv/bin/python -c "from tests.builders import make_example_bundle;
        open('examples/bundel-woo-besluit.pdf', 'wb').write(make_example_bundle())"
    """
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=True)  # no dates or ids: the same bytes each time
    pdf.setTitle("Besluit op uw Woo-verzoek over zonnepanelen op scholen")

    def line(y: float, *parts: str | ExampleBox) -> None:
        x = 56.0
        for part in parts:
            if isinstance(part, str):
                pdf.drawString(x, y, part)
                x += pdf.stringWidth(part, "Helvetica", 12)
                continue
            width, code, inside = part
            pdf.rect(x + 3, y - 3, width, 13, fill=1, stroke=0)
            if code and inside:
                pdf.setFillColorRGB(1, 1, 1)
                pdf.drawString(x + 7, y, code)
                pdf.setFillColorRGB(0, 0, 0)
            x += width + 6
            if code and not inside:
                pdf.drawString(x, y, code)
                x += pdf.stringWidth(code, "Helvetica", 12)

    pages: list[tuple[str, list[tuple[str | ExampleBox, ...]]]] = [
        (
            "Besluit",
            [
                ("Gemeente Zuiderhaven",),
                ("Datum: 14 maart 2024",),
                ("Kenmerk: 2024-0117",),
                ("Betreft: Besluit op uw Woo-verzoek over zonnepanelen op scholen",),
                (),
                ("Geachte heer,",),
                (),
                ("Op 2 januari 2024 heeft u een verzoek ingediend op grond van de Wet open",),
                ("overheid (Woo) over de zonnepanelen op de daken van de basisscholen.",),
                ("Ik maak de documenten gedeeltelijk openbaar. Namen van medewerkers zijn",),
                ("weggelakt op grond van artikel 5.1, tweede lid, aanhef en onder e, van de Woo.",),
                (),
                ("Hoogachtend,",),
                ("De burgemeester van Zuiderhaven",),
            ],
        ),
        (
            "DOC 1 E-mail over de planning",
            [
                ("From: Planning Vastgoed <planning@zuiderhaven.example>",),
                ("Sent: Tuesday, November 14, 2023 9:12 AM",),
                ("To: Team Duurzaamheid <duurzaam@zuiderhaven.example>",),
                ("Subject: Planning zonnepanelen basisscholen",),
                (),
                ("Beste collega's,",),
                (),
                ("De aannemer plaatst de zonnepanelen in de voorjaarsvakantie.",),
                ("Contactpersoon bij de aannemer is ", (90, "5.1.2e", False), "."),
                ("Vragen over de daken kunnen naar ", (60, "5.1.2e", True), "."),
                (),
                ("Met vriendelijke groet,",),
                ((110, None, False),),
            ],
        ),
        (
            "DOC 2 Nota aan het college",
            [
                ("Gemeente Zuiderhaven",),
                ("Datum document: 20-11-2023",),
                ("Kenmerk: 2023-0884",),
                ("Betreft: Zonnepanelen op de basisscholen",),
                (),
                ("## nota",),
                (),
                ("### 1 Aanleiding",),
                (),
                ("De daken van vier basisscholen zijn geschikt voor zonnepanelen. De kosten",),
                ("bedragen EUR 240.000, waarvan de helft uit de provinciale subsidie komt.",),
                ("Opsteller van deze nota is ", (100, "5.1.2e", False), "."),
            ],
        ),
    ]
    for index, (bookmark, texts) in enumerate(pages):
        pdf.bookmarkPage(f"p{index}")
        pdf.addOutlineEntry(bookmark, f"p{index}", level=0)
        for number, parts in enumerate(texts):
            line(780 - 16 * number, *parts)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


_DENSE_WORDS = (
    "de het een gemeente besluit overleg 5.1.2e minister jeugd zorg Jansen (10)(2e) "
    "info@example.nl 06-12345678 2020 januari Den Haag 3 mei 2021 € 1.200"
).split()


def make_dense_line(size: int, seed: int = 1) -> bytes:
    """One line of invented words, dense with markers, dates, amounts, e-mail
    addresses and phone numbers (the worst case for findings), of at most
    ``size`` bytes of UTF-8, cut at a character."""
    rng = random.Random(seed)
    words: list[str] = []
    written = 0
    while written < size:
        word = rng.choice(_DENSE_WORDS)
        words.append(word)
        written += len(word.encode()) + 1
    return " ".join(words).encode()[:size].decode("utf-8", "ignore").encode()


def peak_rss(command: list[str]) -> tuple[int, int]:
    """Run ``command`` under a parent of its own (so that the children's peak is
    this run's alone) and give its exit code and peak resident memory in KiB."""
    measured = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True, check=True
    )
    code, peak = (int(x) for x in measured.stdout.split())
    return code, peak


_MEASURE = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:], capture_output=True).returncode\n"
    "print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def make_eml(
    *,
    sender: str,
    to: str,
    subject: str,
    body: str,
    attachment: tuple[str, bytes, str] | None = None,
) -> bytes:
    """A native .eml, with one attached file (name, bytes, "maintype/subtype")."""
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = "Tue, 09 Jun 2020 10:20:00 +0200"
    message.set_content(body)
    if attachment is not None:
        name, data, kind = attachment
        maintype, _, subtype = kind.partition("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return message.as_bytes()


def with_page_update(original: bytes, body: bytes) -> bytes:
    """``original`` and an incremental update that replaces its first page's
    content by ``body``: the earlier revision still holds what it had."""
    import io
    import re

    import pikepdf

    with pikepdf.open(io.BytesIO(original)) as pdf:
        number = pdf.pages[0].Contents.objgen[0]
    offset = len(original)
    update = (
        f"\n{number} 0 obj\n<< /Length {len(body)} >>\nstream\n".encode()
        + body
        + b"\nendstream\nendobj\n"
    )
    previous = int(re.findall(rb"startxref\s+(\d+)", original)[-1])
    trailer = re.findall(rb"trailer\s*<<(.*?)>>\s*startxref", original, re.S)[-1]
    size = int(re.search(rb"/Size (\d+)", trailer).group(1))  # type: ignore[union-attr]
    root = re.search(rb"/Root (\d+ 0 R)", trailer).group(1)  # type: ignore[union-attr]
    xref_at = offset + len(update)
    xref = f"xref\n0 1\n0000000000 65535 f \n{number} 1\n{offset + 1:010d} 00000 n \n".encode()
    tail = (
        f"trailer\n<< /Size {size} /Root {root.decode()} /Prev {previous} >>\n"
        f"startxref\n{xref_at}\n%%EOF\n"
    ).encode()
    return original + update + xref + tail


def add_text_field(pdf: Any, value: str, *, on_page: bool = True, **entries: Any) -> Any:
    """A text form field holding ``value`` in ``pdf``'s form (and as a widget
    on its first page when ``on_page``); ``entries`` add to or replace its keys."""
    import pikepdf

    field = pdf.make_indirect(
        pikepdf.Dictionary(
            FT=pikepdf.Name.Tx,
            T=pikepdf.String("behandelaar"),
            V=pikepdf.String(value),
            Rect=[72, 72, 300, 90],
            Subtype=pikepdf.Name.Widget,
            Type=pikepdf.Name.Annot,
            **entries,
        )
    )
    if on_page:
        pdf.pages[0].Annots = pdf.make_indirect(pikepdf.Array([field]))
    pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array([field]))
    return field
