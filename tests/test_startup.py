"""Start-up: a verb imports what it needs and no more (issue 13).

Timed targets live in bench/startup.py; here the cause is pinned down: which
heavy libraries a command loads.
"""

import subprocess
import sys

HEAVY = ("scipy", "numpy", "pypdfium2", "cv2", "PIL", "fastapi", "uvicorn")


def _loaded_after(code: str) -> set[str]:
    script = f"{code}\nimport sys\nprint(' '.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    return {name.split(".")[0] for name in out.split()}


def test_the_cli_and_the_package_load_no_heavy_library() -> None:
    loaded = _loaded_after("import inzage, inzage.cli")
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


def test_the_grounds_verb_loads_no_heavy_library() -> None:
    loaded = _loaded_after(
        "from click.testing import CliRunner\n"
        "from inzage.cli import cli\n"
        "assert CliRunner().invoke(cli, ['grounds']).exit_code == 0"
    )
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


def test_parsing_a_text_file_loads_no_pdf_image_search_or_web_library(tmp_path: object) -> None:
    loaded = _loaded_after(
        "import inzage\n"
        "source = inzage.parse_text('Van: A\\nAan: B\\nOnderwerp: x\\n\\nBeste 5.1.2e,')\n"
        "assert source.documents"
    )
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


def test_version_is_printed_by_the_console_script() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "inzage", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert result.stdout.startswith("inzage, version ")
