"""Adversarial inputs for ``inzage redact`` other than PDFs, and for the CLI:
text and Markdown (variants of a name, encodings, offsets, markers), mail,
Word and HTML (rendered to PDF and redacted there), ``inzage verify`` on a
text pair, and malformed inputs and target files.

The contract is the one of ``test_adversarial.py``: ``redact_document``
refuses the file (``RedactionError``, ``InputError``, ``ConfigurationError``),
or hands back no copy (verification failed), or hands back a copy from which
nothing of the redacted name can be read, as a reader of the published copy
reads it (a Markdown file rendered, a URL decoded, a PDF's pages in a row).
The CLI never crashes (exit code 3, an exception in ``CliRunner``).

A problem found is a test of the safe behaviour marked
``xfail(strict=True)`` with its cause; the constructions that were safe are
plain tests.  Only invented names are used."""

from __future__ import annotations

import base64
import html
import io
import json
import re
import signal
import unicodedata
import urllib.parse
import zipfile
from collections.abc import Callable, Sequence
from email.message import EmailMessage
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from inzage.cli import cli
from inzage.errors import ConfigurationError, InputError
from inzage.read.text import decode
from inzage.redact.document import Redacted, RedactOptions, redact_document
from inzage.redact.matching import Needle, found_needle, occurrences
from inzage.redact.pdf import RedactionError
from inzage.redact.targets import Decision

NAME = "Wouter Kramsveld"
OTHER = "Ineke Brouwersma"
NEEDLE = Needle(NAME, "5.1.2e")
SAFE_ERRORS = (RedactionError, InputError, ConfigurationError)


@pytest.fixture(autouse=True)
def _here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test in a folder of its own (the CLI's paths relative to it), its own OCR cache."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("INZAGE_CACHE", str(tmp_path / "cache"))


# --- what redact hands back, and ways to read a name out of it ----------------


def copy_of(
    data: bytes,
    name: str,
    *,
    decisions: Sequence[Decision] = (),
    terms: Sequence[Needle] = (NEEDLE,),
    options: RedactOptions | None = None,
) -> Redacted | None:
    """What ``redact_document`` hands back when it hands back a copy; ``None``
    where it refuses the file or keeps no copy (both safe)."""
    try:
        done = redact_document(data, name, list(decisions), list(terms), options or RedactOptions())
    except SAFE_ERRORS:
        return None
    return done if done.data is not None else None


def _letters(text: str) -> str:
    """The letters of ``text`` in lower case, without accents: what a reader reads."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed.casefold() if c.isalpha() and c.isascii())


def readings(text: str) -> list[str]:
    """``text`` as written, as its Markdown or HTML renders (tags and emphasis
    gone, entities decoded), and URL-decoded."""
    rendered = re.sub(r"<[^>]*>", "", html.unescape(text))
    rendered = re.sub(r"[*_~`]", "", rendered)
    return [text, rendered, urllib.parse.unquote_plus(text)]


def has_name(text: str) -> bool:
    """The name (or its surname) can be read in ``text``."""
    return any("kramsveld" in _letters(t) for t in readings(text))


def text_of(done: Redacted) -> str:
    """A text copy decoded as the file's reader decodes it."""
    assert done.data is not None
    return decode(done.data, "copy")[0]


def pdf_pages(data: bytes) -> list[str]:
    """Each page's text as PDFium and as pypdf give it, and the whole file's
    text in a row (a name split over two pages is read across them)."""
    import pypdf
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        pages = [str(document[i].get_textpage().get_text_range()) for i in range(len(document))]
    finally:
        document.close()
    other = [page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(data)).pages]
    return [*pages, *other, "\n".join(pages), "\n".join(other)]


def pdf_has_name(done: Redacted) -> bool:
    assert done.data is not None and done.data.startswith(b"%PDF")
    return any(has_name(text) for text in pdf_pages(done.data))


def leaks_text(
    data: bytes,
    name: str = "nota.txt",
    *,
    decisions: Sequence[Decision] = (),
    terms: Sequence[Needle] = (NEEDLE,),
) -> bool:
    """A text copy is handed back and the name can be read in it."""
    done = copy_of(data, name, decisions=decisions, terms=terms)
    return done is not None and has_name(text_of(done))


def leaks_pdf(data: bytes, name: str) -> bool:
    """A rendered copy is handed back and the name can be read in it."""
    done = copy_of(data, name)
    return done is not None and pdf_has_name(done)


