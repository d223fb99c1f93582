"""``inzage redact`` and ``inzage verify`` on the command line: what is written
where, exit codes, and that no message ever repeats what was redacted."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from inzage.cli import cli
from inzage.model import RedactReport, VerifyFinding, VerifyReport
from tests.builders import make_drawn_pdf, make_pdf
from tests.redact.battery import KEPT, NAME, plain, recoverable

# Invented people only.
OTHER = "Ineke Brouwersma"
PHONE = "06-23456789"
MAIL = (
    f"Van: {NAME} <w.kramsveld@minbzk.example>\n"
    f"Aan: {OTHER} <i.brouwersma@minbzk.example>\n"
    "Onderwerp: overleg\n\n"
    "Beste Ineke,\n\n"
    f"Minister Hallewijn komt ook. Bel me op {PHONE}.\n\n"
    "Groet,\nWouter\n"
)
# What no output of a command may hold once the names are redacted.
SECRETS = ("kramsveld", "brouwersma")


@pytest.fixture(autouse=True)
def _here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs in its own folder, with paths relative to it (as an
    officer types them, and as ``detect`` shows them in its decisions)."""
    monkeypatch.chdir(tmp_path)


def run(*args: str) -> Result:
    """The command's result; a crash (exit code 3 from the console script) is
    raised here, not mistaken for exit code 1."""
    result = CliRunner().invoke(cli, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def assert_quiet(result: Result, *secrets: str) -> None:
    """Neither stdout nor stderr holds any of the redacted strings, in any case."""
    for secret in secrets or SECRETS:
        for stream, text in (("stdout", result.stdout), ("stderr", result.stderr)):
            assert secret.lower() not in text.lower(), f"{secret!r} printed on {stream}"


def _pdf_text(data: bytes) -> str:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


# --term, --terms-file, --marker on text files


def test_a_term_is_redacted_in_every_written_form_and_the_input_stays() -> None:
    source = Path("notitie.txt")
    original = (
        f"Gesprek met {NAME} over de zaak.\n"
        "WOUTER KRAMSVELD belde terug; wouter\nkramsveld ook.\n"
        "Wóuter Kramsvéld tekende, Wouter Krams-\nveld paraafde.\n"
        "Mail: wouter.kramsveld@minbzk.example en Kramsveld.\n"
    ).encode()
    source.write_bytes(original)
    result = run("redact", str(source), "--term", NAME, "--term", "Kramsveld", "--out", "release")
    assert result.exit_code == 0, result.output
    assert Path("release/notitie.txt").read_text("utf-8") == (
        "Gesprek met [5.1.2e] over de zaak.\n"
        "[5.1.2e] belde terug; [5.1.2e] ook.\n"
        "[5.1.2e] tekende, [5.1.2e] paraafde.\n"
        "Mail: [5.1.2e]@minbzk.example en [5.1.2e].\n"
    )
    assert source.read_bytes() == original  # the input is never written
    head = result.stdout.splitlines()[0]
    assert head == "notitie.txt → release/notitie.txt: 7 redactions, verified"
    assert result.stderr == ""
    assert_quiet(result)
    assert sorted(p.name for p in Path("release").iterdir()) == ["notitie.txt"]  # no temporaries


def test_a_terms_file_gives_grounds_per_line_and_skips_comments() -> None:
    Path("brief.txt").write_text(
        f"Aan {NAME} en {OTHER}, cc Gerrit Zandvoorde en Pieternel.\n", "utf-8"
    )
    Path("namen.tsv").write_text(
        "# Gerrit Zandvoorde is een bestuurder: niet weglakken\n"
        f"{NAME}\n"
        "\n"
        f"{OTHER}\t5.1.2i\n"
        "Pieternel\t10.2.e\n",  # the Wob notation of 5.1.2e
        "utf-8",
    )
    result = run("redact", "brief.txt", "--terms-file", "namen.tsv", "--out", "release")
    assert result.exit_code == 0, result.output
    assert Path("release/brief.txt").read_text("utf-8") == (
        "Aan [5.1.2e] en [5.1.2i], cc Gerrit Zandvoorde en [5.1.2e].\n"
    )
    assert_quiet(result, *SECRETS, "pieternel")


def test_a_bad_ground_in_a_terms_file_is_a_usage_error_naming_file_and_line() -> None:
    Path("brief.txt").write_text(f"Aan {NAME}.\n", "utf-8")
    Path("namen.tsv").write_text(f"# namen\n{OTHER}\t5.1.2i\n{NAME}\tonzin\n", "utf-8")
    result = run("redact", "brief.txt", "--terms-file", "namen.tsv", "--out", "release")
    assert result.exit_code == 2
    assert "namen.tsv:3" in result.stderr
    assert "the text after the tab is not a ground" in result.stderr
    assert "onzin" not in result.stderr
    assert not Path("release").exists()
    assert_quiet(result)


def test_a_custom_marker_and_verify_with_the_same_marker() -> None:
    Path("brief.txt").write_text(f"Aan {NAME}, over {OTHER}.\n", "utf-8")
    result = run(
        "redact", "brief.txt", "--term", NAME, "--term", OTHER, "--ground", "5.1.2i",
        "--marker", "[{ground} Woo]", "--out", "release",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert Path("release/brief.txt").read_text("utf-8") == "Aan [5.1.2i Woo], over [5.1.2i Woo].\n"
    assert_quiet(result)
    checked = run(
        "verify", "brief.txt", "release/brief.txt", "--marker", "[{ground} Woo]", "--term", NAME
    )
    assert checked.exit_code == 0, checked.output
    assert checked.stdout.startswith("release/brief.txt: clean")
    assert_quiet(checked)


# PDFs


def test_a_pdf_is_redacted_and_reported_as_json() -> None:
    original = plain("Helvetica")
    Path("in.pdf").write_bytes(original)
    result = run("redact", "in.pdf", "--term", NAME, "--out", "release", "--json")
    assert result.exit_code == 0, result.output
    assert_quiet(result)
    (row,) = json.loads(result.stdout)
    report = RedactReport.model_validate(row)
    assert (report.path, report.output, report.format) == ("in.pdf", "release/in.pdf", "pdf")
    assert report.redactions >= 1 and report.glyphs >= len("WouterKramsveld")
    assert report.verify is not None and report.verify.clean and report.verify.findings == []
    assert report.verify.boxes == report.redactions
    assert "pdfium" in " ".join(report.verify.checks)
    redacted = Path("release/in.pdf").read_bytes()
    assert recoverable(redacted) == []  # read back by pdfium, pypdf and pikepdf, not by inzage
    text = _pdf_text(redacted)
    assert KEPT in text and "Contactpersoon:" in text and "afdeling Z" in text
    assert "5.1.2e" in text  # the box's code
    assert Path("in.pdf").read_bytes() == original


def test_grey_boxes_verify_as_grey() -> None:
    Path("in.pdf").write_bytes(plain("Times-Roman"))
    result = run("redact", "in.pdf", "--term", NAME, "--box", "grey", "--out", "release")
    assert result.exit_code == 0, result.output
    assert "verified" in result.stdout.splitlines()[0]
    assert recoverable(Path("release/in.pdf").read_bytes()) == []
    checked = run("verify", "in.pdf", "release/in.pdf", "--box", "grey")
    assert checked.exit_code == 0, checked.output
    assert_quiet(result)
    assert_quiet(checked)


def test_a_pdf_page_without_the_term_does_not_stop_the_redaction() -> None:
    pages = ["Memo over de aanvraag.", f"Overleg met {NAME} gehad.", "Dit blijft staan."]
    Path("memo.pdf").write_bytes(make_pdf(pages))
    result = run("redact", "memo.pdf", "--term", NAME, "--out", "release")
    assert result.exit_code == 0, result.output
    redacted = Path("release/memo.pdf").read_bytes()
    assert recoverable(redacted) == []
    text = _pdf_text(redacted)
    assert "Memo over de aanvraag." in text and "Dit blijft staan." in text
    assert_quiet(result)


def test_a_pdf_without_the_term_is_copied_with_no_boxes() -> None:
    Path("in.pdf").write_bytes(plain("Helvetica"))
    result = run("redact", "in.pdf", "--term", OTHER, "--out", "release", "--json")
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    assert row["redactions"] == 0 and row["verify"]["clean"]
    assert NAME in _pdf_text(Path("release/in.pdf").read_bytes())
    assert_quiet(result)


# Decisions: detect --jsonl, detect --db


def _detect_jsonl(path: str) -> list[dict[str, object]]:
    result = run("detect", path, "--jsonl", "--all")
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def _write_jsonl(path: Path, rows: list[dict[str, object]]) -> None:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), "utf-8")


