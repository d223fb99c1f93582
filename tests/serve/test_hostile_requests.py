"""No request may cost the server (issue 13): every bad input is a 4xx with a
message, a long or slow query is refused or stopped, SIGTERM stops it."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inzage.serve import create_app
from inzage.store import Corpus, QueryTimeoutError
from inzage.store.terms import MAX_QUERY_CHARACTERS, QueryError

HUGE = "9" * 23  # past SQLite's 64-bit integers


@pytest.mark.parametrize(
    "url",
    [
        f"/api/threads/{HUGE}",
        f"/api/messages/{HUGE}",
        f"/api/search?q=uitstel&offset={HUGE}",
        "/api/search?q=a&from=2020-13-45",
        "/api/timeline?to=2021-02-31",
    ],
)
def test_the_api_answers_bad_parameters_with_422_and_the_reason(
    client: TestClient, url: str
) -> None:
    response = client.get(url)
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"]


@pytest.mark.parametrize(
    "url",
    [f"/threads/{HUGE}", f"/?offset={HUGE}", "/?q=a&from=2020-13-45", "/timeline?from=2020-13-45"],
)
def test_a_page_with_a_bad_parameter_is_a_page_that_says_which(
    client: TestClient, url: str
) -> None:
    response = client.get(url)
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/html")
    assert "Dat adres klopt niet" in response.text


@pytest.mark.parametrize("where", ["/", "/api/search", "/timeline", "/api/timeline"])
def test_near_and_brackets_next_to_words_are_searched_not_a_crash(
    client: TestClient, where: str
) -> None:
    for query in ["NEAR(uitstel gemeente, 5)", "uitstel (jeugdwet OR gemeente)", "(a)(b)"]:
        assert client.get(where, params={"q": query}).status_code == 200, query


def test_a_very_long_query_is_refused_at_once(client: TestClient) -> None:
    query = " ".join(["uitstel"] * 5_000)  # 40 KB of one word
    started = time.perf_counter()
    api = client.get("/api/search", params={"q": query})
    page = client.get("/", params={"q": query})
    assert time.perf_counter() - started < 5
    assert api.status_code == 400 and "too long" in api.json()["detail"]
    assert page.status_code == 400 and "too long" in page.text


def test_many_short_words_are_refused_too(corpus: Corpus) -> None:
    with pytest.raises(QueryError, match="too many words"):
        corpus.search(" ".join(["uitstel"] * 100))
    assert len(" ".join(["uitstel"] * 100)) < MAX_QUERY_CHARACTERS


@pytest.fixture
def check_often(monkeypatch: pytest.MonkeyPatch) -> None:
    """The time check after every SQLite step: this corpus is too small for a
    query to reach the default interval."""
    monkeypatch.setattr("inzage.store.corpus._CHECK_EVERY", 1)


@pytest.mark.usefixtures("check_often")
def test_a_search_past_its_time_is_stopped(database: Path) -> None:
    with Corpus(database, read_only=True, query_seconds=1e-9) as corpus:
        with pytest.raises(QueryTimeoutError, match="took longer"):
            corpus.search("uitstel OR gemeente OR jeugdwet", facets=True)
        with pytest.raises(QueryTimeoutError):
            corpus.timeline("uitstel")
        corpus.query_seconds = None
        assert corpus.search("uitstel").total > 0  # the connection is usable after


@pytest.mark.usefixtures("check_often")
def test_the_server_answers_503_for_a_search_past_its_time(database: Path) -> None:
    client = TestClient(create_app(database, query_seconds=1e-9))
    api = client.get("/api/search", params={"q": "uitstel", "facets": "true"})
    assert api.status_code == 503 and "took longer" in api.json()["detail"]
    page = client.get("/", params={"q": "uitstel"})
    assert page.status_code == 503 and "duurde te lang" in page.text
    assert client.get("/api/stats").status_code == 200


_QUERY_TOKENS = st.sampled_from(
    "uitstel|gemeente*|jeugdwet|AND|OR|NOT|NEAR|(|)|\"|5|,|*|^|:|-|+|{|}|é|'|\\|col:|\x00".split(
        "|"
    )
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(tokens=st.lists(_QUERY_TOKENS, max_size=12), glue=st.sampled_from([" ", ""]))
def test_any_query_is_answered_or_refused_with_a_reason(
    corpus: Corpus, tokens: list[str], glue: str
) -> None:
    try:
        result = corpus.search(glue.join(tokens), facets=True)
    except QueryError as exc:
        assert str(exc)
    else:
        assert result.total >= len(result.hits)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_the_server_stops_on_sigterm_and_ctrl_c(database: Path, stop: signal.Signals) -> None:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "inzage", "serve", "--db", str(database), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stats") as answer:
                    assert answer.status == 200
                break
            except urllib.error.URLError:
                time.sleep(0.1)
        else:
            pytest.fail("the server did not start")
        server.send_signal(stop)
        assert server.wait(timeout=15) in (
            0,
            -stop,
        )  # uvicorn re-raises the signal after a clean stop
    finally:
        if server.poll() is None:
            server.kill()
