"""Damaged files are an error or a warning for that file, never a crash (issue 13:
a fuzzing run of the readers found these shapes)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from inzage.cli import cli
from inzage.errors import CorruptInputError, DecodeError
from inzage.pipeline import parse_raw
from inzage.read.files import read_data
from inzage.read.options import ReadOptions
from inzage.read.text import OutlineEntry, RawText
from tests.assertions import within_seconds
from tests.builders import make_raw_pdf

NO_OCR = ReadOptions(ocr="never")


def _lying_page_tree() -> bytes:
    """Two pages in the page tree; the second is not in the file."""
    content = b"BT /F1 12 Tf 56 780 Td (Onderwerp: planning werkbezoek) Tj ET"
    return make_raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R 9 0 R] /Count 2 /MediaBox [0 0 595 842] >>",
            b"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 4 0 R >> >> "
            b"/Contents 5 0 R >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        ]
    )


def test_a_page_the_page_tree_names_but_the_file_lacks_is_a_warning() -> None:
    raw = read_data(_lying_page_tree(), "bundel.pdf", NO_OCR)
    assert raw.pages == 2
    assert "page 2: damaged, not read" in raw.warnings
    assert "planning werkbezoek" in raw.text
    assert len(raw.page_sizes) == 2


def test_truncated_utf16_text_is_a_decode_error() -> None:
    data = "\ufeffVan: Ada\nOnderwerp: overleg".encode("utf-16-le")[:-1]
    with pytest.raises(DecodeError, match="UTF-16"):
        read_data(b"\xff\xfe" + data[2:], "brief.txt")


def test_a_mail_in_an_unknown_charset_is_a_damaged_mail() -> None:
    mail = (
        b"From: Ada Visser <a.visser@example.nl>\r\nSubject: overleg\r\n"
        b"Content-Type: text/plain; charset=iso-88x9-1\r\n\r\nBeste Bo,\r\n"
    )
    with pytest.raises(CorruptInputError, match="not a valid e-mail file"):
        read_data(mail, "bericht.eml")


def test_parse_names_each_damaged_file_and_parses_the_rest(tmp_path: Path) -> None:
    (tmp_path / "a-brief.txt").write_bytes(b"\xff\xfe" + "Van: Ada".encode("utf-16-le")[:-1])
    (tmp_path / "b-bundel.pdf").write_bytes(_lying_page_tree())
    (tmp_path / "c-nota.txt").write_text("Een nota over het werkbezoek.")
    result = CliRunner().invoke(cli, ["parse", "-r", str(tmp_path)])
    assert result.exit_code == 1
    assert "a-brief.txt: starts with a UTF-16 mark but is not UTF-16" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert "b-bundel.pdf" in result.stdout and "c-nota.txt" in result.stdout
    assert "warning: page 2: damaged, not read" in result.stdout


def test_a_mail_header_that_runs_over_a_page_break_is_not_cut_there() -> None:
    """A page that opens a document by the outline must not split a header block
    that began on the page before (its message would end before its header)."""
    text = (
        "█ Van: Ada Visser\nOnderwerp: Overleg 5.1.2e\n\f\n"
        "█ Onderwerp: Overleg 5.1.2e\nVan: Ada Visser"
    )
    raw = RawText(
        text=text,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        format="pdf",
        encoding=None,
        pages=2,
        outline=[OutlineEntry(level=0, page=2, title="DOC 1 Nota")],
        page_sizes=[(595.0, 842.0), (842.0, 595.0)],
    )
    source = parse_raw("bijlage.pdf", raw)
    for document in source.documents:
        for message in document.messages:
            assert message.body_span.start <= message.body_span.end
            assert document.span.start <= message.span.start <= document.span.end


def test_a_crash_of_inzage_itself_is_exit_code_3_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from inzage import cli as cli_module

    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError

    monkeypatch.setattr(cli_module, "cli", broken)
    with pytest.raises(SystemExit) as stopped:
        cli_module.main()
    assert stopped.value.code == 3
    err = capsys.readouterr().err
    assert "internal error (ZeroDivisionError)" in err and "Traceback" not in err


def test_a_forwarded_mail_with_an_overlong_header_parameter_does_not_hang() -> None:
    """Refolding such a header looped forever in Python's e-mail package."""
    inner = (
        "From: Ans Wit <a.wit@example.nl>\r\nSubject: binnen\r\n"
        'Content-Type: multipart/mixed; boundary="b2"\r\n\r\n'
        "--b2\r\nContent-Type: text/plain\r\n\r\nTekst.\r\n"
        "--b2\r\nContent-Type: text/html\r\n"
        f'Content-Disposition: attachment; file{"n" * 120}ame="pagina.html"\r\n\r\n'
        "<p>x</p>\r\n--b2--\r\n"
    )
    outer = (
        "From: Ada Visser <a.visser@example.nl>\r\nSubject: FW: binnen\r\n"
        'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n'
        "--b1\r\nContent-Type: text/plain\r\n\r\nZie bijlage.\r\n"
        "--b1\r\nContent-Type: message/rfc822\r\nContent-Disposition: attachment\r\n\r\n"
        f"{inner}\r\n--b1--\r\n"
    ).encode()

    with within_seconds(20, "reading the mail hung"):
        raw = read_data(outer, "doorgestuurd.eml")
    (attachment,) = raw.attachments
    assert b"Subject: binnen" in attachment.data


def test_a_sliver_of_an_image_is_not_enlarged_to_page_width(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Brought to the detector's width, 2 × 400 px would be 1654 × 330,800 px
    (1.6 GB; a 2 × 3,000 px PNG of a few kilobytes took 12 GB)."""
    import cv2
    from PIL import Image

    from inzage.read import scan_boxes

    sizes: list[tuple[int, int]] = []
    resize = cv2.resize

    def recorded(image: Any, size: tuple[int, int], interpolation: int) -> Any:
        sizes.append(size)
        return resize(image, size, interpolation=interpolation)

    monkeypatch.setattr(cv2, "resize", recorded)  # the module scan_boxes calls it on
    assert scan_boxes.page_boxes(Image.new("RGB", (2, 400), "white")) == []
    assert all(w * h <= scan_boxes.MAX_DETECTOR_PIXELS for w, h in sizes)
    assert scan_boxes.page_boxes(Image.new("RGB", (1240, 1754), "white")) == []
    assert sizes[-1] == (scan_boxes.DETECTOR_WIDTH, 2340)  # a page is still enlarged


def test_a_box_too_small_to_hold_print_is_not_read_for_a_code() -> None:
    from PIL import Image

    from inzage.read.pixel_boxes import PixelBox
    from inzage.read.scan_boxes import _code_printed_in

    page = Image.new("RGB", (120, 160), "white")
    assert _code_printed_in(page, PixelBox(x=10, y=10, width=4, height=3), 1.0) is None


def test_front_matter_with_an_impossible_date_is_kept_as_text() -> None:
    from inzage.read.text import text_from_bytes

    raw = text_from_bytes(b"---\ndatum: 2020-13-01\n---\nEen nota.\n", "markdown", "nota.md")
    assert raw.metadata == {}
    assert "front matter is not valid YAML; kept as text" in raw.warnings
    assert "Een nota." in raw.text
