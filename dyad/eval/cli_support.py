"""What `dyad eval` and the format scorers share: the (task, format) dispatch and the dyad run.

`run_evaluation` finds the scorer module for a task and format, imports it lazily (a scorer
that is not installed yet gives a clear `EvalError`, not an ImportError) and returns its
report and rendering. `run_articles` pushes gold texts through `dyad.api.process`. Scoring
itself lives in the format modules and must stay pure: this module never counts anything.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from types import ModuleType
from typing import Any

from dyad.config import Settings
from dyad.errors import EvalError
from dyad.types import Article, Extraction, Rejected

# (task, format) → (scorer module, fixed keyword options for its evaluate()).
EVALUATORS: dict[tuple[str, str], tuple[str, dict[str, Any]]] = {
    ("events", "plover-gsr"): ("dyad.eval.plover_gsr", {}),
    ("events", "petrarch"): ("dyad.eval.petrarch", {}),
    ("dates", "timeml"): ("dyad.eval.timex", {"fmt": "timeml"}),
    ("dates", "meantime"): ("dyad.eval.timex", {"fmt": "meantime"}),
    ("quotes", "brat"): ("dyad.eval.brat", {}),
}
TASKS: tuple[str, ...] = ("events", "dates", "quotes")


def formats_for(task: str) -> list[str]:
    """The gold formats `dyad eval TASK` reads."""
    return [fmt for (t, fmt) in EVALUATORS if t == task]


def _scorer(task: str, fmt: str) -> tuple[ModuleType, dict[str, Any]]:
    if (task, fmt) not in EVALUATORS:
        valid = ", ".join(formats_for(task)) or "none"
        raise EvalError(f"`dyad eval {task}` does not read format {fmt!r}; valid formats for "
                        f"{task}: {valid}")
    name, options = EVALUATORS[(task, fmt)]
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as err:
        if err.name != name:
            raise
        raise EvalError(f"the {task} scorer ({name}) is not part of this build of dyad yet; "
                        f"`dyad eval {task} --format {fmt}` will work once it lands") from None
    return module, options


def run_evaluation(task: str, fmt: str, path: str, settings: Settings | None = None,
                   limit: int | None = None, half: str | None = None
                   ) -> tuple[dict[str, Any], Callable[[dict[str, Any]], str]]:
    """(report, render) of scoring dyad on the gold file or directory at `path`.

    `half` ("tune" or "heldout") runs and scores only that fixed half of a development set
    whose scorer defines halves, so rule work can read every figure and error of the tune
    half without the held-out half (or the whole-set figure, which contains it) in view.
    """
    module, options = _scorer(task, fmt)
    evaluate: Callable[..., dict[str, Any]] = module.evaluate
    render: Callable[[dict[str, Any]], str] = module.render
    kwargs = dict(options)
    for flag, name, value in (("--limit", "limit", limit), ("--half", "half", half)):
        if value is None:
            continue
        if name not in inspect.signature(evaluate).parameters:
            raise EvalError(f"{flag} is not supported by the {task} scorer ({module.__name__}); "
                            "run without it")
        kwargs[name] = value
    return evaluate(path, settings=settings, **kwargs), render


def run_articles(articles: Iterable[Article], settings: Settings | None = None
                 ) -> dict[str, Extraction | Rejected]:
    """dyad's result for each article, keyed by article id (a failed article is `Rejected`)."""
    from dyad.api import process

    arts = list(articles)
    results = list(process(arts, settings))
    return {art.id: result for art, result in zip(arts, results, strict=True)}


def measured_now() -> str:
    """The UTC date and time a report was measured, ISO formatted to the minute."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%MZ")


def settings_summary(settings: Settings | None) -> dict[str, Any]:
    """What of the settings changes a score: model, dictionaries and the event coding mode."""
    s = settings or Settings()
    return {"model": s.model, "actor_dictionaries": list(s.actor_dictionaries),
            "agent_dictionaries": list(s.agent_dictionaries),
            "verb_dictionary": s.verb_dictionary, "symmetric_co_actors": s.symmetric_co_actors}
