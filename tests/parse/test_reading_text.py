"""Titles and reading text of converted releases (issue 17, class 5): titles from
front matter or the first heading, no converter layout in what a reader sees."""

from hypothesis import given, settings
from hypothesis import strategies as st

from inzage.parse.documents import front_matter_title
from inzage.pipeline import parse_text
from inzage.read.text import split_source_footer, text_from_bytes
from inzage.serve.views import reading
from inzage.store.terms import parse_query, snippet

FOOTER = (
    "\n\n---\n\nBron: [Besluit op het verzoek](https://www.example.nl/woo/besluit) · "
    "[Bijlage 1 (PDF, 145 kB)](https://www.example.nl/files/bijlage-1.pdf)\n"
)


def test_the_source_footer_leaves_the_text_for_the_metadata() -> None:
    raw = text_from_bytes(
        b"---\npdf_label: Bijlage 1 (PDF, 145 kB)\n---\nDe tekst van de bijlage." + FOOTER.encode(),
        "markdown",
    )
    assert raw.text == "De tekst van de bijlage.\n"
    assert raw.metadata["source_footer"].startswith("Bron: [Besluit op het verzoek]")


def test_a_rule_in_the_middle_of_a_text_is_no_footer() -> None:
    text = "Deel een.\n\n---\n\nBron: [a](https://example.nl/a)\n\nDeel twee volgt hier.\n"
    assert split_source_footer(text) == (None, text)


def test_plain_text_keeps_a_footer_like_ending() -> None:
    raw = text_from_bytes(b"Tekst." + FOOTER.encode(), "text")
    assert "Bron:" in raw.text


def test_the_front_matter_names_the_document() -> None:
    assert front_matter_title({"pdf_label": "Bijlage 2. Overzicht (PDF, 297 kB)"}) == (
        "Bijlage 2. Overzicht"
    )
    assert front_matter_title({"publication_title": "Besluit Woo-verzoek"}) == (
        "Besluit Woo-verzoek"
    )
    assert front_matter_title({"title": "Nota", "publication_title": "Besluit"}) == "Nota"
    assert front_matter_title({"chunk": "123", "date": "2021-01-01"}) is None


def test_the_first_heading_names_a_document_without_a_title() -> None:
    text = "## 2024\n\n# Verslag projectgroep archief\n\n## 1 Actualiteit\n\nTekst.\n"
    (document,) = parse_text(text, fmt="markdown").documents
    assert document.title == "Verslag projectgroep archief"


def test_a_numbered_heading_or_a_closing_is_no_title() -> None:
    text = "## 1. Aanleiding\n\nTekst.\n\n#### Dank en groet,\n\nNog meer tekst.\n"
    (document,) = parse_text(text, fmt="markdown").documents
    assert document.title is None


def test_a_box_at_the_end_of_a_title_is_dropped() -> None:
    text = "# Besluit op uw verzoek █\n\nTekst.\n"
    (document,) = parse_text(text, fmt="markdown").documents
    assert document.title == "Besluit op uw verzoek"


def test_heading_marks_are_not_shown_in_a_body() -> None:
    text = "Van ons:\n## Stand van zaken\n\n### Debat\n- Het debat\n"
    assert reading(text, 0, len(text)) == "Van ons:\nStand van zaken\n\nDebat\n- Het debat\n"
    start = text.index("Stand van zaken")
    assert reading(text, start - 1, len(text)) == " Stand van zaken\n\nDebat\n- Het debat\n"


def test_a_snippet_has_no_heading_marks_and_no_box_at_its_end() -> None:
    found = snippet("## Stand van zaken\n\n- Het debat ging over █", parse_query("debat"))
    assert found.text == "Stand van zaken - Het debat ging over"
    start, end = found.highlights[0]
    assert found.text[start:end] == "debat"


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=6), st.sampled_from(["debat", "nota", "█"])),
        min_size=1,
        max_size=12,
    )
)
def test_snippet_highlights_stay_on_their_words(lines: list[tuple[int, str]]) -> None:
    text = "\n".join(("#" * hashes + " " if hashes else "") + word for hashes, word in lines)
    found = snippet(text, parse_query("debat"))
    assert "#" not in found.text
    assert not found.text.rstrip(" …").endswith("█")
    for start, end in found.highlights:
        assert found.text[start:end] == "debat"
