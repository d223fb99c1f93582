"""Loading a script of bench/ (or scripts/) in a test: neither is a package,
and the bench scripts import each other by name (detect_precision imports
detect_scoring), so the folder goes on the path; the module is registered
before it runs so that its dataclasses find it."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def load_bench_script(name: str, folder: str = "bench") -> ModuleType:
    """``<folder>/<name>.py`` as the module ``<folder>_<name>``."""
    where = ROOT / folder
    if str(where) not in sys.path:
        sys.path.insert(0, str(where))
    spec = importlib.util.spec_from_file_location(f"{folder}_{name}", where / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module
