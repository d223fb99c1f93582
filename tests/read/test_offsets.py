"""Offsets in normalised text map back into the text as decoded."""

from hypothesis import given
from hypothesis import strategies as st

from inzage.read.offsets import normalise_mapped
from inzage.read.text import normalise

PIECES = st.sampled_from(
    ["a", "Anna", " ", "\n", "\r\n", "\r", "\u00a0", "e\u0301", "\u00e9", "\u2028", "x\u0308\u0301"]
)


@given(st.lists(PIECES, max_size=40))
def test_the_mapped_text_is_the_normalised_text(pieces: list[str]) -> None:
    text = "".join(pieces)
    normal, _ = normalise_mapped(text)
    assert normal == normalise(text)


@given(st.lists(PIECES, max_size=40))
def test_a_word_maps_back_onto_itself(pieces: list[str]) -> None:
    text = "".join(pieces)
    normal, mapping = normalise_mapped(text)
    start = normal.find("Anna")
    if start != -1:
        original = mapping.original(start)
        assert text[original : mapping.original(start + 4)] == "Anna"
    assert mapping.original(len(normal)) == len(text)


def test_crlf_and_accents_move_offsets() -> None:
    text = "Beste Ame\u0301lie,\r\n\r\nGroet,\r\nAnna"
    normal, mapping = normalise_mapped(text)
    start = normal.index("Anna")
    assert text[mapping.original(start) : mapping.original(start + 4)] == "Anna"
    first = normal.index("Amélie")
    assert text[mapping.original(first) : mapping.original(first + 6)] == "Ame\u0301lie"