def test_decisions_from_detect_are_applied_and_keeps_are_not() -> None:
    Path("dossier").mkdir()
    Path("dossier/mail.txt").write_text(MAIL, "utf-8")
    rows = _detect_jsonl("dossier/mail.txt")
    texts = {str(r["text"]): r["action"] for r in rows}
    assert texts[NAME] == texts["w.kramsveld"] == texts[PHONE] == "redact"
    assert texts["Hallewijn"] == "keep"  # an office holder: the --all rows hold keeps
    for row in rows:
        if row["text"] == PHONE:
            row["action"] = "keep"  # the officer decides the number stays
    _write_jsonl(Path("decisions.jsonl"), rows)

    result = run("redact", "-r", "dossier", "--decisions", "decisions.jsonl", "--out", "release")
    assert result.exit_code == 0, result.output
    out = Path("release/mail.txt").read_text("utf-8")
    assert out.startswith(
        "Van: [5.1.2e] <[5.1.2e]@minbzk.example>\nAan: [5.1.2e] <[5.1.2e]@minbzk.example>\n"
    )
    for secret in (*SECRETS, "Ineke", "Wouter"):
        assert secret not in out
    assert PHONE in out and "Minister Hallewijn" in out  # keeps are not applied
    assert "verified" in result.stdout
    assert_quiet(result)


