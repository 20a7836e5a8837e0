"""Listed people written in another transliteration than any list's are listed (issue 22, point 1)."""

from __future__ import annotations

import pytest

from embargo.text import TextScreener


def _verdicts(screener: TextScreener, text: str) -> dict[str, tuple[str, str]]:
    return {r.mention.text: (r.verdict, r.reason) for r in screener.screen(text, html=False).mentions}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Le président Alexandre Loukachenko a reçu la délégation à Minsk.", "Alexandre Loukachenko"),
        ("Der Präsident Alexander Lukaschenko empfing die Delegation in Minsk.", "Alexander Lukaschenko"),
    ],
)
def test_a_listed_person_in_a_press_spelling_is_listed(text_screener: TextScreener, text: str, name: str) -> None:
    found = _verdicts(text_screener, text)
    verdict, reason = found[name]
    assert verdict == "listed"
    assert "sounds as" in reason or "the same" in reason  # the evidence says which words agree


def test_a_namesake_in_part_is_not_listed(text_screener: TextScreener) -> None:
    """One word agreeing is not the name: every word must pair with the listed name's."""
    found = _verdicts(text_screener, "The reporter Alexander Dubovsky wrote about Minsk.")
    assert found["Alexander Dubovsky"][0] == "not_listed"
