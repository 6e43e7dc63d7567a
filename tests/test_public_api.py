"""The public surface: `dyad.__all__` and every subpackage's `__all__` are sorted and complete.

A package's public names are the ones it binds itself in its `__init__.py` (a def, class or
assignment) or re-exports from its own modules. What it imports from elsewhere (`Path`, or
`ConfigError` in `dyad.export`) is how it is written, not what it offers. Like httpx's
tests/test_exported_members.py: a new public name fails here until it is listed.
"""

from __future__ import annotations

import ast
import dataclasses
import importlib
import inspect
import pkgutil
from pathlib import Path
from types import ModuleType

import pytest

import dyad
import dyad.api
import dyad.errors
import dyad.types

# Dunder names a package offers on purpose.
DUNDER_EXPORTS = {"__version__"}


def _packages() -> list[ModuleType]:
    found = [dyad]
    for info in pkgutil.walk_packages(dyad.__path__, "dyad."):
        if info.ispkg:
            found.append(importlib.import_module(info.name))
    return found


EXPORTING = [p for p in _packages() if hasattr(p, "__all__")]


def _own_names(package: ModuleType) -> set[str]:
    """Public names `package` defines in its __init__.py or imports from its own modules."""
    assert package.__file__ is not None
    tree = ast.parse(Path(package.__file__).read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.ImportFrom) and (
                node.level > 0 or (node.module or "").startswith(package.__name__ + ".")):
            names.update(alias.asname or alias.name for alias in node.names)
    return {n for n in names
            if (not n.startswith("_") or n in DUNDER_EXPORTS)
            and not isinstance(getattr(package, n, None), ModuleType)}


@pytest.mark.parametrize("package", EXPORTING, ids=lambda p: p.__name__)
def test_public_api_all_is_sorted_without_repeats(package: ModuleType) -> None:
    assert list(package.__all__) == sorted(set(package.__all__))


@pytest.mark.parametrize("package", EXPORTING, ids=lambda p: p.__name__)
def test_public_api_every_listed_name_exists(package: ModuleType) -> None:
    missing = [name for name in package.__all__ if not hasattr(package, name)]
    assert missing == []


@pytest.mark.parametrize("package", EXPORTING, ids=lambda p: p.__name__)
def test_public_api_every_public_name_is_listed(package: ModuleType) -> None:
    assert sorted(_own_names(package) - set(package.__all__)) == []


def test_public_api_dyad_namespace_has_nothing_unlisted() -> None:
    public = {name for name, value in vars(dyad).items()
              if (not name.startswith("_") or name in DUNDER_EXPORTS)
              and not isinstance(value, ModuleType)}
    assert sorted(public) == dyad.__all__


def test_public_api_dyad_offers_records_errors_settings_store_and_api() -> None:
    records = {name for name, obj in vars(dyad.types).items()
               if inspect.isclass(obj) and dataclasses.is_dataclass(obj)
               and obj.__module__ == dyad.types.__name__}
    errors = {name for name, obj in vars(dyad.errors).items()
              if inspect.isclass(obj) and issubclass(obj, dyad.errors.DyadError)}
    expected = records | errors | set(dyad.api.__all__) | {"Settings", "Store"}
    assert sorted(expected - set(dyad.__all__)) == []
    assert {"Actor", "Event", "DyadError", "StoreBusyError", "process"} <= expected
