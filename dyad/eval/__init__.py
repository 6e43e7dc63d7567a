"""Scorers against the field's gold formats; each module reads one format and returns a report.

Every format module exposes `evaluate(path, settings=None, **options) -> dict` (a JSON-ready
report) and `render(report) -> str` (a human-readable table). `dyad eval` dispatches to them.
"""
