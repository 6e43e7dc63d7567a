"""Actor knowledge: the registry of named knowledge bases and the user-dictionary loaders.

`get_knowledge("dyad.actors.v1", actor_dictionaries, agent_dictionaries)` returns the base
for that name with the user's dictionaries layered on top, built once per process.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from dyad.errors import ConfigError
from dyad.knowledge.kb import KnowledgeBase, build_default, load_user_dictionary
from dyad.knowledge.tabari import load_actors, load_agents

REGISTRY: dict[str, Callable[[str], KnowledgeBase]] = {"dyad.actors.v1": build_default}


@lru_cache(maxsize=8)
def get_knowledge(name: str = "dyad.actors.v1", actor_dictionaries: tuple[str, ...] = (),
                  agent_dictionaries: tuple[str, ...] = ()) -> KnowledgeBase:
    """The knowledge base `name` with user actor/agent dictionaries added."""
    if name not in REGISTRY:
        raise ConfigError(f"unknown knowledge base {name!r}; known: {', '.join(sorted(REGISTRY))}")
    kb = REGISTRY[name](name)
    for path in actor_dictionaries:
        if Path(path).suffix.lower() in (".yaml", ".yml", ".json"):
            load_user_dictionary(path, kb)
        else:
            load_actors(path, kb)
    for path in agent_dictionaries:
        load_agents(path, kb)
    return kb


__all__ = ["KnowledgeBase", "get_knowledge", "load_actors", "load_agents", "load_user_dictionary"]
