"""Native formats: .eml, .msg, .docx, .html and scanned page images."""

from __future__ import annotations

import email
import email.policy
import shutil
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import ClassVar

import pypdfium2 as pdfium
import pytest

from inzage.errors import CorruptInputError
from inzage.pipeline import parse_path
from inzage.read.files import MAX_ATTACHMENT_DEPTH, read_attachments, read_data, read_file
from inzage.read.options import DEFAULT_READ, ReadOptions
from inzage.read.pdf import PAGE_BREAK
from inzage.store import Corpus
from tests.builders import make_eml, make_pdf

SENT = datetime(2021, 5, 4, 8, 30, tzinfo=UTC)
BODY = "Beste Ans,\n\nHet datalek is gemeld. Bel 5.1.2e als er vragen zijn.\n\nGroet, Jan"


def _eml(html: str | None = None) -> bytes:
    message = EmailMessage()
    message["From"] = "Jan Mol <j.mol@minbzk.nl>"
    message["To"] = "Ans Wit <a.wit@minbzk.nl>"
    message["Cc"] = "Kees Pol <k.pol@minbzk.nl>"
    message["Subject"] = "Melding datalek"
    message["Date"] = format_datetime(SENT.astimezone())
    if html is None:
        message.set_content(BODY)
    else:
        message.set_content(html, subtype="html")
    message.add_attachment(
        b"%PDF-1.7", maintype="application", subtype="pdf", filename="melding.pdf"
    )
    return message.as_bytes()


def test_an_eml_is_one_message_with_its_real_headers(tmp_path: Path) -> None:
    path = tmp_path / "melding.eml"
    path.write_bytes(_eml())
    source = parse_path(path)
    assert source.format == "eml"
    [document] = source.documents
    assert document.kind == "email"
    [message] = document.messages
    assert message.sender and message.sender.address == "j.mol@minbzk.nl"
    assert [p.address for p in message.cc] == ["k.pol@minbzk.nl"]
    assert message.sent == SENT and message.sent_zone_assumed is None
    assert message.subject == "Melding datalek"
    assert message.attachments == ["melding.pdf"]
    assert [g.code for r in document.redactions for g in r.grounds] == ["5.1.2e"]


