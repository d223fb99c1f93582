"""The review app over HTTP: signing in, CSRF, decisions, conflicts between
reviewers, sign-off, "apply everywhere", and the inventory download."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from inzage.errors import ConfigurationError
from inzage.serve.review import Access, create_review_app, users_from
from inzage.store import Corpus

TOKEN = "test-token-0123456789"
MEMO = (
    # (an emoji: the browser counts it as two, the server as one character)
    "Memo 🙂\n\nHet voorstel van mevrouw Jorien Haverkamp is besproken met Ineke Brouwersma."
    "\n\nMet vriendelijke groet,\nJorien Haverkamp\n"
)
NOTE = "Notitie\n\nJORIEN HAVERKAMP belde. <script>alert('x')</script>\n"


def build_dossier(folder: Path, address: str | Path) -> str | Path:
    """A small dossier, written into ``folder``, ingested into ``address`` and detected."""
    release = folder / "release"
    release.mkdir()
    (release / "memo.txt").write_text(MEMO)
    (release / "notitie.txt").write_text(NOTE)
    with Corpus(address, create=True) as corpus:
        corpus.ingest(sorted(release.iterdir()), workers=1)
        corpus.detect()
    return address


@pytest.fixture
def db(tmp_path: Path, store_address: str | Path) -> str | Path:
    """The dossier in an SQLite file, then in PostgreSQL: every review test runs on both."""
    return build_dossier(tmp_path, store_address)


def _client(db: str | Path) -> TestClient:
    return TestClient(create_review_app(db, Access(TOKEN)), base_url="http://127.0.0.1:8001")


def _signed_in(db: str | Path, name: str) -> tuple[TestClient, str]:
    client = _client(db)
    assert client.post("/login", json={"token": TOKEN, "name": name}).status_code == 200
    page = client.get("/").text
    csrf = re.search(r'name="csrf" content="([^"]+)"', page)
    assert csrf is not None
    client.headers["X-CSRF-Token"] = csrf.group(1)
    return client, csrf.group(1)


@pytest.fixture
def ineke(db: str | Path) -> Iterator[TestClient]:
    client, _ = _signed_in(db, "Ineke")
    with client:
        yield client


def _documents(client: TestClient) -> list[str]:
    return re.findall(r'href="/documents/([^"]+)"', client.get("/").text)


def _state(client: TestClient, document_id: str) -> tuple[int, list[tuple[str, str]]]:
    page = client.get(f"/documents/{document_id}").text
    version = int(re.search(r'data-version="(\d+)"', page).group(1))  # type: ignore[union-attr]
    items = re.findall(r'<li class="p-item status-(\w+)" data-id="(\d+)"', page)
    return version, items


def _act(client: TestClient, document_id: str, action: str, **body: object) -> Any:
    return client.post(f"/api/documents/{document_id}/{action}", json=body)


def test_nothing_without_signing_in(db: str | Path) -> None:
    with _client(db) as client:
        response = client.get("/", follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == "/login"
        assert client.post("/api/everywhere/preview", json={"text": "x"}).status_code == 401
        assert client.post("/login", json={"token": "wrong", "name": "Ineke"}).status_code == 403
        assert client.post("/login", json={"token": TOKEN, "name": "<b>"}).status_code == 400


def test_a_post_needs_the_csrf_token_and_this_origin(db: str | Path) -> None:
    client, csrf = _signed_in(db, "Ineke")
    with client:
        document = _documents(client)[0]
        version, items = _state(client, document)
        body = {"version": version, "proposal": int(items[0][1]), "status": "accepted"}
        del client.headers["X-CSRF-Token"]
        assert client.post(f"/api/documents/{document}/decide", json=body).status_code == 403
        client.headers["X-CSRF-Token"] = csrf
        evil = {"Origin": "http://evil.example"}
        response = client.post(f"/api/documents/{document}/decide", json=body, headers=evil)
        assert response.status_code == 403
        assert client.post(f"/api/documents/{document}/decide", json=body).status_code == 200


def test_accept_reject_and_a_manual_redaction(ineke: TestClient) -> None:
    memo = _documents(ineke)[0]
    version, items = _state(ineke, memo)
    assert [s for s, _ in items] == ["proposed", "proposed"]
    first, second = (int(i) for _, i in items)
    answer = ineke.post(
        f"/api/documents/{memo}/decide",
        json={"version": version, "proposal": first, "status": "accepted"},
    )
    version = answer.json()["version"]
    answer = ineke.post(
        f"/api/documents/{memo}/decide",
        json={"version": version, "proposal": second, "status": "rejected"},
    )
    version = answer.json()["version"]
    at = MEMO.index("Ineke Brouwersma")  # missed by detection, added by hand
    answer = ineke.post(
        f"/api/documents/{memo}/manual",
        json={"version": version, "start": at, "end": at + 16, "ground": "5.1.2e"},
    )
    assert answer.status_code == 200, answer.text
    _, items = _state(ineke, memo)
    assert [s for s, _ in items] == ["accepted", "manual", "rejected"]
    page = ineke.get(f"/documents/{memo}").text
    assert 'class="proposal status-manual g-5-1-2e"' in page


def test_two_reviewers_on_one_document(db: str | Path) -> None:
    ineke, _ = _signed_in(db, "Ineke")
    wouter, _ = _signed_in(db, "Wouter")
    memo = _documents(ineke)[0]
    version, items = _state(ineke, memo)  # both load the same version
    first, second = (int(i) for _, i in items)
    assert (
        ineke.post(
            f"/api/documents/{memo}/decide",
            json={"version": version, "proposal": first, "status": "accepted"},
        ).status_code
        == 200
    )
    late = wouter.post(
        f"/api/documents/{memo}/decide",
        json={"version": version, "proposal": second, "status": "rejected"},
    )
    assert late.status_code == 409 and "Ineke changed this document" in late.json()["detail"]


def test_judge_sign_off_and_the_lock(db: str | Path) -> None:
    ineke, _ = _signed_in(db, "Ineke")
    wouter, _ = _signed_in(db, "Wouter")
    memo = _documents(ineke)[0]
    version, _ = _state(ineke, memo)
    judged = ineke.post(
        f"/api/documents/{memo}/judge", json={"version": version, "judgement": "deels openbaar"}
    )
    version = judged.json()["version"]
    own = ineke.post(f"/api/documents/{memo}/sign", json={"version": version})
    assert own.status_code == 400 and "second reviewer" in own.json()["detail"]
    version = wouter.post(f"/api/documents/{memo}/sign", json={"version": version}).json()[
        "version"
    ]
    locked = ineke.post(
        f"/api/documents/{memo}/judge", json={"version": version, "judgement": "openbaar"}
    )
    assert locked.status_code == 423
    assert "1 van 2 beoordeeld, 1 afgetekend" in ineke.get("/").text


def test_apply_everywhere_in_the_post_body(ineke: TestClient) -> None:
    seen = ineke.post("/api/everywhere/preview", json={"text": "Jorien Haverkamp"}).json()
    assert (seen["places"], seen["documents"], seen["new"]) == (3, 2, 1)  # the note's is new
    done = ineke.post(
        "/api/everywhere/apply", json={"text": "Jorien Haverkamp", "ground": "5.1.2e"}
    )
    assert done.status_code == 200 and done.json()["new"] == 1
    assert (
        ineke.post("/api/everywhere/preview", json={"text": "Jorien Haverkamp"}).json()["new"] == 0
    )


def test_document_text_is_shown_as_text(ineke: TestClient) -> None:
    note = _documents(ineke)[1]
    page = ineke.get(f"/documents/{note}").text
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    assert "script-src 'self'" in ineke.get(f"/documents/{note}").headers["content-security-policy"]


def test_the_inventory_downloads(ineke: TestClient) -> None:
    ineke.post(
        "/api/request",
        json={
            "case_number": "2026-17",
            "title": "Besluit op Woo-verzoek",
            "requester": "Ineke Brouwersma",
        },
    )
    memo = _documents(ineke)[0]
    version, _ = _state(ineke, memo)
    ineke.post(
        f"/api/documents/{memo}/judge", json={"version": version, "judgement": "deels openbaar"}
    )
    text = ineke.get("/inventory.csv").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["Documentnummer"] for r in rows] == ["2026-17-0001", "2026-17-0002"]
    assert rows[0]["Beoordeling"] == "Deels openbaar" and rows[0]["Beoordelingsgrond"] == "5.1.2e"
    assert rows[0]["Besluitnaam"] == "Besluit op Woo-verzoek"
    assert "Brouwersma" not in text  # the requester is never in it
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(ineke.get("/inventory.xlsx").content))
    sheet = workbook.active
    assert sheet is not None and sheet.cell(1, 2).value == "Documentnummer"
    assert sheet.cell(2, 4).value == "Deels openbaar"


def test_a_user_list(tmp_path: Path, db: str | Path) -> None:
    users = tmp_path / "users.txt"
    users.write_text(
        "# reviewers\nIneke Brouwersma:aaaaaaaaaaaaaaaaaaaa\nWouter:bbbbbbbbbbbbbbbbbbbb\n"
    )
    access = Access(users=users_from(users))
    with TestClient(create_review_app(db, access)) as client:
        signed = client.post("/login", json={"token": "bbbbbbbbbbbbbbbbbbbb", "name": "Ineke"})
        assert signed.json() == {"reviewer": "Wouter"}  # the token says who it is
    users.write_text("Ineke:short\n")
    with pytest.raises(ConfigurationError, match="16 characters"):
        users_from(users)


def test_the_review_command_refuses_a_bad_user_list_or_database(
    tmp_path: Path, db: str | Path
) -> None:
    from click.testing import CliRunner

    from inzage.cli import cli

    users = tmp_path / "users.txt"
    users.write_text("Ineke:kort\n")
    result = CliRunner().invoke(cli, ["review", "--db", str(db), "--users", str(users)])
    assert result.exit_code == 2 and "16 characters" in result.output
    (tmp_path / "kapot.db").write_bytes(b"geen database")
    result = CliRunner().invoke(cli, ["review", "--db", str(tmp_path / "kapot.db")])
    assert result.exit_code == 2 and "not an inzage database" in result.output


def test_the_first_document_not_judged(ineke: TestClient) -> None:
    first = ineke.get("/next-open", follow_redirects=False)
    assert first.status_code == 303 and first.headers["location"].startswith("/documents/")
    memo = first.headers["location"].rsplit("/", 1)[1]
    version, _ = _state(ineke, memo)
    _act(ineke, memo, "judge", version=version, judgement="openbaar")
    second = ineke.get("/next-open", follow_redirects=False).headers["location"]
    assert second != first.headers["location"]


def test_a_string_applied_everywhere_is_taken_back_on_the_dossier_page(ineke: TestClient) -> None:
    ineke.post("/api/everywhere/apply", json={"text": "Jorien Haverkamp", "ground": "5.1.2e"})
    page = ineke.get("/dossier").text
    term = re.search(r'data-action="remove-term" data-term="(\d+)"', page)
    assert term is not None and "Jorien Haverkamp · 5.1.2e · Ineke" in page
    removed = ineke.post("/api/everywhere/remove", json={"term": int(term.group(1))})
    assert removed.status_code == 200 and removed.json() == {"removed": 1}
    assert 'data-action="remove-term"' not in ineke.get("/dossier").text


def test_another_host_name_is_not_answered(db: str | Path) -> None:
    access = Access(TOKEN, hosts=frozenset({"127.0.0.1:8001"}))
    app = create_review_app(db, access)
    with TestClient(app, base_url="http://127.0.0.1:8001") as ours:
        assert ours.get("/login").status_code == 200
    with TestClient(app, base_url="http://rebound.example:8001") as other:
        assert other.get("/login").status_code == 421


def test_sessions_are_capped() -> None:
    from inzage.serve.review import MAX_SESSIONS

    access = Access(TOKEN)
    first = access.start("Ineke")
    for _ in range(MAX_SESSIONS):
        access.start("Ineke")
    assert len(access.sessions) == MAX_SESSIONS and first not in access.sessions
