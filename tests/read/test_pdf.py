"""PDF text layers: pages, page numbers on documents, and files that cannot be read."""

from __future__ import annotations

import zlib
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inzage.errors import CorruptInputError, EncryptedInputError, TooLargeError
from inzage.pipeline import parse_path
from inzage.read.files import read_file
from inzage.read.ocr import DPI
from inzage.read.options import ReadOptions
from inzage.read.pdf import MAX_RENDER_PIXELS, MAX_TITLE, PAGE_BREAK, pdf_from_bytes, render_scale
from inzage.store import Corpus
from tests.builders import Mail, make_drawn_pdf, make_email, make_memo, make_pdf, make_raw_pdf

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

MAIL = Mail(
    sender="Jan Mol <j.mol@minbzk.nl>",
    sent=datetime(2021, 5, 4, 8, 30, tzinfo=UTC),
    subject="Planning overleg datalek",
    body="Graag bespreek ik het datalek met 5.1.2e volgende week.\n\nGroet, Jan",
    to=["Ans Wit <a.wit@minbzk.nl>"],
)
MEMO = make_memo(
    [("Datum document", "12-05-2021"), ("Kenmerk", "2021-0042"), ("Betreft", "Datalek")],
    layout="colon",  # a PDF's text layer has no TAB characters
    body="### 1 Aanleiding\n\nHet datalek is gemeld bij de Autoriteit Persoonsgegevens.\n",
)


def test_pages_are_read_in_order_with_metadata(tmp_path: Path) -> None:
    path = tmp_path / "twee.pdf"
    path.write_bytes(make_pdf(["Eerste pagina", "Tweede pagina"], title="Besluit"))
    raw = read_file(path)
    assert raw.text == "Eerste pagina" + PAGE_BREAK + "Tweede pagina"
    assert raw.pages == 2 and raw.format == "pdf" and raw.encoding is None
    assert raw.metadata["pdf"]["title"] == "Besluit"


def test_documents_of_a_bundle_know_their_pages(tmp_path: Path) -> None:
    memo_pages = MEMO.split("### 1")
    pages = [make_email(MAIL), memo_pages[0], "### 1" + memo_pages[1]]
    path = tmp_path / "bundel.pdf"
    path.write_bytes(make_pdf(pages))
    source = parse_path(path)
    assert source.format == "pdf" and source.pages == 3
    kinds = [(d.kind, d.pages.first, d.pages.last) for d in source.documents if d.pages]
    assert kinds == [("email", 1, 1), ("memo", 2, 3)]
    [mail] = [d for d in source.documents if d.kind == "email"]
    assert mail.messages[0].subject == "Planning overleg datalek"
    assert [r.grounds[0].code for r in mail.redactions] == ["5.1.2e"]


def test_a_bundle_with_an_outline_is_split_where_its_bookmarks_name_documents(
    tmp_path: Path,
) -> None:
    decision = "Besluit op uw verzoek\nIk maak de stukken deels openbaar.\nHoogachtend,"
    pages = [
        decision,
        MEMO,
        make_email(MAIL),
        "Aantekeningen bij het overleg\nGeen verdere punten.",
    ]
    path = tmp_path / "besluit-met-documenten.pdf"
    path.write_bytes(make_pdf(pages, outline={0: "Besluit", 1: "DOC 1 Nota", 3: "DOC 2 Notities"}))
    source = parse_path(path)
    found = [(d.kind, d.pages.first, d.pages.last, d.title) for d in source.documents if d.pages]
    # The memo's range holds an e-mail too; the outline says it is one document.
    assert found == [
        ("letter", 1, 1, None),  # a decision letter, read from its words
        ("memo", 2, 3, "Datalek"),
        ("other", 4, 4, "DOC 2 Notities"),
    ]


def test_a_bundle_without_an_outline_is_split_by_its_pages_and_content(tmp_path: Path) -> None:
    letter = [
        "Geachte heer Mol,\nU vroeg om stukken.\nPagina 1 van 2",
        "Hoogachtend,\nPagina 2 van 2",
    ]
    annex = "Bijlage bij het besluit\nOverzicht van de stukken."
    table = "Nr Datum Omschrijving Oordeel\n1 04-05-2021 Nota Openbaar"
    pages = [*letter, annex, table, make_email(MAIL)]
    path = tmp_path / "bundel.pdf"
    path.write_bytes(make_pdf(pages, landscape=frozenset({3})))
    source = parse_path(path)
    found = [(d.kind, d.pages.first, d.pages.last) for d in source.documents if d.pages]
    # numbering ends → the annex; paper on its side → the table; a header block → the e-mail
    assert found == [("other", 1, 2), ("other", 3, 3), ("other", 4, 4), ("email", 5, 5)]
    assert all(d.complete for d in source.documents)
    assert "Pagina" not in source.text  # the numbering is page furniture


