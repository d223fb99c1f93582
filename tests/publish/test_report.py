"""A production report read into the dossier and reconciled with it."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from inzage.cli import cli
from inzage.errors import ConfigurationError
from inzage.publish.report import read_report, reconcile
from inzage.store import Corpus
from inzage.store.dossier import document_review, ensure_reviews
from tests.serve.test_review import build_dossier

HEADER = [
    "ID",
    "Matter",
    "Familie",
    "Documentnr.",
    "Beoordeling",
    "Beoordelingsgrond (; gescheiden)",
    "Opgeschort",
    "Toelichting",
]


def _csv(path: Path, rows: list[list[str]], delimiter: str = ";") -> Path:
    """A report as Excel saves one: a BOM, CRLF, the header quoted where it holds a ';'."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows([HEADER, *rows])
    path.write_bytes(("\ufeff" + buffer.getvalue()).encode())
    return path


def _xlsx(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


@pytest.fixture
def db(tmp_path: Path, store_address: str | Path) -> str | Path:
    path = build_dossier(tmp_path, store_address)
    with Corpus(path) as corpus:
        ensure_reviews(corpus.connection)
    return path


def test_columns_are_found_by_their_aliases_and_grounds_normalised(tmp_path: Path) -> None:
    rows = read_report(
        _csv(
            tmp_path / "r.csv",
            [
                ["17", "M1", "", "memo", "Deels openbaar", "5.1.2.e; 5.1.2i", "ja", "zie besluit"],
                ["18", "M1", "", "notitie.txt", "openbaar", "", "", ""],
            ],
        )
    )
    assert [(r.document, r.judgement, r.grounds, r.suspended) for r in rows] == [
        ("memo", "deels openbaar", ("5.1.2e", "5.1.2i"), True),
        ("notitie.txt", "openbaar", (), False),
    ]
    again = read_report(
        _xlsx(
            tmp_path / "r.xlsx", [["17", "M1", "", "memo", "DEELS OPENBAAR", "5.1.2e", "nee", ""]]
        )
    )
    assert again[0].judgement == "deels openbaar" and again[0].grounds == ("5.1.2e",)


def test_an_unknown_judgement_refuses_the_report_naming_the_row(tmp_path: Path) -> None:
    path = _csv(
        tmp_path / "r.csv",
        [
            ["1", "M1", "", "memo", "openbaar", "", "", ""],
            ["2", "M1", "", "notitie", "gedeeltelijk", "5.1.2e", "", ""],
        ],
    )
    with pytest.raises(ConfigurationError, match="row 3: judgement 'gedeeltelijk' is none of"):
        read_report(path)


def test_a_missing_column_is_named(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "r.xlsx", [["1", "memo"]], header=["ID", "Document"])
    with pytest.raises(ConfigurationError, match="no column for matter, judgement, grounds"):
        read_report(path)


def test_reconcile_lists_what_does_not_agree(tmp_path: Path, db: str | Path) -> None:
    report = read_report(
        _csv(
            tmp_path / "r.csv",
            [
                ["1", "M1", "", "memo", "deels openbaar", "5.1.2e; 5.1.2i", "", ""],
                ["9", "M1", "", "weg.pdf", "openbaar", "", "", ""],
            ],
        )
    )
    with Corpus(db) as corpus:
        result = reconcile(corpus.connection, report)
    assert [r.document for r in result.rows_without_document] == ["weg.pdf"]
    assert [n for _, n in result.documents_without_row] == [2]
    assert result.uncited == {1: ("5.1.2i",)}  # no redaction in the memo cites 5.1.2i
    assert result.unlisted == {}
    assert not result.agrees


def test_the_cli_sets_judgements_and_exits_by_agreement(tmp_path: Path, db: str | Path) -> None:
    path = _csv(
        tmp_path / "r.csv",
        [
            ["1", "M1", "", "memo", "deels openbaar", "5.1.2e", "", "persoonsgegevens"],
            ["2", "M1", "", "notitie", "deels openbaar", "5.1.2e", "", ""],
        ],
    )
    dry = CliRunner().invoke(cli, ["import", str(path), "--db", str(db), "--dry-run", "--json"])
    assert dry.exit_code == 1, dry.output  # the note's name is no redaction yet
    assert json.loads(dry.stdout)["grounds_no_redaction_cites"] == {"2": ["5.1.2e"]}
    with Corpus(db) as corpus:
        assert document_review(corpus.connection, _first(corpus)).judgement is None  # type: ignore[union-attr]
    done = CliRunner().invoke(cli, ["import", str(path), "--db", str(db), "--reviewer", "Ineke"])
    assert done.exit_code == 1 and "2 judgements set" in done.stdout
    with Corpus(db) as corpus:
        review = document_review(corpus.connection, _first(corpus))
        assert review is not None
        assert (review.judgement, review.remark, review.judged_by) == (
            "deels openbaar",
            "persoonsgegevens",
            "Ineke",
        )
    bad = tmp_path / "bad.csv"
    bad.write_text("a;b\n1;2\n")
    assert CliRunner().invoke(cli, ["import", str(bad), "--db", str(db)]).exit_code == 2


def _first(corpus: Corpus) -> str:
    return str(
        corpus.connection.execute("SELECT document_id FROM reviews WHERE number = 1").fetchone()[0]
    )


def test_a_row_without_document_is_named_by_its_number_only(tmp_path: Path, db: str | Path) -> None:
    path = _csv(
        tmp_path / "r.csv", [["7", "M1", "", "cv Jorien Haverkamp.txt", "openbaar", "", "", ""]]
    )
    result = CliRunner().invoke(cli, ["import", str(path), "--db", str(db), "--dry-run"])
    assert result.exit_code == 1
    assert "row 2: matches no document" in result.stdout and "Haverkamp" not in result.output
