"""The public inventory list: VWS's columns, grounds by judgement, related
documents, cells Excel will not run, and never the requester."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from inzage.cli import cli
from inzage.publish.inventory import COLUMNS, inventory_rows, inventory_xlsx
from inzage.store import Corpus
from inzage.store.dossier import Request, ensure_reviews, judge, mark_duplicate, set_request
from tests.builders import make_eml
from tests.serve.test_review import build_dossier


@pytest.fixture
def db(tmp_path: Path, store_address: str | Path) -> str | Path:
    path = build_dossier(tmp_path, store_address)
    with Corpus(path) as corpus:
        ensure_reviews(corpus.connection)
        set_request(
            corpus.connection, "Ineke", Request(case_number="2026-17", requester="Wouter Kramsveld")
        )
    return path


def _ids(corpus: Corpus) -> list[str]:
    return [
        d for (d,) in corpus.connection.execute("SELECT document_id FROM reviews ORDER BY number")
    ]


def test_grounds_follow_the_judgement_and_a_duplicate_names_its_original(db: str | Path) -> None:
    with Corpus(db) as corpus:
        memo, note = _ids(corpus)
        judge(corpus.connection, "Ineke", memo, 1, "deels openbaar", remark="=HYPERLINK(1)")
        version = judge(corpus.connection, "Ineke", note, 1, "niet openbaar", grounds=["5.1.2i"])
        mark_duplicate(corpus.connection, "Ineke", note, version, memo)
        rows = inventory_rows(corpus.connection)
    assert [(r.document_number, r.judgement, r.grounds) for r in rows] == [
        ("2026-17-0001", "Deels openbaar", ("5.1.2e",)),
        ("2026-17-0002", "Niet openbaar", ("5.1.2i",)),
    ]
    assert rows[1].related == ("2026-17-0001",) and rows[1].remark == "Dubbel van 2026-17-0001"
    buffer = io.BytesIO()
    inventory_xlsx(rows, buffer)
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(buffer.getvalue())).active
    assert sheet is not None
    assert [c.value for c in sheet[1]] == list(COLUMNS)
    assert sheet.cell(2, 6).value == "'=HYPERLINK(1)"  # text, not a formula


def test_an_attachment_names_its_mail(tmp_path: Path, store_address: str | Path) -> None:
    folder = tmp_path / "dossier"
    folder.mkdir()
    (folder / "mail.eml").write_bytes(
        make_eml(
            sender="Team Jeugd <jeugd@minvws.example>",
            to="Directie <directie@minvws.example>",
            subject="Planning",
            body="Zie de bijlage.",
            attachment=("bijlage.txt", b"Notitie over de planning.", "text/plain"),
        )
    )
    with Corpus(store_address, create=True) as corpus:
        corpus.ingest([folder / "mail.eml"], workers=1)
        ensure_reviews(corpus.connection)
        rows = inventory_rows(corpus.connection)
    assert [r.file_name for r in rows] == ["mail.eml", "bijlage.txt"]
    assert rows[1].related == (rows[0].document_number,)


def test_the_export_command(db: str | Path, tmp_path: Path) -> None:
    runner = CliRunner()
    lines = runner.invoke(cli, ["export", "--db", str(db), "--what", "inventory"]).stdout
    assert [json.loads(line)["Documentnummer"] for line in lines.splitlines()] == [
        "2026-17-0001",
        "2026-17-0002",
    ]
    assert "Kramsveld" not in lines
    refused = runner.invoke(
        cli, ["export", "--db", str(db), "--what", "inventory", "--format", "xlsx"]
    )
    assert refused.exit_code == 2 and "-o FILE.xlsx" in refused.output
    out = tmp_path / "lijst.xlsx"
    done = runner.invoke(
        cli, ["export", "--db", str(db), "--what", "inventory", "--format", "xlsx", "-o", str(out)]
    )
    assert done.exit_code == 0 and out.read_bytes().startswith(b"PK")