def _one_page_pdf(contents: bytes, filters: int = 1) -> bytes:
    compressed = contents
    for _ in range(filters):
        compressed = zlib.compress(compressed, 9)
    names = b"[" + b" ".join([b"/FlateDecode"] * filters) + b"]"
    return make_raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d /Filter %s >>\nstream\n%s\nendstream"
            % (len(compressed), names, compressed),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def test_boxes_side_by_side_give_one_marker_the_area_they_cover(tmp_path: Path) -> None:
    def draw(pdf: Canvas) -> None:
        pdf.drawString(72, 750, "Gesprek met")
        pdf.rect(150, 746, 40, 14, fill=1, stroke=0)  # first name ...
        pdf.rect(194, 746, 60, 14, fill=1, stroke=0)  # ... and surname, boxed apart
        pdf.drawString(260, 750, "over de planning.")

    path = tmp_path / "naam.pdf"
    path.write_bytes(make_drawn_pdf(draw))
    [redaction] = [r for d in parse_path(path).documents for r in d.redactions]
    assert redaction.marker == "█ █" and redaction.box is not None
    assert (redaction.box.x, redaction.box.width, redaction.box.height) == (150, 104, 14)


def test_bombs_are_refused_before_pdfium_spends_on_them() -> None:
    # One page object named a million times in a few megabytes.
    kids = b" ".join([b"3 0 R"] * 1_000_000)
    pages = make_raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count 1000000 >>" % kids,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        ]
    )
    with pytest.raises(TooLargeError, match="too many pages \\(1,000,000"):
        pdf_from_bytes(pages, "pagina-bom.pdf")
    # A page whose content inflates from kilobytes to megabytes, once or twice over.
    text = b"BT /F1 12 Tf 56 800 Td (Hallo) Tj ET "
    bomb = text + b" " * 5_000_000
    small = ReadOptions(max_inflated=2_000_000)
    for filters in (1, 2):
        with pytest.raises(TooLargeError, match="decompression bomb"):
            pdf_from_bytes(_one_page_pdf(bomb, filters), "bom.pdf", small)
    assert pdf_from_bytes(_one_page_pdf(bomb, 2), "groot.pdf").text.strip() == "Hallo"
    assert pdf_from_bytes(_one_page_pdf(text), "klein.pdf", small).text.strip() == "Hallo"


def test_a_2000_page_pdf_is_read_page_by_page(tmp_path: Path) -> None:
    pages = [f"Pagina {n} van 2000\nRegel op blad {n}." for n in range(1, 2001)]
    path = tmp_path / "lang.pdf"
    path.write_bytes(make_pdf(pages))
    source = parse_path(path)
    assert source.pages == 2000 and source.text.count("\f") == 1999
    assert [(d.pages.first, d.pages.last) for d in source.documents if d.pages] == [(1, 2000)]
    assert "Regel op blad 1999." in source.text.split("\f")[1998]


def test_huge_pages_are_rendered_for_ocr_within_a_pixel_budget() -> None:
    assert render_scale(595, 842) == DPI / 72  # A4 at full resolution
    side = 14_400.0  # a page 200 inches square: 3.6 billion pixels at 300 dpi
    scale = render_scale(side, side)
    assert scale < DPI / 72 and (side * scale) ** 2 <= MAX_RENDER_PIXELS * 1.0001


def test_an_endless_bookmark_title_is_cut() -> None:
    raw = pdf_from_bytes(make_pdf(["Inhoud", "DOC 1"], outline={1: "DOC 1 " + "x" * 5_000}))
    assert [len(entry.title) for entry in raw.outline] == [MAX_TITLE]


def test_a_page_past_its_time_limit_keeps_its_text_without_boxes() -> None:
    raw = pdf_from_bytes(_boxed_pdf(), "traag.pdf", ReadOptions(page_seconds=1e-9))
    assert raw.boxes == [] and "Contactpersoon:" in raw.text and "█" not in raw.text
    assert raw.warnings == [
        "page 1: redaction boxes not searched (the page's drawing took longer than 1e-09 s)"
    ]


