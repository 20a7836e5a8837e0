"""Chinese and Korean names as syllables, read with the tables of each romanization scheme.

A Chinese or Korean personal name is a family name of one syllable (sometimes
two) and a given name of one or two, each syllable a character with a fixed
reading. Two writings of one name agree syllable by syllable, whatever the
scheme each was romanized in, and a coincidence of letters between unrelated
syllables (``jeong`` / ``yong`` / ``jung``) says nothing. This module reads a
name's syllables and gives each the set of syllables it may stand for, keyed by
language:

* ``zh``: a Pinyin syllable (no tone, ``ü`` written ``u``). A Chinese
  character is read with ICU's ``Han-Latin/Names`` transform (Pinyin, with the
  surname readings of characters that have several); a Latin syllable stands
  for itself when it is Pinyin, and for its Pinyin reading when it is
  Wade-Giles, aspirated or not, since writers drop the aspiration mark
  (pypinyin's Wade-Giles table, see :mod:`.wadegiles`).
* ``ko``: a Hangul syllable, with the initial ``ㄹ``/``ㄴ`` rule (두음법칙)
  undone, so that North Korean ``리`` (Ri) and South Korean ``이`` (Lee) are
  one syllable, as are ``로``/``노`` and ``류``/``유``. A Hangul syllable is
  itself; a Chinese character is read with its Sino-Korean reading (the
  ``hanja`` package's table, derived into ``data/hanja_ko.tsv`` by
  ``tools/make_hanja_table.py``); a Latin syllable stands for every Hangul
  syllable it spells in Revised Romanization (2000), McCune-Reischauer (1939,
  written without breves and apostrophes, as lists and passports write it),
  the DPRK's own scheme (1992: ``Kim Jong Un``, ``Ri``, ``Choe``) and the
  customary spellings of family names (:mod:`.korean`: Kim, Lee, Park, Choi).
  The spellings are built from the jamo tables of those schemes
  (:data:`_INITIALS`, :data:`_MEDIALS`, :data:`_FINALS`), not from a phonetic
  key.

Japanese names are read in Hepburn elsewhere (:mod:`.japanese`); Cantonese
(``Chan``, ``Lau``), Yale and other schemes are not read here: a Latin name
written so is not recognised as the syllables of a Chinese name, and is
compared as any other name.

:func:`syllable_readings` gives the ways a name (the tokens of one reading)
parses as family and given syllables; :func:`same_name` tells whether two such
readings agree, the family name as a unit and the given name as a unit.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from itertools import product

from embargo.names.korean import SURNAME_SPELLINGS
from embargo.names.text import detect_script
from embargo.names.translit import render_word
from embargo.names.wadegiles import longest_syllable, pinyin_syllables, wade_giles_readings

__all__ = [
    "SyllableReading",
    "han_korean",
    "han_pinyin",
    "korean_keys",
    "pinyin_keys",
    "same_name",
    "syllable_readings",
]

Keys = frozenset[str]

#: Most syllables a written word of a romanized name holds ("Jinping", "Jongun", "Namgung").
MAX_WORD_SYLLABLES = 2
#: Syllables of a whole name: a family name of one or two, a given name of one or two.
MIN_NAME_SYLLABLES = 2
MAX_NAME_SYLLABLES = 4

# Jamo in Unicode order, each with its spellings: Revised Romanization first, then
# McCune-Reischauer without diacritics, the DPRK scheme, and customary spellings.
_INITIALS: tuple[tuple[str, ...], ...] = (
    ("g", "k"),  # ㄱ
    ("kk", "gg"),  # ㄲ
    ("n",),  # ㄴ
    ("d", "t"),  # ㄷ
    ("tt", "dd"),  # ㄸ
    ("r", "l"),  # ㄹ
    ("m",),  # ㅁ
    ("b", "p"),  # ㅂ
    ("pp", "bb"),  # ㅃ
    ("s", "sh"),  # ㅅ (Shin)
    ("ss",),  # ㅆ
    ("",),  # ㅇ
    ("j", "ch"),  # ㅈ (MR ch, DPRK j)
    ("jj", "tch"),  # ㅉ
    ("ch",),  # ㅊ (MR ch')
    ("k", "kh"),  # ㅋ (DPRK kh)
    ("t", "th"),  # ㅌ
    ("p", "ph"),  # ㅍ
    ("h",),  # ㅎ
)
_MEDIALS: tuple[tuple[str, ...], ...] = (
    ("a",),  # ㅏ
    ("ae",),  # ㅐ
    ("ya",),  # ㅑ
    ("yae",),  # ㅒ
    ("eo", "o", "u"),  # ㅓ (MR/DPRK ŏ; customary u: Jung, Sung)
    ("e",),  # ㅔ
    ("yeo", "yo", "you"),  # ㅕ
    ("ye",),  # ㅖ
    ("o", "oh"),  # ㅗ (customary Oh, Noh)
    ("wa",),  # ㅘ
    ("wae",),  # ㅙ
    ("oe", "oi"),  # ㅚ (Choe, Choi)
    ("yo",),  # ㅛ
    ("u", "oo"),  # ㅜ (customary Moon, Yoon)
    ("wo",),  # ㅝ
    ("we",),  # ㅞ
    ("wi",),  # ㅟ
    ("yu", "yoo"),  # ㅠ
    ("eu", "u"),  # ㅡ (MR/DPRK ŭ)
    ("ui", "eui", "ee"),  # ㅢ (customary Hee)
    ("i", "ee", "yi"),  # ㅣ (customary Lee, Yi)
)
#: Final consonants that end syllables of names, by their index among the 28 finals.
_FINALS: dict[int, tuple[str, ...]] = {
    0: ("",),
    1: ("k", "g"),  # ㄱ
    4: ("n",),  # ㄴ
    8: ("l", "r"),  # ㄹ
    16: ("m",),  # ㅁ
    17: ("p", "b"),  # ㅂ
    21: ("ng",),  # ㅇ
}
#: Customary spellings of family names beyond the most frequent one (:data:`.korean.SURNAME_SPELLINGS`)
#: that the jamo tables do not make: the National Institute of Korean Language's survey of passport
#: spellings (2009) lists them among the common ones (Rhee and Yi for 이, Roh for 노, Ryu for 류).
_MORE_SURNAME_SPELLINGS: dict[str, tuple[str, ...]] = {
    "이": ("rhee", "yi", "li"),
    "노": ("roh",),
    "류": ("ryu", "yoo"),
    "유": ("yu", "yoo"),
    "정": ("chung",),
    "신": ("shin",),
}
_HANGUL_BASE = 0xAC00
_IEUNG, _NIEUN, _RIEUL = 11, 2, 5
#: Medials before which an initial ㄹ or ㄴ is dropped (ㅑ ㅒ ㅕ ㅖ ㅛ ㅠ ㅣ).
_Y_MEDIALS = frozenset({2, 3, 6, 7, 12, 17, 20})


def _compose(initial: int, medial: int, final: int) -> str:
    return chr(_HANGUL_BASE + (initial * 21 + medial) * 28 + final)


@lru_cache(maxsize=16384)
def _canonical_hangul(syllable: str) -> str:
    """A Hangul syllable with the initial-sound rule undone one way: 리 -> 이, 로 -> 노, 녀 -> 여."""
    index = ord(syllable) - _HANGUL_BASE
    if not 0 <= index < 11172:
        return syllable
    initial, rest = divmod(index, 21 * 28)
    medial, final = divmod(rest, 28)
    if initial == _RIEUL:
        initial = _IEUNG if medial in _Y_MEDIALS else _NIEUN
    elif initial == _NIEUN and medial in _Y_MEDIALS:
        initial = _IEUNG
    return _compose(initial, medial, final)


@cache
def _korean_spellings() -> dict[str, Keys]:
    """Latin spelling -> the (canonical) Hangul syllables it may write."""
    found: dict[str, set[str]] = {}
    for (i, initials), (m, medials), (f, finals) in product(enumerate(_INITIALS), enumerate(_MEDIALS), _FINALS.items()):
        syllable = _canonical_hangul(_compose(i, m, f))
        for a, b, c in product(initials, medials, finals):
            found.setdefault(a + b + c, set()).add(syllable)
    for hangul, spelling in SURNAME_SPELLINGS.items():
        found.setdefault(spelling, set()).add(_canonical_hangul(hangul))
    for hangul, spellings in _MORE_SURNAME_SPELLINGS.items():
        for spelling in spellings:
            found.setdefault(spelling, set()).add(_canonical_hangul(hangul))
    return {k: frozenset(v) for k, v in found.items()}


def korean_keys(syllable: str) -> Keys:
    """The Hangul syllables a Latin syllable may write (``jong`` -> 정, 종...); empty if none."""
    return _korean_spellings().get(syllable, frozenset())


@lru_cache(maxsize=16384)
def pinyin_keys(syllable: str) -> Keys:
    """The Pinyin syllables a Latin syllable may write: itself, or its Wade-Giles readings.

    ``chang`` -> chang, zhang (Wade-Giles ``ch'ang`` and ``chang`` without their marks).
    """
    found = set(wade_giles_readings(syllable))
    if syllable in pinyin_syllables():
        found.add(syllable)
    elif syllable in ("lv", "lyu", "nv", "nyu"):  # ü in passports (吕 LYU)
        found.add(syllable[0] + "u")
    return frozenset(found)


@lru_cache(maxsize=16384)
def han_pinyin(char: str) -> str | None:
    """The Pinyin reading of one Chinese character (ICU ``Han-Latin/Names``), or None."""
    words = render_word(char, ("Han-Latin/Names", "syllables"))
    return words[0] if len(words) == 1 else None


@cache
def _hanja_table() -> dict[str, str]:
    table: dict[str, str] = {}
    text = files("embargo.names").joinpath("data", "hanja_ko.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        reading, chars = line.split("\t")
        for char in chars:
            table[char] = reading
    return table


#: Characters whose reading as a family name differs from their common reading (金: 금, as a surname 김).
_SURNAME_READINGS = {"金": "김"}


def han_korean(char: str, family: bool = False) -> Keys:
    """The Sino-Korean reading of one Chinese character as a canonical Hangul syllable (empty if unknown)."""
    found = set()
    if family and char in _SURNAME_READINGS:
        found.add(_SURNAME_READINGS[char])
    reading = _hanja_table().get(char)
    if reading is not None:
        found.add(_canonical_hangul(reading))
    return frozenset(found)


@dataclass(frozen=True, slots=True)
class SyllableReading:
    """One way to read a name as a family name and a given name, syllable by syllable.

    Attributes:
        lang: ``zh`` or ``ko``, the language whose syllables the keys are.
        family: for each syllable of the family name, the syllables it may stand for.
        given: the same for the given name, all its words together ("Jong Un" = "Jong-un" = "Jongun").
        native: read from Chinese characters or Hangul (one reading per character), not from Latin letters.
        how: how it was read, in words ("Korean reading of the characters").
    """

    lang: str
    family: tuple[Keys, ...]
    given: tuple[Keys, ...]
    native: bool
    how: str

    @property
    def size(self) -> int:
        """Syllables in the whole name."""
        return len(self.family) + len(self.given)


def _agree(a: tuple[Keys, ...], b: tuple[Keys, ...]) -> bool:
    return len(a) == len(b) and all(not x.isdisjoint(y) for x, y in zip(a, b, strict=True))


def same_name(a: SyllableReading, b: SyllableReading) -> bool:
    """Two readings of one language agree in the family name and in the whole given name."""
    return a.lang == b.lang and _agree(a.family, b.family) and _agree(a.given, b.given)


def same_family(a: SyllableReading, b: SyllableReading) -> bool:
    """Two readings of one language agree in the family name."""
    return a.lang == b.lang and _agree(a.family, b.family)


def _native_readings(chars: str) -> tuple[SyllableReading, ...]:
    script = detect_script(chars)
    if script not in ("Han", "Hangul") or not MIN_NAME_SYLLABLES <= len(chars) <= MAX_NAME_SYLLABLES:
        return ()
    if any(detect_script(c) != script for c in chars):
        return ()
    out: list[SyllableReading] = []
    # The family name is the first character, or the first two (欧阳, 남궁) in a name of three or more.
    for cut in (1, 2) if len(chars) >= 3 else (1,):
        family, given = chars[:cut], chars[cut:]
        if script == "Hangul":
            out.append(
                SyllableReading(
                    "ko",
                    tuple(frozenset({_canonical_hangul(c)}) for c in family),
                    tuple(frozenset({_canonical_hangul(c)}) for c in given),
                    True,
                    "Hangul",
                )
            )
            continue
        pinyin = [han_pinyin(c) for c in chars]
        if all(pinyin):
            keys = tuple(frozenset({p}) for p in pinyin if p)
            out.append(
                SyllableReading("zh", keys[:cut], keys[cut:], True, "Chinese (Pinyin) reading of the characters")
            )
        korean = [han_korean(c, family=i < cut) for i, c in enumerate(chars)]
        if all(korean):
            out.append(
                SyllableReading(
                    "ko", tuple(korean[:cut]), tuple(korean[cut:]), True, "Korean reading of the characters"
                )
            )
    return tuple(out)


Spelled = tuple[tuple[str, Keys], ...]


@lru_cache(maxsize=65536)
def _segmentations(word: str, lang: str) -> tuple[Spelled, ...]:
    """Every way to write ``word`` as one or two syllables of ``lang``, each spelling with its keys."""
    keys = pinyin_keys if lang == "zh" else korean_keys
    longest = _longest_spelling(lang)
    n = len(word)
    out: list[Spelled] = []
    if n > 2 * longest:
        return ()  # no syllable is that long: a Western name's words mostly stop here
    whole = keys(word) if n <= longest else frozenset()
    if whole:
        out.append(((word, whole),))
    # only cuts that leave each part no longer than a syllable
    for cut in range(max(1, n - longest), min(n - 1, longest) + 1):
        head = keys(word[:cut])
        if not head:
            continue
        tail = keys(word[cut:])
        if tail:
            out.append(((word[:cut], head), (word[cut:], tail)))
    return tuple(out)


@cache
def _longest_spelling(lang: str) -> int:
    """Letters of the longest Latin spelling of one syllable of ``lang``."""
    if lang == "zh":
        return max(max(map(len, pinyin_syllables())), longest_syllable())
    return max(map(len, _korean_spellings()))


def _latin_readings(words: tuple[str, ...], lang: str) -> Iterator[SyllableReading]:
    """Readings of a romanized name: the family name first or last, the given name the other words."""
    if not 2 <= len(words) <= MAX_NAME_SYLLABLES:
        return
    splits: list[tuple[Spelled, ...]] = []
    for w in words:
        split = _segmentations(w, lang)
        if not split:
            return  # one word that is no syllables ends it (most Western names, at their first word)
        splits.append(split)
    how = "Pinyin or Wade-Giles syllables" if lang == "zh" else "Korean syllables (RR, McCune-Reischauer, DPRK)"
    ends = (0, len(words) - 1) if len(words) > 1 else (0,)
    seen: set[tuple[tuple[Keys, ...], tuple[Keys, ...]]] = set()
    for end in ends:
        others = [s for i, s in enumerate(splits) if i != end]
        for spelled_family in splits[end]:
            for parts in product(*others):
                written = spelled_family + tuple(s for part in parts for s in part)
                family = tuple(k for _, k in spelled_family)
                given = tuple(k for _, k in written[len(family) :])
                size = len(family) + len(given)
                if not given or len(given) > MAX_WORD_SYLLABLES or size > MAX_NAME_SYLLABLES:
                    continue
                if (family, given) in seen:
                    continue
                seen.add((family, given))
                yield SyllableReading(lang, family, given, False, how)


@lru_cache(maxsize=65536)
def syllable_readings(texts: tuple[str, ...], originals: tuple[str, ...]) -> tuple[SyllableReading, ...]:
    """Every reading of a person's name as Chinese or Korean family and given syllables; () if it is none.

    Args:
        texts: the comparison forms of the name's tokens, in order (lower-case ASCII).
        originals: the same tokens as written.
    """
    written = "".join(originals).replace(" ", "")
    if written and not written.isascii():
        script = detect_script(written)
        if script in ("Han", "Hangul"):
            return _native_readings(unicodedata.normalize("NFC", written))
        if any(not o.isascii() for o in originals):
            return ()
    if not all(t.isalpha() and t.isascii() for t in texts):
        return ()
    return tuple(r for lang in ("zh", "ko") for r in _latin_readings(texts, lang))


def describe(keys: Sequence[Keys]) -> str:
    """Syllable keys in words, for explanations (``jeong-eun``)."""
    return "-".join(sorted(k)[0] if len(k) == 1 else "/".join(sorted(k)[:3]) for k in keys)
