import gzip
from importlib.resources import files
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inzage.detect.personal.lexicon import is_dutch_word, place_names, reads_as_dutch
from tests.bench_scripts import load_bench_script


@pytest.mark.parametrize(
    ("word", "dutch"),
    [
        ("misdaad", True),
        ("Misdaad", True),  # looked up in lower case
        ("datalekken", True),  # a plural after a doubled consonant
        ("shows", True),  # a plural in -s
        ("dynamische", True),  # an inflected adjective
        ("Hedviga", False),
        ("Kovářík", False),
        ("Gelderland", False),  # proper nouns are not looked up: some are persons
    ],
)
def test_dutch_words(word: str, dutch: bool) -> None:
    assert is_dutch_word(word) is dutch


@pytest.mark.parametrize(
    ("word", "dutch"),
    [
        ("reactiedatum", True),
        ("Bedrijfsregels", True),  # a linking s
        ("Gustafsson", False),
        ("Brouwersma", False),
    ],
)
def test_compounds_read_as_dutch(word: str, dutch: bool) -> None:
    assert reads_as_dutch(word) is dutch


@given(st.text(alphabet="qxzjkvw", min_size=9, max_size=16))
def test_letters_without_vowels_are_no_dutch_word(word: str) -> None:
    assert not is_dutch_word(word)
    assert not reads_as_dutch(word)


def test_place_names_hold_cities_and_provinces_in_lower_case() -> None:
    places = place_names()
    assert {"breda", "zuid-holland", "nederhorst den berg"} <= places
    assert all(place == place.lower() for place in places)


def test_the_shipped_word_list_is_the_scripts_output_of_one_word_entries() -> None:
    shipped = gzip.decompress(
        files("inzage.data").joinpath("opentaal-words.txt.gz").read_bytes()
    ).decode("utf-8")
    words = shipped.splitlines()
    assert len(words) > 300_000
    assert words == sorted(set(words))
    assert not any(" " in word or not word for word in words)


def test_the_script_keeps_one_word_entries_sorted_once(tmp_path: Path) -> None:
    script = load_bench_script("opentaal_words", folder="scripts")
    source = tmp_path / "dutch"
    source.write_text("zebra\nappel\nAa en Hunze\nappel\n\nGelderland\n", encoding="utf-8")
    target = tmp_path / "words.txt.gz"
    assert script.main(["--source", str(source), "--target", str(target)]) == 0
    assert gzip.decompress(target.read_bytes()).decode() == "Gelderland\nappel\nzebra\n"
    assert script.main(["--source", str(tmp_path / "absent"), "--target", str(target)]) == 1