def test_decisions_on_a_pdf_box_the_name_and_the_number() -> None:
    lines = ["Memo over de aanvraag.", f"Overleg met {NAME} gehad, bel {PHONE}.", KEPT]
    Path("memo.pdf").write_bytes(make_pdf(["\n".join(lines)]))
    rows = _detect_jsonl("memo.pdf")
    assert {str(r["text"]) for r in rows if r["action"] == "redact"} >= {NAME, PHONE}
    assert all(r["page"] == 1 and r["boxes"] for r in rows)
    _write_jsonl(Path("decisions.jsonl"), rows)
    result = run("redact", "memo.pdf", "--decisions", "decisions.jsonl", "--out", "release")
    assert result.exit_code == 0, result.output
    redacted = Path("release/memo.pdf").read_bytes()
    assert recoverable(redacted) == [] and recoverable(redacted, "23456789") == []
    text = _pdf_text(redacted)
    assert "Memo over de aanvraag." in text and KEPT in text and "Overleg met" in text
    assert_quiet(result, *SECRETS, PHONE)


def test_a_decision_that_no_longer_fits_its_file_is_refused() -> None:
    Path("mail.txt").write_text(MAIL, "utf-8")
    _write_jsonl(Path("decisions.jsonl"), _detect_jsonl("mail.txt"))
    Path("mail.txt").write_text("Een regel erbij.\n" + MAIL, "utf-8")  # changed after detect
    result = run("redact", "mail.txt", "--decisions", "decisions.jsonl", "--out", "release")
    assert result.exit_code == 1
    assert "mail.txt: not redacted" in result.stderr and "inzage detect" in result.stderr
    assert not Path("release/mail.txt").exists()
    assert_quiet(result)


def test_a_row_that_is_no_decision_is_a_usage_error_with_its_line() -> None:
    Path("mail.txt").write_text(MAIL, "utf-8")
    good = {"path": "mail.txt", "start": 5, "end": 21, "text": NAME, "action": "redact"}
    Path("decisions.jsonl").write_text(
        json.dumps(good) + "\n" + json.dumps({**good, "end": "eind"}) + "\n", "utf-8"
    )
    result = run("redact", "mail.txt", "--decisions", "decisions.jsonl", "--out", "release")
    assert result.exit_code == 2
    assert "decisions.jsonl:2: not a decision" in result.stderr
    assert_quiet(result)


@pytest.mark.parametrize(
    "line",
    [
        "[]",
        '{"path": "mail.txt", "start": 5, "end": 21, "text": "x", "action": "redact", '
        '"boxes": "x"}',
    ],
    ids=["not an object", "boxes not a list"],
)
def test_a_malformed_row_is_a_usage_error_not_a_crash(line: str) -> None:
    Path("mail.txt").write_text(MAIL, "utf-8")
    Path("decisions.jsonl").write_text(line + "\n", "utf-8")
    result = run("redact", "mail.txt", "--decisions", "decisions.jsonl", "--out", "release")
    assert result.exit_code == 2
    assert "decisions.jsonl:1" in result.stderr
    assert_quiet(result)


