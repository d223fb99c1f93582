import pytest
from hypothesis import given
from hypothesis import strategies as st

from inzage.parse.artefacts import repair_artefacts


@pytest.mark.parametrize(
    ("text", "repaired"),
    [
        ("• eerste punt\n• tweede punt", "- eerste punt\n- tweede punt"),
        ("o Voortgang\no Budget", "- Voortgang\n- Budget"),
        ("- o Voortgang van de agenda", "  - Voortgang van de agenda"),
        ("o o Voortgang", "  - Voortgang"),
        ("\uf0b7\tpunt een", "- punt een"),
        ("0\tpunt een", "- punt een"),
        ("▪ item", "- item"),
        ("de overeen-\nkomst is getekend", "de overeenkomst is getekend"),
    ],
)
def test_repairs(text: str, repaired: str) -> None:
    assert repair_artefacts(text) == repaired


@pytest.mark.parametrize(
    "text",
    [
        "0 norm, kan ongeveer 15 kg tillen",
        "provincie Noord-\nHolland",
        "Directie Wajong-\n\nvolgende alinea",
        "e-mail en 5.1.2e",
        "o",
        "overleg met o.a. de VNG",
    ],
)
def test_left_alone(text: str) -> None:
    assert repair_artefacts(text) == text


@given(st.text(alphabet="oo0•- \t\nabcAB5.1.2e-", max_size=80))
def test_idempotent(text: str) -> None:
    once = repair_artefacts(text)
    assert repair_artefacts(once) == once
