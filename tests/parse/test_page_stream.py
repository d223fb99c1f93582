"""Where a PDF bundle's documents begin, as its pages say: outline, page
numbering, document stamps and page size, each in its order of trust."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from inzage.parse.page_stream import PageCut, page_cuts
from inzage.read.text import OutlineEntry

A4 = (595.0, 842.0)
A4_SIDEWAYS = (842.0, 595.0)


def body(words: str = "De gemeente heeft het verzoek ontvangen.") -> str:
    return f"{words}\nNog een regel tekst."


def cut_pages(cuts: list[PageCut]) -> list[tuple[int, str]]:
    return [(cut.page, cut.reason) for cut in cuts]


def test_bookmarks_that_name_documents_cut_and_keep_their_titles() -> None:
    pages = [body() for _ in range(6)]
    outline = [
        OutlineEntry(0, 1, "Besluit op uw verzoek"),
        OutlineEntry(0, 3, "Documenten"),
        OutlineEntry(1, 3, "DOC 1 Waarschuwing_Geredigeerd"),
        OutlineEntry(1, 5, "DOC 1a Verslag"),
    ]
    cuts = page_cuts(pages, outline)
    assert cut_pages(cuts) == [(3, "outline"), (5, "outline")]
    assert [c.title for c in cuts] == ["DOC 1 Waarschuwing_Geredigeerd", "DOC 1a Verslag"]
    assert all(c.whole for c in cuts)


def test_bookmarks_for_pages_or_chapters_name_no_documents() -> None:
    pages = [body() for _ in range(4)]
    per_page = [OutlineEntry(0, n, f"Page {n}") for n in range(1, 5)]
    page_numbers = [OutlineEntry(0, n, str(n)) for n in range(1, 5)]
    chapters = [OutlineEntry(0, 1, "Inleiding"), OutlineEntry(0, 3, "Bijlagenoverzicht")]
    for outline in (per_page, page_numbers, chapters):
        assert page_cuts(pages, outline) == []
    numbered = [OutlineEntry(0, 1, "12"), OutlineEntry(0, 3, "13")]
    assert cut_pages(page_cuts(pages, numbered)) == [(1, "outline"), (3, "outline")]


def test_a_range_the_outline_names_is_not_cut_by_the_pages_in_it() -> None:
    pages = ["Pagina 1 van 1\n" + body(), "Pagina 1 van 2\n" + body(), "Pagina 2 van 2\n" + body()]
    cuts = page_cuts(pages, [OutlineEntry(0, 1, "Document 4")])
    assert cut_pages(cuts) == [(1, "outline")]  # numbering would cut at 2; the outline says no


def test_page_numbering_that_restarts_or_ends_opens_a_document() -> None:
    pages = [
        "Pagina 1 van 2\n" + body(),
        body() + "\nPagina 2 van 2",
        body(),  # after the last page of a numbering
        body(),
        "Page 1 of 1\n" + body("Geachte mevrouw,"),
        "Rapport 12. Pag. 1 van 1.\n" + body(),  # a numbered page after a numbered page
    ]
    assert cut_pages(page_cuts(pages)) == [(3, "numbering"), (5, "numbering"), (6, "numbering")]


def test_a_changing_document_stamp_opens_a_document() -> None:
    pages = [f"Document {n}\n" + body() for n in (7, 7, 8, 9, 9)]
    assert cut_pages(page_cuts(pages)) == [(3, "stamp"), (4, "stamp")]


def test_an_annex_heading_opens_a_document_but_a_row_of_annexes_does_not() -> None:
    pages = [
        body("Dit is de brief."),
        "Bijlage 1 – Relevante artikelen\nArtikel 1",
        "Bijlage 2\nInventarislijst",
        "Bijlage 3 Planning 05-03-2018 niet openbaar\nBijlage 4 Presentatie 06-03-2018 openbaar",
        "Bijlagen: 2\nDe stukken volgen.",
        "Bijlage 1 bij dit rapport toont de foto's die\nde inspecteurs maakten.",
        "Bijlage 2 bevat de lijst van stukken.\nDe lijst is volledig.",
    ]
    assert cut_pages(page_cuts(pages)) == [(2, "heading"), (3, "heading")]


def test_a_change_of_page_size_opens_a_document_unless_the_text_runs_on() -> None:
    pages = [body(f"Stuk {n} begint hier.") for n in range(4)]
    sizes = [A4, A4, A4_SIDEWAYS, A4]
    assert cut_pages(page_cuts(pages, sizes=sizes)) == [(3, "layout"), (4, "layout")]
    # A sentence that goes on over the page: one document on two paper sizes.
    running = ["Het college heeft besloten dat", "de vergunning wordt verleend.", body()]
    assert cut_pages(page_cuts(running, sizes=[A4, A4_SIDEWAYS, A4])) == [(3, "layout")]
    # The signed last page of a letter, scanned on other paper.
    signed = [body("Het besluit volgt hieronder."), "Hoogachtend,\nDe burgemeester"]
    assert page_cuts(signed, sizes=[A4, A4_SIDEWAYS]) == []
    # A wide table printed again with its heading row on the next sheet.
    table = ["Nr Datum Omschrijving\n1 2020 Brief", "Nr Datum Omschrijving\n2 2020 Nota"]
    assert page_cuts(table, sizes=[A4, A4_SIDEWAYS]) == []


def test_numbering_that_counts_from_a_letters_second_page_opens_nothing() -> None:
    pages = [body("Geachte heer,"), "Pagina 1 van 2\n" + body(), "Pagina 2 van 2\n" + body()]
    assert page_cuts(pages) == []


def test_numbering_across_a_blank_page_of_another_size_keeps_one_document() -> None:
    pages = ["Pagina 5 van 7\n" + body(), "", "Pagina 7 van 7\n" + body()]
    assert page_cuts(pages, sizes=[A4, A4_SIDEWAYS, A4]) == []


@st.composite
def numbered_bundles(draw: st.DrawFn) -> tuple[list[str], list[int]]:
    """Documents of 1 to 4 pages, each page numbered "Pagina i van n" at the top
    or the bottom, some with a document stamp; and the pages that open them."""
    lengths = draw(st.lists(st.integers(1, 4), min_size=1, max_size=8))
    pages: list[str] = []
    starts: list[int] = []
    for number, length in enumerate(lengths, start=1):
        starts.append(len(pages) + 1)
        stamped = draw(st.booleans())
        for page in range(1, length + 1):
            numbering = f"Pagina {page} van {length}"
            lines = [body(draw(st.sampled_from(["Zie de bijlage.", "Met vriendelijke groet,"])))]
            lines.insert(0 if draw(st.booleans()) else 1, numbering)
            if stamped:
                lines.insert(0, f"Document {number}")
            pages.append("\n".join(lines))
    return pages, starts


@settings(max_examples=60, deadline=None)
@given(numbered_bundles())
def test_every_numbered_document_is_found(bundle: tuple[list[str], list[int]]) -> None:
    pages, starts = bundle
    assert [cut.page for cut in page_cuts(pages)] == starts[1:]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.text(st.characters(codec="utf-8", exclude_characters="\f"), max_size=80)),
    st.lists(st.tuples(st.integers(0, 3), st.integers(1, 12), st.text(max_size=20)), max_size=6),
)
def test_cuts_are_pages_of_the_file_in_order(
    pages: list[str], bookmarks: list[tuple[int, int, str]]
) -> None:
    outline = [OutlineEntry(level, page, title) for level, page, title in bookmarks]
    cuts = page_cuts(pages, outline, sizes=[A4] * len(pages))
    numbers = [cut.page for cut in cuts]
    assert numbers == sorted(set(numbers))
    assert all(1 <= n <= max(1, len(pages)) for n in numbers)
    assert all(cut.page > 1 or cut.reason == "outline" for cut in cuts)
