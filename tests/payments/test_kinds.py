"""A party of unknown kind: when its name reads as a person's, and its fingerprint wherever it stands."""

from __future__ import annotations

import pytest

from embargo.payments.kinds import party_key, reads_as_person
from embargo.payments.message import Address, Party

NAMES = [
    ("Bianca da Rosa", True),
    ("Sylvie Da Silva", True),
    ("山崎 健一", True),
    ("Aliaksandr Lukashenka", True),
    ("Nordlicht Handels GmbH", False),  # a legal form
    ("Bank Melli Iran", False),  # an industry word
    ("Global Trading Partners", False),
    ("ROSOBORONEXPORT", False),  # no person's name part
    ("Xqztv Plorb", False),
    ("", False),
]


@pytest.mark.parametrize(("name", "person"), NAMES)
def test_a_name_reads_as_a_persons_when_every_word_is_a_name_part_and_none_an_organisations(
    name: str, person: bool
) -> None:
    assert reads_as_person(name) is person


def test_the_same_party_has_one_key_wherever_it_stands() -> None:
    a = Party("CdtTrfTxInf[1]/Cdtr", "Cdtr", "Viktor  Petrenko", Address(town="Moscow", country="RU"))
    b = Party("59", "Cdtr", "VIKTOR PETRENKO", Address(town="MOSCOW", country="RU"))
    assert party_key(a) == party_key(b)
    moved = Party("59", "Cdtr", "VIKTOR PETRENKO", Address(town="KAZAN", country="RU"))
    assert party_key(moved) != party_key(a)
