"""End to end in a real browser: Debian's chromium driven by Playwright.

Skipped, with the reason shown, where chromium or Playwright is missing; CI
installs both.  With ``INZAGE_SCREENSHOTS=folder`` the tests also save
screenshots of the main pages there (``make screenshots``).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from inzage.serve import create_app

if TYPE_CHECKING:
    from fastapi import FastAPI
    from playwright.sync_api import Dialog, Page

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="chromium is not installed (apt-get install chromium)"
)
# Without these, chromium tries to reach Google's services at every start.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@contextlib.contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    """``app`` served by uvicorn on a free local port, in a thread; its address."""
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert running.started, "the server did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        running.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def server(database: Path) -> Iterator[str]:
    with serving(create_app(database)) as address:
        yield address


@pytest.fixture
def page(server: str) -> Iterator[Page]:
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        opened = context.new_page()
        opened.set_default_timeout(10_000)
        yield opened
        browser.close()


def _shot(page: Page, name: str) -> None:
    folder = os.environ.get("INZAGE_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def test_search_open_a_memo_and_read_a_redaction(page: Page, server: str) -> None:
    page.goto(server + "/")
    page.fill("#top-q", "jeugdzorg")
    page.keyboard.press("Enter")
    page.wait_for_selector(".hit")
    assert "jeugdzorg" in page.inner_text(".hits mark").lower()
    _shot(page, "search")
    page.click("text=Overleg VNG jeugdzorg")
    chip = page.locator(".chip").first
    assert chip.inner_text().startswith("5.1.2e")
    tip = chip.locator(".tip")
    assert not tip.is_visible()
    chip.focus()  # keyboard users get the explanation too
    assert tip.is_visible() and "persoonlijke levenssfeer" in tip.inner_text()
    _shot(page, "document")


def test_follow_a_thread_from_an_email(page: Page, server: str) -> None:
    page.goto(server + "/?q=snelle+antwoord")
    page.click(".hit-title")
    assert page.locator("details.message.quoted").count() == 2
    page.click("text=Het hele gesprek, over alle bestanden")
    page.wait_for_selector(".thread")
    subjects = page.locator("dt:text('Onderwerp') + dd").all_inner_texts()
    assert subjects[0] == "Uitstel invoering jeugdwet" and len(subjects) == 3
    _shot(page, "thread")


def test_timeline_plots_and_links_to_a_month(page: Page, server: str) -> None:
    page.goto(server + "/timeline")
    assert page.locator("svg rect.bar").count() >= 2
    _shot(page, "timeline")
    page.click("table.months a >> nth=0")
    page.wait_for_selector(".hit")
    assert "from=" in page.url


def test_script_in_a_document_stays_text(page: Page, server: str) -> None:
    dialogs: list[str] = []

    def record(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    page.goto(server + "/?q=formulier")
    page.click(".hit-title")
    assert "<script>alert('gelekt')</script>" in page.inner_text(".body")
    assert dialogs == []


def test_keyboard_slash_focuses_search(page: Page, server: str) -> None:
    page.goto(server + "/grounds")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "top-q"
