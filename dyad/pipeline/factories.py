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
    "dyad_date_tagger",
    "dyad_quote_finder",
    "dyad_event_coder",
    "dyad_quote_linker",
    "dyad_event_dater",
    "dyad_negotiation_builder",
)


# Runs before the model's parser (`dyad.api.build_pipeline` places it), not among DYAD_STAGES.
LINE_BREAKS = "dyad_line_breaks"


@Language.factory(
    LINE_BREAKS,
    requires=[],
    assigns=["token.is_sent_start"],
    default_config={},
)
def make_line_breaks(nlp: Language, name: str) -> Any:
    from dyad.pipeline.lines import LineBreaks

    return LineBreaks(nlp, name)


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


@Language.factory(
    "dyad_date_tagger",
    requires=["token.dep"],
    assigns=["doc._.dyad_dates"],
    default_config={},
)
def make_date_tagger(nlp: Language, name: str) -> Any:
    from dyad.pipeline.dates import DateTagger

    return DateTagger(nlp, name)


@Language.factory(
    "dyad_event_dater",
    requires=["doc._.dyad_dates", "token.dep"],
    assigns=["doc._.dyad_events", "doc._.dyad_quotes"],
    default_config={},
)
def make_event_dater(nlp: Language, name: str) -> Any:
    from dyad.pipeline.dates import EventDater

    return EventDater(nlp, name)


@Language.factory(
    "dyad_quote_finder",
    requires=["doc.sents", "token.dep", "token.lemma", "doc._.dyad_mentions", "doc._.dyad_actors"],
    assigns=["doc._.dyad_quotes"],
    default_config={"cues": "dyad.cues.v1"},
)
def make_quote_finder(nlp: Language, name: str, cues: str) -> Any:
    from dyad.pipeline.quotes import QuoteFinder

    return QuoteFinder(nlp, name, cues=cues)


@Language.factory(
    "dyad_quote_linker",
    requires=["doc._.dyad_quotes", "doc._.dyad_events"],
    assigns=["doc._.dyad_events"],
    default_config={},
)
def make_quote_linker(nlp: Language, name: str) -> Any:
    from dyad.pipeline.quotes import QuoteLinker

    return QuoteLinker(nlp, name)


@Language.factory(
    "dyad_event_coder",
    requires=["doc.sents", "token.dep", "token.lemma", "token._.dyad_actor", "doc._.dyad_actors"],
    assigns=["doc._.dyad_events"],
    default_config={"lexicon": "dyad.events.v1", "verb_dictionary": None,
                    "symmetric_co_actors": True},
)
def make_event_coder(nlp: Language, name: str, lexicon: str, verb_dictionary: str | None,
                     symmetric_co_actors: bool) -> Any:
    from dyad.pipeline.events import EventCoder

    return EventCoder(nlp, name, lexicon=lexicon, verb_dictionary_path=verb_dictionary,
                      symmetric_co_actors=symmetric_co_actors)


@Language.factory(
    "dyad_negotiation_builder",
    requires=["doc.sents", "token.dep", "token.lemma", "doc._.dyad_mentions",
              "doc._.dyad_actors", "token._.dyad_actor", "doc._.dyad_events"],
    assigns=["doc._.dyad_negotiations"],
    default_config={"lexicon": "dyad.negotiations.v1", "collapse_to_states": True},
)
def make_negotiation_builder(nlp: Language, name: str, lexicon: str, collapse_to_states: bool) -> Any:
    from dyad.pipeline.negotiations import NegotiationBuilder

    return NegotiationBuilder(nlp, name, lexicon=lexicon, collapse_to_states=collapse_to_states)
