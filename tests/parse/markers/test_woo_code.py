import pytest

from inzage.parse.markers.recognisers import WooCodeRecogniser
from tests.assertions import assert_markers, assert_no_markers


@pytest.fixture(scope="module")
def recogniser() -> WooCodeRecogniser:
    return WooCodeRecogniser()


@pytest.mark.parametrize(
    ("text", "marker", "codes"),
    [
        ("Van: 5.1.2e", "5.1.2e", ["5.1.2e"]),
        ("Van: 5.1.2.e", "5.1.2.e", ["5.1.2e"]),
        ("Van: 5.1.2 e", "5.1.2 e", ["5.1.2e"]),
        ("Van: 5.1.2 sub e", "5.1.2 sub e", ["5.1.2e"]),
        ("Van: 5.1.2E", "5.1.2E", ["5.1.2e"]),
        ("gesproken met 5.1.2e) over", "5.1.2e)", ["5.1.2e"]),
        ("(5.1.2e)", "(5.1.2e)", ["5.1.2e"]),
        ("[5.1.2i]", "[5.1.2i]", ["5.1.2i"]),
        ("5.1.1c", "5.1.1c", ["5.1.1c"]),
        ("5.1.1e", "5.1.1e", ["5.1.1e"]),
        ("5.1.2a", "5.1.2a", ["5.1.2a"]),
        ("5.1.2h", "5.1.2h", ["5.1.2h"]),
        ("5.1.2e Woo", "5.1.2e Woo", ["5.1.2e"]),
        ("5.1.2e en i", "5.1.2e en i", ["5.1.2e", "5.1.2i"]),
        ("5.1.2e, 5.1.2i", "5.1.2e, 5.1.2i", ["5.1.2e", "5.1.2i"]),
        ("5.1.2e/5.1.2i", "5.1.2e/5.1.2i", ["5.1.2e", "5.1.2i"]),
        ("5.1.2e; 5.2", "5.1.2e; 5.2", ["5.1.2e", "5.2"]),
        ("5.2.1,5.1.2.f", "5.2.1,5.1.2.f", ["5.2", "5.1.2f"]),
        ("groet,5.1.2.e", "5.1.2.e", ["5.1.2e"]),
    ],
)
def test_accepts(recogniser: WooCodeRecogniser, text: str, marker: str, codes: list[str]) -> None:
    assert_markers(text, [(marker, codes)])
    assert any(f.score > 0 for f in recogniser.find(text))


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("5.1.4", ["5.1.4"]),
        ("5.1.5", ["5.1.5"]),
        ("5.1.6", ["5.1.6"]),
        ("5.2", ["5.2"]),
        ("5.2.1", ["5.2"]),
        ("5.2.2", ["5.2.2"]),
        ("5.4", ["5.4"]),
        ("5.4a", ["5.4a"]),
        ("5.1.2", ["5.1.2e"]),  # cut off at its letter: the letter of the full code beside it
        ("512e", ["5.1.2e"]),
    ],
)
def test_bare_numbers_count_beside_a_marker(text: str, codes: list[str]) -> None:
    """A bare number is a marker where it stands in a line of markers of its notation."""
    analysis = assert_markers(f"5.1.2e {text}", [("5.1.2e", ["5.1.2e"]), (text, codes)])
    assert analysis.redactions[1].confidence < 1


@pytest.mark.parametrize(
    "text",
    [
        "## 5.1 Inleiding",
        "5.1.2 Doelstelling van het project",
        "Zie paragraaf 5.2 voor de details.",
        "zoals in hoofdstuk 5.4 beschreven",
        "Het budget steeg met 5.2 miljoen euro.",
        "Een stijging van 5.2%.",
        "versie 5.1.2 van de software",
        "Op 5.1.2020 is het besloten.",
        "Python 3.11 en 5.1.2 zijn geïnstalleerd",
        "de kosten bedragen € 5.2",
        "IP-adres 10.5.1.2e",
        "Beoordelingspunt 5.2 Zitten tijdens werk",
        "Deze regel eindigt met 5.2",
    ],
)
def test_look_alikes_are_not_markers(text: str) -> None:
    assert_no_markers(text)


def test_bare_number_alone_needs_markers_of_its_notation() -> None:
    without = "Inhoud\n\n5.2\n\nBetrokkenen\n"
    assert_no_markers(without)
    with_codes = "Van: 5.1.2e\n\n5.2\n\nDe rest van de tekst.\n"
    assert_markers(with_codes, [("5.1.2e", ["5.1.2e"]), ("5.2", ["5.2"])])
