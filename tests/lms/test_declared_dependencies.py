"""Every library the code imports is declared in pyproject.toml, not merely installed because
something else depends on it (PyJWT arrived only through allauth): a fresh install from the
declared dependencies must run the code."""

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIRST_PARTY = {"lms", "content", "courses", "analytics", "tests", "scripts", "manage"}
# Where each part of the tree may take its libraries from (extras of pyproject.toml).
PARTS = {
    "lms": ("main",),
    "content": ("main",),
    "courses": ("main",),
    "analytics": ("main",),
    "scripts": ("main", "dev", "bench"),
    "tests": ("main", "dev", "browser", "bench"),
}


def _name(requirement: str) -> str:
    """The canonical distribution name of a requirement such as ``PyJWT[crypto]>=2.10``."""
    bare = re.split(r"[\s\[<>=!~;]", requirement.strip(), maxsplit=1)[0]
    return re.sub(r"[-_.]+", "-", bare).lower()


def _declared() -> dict[str, set[str]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = {"main": {_name(r) for r in project["dependencies"]}}
    for extra, requirements in project.get("optional-dependencies", {}).items():
        declared[extra] = {_name(r) for r in requirements}
    return declared


def _imported_modules(part: str) -> dict[str, str]:
    """Top-level module -> a file that imports it, for every import in `part` (function-level
    imports included)."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / part).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".", 1)[0]
                if top in sys.stdlib_module_names or top in FIRST_PARTY or top == "__future__":
                    continue
                found.setdefault(top, str(path.relative_to(ROOT)))
    return found


@pytest.mark.parametrize("part", sorted(PARTS))
def test_every_imported_library_is_declared(part):
    declared = _declared()
    allowed = set().union(*(declared.get(extra, set()) for extra in PARTS[part]))
    distributions = packages_distributions()
    missing = []
    for module, where in sorted(_imported_modules(part).items()):
        names = {_name(dist) for dist in distributions.get(module, [module])}
        if not names & allowed:
            missing.append(f"{module} ({', '.join(sorted(names))}), imported in {where}")
    assert not missing, "imported but not declared in pyproject.toml:\n" + "\n".join(missing)


def test_the_check_sees_an_undeclared_import(tmp_path, monkeypatch):
    """The check is not vacuous: the libraries it finds are the ones the code imports."""
    modules = _imported_modules("courses")
    assert {"django", "wagtail", "jwt", "cryptography", "icalendar"} <= set(modules)
