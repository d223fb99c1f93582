"""Ranking that finds what people mean: widening to most of the words, one hit
per file, lists of documents below documents about the topic, questions
and hyphenated words read as meant."""

from __future__ import annotations

import html
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from inzage.cli import cli
from inzage.serve import create_app
from inzage.store import Corpus
from inzage.store.abbreviations import defined_abbreviations, expanded, known_pairs
from inzage.store.compounds import decompounded
from inzage.store.engine import Engine, IndexedUnit, Search
from inzage.store.schema import transaction
from inzage.store.terms import AllOf, AnyOf, Phrase, parse_query, reads_as_question
from tests.builders import Mail, make_email, make_thread
from tests.store.conftest import START

WORDS = ["aa", "ab", "abb", "ba", "bab", "cc"]


def _unit(
    number: int, body: list[str], document: int | None = None, kind: str = "memo"
) -> IndexedUnit:
    return IndexedUnit(
        unit_id=number,
        file=document if document is not None else number,
        title="",
        body=" ".join(body),
        text=" ".join(body),
        kind=kind,
        date_utc=None,
        duplicate=False,
        facets=frozenset({("kind", kind)}),
    )


def _engine(units: list[IndexedUnit]) -> Engine:
    engine = Engine(None, create=True)
    with engine.writing() as writer:
        writer.add(units)
        writer.commit()
    return engine


_corpora = st.lists(
    st.tuples(st.lists(st.sampled_from(WORDS), max_size=10), st.integers(0, 6)),
    min_size=1,
    max_size=30,
)


@settings(max_examples=150, deadline=None)
@given(
    corpus=_corpora,
    words=st.lists(st.sampled_from(WORDS), min_size=2, max_size=3, unique=True),
    limit=st.integers(1, 8),
    group=st.booleans(),
)
def test_widening_never_drops_an_all_words_hit_from_the_first_page(
    corpus: list[tuple[list[str], int]], words: list[str], limit: int, group: bool
) -> None:
    units = [_unit(n, body, document) for n, (body, document) in enumerate(corpus, start=1)]
    engine = _engine(units)
    query = parse_query(" ".join(words))
    strict = engine.search(Search(query, limit=limit, group=group))
    widened = engine.search(Search(query, limit=limit, group=group, widen=True))
    kept = [hit.unit_id for hit in strict.hits]
    # every all-words hit of the first page is on it still, in its order, and
    # the page is ranked on one score
    assert [hit.unit_id for hit in widened.hits if hit.all_words] == kept
    scores = [hit.score for hit in widened.hits]
    assert scores == sorted(scores, reverse=True)
    if widened.widened:
        assert widened.all_words == (len(strict.hits) if group else strict.total)
        assert all(set(words) & set(units[h.unit_id - 1].body.split()) for h in widened.hits)
    else:
        assert [h.unit_id for h in widened.hits] == [h.unit_id for h in strict.hits]
    if group:
        documents = [units[h.unit_id - 1].file for h in widened.hits]
        assert len(documents) == len(set(documents))


def test_a_page_is_widened_only_when_the_all_words_hits_do_not_fill_it() -> None:
    units = [_unit(n, ["aa", "ab"]) for n in range(1, 4)] + [_unit(n, ["aa"]) for n in range(4, 8)]
    engine = _engine(units)
    query = parse_query("aa ab")
    full = engine.search(Search(query, limit=3, widen=True))
    assert not full.widened and {h.unit_id for h in full.hits} == {1, 2, 3}
    more = engine.search(Search(query, limit=5, widen=True))
    assert more.widened and more.all_words == 3 and more.total == 7
    assert [h.all_words for h in more.hits] == [True, True, True, False, False]
    # the next page goes on with the rest, none twice
    following = engine.search(Search(query, limit=5, offset=5, widen=True))
    assert {h.unit_id for h in more.hits} | {h.unit_id for h in following.hits} == set(range(1, 8))


def test_a_strong_partial_hit_can_lead_a_weak_all_words_hit_on_the_first_page() -> None:
    # bb is the rare word: the unit full of it outscores the long one that
    # has aa too only in passing
    weak = _unit(1, ["aa", "bb"] + ["cc"] * 300)
    strong = replace(_unit(2, ["bb"] * 4), title="bb")
    units = [weak, strong] + [_unit(n, ["aa", "dd"]) for n in range(3, 40)]
    found = _engine(units).search(Search(parse_query("aa bb"), limit=3, widen=True))
    assert found.widened and found.all_words == 1
    assert [(h.unit_id, h.all_words) for h in found.hits[:2]] == [(2, False), (1, True)]
    # a page too small for both keeps the one with every word
    smallest = _engine(units).search(Search(parse_query("aa bb"), limit=1, widen=True))
    assert [h.unit_id for h in smallest.hits] == [1]


