"""The no-fork local file system: compiled with the JDK, used by local sessions, same permissions."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest

from dyad.distributed import localfs


def test_localfs_builds_a_cached_jar_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DYAD_CACHE", str(tmp_path))
    jar = localfs.local_fs_jar()
    assert jar is not None and jar.parent == tmp_path and jar.stat().st_size > 0
    built = jar.stat().st_mtime_ns
    assert localfs.local_fs_jar() == jar and jar.stat().st_mtime_ns == built


def test_localfs_without_javac_leaves_spark_as_it_is(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DYAD_CACHE", str(tmp_path))
    monkeypatch.setattr(localfs, "_javac", lambda: None)
    assert localfs.local_fs_conf() == {}
    assert not list(tmp_path.iterdir())


def test_localfs_a_broken_compiler_leaves_spark_as_it_is(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "javac"
    fake.write_text("#!/bin/sh\nexit 3\n")
    fake.chmod(0o755)
    monkeypatch.setenv("DYAD_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(localfs, "_javac", lambda: fake)
    assert localfs.local_fs_conf() == {}


def test_localfs_is_the_file_system_of_a_local_session(spark: Any) -> None:
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    fs = jvm.org.apache.hadoop.fs.FileSystem.get(jvm.java.net.URI("file:///"), conf)
    assert fs.getClass().getName() == localfs.CLASS_NAME


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o755, 0o700, 0o600])
def test_localfs_sets_the_permission_bits_hadoop_asks_for(spark: Any, tmp_path: Path,
                                                          mode: int) -> None:
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    fs = jvm.org.apache.hadoop.fs.FileSystem.get(jvm.java.net.URI("file:///"), conf)
    target = tmp_path / "f"
    target.write_text("x")
    fs.setPermission(jvm.org.apache.hadoop.fs.Path(str(target)),
                     jvm.org.apache.hadoop.fs.permission.FsPermission(mode))
    assert stat.S_IMODE(os.stat(target).st_mode) == mode


def test_localfs_written_parquet_is_readable_with_the_usual_modes(spark: Any,
                                                                  tmp_path: Path) -> None:
    frame = spark.createDataFrame([(i, f"d{i % 3}") for i in range(30)], "n INT, day STRING")
    out = tmp_path / "out"
    frame.write.partitionBy("day").parquet(str(out))
    assert spark.read.parquet(str(out)).count() == 30
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    umask = jvm.org.apache.hadoop.fs.permission.FsPermission.getUMask(conf).toShort()
    folders = [p for p in out.iterdir() if p.is_dir()]
    assert len(folders) == 3
    for path in [*folders, *out.rglob("*.parquet")]:
        expected = (0o777 if path.is_dir() else 0o666) & ~umask
        assert stat.S_IMODE(path.stat().st_mode) == expected, path
