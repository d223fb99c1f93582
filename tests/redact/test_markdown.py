"""A Markdown text as its reader reads it, and the way back to the file."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from inzage.redact.markdown import markdown_occurrences, read_as
from inzage.redact.matching import Needle

NEEDLE = Needle("Wouter Kramsvéld", "5.1.2e")


def test_marks_tags_entities_and_percent_encoding_are_read_through() -> None:
    text = "Aan *Wou*<b>ter</b>&nbsp;Kr&#97;msv%C3%A9ld."
    seen = read_as(text)
    assert seen.text == "Aan Wouter\u00a0Kramsvéld."
    [(start, end, _)] = markdown_occurrences(text, [NEEDLE])
    assert text[start:end] == "Wou*<b>ter</b>&nbsp;Kr&#97;msv%C3%A9ld"


def test_plain_text_is_not_matched_twice() -> None:
    assert markdown_occurrences("Aan Wouter Kramsvéld.", [NEEDLE]) == []


def test_an_unknown_entity_and_a_lone_percent_stay_as_written() -> None:
    assert read_as("5 % meer &foo; en 100%").text == "5 % meer &foo; en 100%"


PIECES = st.sampled_from(
    ["Wouter", " ", "Kramsveld", "**", "_", "<i>", "</i>", "&amp;", "&#233;", "%20", "%C3%A9", "."]
)


@given(st.lists(PIECES, max_size=30))
def test_every_stretch_read_maps_back_to_what_it_was_read_from(pieces: list[str]) -> None:
    text = "".join(pieces)
    seen = read_as(text)
    for start in range(len(seen.text)):
        for end in range(start + 1, min(start + 6, len(seen.text)) + 1):
            begin, finish = seen.origin(start, end)
            assert 0 <= begin < finish <= len(text)
            # a construct is read whole: its stretch may read as more
            assert seen.text[start:end] in read_as(text[begin:finish]).text
