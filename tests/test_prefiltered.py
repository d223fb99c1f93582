"""Faster scans that must find what the plain pattern finds: a word list as a
trie, and a pattern tried only where a cheaper one says it can start."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from inzage.recognisers.base import (
    PatternRecogniser,
    Prefiltered,
    Terms,
    _Compiled,
    lines_with,
    lowered,
)
from inzage.recognisers.registry import registry_or_shared
from inzage.recognisers.vocabulary import alternation, trie_alternation

WORDS = ["van", "van de", "van der", "aan", "afzender", "ontworpen door", "op", "opgesteld door"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="vandeorpgstlzfwuc \n", max_size=80))
def test_a_trie_matches_what_the_longest_first_alternation_matches(text: str) -> None:
    plain = re.compile(alternation(WORDS))
    trie = re.compile(trie_alternation(WORDS))
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_a_trie_keeps_its_look_behind_after_the_first_character() -> None:
    trie = re.compile(trie_alternation(["aan", "van"], not_before=r"\w"))
    assert [m.group() for m in trie.finditer("aan vaan van")] == ["aan", "van"]


FULL = re.compile(
    r"(?im)^[ \t>*#]*(?P<label>Van|Aan|Ontworpen\s+door)[ \t]*:[ \t]*(?P<value>[^\n]*)$"
    r"|(?<![\w-])(?P<phrase>opgesteld\s+door)[ \t]*:(?P<after>[^\n]*)$"
)
FAST = Prefiltered(
    FULL,
    (
        re.compile(r"\n(?P<at>)[ \t>*#]*(?:van|aan|ontworpen\s+door)"),
        re.compile(r"opgesteld\s+door[ \t]*:"),
    ),
)
PIECES = st.sampled_from(
    [
        "Van",
        "van",
        "AAN",
        "Aan",
        "ontworpen door",
        "Opgesteld  door",
        ":",
        " ",
        "\n",
        "> ",
        "x",
        "Anna",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=30).map("".join))
def test_a_prefiltered_scan_finds_what_the_full_pattern_finds(text: str) -> None:
    expected = [(m.span(), m.groupdict()) for m in FULL.finditer(text)]
    assert [(m.span(), m.groupdict()) for m in FAST.finditer(text, text.lower())] == expected


def test_without_a_lowered_text_the_full_pattern_scans_alone() -> None:
    text = "Aan: Anna\nVan: Piet\n"
    assert [m["value"] for m in FAST.finditer(text, None)] == ["Anna", "Piet"]
    assert [m["value"] for m in FAST.finditer(text, text.lower())] == ["Anna", "Piet"]


TERM_WORDS = ("de heer", "de minister van", "heer", "mw", "mw.", "met", "collega")
# White space of every sort: a word of several matches over any run of it.
TERM_WORD_PIECES = ["de", "heer", "minister", "van", "mw.", "met", "collega", "x", ".", "-", "é"]
TERM_PIECES = st.sampled_from([*TERM_WORD_PIECES, " ", "  ", "\t", "\n", "\xa0", "\u2003", "\r\n"])


@settings(max_examples=400, deadline=None)
@given(st.lists(TERM_PIECES, max_size=30).map("".join))
def test_terms_start_where_the_trie_of_their_words_starts(text: str) -> None:
    not_before = r"[\w.'-]"
    trie = re.compile(trie_alternation(list(TERM_WORDS), not_before=not_before))
    expected = sorted({m.start() for at in range(len(text)) if (m := trie.match(text, at))})
    assert Terms(TERM_WORDS, not_before=not_before).starts(text) == expected


TERM_FULL = re.compile(rf"(?<![\w.'-])(?:{alternation(list(TERM_WORDS))})[ \t]+(?P<name>[a-zé]+)")


@settings(max_examples=300, deadline=None)
@given(st.lists(TERM_PIECES, max_size=30).map("".join))
def test_a_scan_prefiltered_by_terms_finds_what_the_full_pattern_finds(text: str) -> None:
    fast = Prefiltered(TERM_FULL, (Terms(TERM_WORDS, not_before=r"[\w.'-]"),))
    expected = [m.span() for m in TERM_FULL.finditer(text)]
    assert [m.span() for m in fast.finditer(text, text)] == expected


ENDINGS = ("straat", "straatweg", "laan", "de weg", "de dorps weg")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["Dorps", "dorps", "straat", "weg", "laan", "de", " ", "\t", "\n", "12", "a", "-"]
        ),
        max_size=30,
    ).map("".join)
)
def test_terms_with_what_follows_hint_the_lines_the_regex_hints(text: str) -> None:
    regex = re.compile(rf"(?:{trie_alternation(list(ENDINGS))})[ \t]+\d")
    terms = Terms(ENDINGS, then=r"[ \t]+\d")
    assert list(lines_with(terms, text)) == list(lines_with(regex, text))


def test_terms_find_a_word_of_several_over_a_line_break_and_not_inside_a_word() -> None:
    terms = Terms(("de heer", "mw."), not_before=r"[\w.'-]")
    text = "zie de\n heer Kok; made heer; .mw. en mw. Smit"
    assert [text[at : at + 3] for at in terms.starts(text)] == ["de\n", "mw."]


LINE_PATTERN = re.compile(r"(?<![\w-])[A-Z]{2}-\d{2}(?![\w-])")
HINT = re.compile(r"-\d")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["AB", "-", "12", "x", " ", "\n", "CD-34"]), max_size=30).map("".join)
)
def test_a_pattern_run_on_the_hinted_lines_finds_what_it_finds_in_the_whole_text(
    text: str,
) -> None:
    on_lines = [
        m.span()
        for start, end in lines_with(HINT, text)
        for m in LINE_PATTERN.finditer(text, start, end)
    ]
    assert on_lines == [m.span() for m in LINE_PATTERN.finditer(text)]


def _gated() -> list[_Compiled]:
    """The marker patterns that are tried only where a lower-case literal stands."""
    found: list[_Compiled] = []
    for recogniser in registry_or_shared(None).get("marker"):
        if isinstance(recogniser, PatternRecogniser):
            recogniser.load()
            found.extend(c for c in recogniser._compiled if c.pattern.requires_lower)
    return found


GATED = _gated()
GATE_PIECES = ["art", "ART", "artıkel", "ARTİKEL", "WOB", "wob", "Dubbel", "ı", "10.2e", "1", "."]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(GATE_PIECES) | st.text(max_size=3), max_size=12).map("".join))
def test_a_pattern_is_skipped_only_where_it_cannot_match(text: str) -> None:
    """A marker pattern with ``requires_lower`` matches only in a text whose
    lower case holds one of its literals (or is not one to one)."""
    assert GATED
    lower = lowered(text)
    for compiled in GATED:
        if compiled.regex.search(text) is not None:
            assert lower is None or any(lit in lower for lit in compiled.pattern.requires_lower)