def test_a_partial_hit_with_the_rarer_word_ranks_above_one_with_the_common_word() -> None:
    units = [_unit(n, ["aa", "cc"]) for n in range(1, 9)] + [_unit(9, ["bab", "cc"])]
    engine = _engine(units)
    found = engine.search(Search(parse_query("aa bab"), limit=3, widen=True))
    assert found.widened and found.all_words == 0
    assert found.hits[0].unit_id == 9


def test_one_hit_per_file_with_the_number_of_its_others() -> None:
    units = [_unit(n, ["aa", "ab"] if n == 2 else ["aa"], document=1) for n in range(1, 5)]
    units += [_unit(5, ["aa"], document=2), _unit(6, ["ab"], document=3)]
    engine = _engine(units)
    found = engine.search(Search(parse_query("aa"), limit=10, group=True))
    assert [(h.unit_id in (1, 2, 3, 4), h.more) for h in found.hits] == [(True, 3), (False, 0)]
    assert found.total == 5 and found.files == 2
    apart = engine.search(Search(parse_query("aa"), limit=10))
    assert len(apart.hits) == 5 and all(h.more == 0 for h in apart.hits)
    paged = [
        h.unit_id
        for offset in range(3)
        for h in engine.search(Search(parse_query("aa"), limit=1, offset=offset, group=True)).hits
    ]
    assert len(paged) == 2 and len({units[u - 1].file for u in paged}) == 2


def test_grouping_looks_past_a_file_that_fills_the_first_window() -> None:
    units = [_unit(n, ["aa", "aa", "aa"], document=1) for n in range(1, 200)]
    units.append(_unit(200, ["aa"], document=2))
    found = _engine(units).search(Search(parse_query("aa"), limit=2, group=True))
    assert len(found.hits) == 2 and found.hits[0].more == 198


def test_a_list_of_documents_ranks_below_a_document_about_the_topic() -> None:
    """The inventory list is short and holds both words in its titles; the memo
    discusses them at length (BM25 alone would put the list first)."""
    memo = _unit(1, ["aa", "ab"] + ["cc"] * 40 + ["aa"])
    listed = _unit(2, ["aa", "ab", "ba"], kind="inventory")
    found = _engine([memo, listed]).search(Search(parse_query("aa ab"), limit=2))
    assert [h.unit_id for h in found.hits] == [1, 2]
    alone = _engine([listed]).search(Search(parse_query("aa ab"), limit=2))
    assert [h.unit_id for h in alone.hits] == [2]  # still found


@pytest.mark.parametrize(
    ("query", "question"),
    [
        ("krijg je WW als je ontslag neemt?", True),
        ("hoeveel klachten over tolken", True),
        ("Welke afspraken zijn er gemaakt", True),
        ("mag ik mijn uitkering meenemen naar het buitenland", True),
        ("ontslag vaststellingsovereenkomst", False),
        ("tarief tolken", False),
        ("krijg", False),
    ],
)
def test_a_question_is_told_by_its_mark_its_first_word_or_a_verb_and_a_pronoun(
    query: str, question: bool
) -> None:
    assert reads_as_question(query) is question


def test_a_question_keeps_its_content_words() -> None:
    read = parse_query("krijg je WW als je ontslag neemt met een vaststellingsovereenkomst?")
    assert read.question
    assert read.dropped == ("krijg", "je", "als", "neemt", "met", "een")
    assert read.tree == AllOf(
        (Phrase(("ww",)), Phrase(("ontslag",)), Phrase(("vaststellingsovereenkomst",)))
    )
    assert len(read.parts) == 3


@pytest.mark.parametrize("query", ["de", "wie is het", "hoe?"])
def test_a_query_of_stop_words_alone_keeps_them(query: str) -> None:
    read = parse_query(query)
    assert read.dropped == () and read.stems


def test_quoted_words_and_operators_are_taken_as_typed() -> None:
    assert parse_query('"de minister" van VWS').parts[0] == Phrase(("de", "minister"))
    assert parse_query("de AND minister").dropped == ()
    assert parse_query("de AND minister").parts == ()


