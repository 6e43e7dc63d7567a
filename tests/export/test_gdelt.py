"""GDELT 2.0 event-table TSV: 61 columns in the codebook's order, one row per cluster."""

from __future__ import annotations

import csv
import io

from dyad.export.gdelt import GDELT_COLUMNS, write_gdelt
from dyad.store import Store


def test_gdelt_has_the_61_columns_in_gdelt_order() -> None:
    assert len(GDELT_COLUMNS) == 61
    assert GDELT_COLUMNS[:6] == ("GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
                                 "Actor1Code")
    assert GDELT_COLUMNS[15] == "Actor2Code"
    assert GDELT_COLUMNS[25:35] == ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode",
                                    "QuadClass", "GoldsteinScale", "NumMentions", "NumSources",
                                    "NumArticles", "AvgTone")
    assert GDELT_COLUMNS[35] == "Actor1Geo_Type" and GDELT_COLUMNS[51] == "ActionGeo_Type"
    assert GDELT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")


def test_gdelt_round_trips_every_cluster(store: Store) -> None:
    out = io.StringIO()
    n = write_gdelt(store, out)
    rows = list(csv.reader(io.StringIO(out.getvalue()), delimiter="\t",
                           quoting=csv.QUOTE_NONE))
    clusters = store.query("SELECT global_event_id, num_mentions FROM event_clusters").rows
    assert n == len(rows) == len(clusters) == 4
    assert all(len(r) == 61 for r in rows)
    assert {(int(r[0]), int(r[31])) for r in rows} == set(clusters)


def test_gdelt_row_values(store: Store) -> None:
    out = io.StringIO()
    write_gdelt(store, out, header=True)
    reader = csv.DictReader(io.StringIO(out.getvalue()), delimiter="\t", quoting=csv.QUOTE_NONE)
    rows = list(reader)
    first = rows[0]
    assert (first["Day"], first["MonthYear"], first["Year"]) == ("20220301", "202203", "2022")
    assert first["FractionDate"] == "2022.1616"  # 59 of 365 days done
    assert (first["Actor1Code"], first["Actor1Name"], first["Actor1CountryCode"]) == (
        "RURGOV", "Anna Berg", "RUR")
    assert (first["Actor2Code"], first["Actor2CountryCode"]) == ("NOR", "NOR")
    assert (first["EventCode"], first["EventBaseCode"], first["EventRootCode"]) == (
        "040", "040", "04")
    assert (first["NumMentions"], first["NumArticles"], first["NumSources"]) == ("2", "2", "1")
    assert first["QuadClass"] == "1" and first["GoldsteinScale"] == "1.0"
    assert first["SOURCEURL"] == "https://news.example/a1"
    assert len(first["DATEADDED"]) == 14 and first["AvgTone"] == ""
    no_recipient = [r for r in rows if r["EventCode"] == ""][0]
    assert no_recipient["Actor2Code"] == "" and no_recipient["Actor1Code"] == "NOR"
