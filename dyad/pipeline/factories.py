"""Every dyad spaCy factory, with what it requires and assigns, in pipeline order.

Component classes live in their stage modules; they are imported inside each factory so
registering the factories stays cheap and a stage module can be developed on its own.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language

import dyad.pipeline.extensions  # noqa: F401  (registers doc._.dyad_* before any component)

# Pipeline order. Each entry: (factory name, config). `dyad.api.build_pipeline` adds them
# after the model's own components.
DYAD_STAGES: tuple[str, ...] = (
    "dyad_actor_finder",
    "dyad_actor_linker",
)


@Language.factory(
    "dyad_actor_finder",
    requires=["doc.ents", "token.dep"],
    assigns=["doc._.dyad_mentions"],
    default_config={"knowledge": "dyad.actors.v1", "actor_dictionaries": [], "agent_dictionaries": []},
)
def make_actor_finder(nlp: Language, name: str, knowledge: str, actor_dictionaries: list[str],
                      agent_dictionaries: list[str]) -> Any:
    from dyad.pipeline.actors import ActorFinder

    return ActorFinder(nlp, name, knowledge=knowledge, actor_dictionaries=actor_dictionaries,
                       agent_dictionaries=agent_dictionaries)


@Language.factory(
    "dyad_actor_linker",
    requires=["doc._.dyad_mentions", "doc.sents"],
    assigns=["doc._.dyad_actors", "token._.dyad_actor"],
    default_config={},
)
def make_actor_linker(nlp: Language, name: str) -> Any:
    from dyad.pipeline.actors import ActorLinker

    return ActorLinker(nlp, name)