def test_the_proposals_of_a_database_are_applied(store_address: str | Path) -> None:
    """From an SQLite file, then from PostgreSQL."""
    db = str(store_address)
    Path("dossier/sub").mkdir(parents=True)
    Path("dossier/mail.txt").write_text(MAIL, "utf-8")
    Path("dossier/sub/memo.txt").write_text(
        f"Memo\n\nHet voorstel van Kramsveld is besproken met {OTHER}.\n", "utf-8"
    )
    ingested = run("ingest", "-q", "-j", "1", "--db", db, "dossier")
    assert ingested.exit_code == 0, ingested.output
    detected = run("detect", "--db", db)
    assert detected.exit_code == 0, detected.output
    result = run("redact", "-r", "dossier", "--db", db, "--out", "release")
    assert result.exit_code == 0, result.output
    mail = Path("release/mail.txt").read_text("utf-8")
    memo = Path("release/sub/memo.txt").read_text("utf-8")  # the folder's layout is kept
    assert memo == "Memo\n\nHet voorstel van [5.1.2e] is besproken met [5.1.2e].\n"
    for secret in (*SECRETS, "Ineke", PHONE):
        assert secret not in mail
    assert "Minister Hallewijn" in mail  # a stored keep is not applied
    assert result.stdout.count("verified") == 2
    for each in (ingested, detected, result):
        assert_quiet(each)


# Batches, and where copies go


def test_a_bad_file_is_named_and_the_batch_goes_on() -> None:
    Path("batch/a/b").mkdir(parents=True)
    Path("batch/kapot.pdf").write_bytes(b"%PDF-1.7 junk")
    Path("batch/a/b/goed.txt").write_text(f"Met {NAME} gesproken.\n", "utf-8")
    result = run("redact", "-r", "batch", "--term", NAME, "--out", "release")
    assert result.exit_code == 1
    assert "batch/kapot.pdf: not redacted" in result.stderr
    assert "goed.txt" not in result.stderr
    assert "batch/a/b/goed.txt → release/a/b/goed.txt" in result.stdout
    assert Path("release/a/b/goed.txt").read_text("utf-8") == "Met [5.1.2e] gesproken.\n"
    assert not Path("release/kapot.pdf").exists()
    assert_quiet(result)


def test_a_copy_that_fails_verification_is_not_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """Verification is what decides: a copy it does not pass is never kept."""
    from inzage.redact.verify import verify_text as real

    def failing(*args: Any, **kwargs: Any) -> VerifyReport:
        found = VerifyFinding(check="text", digest="hmac:0000000000", reason="a redacted string")
        return real(*args, **kwargs).model_copy(update={"clean": False, "findings": [found]})

    monkeypatch.setattr("inzage.redact.document.verify_text", failing)
    Path("a.txt").write_text(f"Aan {NAME}.\n", "utf-8")
    Path("b.txt").write_text(f"Over {OTHER}.\n", "utf-8")
    result = run("redact", "a.txt", "b.txt", "--term", NAME, "--term", OTHER, "--out", "release")
    assert result.exit_code == 1
    assert "a.txt: not written" in result.stderr and "b.txt: not written" in result.stderr
    assert "a.txt → (not written): 1 redactions, NOT VERIFIED" in result.stdout
    assert not Path("release").exists() or list(Path("release").iterdir()) == []
    assert_quiet(result)


def test_out_over_the_input_is_a_usage_error() -> None:
    Path("dossier").mkdir()
    original = f"Met {NAME} gesproken.\n".encode()
    Path("dossier/brief.txt").write_bytes(original)
    result = run("redact", "dossier/brief.txt", "--term", NAME, "--out", "dossier")
    assert result.exit_code == 2
    assert "--out would write over the input" in result.stderr
    assert Path("dossier/brief.txt").read_bytes() == original
    assert [p.name for p in Path("dossier").iterdir()] == ["brief.txt"]
    result = run("redact", "-r", "dossier", "--term", NAME, "--out", "dossier")
    assert result.exit_code == 2
    assert Path("dossier/brief.txt").read_bytes() == original
    assert_quiet(result)


def test_the_copy_of_one_input_never_replaces_another_input() -> None:
    Path("other").mkdir()
    Path("dossier").mkdir()
    Path("other/brief.txt").write_text(f"Andere brief aan {NAME}.\n", "utf-8")
    original = f"Brief aan {OTHER}.\n".encode()
    Path("dossier/brief.txt").write_bytes(original)
    result = run(
        "redact", "other/brief.txt", "dossier/brief.txt", "--term", NAME, "--out", "dossier"
    )
    assert result.exit_code == 2
    assert Path("dossier/brief.txt").read_bytes() == original
    assert_quiet(result)


