"""Inventory lists: a kind of their own, whose ground codes are cited, not redactions."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from inzage.parse.inventory import is_inventory
from inzage.pipeline import parse_text

HEADER = "Inventarislijst bij het besluit op uw Wob-verzoek\nNr. Datum Document Beoordeling Wob"
# Wob code → Woo code, as the grounds catalogue maps them.
CODES = {"10.2.e": "5.1.2e", "10.2.g": "10.2g", "11.1": "5.2", "10.2.b": "5.1.2b"}


def test_an_inventory_cites_its_grounds_and_redacts_nothing_but_its_boxes() -> None:
    rows = [
        "1 04-05-2021 E-mail over de planning Deels openbaar 10.2.e",
        "2 05-05-2021 Nota aan de wethouder Deels openbaar 10.2.e; 11.1",
        "3 06-05-2021 Verslag stuurgroep Openbaar",
        "4 07-05-2021 Memo financiën Niet openbaar 10.2.b",
        "5 08-05-2021 Brief aan █ Deels openbaar 10.2.e",
        "6 09-05-2021 Agenda overleg Openbaar",
    ]
    [document] = parse_text(HEADER + "\n" + "\n".join(rows)).documents
    assert document.kind == "inventory"
    assert document.fields["grounds_cited"] == "5.1.2e, 5.2, 5.1.2b"
    assert [r.marker for r in document.redactions] == ["█"]  # a box over a cell redacts


def test_a_memo_with_numbered_sections_is_no_inventory() -> None:
    memo = "\n".join(
        ["Notitie over de aanpak", "Datum en onderwerp van het overleg"]
        + [f"{n} Punt {n} van de agenda wordt besproken." for n in range(1, 8)]
    )
    assert not is_inventory(memo)
    assert not is_inventory(HEADER + "\n1 04-05-2021 Eén stuk Openbaar")  # too few rows


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Openbaar", "Deels openbaar", "Niet openbaar"]),
            st.lists(st.sampled_from(sorted(CODES)), max_size=3, unique=True),
        ),
        min_size=5,
        max_size=25,
    )
)
def test_every_ground_of_an_inventory_is_cited_in_order(
    rows: list[tuple[str, list[str]]],
) -> None:
    lines = [
        f"{number} 0{number % 9 + 1}-03-2021 Stuk {number} {judgement} {'; '.join(codes)}".rstrip()
        for number, (judgement, codes) in enumerate(rows, start=1)
    ]
    [document] = parse_text(HEADER + "\n" + "\n".join(lines)).documents
    assert document.kind == "inventory" and document.redactions == []
    expected = list(dict.fromkeys(CODES[code] for _, codes in rows for code in codes))
    assert document.fields.get("grounds_cited", "") == ", ".join(expected)
