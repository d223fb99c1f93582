"""The HTTP API over a corpus: shapes, filters, pagination, errors, safety."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from inzage.cli import cli
from inzage.serve import create_app
from inzage.store import Corpus, StoreError
from inzage.store.export import WHAT


def test_search_with_filters_facets_and_pages(client: TestClient) -> None:
    result = client.get("/api/search", params={"q": "uitstel", "facets": "true"}).json()
    assert result["total"] == 4
    assert result["facets"]["kind"] == {"email": 3, "memo": 1}
    assert sum(result["facets"]["redactions"].values()) == result["total"]
    assert result["facets"]["redactions"]["with"] == 1  # the memo's 5.1.2e
    emails = client.get("/api/search", params={"q": "uitstel", "kind": "email"}).json()
    assert emails["total"] == 3 and {h["kind"] for h in emails["hits"]} == {"email"}
    dated = client.get("/api/search", params={"q": "uitstel", "from": "2021-03-02"}).json()
    assert dated["total"] == 1  # only the thank-you mail is later than 2 March
    first = client.get("/api/search", params={"q": "uitstel", "limit": 2}).json()
    second = client.get("/api/search", params={"q": "uitstel", "limit": 2, "offset": 2}).json()
    ids = [h["document_id"] + str(h["message_id"]) for h in first["hits"] + second["hits"]]
    assert len(set(ids)) == 4


def test_bad_requests_say_why(client: TestClient) -> None:
    response = client.get("/api/search", params={"q": '"uitstel'})
    assert response.status_code == 400 and "unclosed quote" in response.json()["detail"]
    assert client.get("/api/search", params={"q": "x", "limit": 0}).status_code == 422
    assert client.get("/api/search", params={"q": "x", "limit": 101}).status_code == 422
    for path in (
        "/api/documents/nope",
        "/api/messages/999",
        "/api/threads/999",
        "/api/grounds/9.9",
    ):
        assert client.get(path).status_code == 404, path


def test_document_spans_index_its_text(client: TestClient, corpus: Corpus) -> None:
    hit = client.get("/api/search", params={"q": "adviseren", "kind": "memo"}).json()["hits"][0]
    document = client.get(f"/api/documents/{hit['document_id']}").json()
    assert document == corpus.document(hit["document_id"]).model_dump(mode="json")
    text = client.get(f"/api/documents/{hit['document_id']}/text").text
    start = document["span"]["start"]
    for redaction in document["redactions"]:
        span = redaction["span"]
        assert text[span["start"] - start : span["end"] - start] == redaction["marker"]


def test_source_download_serves_the_stored_file_only_while_it_is_there(
    client: TestClient, release: Path
) -> None:
    hit = client.get("/api/search", params={"q": "formulier"}).json()["hits"][0]
    response = client.get(f"/api/documents/{hit['document_id']}/source")
    assert response.status_code == 200
    assert response.content == (release / "notitie.txt").read_bytes()
    assert "attachment" in response.headers["content-disposition"]
    (release / "notitie.txt").unlink()
    gone = client.get(f"/api/documents/{hit['document_id']}/source")
    assert gone.status_code == 404 and "no longer" in gone.json()["detail"]
    # a path in the URL is never a file name: there is no route that takes one
    assert client.get("/api/documents/..%2F..%2Fetc%2Fpasswd/source").status_code == 404


def test_message_and_thread(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "uitstel", "kind": "email"}).json()["hits"]
    question = next(h for h in hits if h["title"] == "Uitstel invoering jeugdwet")
    message = client.get(f"/api/messages/{question['message_id']}").json()
    assert len(message["found_in"]) == 3  # quoted in all three files
    thread = client.get(f"/api/threads/{question['thread_id']}").json()
    sent = [m["message"]["sent"] for m in thread["messages"]]
    assert len(sent) == 3 and sent == sorted(sent)


def test_timeline_counts_the_dated_hits(client: TestClient) -> None:
    months = client.get("/api/timeline", params={"q": "uitstel"}).json()
    assert sum(m["count"] for m in months) == 4
    assert {m["month"] for m in months} == {"2020-06", "2021-03"}
    emails = client.get("/api/timeline", params={"kind": "email"}).json()
    assert [(m["month"], m["kind"], m["count"]) for m in emails] == [("2021-03", "email", 3)]


def test_lists_page_with_next_offset(client: TestClient) -> None:
    first = client.get("/api/entities", params={"limit": 2}).json()
    assert len(first["items"]) == 2 and first["next_offset"] == 2
    rest = client.get("/api/entities", params={"limit": 100}).json()
    assert rest["next_offset"] is None
    assert rest["items"][:2] == first["items"]
    first = client.get("/api/entities", params={"kind": "organisation"}).json()["items"][0]
    mentioned = client.get(f"/api/entities/organisation/{first['value']}").json()["items"]
    assert len(mentioned) == first["documents"]
    assert sum(d["count"] for d in mentioned) == first["mentions"]
    assert client.get("/api/entities/organisation/Nergens").status_code == 404
    organisations = client.get("/api/organisations").json()["items"]
    assert {"value": "VNG", "count": 1} in organisations


def test_organisation_and_ground_views(client: TestClient) -> None:
    vng = client.get("/api/organisations/VNG").json()
    assert vng["documents"]["total"] == 1
    assert client.get("/api/organisations/Nergens").status_code == 404
    ground = client.get("/api/grounds/5.1.2e").json()
    assert ground["use"]["redactions"] == sum(ground["roles"].values())
    assert ground["documents"]["items"]
    stats = client.get("/api/stats").json()
    assert stats["messages"] == 3 and stats["failures"] == 2


def test_every_response_carries_a_strict_policy(client: TestClient) -> None:
    for path in ("/", "/api/stats", "/timeline", "/nope"):
        policy = client.get(path).headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy, path
        assert "frame-ancestors 'none'" in policy
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/docs-assets/swagger-ui-bundle.js" in docs.text
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
    assert client.get("/openapi.json").json()["paths"]["/api/search"]


def _fingerprint(database: str | Path) -> str:
    """The bytes of an SQLite file; every row of a server store otherwise."""
    if isinstance(database, Path):
        return hashlib.sha256(database.read_bytes()).hexdigest()
    with Corpus(database, read_only=True) as corpus:
        rows = {what: list(corpus.export(what)) for what in WHAT}
        return hashlib.sha256(repr((corpus.counts(), rows)).encode()).hexdigest()


def test_serving_never_writes_the_database(database: str | Path) -> None:
    before = _fingerprint(database)
    with TestClient(create_app(database)) as client:
        for path in ("/?q=uitstel", "/timeline", "/grounds", "/api/stats"):
            assert client.get(path).status_code == 200
    with Corpus(database, read_only=True) as corpus:
        with pytest.raises(Exception) as refused:
            corpus.connection.execute("DELETE FROM failures")
        assert isinstance(refused.value, (sqlite3.Error, psycopg.Error))
        assert "read" in str(refused.value).lower()  # "readonly", "read-only transaction"
    assert _fingerprint(database) == before


def test_a_missing_database_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        create_app(tmp_path / "none.db")
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "no such database" in result.stderr
