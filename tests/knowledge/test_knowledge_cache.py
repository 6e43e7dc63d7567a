"""The on-disk cache of the built knowledge base: what its key covers, and that it is pruned."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import dyad.knowledge as knowledge
from dyad.errors import DictionaryError
from dyad.knowledge import kb as kb_module


def test_knowledge_cache_key_covers_the_files_the_base_reads(tmp_path: Path) -> None:
    read = tmp_path / "igos.yaml"
    other = tmp_path / "time_words.yaml"
    read.write_text("a")
    other.write_text("b")
    before = knowledge._cache_path("dyad.actors.v1", [read])
    other.write_text("changed")  # a file the base does not read is not in its key
    assert knowledge._cache_path("dyad.actors.v1", [read]) == before
    read.write_text("changed")
    os.utime(read, ns=(1, 1))
    assert knowledge._cache_path("dyad.actors.v1", [read]) != before


def test_knowledge_reading_an_unlisted_data_file_is_refused() -> None:
    assert "time_words.yaml" not in kb_module.KB_DATA_FILES
    with pytest.raises(DictionaryError, match="not listed in KB_DATA_FILES"):
        kb_module._read_yaml("time_words.yaml")


def test_knowledge_cache_keeps_the_most_recently_used(tmp_path: Path) -> None:
    for i in range(9):
        p = tmp_path / f"kb-{i:02d}.pickle"
        p.write_bytes(b"x")
        os.utime(p, (1_000 + i, 1_000 + i))
    (tmp_path / "spark-localfs-1.jar").write_bytes(b"j")  # not a base: never pruned
    knowledge._prune(tmp_path, keep=3)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "kb-06.pickle", "kb-07.pickle", "kb-08.pickle", "spark-localfs-1.jar"]


def test_knowledge_cached_base_is_reused_and_pruned(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DYAD_CACHE", str(tmp_path))
    for i in range(knowledge._CACHE_KEEP + 2):
        stale = tmp_path / f"kb-stale{i}.pickle"
        stale.write_bytes(b"not a pickle")
        os.utime(stale, (1_000 + i, 1_000 + i))
    knowledge.get_knowledge.cache_clear()
    try:
        first = knowledge.get_knowledge()
        bases = sorted(tmp_path.glob("kb-*.pickle"))
        assert len(bases) == knowledge._CACHE_KEEP
        knowledge.get_knowledge.cache_clear()
        again = knowledge.get_knowledge()  # from the file just written
        assert again is not first and len(again.entries) == len(first.entries)
    finally:
        knowledge.get_knowledge.cache_clear()
