"""The pages: what a reader sees, and that document text is only ever text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from inzage.serve import create_app
from inzage.store import Corpus, indexing


def _document_link(page: str) -> str:
    return str(re.findall(r'href="(/documents/[0-9a-f]+)', page)[0])


def test_search_page_marks_matches_and_links_facets(client: TestClient) -> None:
    page = client.get("/", params={"q": "uitstel"}).text
    assert "4 resultaten" in page
    assert "<mark>uitstel</mark>" in page.lower()
    assert 'href="/?q=uitstel&amp;kind=email"' in page
    assert "3× gevonden" in page  # the question, quoted in three files
    filtered = client.get("/", params={"q": "uitstel", "kind": "memo"}).text
    assert "1 resultaten" in filtered and "filter weghalen: memo" in filtered
    assert 'href="/timeline?q=uitstel&amp;kind=memo"' in filtered
    redacted = client.get("/", params={"q": "uitstel", "has_redactions": "true"}).text
    assert "1 resultaten" in redacted and "filter weghalen: met lakkingen" in redacted
    # one result per file is no filter to remove
    assert "active-filters" not in page and "False" not in page


def test_search_page_says_when_not_everything_is_searchable_yet(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "doorzoekbaar" not in client.get("/", params={"q": "uitstel"}).text
    monkeypatch.setattr(indexing, "lag", lambda connection, engine: 3)
    assert "Nog niet alles is doorzoekbaar" in client.get("/", params={"q": "uitstel"}).text


def test_empty_and_bad_searches_say_what_to_do(client: TestClient) -> None:
    nothing = client.get("/", params={"q": "zeppelin"})
    assert nothing.status_code == 200 and "Niets gevonden" in nothing.text
    bad = client.get("/", params={"q": "(uitstel"})
    assert bad.status_code == 400 and "kan ik niet lezen" in bad.text
    browse = client.get("/").text
    assert "Alle documenten, nieuwste eerst" in browse


def test_memo_shows_letterhead_outline_and_explained_redactions(client: TestClient) -> None:
    search = client.get("/", params={"q": "adviseren", "kind": "memo"}).text
    page = client.get(_document_link(search)).text
    assert "Briefhoofd" in page and "<dt>Kenmerk</dt><dd>1234567-204321-DJ</dd>" in page
    anchor = re.search(r'<a href="#(s\d+)">2 Advies</a>', page)
    assert anchor and f'id="{anchor.group(1)}"' in page
    chip = re.search(r'<span class="chip" tabindex="0".*?</span></span>', page, re.S)
    assert chip is not None
    assert '<span class="chip-code">5.1.2e</span>' in chip.group(0)
    assert "persoonlijke levenssfeer" in chip.group(0) and "Woo art. 5.1 lid 2" in chip.group(0)


def test_email_shows_headers_in_amsterdam_time_and_collapses_quotes(client: TestClient) -> None:
    search = client.get("/", params={"q": "snelle antwoord"}).text
    page = client.get(_document_link(search)).text
    assert "03-03-2021 10:00" in page  # 09:00 UTC is 10:00 in Amsterdam in March
    assert page.count('<details class="message quoted"') == 2
    assert "Het hele gesprek, over alle bestanden" in page


def test_document_text_is_shown_as_text(client: TestClient) -> None:
    search = client.get("/", params={"q": "formulier"}).text
    page = client.get(_document_link(search)).text
    assert "&lt;script&gt;alert(&#39;gelekt&#39;)&lt;/script&gt;" in page
    assert "<script>alert" not in page and "<b>vet</b>" not in page
    assert 'onerror="alert' not in page
    assert "&lt;script&gt;" in search and "<script>alert" not in search  # the snippet too


def test_thread_page_lists_messages_oldest_first_with_their_files(client: TestClient) -> None:
    thread_id = client.get("/api/search", params={"q": "uitstel", "kind": "email"}).json()["hits"][
        0
    ]["thread_id"]
    page = client.get(f"/threads/{thread_id}").text
    subjects = re.findall(r"<dt>Onderwerp</dt><dd>(.*?)</dd>", page)
    assert subjects == [
        "Uitstel invoering jeugdwet",
        "RE: Uitstel invoering jeugdwet",
        "Antw: RE: Uitstel invoering jeugdwet",
    ]
    assert "Gevonden in (3)" in page and "1-vraag.txt" in page


def test_timeline_plots_bars_and_lists_months(client: TestClient) -> None:
    page = client.get("/timeline").text
    assert page.count('<rect class="bar') >= 2
    assert re.search(r"<td><a href=\"/\?from=2021-03-01&amp;to=2021-03-31\">2021-03</a></td>", page)
    assert 'href="/timeline?kind=email"' in page  # the facets narrow the timeline
    emails = client.get("/timeline", params={"kind": "email"}).text
    assert emails.count('<rect class="bar') == 1 and 'href="/?kind=email"' in emails
    assert client.get("/timeline", params={"q": '"open'}).status_code == 400
    assert "Geen gedateerde documenten" in client.get("/timeline", params={"q": "zeppelin"}).text


def test_organisation_and_ground_pages(client: TestClient) -> None:
    assert 'href="/organisations/VNG"' in client.get("/organisations").text
    vng = client.get("/organisations/VNG").text
    assert "Overleg VNG jeugdzorg" in vng
    grounds = client.get("/grounds").text
    assert 'href="/grounds/5.1.2e"' in grounds
    ground = client.get("/grounds/5.1.2e").text
    assert "Wat is gelakt" in ground and "Overleg VNG jeugdzorg" in ground


def test_unknown_pages_get_a_page_and_english_is_available(database: Path) -> None:
    with TestClient(create_app(database, "en")) as english:
        missing = english.get("/documents/0000")
        assert missing.status_code == 404 and "Back to search" in missing.text
        assert "4 hits" in english.get("/", params={"q": "uitstel"}).text
        assert english.get("/nowhere").status_code == 404
        assert 'lang="en"' in english.get("/nowhere").text


def test_a_document_of_a_pdf_bundle_names_its_pages(
    tmp_path: Path, store_address: str | Path
) -> None:
    from tests.builders import make_example_bundle

    bundle = tmp_path / "bundel.pdf"
    bundle.write_bytes(make_example_bundle())
    with Corpus(store_address, create=True) as corpus:
        corpus.ingest([bundle], workers=1)
        hit = corpus.search("zonnepanelen", kind="memo").hits[0]
    with TestClient(create_app(store_address)) as client:
        page = client.get(f"/documents/{hit.document_id}")
        assert page.status_code == 200 and "pagina 3" in page.text
        assert 'class="chip-code">5.1.2e<' in page.text
