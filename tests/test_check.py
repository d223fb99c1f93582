"""``inzage check``: a battery of released files, each leaking through one
channel, and clean ones that must stay clean."""

import io
import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from click.testing import CliRunner
from PIL import Image, ImageDraw
from reportlab.pdfgen.canvas import Canvas

from inzage.cli import cli
from tests.builders import add_text_field, make_drawn_pdf, make_eml, make_pdf, with_page_update

NAME = "Anna de Vries"


def _check(*paths: Path, show: bool = True) -> tuple[int, list[dict[str, Any]], str]:
    args = ["check", "--json", *(str(p) for p in paths)] + (["--show"] if show else [])
    result = CliRunner().invoke(cli, args)
    return result.exit_code, json.loads(result.stdout), result.stderr


def _leaks(path: Path) -> list[dict[str, Any]]:
    code, reports, _ = _check(path)
    leaks = [leak for report in reports for leak in report["leaks"]]
    assert code == (1 if leaks else 0)
    return leaks


def _with(edit: Callable[[pikepdf.Pdf], None]) -> bytes:
    with pikepdf.open(io.BytesIO(make_pdf(["Een gewone pagina zonder namen."]))) as pdf:
        edit(pdf)
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def _text_under_box(canvas: Canvas) -> None:
    canvas.drawString(72, 700, f"Contactpersoon: {NAME} (afdeling X)")
    canvas.rect(160, 696, 85, 14, stroke=0, fill=1)  # drawn over the name, text kept


def _ocr_layer_under_scan(canvas: Canvas) -> None:
    image = Image.new("RGB", (1240, 400), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((300, 180, 620, 230), fill="black")  # the box burnt into the scan
    canvas.drawInlineImage(image, 0, 500, width=595, height=192)
    text = canvas.beginText(152, 590)
    text.setTextRenderMode(3)  # invisible, as OCR layers are
    text.textLine(NAME)
    canvas.drawText(text)


def _annotation(pdf: pikepdf.Pdf) -> None:
    pdf.pages[0].Annots = pdf.make_indirect(
        pikepdf.Array(
            [
                pikepdf.Dictionary(
                    Type=pikepdf.Name.Annot,
                    Subtype=pikepdf.Name.Text,
                    Rect=[100, 100, 120, 120],
                    Contents=pikepdf.String(f"Navragen bij {NAME}"),
                    T=pikepdf.String("Jan Bakker"),
                )
            ]
        )
    )


def _form_field(pdf: pikepdf.Pdf) -> None:
    add_text_field(pdf, f"behandeld door {NAME}", on_page=False)


def _info(pdf: pikepdf.Pdf) -> None:
    pdf.docinfo["/Author"] = NAME


def _xmp(pdf: pikepdf.Pdf) -> None:
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:creator"] = [NAME]


def _embedded(pdf: pikepdf.Pdf) -> None:
    pdf.attachments["concept.txt"] = pikepdf.AttachedFileSpec(pdf, b"concept, niet openbaar")


def _actual_text(pdf: pikepdf.Pdf) -> None:
    page = pdf.pages[0]
    extra = pdf.make_stream(
        b"/Span << /ActualText (" + NAME.encode() + b") >> BDC BT /F1 9 Tf 72 72 Td (XXX) Tj ET EMC"
    )
    page.Contents = pikepdf.Array([page.Contents, extra])


def _incremental(original: bytes) -> bytes:
    """The original, then an update that replaces the first page's content: the
    earlier revision still holds the name."""
    return with_page_update(original, b"BT /F1 12 Tf 72 700 Td (Contactpersoon: 5.1.2e) Tj ET")


def _bookmark(pdf: pikepdf.Pdf) -> None:
    with pdf.open_outline() as outline:
        outline.root.append(pikepdf.OutlineItem(f"Mail van {NAME}", 0))


def _page_label(pdf: pikepdf.Pdf) -> None:
    label = pikepdf.Dictionary(S=pikepdf.Name.D, P=pikepdf.String(f"Bijlage bij {NAME} – "))
    pdf.Root.PageLabels = pikepdf.Dictionary(Nums=pikepdf.Array([0, label]))


def _info_custom(pdf: pikepdf.Pdf) -> None:
    pdf.docinfo["/LastModifiedBy"] = "Yıldız Kaya"


def _xmp_unknown_name(pdf: pikepdf.Pdf) -> None:
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:creator"] = ["Yıldız Kaya"]


def _actual_text_hex(pdf: pikepdf.Pdf) -> None:
    page = pdf.pages[0]
    hexed = ("FEFF" + NAME.encode("utf-16-be").hex()).encode()
    extra = pdf.make_stream(b"/Span << /ActualText <" + hexed + b"> >> BDC BT ET EMC")
    page.Contents = pikepdf.Array([page.Contents, extra])


def _form_default(pdf: pikepdf.Pdf) -> None:
    field = pdf.make_indirect(
        pikepdf.Dictionary(FT=pikepdf.Name.Tx, T=pikepdf.String("naam"), DV=pikepdf.String(NAME))
    )
    pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array([field]))


