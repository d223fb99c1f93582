import pytest

from tests.assertions import assert_markers, assert_no_markers


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("10.2.e", ["5.1.2e"]),
        ("10.2e", ["5.1.2e"]),
        ("10.2 e", ["5.1.2e"]),
        ("10 2 e", ["5.1.2e"]),
        ("wob102e", ["5.1.2e"]),
        ("art10.2e", ["5.1.2e"]),
        ("artıkel10.2e", ["5.1.2e"]),  # a dotless i, which a pattern ignoring case reads as i
        ("ARTIKEL10.2E", ["5.1.2e"]),
        ("art. 10.2.e", ["5.1.2e"]),
        ("10.1c", ["5.1.1c"]),
        ("10.2f", ["5.1.4"]),
        ("10.7a", ["5.1.2g"]),
        ("10.7b", ["5.1.2h"]),
        ("10.2.e en 10.2.g", ["5.1.2e", "10.2g"]),
    ],
)
def test_accepts(text: str, codes: list[str]) -> None:
    analysis = assert_markers(f"Van: {text}", [(text, codes)])
    assert all(g.law == "Wob" for g in analysis.redactions[0].grounds)


@pytest.mark.parametrize(("text", "codes"), [("11.1", ["5.2"]), ("11.2", ["5.2.2"])])
def test_bare_codes_count_in_a_text_with_wob_markers(text: str, codes: list[str]) -> None:
    assert_markers(f"Van: 10.2.e\n\n{text}\n", [("10.2.e", ["5.1.2e"]), (text, codes)])


@pytest.mark.parametrize(
    "text",
    [
        "datum 10.2.2020",
        "netwerk 10.2.1.5",
        "dit kost 10.2 miljoen",
        "het cijfer 11.1%",
        "de 102e vergadering",
        "## 10.2 Resultaten",
        "zie paragraaf 11.1",
        "tabel 10.7 laat zien",
        "10.2e-mails",
    ],
)
def test_look_alikes(text: str) -> None:
    assert_no_markers(text)


def test_spaced_article_numbers_of_other_documents_are_not_markers() -> None:
    assert_no_markers("Cao provincies\n\nArtikel 10. 1. 4 Einde arbeidsovereenkomst")
