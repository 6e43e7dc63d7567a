"""Hand-built records for the web tests (no NLP): small articles about made-up countries and
one article whose every text field carries an HTML/script payload."""

from __future__ import annotations

from dyad.types import Actor, Article, DateRef, Event, Extraction, Negotiation, Quote, TextSpan

# Sets window.__dyad_xss if any of it ever runs as code in a browser.
SCRIPT = "<script>window.__dyad_xss = 1</script>"
IMG = '<img src="x" onerror="window.__dyad_xss = 2">'
CLOSE = '"></span><script>window.__dyad_xss = 3</script>'


def span(text: str, piece: str, nth: int = 0) -> TextSpan:
    start = -1
    for _ in range(nth + 1):
        start = text.index(piece, start + 1)
    return TextSpan(piece, start, start + len(piece))


def _actor(key: str, name: str, kind: str, text: str, *pieces: str, country: str | None = None,
           role: str | None = None, organization: str | None = None) -> Actor:
    return Actor(id=key, name=name, kind=kind, country=country, role=role,  # type: ignore[arg-type]
                 organization=organization, cameo=country or organization,
                 mentions=tuple(span(text, p) for p in pieces))


def meeting(article_id: str, day: str) -> Extraction:
    """Ruritania's minister Anna Berg meets Norway; Elbonia asks to be involved."""
    text = (f"Ruritania's foreign minister Anna Berg met Norway's prime minister in Oslo on "
            f"{day}. \"Elbonia must be involved in the fishing talks,\" Elbonian envoy Piet "
            f"Lund said.")
    berg = _actor("anna-berg", "Anna Berg", "person", text, "Anna Berg", country="RUR",
                  role="foreign minister")
    nor = _actor("NOR", "Norway", "country", text, "Norway", country="NOR")
    elb = _actor("ELB", "Elbonia", "country", text, "Elbonia", country="ELB")
    lund = _actor("piet-lund", "Piet Lund", "person", text, "Piet Lund", country="ELB",
                  role="envoy")
    first = text[:text.index(".") + 1]
    quote_text = "Elbonia must be involved in the fishing talks,"
    event = Event(id="e1", type="CONSULT", actor=("anna-berg",), recipient=("NOR",),
                  status="asserted", evidence=span(text, first), trigger=span(text, "met"),
                  date=day, cameo="040", goldstein=1.0, quad_class=1, confidence=0.9)
    ask = Event(id="e2", type="REQUEST", actor=("piet-lund",), recipient=("NOR",),
                status="asserted", evidence=span(text, quote_text),
                trigger=span(text, "must be involved"), date=day, cameo="020", goldstein=-1.0,
                quad_class=3, confidence=0.7, quote="q1")
    quote = Quote(id="q1", text=quote_text, start=span(text, quote_text).start,
                  end=span(text, quote_text).end, kind="direct", speaker="piet-lund",
                  speaker_mention=span(text, "Piet Lund"), cue=span(text, "said"), date=day)
    dates = (DateRef(id="t1", text=day, start=span(text, day).start, end=span(text, day).end,
                     type="DATE", value=day, precision="day"),)
    talks = Negotiation(id="n1", topic="Ruritania–Norway fishing talks",
                        participants=("anna-berg", "NOR"), seeking_seat=("ELB",), excluded=(),
                        evidence=(span(text, first), span(text, quote_text)), first_date=day,
                        last_date=day)
    article = Article(id=article_id, text=text, published=day, title=f"Talks in Oslo, {day}",
                      source="Wire A", url=f"https://news.example/{article_id}",
                      origin=f"{article_id}.txt")
    return Extraction(article=article, actors=(berg, nor, elb, lund), events=(event, ask),
                      quotes=(quote,), dates=dates, negotiations=(talks,))


def threat(article_id: str = "threat", day: str = "2022-03-05") -> Extraction:
    """Ruritania threatens Norway; Norway accuses Ruritania."""
    text = "Ruritania threatened Norway with a blockade. Norway accused Ruritania of piracy."
    rur = _actor("RUR", "Ruritania", "country", text, "Ruritania", country="RUR")
    nor = _actor("NOR", "Norway", "country", text, "Norway", country="NOR")
    first, second = text.split(". ")
    events = (
        Event(id="e1", type="THREATEN", actor=("RUR",), recipient=("NOR",), status="asserted",
              evidence=span(text, first + "."), trigger=span(text, "threatened"), date=day,
              cameo="130", goldstein=-4.4, quad_class=3),
        Event(id="e2", type="ACCUSE", actor=("NOR",), recipient=("RUR",), status="asserted",
              evidence=span(text, second), trigger=span(text, "accused"), date=day, cameo="112",
              goldstein=-2.0, quad_class=3),
    )
    article = Article(id=article_id, text=text, published=day, title="Blockade threat",
                      source="Wire B", origin=f"{article_id}.txt")
    return Extraction(article=article, actors=(rur, nor), events=events)


def xss(article_id: str = "xss-article", day: str = "2022-03-06") -> Extraction:
    """An article whose text, title, url, actor names, quote and topic carry HTML payloads."""
    text = (f"{SCRIPT} Ruritania warned {IMG} Norway. \"{CLOSE} will not pass,\" the "
            f"spokesman said.")
    rur = _actor("RUR", f"Ruritania {SCRIPT}", "country", text, "Ruritania", country="RUR")
    nor = _actor("NOR", f"Norway {IMG}", "country", text, "Norway", country="NOR")
    sentence = text[:text.index("Norway.") + len("Norway.")]
    quote_text = f"{CLOSE} will not pass,"
    event = Event(id="e1", type="THREATEN", actor=("RUR",), recipient=("NOR",),
                  status="asserted", evidence=span(text, sentence), trigger=span(text, "warned"),
                  date=day, cameo="130", goldstein=-4.4, quad_class=3)
    quote = Quote(id="q1", text=quote_text, start=span(text, quote_text).start,
                  end=span(text, quote_text).end, kind="direct", speaker="RUR",
                  speaker_mention=span(text, "spokesman"), cue=span(text, "said"), date=day)
    talks = Negotiation(id="n1", topic=f"Payload talks {SCRIPT}", participants=("RUR",),
                        seeking_seat=("NOR",), excluded=(), evidence=(span(text, sentence),),
                        first_date=day)
    article = Article(id=article_id, text=text, published=day, title=f"Title {SCRIPT}{IMG}",
                      source=f"Source {IMG}", url="javascript:window.__dyad_xss=4",
                      origin=f"{article_id}.txt")
    return Extraction(article=article, actors=(rur, nor), events=(event,), quotes=(quote,),
                      negotiations=(talks,))


def all_records() -> list[Extraction]:
    """Five meeting articles (2022-03-01 .. 05), the threat article and the XSS article."""
    days = [f"2022-03-0{d}" for d in range(1, 6)]
    return [meeting(f"meet-{i}", day) for i, day in enumerate(days, start=1)] + [threat(), xss()]
