"""Language detection on hard cases: English around long runs of names stays English (a
statistical detector calls a list of country names Yoruba or Lithuanian); other languages'
news prose is still recognised and named."""

from __future__ import annotations

import pytest

from dyad.language import detect_language

_NAMES = ("Kenya", "Peru", "Chile", "Norway", "Japan", "Brazil", "Egypt", "Canada", "Mexico")
_PEOPLE = ("Vladimir Putin", "Sergei Lavrov", "Dmitry Peskov", "Maria Zakharova", "Sergei Shoigu")


@pytest.mark.parametrize("text", [
    "The signatories were " + ", ".join(_NAMES[i % len(_NAMES)] for i in range(3000))
    + ", the organisers said.",
    "Officials named " + ", ".join(_PEOPLE * 200) + " in the list published on Monday.",
    "SANCTIONS LIST: " + "; ".join(f"{p} ({n})" for p, n in zip(_PEOPLE * 72, _NAMES * 40, strict=True))
    + ". The measures take effect on Friday, the council said in a statement.",
])
def test_reliability_language_names_inside_english_prose(text: str) -> None:
    assert detect_language(text) == "en"


@pytest.mark.parametrize(("code", "text"), [
    ("de", "Der russische Außenminister traf sich am Montag in Genf mit seinem amerikanischen "
           "Amtskollegen, um über die Lage an der Grenze zu sprechen, teilte das Ministerium mit."),
    ("fr", "Le ministre russe des Affaires étrangères a rencontré lundi à Genève son homologue "
           "américain pour discuter de la situation à la frontière, a indiqué le ministère."),
    ("es", "El ministro de Asuntos Exteriores de Rusia se reunió el lunes en Ginebra con su "
           "homólogo estadounidense para hablar de la situación en la frontera, informó el ministerio."),
    ("nl", "De Russische minister van Buitenlandse Zaken had maandag in Genève een ontmoeting met "
           "zijn Amerikaanse ambtgenoot om de situatie aan de grens te bespreken, zo meldde het "
           "ministerie. Het gesprek was volgens hem nuttig."),
    ("it", "Il ministro degli Esteri russo ha incontrato lunedì a Ginevra il suo omologo americano "
           "per discutere della situazione al confine, ha riferito il ministero."),
    ("pt", "O ministro das Relações Exteriores da Rússia reuniu-se na segunda-feira em Genebra com "
           "o seu homólogo americano para discutir a situação na fronteira, informou o ministério."),
    ("de", "Kenya, Peru, Chile, Norway, Japan, Brazil, Egypt, Canada und Mexiko unterzeichneten am "
           "Montag in Genf das Abkommen, wie die Veranstalter mitteilten; die Verhandlungen hatten "
           "zwei Jahre gedauert und waren mehrmals unterbrochen worden."),
])
def test_reliability_language_other_languages_named(code: str, text: str) -> None:
    assert detect_language(text) == code
