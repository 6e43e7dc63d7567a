"""Hand-built Extraction records for store and export tests (no NLP), and a fake processor."""

from __future__ import annotations

from dyad.types import (
    Actor,
    Article,
    DateRef,
    Event,
    Extraction,
    Negotiation,
    Quote,
    TextSpan,
)


def span(text: str, piece: str) -> TextSpan:
    start = text.index(piece)
    return TextSpan(piece, start, start + len(piece))


def make_extraction(article_id: str, text: str, published: str | None = "2022-03-01", *,
                    source: str | None = "Wire A", url: str | None = None,
                    recipient_name: str = "Norway") -> Extraction:
    """An article where a minister of Ruritania (RUR) meets Norway's government.

    The text must contain 'Anna Berg', 'met', and `recipient_name`.
    """
    article = Article(id=article_id, text=text, published=published, source=source,
                      url=url or f"https://news.example/{article_id}", origin=f"{article_id}.txt")
    berg = Actor(id="anna-berg", name="Anna Berg", kind="person", country="RUR", sector="GOV",
                 role="foreign minister", cameo="RURGOV", mentions=(span(text, "Anna Berg"),))
    nor = Actor(id="NOR", name="Norway", kind="country", country="NOR", cameo="NOR",
                mentions=(span(text, recipient_name),))
    first_sentence = text.split(".")[0] + "."
    event = Event(id="e1", type="CONSULT", actor=("anna-berg",), recipient=("NOR",),
                  status="asserted", evidence=span(text, first_sentence),
                  trigger=span(text, "met"), mode="visit", date=published, cameo="040",
                  goldstein=1.0, quad_class=1, confidence=0.8)
    quote = Quote(id="q1", text=first_sentence, start=0, end=len(first_sentence),
                  kind="indirect", speaker="anna-berg", speaker_mention=span(text, "Anna Berg"),
                  cue=span(text, "met"))
    dates = (DateRef(id="t1", text="met", start=event.trigger.start, end=event.trigger.end,
                     type="DATE", value=published or "XXXX"),)
    talks = Negotiation(id="n1", topic="Ruritania–Norway talks on fishing quotas",
                        participants=("anna-berg", "NOR"), seeking_seat=("EU",),
                        excluded=("EU",), evidence=(span(text, first_sentence),),
                        first_date=published)
    return Extraction(article=article, actors=(berg, nor), events=(event,), quotes=(quote,),
                      dates=dates, negotiations=(talks,))


TEXT_A = "Anna Berg met Norway's prime minister in Oslo. They talked about fish."
TEXT_B = "Foreign minister Anna Berg met Norway on Tuesday. The EU was not invited."


def fake_processor(items, settings=None):  # type: ignore[no-untyped-def]
    """Stands in for dyad.api.process: one hand-built Extraction per Article, by its text."""
    from dyad.types import Article

    for item in items:
        if isinstance(item, Article):
            yield make_extraction(item.id, item.text, item.published or "2022-03-01")
        else:
            yield item
