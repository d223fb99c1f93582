from pathlib import Path

import pytest

# The PostgreSQL server of the server-store tests (started once, if installed).
pytest_plugins = ["tests.postgres"]

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture
def examples() -> Path:
    return EXAMPLES
