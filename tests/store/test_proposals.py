"""Proposals over a corpus: stored, replaced on a second run, one dossier;
stores of the previous schema are upgraded."""

import json
from pathlib import Path

from click.testing import CliRunner

from inzage.cli import cli
from inzage.store import SCHEMA_VERSION, Corpus
from inzage.store.schema import transaction

MAIL = (
    "Van: Eva Kok <e.kok@minvws.nl>\nAan: Piet Bos <p.bos@gemeente-zwolle.nl>\n"
    "Onderwerp: overleg\n\nBeste Piet,\n\nMinister De Wildt komt ook.\n\nGroet,\nEva\n"
)
MEMO = "Memo\n\nHet voorstel van Kok en P. Bos is besproken.\n"


def _corpus(tmp_path: Path, store: str | Path) -> str | Path:
    folder = tmp_path / "release"
    folder.mkdir()
    (folder / "mail.txt").write_text(MAIL)
    (folder / "memo.txt").write_text(MEMO)
    with Corpus(store, create=True) as corpus:
        corpus.ingest(sorted(folder.iterdir()), workers=1)
    return store


def test_names_of_one_source_are_proposed_in_another_and_stored(
    tmp_path: Path, store_address: str | Path
) -> None:
    db = _corpus(tmp_path, store_address)
    with Corpus(db) as corpus:
        progress = corpus.detect()
        rows = list(corpus.proposals(keeps=False))
        kept = [r for r in corpus.proposals() if r["action"] == "keep"]
    memo = [r["text"] for r in rows if r["path"].endswith("memo.txt")]
    assert memo == ["Kok", "P. Bos"]
    assert {r["person"] for r in rows if r["path"].endswith("memo.txt")} == {"kok|e", "bos|p"}
    assert [r["text"] for r in kept] == ["De Wildt"]
    assert progress.counts["redact person"] == len([r for r in rows if r["kind"] == "person"])
    assert all(r["document_id"] for r in rows)


def test_a_second_run_replaces_the_first(tmp_path: Path, store_address: str | Path) -> None:
    db = _corpus(tmp_path, store_address)
    with Corpus(db) as corpus:
        corpus.detect()
        first = list(corpus.proposals())
        corpus.detect()
        assert list(corpus.proposals()) == first
        assert corpus.counts()["proposals"] == len(first)


def test_offsets_are_into_the_stored_text(tmp_path: Path, store_address: str | Path) -> None:
    db = _corpus(tmp_path, store_address)
    with Corpus(db) as corpus:
        corpus.detect()
        rows = list(corpus.proposals())
        assert rows
        for row in rows:
            (text,) = corpus.connection.execute(
                "SELECT text FROM sources WHERE sha256 = ?", (row["source_sha256"],)
            ).fetchone()
            assert text[row["start"] : row["end"]] == row["text"]


REVIEW_TABLES = ("request", "reviews", "withheld_pages", "dossier_terms", "audit")


def test_a_store_of_schema_3_keeps_its_proposals_when_upgraded(
    tmp_path: Path, store_address: str | Path
) -> None:
    db = _corpus(tmp_path, store_address)
    with Corpus(db) as corpus:
        corpus.detect()
        before = [(r["start"], r["text"]) for r in corpus.proposals()]
        with transaction(corpus.connection) as connection:
            connection.execute("DROP INDEX proposals_document")
            for column in ("status", "decided_by", "decided_at"):
                connection.execute(f"ALTER TABLE proposals DROP COLUMN {column}")
            for table in (*REVIEW_TABLES, "unit_terms", "abbreviations"):
                connection.execute(f"DROP TABLE {table}")
            connection.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    with Corpus(db) as corpus:
        rows = list(corpus.proposals())
        assert [(r["start"], r["text"]) for r in rows] == before
        assert {r["status"] for r in rows} == {"proposed"}
        assert corpus.connection.execute("SELECT count(*) FROM audit").fetchone() == (0,)


def test_a_store_of_schema_2_is_upgraded_when_opened_for_writing(
    tmp_path: Path, store_address: str | Path
) -> None:
    db = _corpus(tmp_path, store_address)
    with Corpus(db) as corpus, transaction(corpus.connection) as connection:
        for table in ("proposals", *REVIEW_TABLES, "unit_terms", "abbreviations"):
            connection.execute(f"DROP TABLE {table}")
        connection.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    with Corpus(db, read_only=True) as corpus:  # read as it is
        assert "proposals" not in corpus.counts()
        assert corpus.counts()["documents"] == 2
    with Corpus(db) as corpus:
        corpus.detect()
        assert corpus.counts()["proposals"] > 0
        version = corpus.connection.execute(
            "SELECT value FROM meta WHERE key = 'schema_version'"
        ).fetchone()
    assert version == (str(SCHEMA_VERSION),)


def test_the_cli_stores_and_prints_the_proposals(tmp_path: Path, store_address: str | Path) -> None:
    db = _corpus(tmp_path, store_address)
    runner = CliRunner()
    result = runner.invoke(cli, ["detect", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "redact  person" in result.stdout
    result = runner.invoke(cli, ["detect", "--db", str(db), "--jsonl", "--all"])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {"Eva Kok", "e.kok", "Kok"} <= {r["text"] for r in rows}
    exported = runner.invoke(cli, ["export", "--db", str(db), "--what", "proposals"])
    assert len(exported.stdout.splitlines()) == len(rows)


def test_files_and_a_database_together_are_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["detect", "--db", str(tmp_path / "x.db"), "a.txt"])
    assert result.exit_code == 2
    assert CliRunner().invoke(cli, ["detect"]).exit_code == 2
