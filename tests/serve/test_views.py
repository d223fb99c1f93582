"""The pure functions behind the pages."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import get_args

from hypothesis import given
from hypothesis import strategies as st

from inzage.grounds import grounds_for
from inzage.model import DocumentKind, Entity, Redaction, RedactionRole, Span
from inzage.serve import i18n, views
from inzage.store.corpus import MonthCount
from inzage.store.search import FACETS

TEMPLATES = Path(views.__file__).parent / "templates"


def _redaction(start: int, end: int) -> Redaction:
    return Redaction(
        span=Span(start=start, end=end),
        marker="x",
        grounds=grounds_for("5.1.2e"),
        group=0,
        notation="woo-code",
    )


def _entity(start: int, end: int) -> Entity:
    return Entity(kind="organisation", text="x", span=Span(start=start, end=end), value="VNG")


@st.composite
def _marked_text(draw: st.DrawFn) -> tuple[str, int, list[Redaction], list[Entity]]:
    text = draw(st.text(min_size=1, max_size=80))
    offset = draw(st.integers(0, 1000))
    spans = draw(
        st.lists(st.tuples(st.integers(0, len(text)), st.integers(0, len(text))), max_size=8)
    )
    ordered = sorted((min(a, b) + offset, max(a, b) + offset) for a, b in spans if a != b)
    redactions, entities, end = [], [], -1
    for i, (a, b) in enumerate(ordered):
        if i % 2 == 0 and a >= end:  # redactions never overlap each other
            redactions.append(_redaction(a, b))
            end = b
        else:
            entities.append(_entity(a, b))  # entities may overlap anything
    return text, offset, redactions, entities


@given(_marked_text())
def test_pieces_cover_the_text_exactly_once(
    case: tuple[str, int, list[Redaction], list[Entity]],
) -> None:
    text, offset, redactions, entities = case
    pieces = views.pieces(text, offset, offset, offset + len(text), redactions, entities)
    assert "".join(p.text for p in pieces) == text
    shown = [p for p in pieces if p.kind == "redaction"]
    assert len(shown) == len(redactions)
    assert all(p.codes == "5.1.2e" for p in shown)


def test_a_redaction_wins_over_an_entity_it_overlaps() -> None:
    text = "De VNG schreef"
    pieces = views.pieces(text, 0, 0, len(text), [_redaction(3, 6)], [_entity(2, 7)])
    assert [p.kind for p in pieces] == ["text", "redaction", "text"]


def test_an_explanation_names_label_law_and_article() -> None:
    [ground] = grounds_for("10.2e")
    explained = views.ground_explanation(ground)
    assert explained.startswith("5.1.2e: ") and "(Wob art. 10 lid 2 e)" in explained


@given(st.text(max_size=60), st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60))))
def test_highlighted_snippets_keep_their_text(snippet: str, marks: list[tuple[int, int]]) -> None:
    spans = [(min(a, b), max(a, b)) for a, b in marks if min(a, b) < max(a, b) <= len(snippet)]
    pieces = views.highlighted(snippet, spans)
    assert "".join(p.text for p in pieces) == snippet


def test_timeline_fills_gaps_and_scales_to_the_busiest_month() -> None:
    counts = [
        MonthCount(month="2020-11", kind="email", count=2),
        MonthCount(month="2020-11", kind="memo", count=2),
        MonthCount(month="2021-02", kind="email", count=1),
    ]
    chart = views.timeline_chart(counts, width=400, height=100)
    assert chart.months == ["2020-11", "2020-12", "2021-01", "2021-02"]
    november = [b for b in chart.bars if b.month == "2020-11"]
    assert sum(b.height for b in november) == 100 and chart.top == 4
    assert min(b.y for b in november) == 0
    assert [label for _, label in chart.ticks] == ["2020", "2021"]
    assert views.timeline_chart([]).bars == []


def test_untitled_hits_go_by_their_file_name() -> None:
    assert views.title_of(None, "release/mail/3-dank.txt") == "3-dank.txt"
    assert views.title_of("Overleg", "release/nota.md") == "Overleg"


def test_month_bounds() -> None:
    assert views.month_bounds("2020-02") == (date(2020, 2, 1), date(2020, 2, 29))
    assert views.month_bounds("2021-12") == (date(2021, 12, 1), date(2021, 12, 31))


def test_times_are_shown_in_amsterdam() -> None:
    assert views.local_time(datetime(2021, 7, 1, 12, 0, tzinfo=UTC)) == "01-07-2021 14:00"
    assert views.local_time(None) == ""


def test_every_word_the_templates_use_exists_in_both_languages() -> None:
    used = set()
    for template in TEMPLATES.glob("*.html"):
        used |= set(re.findall(r"""t\(["']([a-z_]+)["']""", template.read_text()))
    prefixes = {key for key in used if key.endswith("_")}  # t("kind_" ~ kind) and the like
    assert prefixes == {"kind_", "role_", "facet_"}
    used -= prefixes
    used |= {f"facet_{f}" for f in FACETS}
    used |= {f"kind_{k}" for k in get_args(DocumentKind)}
    used |= {f"role_{r}" for r in get_args(RedactionRole)}
    assert used <= set(i18n.keys())
    dutch, english = i18n.translator("nl"), i18n.translator("en")
    assert dutch("found_times", n=3) == "3× gevonden" and english("found_times", n=3) == "found 3×"
