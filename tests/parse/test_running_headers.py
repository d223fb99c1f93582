"""Running headers and footers: found, kept, removed, split sentences rejoined."""

from hypothesis import given, settings
from hypothesis import strategies as st

from inzage.parse.letterhead import referenced_by_running_headers
from inzage.parse.running_headers import remove_running_headers, running_header_reference
from inzage.pipeline import parse_text
from tests.builders import with_running_headers

HEADER = ["DMO-TEAMC", "Kenmerk 1234567-204321-DMO"]
WORDS = ["overleg", "gemeente", "budget", "jeugdzorg", "afspraak", "de", "het", "met", "voor"]


def paragraph(n: int) -> str:
    words = [WORDS[(n * 7 + i) % len(WORDS)] for i in range(150)]
    return "Alinea " + " ".join(words) + "."


def test_headers_are_removed_kept_and_counted() -> None:
    paragraphs = [paragraph(n) for n in range(4)]
    clean = remove_running_headers(with_running_headers(paragraphs, HEADER))
    assert clean.text == "\n\n".join(paragraphs) + "\n"
    assert clean.running_headers[:3] == [
        "DMO-TEAMC",
        "Kenmerk 1234567-204321-DMO",
        "Pagina 1 van 4",
    ]
    assert clean.pages == 4


def test_a_sentence_split_by_a_page_break_is_rejoined() -> None:
    paragraphs = [paragraph(n) for n in range(3)]
    clean = remove_running_headers(with_running_headers(paragraphs, HEADER, split_at=1))
    assert clean.text == "\n\n".join(paragraphs) + "\n"


def test_markers_and_table_rows_that_repeat_are_content() -> None:
    rows = "\n\n".join(f"NHA 1000{n} 1-3-2022 Burger {n} Cursus € 359,00" for n in range(40))
    markers = "\n\n".join(["5.1 lid 2 sub e", paragraph(1)] * 6)
    text = f"{rows}\n\n{markers}\n\nPagina 1 van 2\n\nslot\n\nPagina 2 van 2\n"
    clean = remove_running_headers(text)
    assert clean.running_headers == ["Pagina 1 van 2", "Pagina 2 van 2"]
    assert clean.text.count("5.1 lid 2 sub e") == 6
    assert clean.text.count("Burger") == 40


def test_the_pipeline_removes_headers_before_finding_markers() -> None:
    paragraphs = ["Gesproken met 5.1.2e over de " + paragraph(n) for n in range(3)]
    header = ["Ministerie van VWS", "Kenmerk 5.1.2e-204321-DMO"]
    source = parse_text(with_running_headers(paragraphs, header))
    (document,) = source.documents
    assert [r.marker for r in document.redactions] == ["5.1.2e"] * 3
    assert "Kenmerk" not in source.text
    assert document.running_headers[0] == "Ministerie van VWS"


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(0, 50), min_size=2, max_size=6),
    st.one_of(st.none(), st.integers(0, 5)),
)
def test_removing_headers_gives_back_the_text_without_them(
    seeds: list[int], split_at: int | None
) -> None:
    paragraphs = [paragraph(n) for n in seeds]
    if split_at is not None and split_at >= len(paragraphs):
        split_at = None
    clean = remove_running_headers(with_running_headers(paragraphs, HEADER, split_at))
    assert clean.text == "\n\n".join(paragraphs) + "\n"
    assert remove_running_headers(clean.text).text == clean.text


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(0, 50), min_size=2, max_size=6),
    st.sampled_from(["top", "bottom"]),
    st.booleans(),
)
def test_every_page_break_outlives_the_headers_around_it(
    seeds: list[int], place: str, split_sentences: bool
) -> None:
    """A PDF's pages are joined by a form feed on its own line; page numbers on
    documents count them, so header removal must keep every one, whether the
    header stands at the top or the bottom of a page and whether a sentence
    runs on over the break."""
    pages = []
    for number, seed in enumerate(seeds, start=1):
        text = paragraph(seed)
        if split_sentences:
            text = text.rstrip(".")  # the sentence goes on over the page break
        header = f"Pagina {number} van {len(seeds)}\n{HEADER[1]}"
        pages.append(f"{header}\n{text}" if place == "top" else f"{text}\n{header}")
    clean = remove_running_headers("\n\f\n".join(pages))
    assert clean.text.count("\f") == len(seeds) - 1
    assert "Pagina" not in clean.text and clean.running_headers


