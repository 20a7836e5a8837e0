"""Initials of given names written together: "JC Juncker" is "J. C. Juncker".

People write the initials of their given names (and, in Russian usage, of the
patronymic) without dots or spaces: "JC Juncker" for Jean-Claude Juncker,
"VV Putin" for Vladimir Vladimirovich Putin, "JR Smith". Read as one word,
"JC" is an unknown family name and the pair looks like two namesakes. Such a
token is read as its initials when it looks like initials and the other name
bears them out:

* it looks like initials (:func:`embargo.names.initials.looks_like_initials`:
  two or three Latin letters, with no vowel or in capitals in a name that is
  not all capitals);
* its letters are, in order, the first letters of consecutive given names or
  patronymics of the other name, which the token's own name does not spell
  out.

It then becomes one initial token per letter, as "J. C." would be, and the
remaining full word of its name is read as the tagger reads a full word
beside initials (``unknown``): the usual short form of a full name, scored
like the dotted form. Initials that do not fit ("VA Putin") change nothing.
"""

from __future__ import annotations

from embargo.names import Token
from embargo.names.initials import looks_like_initials, split_initials

__all__ = ["expand_initials"]

#: Tags of the parts whose initials people write together.
_SPELLED = frozenset({"given", "patronymic"})
#: Tags of full words that stay as they are beside the initials.
_KEEP = frozenset({"initial", "particle", "legal_form", "generic", "number"})


def _spelled(letters: str, others: tuple[Token, ...], own: tuple[Token, ...]) -> bool:
    """The letters are the first letters of consecutive given names or patronymics of the other name."""
    own_words = {t.text for t in own}
    for start in range(len(others) - len(letters) + 1):
        span = others[start : start + len(letters)]
        if all(
            t.tag in _SPELLED and t.text[:1] == letter and t.text not in own_words
            for t, letter in zip(span, letters, strict=True)
        ):
            return True
    return False


def _expand_side(tokens: tuple[Token, ...], others: tuple[Token, ...]) -> tuple[Token, ...] | None:
    # Hot path (every person pair is aligned): most names have no short token that could be initials.
    short = [i for i, t in enumerate(tokens) if 2 <= len(t.text) <= 3 and t.tag != "initial"]
    if not short:
        return None
    at = next(
        (i for i in short if looks_like_initials(tokens[i], tokens) and _spelled(tokens[i].text, others, tokens)), None
    )
    if at is None:
        return None
    out: list[Token] = []
    for i, t in enumerate(tokens):
        if i == at:
            out.extend(split_initials(t))
        elif t.tag in _KEEP:
            out.append(t)
        else:
            out.append(Token(t.text, t.original, "unknown", t.phonetic, t.symbols))
    return tuple(out)


def expand_initials(q_tokens: tuple[Token, ...], c_tokens: tuple[Token, ...]) -> tuple[Token, ...] | None:
    """The query's tokens with one token of run-together initials split into initials, or None when it has none.

    Only the query is read so: lists write initials with their dots, people typing do not
    (comparing two names as equals, :func:`embargo.matching.compare_names`, tries both ways).
    """
    return _expand_side(q_tokens, c_tokens)
