"""dyad on Apache Spark: the job (`job.py`), its output layout (`tables.py`: the store's tables)
and the cross-article dedup stage (`dedup.py`).

Importing this package does not import pyspark; only `dyad.distributed.job` needs it (the
`spark` extra). A run's output is loaded into a store by `dyad import-parquet`
(`dyad.store.parquet`).
"""
