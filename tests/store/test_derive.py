"""Canonical actor ids and negotiation keys: the cross-article identities."""

from __future__ import annotations

import pytest

from dyad.store.derive import canonical_actor_id, negotiation_key, slug


@pytest.mark.parametrize("args,expected", [
    (("UKR", "Ukraine", "country", "UKR", None, "Q212"), "UKR"),
    (("RUSGOV", "Russian government", "organization", "RUS", None, None), "RUSGOV"),
    (("vladimir-putin", "Vladimir Putin", "person", "RUS", None, "Q7747"), "Q7747"),
    (("dmitry-kuleba", "Dmitry Kuleba", "person", "UKR", None, None), "dmitry-kuleba@UKR"),
    (("kuleba", "Dmitry  KULEBA", "person", "UKR", None, None), "dmitry-kuleba@UKR"),
    (("josep-borrell", "Josep Borrell", "person", None, "EU", None), "josep-borrell@EU"),
    (("jose-garcia", "José García", "person", None, None, None), "jose-garcia"),
    (("western-media", "Western media outlets", "group", None, None, None),
     "western-media-outlets"),
])
def test_derive_canonical_actor_id(args: tuple, expected: str) -> None:  # type: ignore[type-arg]
    assert canonical_actor_id(*args) == expected


def test_derive_same_name_different_affiliation_stays_apart() -> None:
    a = canonical_actor_id("john-smith", "John Smith", "person", "GBR", None, None)
    b = canonical_actor_id("john-smith", "John Smith", "person", "USA", None, None)
    assert a != b


def test_derive_negotiation_key_is_parties_and_subject() -> None:
    key = negotiation_key("Russia–United States talks on security guarantees", ["USA", "RUS"])
    assert key == "RUS+USA: guarantees security"
    assert negotiation_key("US–Russia negotiations on Security Guarantees",
                           ["RUS", "USA", "RUS"]) == key
    assert negotiation_key("Russia–United States talks on arms control", ["RUS", "USA"]) != key


def test_derive_negotiation_key_without_subject_or_parties() -> None:
    assert negotiation_key("Russia–United States summit", ["USA", "RUS"]) == "RUS+USA"
    assert negotiation_key("talks on the Iran nuclear deal") == "deal iran nuclear the"
    assert negotiation_key("Normandy format talks") == "format normandy talks"


def test_derive_slug_folds_accents_and_punctuation() -> None:
    assert slug("Žižek, Slavoj!") == "zizek-slavoj"
