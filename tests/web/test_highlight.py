"""Where an amended value changed: words, then characters inside a changed word."""

from __future__ import annotations

from embargo.web.highlight import Segment, ValueChange, highlight, pair_values


def _old(segments: list[Segment]) -> str:
    return "".join(s.text for s in segments if s.kind != "ins")


def _new(segments: list[Segment]) -> str:
    return "".join(s.text for s in segments if s.kind != "del")


def test_one_character_of_a_crypto_address_is_all_that_is_marked() -> None:
    old = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"
    new = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb"
    assert len(old) == 34
    segments = highlight(old, new)
    assert segments == [Segment("same", old[:-1]), Segment("del", "a"), Segment("ins", "b")]


def test_one_character_in_the_middle_of_a_passport_number() -> None:
    segments = highlight("Passport 7C1234567 (Russia)", "Passport 7C1234667 (Russia)")
    marked = [s for s in segments if s.kind != "same"]
    assert marked == [Segment("del", "5"), Segment("ins", "6")]
    assert _old(segments) == "Passport 7C1234567 (Russia)" and _new(segments) == "Passport 7C1234667 (Russia)"


def test_a_replaced_word_is_shown_whole() -> None:
    segments = highlight("Ivan Petrov Moscow", "Ivan Smith Moscow")
    assert segments == [
        Segment("same", "Ivan "),
        Segment("del", "Petrov"),
        Segment("ins", "Smith"),
        Segment("same", " Moscow"),
    ]


def test_words_inserted_and_removed() -> None:
    assert highlight("Bank Melli", "Bank Melli Iran") == [Segment("same", "Bank Melli"), Segment("ins", " Iran")]
    assert highlight("Bank Melli Iran", "Bank Iran") == [
        Segment("same", "Bank "),
        Segment("del", "Melli "),
        Segment("same", "Iran"),
    ]
    assert highlight("", "new") == [Segment("ins", "new")]
    assert highlight("same", "same") == [Segment("same", "same")]


def test_a_letter_added_to_a_name() -> None:
    assert highlight("Serguei PETROFF", "Serguei PETROFFE") == [Segment("same", "Serguei PETROFF"), Segment("ins", "E")]


def test_segments_keep_markup_as_text() -> None:
    """The function returns text; the template escapes it (see tests/web/test_diff.py for the page)."""
    segments = highlight("<b>Acme</b>", "<script>alert(1)</script>")
    assert _new(segments) == "<script>alert(1)</script>" and _old(segments) == "<b>Acme</b>"


def test_removed_and_added_values_are_paired_by_likeness() -> None:
    values = pair_values(["Serguei PETROFF", "Old Alias"], ["Completely Different", "Serguei PETROFFE"])
    assert values[0] == ValueChange("changed", (Segment("same", "Serguei PETROFF"), Segment("ins", "E")))
    assert values[1] == ValueChange("added", (Segment("ins", "Completely Different"),))
    assert values[2] == ValueChange("removed", (Segment("del", "Old Alias"),))
    assert pair_values([], ["a"]) == [ValueChange("added", (Segment("ins", "a"),))]
