"""The policy is data, read and checked whole: every refusal names the file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from embargo.errors import ConfigError
from embargo.payments.policy import DEFAULT_POLICY, default_policy, read_policy


def test_the_default_policy_screens_every_element_the_readers_name() -> None:
    policy = default_policy()
    for role in ("Dbtr", "Cdtr", "UltmtDbtr", "UltmtCdtr", "InitgPty"):
        assert policy.action(role, is_text=False) == "party"
    for role in ("DbtrAgt", "CdtrAgt", "IntrmyAgt1", "IntrmyAgt2", "IntrmyAgt3", "InstgAgt", "InstdAgt", "Fr", "To"):
        assert policy.action(role, is_text=False) == "bank"
    assert policy.action("RmtInf/Ustrd", is_text=True) == "text"
    # an element the policy does not name is screened as what it is, never skipped
    assert policy.action("SomeFutureAgt", is_text=False) == "party"
    assert policy.action("SomeFutureText", is_text=True) == "text"
    assert {p.name for p in policy.programmes} >= {"cuba", "iran", "north_korea", "crimea"}
    assert [p.name for p in policy.country_programmes("KP")] == ["north_korea"]
    assert [p.name for p in policy.subdivision_programmes("UA-43")] == ["crimea"]


PLACES = [
    ("12 Lenina St, SEVASTOPOL", "crimea"),
    ("ул. Ленина 5, Севастополь", "crimea"),
    ("Donetsk, Ukraine", "donetsk_luhansk"),
    ("MELITOPOL", "kherson_zaporizhzhia"),
    ("Sevastopolskaya street, Moscow", None),  # a whole word only
    ("Kyiv", None),
]


@pytest.mark.parametrize(("text", "programme"), PLACES)
def test_places_are_whole_words_in_any_script_and_case(text: str, programme: str | None) -> None:
    found = [p.name for p in default_policy().programmes if p.find_place(text)]
    assert found == ([programme] if programme else [])


BAD = [
    ("threshold = 1.5\n", "threshold: 1.5 is not a score"),
    ('[elements]\nDbtr = "maybe"\n', "elements.Dbtr: 'maybe' is not one of party, bank, text, skip"),
    ('[programmes.x]\ntitle = "X"\ncountries = ["Iran"]\n', "programmes.x.countries: 'Iran' is not an ISO 3166"),
    ('[programmes.x]\ntitle = "X"\n', "programmes.x: covers nothing"),
    ('[programmes.x]\ncountries = ["IR"]\n', "programmes.x.title: the programme in words is required"),
    ('colour = "red"\n', "colour: unknown key"),
    ('text_verdicts = ["maybe"]\n', "text_verdicts:"),
    ("threshold = \n", "not TOML"),
]


@pytest.mark.parametrize(("text", "message"), BAD)
def test_a_bad_policy_is_one_error_naming_the_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "policy.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        read_policy(path)
    assert str(caught.value).startswith(f"payment policy {path}: ")
    assert message in str(caught.value)


def test_a_missing_policy_file_is_said(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read it"):
        read_policy(tmp_path / "none.toml")


def test_the_shipped_file_reads_as_the_default() -> None:
    assert read_policy(DEFAULT_POLICY).to_dict() == default_policy().to_dict()
