"""The pipeline is one-way: each stage imports only the stages below it."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "inzage"

# What every stage may use: the model, the errors, the grounds catalogue, paths,
# the masking of personal data in reports, the YAML loader.
SHARED = {"model", "errors", "grounds", "paths", "masking", "recognisers", "yamltext"}
# stage → the stages below it, which it may import.
BELOW: dict[str, set[str]] = {
    "recognisers": set(),
    "read": set(),
    "parse": {"read"},
    "detect": {"read", "parse"},
    "redact": {"read", "parse", "detect"},
}


def _imported_stages(path: Path) -> set[str]:
    stages: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "inzage" and len(parts) > 1:
                stages.add(parts[1])
    return stages


@pytest.mark.parametrize("stage", sorted(BELOW))
def test_a_stage_imports_only_the_stages_below_it(stage: str) -> None:
    allowed = (
        BELOW[stage] | {stage} | (SHARED - {"recognisers"} if stage == "recognisers" else SHARED)
    )
    for path in sorted((PACKAGE / stage).rglob("*.py")):
        wrong = _imported_stages(path) - allowed
        assert not wrong, f"{path.relative_to(PACKAGE)} imports {sorted(wrong)}"


def test_the_check_sees_imports() -> None:
    stages = _imported_stages(PACKAGE / "detect" / "entities.py")
    assert {"model", "parse", "recognisers"} <= stages
