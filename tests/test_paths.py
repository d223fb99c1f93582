"""File names that are not valid UTF-8 (issue 13): shown escaped, found again."""

import os
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from inzage.paths import path_on_disk, shown_path


def test_a_utf8_name_is_shown_as_it_is() -> None:
    assert shown_path("release/besluit-é.pdf") == "release/besluit-é.pdf"


def test_a_bad_byte_is_shown_as_an_escape(tmp_path: Path) -> None:
    name = os.fsdecode(b"bad\xffbyte.txt")
    shown = shown_path(tmp_path / name)
    assert shown.endswith("bad\\xffbyte.txt")
    shown.encode("utf-8")  # printable and storable


def test_a_shown_name_finds_the_file_again(tmp_path: Path) -> None:
    real = tmp_path / os.fsdecode(b"verslag \xe9\xe9n.txt")  # Latin-1 from a Windows zip
    real.write_text("x")
    assert path_on_disk(shown_path(real)) == real


def test_a_name_that_is_really_written_with_a_backslash_x_stays(tmp_path: Path) -> None:
    real = tmp_path / "a\\x41.txt"
    real.write_text("x")
    assert path_on_disk(str(real)) == real


_NAME_BYTES = st.binary(min_size=1, max_size=40).filter(
    lambda b: b"/" not in b and b"\0" not in b and b not in (b".", b"..")
)


@settings(max_examples=60, deadline=None)
@given(name=_NAME_BYTES)
def test_every_byte_name_round_trips(name: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        real = Path(folder) / os.fsdecode(name)
        real.write_bytes(b"x")
        shown = shown_path(real)
        shown.encode("utf-8")
        assert path_on_disk(shown) == real
