"""The install paths users take, outside make.

``scripts/check-install.sh`` builds a clean virtual environment with the pip this Python ships, installs
torch and then checker (``pip install .``, not editable) and runs ``checker analyze`` on an HTML page and
``checker check`` on a draft. A dependency that the code, or a library it calls, imports without the
project declaring it shows up there and nowhere else: the development environment usually has it anyway.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {_normal(re.split(r"[<>=!~;\[ ]", spec, maxsplit=1)[0]) for spec in project["dependencies"]}


def _imported_modules() -> dict[str, str]:
    """Top-level module -> first file importing it, for every absolute import in checker/."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / "checker").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], str(path.relative_to(ROOT)))
    return found


def test_every_imported_package_is_declared():
    owners = packages_distributions()
    missing = []
    for module, where in _imported_modules().items():
        if module in sys.stdlib_module_names or module in {"checker", "__future__"}:
            continue
        dists = {_normal(d) for d in owners.get(module, [])}
        assert dists, f"{module} (imported in {where}) is not installed; is it a typo?"
        if not dists & _declared():
            missing.append(f"{module} ({where}; from {', '.join(sorted(dists))})")
    assert not missing, "imported but not in [project] dependencies: " + "; ".join(missing)


def test_the_import_scan_sees_third_party_imports():
    """The test above is not vacuous: it finds the packages checker is known to import."""
    modules = _imported_modules()
    assert {"numpy", "click", "trafilatura", "lxml", "sklearn"} <= set(modules)


@pytest.mark.install
def test_clean_venv_install_reads_html_and_checks_a_draft(tmp_path):
    env = {**os.environ, "PYTHON": sys._base_executable, "CHECK_INSTALL_DIR": str(tmp_path)}
    done = subprocess.run(
        ["bash", str(ROOT / "scripts" / "check-install.sh")],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    shown = [line for line in (done.stdout + done.stderr).splitlines() if "is ignored" not in line]
    assert done.returncode == 0, "\n".join(shown[-40:])
    assert "check-install: analyze read the HTML page" in done.stdout
    assert "check-install: check gave" in done.stdout
