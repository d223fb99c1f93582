"""Reading text files: encodings, front matter, normalisation and bad input."""

import os
from pathlib import Path

import pytest

from inzage.errors import (
    BinaryInputError,
    DecodeError,
    EmptyInputError,
    MissingInputError,
    NotAFileError,
    TooLargeError,
    UnsupportedFormatError,
)
from inzage.read.text import decode, read_text_file, text_from_bytes

SAMPLE = "Betreft: café in Zürich — één overleg"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (SAMPLE.encode("cp1252"), "cp1252"),
        ("\ufeff".encode("utf-16-le") + SAMPLE.encode("utf-16-le"), "utf-16"),
        ("Café".encode("latin-1") * 20 + b"\x81", "iso8859_15"),
    ],
)
def test_encodings(data: bytes, encoding: str) -> None:
    raw = text_from_bytes(data)
    assert raw.encoding == encoding
    assert raw.text.startswith("Betreft: café" if "Betreft" in raw.text else "Café")


def test_line_endings_and_spaces_are_normalised_one_for_one() -> None:
    raw = text_from_bytes("a\r\nb\rc\u00a0d\u202fe".encode())
    assert raw.text == "a\nb\nc d e"


def test_front_matter_becomes_metadata_and_leaves_the_text() -> None:
    data = (
        b"---\ntitle: Nota overleg\npage_count: 3\nocr_used: false\ndate: 2024-05-06\n---\n\nTekst"
    )
    raw = text_from_bytes(data, "markdown")
    assert raw.metadata == {
        "title": "Nota overleg",
        "page_count": 3,
        "ocr_used": False,
        "date": "2024-05-06",
    }
    assert raw.text == "\nTekst"


def test_broken_front_matter_is_a_warning_and_stays_text() -> None:
    raw = text_from_bytes(b"---\ntitle: [unclosed\n---\nTekst")
    assert raw.metadata == {}
    assert raw.text.startswith("---")
    assert raw.warnings == ["front matter is not valid YAML; kept as text"]


def test_a_few_nul_characters_are_replaced_with_a_warning() -> None:
    data = b"De (de\x00nitieve) oplossing volgt later. " * 3 + b"Gewone tekst. " * 100
    raw = text_from_bytes(data)
    assert "\x00" not in raw.text and "de\ufffdnitieve" in raw.text
    assert len(raw.text) == len(data)
    assert raw.warnings == ["3 control characters replaced by U+FFFD (often a lost ligature)"]


def test_sha256_is_of_the_raw_bytes() -> None:
    import hashlib

    data = b"\xef\xbb\xbfTekst\r\n"
    assert text_from_bytes(data).sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (b"", EmptyInputError),
        (b"\x00\x01\x02\x03" * 100, BinaryInputError),
        (bytes(range(256)) * 40, BinaryInputError),
        (b"\x81\x8d\x8f\x90\x9d" * 100, DecodeError),
    ],
)
def test_bad_content(tmp_path: Path, content: bytes, error: type[Exception]) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(error) as caught:
        read_text_file(path)
    assert str(path) in str(caught.value)
    assert path.read_bytes() == content


def test_bad_paths(tmp_path: Path) -> None:
    with pytest.raises(MissingInputError):
        read_text_file(tmp_path / "missing.txt")
    with pytest.raises(NotAFileError, match="directory"):
        read_text_file(tmp_path)
    pdf = tmp_path / "bundle.pdf"
    pdf.write_bytes(b"%PDF-1.7")
    with pytest.raises(UnsupportedFormatError, match="PDF"):
        read_text_file(pdf)


def test_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:
        handle.truncate(2_000_001)
    with pytest.raises(TooLargeError, match=r"2\.0 MB; the limit is 1\.0 MB"):
        read_text_file(path, max_bytes=1_000_000)


def test_messages_never_contain_content(tmp_path: Path) -> None:
    path = tmp_path / "junk.txt"
    path.write_bytes(os.urandom(4096).replace(b"\x00", b"\x01") + b"GEHEIM")
    with pytest.raises((BinaryInputError, DecodeError)) as caught:
        read_text_file(path)
    assert "GEHEIM" not in str(caught.value)


def test_mac_roman_is_told_from_windows_1252() -> None:
    text = "Geachte heer Kramsvéld,\nWij zijn één mening toegedaan — zie § 3.\n"
    assert decode(text.encode("mac_roman"), "a.txt") == (text, "mac_roman")
    assert decode(text.encode("cp1252"), "a.txt") == (text, "cp1252")
