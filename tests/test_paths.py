"""File names that are not valid UTF-8 (issue 13): shown escaped, found again."""

import os
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from inzage.cli import cli
from inzage.paths import files_below, path_on_disk, shown_path


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


def _odd_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "release"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "nota.txt").write_text("Een nota.")
    (folder / "a.txt").write_text("Een brief.")
    (folder / "lus").symlink_to("lus")  # a link to itself
    (folder / "weg").symlink_to("bestaat-niet")
    (folder / "sub" / "omhoog").symlink_to("..")  # a folder that contains itself
    (folder / "gekoppeld").symlink_to(folder / "sub")  # a linked folder: followed
    os.mkfifo(folder / "pijp")
    return folder


def test_files_below_names_every_skipped_entry_with_its_reason(tmp_path: Path) -> None:
    folder = _odd_folder(tmp_path)
    skipped: list[tuple[str, str]] = []
    files = list(files_below(folder, lambda p, why: skipped.append((p.name, why))))
    assert [p.relative_to(folder).as_posix() for p in files] == [
        "a.txt",
        "gekoppeld/nota.txt",
        "sub/nota.txt",
    ]
    reasons = dict(skipped)
    assert reasons["lus"] == "symbolic link loop"
    assert reasons["weg"].startswith("broken symbolic link")
    assert reasons["omhoog"].startswith("symbolic link loop")
    assert reasons["pijp"] == "not a regular file"
    assert len(skipped) == 5  # omhoog is met twice: in sub/ and in gekoppeld/


def test_parse_says_on_stderr_what_it_skipped(tmp_path: Path) -> None:
    folder = _odd_folder(tmp_path)
    result = CliRunner().invoke(cli, ["parse", "-r", str(folder)])
    assert result.exit_code == 0
    assert f"{folder / 'lus'}: skipped: symbolic link loop" in result.stderr
    assert result.stdout.count("text, utf-8") == 3  # a.txt and nota.txt twice


def test_a_link_loop_given_by_name_says_so(tmp_path: Path) -> None:
    folder = _odd_folder(tmp_path)
    result = CliRunner().invoke(cli, ["parse", str(folder / "lus")])
    assert result.exit_code == 1
    assert "lus: symbolic link loop" in result.stderr