def test_two_inputs_with_one_name_do_not_overwrite_each_other() -> None:
    for folder, text in (("a", "eerste"), ("b", "tweede")):
        Path(folder).mkdir()
        Path(folder, "brief.txt").write_text(f"{NAME}, {text} brief.\n", "utf-8")
    result = run("redact", "a/brief.txt", "b/brief.txt", "--term", NAME, "--out", "release")
    assert result.exit_code == 1
    assert "b/brief.txt: not written" in result.stderr
    assert Path("release/brief.txt").read_text("utf-8") == "[5.1.2e], eerste brief.\n"
    assert_quiet(result)


def test_nothing_to_redact_a_bad_ground_or_marker_are_usage_errors() -> None:
    Path("brief.txt").write_text(f"Aan {NAME}.\n", "utf-8")
    nothing = run("redact", "brief.txt", "--out", "release")
    assert nothing.exit_code == 2 and "nothing to redact" in nothing.stderr
    ground = run("redact", "brief.txt", "--term", NAME, "--ground", "nonsense", "--out", "release")
    assert ground.exit_code == 2 and "--ground: 'nonsense' is not a ground" in ground.stderr
    marker = run("redact", "brief.txt", "--term", NAME, "--marker", "[zwart]", "--out", "release")
    assert marker.exit_code == 2 and "{ground}" in marker.stderr
    assert not Path("release").exists()
    for result in (nothing, ground, marker):
        assert_quiet(result)


# inzage verify


def test_verify_a_clean_pair() -> None:
    Path("brief.txt").write_text(f"Aan {NAME}.\nGezien door {OTHER}.\n", "utf-8")
    done = run("redact", "brief.txt", "--term", NAME, "--term", OTHER, "--out", "release")
    assert done.exit_code == 0, done.output
    result = run("verify", "brief.txt", "release/brief.txt")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "release/brief.txt: clean"
    as_json = run("verify", "brief.txt", "release/brief.txt", "--json", "--term", NAME)
    report = VerifyReport.model_validate(json.loads(as_json.stdout))
    assert report.clean and report.findings == [] and report.original == "brief.txt"
    for each in (done, result, as_json):
        assert_quiet(each)


def test_verify_finds_a_term_left_in_the_text_in_any_form() -> None:
    Path("brief.txt").write_text(f"Aan {NAME}.\n", "utf-8")
    Path("lek.txt").write_text("Aan [5.1.2e].\nCc WOUTER\nKRAMSVELD.\n", "utf-8")
    for redacted in ("brief.txt", "lek.txt"):
        result = run("verify", "brief.txt", redacted, "--term", NAME)
        assert result.exit_code == 1, result.output
        assert result.stdout.startswith(f"{redacted}: 1 findings")
        assert_quiet(result)
        as_json = run("verify", "brief.txt", redacted, "--term", NAME, "--json")
        assert as_json.exit_code == 1
        report = VerifyReport.model_validate(json.loads(as_json.stdout))
        assert not report.clean and [f.check for f in report.findings] == ["text"]
        assert_quiet(as_json)


@pytest.mark.parametrize(
    ("original", "secret"),
    [
        (f"{NAME} belde. Later belde {{}} weer.\n", NAME),  # 'e' in the name and the marker
        (f"Versie 5.1.2 door {NAME}. Zie ook {{}}.\n", NAME),  # the marker's digits nearby
        (f"Aan: {NAME}\nCc: {{}}\n", NAME),
        (f"Bel {PHONE} of {{}}.\n", PHONE),
    ],
)
def test_verify_finds_what_a_marker_replaced_standing_elsewhere(original: str, secret: str) -> None:
    """No --term: what was redacted is read from the original, by its markers;
    a copy redacted in one place only is a leak."""
    Path("brief.txt").write_text(original.format(secret), "utf-8")
    Path("half.txt").write_text(original.replace(secret, "[5.1.2e]").format(secret), "utf-8")
    result = run("verify", "brief.txt", "half.txt")
    assert result.exit_code == 1, result.output
    assert "1 findings" in result.stdout.splitlines()[0]
    assert_quiet(result, secret, *SECRETS)
    Path("full.txt").write_text(original.replace(secret, "[5.1.2e]").format("[5.1.2e]"), "utf-8")
    assert run("verify", "brief.txt", "full.txt").exit_code == 0