def test_a_hyphenated_word_is_its_parts_anywhere_or_one_word() -> None:
    assert parse_query("STAP-budget").tree == AnyOf(
        (
            Phrase(("stap", "budget")),
            AllOf((Phrase(("stap",)), Phrase(("budget",)))),
            Phrase(("stapbudget",)),
        )
    )
    assert parse_query('"STAP-budget"').tree == Phrase(("stap", "budget"))  # quoted: a phrase
    assert parse_query("5.1.2e").tree == Phrase(("5", "1", "2e"))  # not a hyphen


def test_hyphenated_and_closed_forms_find_each_other(tmp_path: Path) -> None:
    texts = {
        "a.txt": "Het STAP-budget is op.\n",
        "b.txt": "Er is budget voor scholing via STAP.\n",
        "c.txt": "Het stapbudget voor dit jaar.\n",
        "d.txt": "Het budget voor de stap naar werk.\n",  # both words: found too
        "e.txt": "Over iets anders.\n",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, "utf-8")
    with Corpus(tmp_path / "s.db", create=True) as corpus:
        corpus.ingest(sorted(tmp_path.glob("*.txt")), workers=1)
        found = corpus.search("STAP-budget", widen=False)
        assert {Path(h.path).name for h in found.hits} == {"a.txt", "b.txt", "c.txt", "d.txt"}
        assert Path(found.hits[0].path).name == "a.txt"  # written as asked: first


def _mail_file() -> str:
    wouter, ineke = "Wouter Kramsveld <w.kramsveld@example.nl>", "Ineke Brouwersma <i@example.nl>"
    return make_thread(
        *(
            make_email(
                Mail(
                    ineke if n % 2 else wouter,
                    START.replace(hour=9 + n),
                    "RE: Tolken" if n else "Tolken",
                    f"Bericht {n} over het tarief van de tolken.",
                    to=[wouter if n % 2 else ineke],
                ),
                top=n == 3,
            )
            for n in (3, 2, 1, 0)
        )
    )


def test_the_messages_of_one_mail_file_are_one_result(
    tmp_path: Path, store_address: str | Path
) -> None:
    (tmp_path / "mail.txt").write_text(_mail_file(), "utf-8")
    (tmp_path / "nota.txt").write_text("Nota\n\nHet tarief van tolken gaat omhoog.\n", "utf-8")
    with Corpus(store_address, create=True) as corpus:
        corpus.ingest([tmp_path / "mail.txt", tmp_path / "nota.txt"], workers=1)
        grouped = corpus.search("tarief tolken")
        assert grouped.grouped and len(grouped.hits) == 2 and grouped.files == 2
        mail = next(h for h in grouped.hits if h.message is not None)
        assert mail.more_in_file == 3
        apart = corpus.search("tarief tolken", all_messages=True)
        assert not apart.grouped and len(apart.hits) == 5
        assert all(h.more_in_file == 0 for h in apart.hits)
        # "3 more in this file": the same search within the mail's file
        inside = corpus.search("tarief tolken", within=mail.document_id)
        assert not inside.grouped and len(inside.hits) == 4
        assert {Path(h.path).name for h in inside.hits} == {"mail.txt"}
        assert corpus.search("tarief tolken", within="no-such-document").total == 0
        assert sum(m.count for m in corpus.timeline("tolken", within=mail.document_id)) == 4


def test_the_documents_of_one_file_are_one_result(
    tmp_path: Path, store_address: str | Path
) -> None:
    letter = (
        "Datum\t14 maart 2023\nOns kenmerk\tWOO-17\nBetreft\tUw verzoek over tolken\n\n"
        "Geachte heer,\n\nU vroeg naar het tarief van de tolken.\n\n"
    )
    annex = make_email(
        Mail(
            "Wouter Kramsveld <w.kramsveld@example.nl>",
            START,
            "Tarief tolken",
            "Het tarief van de tolken stijgt in 2024.",
            to=["Ineke Brouwersma <i@example.nl>"],
        )
    )
    (tmp_path / "besluit.txt").write_text(letter + annex, "utf-8")
    (tmp_path / "nota.txt").write_text("Nota\n\nHet tarief van tolken gaat omhoog.\n", "utf-8")
    with Corpus(store_address, create=True) as corpus:
        corpus.ingest([tmp_path / "besluit.txt", tmp_path / "nota.txt"], workers=1)
        parts = {h.document_id for h in corpus.search("tarief tolken", all_messages=True).hits}
        assert len(parts) == 3  # the letter, its annexed mail and the note
        grouped = corpus.search("tarief tolken")
        assert grouped.files == 2 and len(grouped.hits) == 2
        besluit = next(h for h in grouped.hits if Path(h.path).name == "besluit.txt")
        assert besluit.more_in_file == 1


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        (
            "het Landelijk Consortium Hulpmiddelen (LCH) kocht",
            [("LCH", "Landelijk Consortium Hulpmiddelen")],
        ),
        ("de NZa (Nederlandse Zorgautoriteit) zegt", [("NZa", "Nederlandse Zorgautoriteit")]),
        ("zie bijlage (pagina 3) en (10)(2e)", []),
        ("de Raad (RvS) en (EU)", []),  # the letters are not in the words before
    ],
)
def test_a_document_defines_an_abbreviation_in_brackets(
    text: str, pairs: list[tuple[str, str]]
) -> None:
    assert defined_abbreviations(text) == pairs