# --- issue 17: a nota's three-line page header without page numbers ----------------


def kenmerk_pages(paragraphs: list[str], unit: str, number: str) -> str:
    """Pages of a nota that each start with its page header: unit code, "Kenmerk",
    the reference number, no page number."""
    return "\n\n".join(f"{unit}\n\nKenmerk\n\n{number}\n\n{p}" for p in paragraphs) + "\n"


def test_a_three_line_page_header_is_removed_and_read() -> None:
    paragraphs = [paragraph(n) for n in range(3)]
    clean = remove_running_headers(kenmerk_pages(paragraphs, "DWO", "4412345-223344-DWO"))
    assert clean.text.split() == "\n\n".join(paragraphs).split()
    assert clean.running_headers == ["DWO", "Kenmerk", "4412345-223344-DWO"]
    assert running_header_reference(clean.running_headers) == "4412345-223344-DWO"


def test_the_letterheads_own_kenmerk_stays() -> None:
    """The Kenmerk of the letterhead (not under the unit line) is the memo's field."""
    pages = [paragraph(n) for n in range(3)]
    letterhead = "Datum\n\n12 maart 2031\n\nKenmerk\n\n4412345-223344-DWO\n\nBetreft\n\nOverleg\n\n"
    clean = remove_running_headers(letterhead + kenmerk_pages(pages, "DWO", "4412345-223344-DWO"))
    assert clean.text.startswith(letterhead)
    assert clean.text.count("Kenmerk") == 1


def test_a_redacted_reference_in_the_header_stays_a_marker() -> None:
    paragraphs = [paragraph(n) for n in range(3)]
    clean = remove_running_headers(kenmerk_pages(paragraphs, "DWO", "5.1.2e"))
    assert clean.text.count("5.1.2e") == 3
    assert "Kenmerk" not in clean.text
    assert running_header_reference(clean.running_headers) is None


def test_kenmerk_blocks_close_together_are_content() -> None:
    """A table that repeats "Kenmerk" and a number row by row is no page furniture."""
    rows = "\n\n".join("DWO\n\nKenmerk\n\n4412345-223344-DWO\n\nkort" for _ in range(4))
    assert remove_running_headers(rows).running_headers == []


def test_a_fragment_of_a_memo_gets_the_kenmerk_of_its_headers() -> None:
    body = [f"{n + 3} Punt van overleg\n\n{paragraph(n)}" for n in range(3)]
    source = parse_text("het vervolg.\n\n" + kenmerk_pages(body, "DWO", "4412345-223344-DWO"))
    (document,) = source.documents
    referenced_by_running_headers(document)
    assert document.kind == "memo"
    assert document.fields == {"reference": "4412345-223344-DWO", "case_number": "223344"}


def test_no_reference_where_the_headers_disagree_or_are_absent() -> None:
    assert running_header_reference(["Pagina 1 van 2", "Pagina 2 van 2"]) is None
    two = ["Kenmerk", "4412345-223344-DWO", "Kenmerk 5512345-223344-DWO"]
    assert running_header_reference(two) is None
    document = parse_text("Tekst zonder kop.\n").documents[0]
    referenced_by_running_headers(document)
    assert (document.kind, document.fields) == ("other", {})


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(0, 50), min_size=2, max_size=6),
    st.from_regex(r"[A-Z]{2,5}(-[A-Z]{2,5})?", fullmatch=True),
    st.from_regex(r"[1-9][0-9]{6}-[0-9]{6}", fullmatch=True),
)
def test_three_line_headers_at_any_page_length(seeds: list[int], unit: str, number: str) -> None:
    """Pages of any length (hence headers at random intervals), any unit code and
    number: the headers go, the text stays, the Kenmerk is read back."""
    paragraphs = [paragraph(n)[: 700 + 37 * n] for n in seeds]
    clean = remove_running_headers(kenmerk_pages(paragraphs, unit, f"{number}-{unit}"))
    assert clean.text.split() == "\n\n".join(paragraphs).split()
    assert running_header_reference(clean.running_headers) == f"{number}-{unit}"
