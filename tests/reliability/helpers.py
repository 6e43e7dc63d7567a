"""Small helpers shared by the reliability tests."""

from __future__ import annotations


def cli_has(command: str) -> bool:
    """Whether this dyad's command line has `command`."""
    from dyad.cli import COMMANDS, build_parser

    build_parser()
    return command in COMMANDS
