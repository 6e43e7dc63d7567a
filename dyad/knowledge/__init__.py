"""Actor knowledge: the registry of named knowledge bases and the user-dictionary loaders.

`get_knowledge("dyad.actors.v1", actor_dictionaries, agent_dictionaries)` returns the base
for that name with the user's dictionaries layered on top, built once per process.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from dyad.errors import ConfigError
from dyad.knowledge.kb import DATA, KnowledgeBase, build_default, load_user_dictionary
from dyad.knowledge.kb import KB_DATA_FILES as _KB_DATA_FILES
from dyad.knowledge.tabari import load_actors, load_agents

REGISTRY: dict[str, Callable[[str], KnowledgeBase]] = {"dyad.actors.v1": build_default}
# Bump when KnowledgeBase's fields or index layout change: old cache files are then ignored.
_CACHE_FORMAT = 6
# Cached bases kept on disk (~10 MB each): the most recently used ones; older ones are
# deleted when a new one is written, so editing the data files never fills the disk.
_CACHE_KEEP = 6


def _cache_path(name: str, files: list[Path]) -> Path | None:
    """Where the built base is cached: keyed by dyad's version and the size and mtime of every
    file it is built from (`KB_DATA_FILES`, the loader code, the user's dictionaries), so an
    edit of one of them rebuilds it and an edit of any other data file does not."""
    from dyad import __version__
    from dyad.config import cache_root

    root = cache_root()
    h = hashlib.sha1(f"{name}|{__version__}|{_CACHE_FORMAT}|{sys.version_info[:2]}".encode())
    for f in files:
        try:
            st = f.stat()
        except OSError:
            return None
        h.update(f"{f.resolve()}|{st.st_size}|{st.st_mtime_ns}".encode())
    return root / f"kb-{h.hexdigest()[:20]}.pickle"


def _load_cached(path: Path | None) -> KnowledgeBase | None:
    if path is None or not path.exists():
        return None
    try:
        with path.open("rb") as fh:
            kb = pickle.load(fh)
    except Exception:  # noqa: BLE001 - a stale or torn cache file is rebuilt, never fatal
        return None
    if not isinstance(kb, KnowledgeBase):
        return None
    try:
        os.utime(path)  # used now: the pruning keeps the most recently used bases
    except OSError:
        pass
    return kb


def _store_cached(path: Path | None, kb: KnowledgeBase) -> None:
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(kb, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # atomic: concurrent workers never read half a file
    except OSError:
        return  # a read-only home only costs the rebuild time
    _prune(path.parent)


def _prune(root: Path, keep: int = _CACHE_KEEP) -> None:
    """Delete all but the `keep` most recently used cached bases under `root`."""
    def used(p: Path) -> float:
        try:
            return p.stat().st_mtime
        except OSError:
            return 0.0

    for old in sorted(root.glob("kb-*.pickle"), key=used, reverse=True)[keep:]:
        try:
            old.unlink()
        except OSError:
            pass  # another process pruned it first, or it is not ours to delete


@lru_cache(maxsize=8)
def get_knowledge(name: str = "dyad.actors.v1", actor_dictionaries: tuple[str, ...] = (),
                  agent_dictionaries: tuple[str, ...] = ()) -> KnowledgeBase:
    """The knowledge base `name` with user actor/agent dictionaries added.

    Building it parses ~60,000 dictionary names; the result is cached on disk (DYAD_CACHE,
    default ~/.cache/dyad) per version and input files, so later processes load it in a
    fraction of a second.
    """
    if name not in REGISTRY:
        raise ConfigError(f"unknown knowledge base {name!r}; known: {', '.join(sorted(REGISTRY))}")
    # the code that builds the base is part of its key too: a changed loader rebuilds it
    data_files = ([Path(str(DATA / f)) for f in _KB_DATA_FILES]
                  + sorted(Path(__file__).parent.glob("*.py")))
    cache = _cache_path(name, data_files + [Path(p) for p in (*actor_dictionaries, *agent_dictionaries)])
    cached = _load_cached(cache)
    if cached is not None:
        return cached
    kb = _build(name, actor_dictionaries, agent_dictionaries)
    kb.build_indexes()
    _store_cached(cache, kb)
    return kb


def _build(name: str, actor_dictionaries: tuple[str, ...], agent_dictionaries: tuple[str, ...]) -> KnowledgeBase:
    kb = REGISTRY[name](name)
    for path in actor_dictionaries:
        if Path(path).suffix.lower() in (".yaml", ".yml", ".json"):
            load_user_dictionary(path, kb)
        else:
            load_actors(path, kb)
    for path in agent_dictionaries:
        load_agents(path, kb)
    return kb


__all__ = ["DATA", "KnowledgeBase", "REGISTRY", "build_default", "get_knowledge", "load_actors", "load_agents",
           "load_user_dictionary"]
