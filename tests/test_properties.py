"""Properties that hold for any text: spans, groups, no crashes, round trips."""

from hypothesis import given, settings
from hypothesis import strategies as st

from inzage.model import Source
from inzage.parse.markers.engine import find_markers
from inzage.pipeline import parse_text

FRAGMENTS = [
    "5.1.2e",
    "5.1.2.e",
    "5.1.2 e",
    "5.1 lid 2 sub e",
    "(10)(2e)",
    "(10)(2)(e)",
    "10.2.e",
    "102e",
    "11.1",
    "5.2",
    "5.1.4",
    "5.1.2¢",
    "51lid2sube",
    "[REDACTED]",
    "[gelakt]",
    "█████",
    "XXXX",
    "dubbel",
    "art. 10 lid 2 onder e Wob",
    "artikel 5.1, tweede lid, onder e, van de Woo",
    "[\\(10\\)\\(2e\\)](#)",
    "@minvws.nl",
    "<",
    ">",
    "(",
    ")",
    "[",
    "]",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\t",
    ",",
    ";",
    "/",
    " en ",
    "Van:",
    "Aan:",
    "T",
    "M",
    "mobiel:",
    "Functie:",
    "Beste",
    "op grond van",
    "zie paragraaf",
    "miljoen",
    "%",
    "€",
    "## ",
    "- ",
    "Met vriendelijke groet",
    "overleg",
    "met",
    "de",
    "Minister van VWS",
    "10",
    "2",
    "e",
    ".",
    "5",
]

marker_rich_text = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join)
any_text = st.one_of(st.text(max_size=300), marker_rich_text)


@settings(max_examples=400, deadline=None)
@given(any_text)
def test_spans_slice_their_markers_and_never_overlap(text: str) -> None:
    redactions = find_markers(text).redactions
    previous_end = 0
    for redaction in redactions:
        assert text[redaction.span.start : redaction.span.end] == redaction.marker
        assert redaction.marker == redaction.marker.strip()
        assert redaction.span.start >= previous_end
        previous_end = redaction.span.end


@settings(max_examples=400, deadline=None)
@given(any_text)
def test_groups_are_contiguous_from_zero(text: str) -> None:
    groups = [r.group for r in find_markers(text).redactions]
    assert groups == sorted(groups)
    assert sorted(set(groups)) == list(range(len(set(groups))))


@settings(max_examples=300, deadline=None)
@given(any_text)
def test_parse_never_raises_and_round_trips(text: str) -> None:
    source = parse_text(text)
    assert Source.model_validate_json(source.model_dump_json()) == source
    for document in source.documents:
        assert 0 <= document.span.start <= document.span.end <= len(source.text)
        for redaction in document.redactions:
            assert redaction.span.slice(source.text) == redaction.marker


@settings(max_examples=200, deadline=None)
@given(marker_rich_text)
def test_findings_are_stable(text: str) -> None:
    assert find_markers(text) == find_markers(text)
