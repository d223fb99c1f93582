"""The review flow end to end in a real browser (Debian's chromium through
Playwright): sign in, decide on proposals, redact a selection, apply a name
to the whole dossier, judge, fill in the request, download the inventory,
sign off as a second reviewer, publish; and two reviewers on one document.
Skipped, with the reason shown, where chromium or Playwright is missing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner

from inzage.cli import cli
from inzage.serve.review import Access, create_review_app
from tests.serve.test_browser import ARGS, CHROMIUM, _shot, serving
from tests.serve.test_review import TOKEN, build_dossier

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="chromium is not installed (apt-get install chromium)"
)


@pytest.fixture
def dossier(tmp_path: Path, store_address: str | Path) -> str | Path:
    """The dossier on both stores: the browser flow runs against each."""
    return build_dossier(tmp_path, store_address)


@pytest.fixture
def server(dossier: str | Path) -> Iterator[str]:
    with serving(create_review_app(dossier, Access(TOKEN))) as address:
        yield address


@pytest.fixture
def browser() -> Iterator[Browser]:
    with playwright_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield launched
        launched.close()


def _reviewer(browser: Browser, server: str, name: str) -> Page:
    """A page in a browser context of its own, signed in as ``name``."""
    context = browser.new_context(viewport={"width": 1300, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{server}/login?token={TOKEN}")
    assert "token=" not in page.url  # the token left the address bar
    page.fill("#name", name)
    page.click("#login button[type=submit]")
    page.wait_for_selector("#progress")  # the queue
    return page


def _open(page: Page, server: str, title: str) -> None:
    page.goto(server + "/")
    page.click(f".queue-link:has-text('{title}')")
    page.wait_for_selector("#text")


def _select(page: Page, words: str) -> None:
    """Select ``words`` in the document's text, as a reviewer drags over them."""
    page.evaluate(
        """(words) => {
          const spans = Array.from(document.querySelectorAll('#text span'));
          const span = spans.find((s) => s.textContent.includes(words));
          const node = span.firstChild, at = node.textContent.indexOf(words);
          const range = document.createRange();
          range.setStart(node, at); range.setEnd(node, at + words.length);
          const selection = window.getSelection();
          selection.removeAllRanges(); selection.addRange(range);
        }""",
        words,
    )


def test_a_dossier_from_review_to_release(
    browser: Browser, server: str, dossier: str | Path, tmp_path: Path
) -> None:
    ineke = _reviewer(browser, server, "Ineke")
    assert "0 van 2 beoordeeld" in ineke.inner_text("#progress")
    _shot(ineke, "review-queue")
    _open(ineke, server, "memo")
    marks = ineke.locator("mark.proposal")
    assert marks.count() == 2
    ineke.keyboard.press("n")  # the first proposal, by key
    ineke.keyboard.press("a")
    ineke.wait_for_selector("mark.proposal.status-accepted")
    ineke.locator(".p-item").nth(1).locator("button[data-action=reject]").click()
    ineke.wait_for_selector("mark.proposal.status-rejected")

    _select(ineke, "Ineke Brouwersma")  # detection missed it
    ineke.click("button[data-action=manual]")
    ineke.wait_for_selector("mark.proposal.status-manual")
    assert ineke.locator("mark.status-manual").inner_text() == "Ineke Brouwersma"

    ineke.fill("#ew-text", "Jorien Haverkamp")
    ineke.click("button[data-action=everywhere-preview]")
    ineke.wait_for_selector("#ew-apply:not([hidden])")
    assert "3 plaatsen in 2 documenten, waarvan 2 nog niet gelakt" in ineke.inner_text("#ew-result")
    with ineke.expect_navigation():  # the page reloads with the dossier's new state
        ineke.click("#ew-apply")
    ineke.wait_for_selector("mark.proposal")
    assert ineke.locator("mark.status-rejected").count() == 0  # the rejected one is redacted now

    ineke.select_option("#judgement", "deels openbaar")
    ineke.click("#judge-form button[type=submit]")
    ineke.wait_for_selector("#judgement-state:has-text('deels openbaar')")
    _shot(ineke, "review-document")

    _open(ineke, server, "notitie")
    assert ineke.locator("mark.status-manual").count() == 1  # applied here too
    ineke.select_option("#judgement", "deels openbaar")
    ineke.click("#judge-form button[type=submit]")
    ineke.wait_for_selector("#judgement-state:has-text('deels openbaar')")

    ineke.goto(server + "/dossier")
    ineke.fill("#case_number", "2026-17")
    ineke.fill("#title", "Besluit op het Woo-verzoek over jeugdzorg")
    ineke.fill("#decision_date", "2026-11-30")
    ineke.select_option("#publisher", label="Ministerie van Volksgezondheid, Welzijn en Sport")
    ineke.click("#request-form button[type=submit]")
    ineke.wait_for_selector("#message:has-text('Opgeslagen')")
    with ineke.expect_download() as download:
        ineke.click("#inventory-xlsx")
    saved = tmp_path / "inventaris.xlsx"
    download.value.save_as(saved)
    from openpyxl import load_workbook

    sheet = load_workbook(saved).active
    assert sheet is not None and sheet.cell(2, 2).value == "2026-17-0001"
    _shot(ineke, "review-dossier")

    wouter = _reviewer(browser, server, "Wouter")
    for title in ("memo", "notitie"):
        _open(wouter, server, title)
        with wouter.expect_navigation():
            wouter.click("button[data-action=sign]")
        wouter.wait_for_selector("#signed-note")
    wouter.goto(server + "/")
    assert "2 van 2 beoordeeld, 2 afgetekend" in wouter.inner_text("#progress")

    release = tmp_path / "published"  # (tmp_path/release holds the dossier's files)
    published = CliRunner().invoke(
        cli,
        [
            "publish",
            "--db",
            str(dossier),
            "--out",
            str(release),
            "--base-url",
            "https://open.example.nl/woo/2026-17",
            "--root",
            str(tmp_path),
        ],
    )
    assert published.exit_code == 0, published.output
    texts = {p.name: p.read_text() for p in (release / "documenten").iterdir()}
    assert sorted(texts) == ["2026-17-0001.txt", "2026-17-0002.txt"]
    for text in texts.values():
        assert "Haverkamp" not in text and "HAVERKAMP" not in text and "Brouwersma" not in text


def test_two_reviewers_deciding_on_one_document(browser: Browser, server: str) -> None:
    ineke = _reviewer(browser, server, "Ineke")
    wouter = _reviewer(browser, server, "Wouter")
    _open(ineke, server, "memo")
    _open(wouter, server, "memo")
    ineke.locator(".p-item").nth(0).locator("button[data-action=accept]").click()
    ineke.wait_for_selector("mark.proposal.status-accepted")
    wouter.locator(".p-item").nth(1).locator("button[data-action=reject]").click()
    wouter.wait_for_selector("#message:not([hidden])")
    assert "Ineke changed this document" in wouter.inner_text("#message")
    assert wouter.locator("mark.proposal.status-rejected").count() == 0  # nothing overwritten
    wouter.click("#message button")  # reload, and decide again on what Ineke left
    wouter.wait_for_selector("mark.proposal.status-accepted")
    wouter.locator(".p-item").nth(1).locator("button[data-action=reject]").click()
    wouter.wait_for_selector("mark.proposal.status-rejected")
