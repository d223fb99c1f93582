"""A folder with a file whose name is not valid UTF-8 (issue 13): the batch is
stored, that file too, under its name with the bad bytes escaped."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner
from fastapi.testclient import TestClient

from inzage.cli import cli
from inzage.serve import create_app
from inzage.store import Corpus
from tests.builders import Mail, make_email

BAD_NAME = os.fsdecode(b"verslag-\xff\xe9.txt")  # not UTF-8: bytes of a Windows archive


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "release"
    folder.mkdir()
    mail = Mail(
        sender="Ada Visser <a.visser@example.nl>",
        sent=datetime(2021, 5, 3, 9, 30, tzinfo=UTC),
        subject="Planning werkbezoek",
        body="De planning van het werkbezoek volgt.\n\nAda",
        to=["Bo Smit <b.smit@example.nl>"],
    )
    (folder / BAD_NAME).write_text(make_email(mail), encoding="utf-8")
    (folder / "goed.txt").write_text("Een korte nota over het werkbezoek.", encoding="utf-8")
    (folder / os.fsdecode(b"leeg-\xff.txt")).write_bytes(b"")
    return folder


def test_ingest_stores_the_file_and_the_rest_of_the_batch(
    tmp_path: Path, store_address: str | Path
) -> None:
    folder = _folder(tmp_path)
    db = store_address
    result = CliRunner().invoke(cli, ["ingest", "-q", "-j", "2", "--db", str(db), str(folder)])
    assert result.exit_code == 1, result.output  # the empty file failed, alone
    assert "leeg-\\xff.txt: empty file" in result.stderr
    with Corpus(db, read_only=True) as corpus:
        assert corpus.counts()["sources"] == 2
        hits = corpus.search("werkbezoek planning").hits
        assert any(hit.path.endswith("verslag-\\xff\\xe9.txt") for hit in hits)
        (failure,) = corpus.errors()
        assert failure.path.endswith("leeg-\\xff.txt")


def test_the_original_file_is_served_from_its_escaped_name(
    tmp_path: Path, store_address: str | Path
) -> None:
    folder = _folder(tmp_path)
    db = store_address
    CliRunner().invoke(cli, ["ingest", "-q", "-j", "1", "--db", str(db), str(folder)])
    with Corpus(db, read_only=True) as corpus:
        (hit,) = corpus.search("planning").hits
    client = TestClient(create_app(db))
    response = client.get(f"/api/documents/{hit.document_id}/source")
    assert response.status_code == 200
    assert b"Planning werkbezoek" in response.content


def test_parse_json_names_the_file_with_escapes_and_warns(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    result = CliRunner().invoke(cli, ["parse", "--json", str(folder / BAD_NAME)])
    assert result.exit_code == 0
    source = json.loads(result.stdout)
    assert source["path"].endswith("verslag-\\xff\\xe9.txt")
    assert any("not valid UTF-8" in warning for warning in source["warnings"])
