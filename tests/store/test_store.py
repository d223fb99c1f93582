"""The corpus store: round trip, dedupe, threads, failures, schema version."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from inzage.pipeline import parse_path
from inzage.store import Corpus, StoreError
from inzage.store.schema import SCHEMA_VERSION, transaction


def ingested(release: Path, store: str | Path, workers: int = 1) -> Corpus:
    corpus = Corpus(store, create=True)
    corpus.ingest(sorted(p for p in release.rglob("*") if p.is_file()), workers=workers)
    return corpus


def test_round_trip_equals_the_parsed_model(release: Path, store_address: str | Path) -> None:
    with ingested(release, store_address) as corpus:
        # kopie-nota.md has the same bytes as nota.md and was ingested first
        for path in [release / "kopie-nota.md", release / "mail" / "3-dank.txt"]:
            parsed = parse_path(path)
            assert corpus.source(parsed.sha256) == parsed


def test_exact_duplicates_are_stored_once_with_every_path(
    release: Path, store_address: str | Path
) -> None:
    with ingested(release, store_address) as corpus:
        sha = parse_path(release / "nota.md").sha256
        paths = [
            p
            for (p,) in corpus.connection.execute(
                "SELECT path FROM source_paths p JOIN sources s ON s.id = p.source_id "
                "WHERE s.sha256 = ? ORDER BY p.position",
                (sha,),
            )
        ]
        assert sorted(Path(p).name for p in paths) == ["kopie-nota.md", "nota.md"]
        assert corpus.counts()["sources"] == 5


def test_a_message_quoted_in_several_files_is_one_message(
    release: Path, store_address: str | Path
) -> None:
    with ingested(release, store_address) as corpus:
        counts = corpus.counts()
        assert counts["message_occurrences"] == 6  # 1 + 2 + 3
        assert counts["messages"] == 3
        question = corpus.connection.execute(
            "SELECT occurrences FROM messages WHERE subject = 'Uitstel invoering jeugdwet'"
        ).fetchone()
        assert question == (3,)


def test_the_thread_is_rebuilt_across_three_files(release: Path, store_address: str | Path) -> None:
    with ingested(release, store_address) as corpus:
        (thread_id,) = {t for (t,) in corpus.connection.execute("SELECT thread_id FROM messages")}
        thread = corpus.thread(thread_id)
        subjects = [m.message.subject for m in thread.messages]
        assert subjects == [
            "Uitstel invoering jeugdwet",
            "RE: Uitstel invoering jeugdwet",
            "Antw: RE: Uitstel invoering jeugdwet",
        ]
        assert sorted(Path(p.path).name for p in thread.messages[0].found_in) == [
            "1-vraag.txt",
            "2-antwoord.txt",
            "3-dank.txt",
        ]


def test_separate_files_with_the_same_subject_link_by_participants(
    tmp_path: Path, store_address: str | Path
) -> None:
    from datetime import UTC, datetime

    from tests.builders import Mail, make_email

    def mail(sender: str, day: int, subject: str) -> str:
        return make_email(
            Mail(
                sender,
                datetime(2021, 5, day, 10, tzinfo=UTC),
                subject,
                f"Tekst {day}.",
                to=["Jan Mol <j.mol@minvws.nl>"],
            )
        )

    (tmp_path / "a.txt").write_text(mail("Ans Wit <a.wit@vng.nl>", 3, "Budget"), "utf-8")
    (tmp_path / "b.txt").write_text(mail("Jan Mol <j.mol@minvws.nl>", 4, "RE: budget"), "utf-8")
    (tmp_path / "c.txt").write_text(mail("Kees Pol <k@x.nl>", 28, "FW: Budget"), "utf-8")
    with Corpus(store_address, create=True) as corpus:
        corpus.ingest(sorted(tmp_path.glob("*.txt")), workers=1)
        threads = [
            t for (t,) in corpus.connection.execute("SELECT thread_id FROM messages ORDER BY id")
        ]
    # a and b share Jan Mol within the window; c shares him too but 24 days later still
    # counts (30 days); all three are one conversation
    assert len(set(threads)) == 1


def test_unrelated_mails_with_the_same_subject_stay_apart(
    tmp_path: Path, store_address: str | Path
) -> None:
    from datetime import UTC, datetime

    from tests.builders import Mail, make_email

    def mail(sender: str, to: str, month: int) -> str:
        return make_email(
            Mail(sender, datetime(2021, month, 1, 10, tzinfo=UTC), "Vraag", "Tekst.", to=[to])
        )

    (tmp_path / "a.txt").write_text(mail("Ans <a@vng.nl>", "Bo <b@vng.nl>", 2), "utf-8")
    (tmp_path / "b.txt").write_text(mail("Cor <c@uwv.nl>", "Dirk <d@uwv.nl>", 2), "utf-8")
    (tmp_path / "c.txt").write_text(mail("Ans <a@vng.nl>", "Bo <b@vng.nl>", 9), "utf-8")
    with Corpus(store_address, create=True) as corpus:
        corpus.ingest(sorted(tmp_path.glob("*.txt")), workers=1)
        threads = [
            t for (t,) in corpus.connection.execute("SELECT thread_id FROM messages ORDER BY id")
        ]
    assert len(set(threads)) == 3


def test_near_duplicates_form_a_cluster_with_a_predictable_representative(
    release: Path, store_address: str | Path
) -> None:
    with ingested(release, store_address) as corpus:
        rows = corpus.connection.execute(
            "SELECT c.representative, m.document_id, m.similarity FROM clusters c "
            "JOIN cluster_members m ON m.cluster_id = c.id"
        ).fetchall()
        assert len(rows) == 2
        representative = rows[0][0]
        nota = parse_path(release / "nota.md").documents[0]
        near = parse_path(release / "nota-v2.md").documents[0]
        # both complete; the longer one (one word more) represents the cluster
        assert representative == near.id
        assert {r[1] for r in rows} == {nota.id, near.id}
        assert all(r[2] >= 0.8 for r in rows)
        hits = corpus.search("tekorten jeugdzorg")
        assert [h.document_id for h in hits.hits] == [near.id]
        assert corpus.search("tekorten jeugdzorg", all_duplicates=True).total == 2


def test_failures_are_stored_and_the_rest_goes_on(release: Path, store_address: str | Path) -> None:
    with ingested(release, store_address) as corpus:
        failures = {Path(f.path).name: f.error for f in corpus.errors()}
        assert failures == {"kapot.txt": "BinaryInputError", "leeg.txt": "EmptyInputError"}
        assert corpus.counts()["documents"] == 5


def test_retry_after_a_fix_clears_the_failure(release: Path, store_address: str | Path) -> None:
    with ingested(release, store_address) as corpus:
        (release / "leeg.txt").write_text("Nu staat er tekst over de gemeente in.", "utf-8")
        result = corpus.ingest([Path(f.path) for f in corpus.errors()], workers=1)
        assert (result.parsed, result.failed) == (1, 1)
        assert [Path(f.path).name for f in corpus.errors()] == ["kapot.txt"]


def test_a_second_run_skips_what_is_stored(release: Path, store_address: str | Path) -> None:
    with ingested(release, store_address) as corpus:
        before = corpus.counts()
        again = corpus.ingest(sorted(p for p in release.rglob("*") if p.is_file()), workers=1)
        assert again.parsed == 0
        assert again.unchanged == 6
        assert corpus.counts() == before


def test_parallel_ingest_gives_the_same_store(
    release: Path, tmp_path: Path, store_address: str | Path
) -> None:
    def documents(corpus: Corpus) -> list[dict[str, object]]:
        # Workers finish in any order: sources are numbered as they are
        # stored, and of two files with the same bytes either is the first path.
        rows = [{k: v for k, v in d.items() if k != "path"} for d in corpus.export("documents")]
        return sorted(rows, key=lambda d: str(d["id"]))

    with ingested(release, tmp_path / "serial.db") as serial:
        expected = serial.counts(), documents(serial)
    with ingested(release, store_address, workers=2) as parallel:
        assert (parallel.counts(), documents(parallel)) == expected


def test_inputs_are_never_modified(release: Path, store_address: str | Path) -> None:
    before = {p: p.read_bytes() for p in release.rglob("*") if p.is_file()}
    ingested(release, store_address).close()
    assert {p: p.read_bytes() for p in release.rglob("*") if p.is_file()} == before


def test_another_schema_version_is_a_clear_error(store_address: str | Path) -> None:
    with Corpus(store_address, create=True) as corpus, transaction(corpus.connection) as c:
        c.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match=f"schema version 99.*versions 2 to {SCHEMA_VERSION}"):
        Corpus(store_address)


def test_a_file_that_is_no_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("dit is geen database " * 100, "utf-8")
    with pytest.raises(StoreError, match="not an inzage database"):
        Corpus(path)


def test_a_server_database_without_a_store_is_a_clear_error(postgres_url: str) -> None:
    import psycopg

    with psycopg.connect(postgres_url, autocommit=True) as connection:
        connection.execute("CREATE TABLE notities (tekst text)")
    with pytest.raises(StoreError, match="no inzage store in this database"):
        Corpus(postgres_url)
    with pytest.raises(StoreError, match="no inzage store"):
        Corpus(postgres_url, read_only=True)


def test_a_missing_server_database_is_a_clear_error(postgres_url: str) -> None:
    missing = postgres_url.replace("/" + urlsplit(postgres_url).path.strip("/"), "/ontbreekt", 1)
    with pytest.raises(StoreError, match='database "ontbreekt" does not exist'):
        Corpus(missing)


def test_a_missing_database_is_not_created_by_readers(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        Corpus(tmp_path / "missing.db")
    assert not (tmp_path / "missing.db").exists()