def _incremental_info(original: bytes) -> bytes:
    """An update that drops the Info dictionary: the earlier revision keeps the author."""
    previous = int(re.findall(rb"startxref\s+(\d+)", original)[-1])
    trailer = re.findall(rb"trailer\s*<<(.*?)>>\s*startxref", original, re.S)[-1]
    size = int(re.search(rb"/Size (\d+)", trailer).group(1))  # type: ignore[union-attr]
    root = re.search(rb"/Root (\d+ 0 R)", trailer).group(1)  # type: ignore[union-attr]
    xref_at = len(original)
    tail = (
        f"xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size {size} /Root {root.decode()} "
        f"/Prev {previous} >>\nstartxref\n{xref_at}\n%%EOF\n"
    ).encode()
    return original + tail


CHANNELS = {
    "text-under-box": lambda: make_drawn_pdf(_text_under_box),
    "text-under-box (OCR layer)": lambda: make_drawn_pdf(_ocr_layer_under_scan),
    "annotation": lambda: _with(_annotation),
    "form-field": lambda: _with(_form_field),
    "metadata (Info)": lambda: _with(_info),
    "metadata (XMP)": lambda: _with(_xmp),
    "metadata (custom Info key)": lambda: _with(_info_custom),
    "metadata (XMP, a name the lexicon lacks)": lambda: _with(_xmp_unknown_name),
    "actual-text (hex string)": lambda: _with(_actual_text_hex),
    "form-field (default value)": lambda: _with(_form_default),
    "embedded-file": lambda: _with(_embedded),
    "bookmark": lambda: _with(_bookmark),
    "page-label": lambda: _with(_page_label),
    "actual-text": lambda: _with(_actual_text),
    "earlier-revision (metadata)": lambda: _incremental_info(_with(_info)),
    "earlier-revision": lambda: _incremental(make_pdf([f"Contactpersoon: {NAME}"], title="Memo")),
}


@pytest.mark.parametrize("channel", sorted(CHANNELS))
def test_each_channel_leaks(tmp_path: Path, channel: str) -> None:
    path = tmp_path / "released.pdf"
    path.write_bytes(CHANNELS[channel]())
    leaks = _leaks(path)
    expected = channel.split(" ")[0]
    assert expected in {leak["channel"] for leak in leaks}, leaks
    found = next(leak for leak in leaks if leak["channel"] == expected)
    if expected != "embedded-file":
        assert NAME in str(found["text"]) or "Yıldız Kaya" in str(found["text"])


def test_a_clean_pdf_is_clean(tmp_path: Path) -> None:
    path = tmp_path / "clean.pdf"
    path.write_bytes(make_pdf(["Het overleg met de VNG is verplaatst.", "Tweede pagina."]))
    assert _leaks(path) == []


def test_a_box_with_its_code_printed_inside_is_no_leak(tmp_path: Path) -> None:
    def draw(canvas: Canvas) -> None:
        canvas.drawString(72, 700, "Contactpersoon:")
        canvas.rect(160, 696, 60, 14, stroke=0, fill=1)
        canvas.setFillColorRGB(1, 1, 1)
        canvas.drawString(164, 700, "5.1.2e")

    path = tmp_path / "boxed.pdf"
    path.write_bytes(make_drawn_pdf(draw))
    assert _leaks(path) == []


MAIL = "Van: {sender} <{local}@minvws.nl>\nAan: Team X <team@vng.nl>\nOnderwerp: overleg\n"
MAIL += "Verzonden: 9 juni 2020 10:20\n\nBeste collega's,\n\nHet stuk volgt.\n"


def test_a_name_visible_in_one_copy_of_a_message_and_redacted_in_another(tmp_path: Path) -> None:
    visible = tmp_path / "a.txt"
    visible.write_text(MAIL.format(sender=NAME, local="a.devries"))
    redacted = tmp_path / "b.txt"
    redacted.write_text(MAIL.format(sender="5.1.2e", local="5.1.2e"))
    code, reports, _ = _check(visible, redacted)
    assert code == 1
    by_path = {r["path"]: r["leaks"] for r in reports}
    copies = [leak for leak in by_path[str(visible)] if leak["channel"] == "copy-of-message"]
    assert [leak["text"] for leak in copies] == [NAME]
    assert str(redacted) in copies[0]["reason"]


def test_visible_personal_data_in_a_document_that_redacts_it_elsewhere(tmp_path: Path) -> None:
    path = tmp_path / "memo.txt"
    path.write_text(
        "Memo\n\nOntworpen door: 5.1.2e\n\nOverleg met collega De Boer; bel 06-12345678.\n"
        "Uitgenodigd: 5.1.2e (10)(2e)\n"
    )
    leaks = _leaks(path)
    assert {(leak["kind"], leak["text"]) for leak in leaks} == {("person", "De Boer")}


