"""Which stretches of the original the markers of a redacted copy replaced."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from inzage.redact.align import replaced_spans

MARKER = "[{ground}]"
Case = tuple[str, str, list[tuple[int, int]]]  # original, copy, the spans replaced
WORDS = st.sampled_from(
    ["Aan", "Wouter", "Kramsveld", "en", "de", "nota", "over", "jeugdzorg", ",", ".", "\n", "2021"]
)


def test_one_name_replaced() -> None:
    original = "Aan Wouter Kramsveld, over de nota."
    spans = replaced_spans(original, "Aan [5.1.2e], over de nota.", MARKER)
    assert [(original[s.start : s.end], s.ground) for s in spans] == [
        ("Wouter Kramsveld", "5.1.2e")
    ]


def test_part_of_a_word_and_a_mail_address() -> None:
    original = "Aan Kramsveld [Wouter](mailto:wouter.kramsveld@example.nl)."
    redacted = "Aan [5.1.2e]sveld [[5.1.2e]](mailto:[10.2.e]@example.nl)."
    spans = replaced_spans(original, redacted, MARKER)
    assert [(original[s.start : s.end], s.ground) for s in spans] == [
        ("Kram", "5.1.2e"),
        ("Wouter", "5.1.2e"),
        ("wouter.kramsveld", "10.2.e"),
    ]


def test_markers_that_were_in_the_original_replaced_nothing() -> None:
    original = "Zie [1] en [5.1.2e], gesprek met Wouter Kramsveld over de begroting.\n"
    redacted = "Zie [1] en [5.1.2e], gesprek met [5.1.2e] over de begroting.\n"
    spans = replaced_spans(original, redacted, MARKER)
    assert [original[s.start : s.end] for s in spans] == ["Wouter Kramsveld"]


def test_a_copy_changed_otherwise_is_diffed() -> None:
    original = "Aan Wouter Kramsveld.\r\nOver de nota van 3 mei.\r\n"
    redacted = "Aan [5.1.2e].\nOver de nota van 3 mei.\n"
    spans = replaced_spans(original, redacted, MARKER)
    assert [original[s.start : s.end] for s in spans] == ["Wouter Kramsveld"]


def test_a_long_text_of_repeated_lines() -> None:
    lines = 200_000
    original = "Regel met gewone woorden en Wouter Kramsveld.\n" * lines
    redacted = "Regel met gewone woorden en [5.1.2e].\n" * lines
    spans = replaced_spans(original, redacted, MARKER)
    assert len(spans) == lines
    assert {original[s.start : s.end] for s in spans} == {"Wouter Kramsveld"}


def test_a_long_single_line_of_names_side_by_side() -> None:
    original = "Wouter Kramsveld " * 100_000
    redacted = "[5.1.2e] " * 100_000
    spans = replaced_spans(original, redacted, MARKER)
    assert sum(s.end - s.start for s in spans) >= len("Wouter Kramsveld") * 100_000


@st.composite
def redactions(draw: st.DrawFn, unique: bool = False) -> Case:
    """An original of words and a copy with some of them replaced, a run of
    neighbouring words by one marker (as ``inzage redact`` merges them)."""
    words = draw(st.lists(WORDS, min_size=1, max_size=40, unique=unique))
    chosen = draw(st.lists(st.booleans(), min_size=len(words), max_size=len(words)))
    original, redacted = "", ""
    spans: list[tuple[int, int]] = []
    for word, replace in zip(words, chosen, strict=True):
        if original and word not in ",.\n":
            original += " "
            redacted += " "
        if replace and word not in ",.\n":
            if spans and spans[-1][1] == len(original) - 1:  # the word before too
                spans[-1] = (spans[-1][0], len(original) + len(word))
                redacted = redacted[:-1]
            else:
                spans.append((len(original), len(original) + len(word)))
                redacted += "[5.1.2e]"
        else:
            redacted += word
        original += word
    return original, redacted, spans


@given(redactions())
def test_the_spans_replaced_give_the_copy(case: Case) -> None:
    # where the words repeat, which 'Aan' a marker replaced is a guess; that
    # the guess yields the copy is not
    original, redacted, _ = case
    spans = replaced_spans(original, redacted, MARKER)
    pieces, at = [], 0
    for span in spans:
        pieces.extend([original[at : span.start], f"[{span.ground}]"])
        at = span.end
    assert "".join([*pieces, original[at:]]) == redacted


@given(redactions(unique=True))
def test_the_spans_of_distinct_words_are_exact(case: Case) -> None:
    original, redacted, replaced = case
    spans = replaced_spans(original, redacted, MARKER)
    assert [(s.start, s.end) for s in spans] == replaced