def test_attachments_of_an_eml_are_sources_of_their_own(tmp_path: Path) -> None:
    forwarded = EmailMessage()
    forwarded["From"], forwarded["Subject"] = "Kees Pol <k.pol@minbzk.nl>", "Eerdere melding"
    forwarded["Date"] = format_datetime(SENT.astimezone())
    forwarded.set_content("Zie de eerdere melding van 5.1.2e.")
    message = email.message_from_bytes(_eml(), policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    memo = make_pdf(["Nota over het datalek", "Tweede pagina met 5.1.2e"])
    message.add_attachment(memo, maintype="application", subtype="pdf", filename="../../nota.pdf")
    message.add_attachment(forwarded)
    path = tmp_path / "melding.eml"
    path.write_bytes(message.as_bytes())
    source = parse_path(path)
    names = [a.path.removeprefix(f"{path}/") for a in source.attachments]
    assert names == ["nota.pdf", "(no name).eml"]  # no folders taken from the sender
    pdf, mail = source.attachments
    assert pdf.format == "pdf" and pdf.pages == 2 and pdf.documents[0].pages
    assert mail.documents[0].messages[0].subject == "Eerdere melding"
    # The damaged attachment costs a warning, not the mail.
    assert any(w.startswith("attachment melding.pdf: not a readable PDF") for w in source.warnings)
    assert source.documents[0].messages[0].attachments == [
        "melding.pdf",
        "nota.pdf",
        "(no name).eml",
    ]


def test_an_html_mail_and_an_html_page_lose_their_markup(tmp_path: Path) -> None:
    html = "<html><head><style>p{}</style></head><body><p>Het <b>datalek</b> is gemeld.</p>"
    html += "<script>alert('x')</script><p>Contact: 5.1.2e</p></body></html>"
    (tmp_path / "mail.eml").write_bytes(_eml(html))
    (tmp_path / "pagina.html").write_text(html, encoding="utf-8")
    for name in ("mail.eml", "pagina.html"):
        raw = read_file(tmp_path / name)
        body = raw.text.split("Subject: Melding datalek")[-1]
        assert "datalek" in body and "is gemeld." in body
        assert "<" not in body and "alert" not in body and "p{}" not in body
    assert parse_path(tmp_path / "pagina.html").documents[0].redactions[0].marker == "5.1.2e"


def test_a_msg_is_read_through_extract_msg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # No library writes .msg files; the reader's mapping is tested on an
    # extract-msg message object whose fields are set here.
    from extract_msg.msg_classes import MessageBase

    class Attachment:
        def __init__(self, name: str, data: object) -> None:
            self.name, self.data = name, data

    class Message(MessageBase):
        def __init__(self) -> None:
            pass

        body = BODY
        htmlBody = None  # noqa: N815 - extract-msg's own name
        sender = "Jan Mol <j.mol@minbzk.nl>"
        to = "Ans Wit <a.wit@minbzk.nl>"
        cc = None
        subject = "Melding datalek"
        date = SENT
        attachments: ClassVar[list[Attachment]] = [  # type: ignore[assignment]
            Attachment("notulen.txt", b"Notulen van het overleg.\nAanwezig: 5.1.2e"),
            Attachment("doorgestuurd", object()),  # an Outlook item attached, not a file
        ]

        def close(self) -> None:
            pass

    monkeypatch.setattr("extract_msg.openMsg", lambda data: Message())
    path = tmp_path / "melding.msg"
    path.write_bytes(b"\xd0\xcf\x11\xe0 not really ole")
    source = parse_path(path)
    [message] = source.documents[0].messages
    assert message.sent == SENT and message.attachments == ["notulen.txt", "doorgestuurd"]
    [notes] = source.attachments
    assert notes.path == f"{path}/notulen.txt" and notes.documents[0].redactions
    assert "attachment doorgestuurd: an attached Outlook item is not read" in source.warnings
    monkeypatch.undo()
    with pytest.raises(CorruptInputError, match="Outlook message"):
        read_file(path)


def test_a_docx_keeps_paragraphs_and_table_rows_in_order(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.core_properties.author = "Directie Jeugd"
    document.add_paragraph("Nota aan de minister")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Datum", "12-05-2021"
    table.cell(1, 0).text, table.cell(1, 1).text = "Betreft", "Datalek"
    document.add_paragraph("Contactpersoon: 5.1.2e")
    path = tmp_path / "nota.docx"
    document.save(str(path))
    raw = read_file(path)
    assert (
        raw.text
        == "Nota aan de minister\nDatum\t12-05-2021\nBetreft\tDatalek\nContactpersoon: 5.1.2e"
    )
    assert raw.metadata == {"docx": {"author": "Directie Jeugd"}}
    (tmp_path / "kapot.docx").write_bytes(b"PK\x03\x04 broken")
    with pytest.raises(CorruptInputError, match="Word file"):
        read_file(tmp_path / "kapot.docx")


def _page_image(text: str) -> object:
    return pdfium.PdfDocument(make_pdf([text]))[0].render(scale=300 / 72).to_pil()


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
def test_scanned_images_are_read_by_ocr_page_by_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INZAGE_CACHE", str(tmp_path / "cache"))
    first = _page_image("Het datalek is gemeld bij de Autoriteit Persoonsgegevens.")
    second = _page_image("De gemeente ontvangt volgende week een brief.")
    first.save(tmp_path / "scan.png")  # type: ignore[attr-defined]
    first.save(  # type: ignore[attr-defined]
        tmp_path / "scan.tif", save_all=True, append_images=[second], compression="tiff_lzw"
    )
    png = read_file(tmp_path / "scan.png")
    assert png.format == "image" and png.ocr_pages == 1 and "datalek" in png.text
    tiff = read_file(tmp_path / "scan.tif")
    assert tiff.pages == 2 and len(tiff.text.split(PAGE_BREAK)) == 2
    assert "brief" in tiff.text.split(PAGE_BREAK)[1]
    assert read_file(tmp_path / "scan.png", ReadOptions(ocr="never")).text == ""


def test_a_damaged_image_is_named(tmp_path: Path) -> None:
    (tmp_path / "kapot.jpg").write_bytes(b"\xff\xd8\xff\xe0 broken" * 10)
    with pytest.raises(CorruptInputError, match="not a readable image"):
        read_file(tmp_path / "kapot.jpg")


def test_ingest_stores_attachments_as_sources_found_by_search(
    tmp_path: Path, store_address: str | Path
) -> None:
    message = email.message_from_bytes(_eml(), policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    memo = make_pdf(["Nota over de zonnepanelen op het stadhuis"])
    message.add_attachment(memo, maintype="application", subtype="pdf", filename="nota.pdf")
    folder = tmp_path / "release"
    folder.mkdir()
    (folder / "melding.eml").write_bytes(message.as_bytes())
    (folder / "los.pdf").write_bytes(memo)  # the same file also released on its own
    with Corpus(store_address, create=True) as corpus:
        progress = corpus.ingest(sorted(folder.iterdir()), workers=1)
        assert (progress.parsed, progress.failed) == (2, 0)
        [hit] = corpus.search("zonnepanelen").hits  # stored once, under both paths
        paths = corpus.document_paths(hit.document_id)
        assert sorted(paths) == sorted([str(folder / "los.pdf"), f"{folder}/melding.eml/nota.pdf"])
        assert corpus.search("datalek", kind="email").total == 1


def test_attachments_are_read_to_their_depth_and_a_mail_only_walk_leaves_other_files() -> None:
    memo = ("memo.txt", b"Een notitie.", "text/plain")
    mail = make_eml(sender="a@x.nl", to="b@x.nl", subject="0", body="binnen", attachment=memo)
    for level in range(MAX_ATTACHMENT_DEPTH + 1):
        mail = make_eml(
            sender="a@x.nl",
            to="b@x.nl",
            subject=str(level + 1),
            body="doorgestuurd",
            attachment=(f"m{level}.eml", mail, "application/octet-stream"),
        )
    raw = read_data(mail, "top.eml")
    depth, path, problems = 1, "top.eml", []
    while True:
        (attached,) = read_attachments(path, raw, DEFAULT_READ, depth)
        if attached.raw is None:
            problems.append(attached.warning)
            break
        raw, path, depth = attached.raw, attached.path, depth + 1
    assert depth == MAX_ATTACHMENT_DEPTH + 1
    assert problems == [
        f"attachment {attached.attachment.name}: not read (attachments nested deeper than 3)"
    ]
    inner = read_data(
        make_eml(sender="a@x.nl", to="b@x.nl", subject="x", body="y", attachment=memo), "m.eml"
    )
    (unread,) = read_attachments("m.eml", inner, DEFAULT_READ, 1, mails_only=True)
    assert unread.raw is None and unread.problem is None and unread.path == "m.eml/memo.txt"


def test_html_inline_markup_runs_on_and_blocks_break_lines() -> None:
    from inzage.read.html import html_to_text

    html = (
        "<div><p>Opgesteld door Ja<b>n</b> <i>Mol</i>&nbsp;van BZK.</p>"
        "<p>Eerste<br>tweede</p><table><tr><td>Naam</td><td>Jan Mol</td></tr></table></div>"
    )
    assert html_to_text(html).splitlines() == [
        "Opgesteld door Jan Mol van BZK.",
        "Eerste",
        "tweede",
        "Naam\tJan Mol",
    ]


def _docx_body(body: str) -> bytes:
    """A .docx whose body is the given WordprocessingML (namespaces w, wp, mc, a)."""
    import io
    import zipfile

    import docx

    out = io.BytesIO()
    docx.Document().save(out)
    source = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    result = io.BytesIO()
    with zipfile.ZipFile(result, "w") as package:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                start = data.index(b"<w:body>") + len(b"<w:body>")
                data = data[:start] + body.encode() + data[data.index(b"<w:sectPr", start) :]
            package.writestr(info, data)
    return result.getvalue()


def test_a_docx_shows_what_word_shows(tmp_path: Path) -> None:
    body = (
        # a tracked insertion and a deletion
        "<w:p><w:r><w:t xml:space='preserve'>Nota van </w:t></w:r>"
        "<w:ins w:id='1' w:author='X'><w:r><w:t>Ineke</w:t></w:r></w:ins>"
        "<w:del w:id='2' w:author='X'><w:r><w:delText>Wouter</w:delText></w:r></w:del></w:p>"
        # a block content control, and an inline one with a tab
        "<w:sdt><w:sdtContent><w:p><w:r><w:t>Betreft: overleg</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt>"
        "<w:p><w:r><w:t>Datum</w:t></w:r><w:r><w:tab/></w:r><w:sdt><w:sdtContent><w:r>"
        "<w:t>3 mei</w:t></w:r></w:sdtContent></w:sdt></w:p>"
        # a field: its code is not shown, its result is
        "<w:p><w:r><w:fldChar w:fldCharType='begin'/></w:r><w:r><w:instrText>PAGE</w:instrText>"
        "</w:r><w:r><w:fldChar w:fldCharType='separate'/></w:r><w:r><w:t>7</w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType='end'/></w:r></w:p>"
        # a text box, drawn and with the fallback copy older readers draw
        "<w:p><w:r><w:t>Zie kader</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires='wps'>"
        "<w:drawing><w:txbxContent><w:p><w:r><w:t>Kader: Brouwersma</w:t></w:r></w:p>"
        "</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p>"
        "<w:r><w:t>Kader: Brouwersma</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>"
    )
    path = tmp_path / "nota.docx"
    path.write_bytes(_docx_body(body))
    assert read_file(path).text == (
        "Nota van Ineke\nBetreft: overleg\nDatum\t3 mei\n7\nZie kader\nKader: Brouwersma"
    )
