"""A reviewed dossier published: redacted files, inventory, DiWoo sitemaps
valid against the schema (read from ../shared/spec/diwoo/, skipped without)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner

from inzage.cli import cli
from inzage.publish.diwoo import NS, Record, sitemaps
from inzage.publish.release import NotReadyError, PublishOptions, publish, readiness
from inzage.store import Corpus
from inzage.store.database import Connection
from inzage.store.dossier import Request, ensure_reviews, judge, set_request, sign_off
from tests.builders import make_pdf

SPEC = Path(__file__).resolve().parents[3] / "shared" / "spec" / "diwoo"
VWS = "https://identifier.overheid.nl/tooi/id/ministerie/mnre1025"
MEMO = "Memo\n\nHet voorstel van mevrouw Jorien Haverkamp is besproken.\n"
NOTE = "Notitie\n\nInterne afstemming met mevrouw Jorien Haverkamp.\n"
PDF_PAGES = ["Nota aan de minister\nOpgesteld door mevrouw Jorien Haverkamp.", "Bijlage\nTabel."]


@pytest.fixture
def dossier(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, store_address: str | Path
) -> str | Path:
    """A reviewed dossier in an SQLite file, then in PostgreSQL."""
    monkeypatch.chdir(tmp_path)
    Path("release").mkdir()
    Path("release/memo.txt").write_text(MEMO)
    Path("release/notitie.txt").write_text(NOTE)
    Path("release/nota.pdf").write_bytes(make_pdf(PDF_PAGES))
    with Corpus(store_address, create=True) as corpus:
        corpus.ingest(sorted(Path("release").iterdir()), workers=1)
        corpus.detect()
        ensure_reviews(corpus.connection)
        set_request(
            corpus.connection,
            "Ineke",
            Request(
                case_number="2026-17",
                title="Besluit op het Woo-verzoek over jeugdzorg",
                decision_date="2026-11-30",
                publisher=VWS,
                publisher_label="ministerie van Volksgezondheid, Welzijn en Sport",
                requester="Wouter Kramsveld",
            ),
        )
    return store_address


def _judge_and_sign(
    connection: Connection,
    judgement_of: Callable[[int, str], str] = lambda number, path: "deels openbaar",
) -> None:
    """Every document judged by Ineke as ``judgement_of(number, path)`` says
    (with a ground when withheld, a link when already public) and signed off
    by Wouter."""
    for document_id, number, path, seen in connection.execute(
        "SELECT r.document_id, r.number, sp.path, r.version FROM reviews r "
        "JOIN documents d ON d.id = r.document_id "
        "JOIN source_paths sp ON sp.source_id = d.source_id"
    ).fetchall():
        judgement = judgement_of(number, path)
        version = judge(
            connection,
            "Ineke",
            document_id,
            seen,
            judgement,  # type: ignore[arg-type]
            grounds=["5.1.2i"] if judgement == "niet openbaar" else [],
            link="https://open.example.nl/eerder" if judgement == "reeds openbaar" else None,
        )
        sign_off(connection, "Wouter", document_id, version, undo=False)


def _by_file(judgements: dict[str, str]) -> Callable[[int, str], str]:
    return lambda number, path: next(j for name, j in judgements.items() if path.endswith(name))


def _schema() -> object:
    xmlschema = pytest.importorskip("xmlschema")
    if not SPEC.is_dir():
        pytest.skip("../shared/spec/diwoo/ is not here")
    return xmlschema.XMLSchema(
        str(SPEC / "diwoo-metadata.xsd"),
        locations=[("https://www.nationaalarchief.nl/mdto", str(_mdto()))],
    )


def _mdto() -> Path:
    """A stand-in for the archive schema DiWoo imports from the internet (a
    DiWoo record never uses it), written beside the tests' temporary files."""
    import tempfile

    path = Path(tempfile.gettempdir()) / "inzage-mdto-stand-in.xsd"
    path.write_text(
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'targetNamespace="https://www.nationaalarchief.nl/mdto" elementFormDefault="qualified">'
        '<xs:element name="MDTO"><xs:complexType><xs:sequence><xs:any processContents="skip" '
        'minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType></xs:element>'
        "</xs:schema>"
    )
    return path


def test_nothing_is_published_before_every_document_is_judged_and_signed(
    dossier: str | Path,
) -> None:
    with Corpus(dossier) as corpus:
        problems = readiness(corpus.connection)
        assert problems == ["4 documents not judged: 1, 2, 3, 4"]  # the PDF holds two
        with pytest.raises(NotReadyError, match="not judged"):
            publish(corpus.connection, PublishOptions(Path("out"), "https://open.example.nl/w"))
    assert not Path("out").exists()


