"""Tests for embargo.names.frequency: common names per culture, rare names and non-names."""

from __future__ import annotations

import pytest

from embargo.names import analyze_name
from embargo.names.frequency import COMMON_CUT, commonness, frequency_source, is_common

COMMON = [
    # (token, source that ranks it best)
    ("muhammad", "ar-given"),
    ("mohammed", "ar-given"),
    ("mohamed", "ar-given"),
    ("mhmd", "ar-given"),  # embargo's reading of محمد
    ("ahmed", "ar-given"),
    ("ali", "ar-given"),
    ("abdullah", "ar-given"),
    ("ibrahim", "ar-given"),
    ("wang", "zh-family"),
    ("li", "zh-family"),
    ("zhang", "zh-family"),
    ("chen", "zh-family"),
    ("kim", "ko-family"),
    ("gim", "ko-family"),  # Revised Romanization of 김
    ("lee", "ko-family"),
    ("park", "ko-family"),
    ("smith", "us-family"),
    ("john", "us-given"),
]

RARE = [
    "zuhdi",  # a rare Arabic given name
    "karamazov",
    "xylophone",
    "qwzx",
    "ivanov",  # common in Russia, but no open source ranks Russian names: unknown, not guessed
    "yamada",  # likewise Japanese
    "",
]

SPELLINGS = [
    ("muhammad", "mohammed", "mohamed", "muhamad"),
    ("abdullah", "abdallah", "abdulla"),
    ("ahmad", "ahmed"),
    ("kim", "gim"),
]


@pytest.mark.parametrize(("token", "source"), COMMON)
def test_common_names_are_common(token: str, source: str) -> None:
    assert is_common(token), (token, commonness(token))
    found = frequency_source(token)
    assert found is not None and found[0] == source


@pytest.mark.parametrize("token", RARE)
def test_rare_names_and_non_names_are_not_common(token: str) -> None:
    assert not is_common(token)
    assert commonness(token) < COMMON_CUT


@pytest.mark.parametrize("spellings", SPELLINGS)
def test_spelling_variants_agree(spellings: tuple[str, ...]) -> None:
    assert len({commonness(s) for s in spellings}) == 1, [(s, commonness(s)) for s in spellings]


def test_scale() -> None:
    assert commonness("wang") == 1.0  # rank 1
    assert commonness("muhammad") == 1.0
    assert 0.0 < commonness("kim") <= 1.0
    assert commonness("zhang") > commonness("luo")  # rank 3 against rank 19
    assert commonness("unknownname") == 0.0
    for token, _ in COMMON:
        assert 0.0 <= commonness(token) <= 1.0


def test_native_script_names_reach_the_table() -> None:
    # the tokens embargo compares for names written in Han, Hangul and Arabic script
    for name in ("王伟", "김민석", "محمد علي"):
        texts = {t.text for variant in analyze_name(name, "Person").variants for t in variant}
        assert any(is_common(t) for t in texts), (name, texts)


def test_unfolded_input_is_folded() -> None:
    assert commonness("Muhammad") == commonness("muhammad")
    assert commonness("WANG") == commonness("wang")
