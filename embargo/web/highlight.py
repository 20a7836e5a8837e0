"""Where an amended value changed: words first, then the characters inside a changed word.

A list amendment is often one character (a digit of a passport number, a
letter of a crypto address): striking out the whole old value and writing
the whole new one hides it. :func:`highlight` compares the two values word by
word (:mod:`difflib`) and, where a word was replaced by a similar one, the
characters of those words, so that only what differs is marked.

The result is plain data (:class:`Segment`); the template writes each segment
in ``<del>`` / ``<ins>`` and Jinja escapes the text, so list data is never
marked safe.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

__all__ = ["Segment", "ValueChange", "highlight", "pair_values"]

Kind = Literal["same", "del", "ins"]

#: A word, a run of white space, or one other character: the units of the word-level comparison.
_TOKENS = re.compile(r"\w+|\s+|[^\w\s]")

#: How alike two words (or two values) must be for their characters to be compared (difflib's ratio):
#: below it, "Ivanov" replaced by "Smith" is shown as one word out and one in, not as scattered letters.
SIMILAR = 0.5


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text kept (``same``), taken out (``del``) or put in (``ins``)."""

    kind: Kind
    text: str


@dataclass(frozen=True, slots=True)
class ValueChange:
    """One value of a changed field: ``changed`` (old and new paired, with segments), ``added`` or ``removed``."""

    kind: Literal["changed", "added", "removed"]
    segments: tuple[Segment, ...]


def _ratio(a: str, b: str) -> float:
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    # the cheap upper bounds first: most pairs of unrelated values stop here
    if matcher.real_quick_ratio() < SIMILAR or matcher.quick_ratio() < SIMILAR:
        return 0.0
    return matcher.ratio()


def _push(out: list[Segment], kind: Kind, text: str) -> None:
    if not text:
        return
    if out and out[-1].kind == kind:
        out[-1] = Segment(kind, out[-1].text + text)
    else:
        out.append(Segment(kind, text))


def _characters(out: list[Segment], old: str, new: str) -> None:
    """Mark the characters that differ between two similar runs of words."""
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            _push(out, "same", old[a1:a2])
        else:
            _push(out, "del", old[a1:a2])
            _push(out, "ins", new[b1:b2])


def highlight(old: str, new: str) -> list[Segment]:
    """The change from ``old`` to ``new`` as segments: same, deleted and inserted text.

    Words are compared first; a replaced run of words is compared character by
    character when it resembles its replacement (``PETROFF`` → ``PETROFF`` +
    ``E``), and shown whole (out, then in) when it does not. Joining the
    ``same`` and ``del`` segments gives ``old``; ``same`` and ``ins``, ``new``.
    """
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    out: list[Segment] = []
    for op, a1, a2, b1, b2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        before, after = "".join(a[a1:a2]), "".join(b[b1:b2])
        if op == "equal":
            _push(out, "same", before)
        elif op == "replace" and _ratio(before, after) >= SIMILAR:
            _characters(out, before, after)
        else:
            _push(out, "del", before)
            _push(out, "ins", after)
    return out


def pair_values(removed: list[str], added: list[str]) -> list[ValueChange]:
    """Pair each removed value with the most similar added one (a value amended), the rest whole.

    Amended values come first, then values added, then values removed, each in the order given.
    """
    free = list(added)
    changed: list[ValueChange] = []
    gone: list[ValueChange] = []
    for old in removed:
        scored = [(_ratio(old, new), -i) for i, new in enumerate(free)]
        best = max(scored, default=(0.0, 0))  # the most similar; the first given of equals
        if best[0] >= SIMILAR:
            new = free.pop(-best[1])
            changed.append(ValueChange("changed", tuple(highlight(old, new))))
        else:
            gone.append(ValueChange("removed", (Segment("del", old),)))
    came = [ValueChange("added", (Segment("ins", new),)) for new in free]
    return changed + came + gone