def test_a_dossier_is_published_redacted_with_its_inventory_and_metadata(
    dossier: str | Path,
) -> None:
    with Corpus(dossier) as corpus:
        judgements = {
            "memo.txt": "deels openbaar",
            "notitie.txt": "niet openbaar",
            "nota.pdf": "deels openbaar",
        }
        _judge_and_sign(corpus.connection, _by_file(judgements))
        report = publish(
            corpus.connection, PublishOptions(Path("out"), "https://open.example.nl/woo/2026-17")
        )
    assert report.refused == [] and report.records == 2
    assert report.left_out == ["release/notitie.txt"]
    files = sorted(str(p.relative_to("out")) for p in Path("out").rglob("*") if p.is_file())
    assert files == [
        "documenten/2026-17-0001.txt",
        "documenten/2026-17-0002.pdf",
        "inventarislijst.csv",
        "inventarislijst.xlsx",
        "sitemap-1.xml",
        "sitemap.xml",
    ]
    assert Path("out/documenten/2026-17-0001.txt").read_text() == MEMO.replace(
        "Jorien Haverkamp", "[5.1.2e]"
    )
    everything = b"".join(p.read_bytes() for p in Path("out").rglob("*") if p.is_file())
    assert b"Haverkamp" not in everything and b"Kramsveld" not in everything  # nor the requester
    inventory = Path("out/inventarislijst.csv").read_text("utf-8-sig")
    assert "Niet openbaar,5.1.2i" in inventory
    index = ET.parse("out/sitemap.xml").getroot()
    assert [e.text for e in index.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")] == [
        "https://open.example.nl/woo/2026-17/sitemap-1.xml"
    ]
    urls = ET.parse("out/sitemap-1.xml").getroot()
    locs = [e.text for e in urls.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locs == [
        "https://open.example.nl/woo/2026-17/documenten/2026-17-0001.txt",
        "https://open.example.nl/woo/2026-17/documenten/2026-17-0002.pdf",
    ]
    schema = _schema()
    records = list(urls.iter(f"{{{NS}}}Document"))
    assert len(records) == 2
    for record in records:
        schema.validate(record)  # type: ignore[attr-defined]
    assert "naamOpsteller" not in Path("out/sitemap-1.xml").read_text()


def test_a_file_changed_since_ingest_is_refused_and_the_rest_published(dossier: str | Path) -> None:
    with Corpus(dossier) as corpus:
        _judge_and_sign(
            corpus.connection,
            _by_file(
                {"memo.txt": "deels openbaar", "notitie.txt": "openbaar", "nota.pdf": "openbaar"}
            ),
        )
        Path("release/memo.txt").write_text(MEMO + "Nog een regel.\n")
        result = CliRunner().invoke(
            cli,
            ["publish", "--db", str(dossier), "--out", "out", "--base-url", "https://o.example/w"],
        )
    assert result.exit_code == 1, result.output
    assert (
        "refused: release/memo.txt" in result.stdout
        and "changed since it was ingested" in result.stdout
    )
    assert not Path("out/documenten/2026-17-0001.txt").exists()
    assert Path("out/documenten/2026-17-0004.txt").exists()


def _record(title: str = "Nota") -> Record:
    return Record(
        url="https://o.example/w/d.pdf",
        identifier="1",
        title=title,
        publisher=VWS,
        publisher_label="VWS",
        published=dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC),
        suffix=".pdf",
    )


def test_sitemaps_split_at_their_limits() -> None:
    record = _record()
    assert [body.count(b"</url>") for body in sitemaps([record] * 5, max_urls=2)] == [2, 2, 1]
    one = len(next(sitemaps([record])))
    by_size = list(sitemaps([record] * 4, max_bytes=one + 10))
    assert len(by_size) == 4 and all(len(b) <= one + 10 for b in by_size)


def test_a_document_not_made_public_has_its_pages_withheld_in_its_file(dossier: str | Path) -> None:
    import pypdfium2 as pdfium

    judgements = {1: "deels openbaar", 2: "deels openbaar", 3: "niet openbaar", 4: "openbaar"}
    with Corpus(dossier) as corpus:
        _judge_and_sign(corpus.connection, lambda number, path: judgements[number])
        report = publish(corpus.connection, PublishOptions(Path("out"), "https://o.example/w"))
    assert report.refused == []
    document = pdfium.PdfDocument("out/documenten/2026-17-0002.pdf")
    pages = [document[i].get_textpage().get_text_range() for i in range(len(document))]
    assert "Nota aan de minister" in pages[0] and "Haverkamp" not in pages[0]
    assert "Niet openbaar" in pages[1] and "5.1.2i" in pages[1] and "Tabel" not in pages[1]


