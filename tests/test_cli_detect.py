"""``inzage detect`` from the command line."""

import json
from pathlib import Path

from click.testing import CliRunner

from inzage.cli import cli
from tests.builders import make_eml, make_pdf

MAIL = (
    "Van: Anna de Vries <anna.devries@minvws.nl>\r\n"
    "Aan: Info <info@minvws.nl>\r\n"
    "Onderwerp: overleg\r\n\r\n"
    "Beste Tom,\r\n\r\nAlgemeen nummer: 070 340 79 11. Mobiel 06-12345678.\r\n"
    "\r\nGroet,\r\nAnna\r\n"
)


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["detect", *args])
    return result.exit_code, result.stdout, result.stderr


def test_jsonl_offsets_point_into_the_file_as_decoded(tmp_path: Path) -> None:
    path = tmp_path / "mail.txt"
    path.write_bytes(MAIL.encode("cp1252"))
    code, out, _ = _run(str(path), "--jsonl")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    original = path.read_bytes().decode("cp1252")
    assert {r["text"] for r in rows} >= {"Anna de Vries", "anna.devries", "Tom", "06-12345678"}
    for row in rows:
        assert original[row["start"] : row["end"]] == row["text"]
        assert set(row) >= {"path", "start", "end", "kind", "ground", "action", "score", "reason"}
        assert row["action"] != "keep"
    assert path.read_bytes() == MAIL.encode("cp1252")  # the input is untouched


def test_all_shows_the_keeps_with_their_reasons(tmp_path: Path) -> None:
    path = tmp_path / "mail.txt"
    path.write_text(MAIL)
    _, out, _ = _run(str(path), "--json", "--all")
    detection = json.loads(out)
    keeps = {p["text"]: p["reason"] for p in detection["proposals"] if p["action"] == "keep"}
    assert keeps == {
        "info": "functional mailbox",
        "070 340 79 11": "switchboard number",
        "Info": "organisation or unit, recipient of a mail",
    }


def test_a_bad_file_is_named_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "a.txt"
    good.write_text(MAIL)
    bad = tmp_path / "b.pdf"
    bad.write_bytes(b"%PDF-1.4 broken")
    empty = tmp_path / "c.txt"
    empty.write_bytes(b"")
    code, out, err = _run("-r", str(tmp_path))
    assert code == 1
    assert "b.pdf" in err and "c.txt" in err
    assert "a.txt" in out and "Anna de Vries" in out
    assert "Anna de Vries" not in err  # errors name files, never content


def test_a_bad_policy_is_exit_code_2(tmp_path: Path) -> None:
    path = tmp_path / "mail.txt"
    path.write_text(MAIL)
    policy = tmp_path / "policy.yaml"
    policy.write_text("keep: [{naam: Anna}]\n")
    code, _, err = _run(str(path), "--policy", str(policy))
    assert code == 2
    assert "keep.0.name" in err


def test_a_pdf_proposal_has_its_page_and_boxes(tmp_path: Path) -> None:
    path = tmp_path / "memo.pdf"
    path.write_bytes(make_pdf(["Eerste pagina.", "Overleg met collega De Boer gehad."]))
    code, out, _ = _run(str(path), "--jsonl")
    assert code == 0
    (row,) = [json.loads(line) for line in out.splitlines()]
    assert (row["text"], row["page"]) == ("De Boer", 2)
    (box,) = row["boxes"]
    assert box["page"] == 2 and box["unit"] == "pt" and 20 < box["width"] < 80


def test_an_eml_and_its_attachment_are_detected_as_one_dossier(tmp_path: Path) -> None:
    mail = make_eml(
        sender="Anna de Vries <anna.devries@minvws.nl>",
        to="Tom Kerkhof <t.kerkhof@vng.nl>",
        subject="stukken",
        body="Beste Tom,\n\nZie de bijlage.\n\nGroet,\nAnna\n",
        attachment=(
            "memo.txt",
            b"Memo\n\nHet voorstel van A. de Vries is besproken.\n",
            "text/plain",
        ),
    )
    path = tmp_path / "mail.eml"
    path.write_bytes(mail)
    code, out, _ = _run(str(path), "--jsonl")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    by_path: dict[str, set[str]] = {}
    for row in rows:
        by_path.setdefault(row["path"], set()).add(row["text"])
    assert {"Anna de Vries", "anna.devries", "Tom"} <= by_path[str(path)]
    assert by_path[f"{path}/memo.txt"] == {"A. de Vries"}  # learnt from the mail's header


def test_the_text_of_a_proposal_is_the_file_as_it_stands(tmp_path: Path) -> None:
    path = tmp_path / "memo.txt"
    path.write_text("Overleg met collega\u00a0Anna\u00a0de\u00a0Vries.\r\n", encoding="utf-8")
    _, out, _ = _run(str(path), "--jsonl")
    (row,) = [json.loads(line) for line in out.splitlines()]
    decoded = path.read_bytes().decode("utf-8")
    assert row["text"] == decoded[row["start"] : row["end"]] == "Anna\u00a0de\u00a0Vries"
