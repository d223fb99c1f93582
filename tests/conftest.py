from pathlib import Path

import pytest

# The PostgreSQL server of the server-store tests (started once, if installed).
pytest_plugins = ["tests.postgres"]

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture
def examples() -> Path:
    return EXAMPLES


@pytest.fixture(params=["sqlite", "postgresql"])
def store_address(request: pytest.FixtureRequest, tmp_path: Path) -> str | Path:
    """Where a test's store is: an SQLite file, then a PostgreSQL database (the
    same test runs against both; the second is skipped without a server)."""
    if request.param == "sqlite":
        return tmp_path / "test.db"
    return str(request.getfixturevalue("postgres_url"))