_capitalised = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=9).map(
    str.capitalize
)


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(_capitalised, min_size=2, max_size=5),
    before=st.text(max_size=60),
)
def test_the_initials_of_a_name_in_brackets_define_it(words: list[str], before: str) -> None:
    name = " ".join(words)
    initials = "".join(word[0].upper() for word in words)
    found = defined_abbreviations(f"{before}\n{name} ({initials}) en verder")
    assert (initials, name) in found


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_reading_abbreviations_never_fails_and_names_are_words_before(text: str) -> None:
    for abbreviation, name in defined_abbreviations(text):
        assert abbreviation in text and name in text
        assert len(name.split()) >= 2


def test_an_abbreviation_finds_its_name_and_the_name_its_abbreviation(
    tmp_path: Path, store_address: str | Path
) -> None:
    texts = {
        "a.txt": "Nota\n\nHet Landelijk Consortium Hulpmiddelen (LCH) kocht mondkapjes in.\n",
        "b.txt": "Nota\n\nHet LCH heeft de levering van de mondkapjes afgerond.\n",
        "c.txt": "Nota\n\nEen brief van het landelijk consortium hulpmiddelen over mondkapjes.\n",
        "d.txt": "Nota\n\nDe Nederlandse Zorgautoriteit keurt de tarieven goed.\n",
        "e.txt": "Nota\n\nDe mondkapjes zijn op.\n",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, "utf-8")
    with Corpus(store_address, create=True) as corpus:
        corpus.ingest(sorted(tmp_path.glob("*.txt")), workers=1)

        def found(query: str) -> set[str]:
            return {Path(h.path).name for h in corpus.search(query, widen=False).hits}

        assert found("LCH") == {"a.txt", "b.txt", "c.txt"}
        assert found("Landelijk Consortium Hulpmiddelen") == {"a.txt", "b.txt", "c.txt"}
        assert found('"Landelijk Consortium Hulpmiddelen"') == {"a.txt", "b.txt", "c.txt"}
        assert found("LCH mondkapjes") == {"a.txt", "b.txt", "c.txt"}
        assert found("NZa") == {"d.txt"}  # the catalogue knows this one
        (hit,) = corpus.search("LCH levering", widen=False).hits
        marked = {hit.snippet[a:b] for a, b in hit.highlights}
        assert "LCH" in marked


def test_a_store_of_schema_5_reads_the_abbreviations_of_its_stored_text(
    tmp_path: Path, store_address: str | Path
) -> None:
    (tmp_path / "a.txt").write_text("Het Outbreak Management Team (OMT) adviseert.\n", "utf-8")
    (tmp_path / "b.txt").write_text("Het OMT vergaderde.\n", "utf-8")
    with Corpus(store_address, create=True) as corpus:
        corpus.ingest(sorted(tmp_path.glob("*.txt")), workers=1)
        with transaction(corpus.connection) as connection:
            connection.execute("DROP TABLE abbreviations")
            connection.execute(
                "DELETE FROM meta WHERE key IN ('abbreviations_read', 'abbreviations_at')"
            )
            connection.execute("UPDATE meta SET value = '5' WHERE key = 'schema_version'")
    with Corpus(store_address, read_only=True) as old:  # read as it is: no pairs
        assert {Path(h.path).name for h in old.search("Outbreak Management Team").hits} == {"a.txt"}
    result = CliRunner().invoke(cli, ["index", "--db", str(store_address), "-q"])
    assert result.exit_code == 0, result.output
    with Corpus(store_address) as corpus:
        found = corpus.search("Outbreak Management Team", widen=False).hits
        assert {Path(h.path).name for h in found} == {"a.txt", "b.txt"}


