"""GDELT 2.0 event-table TSV: one row per cross-article event cluster, 61 columns, no header.

Column order is the GDELT 2.0 Event Database codebook's, so existing GDELT loaders read the
file. A cluster is one dyad (actor, recipient, event type) reported within a day of itself
(see the store's `event_clusters` view); NumMentions / NumArticles / NumSources are its
counts. Columns dyad has no value for (ethnicity, religion, AvgTone, geography) are empty.
Reads the store only.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import IO, Any

from dyad.store.store import Store

GDELT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
                             "Religion1Code", "Religion2Code", "Type1Code", "Type2Code",
                             "Type3Code")),
    *(f"Actor2{c}" for c in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
                             "Religion1Code", "Religion2Code", "Type1Code", "Type2Code",
                             "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{g}_{c}" for g in ("Actor1Geo", "Actor2Geo", "ActionGeo")
      for c in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long",
                "FeatureID")),
    "DATEADDED", "SOURCEURL",
)

_SQL = """
SELECT c.*, a1.name AS a1_name, a1.country AS a1_country, a1.organization AS a1_org,
       a1.sector AS a1_sector, a1.cameo AS a1_cameo, a1.kind AS a1_kind,
       a2.name AS a2_name, a2.country AS a2_country, a2.organization AS a2_org,
       a2.sector AS a2_sector, a2.cameo AS a2_cameo, a2.kind AS a2_kind
FROM event_clusters c
LEFT JOIN canonical_actors a1 ON a1.id = c.actor_id
LEFT JOIN canonical_actors a2 ON a2.id = c.recipient_id
ORDER BY c.first_day NULLS LAST, c.global_event_id
"""


def _clean(value: Any) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split())  # no tab or newline may reach a TSV cell


def _actor(r: dict[str, Any], p: str) -> list[str]:
    country, org, sector = r[f"{p}_country"], r[f"{p}_org"], r[f"{p}_sector"]
    code = r[f"{p}_cameo"] or ((country or "") + (sector or "")) or org
    if r[f"{p}_name"] is None and code is None:
        return [""] * 10
    return [_clean(code), _clean(r[f"{p}_name"]), _clean(country), _clean(org), "", "", "",
            _clean(sector), "", ""]


def _fraction(day: date) -> str:
    """GDELT's FractionDate: the year plus the fraction of it completed by that day."""
    days = (date(day.year + 1, 1, 1) - date(day.year, 1, 1)).days
    return f"{day.year + (day.timetuple().tm_yday - 1) / days:.4f}"


def gdelt_row(r: dict[str, Any]) -> list[str]:
    """The 61 GDELT cells of one event cluster row."""
    day: date | None = r["first_day"]
    added: datetime | None = r["date_added"]
    cameo = r["cameo"] or ""
    row = [
        str(r["global_event_id"]),
        day.strftime("%Y%m%d") if day else "",
        day.strftime("%Y%m") if day else "",
        str(day.year) if day else "",
        _fraction(day) if day else "",
        *_actor(r, "a1"),
        *_actor(r, "a2"),
        "1" if r["is_root"] else "0",
        cameo, cameo[:3], cameo[:2],
        _clean(r["quad_class"]),
        f"{r['goldstein']:.1f}" if r["goldstein"] is not None else "",
        str(r["num_mentions"]), str(r["num_sources"]), str(r["num_articles"]),
        "",
        *([""] * 24),
        added.strftime("%Y%m%d%H%M%S") if added else "",
        _clean(r["source_url"]),
    ]
    return row


def write_gdelt(store: Store, out: IO[str], *, header: bool = False) -> int:
    """Write the event clusters as GDELT 2.0 TSV to `out`; the number of rows."""
    cur = store.con.execute(_SQL)
    cols = [d[0] for d in cur.description or ()]
    if header:
        out.write("\t".join(GDELT_COLUMNS) + "\n")
    n = 0
    while batch := cur.fetchmany(1000):
        for values in batch:
            out.write("\t".join(gdelt_row(dict(zip(cols, values, strict=True)))) + "\n")
            n += 1
    return n
