"""A faster Hadoop local file system for Spark local mode, compiled once per machine.

Spark writes through Hadoop's `RawLocalFileSystem`, which — without Hadoop's native library,
as in a pip-installed pyspark — runs `chmod` in a child process for every file and folder it
creates. The Spark job writes one folder per publication day for each table, so a local run
spends most of its write time starting processes. `java/NoForkLocalFileSystem.java` sets the
same permission bits with java.nio; this module compiles it against the installed pyspark's
jars with the JDK's `javac` into dyad's cache folder and says how to configure a session with
it. Where no `javac` is found or compiling fails, `local_fs_conf` returns no settings and
Spark keeps its own file system (slower, same output); the reason is logged.

Only local masters use it: clusters write to HDFS or object stores, whose clients do not
fork. Must not: change what is written (same files, same permission bits).
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import tempfile
from importlib.resources import files
from pathlib import Path

from dyad.config import cache_root

CLASS_NAME = "dyad.spark.NoForkLocalFileSystem"
SOURCE = "NoForkLocalFileSystem.java"
log = logging.getLogger(__name__)


def local_fs_conf() -> dict[str, str]:
    """Spark settings that make `file:` paths use the no-fork file system; {} if unavailable."""
    jar = local_fs_jar()
    if jar is None:
        return {}
    return {"spark.driver.extraClassPath": str(jar), "spark.executor.extraClassPath": str(jar),
            "spark.hadoop.fs.file.impl": CLASS_NAME}


def local_fs_jar() -> Path | None:
    """The compiled jar (built on first use, cached by source and pyspark jars), or None."""
    source = files("dyad.distributed").joinpath("java", SOURCE).read_bytes()
    spark_jars = _spark_jars()
    javac = _javac()
    if spark_jars is None or javac is None:
        log.info("Spark local file system: %s; using Hadoop's own (slower writes)",
                 "no pyspark jars" if spark_jars is None else "no javac on PATH or JAVA_HOME")
        return None
    hadoop = sorted(p.name for p in spark_jars.glob("hadoop-client-api-*.jar"))
    key = hashlib.sha1(source + "|".join(hadoop).encode()).hexdigest()[:16]
    jar = cache_root() / f"spark-localfs-{key}.jar"
    if jar.exists():
        return jar
    try:
        _build(source, spark_jars, javac, jar)
    except (OSError, subprocess.SubprocessError) as err:
        log.warning("Spark local file system not built (%s); using Hadoop's own (slower writes)",
                    err)
        return None
    return jar


def _build(source: bytes, spark_jars: Path, javac: Path, jar: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="dyad-localfs-") as tmp:
        src = Path(tmp) / SOURCE
        src.write_bytes(source)
        classes = Path(tmp) / "classes"
        subprocess.run([str(javac), "-nowarn", "-cp", str(spark_jars / "*"), "-d", str(classes),
                        str(src)], check=True, capture_output=True, timeout=300)
        jar.parent.mkdir(parents=True, exist_ok=True)
        built = shutil.make_archive(str(Path(tmp) / "localfs"), "zip", classes)
        partial = jar.with_suffix(f".{os.getpid()}.tmp")
        shutil.copyfile(built, partial)
        os.replace(partial, jar)  # atomic: a concurrent session never loads half a jar


def _spark_jars() -> Path | None:
    try:
        import pyspark
    except ImportError:
        return None
    jars = Path(pyspark.__file__).parent / "jars"
    return jars if jars.is_dir() else None


def _javac() -> Path | None:
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "javac").is_file():
        return Path(home) / "bin" / "javac"
    found = shutil.which("javac")
    return Path(found) if found else None