def test_verify_catches_a_box_drawn_over_text_that_stays() -> None:
    def fake(canvas: object) -> None:
        canvas.drawString(72, 700, f"Contactpersoon: {NAME}")  # type: ignore[attr-defined]
        canvas.rect(160, 696, 95, 14, stroke=0, fill=1)  # type: ignore[attr-defined]

    Path("in.pdf").write_bytes(plain("Helvetica"))
    Path("zwart.pdf").write_bytes(make_drawn_pdf(fake))
    result = run("verify", "in.pdf", "zwart.pdf", "--term", NAME)
    assert result.exit_code == 1, result.output
    assert "findings" in result.stdout.splitlines()[0]
    assert_quiet(result)
    as_json = run("verify", "in.pdf", "zwart.pdf", "--term", NAME, "--json")
    assert as_json.exit_code == 1
    report = VerifyReport.model_validate(json.loads(as_json.stdout))
    assert {"text-pdfium", "text-pypdf", "stream"} <= {f.check for f in report.findings}
    assert_quiet(as_json)


def test_verify_usage_errors() -> None:
    Path("brief.txt").write_text("Aan [5.1.2e].\n", "utf-8")
    assert run("verify", "brief.txt", "brief.txt", "--ground", "onzin").exit_code == 2
    assert run("verify", "brief.txt", "weg.txt").exit_code == 2


def test_the_digest_in_a_finding_is_keyed_anew_for_every_run() -> None:
    """A plain hash of a phone number is reversed by hashing every number; the
    report's digest is keyed, and the key differs from one run to the next."""
    Path("brief.txt").write_text(f"Bel {PHONE}.\n", "utf-8")
    args = ["verify", "brief.txt", "brief.txt", "--term", PHONE, "--json"]
    here = run(*args)
    assert here.exit_code == 1
    (finding,) = VerifyReport.model_validate(json.loads(here.stdout)).findings
    plain_hash = hashlib.sha256(PHONE.encode()).hexdigest()
    assert finding.digest and finding.digest.removeprefix("hmac:") not in plain_hash
    assert_quiet(here, PHONE, "23456789")
    other = subprocess.run(
        [sys.executable, "-m", "inzage", *args], capture_output=True, text=True, check=False
    )
    assert other.returncode == 1, other.stderr
    (again,) = VerifyReport.model_validate(json.loads(other.stdout)).findings
    assert again.check == finding.check and again.digest != finding.digest


def test_files_are_redacted_by_two_workers_and_reported_in_their_order() -> None:
    Path("stukken").mkdir()
    names = [f"stuk-{n}.pdf" for n in range(5)]
    for name in names:
        Path("stukken", name).write_bytes(plain("Helvetica"))
    Path("stukken", "kapot.pdf").write_bytes(b"%PDF-1.7 kapot")
    result = run("redact", "-r", "stukken", "--term", NAME, "--out", "release", "-j", "2", "--json")
    assert result.exit_code == 1 and "stukken/kapot.pdf: not redacted" in result.stderr
    reports = [RedactReport.model_validate(row) for row in json.loads(result.stdout)]
    assert [r.path for r in reports] == [f"stukken/{name}" for name in names]
    for name in names:
        assert recoverable(Path("release", name).read_bytes()) == []
    assert not Path("release", "kapot.pdf").exists()
    assert_quiet(result)


def test_database_decisions_fit_a_crlf_file_with_front_matter(store_address: str | Path) -> None:
    # The store holds the reading text (normalised, front matter split off);
    # redact moves its offsets back onto the file as it is.
    db = str(store_address)
    Path("dossier").mkdir()
    body = "---\r\ntitel: nota\r\n---\r\nNota\r\n\r\nHet voorstel van mevrouw Jorien Haverkamp.\r\n"
    Path("dossier/nota.md").write_bytes(body.encode())
    assert run("ingest", "-q", "-j", "1", "--db", db, "dossier").exit_code == 0
    assert run("detect", "--db", db).exit_code == 0
    result = run("redact", "-r", "dossier", "--db", db, "--out", "release")
    assert result.exit_code == 0, result.output
    assert (
        Path("release/nota.md").read_bytes()
        == body.replace("Jorien Haverkamp", "[5.1.2e]").encode()
    )
