"""Exports of a store to the formats the field uses, and printing of query results.

    plover-json  PLOVER JSON Lines, one record per event        (dyad.export.plover)
    gdelt-tsv    GDELT 2.0 event table, one row per event cluster (dyad.export.gdelt)
    parquet      every table, partitioned by date               (dyad.export.parquet)
    csv          the events, flattened                           (dyad.export.csvfile)

Exporters read a `Store` and write files; they never change the store.
"""

from __future__ import annotations

import sys
from pathlib import Path

from dyad.errors import ConfigError
from dyad.store.store import Store

EXPORT_FORMATS = ("plover-json", "gdelt-tsv", "parquet", "csv")


def export(store: Store, fmt: str, out: str | Path) -> int:
    """Write the store in `fmt` to `out` ('-' for stdout, a folder for parquet); rows written.

    For parquet the count is the number of events (every table is written).
    """
    if fmt not in EXPORT_FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    if fmt == "parquet":
        if str(out) == "-":
            raise ConfigError("parquet export needs --out FOLDER, not stdout")
        from dyad.export.parquet import write_parquet

        return write_parquet(store, out)["events"]
    from dyad.export.csvfile import write_csv
    from dyad.export.gdelt import write_gdelt
    from dyad.export.plover import write_plover

    writer = {"plover-json": write_plover, "gdelt-tsv": write_gdelt, "csv": write_csv}[fmt]
    if str(out) == "-":
        return writer(store, sys.stdout)
    with open(out, "w", encoding="utf-8", newline="") as fh:
        return writer(store, fh)


__all__ = ["EXPORT_FORMATS", "export"]