def test_unreadable_pdfs_get_a_reason(tmp_path: Path) -> None:
    whole = make_pdf(["Een pagina", "Nog een"])
    with pytest.raises(CorruptInputError, match="not a readable PDF"):
        pdf_from_bytes(whole[: len(whole) // 3], "kapot.pdf")
    with pytest.raises(EncryptedInputError, match="password"):
        pdf_from_bytes(make_pdf(["Geheim"], encrypt="sleutel"), "dicht.pdf")
    with pytest.raises(TooLargeError, match="too many pages"):
        pdf_from_bytes(whole, "lang.pdf", ReadOptions(max_pages=1))


def test_a_scan_without_text_says_so() -> None:
    raw = pdf_from_bytes(make_pdf(["", ""]))
    assert raw.warnings == ["no text on any page (a scan without OCR?)"] and raw.pages == 2
    assert raw.ocr_pages == 0  # blank pages hold no image: nothing for OCR to read


def test_ingest_stores_pdfs_next_to_text_and_names_bad_ones(
    tmp_path: Path, store_address: str | Path
) -> None:
    folder = tmp_path / "release"
    folder.mkdir()
    (folder / "mail.pdf").write_bytes(make_pdf([make_email(MAIL)]))
    (folder / "kapot.pdf").write_bytes(b"%PDF-1.7\n1 0 obj")
    (folder / "nota.md").write_text(MEMO, encoding="utf-8")
    with Corpus(store_address, create=True) as corpus:
        progress = corpus.ingest(sorted(folder.iterdir()), workers=1)
        assert (progress.parsed, progress.failed) == (2, 1)
        assert progress.failures[0].error == "CorruptInputError"
        hit = corpus.search("datalek", kind="email").hits[0]
        assert corpus.document(hit.document_id).pages is not None
        assert progress.pages == 2  # one PDF page, one estimated page of text


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.lists(_WORD, min_size=1, max_size=6).map(" ".join), min_size=1, max_size=5))
def test_every_page_comes_back_in_its_place(pages: list[str]) -> None:
    raw = pdf_from_bytes(make_pdf(pages))
    assert raw.pages == len(pages)
    assert raw.text.split(PAGE_BREAK) == pages


def _boxed_pdf() -> bytes:
    """One page: a black box with "5.1.2e" after it, a grey box with no code, a
    box drawn over words that stay in the text layer, a shaded cell with its text,
    a black box with "5.1.2i" printed inside it, a see-through shading drawn
    over its text, and a tall sidebar band."""

    def draw(pdf: Canvas) -> None:
        pdf.drawString(72, 750, "Contactpersoon:")
        pdf.rect(170, 746, 80, 14, fill=1, stroke=0)
        pdf.drawString(255, 750, "5.1.2e")
        pdf.drawString(72, 720, "Afzender:")
        pdf.setFillColorRGB(0.6, 0.6, 0.6)
        pdf.rect(130, 716, 120, 14, fill=1, stroke=0)
        pdf.setFillColorRGB(0, 0, 0)
        pdf.drawString(260, 720, "belt terug.")
        pdf.drawString(72, 690, "Geheim")
        pdf.rect(70, 686, 50, 14, fill=1, stroke=0)
        pdf.setFillColorRGB(0.7, 0.7, 0.7)
        pdf.rect(70, 646, 100, 14, fill=1, stroke=0)  # a shaded table cell ...
        pdf.setFillColorRGB(0, 0, 0)
        pdf.drawString(74, 650, "Kopregel")  # ... with its text drawn on top: no redaction
        pdf.drawString(72, 620, "Telefoon:")
        pdf.rect(130, 616, 60, 14, fill=1, stroke=0)
        pdf.setFillColorRGB(1, 1, 1)
        pdf.drawString(134, 620, "5.1.2i")  # the code printed in white inside its box
        pdf.setFillColorRGB(0, 0, 0)
        pdf.drawString(74, 590, "Totaal")  # a row shaded after its text, see-through
        pdf.setFillAlpha(0.3)
        pdf.rect(70, 586, 100, 14, fill=1, stroke=0)
        pdf.setFillAlpha(1)
        pdf.rect(500, 300, 20, 300, fill=1, stroke=0)  # a sidebar band: no redaction

    return make_drawn_pdf(draw)


def test_drawn_boxes_become_redactions_with_their_box(tmp_path: Path) -> None:
    path = tmp_path / "gelakt.pdf"
    path.write_bytes(_boxed_pdf())
    source = parse_path(path)
    redactions = [r for d in source.documents for r in d.redactions]
    cited = next(r for r in redactions if r.marker == "5.1.2e")
    assert cited.box is not None and cited.box.page == 1 and cited.box.unit == "pt"
    assert (cited.box.x, cited.box.width, cited.box.height) == (170, 80, 14)
    assert cited.box.y == pytest.approx(841.89 - 760, abs=0.01)  # from the top of the page
    generic = [r for r in redactions if r.marker == "█"]
    assert len(generic) == 2 and all(r.box is not None for r in generic)
    assert "Afzender: █ belt terug." in source.text
    assert "█ Kopregel" not in source.text and "Kopregel█" not in source.text
    inside = next(r for r in redactions if r.marker == "5.1.2i")
    assert inside.box is not None and (inside.box.x, inside.box.width) == (130, 60)
    assert len(redactions) == 4  # no generic marker for the box that prints its code
    assert source.warnings == [
        "page 1: 6 characters of the text layer lie under redaction boxes (they are not redacted)"
    ]
