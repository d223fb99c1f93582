"""The command line: output shapes, exit codes, errors per file."""

import json
from pathlib import Path

from click.testing import CliRunner

from inzage.cli import cli


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_parse_summary_counts_markers_per_ground(examples: Path) -> None:
    code, out, _ = run("parse", str(examples / "mail-vws-overleg.txt"))
    assert code == 0
    assert "17 redaction markers for 15 redacted items" in out
    assert "5.1.2e 15, 5.1.2a 1, 5.2 1" in out


def test_parse_summary_shows_letter_fields_and_singular_counts(examples: Path) -> None:
    code, out, _ = run("parse", str(examples / "besluit-woo-verzoek.txt"))
    assert code == 0
    assert '- letter "Besluit op uw Woo-verzoek over mantelzorgbeleid"' in out
    assert "request_date 2023-01-02; outcome deels openbaar; grounds_cited 5.1.2e, 5.2" in out
    assert "1 redaction marker for 1 redacted item;" in out


def test_parse_json_is_the_model(examples: Path) -> None:
    code, out, _ = run("parse", str(examples / "nota-overleg-jeugd.md"), "--json")
    assert code == 0
    source = json.loads(out)
    assert source["model_version"] == "1"
    assert source["format"] == "markdown"
    assert source["metadata"]["title"] == "Nota bestuurlijk overleg jeugdzorg"
    (document,) = source["documents"]
    for redaction in document["redactions"]:
        start, end = redaction["span"]["start"], redaction["span"]["end"]
        assert source["text"][start:end] == redaction["marker"]


def test_parse_nl_gives_one_object_per_line(examples: Path) -> None:
    code, out, _ = run("parse", "-r", str(examples), "--nl")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == len(list(examples.iterdir()))
    assert {json.loads(line)["path"] for line in lines} == {str(p) for p in examples.iterdir()}


def test_parse_json_with_several_files_is_a_list(examples: Path) -> None:
    files = sorted(str(p) for p in examples.glob("*.txt"))
    _, out, _ = run("parse", *files, "--json")
    assert [s["path"] for s in json.loads(out)] == files


def test_bad_inputs_are_named_and_the_rest_is_parsed(tmp_path: Path, examples: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "junk.txt").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4 truncated")
    folder = tmp_path / "folder"
    folder.mkdir()
    good = examples / "scan-rivm-ocr.txt"
    paths = ["empty.txt", "junk.txt", "scan.pdf", "folder", "missing.txt"]
    code, out, err = run("parse", *(str(tmp_path / p) for p in paths), str(good))
    assert code == 1
    errors = err.strip().splitlines()
    assert len(errors) == 5
    for name, reason in zip(
        paths,
        [
            "empty file",
            "binary content",
            "not a readable PDF",
            "is a directory",
            "no such file",
        ],
        strict=True,
    ):
        assert any(name in line and reason in line for line in errors), (name, errors)
    assert str(good) in out
    assert (tmp_path / "empty.txt").read_bytes() == b""


def test_out_writes_json_files_and_leaves_inputs_alone(tmp_path: Path, examples: Path) -> None:
    source = examples / "brief-windows-1252.txt"
    before = source.read_bytes()
    code, _, _ = run("parse", str(source), "--out", str(tmp_path / "parsed"))
    assert code == 0
    written = json.loads((tmp_path / "parsed" / "brief-windows-1252.txt.json").read_text())
    assert written["encoding"] == "cp1252"
    assert source.read_bytes() == before


def test_max_size_refuses_larger_files(examples: Path) -> None:
    code, _, err = run("parse", str(examples / "mail-vws-overleg.txt"), "--max-size", "0.0001")
    assert code == 1
    assert "file too large" in err


def test_grounds_table_and_json() -> None:
    code, out, _ = run("grounds")
    assert code == 0
    assert any(line.startswith("10.2g") and "5.1.5 / 5.1.2i" in line for line in out.splitlines())
    _, out, _ = run("grounds", "--json")
    by_code = {g["code"]: g for g in json.loads(out)}
    assert by_code["10.2e"]["woo"] == ["5.1.2e"]
    assert by_code["5.1.2e"]["label"] == "eerbiediging van de persoonlijke levenssfeer"


def test_schema_is_json_schema() -> None:
    code, out, _ = run("schema")
    assert code == 0
    assert json.loads(out)["title"] == "Source"


def test_stats_over_examples(examples: Path) -> None:
    code, out, _ = run("stats", str(examples), "--json")
    assert code == 0
    stats = json.loads(out)
    assert stats["files"] == len(list(examples.iterdir()))
    assert stats["by_ground"]["5.1.2e"] >= 20
    reasons = {t["reason"] for t in stats["turned_down"]}
    assert "section, page or version reference" in reasons
    assert stats["citations_by_ground"]["5.1.2e"] >= 1


def test_stats_read_pdfs_and_skip_what_inzage_cannot_read(tmp_path: Path) -> None:
    from tests.builders import make_pdf

    (tmp_path / "besluit.pdf").write_bytes(make_pdf(["Telefoon: 5.1.2e", "Naam: 5.1.2e"]))
    (tmp_path / "lijst.xlsx").write_bytes(b"PK\x03\x04 a spreadsheet")
    code, out, _ = run("stats", str(tmp_path), "--json")
    stats = json.loads(out)
    assert code == 0 and stats["by_ground"] == {"5.1.2e": 2}
    assert stats["skipped"] == {".xlsx": 1}


def test_usage_errors_exit_2() -> None:
    code, _, err = run("parse")
    assert code == 2
    assert "Missing argument" in err
