"""Search semantics: stemming, accents, phrases, operators, filters, facets, snippets."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from inzage.store import Corpus
from inzage.store.terms import QueryError, fold, index_text, parse_query, snippet

DOCS = {
    "a.txt": "De gemeente Utrecht vraagt om uitstel van de jeugdwet.\n",
    "b.txt": "Alle gemeenten krijgen meer budget voor jeugdzorg.\n",
    "c.txt": "Het ministerie is geïnformeerd over de financiële tekorten.\n",
    "d.txt": "De provincie bespreekt de open overheid en de gemeente.\n",
    "e.txt": "Open data en een overheid die zwijgt: dat is geen open overheid? Wel.\n",
}


@pytest.fixture
def corpus(tmp_path: Path, store_address: str | Path) -> Corpus:
    for name, text in DOCS.items():
        (tmp_path / name).write_text(text, "utf-8")
    corpus = Corpus(store_address, create=True)
    corpus.ingest(sorted(tmp_path.glob("*.txt")), workers=1)
    return corpus


def names(corpus: Corpus, query: str, **options: object) -> set[str]:
    """The files of the hits with every word (a widened query's others left out)."""
    result = corpus.search(query, **options)  # type: ignore[arg-type]
    return {Path(hit.path).name for hit in result.hits if hit.all_words}


def test_stemming_finds_every_inflection(corpus: Corpus) -> None:
    assert names(corpus, "gemeenten") == {"a.txt", "b.txt", "d.txt"}
    assert names(corpus, "gemeente") == {"a.txt", "b.txt", "d.txt"}


def test_accents_are_folded(corpus: Corpus) -> None:
    assert names(corpus, "geinformeerd") == {"c.txt"}
    assert names(corpus, "FINANCIELE") == {"c.txt"}


def test_phrase(corpus: Corpus) -> None:
    assert names(corpus, '"open overheid"') == {"d.txt", "e.txt"}
    assert names(corpus, '"overheid open"') == set()


def test_and_or_not_and_prefix(corpus: Corpus) -> None:
    assert names(corpus, "gemeente jeugdwet") == {"a.txt"}
    assert names(corpus, "jeugdwet OR tekorten") == {"a.txt", "c.txt"}
    assert names(corpus, "gemeente NOT utrecht") == {"b.txt", "d.txt"}
    assert names(corpus, "jeugd*") == {"a.txt", "b.txt"}


def test_a_query_too_few_hits_have_all_words_of_goes_on_with_most_of_them(
    corpus: Corpus,
) -> None:
    result = corpus.search("gemeente jeugdwet")
    assert result.widened and result.all_words == 1 and result.total == 3
    first, *rest = result.hits
    assert Path(first.path).name == "a.txt" and first.all_words
    assert {Path(h.path).name for h in rest} == {"b.txt", "d.txt"}
    assert not any(h.all_words for h in rest)
    strict = corpus.search("gemeente jeugdwet", widen=False)
    assert not strict.widened and [Path(h.path).name for h in strict.hits] == ["a.txt"]


def test_the_rarer_word_ranks_a_partial_hit_higher(corpus: Corpus) -> None:
    """No file has both; "tekorten" (one file) outweighs "gemeente" (three)."""
    result = corpus.search("gemeente tekorten")
    assert result.widened and result.all_words == 0
    assert Path(result.hits[0].path).name == "c.txt"


def test_a_query_with_operators_is_never_widened(corpus: Corpus) -> None:
    result = corpus.search("gemeente AND tekorten")
    assert not result.widened and result.total == 0


def test_a_question_leaves_out_its_question_and_stop_words(corpus: Corpus) -> None:
    result = corpus.search("Waarom vraagt de gemeente uitstel van de jeugdwet?")
    assert result.question
    assert {"Waarom", "de", "van"} <= set(result.dropped)
    assert [Path(h.path).name for h in result.hits if h.all_words] == ["a.txt"]


def test_facets_add_up(corpus: Corpus) -> None:
    result = corpus.search("gemeente OR data", facets=True)
    assert result.total == 4
    assert sum(result.facets["kind"].values()) == result.total


def test_limit_and_offset_page_through_the_hits(corpus: Corpus) -> None:
    every = [h.document_id for h in corpus.search("gemeente OR data", limit=10).hits]
    pages = [
        h.document_id
        for offset in range(0, 4, 2)
        for h in corpus.search("gemeente OR data", limit=2, offset=offset).hits
    ]
    assert pages == every


def test_snippets_mark_the_matched_words(corpus: Corpus) -> None:
    (hit,) = corpus.search("tekorten").hits
    marked = [hit.snippet[a:b] for a, b in hit.highlights]
    assert marked == ["tekorten"]


def test_a_bad_query_is_a_query_error(corpus: Corpus) -> None:
    for bad in ['"open', "AND gemeente", "(gemeente", "gemeente OR"]:
        with pytest.raises(QueryError):
            corpus.search(bad)


def test_mail_filters_and_facets(tmp_path: Path, store_address: str | Path) -> None:
    from tests.builders import make_email, make_thread
    from tests.store.conftest import ANSWER, QUESTION

    text = make_thread(make_email(ANSWER), make_email(QUESTION, "nl-outlook", top=False))
    (tmp_path / "mail.txt").write_text(text, "utf-8")
    with Corpus(store_address, create=True) as corpus:
        corpus.ingest([tmp_path / "mail.txt"], workers=1)
        result = corpus.search("uitstel", facets=True)
        assert result.facets["domain"] == {"minvws.nl": 1, "gemeente-zwolle.nl": 1}
        assert result.facets["month"] == {"2021-03": 2}
        (hit,) = corpus.search("uitstel", domain="minvws.nl").hits
        assert hit.message is not None and hit.message.subject == ANSWER.subject
        assert hit.thread_id is not None
        assert corpus.search("uitstel", date_from=date(2021, 3, 2)).total == 0
        assert corpus.search("uitstel", date_to=date(2021, 3, 1)).total == 2


def test_running_headers_never_reach_a_snippet(tmp_path: Path, store_address: str | Path) -> None:
    from tests.builders import with_running_headers

    paragraphs = [f"Alinea {i} over de tekorten bij de gemeente Zwolle. " * 8 for i in range(6)]
    text = with_running_headers(paragraphs, ["Directie Jeugd", "Kenmerk 3284750-204321-DJ"])
    (tmp_path / "r.txt").write_text(text, "utf-8")
    with Corpus(store_address, create=True) as corpus:
        corpus.ingest([tmp_path / "r.txt"], workers=1)
        hits = corpus.search("pagina").hits
        assert hits == []
        for hit in corpus.search("tekorten", limit=50).hits:
            assert "Pagina" not in hit.snippet


@given(st.text(max_size=60))
def test_any_query_is_read_or_refused_clearly(text: str) -> None:
    try:
        query = parse_query(text)
    except QueryError:
        return
    assert query.stems or query.prefixes


@given(st.text(max_size=200), st.text(min_size=1, max_size=20))
def test_snippet_highlights_slice_matching_words(text: str, word: str) -> None:
    try:
        query = parse_query(word)
    except QueryError:
        return
    cut = snippet(text, query)
    for start, end in cut.highlights:
        marked = cut.text[start:end]
        assert marked and index_text(marked)


@given(st.text(max_size=100))
def test_index_text_is_folded(text: str) -> None:
    assert index_text(text) == index_text(fold(text))


def _many_units(tmp_path: Path, store: str | Path) -> Corpus:
    """Forty documents, a quarter of them naming an organisation."""
    for i in range(40):
        who = " met de VNG" if i % 4 == 0 else ""
        (tmp_path / f"{i:02d}.txt").write_text(
            f"Het overleg{who} over de jeugdzorg in regio {i} gaat door.\n", "utf-8"
        )
    corpus = Corpus(store, create=True)
    corpus.ingest(sorted(tmp_path.glob("*.txt")), workers=1)
    return corpus


def test_facets_are_exact_over_many_hits_and_filters(
    tmp_path: Path, store_address: str | Path
) -> None:
    """Counted in the engine for every hit, equal to counting the store's facet rows."""
    corpus = _many_units(tmp_path, store_address)
    result = corpus.search("jeugdzorg", facets=True, limit=1)
    assert result.total == 40 and len(result.hits) == 1
    expected: dict[str, dict[str, int]] = {}
    for facet, value, count in corpus.connection.execute(
        "SELECT facet, value, count(*) FROM unit_facets GROUP BY facet, value"
    ):
        expected.setdefault(facet, {})[value] = count
    assert {k: v for k, v in result.facets.items() if v} == expected
    ((organisation, count),) = expected["organisation"].items()
    chosen = corpus.search("jeugdzorg", organisation=organisation.lower(), facets=True)
    assert chosen.total == count == 10
    assert chosen.facets["organisation"] == {organisation: 10}
    listed = corpus.facet_values("organisation")
    assert [(v.value, v.count) for v in listed] == [(organisation, 10)]
    assert corpus.facet_values("no such facet") == []


@settings(max_examples=50, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from("ab é¼\u0301 \n-"), max_size=300),
    piece=st.integers(min_value=1, max_value=20),
)
def test_long_texts_fold_to_the_same_words_piece_by_piece(text: str, piece: int) -> None:
    """Folding a megabyte at a time gives the words of folding the whole text
    (pieces are cut at white space; a stretch without any is cut where it must)."""
    from inzage.store import terms

    assume(all(len(run) < piece for run in text.replace("\n", " ").split(" ")))
    whole = list(terms.iter_folded_words(text))
    original = terms._PIECE
    terms._PIECE = piece
    try:
        assert list(terms.iter_folded_words(text)) == whole
    finally:
        terms._PIECE = original


