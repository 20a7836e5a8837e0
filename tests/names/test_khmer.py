"""Khmer romanization (UNGEGN), which ICU lacks."""

from __future__ import annotations

import pytest

from embargo.names import analyze_name
from embargo.names.khmer import romanize_khmer

CASES = [
    ("ប៉ុល ពត", "pol pot"),  # ប with ៉ is p; ព carries its inherent o before a consonant
    ("ហ៊ុន សែន", "hun saen"),  # ៊ moves ហ to the second series: ុ is u
    ("ហ៊ុន ម៉ាណែត", "hun manaet"),
    ("វ៉្លាឌីមៀរ ពូទីន", "vladimier putin"),  # ្ល joins l to v
    ("កម្ពុជា", "kampuchea"),
    ("ភ្នំពេញ", "phnumpenh"),
]


@pytest.mark.parametrize(("khmer", "latin"), CASES)
def test_romanize_khmer(khmer: str, latin: str) -> None:
    assert romanize_khmer(khmer) == latin


def test_other_characters_pass_through() -> None:
    assert romanize_khmer("Hun Sen") == "Hun Sen"


def test_a_khmer_name_has_tokens() -> None:
    assert [t.text for t in analyze_name("ហ៊ុន សែន", "Person").tokens] == ["hun", "saen"]
