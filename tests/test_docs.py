"""The documentation keeps up with the code: every CLI command is shown in the README and has
help with an example; every error class has a one-line docstring and a place in the tree
drawn at the top of `dyad/errors.py`. Like sqlite-utils' tests/test_docs.py.
"""

from __future__ import annotations

import argparse
import inspect
import re
from pathlib import Path

import pytest

from dyad import errors
from dyad.cli import build_parser

README = Path(__file__).parents[1] / "README.md"


def _commands() -> dict[str, argparse.ArgumentParser]:
    actions = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    assert len(actions) == 1
    return dict(actions[0].choices)


COMMANDS = _commands()


def _code_lines(markdown: str) -> list[str]:
    """The lines of a Markdown text inside fenced (```) and indented (4 spaces) code blocks."""
    code: list[str] = []
    fenced = in_block = False
    prev_blank = True
    for line in markdown.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif fenced:
            code.append(line)
        elif line.startswith("    ") and (in_block or prev_blank):
            code.append(line)
            in_block = True
        elif line.strip():
            in_block = False
        prev_blank = not line.strip()
    return code


README_CODE = "\n".join(_code_lines(README.read_text(encoding="utf-8")))
SHOWN = re.compile(r"(?<![\w./-])dyad ([a-z][\w-]*)")


def test_docs_code_lines_reads_fenced_and_indented_blocks() -> None:
    text = "Run\n\n    dyad demo\n\n    dyad sql X\nthen\n    dyad not-code\n\n```\ndyad eval\n```\n"
    assert _code_lines(text) == ["    dyad demo", "    dyad sql X", "dyad eval"]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_docs_readme_shows_every_command(name: str) -> None:
    assert name in SHOWN.findall(README_CODE), f"README.md has no code block with `dyad {name}`"


def test_docs_readme_shows_only_real_commands() -> None:
    assert sorted(set(SHOWN.findall(README_CODE)) - set(COMMANDS)) == []


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_docs_command_help_has_an_example(name: str) -> None:
    description = COMMANDS[name].description or ""
    assert "example" in description
    assert f"dyad {name}" in description


ERRORS = [cls for _, cls in inspect.getmembers(errors, inspect.isclass)
          if issubclass(cls, errors.DyadError) and cls.__module__ == errors.__name__]
TREE_LINE = re.compile(r"^ {4}((?:[│ ] {3})*)([├└]── )?([A-Z]\w*)\s")


def _drawn_tree() -> dict[str, str | None]:
    """Class name -> parent class name, as drawn in the docstring of dyad.errors."""
    parents: dict[str, str | None] = {}
    path: list[str] = []
    for line in (errors.__doc__ or "").splitlines():
        m = TREE_LINE.match(line)
        if not m:
            continue
        depth = len(m.group(1)) // 4 + (1 if m.group(2) else 0)
        del path[depth:]
        parents[m.group(3)] = path[-1] if path else None
        path.append(m.group(3))
    return parents


@pytest.mark.parametrize("cls", ERRORS, ids=lambda c: c.__name__)
def test_docs_error_has_a_one_line_docstring(cls: type[errors.DyadError]) -> None:
    doc = (cls.__doc__ or "").strip()
    assert doc and "\n" not in doc


def test_docs_error_tree_matches_the_classes() -> None:
    actual = {cls.__name__: cls.__bases__[0].__name__ if cls is not errors.DyadError else None
              for cls in ERRORS}
    assert _drawn_tree() == actual
