"""Finding a redacted string again in its other written forms."""

from hypothesis import assume, given
from hypothesis import strategies as st

from inzage.redact.matching import Needle, _fold_char, fold, occurrences


def _spans(text: str, needle: Needle) -> list[str]:
    return [text[start:end] for start, end, _ in occurrences(text, [needle])]


def test_case_accents_line_breaks_and_hyphenation_are_variants() -> None:
    needle = Needle("Jürgen Vreeswijk", "5.1.2e")
    text = "Aan JURGEN VREESWIJK.\nCc: jürgen\nvreeswijk; Groet, Jürgen Vrees-\nwijk"
    assert _spans(text, needle) == ["JURGEN VREESWIJK", "jürgen\nvreeswijk", "Jürgen Vrees-\nwijk"]


def test_a_word_inside_another_word_is_not_an_occurrence() -> None:
    assert _spans("Janssen en Jansen-Smit en Jansens", Needle("Jansen", "5.1.2e")) == ["Jansen"]


def test_a_name_in_an_address_is_an_occurrence() -> None:
    found = _spans("mail naar jurgen.vreeswijk@example.org", Needle("Jürgen Vreeswijk", "5.1.2e"))
    assert found == ["jurgen.vreeswijk"]


def test_a_decision_s_text_in_lower_case_is_another_word() -> None:
    needle = Needle("Visser", "5.1.2e", any_case=False)
    assert _spans("Visser, de visser, VISSER", needle) == ["Visser", "VISSER"]


def test_fold_keeps_an_origin_for_every_character() -> None:
    folded = fold("Straße  Één\n")
    assert folded.text == "strasse  een "
    assert len(folded.origins) == len(folded.text)
    assert folded.origins[4] == folded.origins[5] == 4  # "ß" became "ss"
    assert fold("Ook-\nbreker\u00ad").text == "ookbreker"


@given(st.text(alphabet="aBß Éé\n\t-\u00adﬁ.x", max_size=40))
def test_every_folded_character_comes_from_the_character_it_points_at(text: str) -> None:
    folded = fold(text)
    assert len(folded.origins) == len(folded.text)
    assert list(folded.origins) == sorted(folded.origins)
    for char, origin in zip(folded.text, folded.origins, strict=True):
        assert char in _fold_char(text[origin])


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéëïöü", min_size=2, max_size=9)


@given(
    first=_WORD,
    last=_WORD,
    before=st.lists(_WORD, max_size=5),
    after=st.lists(_WORD, max_size=5),
    style=st.sampled_from(["title", "upper", "break", "hyphen", "spaces"]),
)
def test_a_planted_name_is_found_in_any_written_form(
    first: str, last: str, before: list[str], after: list[str], style: str
) -> None:
    assume(not {first, last} & {w for w in before + after})
    name = f"{first.title()} {last.title()}"
    written = {
        "title": name,
        "upper": name.upper(),
        "break": f"{first.title()}\n{last.title()}",
        "hyphen": f"{first.title()} {last.title()[:1]}-\n{last[1:]}",
        "spaces": f"{first.title()}   {last.title()}",
    }[style]
    prefix = " ".join(before) + (" " if before else "")
    text = f"{prefix}{written} {' '.join(after)}"
    found = occurrences(text, [Needle(name, "5.1.2e")])
    assert (len(prefix), len(prefix) + len(written)) in {(s, e) for s, e, _ in found}


def test_markdown_emphasis_and_url_encoding_between_the_words_are_variants() -> None:
    needle = Needle("Jürgen Vreeswijk", "5.1.2e")
    text = "Aan Jürgen **Vreeswijk**, zie ?q=Jurgen%20Vreeswijk en ?q=jurgen+vreeswijk."
    assert _spans(text, needle) == [
        "Jürgen **Vreeswijk",
        "Jurgen%20Vreeswijk",
        "jurgen+vreeswijk",
    ]
    assert _spans("Jürgen en Vreeswijk", needle) == []
