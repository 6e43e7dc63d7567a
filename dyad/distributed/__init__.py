"""dyad on Apache Spark: the job (`job.py`), its table layout (`records.py`), the dedup stage
(`dedup.py`) and the Parquet importer (`importer.py`).

Importing this package does not import pyspark; only `dyad.distributed.job` needs it (the
`spark` extra). The importer reads Parquet with pyarrow and writes through `dyad.store`.
"""