def test_a_compound_finds_its_parts_written_apart(tmp_path: Path) -> None:
    texts = {
        "a.txt": "Nota\n\nDe Fraude Signalering Voorziening werd stopgezet.\n",
        "b.txt": "Nota\n\nDe fraudesignaleringsvoorziening werd stopgezet.\n",
        "c.txt": "Nota\n\nEen voorziening tegen fraude, en een signalering.\n",
        "d.txt": "Nota\n\nDe signalering van fraude vraagt een voorziening.\n",
        "e.txt": "Nota\n\nFraude en signalering: geen voorziening.\n",
        "f.txt": "Nota\n\nDe voorziening signalering fraude staat los.\n",  # not in a row
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, "utf-8")
    with Corpus(tmp_path / "c.db", create=True) as corpus:
        corpus.ingest(sorted(tmp_path.glob("*.txt")), workers=1)
        found = corpus.search("Fraudesignaleringsvoorziening", widen=False).hits
        assert {Path(h.path).name for h in found} == {"a.txt", "b.txt"}
        # the parts written apart find the parts, not the compound (no guessing)
        apart = corpus.search('"Fraude Signalering Voorziening"', widen=False).hits
        assert {Path(h.path).name for h in apart} == {"a.txt"}


def test_a_word_more_common_whole_than_in_parts_is_not_cut(tmp_path: Path) -> None:
    texts = {f"{n}.txt": f"Nota {n}\n\nDe werkgelegenheid groeit.\n" for n in range(4)}
    texts["x.txt"] = "Nota\n\nHet werk is gelegen aan de rand van de stad.\n"
    for name, text in texts.items():
        (tmp_path / name).write_text(text, "utf-8")
    with Corpus(tmp_path / "c.db", create=True) as corpus:
        corpus.ingest(sorted(tmp_path.glob("*.txt")), workers=1)
        read = corpus.engine.decompounded(parse_query("werkgelegenheid"))
        assert read.tree == parse_query("werkgelegenheid").tree


def test_the_command_line_says_how_it_read_widened_and_grouped(tmp_path: Path) -> None:
    (tmp_path / "mail.txt").write_text(_mail_file(), "utf-8")
    (tmp_path / "nota.txt").write_text("Nota\n\nDe tolken krijgen een nieuw contract.\n", "utf-8")
    db = str(tmp_path / "c.db")
    runner = CliRunner()
    files = [str(tmp_path / "mail.txt"), str(tmp_path / "nota.txt")]
    assert runner.invoke(cli, ["ingest", "-q", "-j", "1", "--db", db, *files]).exit_code == 0
    shown = runner.invoke(cli, ["search", "--db", db, "wat is het tarief van de tolken?"])
    assert shown.exit_code == 0, shown.output
    assert "(read as a question; left out: wat, is, het, van, de)" in shown.stdout
    assert "1 with all the words, and hits with most of them" in shown.stdout  # a document
    assert "· 3 more in this file (--within " in shown.stdout
    within = re.search(r"--within (\S+)\)", shown.stdout)
    assert within is not None
    inside = runner.invoke(
        cli, ["search", "--db", db, "tarief tolken", "--within", within.group(1), "--json"]
    )
    assert [h["path"].endswith("mail.txt") for h in json.loads(inside.stdout)["hits"]] == [True] * 4
    assert "(some of the words)" in shown.stdout
    apart = runner.invoke(cli, ["search", "--db", db, "tarief tolken", "--all-messages", "--json"])
    hits = json.loads(apart.stdout)["hits"]
    assert [h["all_words"] for h in hits] == [True] * 4 + [False]  # the four messages, the note
    strict = runner.invoke(cli, ["search", "--db", db, "tarief tolken", "--all-words", "--json"])
    found = json.loads(strict.stdout)
    assert not found["widened"] and len(found["hits"]) == 1
    nothing = runner.invoke(cli, ["search", "--db", db, "tarief contract"])
    assert "no hits with all the words; these have most of them" in nothing.stdout
    one = runner.invoke(cli, ["search", "--db", db, "contract"])
    assert one.stdout.startswith("1 of 1 file, 1 hit for 'contract'\n")
    assert runner.invoke(cli, ["search", "--db", db, "tarief tolken"]).stdout.startswith(
        "1–2 of 2 files, 5 hits for 'tarief tolken'"
    )


