"""Search units: a long document is searched in stretches (issue 13: FTS5 held
a 50 MB unit's words in memory while it wrote them)."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from inzage import parse_text
from inzage.store import Corpus, units


def test_a_long_document_is_cut_into_stretches_at_white_space(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(units, "UNIT_CHARACTERS", 50)
    source = parse_text("Nota over het werkbezoek.\n\n" + "planning overleg " * 40)
    (document,) = source.documents
    found = units.source_units(source)
    spans = [(unit.span.start, unit.span.end) for unit in found]
    assert len(spans) > 1
    assert spans[0][0] == document.span.start and spans[-1][1] == document.span.end
    assert all(a[1] == b[0] for a, b in pairwise(spans))  # no gap
    assert all(end - start <= 50 for start, end in spans)
    assert all(source.text[end - 1].isspace() for _, end in spans[:-1])  # no word cut
    assert {unit.document for unit in found} == {0}


def test_a_word_in_a_later_stretch_is_found(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, store_address: str | Path
) -> None:
    monkeypatch.setattr(units, "UNIT_CHARACTERS", 200)
    path = tmp_path / "lang.txt"
    path.write_text("Nota.\n\n" + "planning overleg " * 40 + "zonnepanelen", encoding="utf-8")
    with Corpus(store_address, create=True) as corpus:
        corpus.ingest([path], workers=1)
        hits = corpus.search("zonnepanelen").hits
    assert len(hits) == 1 and "zonnepanelen" in hits[0].snippet