_LETTERS = "aeiouybdgkmnrstlj" + "éëïöüÀÉçñāœ" + "ĳĲ½"
_WORDS_OF = st.text(alphabet=st.sampled_from(_LETTERS), min_size=1, max_size=9)


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(_WORDS_OF, min_size=1, max_size=30),
    picks=st.lists(st.integers(min_value=0, max_value=29), min_size=1, max_size=3),
    prefix=st.booleans(),
)
def test_snippets_mark_every_word_the_query_matches(
    words: list[str], picks: list[int], prefix: bool
) -> None:
    """Only words that start like a query term are stemmed: the same words are
    found as by stemming every word (accents, case, doubled vowels, ĳ, ½)."""
    from inzage.store import terms

    text = " ".join(words)
    chosen = [words[i % len(words)] for i in picks]
    written = " ".join(w[: max(1, len(w) - 2)] + "*" if prefix else w for w in chosen)
    try:
        query = parse_query(written)
    except QueryError:
        return
    everything = [
        (m.start(), m.end()) for m in terms._WORD.finditer(text) if terms._matches(m[0], query)
    ]
    assert terms.matched_words(text, query) == everything
    assert everything  # the chosen words are in the text


@settings(max_examples=300, deadline=None)
@given(
    piece=st.text(alphabet=st.sampled_from("ab c\n\t#█\u00a0é"), max_size=80),
    data=st.data(),
)
def test_squeezed_white_space_keeps_every_mark_on_its_word(piece: str, data: st.DataObject) -> None:
    from inzage.store import terms

    words = [(m.start(), m.end()) for m in terms._WORD.finditer(piece)]
    chosen = data.draw(st.lists(st.sampled_from(words), max_size=3, unique=True)) if words else []
    marks = tuple(sorted(chosen))
    cut = terms._with_squeezed_space(piece, marks, True, False)
    assert [cut.text[a:b] for a, b in cut.highlights] == [piece[a:b] for a, b in marks]
    assert "  " not in cut.text and not any(c in cut.text for c in "\n\t\u00a0")