def test_the_web_page_says_it_widened_and_toggles_messages(tmp_path: Path) -> None:
    (tmp_path / "mail.txt").write_text(_mail_file(), "utf-8")
    (tmp_path / "nota.txt").write_text("Nota\n\nDe tolken krijgen een nieuw contract.\n", "utf-8")
    db = tmp_path / "c.db"
    with Corpus(db, create=True) as corpus:
        corpus.ingest(sorted(tmp_path.glob("*.txt")), workers=1)
    with TestClient(create_app(db)) as client:
        page = client.get("/", params={"q": "tarief contract"}).text
        assert "Geen bestanden met alle woorden; resultaten met de meeste woorden." in page
        assert "niet alle woorden" in page and "nog 3 in dit bestand" in page
        toggle = re.search(r'class="messages-toggle" href="([^"]+)"', page)
        assert toggle is not None and "all_messages=true" in toggle.group(1)
        apart = client.get(html.unescape(toggle.group(1))).text
        assert "Eén resultaat per bestand" in apart and "nog 3 in dit bestand" not in apart
        more = re.search(r'class="more-in-file" href="([^"]+)"', page)
        assert more is not None and "within=" in more.group(1)
        inside = client.get(html.unescape(more.group(1))).text
        assert inside.count('class="hit"') == 4 and "mail.txt ✕" in inside
        document = re.search(r"within=([^&]+)", html.unescape(more.group(1)))
        assert document is not None
        api_inside = client.get("/api/search", params={"q": "tolken", "within": document[1]})
        assert api_inside.json()["grouped"] is False and len(api_inside.json()["hits"]) == 4
        api = client.get("/api/search", params={"q": "tarief tolken", "widen": "false"})
        assert api.json()["widened"] is False


@pytest.mark.parametrize("query", ["wat is het ?", "hoe ?", "de -", "de ...", "de &", "de *"])
def test_a_token_without_a_word_does_not_empty_a_query(query: str) -> None:
    read = parse_query(query)
    assert read.stems and read.dropped == ()


@pytest.mark.parametrize(("query", "kept"), [("OM vervolging", "om"), ("IT beveiliging", "it")])
def test_a_word_typed_in_capitals_is_never_a_stop_word(query: str, kept: str) -> None:
    assert kept in parse_query(query).stems


def test_an_abbreviation_that_is_a_stop_word_is_not_expanded() -> None:
    pairs = known_pairs(
        [("OM", "Openbaar Ministerie"), ("LCH", "Landelijk Consortium Hulpmiddelen")]
    )
    read = expanded(parse_query('"Openbaar Ministerie"'), pairs)
    assert read.tree == parse_query('"Openbaar Ministerie"').tree
    assert "om" not in read.stems
    assert "lch" in expanded(parse_query("Landelijk Consortium Hulpmiddelen"), pairs).stems


def test_a_very_long_word_is_not_cut_into_compounds() -> None:
    looked_up: list[str] = []

    def frequency(form: str) -> int:
        looked_up.append(form)
        return 5

    query = parse_query("a" * 900 + " " + "b" * 41)
    assert decompounded(query, frequency).tree == query.tree
    assert looked_up == []


def test_grouped_pages_follow_on_without_gaps_and_say_when_there_is_more() -> None:
    units = [_unit(n, ["aa"] * (1 + n % 3), document=n % 7) for n in range(1, 40)]
    engine = _engine(units)
    query = parse_query("aa")
    seen: list[int] = []
    offset = 0
    while True:
        page = engine.search(Search(query, limit=3, offset=offset, group=True))
        seen += [units[h.unit_id - 1].file for h in page.hits]
        offset += 3
        if not page.more_pages:
            break
    assert sorted(seen) == sorted({u.file for u in units})


def test_a_page_the_all_words_hits_fill_exactly_still_leads_to_the_others() -> None:
    units = [_unit(1, ["aa", "ab"]), _unit(2, ["aa", "ab"]), _unit(3, ["aa"])]
    engine = _engine(units)
    query = parse_query("aa ab")
    for group in (False, True):
        first = engine.search(Search(query, limit=2, widen=True, group=group))
        assert not first.widened and first.more_pages
        second = engine.search(Search(query, limit=2, offset=2, widen=True, group=group))
        assert [h.unit_id for h in second.hits] == [3] and not second.more_pages