def test_the_leaked_text_is_masked_unless_asked_for(tmp_path: Path) -> None:
    path = tmp_path / "released.pdf"
    path.write_bytes(_with(_info))
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 1
    assert NAME not in result.output and "hmac:" in result.output
    _, reports, _ = _check(path, show=False)
    assert NAME not in json.dumps(reports)


def test_a_file_that_cannot_be_checked_is_not_clean(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n" + b"\x00garbage" * 50)
    good = tmp_path / "good.txt"
    good.write_text("Niets bijzonders.\n")
    code, reports, err = _check(path, good)
    assert code == 1
    assert [r["checked"] for r in reports] == [False, True]
    assert "broken.pdf: not checked" in err


def _mail_with(name: str, data: bytes, kind: str) -> bytes:
    return make_eml(
        sender="Team X <team@vng.nl>",
        to="Woo <woo@minvws.nl>",
        subject="bijlage",
        body="Zie de bijlage.\n",
        attachment=(name, data, kind),
    )


def test_an_attached_pdf_is_checked_for_its_hidden_channels(tmp_path: Path) -> None:
    path = tmp_path / "mail.eml"
    path.write_bytes(_mail_with("bijlage.pdf", CHANNELS["text-under-box"](), "application/pdf"))
    code, reports, _ = _check(path)
    assert code == 1
    attached = next(r for r in reports if r["path"].endswith("/bijlage.pdf"))
    assert "text-under-box" in {leak["channel"] for leak in attached["leaks"]}


def test_an_attachment_that_cannot_be_read_leaves_the_mail_unchecked(tmp_path: Path) -> None:
    path = tmp_path / "mail.eml"
    path.write_bytes(_mail_with("namen.zip", b"PK\x03\x04rest", "application/zip"))
    code, reports, _ = _check(path)
    assert code == 1
    assert reports[0]["checked"] is False


def test_a_scan_read_without_ocr_is_not_called_clean(tmp_path: Path) -> None:
    from tests.builders import make_scanned_pdf

    path = tmp_path / "scan.pdf"
    path.write_bytes(make_scanned_pdf(["Contactpersoon: Anna de Vries"]))
    result = CliRunner().invoke(cli, ["check", "--json", "--ocr", "never", str(path)])
    assert result.exit_code == 1
    assert json.loads(result.stdout)[0]["checked"] is False


def test_a_search_cut_short_is_not_called_clean(tmp_path: Path) -> None:
    path = tmp_path / "dense.txt"
    path.write_text("Mail info@example.nl of bel 0800-1234567.\n" * 26_000)
    code, reports, _ = _check(path)
    assert code == 1 and reports[0]["checked"] is False


def test_a_word_file_leaks_its_author_and_its_tracked_deletions(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Een gewone tekst.")
    document.core_properties.author = "Yıldız Kaya"
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    deleted = (
        b'<w:del w:id="1" w:author="Jan Pietersen"><w:r><w:delText>Bel Anna de Vries '
        b"op 06-12345678.</w:delText></w:r></w:del>"
    )
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"</w:p>", deleted + b"</w:p>", 1
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    path = tmp_path / "nota.docx"
    path.write_bytes(out.getvalue())
    leaks = _leaks(path)
    channels = {(leak["channel"], leak["where"]) for leak in leaks}
    assert ("metadata", "creator") in channels
    assert ("tracked-change", "deleted text") in channels
    assert ("tracked-change", "author") in channels


def test_front_matter_that_names_a_person_leaks(tmp_path: Path) -> None:
    path = tmp_path / "nota.md"
    path.write_text("---\nauteur: Xandro Wijnaldum\n---\n# Nota\n\nTekst.\n")
    assert {(leak["channel"], leak["text"]) for leak in _leaks(path)} == {
        ("metadata", "Xandro Wijnaldum")
    }


def test_an_embedded_file_name_is_masked_too(tmp_path: Path) -> None:
    def named(pdf: pikepdf.Pdf) -> None:
        pdf.attachments["cv-jan-pietersen.txt"] = pikepdf.AttachedFileSpec(pdf, b"cv")

    path = tmp_path / "released.pdf"
    path.write_bytes(_with(named))
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 1
    assert "pietersen" not in result.output


def test_one_value_in_several_metadata_fields_is_one_leak_with_every_field() -> None:
    from inzage.detect.leaks import metadata_leaks
    from inzage.detect.proposals import Dossier

    title = "Besluit over Dorpsstraat 12a, 1234 AB Ergens"
    metadata: dict[str, object] = {"title": title, "subject": title, "keywords": title}
    leaks = metadata_leaks(metadata, Dossier())
    (leak,) = [x for x in leaks if "address" in x.kind]
    assert leak.where == "title, subject, keywords"
    assert sum(1 for x in leaks if x.text == title) == 1
