"""E-mail, Word and HTML rendered to PDF, the form ministries release them
in, so that they are redacted (and verified) as PDFs are.

What is rendered is the text the read stage makes of the file, the same text
``inzage detect`` proposes on: a mail's header block (``From:``, ``Sent:``,
``To:``, ``Cc:``, ``Subject:``, ``Attachments:``) and its body, a Word
file's paragraphs and table rows as Word shows them, an HTML page's text
outside its head, scripts and templates.  Document properties, comments,
tracked deletions, attributes and attached files do not reach the PDF, so
those channels cannot leak; text hidden by CSS is rendered (and redacted).

reportlab (BSD) lays the text out: it is already how inzage writes PDFs,
it runs in-process on any machine, and its output is the same on every run.
A browser would keep an HTML page's layout but would run the page's
scripts and fetch what it links to while rendering a document that is still
secret, and is not on every machine that redacts."""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path

from inzage.read.text import RawText

PAGE_WIDTH, PAGE_HEIGHT = 595.28, 841.89  # A4 in points
MARGIN = 64.0
FONT_SIZE = 10.0
LEADING = 13.5
TAB = "    "
FONT = "InzageSans"
BOLD = "InzageSans-Bold"
# A font with wide coverage where the system has one (Debian's
# fonts-dejavu-core); else the Vera fonts that ship with reportlab.
_FONT_FILES = (
    (
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_HEADER = re.compile(r"(From|Sent|To|Cc|Bcc|Subject|Attachments):")


@cache
def _fonts() -> None:
    """Register the font pair, once."""
    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    bundled = Path(reportlab.__file__).parent / "fonts"
    pairs = [*_FONT_FILES, (bundled / "Vera.ttf", bundled / "VeraBd.ttf")]
    regular, bold = next((r, b) for r, b in pairs if r.is_file() and b.is_file())
    pdfmetrics.registerFont(TTFont(FONT, str(regular)))
    pdfmetrics.registerFont(TTFont(BOLD, str(bold)))


def wrapped(line: str, font: str, width: float) -> list[str]:
    """One line of text cut into lines that fit ``width``: at spaces where it
    can, inside a word that is wider than a line by itself (see :func:`_cut`)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(line, font, FONT_SIZE) <= width:
        return [line]
    out: list[str] = []
    current = ""
    for word in line.split(" "):
        candidate = f"{current} {word}" if current else word
        if stringWidth(candidate, font, FONT_SIZE) <= width:
            current = candidate
            continue
        if current:
            out.append(current)
        current = ""
        while stringWidth(word, font, FONT_SIZE) > width:
            cut = _cut(word, _fitting(word, font, width))
            out.append(word[:cut])
            word = word[cut:]
        current = word
    out.append(current)
    return out


# Where a word too wide for a line (a long URL) is cut, best first: a cut
# between a path's parts keeps names whole, one after '-' or '_' leaves a name
# in a variant that is still found ('wouter-' and 'kramsveld' on the next
# line); never inside a run of letters when there is a choice.
_CUTS = ("/", "-_", ".?&=,;:")


def _cut(word: str, fitting: int) -> int:
    """Where to cut ``word`` whose first ``fitting`` characters fit a line:
    after the last separator among them, by :data:`_CUTS`, unless that leaves
    the line less than a third full."""
    for separators in _CUTS:
        after = max(word.rfind(c, 0, fitting) for c in separators) + 1
        if after >= max(fitting // 3, 1):
            return after
    return fitting


def _fitting(word: str, font: str, width: float) -> int:
    """How many of the word's first characters fit ``width`` (at least one)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    low, high = 1, len(word)
    while low < high:
        middle = (low + high + 1) // 2
        if stringWidth(word[:middle], font, FONT_SIZE) <= width:
            low = middle
        else:
            high = middle - 1
    return low


def render_pdf(raw: RawText) -> bytes:
    """The text of a mail, Word file or HTML page as an A4 PDF: the header
    block of a mail in bold labels, every line wrapped to the page."""
    from reportlab.pdfgen.canvas import Canvas

    _fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=True)
    canvas.setCreator("inzage")
    canvas.setProducer("inzage")
    width = PAGE_WIDTH - 2 * MARGIN
    y = PAGE_HEIGHT - MARGIN
    in_headers = raw.format in ("eml", "msg")
    for given in _CONTROL.sub("", raw.text).replace("\t", TAB).split("\n"):
        if not given.strip():
            in_headers = False
        label = _HEADER.match(given) if in_headers else None
        for line in wrapped(given, FONT, width) if given else [""]:
            if y < MARGIN:
                canvas.showPage()
                y = PAGE_HEIGHT - MARGIN
            text = canvas.beginText(MARGIN, y)
            if label is not None and line.startswith(label.group(0)):
                text.setFont(BOLD, FONT_SIZE)
                text.textOut(label.group(0))
                text.setFont(FONT, FONT_SIZE)
                text.textOut(line[label.end() :])
            else:
                text.setFont(FONT, FONT_SIZE)
                text.textOut(line)
            canvas.drawText(text)
            y -= LEADING
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
