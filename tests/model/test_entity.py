from __future__ import annotations

import pytest

from embargo.model import Designation, Entity


def make() -> Entity:
    e = Entity("Person", "us-ofac-sdn-9760", "us_ofac_sdn", "9760")
    e.add("name", "LUKASHENKA, Alyaksandr Hryhoryavich")
    e.add("alias", "LUKASHENKO, Alexander Grigoryevich")
    e.add("alias", "Александр Григорьевич Лукашенко", lang="ru")
    e.add("birthDate", "1954-08-30")
    e.add("nationality", "Belarus")
    e.designations.append(
        Designation("us-ofac-sdn-9760-belarus", "us_ofac_sdn", "US OFAC", "BELARUS", ["asset_freeze"], source_id="9760")
    )
    return e


def test_add_cleans_by_type() -> None:
    e = make()
    assert e.get("nationality") == ["by"]
    assert e.add("nationality", "Atlantis") is None
    assert e.add("birthDate", "not a date") is None
    assert e.get("birthDate") == ["1954-08-30"]


def test_add_deduplicates_and_keeps_order() -> None:
    e = make()
    e.add("alias", "LUKASHENKO, Alexander Grigoryevich")
    assert e.get("alias") == ["LUKASHENKO, Alexander Grigoryevich", "Александр Григорьевич Лукашенко"]


def test_name_language_is_kept() -> None:
    assert make().name_languages == {"Александр Григорьевич Лукашенко": "ru"}


def test_unknown_property_and_schema_are_refused() -> None:
    with pytest.raises(ValueError):
        make().add("imoNumber", "IMO 1234567")
    with pytest.raises(ValueError):
        Entity("Martian", "x")


def test_absurdly_long_name_is_dropped() -> None:
    e = make()
    assert e.add("alias", "A" * 10_000) is None


def test_round_trip_and_hash() -> None:
    e = make()
    again = Entity.from_dict(e.to_dict())
    assert again.to_dict() == e.to_dict()
    assert again.content_hash() == e.content_hash()
    again.add("alias", "Lukashenko")
    assert again.content_hash() != e.content_hash()


def test_caption_and_names() -> None:
    e = make()
    assert e.caption == "LUKASHENKA, Alyaksandr Hryhoryavich"
    assert [p for p, _ in e.names()] == ["name", "alias", "alias"]
    bare = Entity("Person", "x")
    bare.add("firstName", "Viktar")
    bare.add("lastName", "LUKASHENKA")
    assert bare.caption == "Viktar LUKASHENKA"