def run(*args: str) -> Result:
    """The command's result; a crash (exit code 3 from the console script)
    is raised here, not mistaken for exit code 1 or 2."""
    result = CliRunner().invoke(cli, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def finishes_within(seconds: float, work: Callable[[], object]) -> bool:
    """Whether ``work()`` returns within ``seconds`` (it is stopped when not).
    The timeout is swallowed here: pytest cannot show the traceback of an
    exception raised by a signal inside difflib's C calls."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        work()
    except TimeoutError:
        return False
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return True


def decision(text: str, needle: str, path: str = "nota.txt") -> Decision:
    start = text.index(needle)
    return Decision(path, start, start + len(needle), needle, "5.1.2e")


# --- 1. text and Markdown: a variant of the name -------------------------------

SAFE_VARIANTS = {
    "other case": "Aan wouter KRAMSVELD.",
    "accents": "Aan Wóuter Kramsvéld.",
    "no-break space": "Aan Wouter\u00a0Kramsveld.",
    "em space": "Aan Wouter\u2003Kramsveld.",
    "thin space": "Aan Wouter\u2009Kramsveld.",
    "narrow no-break space": "Aan Wouter\u202fKramsveld.",
    "ideographic space": "Aan Wouter\u3000Kramsveld.",
    "two spaces": "Aan Wouter  Kramsveld.",
    "tab": "Aan Wouter\tKramsveld.",
    "line break": "Aan Wouter\nKramsveld.",
    "CRLF line break": "Aan Wouter\r\nKramsveld.",
    "CR line break": "Aan Wouter\rKramsveld.",
    "line separator": "Aan Wouter\u2028Kramsveld.",
    "zero-width spaces": "Aan Wou\u200bter Krams\u200bveld.",
    "zero-width joiner and word joiner": "Aan Wou\u200dter Kram\u2060sveld.",
    "byte order mark inside": "Aan Wouter Krams\ufeffveld.",
    "soft hyphen": "Aan Wouter Krams\u00adveld.",
    "hyphen and CRLF": "Aan Wouter Krams-\r\nveld.",
    "hyphen, space and line break": "Aan Wouter Krams- \n veld.",
    "fullwidth letters": "Aan Ｗｏｕｔｅｒ Ｋｒａｍｓｖｅｌｄ.",
    "mathematical bold": "Aan 𝐖𝐨𝐮𝐭𝐞𝐫 𝐊𝐫𝐚𝐦𝐬𝐯𝐞𝐥𝐝.",
    "joined by a dot": "Aan wouter.kramsveld@minbzk.example.",
    "joined by an underscore": "Aan Wouter_Kramsveld.",
    "no space": "Aan WouterKramsveld.",
    "emphasis around the whole name": "Aan **Wouter Kramsveld**.",
    "strong surname": "Aan Wouter **Kramsveld**.",
    "emphasis on each word": "Aan *Wouter* *Kramsveld*.",
    "underscore emphasis": "Aan Wouter _Kramsveld_.",
    "code spans": "Aan `Wouter` `Kramsveld`.",
    "percent-encoded in a URL": "Zie https://intranet.example/zoek?q=Wouter%20Kramsveld",
    "plus-encoded in a URL": "Zie https://intranet.example/zoek?q=Wouter+Kramsveld",
    "link text and mailto": f"Aan [{NAME}](mailto:wouter.kramsveld@minbzk.example).",
    "link target only": "Zie [het profiel](https://intranet.example/Wouter_Kramsveld).",
    "YAML front matter": f"---\nauteur: {NAME}\n---\nDe nota.\n",
    "Markdown comment": f"De nota. <!-- {NAME} -->\n",
    "reference-style link definition": "Zie [1].\n\n[1]: https://intranet.example/wouter-kramsveld\n",
}


@pytest.mark.parametrize("case", SAFE_VARIANTS)
def test_a_variant_of_the_name_is_redacted(case: str) -> None:
    text = SAFE_VARIANTS[case]
    done = copy_of(text.encode(), "nota.md")
    assert done is not None and not has_name(text_of(done))


# _fold_char (src/inzage/redact/matching.py) keeps a combining mark that
# stands alone (NFKD of U+0301 is U+0301, ``bare or char`` gives it back), and
# drops only six invisible characters: other format characters (Cf: bidi
# marks and isolates, invisible operators) and combining marks stay in the
# folded text and break the match.  Verification folds the same way.
INVISIBLE_INSIDE = {
    "decomposed é (NFD, as macOS writes it)": "Aan Wouter Kramsve\u0301ld.",
    "combining grapheme joiner": "Aan Wouter Krams\u034fveld.",
    "variation selector 16": "Aan Wouter Krams\ufe0fveld.",
    "left-to-right mark": "Aan Wouter\u200e Kramsveld.",
    "right-to-left mark": "Aan Wou\u200fter Kramsveld.",
    "first-strong isolate (Teams, WhatsApp)": "Aan Wouter \u2068Krams\u2069veld.",
    "invisible separator": "Aan Wouter Krams\u2063veld.",
}


@pytest.mark.parametrize("case", INVISIBLE_INSIDE)
def test_an_invisible_or_combining_character_inside_the_name(case: str) -> None:
    assert not leaks_text(INVISIBLE_INSIDE[case].encode())


def test_a_decided_name_is_found_again_where_it_is_decomposed() -> None:
    text = "Aan Wouter Kramsvéld.\nLater belde Wouter Kramsve\u0301ld terug.\n"
    assert not leaks_text(text.encode(), decisions=[decision(text, "Wouter Kramsvéld")], terms=())


# A Markdown copy is published rendered (or read by anyone as Markdown):
# markup inside the name, an entity or a URL-encoding leaves it readable.
MARKDOWN = {
    "strong inside the surname": "Aan Wouter Krams**veld**.",
    "inline HTML inside a word": "Aan Wou<span>ter</span> Kramsveld.",
    "inline HTML inside the surname": "Aan Wouter Krams<b>veld</b>.",
    "entity for the space": "Aan Wouter&nbsp;Kramsveld.",
    "numeric entity for a letter": "Aan Wouter Kr&#97;msveld.",
    "percent-encoded é (UTF-8)": "Zie https://intranet.example/zoek?q=Wouter%20Kramsv%C3%A9ld",
}


@pytest.mark.parametrize("case", MARKDOWN)
def test_markup_inside_the_name_in_markdown(case: str) -> None:
    assert not leaks_text(MARKDOWN[case].encode(), "nota.md")


# A name in base64 (a data: URI, ![x](data:text/plain;base64,V291dGVy...)) is
# not a variant a reader sees and is out of reach of matching: not tested.


ENCODINGS = {
    "UTF-16 with BOM, CRLF": ("utf-16", "\r\n"),
    "UTF-8 with BOM": ("utf-8-sig", "\n"),
    "Windows-1252": ("cp1252", "\r\n"),
    "Latin-1 with €-free text": ("latin-1", "\n"),
}


@pytest.mark.parametrize("case", ENCODINGS)
def test_an_encoded_file_is_redacted_and_keeps_its_encoding(case: str) -> None:
    encoding, newline = ENCODINGS[case]
    text = newline.join(["Geachte heer Kramsvéld,", f"Met groet, {NAME}", "Wóuter Kramsvéld", ""])
    data = text.encode(encoding)
    done = copy_of(data, "brief.txt", terms=[Needle("Wouter Kramsvéld", "5.1.2e")])
    assert done is not None and done.data is not None
    out = done.data.decode(encoding)
    assert "Kramsvéld," in out  # the surname alone is not the term
    assert out.count("[5.1.2e]") == 2 and newline in out
    if encoding == "utf-16":
        assert done.data.startswith(data[:2])  # the BOM, and the byte order, kept


def test_a_mac_roman_file() -> None:
    data = "Geachte heer Kramsvéld,\nMet groet, Wouter Kramsvéld\n".encode("mac_roman")
    done = copy_of(data, "brief.txt")
    assert done is not None and done.data is not None
    # the surname alone is not the term; written in the file's own encoding
    assert done.data.decode("mac_roman") == "Geachte heer Kramsvéld,\nMet groet, [5.1.2e]\n"


# --- 2. text: decisions, offsets and markers ----------------------------------


def test_decisions_at_raw_offsets_of_a_crlf_file_with_a_bom() -> None:
    text = f"Regel een\r\nAan {NAME},\r\nen {OTHER}.\r\n"
    data = b"\xef\xbb\xbf" + text.encode()
    decided = [decision(text, NAME), decision(text, OTHER)]
    done = copy_of(data, "brief.txt", decisions=decided, terms=())
    assert done is not None and done.data is not None
    assert done.data == b"\xef\xbb\xbf" + b"Regel een\r\nAan [5.1.2e],\r\nen [5.1.2e].\r\n"


def test_overlapping_and_adjacent_decisions_are_one_marker() -> None:
    text = f"Aan {NAME}."
    overlapping = [
        Decision("nota.txt", 4, 10, "Wouter", "5.1.2e"),
        Decision("nota.txt", 8, 20, text[8:20], "5.1.2e"),
    ]
    adjacent = [
        Decision("nota.txt", 4, 11, "Wouter ", "5.1.2e"),
        Decision("nota.txt", 11, 20, "Kramsveld", "10.2.e"),
    ]
    for decided, marker in ((overlapping, "[5.1.2e]"), (adjacent, "[5.1.2e, 10.2.e]")):
        done = copy_of(text.encode(), "nota.txt", decisions=decided, terms=())
        assert done is not None and text_of(done) == f"Aan {marker}."


def test_a_marker_that_holds_the_name_is_not_kept() -> None:
    options = RedactOptions(marker="[{ground} Wouter Kramsveld]")
    assert copy_of(f"Aan {NAME}.".encode(), "nota.txt", options=options) is None


@pytest.mark.parametrize(
    "start, end", [(100, 116), (10, 5), (5, 5)], ids=["past the end", "inverted", "empty"]
)
def test_a_decision_that_does_not_fit_the_text_is_refused(start: int, end: int) -> None:
    text = f"Aan {NAME}."
    with pytest.raises(ConfigurationError):
        redact_document(
            text.encode(), "nota.txt", [Decision("nota.txt", start, end, "", "5.1.2e")], []
        )


LETTER = "Geachte heer {},\n\nMet vriendelijke groet,\n" + OTHER + "\n"
DETECTED = {
    "crlf.md": ("---\ntitel: nota\n---\n" + LETTER.format(NAME)).replace("\n", "\r\n").encode(),
    "utf16.txt": LETTER.format("Wouter Kramsvéld").replace("\n", "\r\n").encode("utf-16"),
    "bom.txt": b"\xef\xbb\xbf" + LETTER.format(NAME).encode(),
    "cp1252.txt": LETTER.format("Wouter Kramsvéld").encode("cp1252"),
    "nfd.txt": unicodedata.normalize("NFD", LETTER.format("Wouter Kramsvéld")).encode(),
    "nbsp.txt": LETTER.format("Wouter\u00a0Kramsveld").encode(),
}


def test_what_detect_proposes_is_redacted_in_every_encoding() -> None:
    for name, data in DETECTED.items():
        Path(name).write_bytes(data)
    detected = run("detect", *DETECTED, "--jsonl", "--all")
    assert detected.exit_code == 0
    Path("decisions.jsonl").write_text(detected.stdout)
    result = run("redact", *DETECTED, "--decisions", "decisions.jsonl", "--out", "release")
    assert result.exit_code == 0, result.stderr
    for name in DETECTED:
        text = decode(Path("release", name).read_bytes(), name)[0]
        assert not has_name(text) and "brouwersma" not in text.lower(), name
        assert text.count("[5.1.2e]") == 2, name


# --- 3. mail, Word and HTML: rendered to PDF ------------------------------------


def mail(
    *,
    sender: str = f"{OTHER} <i.brouwersma@minvws.example>",
    to: str = "team@minvws.example",
    subject: str = "Overleg",
    body: str = "Beste collega,\n\nTot morgen.\n",
    cte: str | None = None,
    cc: str | None = None,
    attachment: str | None = None,
    html_body: str | None = None,
) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    if cc is not None:
        message["Cc"] = cc
    message["Subject"] = subject
    message["Date"] = "Tue, 03 Mar 2020 10:15:00 +0100"
    if html_body is not None:
        message.set_content(html_body, subtype="html")
    else:
        message.set_content(body, cte=cte)
    if attachment is not None:
        message.add_attachment(
            b"bijlage", maintype="application", subtype="octet-stream", filename=attachment
        )
    return bytes(message)


def _encoded_word(text: str) -> str:
    return "=?utf-8?b?" + base64.b64encode(text.encode()).decode() + "?="


def _docx(edit: object = None, body: str = "Nota over het overleg.") -> bytes:
    import docx

    document = docx.Document()
    paragraph = document.add_paragraph(body)
    if callable(edit):
        edit(document, paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_xml(old: bytes, new: bytes) -> bytes:
    """A .docx whose body paragraph's XML has ``old`` replaced by ``new``."""
    source = zipfile.ZipFile(io.BytesIO(_docx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                assert old in data
                data = data.replace(old, new, 1)
            package.writestr(info, data)
    return out.getvalue()


def _header_and_footer(document: object, paragraph: object) -> None:
    section = document.sections[0]  # type: ignore[attr-defined]
    section.header.paragraphs[0].text = NAME
    section.footer.paragraphs[0].text = NAME


def _properties(document: object, paragraph: object) -> None:
    document.core_properties.author = NAME  # type: ignore[attr-defined]
    document.core_properties.title = f"Nota van {NAME}"  # type: ignore[attr-defined]


def _comment(document: object, paragraph: object) -> None:
    document.add_comment(paragraph.runs, text=NAME, author=NAME, initials="WK")  # type: ignore[attr-defined]


BODY_TEXT = b"<w:t>Nota over het overleg.</w:t>"
H = "<html><head><title>Nota</title></head><body>{}</body></html>"

SAFE_RENDERED: dict[str, tuple[str, bytes]] = {
    "mail: From display name": ("m.eml", mail(sender=f"{NAME} <w@minbzk.example>")),
    "mail: From as an encoded word": (
        "m.eml",
        mail(sender=_encoded_word("Wouter Kramsvéld") + " <w@minbzk.example>"),
    ),
    "mail: Subject": ("m.eml", mail(subject=f"Gesprek met {NAME}")),
    "mail: To": ("m.eml", mail(to=f"{NAME} <w@minbzk.example>")),
    "mail: Cc": ("m.eml", mail(cc=f"{NAME} <w@minbzk.example>")),
    "mail: a long Subject that wraps": (
        "m.eml",
        mail(subject="Overleg " + "over de begroting en de cijfers " * 6 + f"met {NAME}"),
    ),
    "mail: quoted-printable body": (
        "m.eml",
        mail(body="Gesprek met Wouter Kramsvéld vandaag.\n", cte="quoted-printable"),
    ),
    "mail: base64 body": ("m.eml", mail(body=f"Gesprek met {NAME} vandaag.\n", cte="base64")),
    "mail: HTML body": ("m.eml", mail(html_body=f"<p>Gesprek met <b>{NAME}</b>.</p>")),
    "mail: long line": ("m.eml", mail(body="woord " * 200 + NAME + " woord" * 200)),
    "HTML: title attribute": ("p.html", H.format(f'<p title="{NAME}">Tekst</p>').encode()),
    "HTML: alt text": ("p.html", H.format(f'<img alt="{NAME}" src="x.png"><p>Tekst</p>').encode()),
    "HTML: noscript": ("p.html", H.format(f"<noscript>{NAME}</noscript><p>Tekst</p>").encode()),
    "HTML: template": ("p.html", H.format(f"<template><p>{NAME}</p></template>x").encode()),
    "HTML: head title": ("p.html", f"<title>{NAME}</title><p>Tekst</p>".encode()),
    "HTML: comment": ("p.html", H.format(f"<!-- {NAME} --><p>Tekst</p>").encode()),
    "HTML: script": ("p.html", H.format(f'<script>var n="{NAME}";</script>x').encode()),
    "HTML: meta author": ("p.html", f'<meta name="author" content="{NAME}"><p>x</p>'.encode()),
    "HTML: mailto link": (
        "p.html",
        H.format('<a href="mailto:wouter.kramsveld@x.nl">m</a>').encode(),
    ),
    "HTML: br between the words": ("p.html", H.format("<p>Wouter<br>Kramsveld</p>").encode()),
    "HTML: table cells": (
        "p.html",
        H.format("<table><tr><td>Wouter<td>Kramsveld</table>").encode(),
    ),
    "HTML: entities": ("p.html", H.format("<p>Wouter&nbsp;Kr&#97;msv&eacute;ld</p>").encode()),
    "HTML: soft hyphen": ("p.html", H.format("<p>Wouter Krams&shy;veld</p>").encode()),
    "HTML: hidden (rendered, and redacted)": (
        "p.html",
        H.format(f'<p style="display:none">{NAME}</p><p hidden>{NAME}</p>').encode(),
    ),
    "HTML: UTF-16": ("p.html", "<p>Wouter Kramsvéld</p>".encode("utf-16")),
    "HTML: fullwidth": ("p.html", H.format("<p>Ｗｏｕｔｅｒ Ｋｒａｍｓｖｅｌｄ</p>").encode()),
    "Word: header and footer": ("w.docx", _docx(_header_and_footer)),
    "Word: properties": ("w.docx", _docx(_properties)),
    "Word: comment": ("w.docx", _docx(_comment)),
    "Word: tracked deletion": (
        "w.docx",
        _docx_xml(
            BODY_TEXT,
            b'<w:t xml:space="preserve">Nota </w:t></w:r><w:del w:id="1" w:author="X"><w:r>'
            b"<w:delText>Wouter Kramsveld</w:delText></w:r></w:del><w:r><w:t>over.</w:t>",
        ),
    ),
    "Word: runs inside the name": (
        "w.docx",
        _docx_xml(
            BODY_TEXT,
            b"<w:t>Nota Wou</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>ter Krams</w:t></w:r>"
            b"<w:r><w:t>veld over.</w:t>",
        ),
    ),
    "Word: non-breaking hyphen": (
        "w.docx",
        _docx_xml(BODY_TEXT, b"<w:t>Nota Wouter</w:t><w:noBreakHyphen/><w:t>Kramsveld.</w:t>"),
    ),
    "Word: soft hyphen": (
        "w.docx",
        _docx_xml(BODY_TEXT, b"<w:t>Nota Wouter Krams</w:t><w:softHyphen/><w:t>veld.</w:t>"),
    ),
    "Word: tab between the words": (
        "w.docx",
        _docx_xml(BODY_TEXT, b"<w:t>Nota Wouter</w:t><w:tab/><w:t>Kramsveld.</w:t>"),
    ),
    "Word: field code": (
        "w.docx",
        _docx_xml(
            BODY_TEXT,
            b'<w:t>Nota</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r>'
            b'<w:instrText>HYPERLINK "mailto:wouter.kramsveld@x.nl"</w:instrText></w:r><w:r>'
            b'<w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>mail</w:t></w:r><w:r>'
            b'<w:fldChar w:fldCharType="end"/>',
        ),
    ),
}


@pytest.mark.parametrize("case", SAFE_RENDERED)
def test_a_rendered_file_keeps_nothing_of_the_name(case: str) -> None:
    name, data = SAFE_RENDERED[case]
    done = copy_of(data, name)
    assert done is None or (done.suffix == ".pdf" and not pdf_has_name(done))


def test_a_split_over_a_line_or_inside_a_long_word_is_refused_not_kept() -> None:
    """Where the rendering cuts the name without a hyphen (a tag inside the
    first word, a line break inside the surname, a long URL cut in the
    name), verification's joined content strings catch it: no copy."""
    url = "https://intranet.example/documenten/personen/overzicht/medewerkers/wouter-kramsveld-x"
    for name, data in (
        ("p.html", H.format("<p>Wou<b>ter</b> Kramsveld</p>").encode()),
        ("w.docx", _docx_xml(BODY_TEXT, b"<w:t>Nota Wouter Krams</w:t><w:br/><w:t>veld.</w:t>")),
        ("p.html", H.format(f"<p>Zie {url}</p>").encode()),
    ):
        done = copy_of(data, name)
        assert done is None or not pdf_has_name(done)


@pytest.mark.parametrize(
    "markup",
    [
        "<p>Wouter Krams<b>veld</b> kwam langs.</p>",
        "<p>Wouter <span>Kram</span><span>sveld</span> kwam langs.</p>",
        "<p>Wouter <a href='#p'>Krams</a>veld kwam langs.</p>",
    ],
    ids=["bold end", "two spans", "link"],
)
def test_inline_tags_inside_the_surname(markup: str) -> None:
    """Found since read/html.py runs inline markup on as a browser shows it."""
    assert not leaks_pdf(H.format(markup).encode(), "p.html")
    assert not leaks_pdf(mail(html_body=markup), "m.eml")


def _lines_on_the_first_page() -> int:
    """How many body lines of a mail the renderer puts on its first page."""
    probe = mail(body="\n".join(f"Regel {i}." for i in range(1, 200)))
    done = copy_of(probe, "m.eml", terms=[Needle(OTHER, "5.1.2e")])
    assert done is not None and done.data is not None
    first = pdf_pages(done.data)[0]
    return max(int(n) for n in re.findall(r"Regel (\d+)\.", first))


def test_a_name_broken_over_two_rendered_pages() -> None:
    lines = _lines_on_the_first_page()
    body = "\n".join([*(f"Regel {i}." for i in range(1, lines)), "Met groet, Wouter", "Kramsveld."])
    data = mail(body=body)
    done = copy_of(data, "m.eml")
    assert done is not None  # a copy is handed back ...
    assert not pdf_has_name(done)  # ... with 'Wouter' last on page 1, 'Kramsveld' first on 2


def test_a_long_url_cut_inside_the_name() -> None:
    paragraphs = "".join(
        f"<p>Zie https://intranet.example/{'x' * pad}/medewerkers/wouter-kramsvéld-cv.pdf</p>"
        for pad in range(40, 62)
    )
    done = copy_of(
        H.format(paragraphs).encode(), "p.html", terms=[Needle("Wouter Kramsvéld", "5.1.2e")]
    )
    assert done is None or not pdf_has_name(done)


def test_a_name_joined_by_an_underscore_is_redacted_not_refused() -> None:
    done = copy_of(mail(body="Mail wouter_kramsveld@minbzk.example of bel.\n"), "m.eml")
    assert done is not None and not pdf_has_name(done)


def test_an_attachment_named_after_the_person() -> None:
    data = mail(attachment=f"cv {NAME}.pdf")
    done = copy_of(data, "m.eml")
    assert done is not None and not pdf_has_name(done)  # the Attachments: line is redacted
    Path("m.eml").write_bytes(data)
    result = run("redact", "m.eml", "--term", NAME, "--out", "release", "--json")
    assert result.exit_code == 0
    assert "kramsveld" not in (result.stdout + result.stderr).lower()


# --- 4. inzage verify -------------------------------------------------------------


@pytest.mark.parametrize(
    "redacted",
    ["Aan [5.1.2e] Kramsveld.\n", "Aan Wouter [5.1.2e].\n", "Aan [5.1.2e]sveld.\n"],
    ids=["first name", "surname", "part of the surname"],
)
def test_verify_a_marker_that_covers_part_of_a_term(redacted: str) -> None:
    Path("a.txt").write_text(f"Aan {NAME}.\n")
    Path("r.txt").write_text(redacted)
    assert run("verify", "a.txt", "r.txt", "--term", NAME).exit_code == 1


def test_verify_a_text_pair() -> None:
    Path("a.txt").write_text(f"Aan {NAME}.\nGroet, {OTHER}\n")
    Path("clean.txt").write_text(f"Aan [5.1.2e].\nGroet, {OTHER}\n")
    Path("left.txt").write_text(f"Aan [5.1.2e].\nGroet, {OTHER}, wouter kramsveld\n")
    Path("u16.txt").write_bytes(f"Aan [5.1.2e].\nGroet, {OTHER}\n".encode("utf-16"))
    assert run("verify", "a.txt", "clean.txt", "--term", NAME).exit_code == 0
    assert run("verify", "a.txt", "u16.txt", "--term", NAME).exit_code == 0
    left = run("verify", "a.txt", "left.txt")  # the replaced string, in lower case elsewhere
    assert left.exit_code == 1 and "kramsveld" not in left.stdout.lower()


def test_verify_a_rendered_copy_against_its_original() -> None:
    Path("m.eml").write_bytes(mail(body=f"Gesprek met {NAME}.\n"))
    assert run("redact", "m.eml", "--term", NAME, "--out", "release").exit_code == 0
    assert run("verify", "m.eml", "release/m.pdf", "--term", NAME).exit_code == 0


# --- 5. malformed inputs and target files: refused, not crashed on ----------------

JUNK = bytes((i * 197 + 89) % 256 for i in range(4000))
MALFORMED = {
    "empty": b"",
    "one newline": b"\n",
    "a BOM only": b"\xef\xbb\xbf",
    "a UTF-16 BOM only": b"\xff\xfe",
    "a UTF-16 BOM and an odd byte": b"\xff\xfeA",
    "NUL bytes": b"\x00" * 100,
    "binary junk": JUNK,
    "a zip header and junk": b"PK\x03\x04" + JUNK[:200],
    "an OLE header and junk": bytes.fromhex("d0cf11e0a1b11ae1") + JUNK[:600],
    "%PDF and junk": b"%PDF-1.4 " + JUNK[:200],
}


@pytest.mark.parametrize("suffix", [".txt", ".md", ".eml", ".msg", ".docx", ".html", ""])
@pytest.mark.parametrize("case", MALFORMED)
def test_a_malformed_input_is_refused_or_redacted(case: str, suffix: str) -> None:
    try:
        done = redact_document(MALFORMED[case], "x" + suffix, [], [NEEDLE])
    except SAFE_ERRORS:
        return
    assert done.data is None or b"Kramsveld" not in done.data


def _write_decisions(path: str, rows: list[dict[str, object]], encoding: str = "utf-8") -> None:
    Path(path).write_bytes("".join(json.dumps(r) + "\n" for r in rows).encode(encoding))


def _row(**changed: object) -> dict[str, object]:
    row: dict[str, object] = {
        "path": "a.txt",
        "start": 4,
        "end": 20,
        "text": NAME,
        "action": "redact",
        "ground": "5.1.2e",
    }
    row.update(changed)
    return row


BAD_ROWS = {
    "negative start": _row(start=-4),
    "inverted": _row(start=20, end=4),
    "past the end": _row(start=400, end=416),
    "a fraction": _row(start=4.5),
    "a boolean": _row(start=True),
    "null": _row(start=None),
    "a list": _row(start=[4]),
    "a huge number": _row(start=10**30, end=10**30 + 16),
    "no ground": _row(ground="xx"),
    "bad boxes": _row(boxes=[{"x": 1}]),
    "text null": _row(text=None),
}


@pytest.mark.parametrize("case", BAD_ROWS)
def test_a_bad_decision_row_is_a_usage_error_not_a_crash(case: str) -> None:
    Path("a.txt").write_text(f"Aan {NAME}.\n")
    _write_decisions("d.jsonl", [BAD_ROWS[case]])
    result = run("redact", "a.txt", "--decisions", "d.jsonl", "--out", "release")
    assert result.exit_code in (1, 2)
    assert not Path("release/a.txt").exists()


def test_decisions_that_are_not_json_objects() -> None:
    Path("a.txt").write_text(f"Aan {NAME}.\n")
    for content in ('[1, 2]\n"x"\n', "{\n", '{"path": "a.txt", "start": 1e400}\n'):
        Path("d.jsonl").write_text(content)
        assert run("redact", "a.txt", "--decisions", "d.jsonl", "--out", "r").exit_code == 2


def test_a_decision_row_nested_too_deep_is_a_usage_error() -> None:
    Path("a.txt").write_text(f"Aan {NAME}.\n")
    Path("d.jsonl").write_text('{"path": "a.txt", "x": ' + "[" * 100_000 + "]" * 100_000 + "}\n")
    result = CliRunner().invoke(cli, ["redact", "a.txt", "--decisions", "d.jsonl", "--out", "r"])
    crash = result.exception is not None and not isinstance(result.exception, SystemExit)
    # (the crash is not re-raised: pytest cannot show a RecursionError's traceback)
    assert not crash, type(result.exception).__name__
    assert result.exit_code == 2


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_a_decisions_file_with_a_bom(encoding: str) -> None:
    Path("a.txt").write_text(f"Aan {NAME}.\n")
    _write_decisions("d.jsonl", [_row()], encoding)
    assert run("redact", "a.txt", "--decisions", "d.jsonl", "--out", "release").exit_code == 0
    assert Path("release/a.txt").read_text() == "Aan [5.1.2e].\n"


def test_a_terms_file_with_a_bom_and_crlf() -> None:
    Path("a.txt").write_text(f"Aan {NAME}.\nGroet, {OTHER}\n")
    Path("t.txt").write_bytes(f"\ufeff{NAME}\r\n   \r\n# noot\r\n{OTHER}\t5.1.2e\r\n".encode())
    assert run("redact", "a.txt", "--terms-file", "t.txt", "--out", "release").exit_code == 0
    assert Path("release/a.txt").read_text() == "Aan [5.1.2e].\nGroet, [5.1.2e]\n"


def test_terms_of_white_space_only_are_nothing_to_redact() -> None:
    Path("a.txt").write_text(f"Aan {NAME}.\n")
    Path("t.txt").write_text("   \n\t\n\u00a0\n")
    assert run("redact", "a.txt", "--term", " ", "--out", "r").exit_code == 2
    result = run("redact", "a.txt", "--terms-file", "t.txt", "--out", "r2")
    assert result.exit_code in (0, 2)
    assert not Path("r2/a.txt").exists() or Path("r2/a.txt").read_text() == f"Aan {NAME}.\n"


def test_a_term_of_punctuation_only_is_a_usage_error() -> None:
    Path("a.txt").write_text(f"Aan {NAME} ... en zo!\n")
    assert run("redact", "a.txt", "--term", "...", "--out", "release").exit_code == 2


def test_a_one_letter_term_redacts_that_letter_as_a_word_only() -> None:
    text = f"Aan {NAME}, W. de Vries en een W.\n"
    done = copy_of(text.encode(), "a.txt", terms=[Needle("W", "5.1.2e")])
    assert done is not None
    assert text_of(done) == f"Aan {NAME}, [5.1.2e]. de Vries en een [5.1.2e].\n"


def test_ten_thousand_terms() -> None:
    Path("a.txt").write_text(f"Aan {NAME}.\n" * 20)
    Path("t.txt").write_text("".join(f"Naam{i} Achternaam{i}\n" for i in range(10_000)) + NAME)
    done: list[Result] = []
    redact = ("redact", "a.txt", "--terms-file", "t.txt", "--out", "release")
    assert finishes_within(20, lambda: done.append(run(*redact)))
    assert done[0].exit_code == 0
    assert "Kramsveld" not in Path("release/a.txt").read_text()


def test_a_long_text_is_redacted_in_linear_time() -> None:
    text = "\n".join(f"Regel met gewone woorden en {NAME}." for _ in range(1200))  # 55 KB
    assert finishes_within(3, lambda: copy_of(text.encode(), "lang.txt"))


def test_a_terms_line_with_a_tab_inside_the_name_does_not_echo_it() -> None:
    Path("a.txt").write_text(f"Aan {NAME}.\n")
    Path("t.txt").write_text("Wouter\tKramsveld\n")
    result = run("redact", "a.txt", "--terms-file", "t.txt", "--out", "release")
    assert result.exit_code == 2
    assert "t.txt:1" in result.output
    assert "Kramsveld" not in result.output


def test_a_terms_file_in_utf16() -> None:
    Path("a.txt").write_text(f"Aan {NAME}.\n")
    Path("t.txt").write_bytes(f"{NAME}\r\n".encode("utf-16"))
    assert run("redact", "a.txt", "--terms-file", "t.txt", "--out", "release").exit_code == 0
    assert Path("release/a.txt").read_text() == "Aan [5.1.2e].\n"


def test_verify_a_rendered_copy_that_still_holds_the_name() -> None:
    Path("m.eml").write_bytes(mail(body=f"Gesprek met {NAME}.\n"))
    assert run("redact", "m.eml", "--term", OTHER, "--out", "release").exit_code == 0
    assert run("verify", "m.eml", "release/m.pdf", "--term", NAME).exit_code == 1


def test_runs_of_marks_between_words_do_not_make_the_search_explode() -> None:
    # each gap of underscores could be split between the gap's parts in many
    # ways; a search that fails must not try them all
    needle = found_needle(" ".join(["a"] * 12) + " b", "5.1.2e")
    text = ("a" + "_" * 8) * 12 + "c"
    found: list[object] = []
    assert finishes_within(2, lambda: found.extend(occurrences(text, [needle])))
    assert found == []
    assert occurrences("Mail wouter__kramsveld of **Wouter** _Kramsveld_.", [NEEDLE])
