"""A corpus to serve: the store tests' release plus a file whose text is HTML."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from inzage.serve import create_app
from inzage.store import Corpus
from tests.store.conftest import make_release, release

__all__ = ["release"]

HOSTILE = (
    "Notitie over de website\n\n"
    "Het formulier toonde <script>alert('gelekt')</script> en <b>vet</b> aan 5.1.2e.\n"
    'Zie ook <img src=x onerror="alert(1)"> in de bijlage.\n'
)


def build_database(folder: Path, address: str | Path) -> str | Path:
    """The release written into ``folder`` and ingested into ``address``."""
    release = folder / "release"
    if not release.exists():
        make_release(folder)
    (release / "notitie.txt").write_text(HOSTILE, encoding="utf-8")
    with Corpus(address, create=True) as corpus:
        corpus.ingest(sorted(p for p in release.rglob("*") if p.is_file()), workers=1)
    return address


@pytest.fixture
def database(release: Path, tmp_path: Path, store_address: str | Path) -> str | Path:
    """The served store, on both stores: every page and API test runs on both."""
    return build_database(tmp_path, store_address)


@pytest.fixture
def client(database: str | Path) -> Iterator[TestClient]:
    with TestClient(create_app(database)) as test_client:
        yield test_client


@pytest.fixture
def corpus(database: str | Path) -> Iterator[Corpus]:
    with Corpus(database, read_only=True) as opened:
        yield opened