def test_an_attachment_is_read_from_its_mail(tmp_path: Path) -> None:
    import hashlib

    from inzage.publish.release import source_bytes
    from tests.builders import make_eml

    attached = b"Notitie over de planning.\n"
    (tmp_path / "post").mkdir()
    (tmp_path / "post" / "mail.eml").write_bytes(
        make_eml(
            sender="Team <team@minvws.example>",
            to="Directie <d@minvws.example>",
            subject="Planning",
            body="Zie de bijlage.",
            attachment=("bijlage.txt", attached, "text/plain"),
        )
    )
    digest = hashlib.sha256(attached).hexdigest()
    assert source_bytes(tmp_path, "post/mail.eml/bijlage.txt", digest) == attached
    with pytest.raises(ValueError, match=r"attachment andere\.txt is not in"):
        source_bytes(tmp_path, "post/mail.eml/andere.txt", digest)
    with pytest.raises(ValueError, match="changed since it was ingested"):
        source_bytes(tmp_path, "post/mail.eml/bijlage.txt", "0" * 64)
    with pytest.raises(ValueError, match="not found under"):
        source_bytes(tmp_path, "elders/mail.eml", digest)


def test_a_name_redacted_in_one_file_is_redacted_in_every_file(
    tmp_path: Path, store_address: str | Path
) -> None:
    folder = tmp_path / "release"
    folder.mkdir()
    (folder / "memo.txt").write_text(MEMO)
    agenda = "Agenda\n\n1. Opening door JORIEN HAVERKAMP\n2. Rondvraag\n"
    (folder / "agenda.txt").write_text(agenda)  # detection proposes nothing here
    db = store_address
    with Corpus(db, create=True) as corpus:
        corpus.ingest(sorted(folder.iterdir()), workers=1)
        corpus.detect()
        ensure_reviews(corpus.connection)
        set_request(
            corpus.connection,
            "Ineke",
            Request(
                title="Besluit", decision_date="2026-11-30", publisher=VWS, publisher_label="VWS"
            ),
        )
        _judge_and_sign(corpus.connection)
        report = publish(
            corpus.connection,
            PublishOptions(tmp_path / "out", "https://o.example/w", root=tmp_path),
        )
    assert report.refused == [] and report.inconsistent == []
    published = (tmp_path / "out" / "documenten" / "1.txt").read_text()
    assert published == agenda.replace("JORIEN HAVERKAMP", "[5.1.2e]")


def test_a_name_a_reviewer_kept_somewhere_is_reported_not_spread(dossier: str | Path) -> None:
    with Corpus(dossier) as corpus:
        (proposal, document) = corpus.connection.execute(
            "SELECT p.id, p.document_id FROM proposals p JOIN reviews r ON r.document_id = "
            "p.document_id WHERE r.number = 4 AND p.action = 'redact' LIMIT 1"
        ).fetchone()
        from inzage.store.dossier import decide

        decide(corpus.connection, "Ineke", document, 1, proposal, "rejected")
        _judge_and_sign(corpus.connection)
        report = publish(corpus.connection, PublishOptions(Path("out"), "https://o.example/w"))
    assert report.inconsistent == [(4, (1, 2))]
    assert "Jorien Haverkamp" in Path("out/documenten/2026-17-0004.txt").read_text()
    assert "Haverkamp" not in Path("out/documenten/2026-17-0001.txt").read_text()


def test_a_case_number_with_a_slash_stays_out_of_the_path() -> None:
    from inzage.publish.release import file_name

    assert file_name("WOO/2026/17-0001") == "WOO_2026_17-0001"
    assert file_name("../../etc-0001") == "_.._etc-0001"
    assert "/" not in file_name("a/b") and not file_name("..").startswith(".")


def test_control_characters_are_kept_out_of_the_xml() -> None:
    record = _record("Nota\x0b over\x00 de planning")
    body = next(sitemaps([record]))
    assert ET.fromstring(body) is not None and b"Nota over de planning" in body


def test_a_document_already_public_inside_a_bundle_says_so(dossier: str | Path) -> None:
    import pypdfium2 as pdfium

    with Corpus(dossier) as corpus:
        _judge_and_sign(
            corpus.connection,
            lambda number, path: "reeds openbaar" if number == 3 else "deels openbaar",
        )
        report = publish(corpus.connection, PublishOptions(Path("out"), "https://o.example/w"))
    assert report.refused == []
    document = pdfium.PdfDocument("out/documenten/2026-17-0002.pdf")
    page = document[1].get_textpage().get_text_range()
    assert "Reeds openbaar" in page and "Niet openbaar" not in page and "Tabel" not in page
