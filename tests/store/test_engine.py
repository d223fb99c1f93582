"""The search engine against brute force, and the index kept in step with the store."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from inzage.cli import cli
from inzage.store import Corpus, StoreError
from inzage.store.database import index_folder
from inzage.store.engine import Engine, IndexedUnit, Search
from inzage.store.terms import (
    EVERYTHING,
    AllOf,
    AnyOf,
    Node,
    Phrase,
    Query,
    Without,
    parse_query,
)

WORDS = ["aa", "ab", "abb", "ba", "bab", "c"]
KINDS = ["memo", "email", "letter"]
ORGANISATIONS = ["VNG", "UWV", "gemeente Zwolle"]

_units = st.lists(
    st.tuples(
        st.lists(st.sampled_from(WORDS), max_size=3),  # title
        st.lists(st.sampled_from(WORDS), max_size=12),  # body
        st.sampled_from(KINDS),
        st.none() | st.dates(date(2019, 1, 1), date(2023, 12, 31)),
        st.booleans(),  # duplicate
        st.sets(st.sampled_from(ORGANISATIONS), max_size=2),
    ),
    min_size=1,
    max_size=25,
)
_phrases = st.builds(
    Phrase,
    st.lists(st.sampled_from([*WORDS, "a", "b"]), min_size=1, max_size=2).map(tuple),
    st.booleans(),
)
_trees: st.SearchStrategy[Node] = st.recursive(
    _phrases,
    lambda inner: st.one_of(
        st.lists(inner, min_size=2, max_size=3).map(lambda p: AllOf(tuple(p))),
        st.lists(inner, min_size=2, max_size=3).map(lambda p: AnyOf(tuple(p))),
        st.builds(Without, inner, inner),
    ),
    max_leaves=5,
)


def _indexed(rows: list[tuple[Any, ...]]) -> list[IndexedUnit]:
    units = []
    for number, (title, body, kind, day, duplicate, organisations) in enumerate(rows, start=1):
        facets = {("kind", str(kind))} | {("organisation", o) for o in organisations}
        if day is not None:
            facets.add(("month", day.strftime("%Y-%m")))
        units.append(
            IndexedUnit(
                unit_id=number * 3,  # ids with gaps, as after units of other sources
                file=number,
                title=" ".join(title),
                body=" ".join(body),
                text=" ".join(body),
                kind=str(kind),
                date_utc=None if day is None else f"{day.isoformat()}T12:00:00+00:00",
                duplicate=bool(duplicate),
                facets=frozenset(facets),
            )
        )
    return units


def _engine(units: list[IndexedUnit]) -> Engine:
    engine = Engine(None, create=True)
    with engine.writing() as writer:
        half = len(units) // 2
        writer.add(units[:half])
        writer.commit()  # two segments: facets must add up across them
        writer.add(units[half:])
        writer.commit()
    return engine


def _matches(node: Node, unit: IndexedUnit) -> bool:
    if isinstance(node, Phrase):
        return any(_phrase_in(node, field.split()) for field in (unit.title, unit.body))
    if isinstance(node, AllOf):
        return all(_matches(part, unit) for part in node.parts)
    if isinstance(node, AnyOf):
        return any(_matches(part, unit) for part in node.parts)
    assert isinstance(node, Without)
    return _matches(node.kept, unit) and not _matches(node.left_out, unit)


def _phrase_in(phrase: Phrase, words: list[str]) -> bool:
    n = len(phrase.forms)
    for at in range(len(words) - n + 1):
        window = words[at : at + n]
        head_same = window[:-1] == list(phrase.forms[:-1])
        last = (
            window[-1].startswith(phrase.forms[-1])
            if phrase.prefix
            else (window[-1] == phrase.forms[-1])
        )
        if head_same and last:
            return True
    return False


@settings(max_examples=150, deadline=None)
@given(rows=_units, tree=_trees, all_duplicates=st.booleans())
def test_the_engine_finds_exactly_what_brute_force_finds(
    rows: list[tuple[Any, ...]], tree: Node, all_duplicates: bool
) -> None:
    units = _indexed(rows)
    engine = _engine(units)
    query = Query(tree=tree, stems=frozenset(), prefixes=())
    found = engine.search(Search(query, all_duplicates=all_duplicates, limit=100, facets=True))
    expected = [u for u in units if _matches(tree, u) and (all_duplicates or not u.duplicate)]
    assert sorted(hit.unit_id for hit in found.hits) == [u.unit_id for u in expected]
    assert found.total == len(expected)
    kinds = Counter(u.kind for u in expected)
    assert found.facets["kind"] == dict(kinds)
    organisations = Counter(v for u in expected for f, v in u.facets if f == "organisation")
    assert found.facets["organisation"] == dict(organisations)


@settings(max_examples=60, deadline=None)
@given(
    rows=_units,
    low=st.none() | st.dates(date(2019, 1, 1), date(2023, 12, 31)),
    high=st.none() | st.dates(date(2019, 1, 1), date(2023, 12, 31)),
    kind=st.none() | st.sampled_from(KINDS),
    organisation=st.none() | st.sampled_from(ORGANISATIONS),
)
def test_filters_and_the_newest_first_listing(
    rows: list[tuple[Any, ...]],
    low: date | None,
    high: date | None,
    kind: str | None,
    organisation: str | None,
) -> None:
    """Dates inclusive by day, undated units only without a date filter; an
    empty query lists newest first, undated last, ties by id; filter values
    in any case."""
    units = _indexed(rows)
    engine = _engine(units)
    values = () if organisation is None else (("organisation", organisation.upper()),)
    found = engine.search(
        Search(EVERYTHING, kind=kind, date_from=low, date_to=high, values=values, limit=100)
    )

    def day(unit: IndexedUnit) -> str | None:
        return None if unit.date_utc is None else unit.date_utc[:10]

    expected = [
        u
        for u in units
        if not u.duplicate
        and (kind is None or u.kind == kind)
        and (organisation is None or ("organisation", organisation) in u.facets)
        and (low is None or (day(u) is not None and str(day(u)) >= low.isoformat()))
        and (high is None or (day(u) is not None and str(day(u)) <= high.isoformat()))
    ]
    expected.sort(key=lambda u: (u.date_utc is None, _negated(u.date_utc), u.unit_id))
    assert [hit.unit_id for hit in found.hits] == [u.unit_id for u in expected]
    months = engine.months(Search(EVERYTHING, kind=kind, date_from=low, date_to=high))
    assert sum(count for _, _, count in months) == sum(
        1
        for u in units
        if not u.duplicate
        and u.date_utc is not None
        and (kind is None or u.kind == kind)
        and (low is None or str(day(u)) >= low.isoformat())
        and (high is None or str(day(u)) <= high.isoformat())
    )


def _negated(moment: str | None) -> tuple[int, ...]:
    return () if moment is None else tuple(-ord(c) for c in moment)


@pytest.mark.parametrize("text", ["", "aa"])
def test_a_page_past_every_unit_is_counted_not_allocated(text: str) -> None:
    """tantivy makes room for offset + limit hits first: an offset from a URL
    (up to a billion) would ask for tens of gigabytes and end the process."""
    units = _indexed([(["aa"], ["aa", "ab"], "memo", None, False, set())] * 3)
    engine = _engine(units)
    query = parse_query(text) if text else EVERYTHING
    found = engine.search(Search(query, limit=100, offset=1_000_000_000, facets=True))
    assert found.hits == []
    assert found.total == 3
    assert found.facets["kind"] == {"memo": 3}
    last = engine.search(Search(query, limit=2, offset=2))
    assert len(last.hits) == 1 and last.total == 3


def test_operators_bind_not_then_and_then_or() -> None:
    a, b, c = (Phrase((word,)) for word in ("a", "b", "c"))
    assert parse_query("a OR b c").tree == AnyOf((a, AllOf((b, c))))
    assert parse_query("a b NOT c").tree == AllOf((a, Without(b, c)))
    assert parse_query("(a OR b) c").tree == AllOf((AnyOf((a, b)), c))
    assert parse_query('"a b" c*').tree == AllOf((Phrase(("a", "b")), Phrase(("c",), True)))


def test_a_title_weighs_more_than_a_body() -> None:
    units = _indexed([(["ab"], ["c", "c"], "memo", None, False, set())])
    units += _indexed([([], ["ab", "c"], "memo", None, False, set())] * 2)[1:]
    engine = _engine(units)
    found = engine.search(Search(parse_query("ab"), limit=5))
    assert found.hits[0][0] == units[0].unit_id


# The index and the store.


def _store(tmp_path: Path, files: int = 6, address: str | Path | None = None) -> str | Path:
    release = tmp_path / "release"
    release.mkdir()
    for i in range(files):
        (release / f"{i}.txt").write_text(
            f"Overleg {i} over de jeugdzorg en de tekorten bij de gemeenten.\n", "utf-8"
        )
    db = address if address is not None else tmp_path / "s.db"
    with Corpus(db, create=True) as corpus:
        corpus.ingest(sorted(release.glob("*.txt")), workers=1)
    return db


def test_units_stored_but_not_indexed_are_caught_up(
    tmp_path: Path, store_address: str | Path
) -> None:
    """What an ingest killed between its store commit and its index commit leaves."""
    from inzage.store.ingest import store_file

    db = _store(tmp_path, 2, store_address)
    extra = tmp_path / "late.txt"
    extra.write_text("Een late nota over de jeugdzorg.\n", "utf-8")
    with Corpus(db) as corpus:
        store_file(corpus.connection, str(extra))
        assert corpus.index_lag() == 1
        staged = corpus.connection.execute("SELECT count(*) FROM unit_terms").fetchone()[0]
        assert staged == 1
        assert corpus.search("jeugdzorg").total == 2
        assert corpus.search("jeugdzorg").unindexed == 1
        assert corpus.catch_up() == 1
        assert corpus.index_lag() == 0
        assert corpus.connection.execute("SELECT count(*) FROM unit_terms").fetchone()[0] == 0
        assert corpus.search("jeugdzorg").total == 3
        assert corpus.check_index().in_step


def test_drift_is_found_and_repaired(tmp_path: Path, store_address: str | Path) -> None:
    db = _store(tmp_path, address=store_address)
    with Corpus(db) as corpus:
        ids = [r[0] for r in corpus.connection.execute("SELECT id FROM units ORDER BY id")]
        with corpus.engine.writing() as writer:
            writer.delete([ids[1]])  # lost below the highest id
            writer.add(
                [
                    IndexedUnit(
                        unit_id=10_000,  # a unit the store does not have
                        file=10_000,
                        title="",
                        body="jeugdzorg",
                        text="jeugdzorg",
                        kind="memo",
                        date_utc=None,
                        duplicate=False,
                        facets=frozenset(),
                    )
                ]
            )
            writer.commit()
        corpus.connection.execute("UPDATE units SET duplicate = 1 WHERE id = ?", (ids[2],))
        drift = corpus.check_index()
        assert (drift.missing, drift.extra, drift.wrong_duplicates) == (1, 1, 1)
        assert not drift.in_step
        found, indexed = corpus.repair_index()
        assert found == drift and indexed == 1
        assert corpus.check_index().in_step
        assert corpus.search("jeugdzorg").total == len(ids) - 1  # the duplicate left out


def test_a_store_of_schema_4_gets_its_index_built_from_the_stored_text(tmp_path: Path) -> None:
    """Schema 4 kept its word index in SQLite's FTS5; a PostgreSQL store begins
    at schema 5, so this upgrade is SQLite's alone."""
    db = _store(tmp_path)
    with Corpus(db) as corpus:
        before = corpus.search("tekorten", facets=True)
    folder = index_folder(db)
    for entry in folder.iterdir():
        entry.unlink()
    folder.rmdir()
    connection = sqlite3.connect(db)
    connection.execute("DROP TABLE unit_terms")
    connection.execute("DROP TABLE abbreviations")
    connection.execute("CREATE VIRTUAL TABLE units_fts USING fts5(title, body, content='')")
    connection.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    connection.execute("DELETE FROM meta WHERE key = 'signature_version'")  # none before 5
    signatures = connection.execute("SELECT * FROM minhashes ORDER BY 1").fetchall()
    connection.execute("UPDATE minhashes SET signature = zeroblob(512)")
    connection.commit()
    connection.close()

    with pytest.raises(StoreError, match="inzage index"):
        Corpus(db, read_only=True)
    result = CliRunner().invoke(cli, ["index", "--db", str(db), "--progress", "lines", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["missing"] == report["stored"] == report["indexed"] == 6
    assert "indexed 6/6 units" in result.stderr
    with Corpus(db, read_only=True) as corpus:
        after = corpus.search("tekorten", facets=True)
        tables = {r[0] for r in corpus.connection.execute("SELECT name FROM sqlite_master")}
        remade = corpus.connection.execute("SELECT * FROM minhashes ORDER BY 1").fetchall()
    assert "units_fts" not in tables and "unit_terms" in tables
    assert remade == signatures  # made again the way this inzage makes them
    assert after.total == before.total and after.facets == before.facets
    assert [h.snippet for h in after.hits] == [h.snippet for h in before.hits]


def test_index_check_exits_1_on_drift_and_repair_makes_it_0(
    tmp_path: Path, store_address: str | Path
) -> None:
    db = _store(tmp_path, address=store_address)
    runner = CliRunner()
    result = runner.invoke(cli, ["index", "--db", str(db), "--check"])
    assert result.exit_code == 0 and "in step" in result.stdout
    with Corpus(db) as corpus:
        (top,) = corpus.connection.execute("SELECT max(id) FROM units").fetchone()
        with corpus.engine.writing() as writer:
            writer.delete([top])
            writer.commit()
    result = runner.invoke(cli, ["index", "--db", str(db), "--check", "--json"])
    assert result.exit_code == 1 and json.loads(result.stdout)["missing"] == 1
    result = runner.invoke(cli, ["index", "--db", str(db), "-q"])
    assert result.exit_code == 0 and "repaired (1 units indexed)" in result.stdout
    result = runner.invoke(cli, ["index", "--db", str(db), "--rebuild", "-q"])
    assert result.exit_code == 0 and "all 6 indexed again" in result.stdout
    assert runner.invoke(cli, ["index", "--db", str(db), "--check"]).exit_code == 0


def test_an_index_of_another_version_is_rebuilt_not_misread(
    tmp_path: Path, store_address: str | Path
) -> None:
    db = _store(tmp_path, address=store_address)
    (index_folder(db) / "inzage-version").write_text("0", "utf-8")
    with pytest.raises(StoreError, match="no search index of this inzage version"):
        Corpus(db, read_only=True)
    with Corpus(db) as corpus:
        assert corpus.search("jeugdzorg").total == 0 and corpus.index_lag() == 6
        corpus.catch_up()
        assert corpus.search("jeugdzorg").total == 6
