"""Consonant skeletons: does a word written in an abjad agree with a Latin spelling?

Arabic and Hebrew script write the consonants and the long vowels of a word (the
*matres lectionis* ا و ی, א ו י) and leave its short vowels unwritten. embargo
romanizes محمد as ``mhmd`` and lets it meet ``muhammad`` through the phonetic
key (consonant classes) and a lenient letter share; the same leniency lets هلیا
(``hlia``) meet ``khalil`` and موحد (``muhd``) meet ``mahad``, because the key
folds kh into h and the share ignores which vowels are missing. This module
reads such a pair against the word as written: the Latin word must spell every
letter the abjad word writes, in order, with a spelling the published
romanization tables give that letter, and may add only vowels (and ``y``,
``w``, a final ``h``) that the abjad leaves unwritten.

A letter and its spellings (lower-case ASCII, as lists drop diacritics: DIN
31635 ``ḫ`` is ``h``, ``ṯ`` is ``t``, ``ǧ`` is ``g``):

* Consonants: the ALA-LC Arabic, Persian, Urdu and Pushto tables (Library of
  Congress, 2012), BGN/PCGN Persian (1958) and the UNGEGN Persian system
  (1967, amended 2012), DIN 31635 (2011) and ISO 233 folded to ASCII: خ
  ``kh``/``x``/``h``; غ and ق ``gh``/``g``/``q`` (ق also ``k``); ث ``th`` (Arabic),
  ``s`` (Persian), ``t`` (DIN ``ṯ``); ذ ``dh``/``z``/``d``; ض and ظ ``d``/``dh``/``z``;
  ژ ``zh`` and ``j``; ش ``sh`` and ``s`` (DIN ``š``). Arabic script writes a foreign
  p with ب and v with ف (بوتين Putin, فلاديمير Vladimir), and Egyptian names
  read ج as ``g`` (جمال Gamal). Spellings of the lists themselves, seen on
  names listed in both scripts: ح as ``kh`` (Cyrillic-mediated: Khasan),
  ``th`` for ذ and ظ (English), ``dh`` for د and ``th`` for ت ط (Indic names in
  Arabic script, ALA-LC Urdu aspirates: Sindhi), ``c`` for س ص (French:
  Lounici), ``dj`` for ج and ``ch`` for ش (French), ``ch`` for خ (German).
* Long vowels. An alef is a long a that every table spells with a vowel,
  except the article's elided alef (hamzat al-wasl: ابوالفضل Abolfazl) and an
  alef whose vowel a following و or ی writes (ایران Iran, and Arabic's
  diphthong in بايدن Biden). Ayn and hamza are written ʿ ʾ, which lists drop,
  so they need only stand next to a Latin vowel (مسعود Masud). A medial or
  final و or ی is a long vowel or a consonant (ALA-LC ū/ō/w/v, ī/ē/y),
  written in every table, so the Latin word spells it with ``u o w v`` or
  ``i e y j`` (a final ی or ى also ``a``: موسی Musa); at the start of a word it
  is the consonant (``y``, ``w``/``v``). Persian writes و silently after خ
  before ا or ی (خواجه Khajeh: ALA-LC ``khvā``) and Arabic at the end of عمرو
  (ʿAmr). Conversely a Latin final ``i`` or ``y`` is always written (the nisba
  -i, هاشمی Hashemi), while other Latin vowels, ``y`` and ``w`` may stand for
  nothing written, and so may a final ``h`` after a vowel (Sarah, Fatimah).
* A final ه (Persian silent he: فاطمه Fatemeh / Fatima) and ة are optional; the
  l of the article before a sun letter is assimilated (عبدالرحمن
  Abdurrahman); a doubled letter counts once (shadda is unwritten).
* Hebrew: the ALA-LC Hebrew table and the Academy of the Hebrew Language's
  simplified transcription (2006): ב ``b``/``v``, כ ``k``/``kh``/``ch``, ח
  ``h``/``kh``/``ch``, צ ``ts``/``tz``/``z``, ש ``sh``/``s``, ת ``t``/``th``/``s``,
  geresh letters (ג׳ ``j``, ז׳ ``zh``, צ׳ ``ch``); א is read as alef, ע as ayn.

A word with a letter the tables here do not cover (Syriac, Thaana, Kurdish or
Uyghur vowel letters) has no skeleton and is not constrained.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from embargo.names import detect_script

__all__ = ["ABJAD_SCRIPTS", "abjad_letters", "skeletons_agree", "skeletons_differ"]

#: Scripts whose words are read as skeletons (those with a table below).
ABJAD_SCRIPTS = frozenset({"Arabic", "Hebrew"})

#: Consonants of Arabic, Persian, Urdu and Pushto and their Latin spellings (see the module docstring).
_ARABIC = {
    "ب": "b p",
    "پ": "p",
    "ت": "t th",
    "ٹ": "t",
    "ټ": "t",
    "ث": "th s t",
    "ج": "j g dj",
    "چ": "ch c tch",
    "ح": "h kh",
    "خ": "kh x h ch",
    "څ": "ts s",
    "ځ": "dz z",
    "د": "d dh",
    "ڈ": "d",
    "ډ": "d",
    "ذ": "dh z d th",
    "ر": "r",
    "ڑ": "r",
    "ړ": "r",
    "ز": "z",
    "ژ": "zh j z",
    "ږ": "zh g j",
    "س": "s c",
    "ش": "sh s ch sch",
    "ښ": "sh kh x",
    "ص": "s c",
    "ض": "d dh z",
    "ط": "t th",
    "ظ": "z dh d th",
    "غ": "gh g q",
    "ف": "f v ph",
    "ق": "q k g gh",
    "ک": "k c ck",
    "گ": "g",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ں": "n",
    "ڼ": "n",
    "ه": "h",
    "ھ": "h",
}
#: Hebrew consonants (final forms folded below); geresh letters are keyed with ``'``.
_HEBREW = {
    "ב": "b v bh w",
    "ג": "g gh",
    "ג'": "j g dj",
    "ד": "d dh",
    "ה": "h",
    "ז": "z",
    "ז'": "zh j",
    "ח": "h kh ch",
    "ט": "t th",
    "כ": "k kh ch c q",
    "ל": "l",
    "מ": "m",
    "נ": "n",
    "ס": "s",
    "פ": "p f ph",
    "צ": "ts tz z s c",
    "צ'": "ch tsh tch",
    "ק": "k q c ck",
    "ר": "r",
    "ש": "sh s sch",
    "ת": "t th s",
}
#: One letter for several code points: Arabic and Persian forms of ya and kaf, Urdu he, Hebrew finals.
_FOLD = str.maketrans(
    {
        "ي": "ی",
        "ې": "ی",
        "ێ": "ی",
        "ۍ": "ی",
        "ے": "ی",
        "ۓ": "ی",
        "ك": "ک",
        "ڪ": "ک",
        "ہ": "ه",
        "ۀ": "ه",
        "ۃ": "ة",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ך": "כ",
        "ם": "מ",
        "ן": "נ",
        "ף": "פ",
        "ץ": "צ",
        "׳": "'",
        "’": "'",
        "\u200d": "",
        "\u0640": "",
    }
)
#: Alef (hamza forms folded into it) and Hebrew aleph: a long vowel, or the carrier of one.
_ALEF = frozenset("\u0627\u05d0")  # ا א
#: Ayn, bare hamza and Hebrew ayin: a stop every Latin spelling drops or writes as ʿ ʾ ', next to a vowel.
_STOP = frozenset("\u0639\u0621\u05e2")  # ع ء ע
_WAW = frozenset("\u0648\u05d5")  # و ו
_YA = frozenset("\u06cc\u05d9")  # ی י
_MATRES = _WAW | _YA
#: Latin vowel letters: the spellings of alef, ayn and hamza.
_VOWELS = ("a", "e", "i", "o", "u")
#: Spellings of a long vowel letter inside or at the end of a word, and of the same letter as an initial consonant.
_WAW_SPELLINGS = ("u", "o", "w", "v")
_YA_SPELLINGS = ("i", "e", "y", "j")
_FINAL_YA_SPELLINGS = ("i", "e", "y", "a")
#: Sun letters: the article's l is assimilated to them (al-Rahman, ar-Rahman).
_SUN = frozenset("تثدذرزسشصضطظلن")
#: Latin letters a Latin spelling may add: the vowels an abjad leaves unwritten, and the glides of diphthongs.
_UNWRITTEN = frozenset("aeiouyw")
#: Silent final و in the name عمرو (ʿAmr), ALA-LC Arabic.
_SILENT_FINAL_WAW = frozenset({"عمرو"})
_ZWNJ = "\u200c"


@dataclass(frozen=True, slots=True)
class _Letter:
    """One written letter: the Latin spellings it may take, and when it may go unspelled."""

    spellings: tuple[str, ...]
    #: May be left unspelled anywhere.
    optional: bool = False
    #: May be left unspelled next to a Latin vowel (ayn, hamza: Mas'ud / Masud).
    near_vowel: bool = False
    #: ک or ق followed by س, which a Latin ``x`` spells at once (الكسندر Alexander).
    x_pair: bool = False


@lru_cache(maxsize=65_536)
def abjad_letters(word: str) -> tuple[_Letter, ...] | None:
    """The skeleton of a word written in Arabic or Hebrew script, or None when a letter has no table.

    Args:
        word: a token's word as written (:attr:`embargo.names.Token.original`).
    """
    script = detect_script(word)
    if script not in ABJAD_SCRIPTS:
        return None
    table = _ARABIC if script == "Arabic" else _HEBREW
    # Vowel points, shadda, sukun and Hebrew niqqud are marks; geresh keys its letter.
    chars = [ch for ch in unicodedata.normalize("NFC", word).translate(_FOLD) if not unicodedata.combining(ch)]
    units: list[str] = []
    starts: set[int] = {0}
    ends: set[int] = set()
    for ch in chars:
        if ch == _ZWNJ or ch.isspace() or ch == "-":
            if units:
                ends.add(len(units) - 1)
                starts.add(len(units))
            continue
        if ch == "'":
            if units and units[-1] + "'" in table:
                units[-1] += "'"
            continue
        if units and units[-1] == ch and len(units) - 1 not in ends:
            continue  # a doubled letter counts once
        units.append(ch)
    if not units:
        return None
    ends.add(len(units) - 1)
    out: list[_Letter] = []
    for i in range(len(units)):
        letter = _letter(units, i, i in starts, i in ends, table, word)
        if letter is None:
            return None
        out.append(letter)
    return tuple(out)


def _letter(units: list[str], i: int, start: bool, end: bool, table: dict[str, str], word: str) -> _Letter | None:
    unit = units[i]
    if unit in _ALEF:
        # A long a, spelled with a vowel, except the article's elided alef (hamzat al-wasl: Abolfazl,
        # Zolfaghar) and an alef whose vowel a following و or ی writes (ایران Iran, اوباما Obama, بايدن Biden).
        shared = i + 1 < len(units) and units[i + 1] in _MATRES
        return _Letter(_VOWELS, optional=shared or _article(units, i))
    if unit in _STOP:
        return _Letter(_VOWELS, near_vowel=True)
    if unit == "ئ":
        return _Letter(("y", "i", "e"), near_vowel=True)
    if unit == "ؤ":
        return _Letter(_WAW_SPELLINGS, near_vowel=True)
    if unit == "ة":
        return _Letter(("t", "h"), optional=True)
    if unit == "ى":
        return _Letter(_FINAL_YA_SPELLINGS, optional=True)
    if unit in _WAW:
        silent = (i > 0 and units[i - 1] == "خ" and i + 1 < len(units) and units[i + 1] in "\u0627\u06cc") or (
            end and word in _SILENT_FINAL_WAW
        )
        return _Letter(_WAW_SPELLINGS, optional=silent)
    if unit in _YA:
        return _Letter(_FINAL_YA_SPELLINGS if end and not start else _YA_SPELLINGS)
    spellings = table.get(unit)
    if spellings is None:
        return None
    if unit in "\u0647\u05d4" and end and not start:
        return _Letter(("h",), optional=True)
    if unit == "ل" and i > 0 and _article(units, i - 1) and units[i + 1] in _SUN:
        return _Letter(("l",), optional=True)
    x_pair = unit in "کق" and i + 1 < len(units) and units[i + 1] in "سص"
    return _Letter(tuple(spellings.split()), x_pair=x_pair)


def _article(units: list[str], k: int) -> bool:
    """``units[k]`` is the alef of an article al- (at the start of a word or after two letters or more)."""
    return units[k] == "ا" and k != 1 and k + 3 < len(units) and units[k + 1] == "ل"


def _unwritten(latin: str, j: int) -> bool:
    """A Latin letter the abjad need not write: a vowel or glide, or a final h after a vowel (Sarah, Fatimah).

    A final i or y is written: it is the nisba -i (Hashemi, هاشمی) or a long i, never an unwritten short vowel.
    """
    ch = latin[j]
    last = j == len(latin) - 1
    if ch in _UNWRITTEN:
        return not (last and ch in "iy")
    return ch == "h" and last and j > 0 and latin[j - 1] in _UNWRITTEN


@lru_cache(maxsize=200_000)
def skeletons_agree(word: str, latin: str) -> bool:
    """Whether the Latin spelling ``latin`` spells every letter ``word`` writes, in order, adding only vowels.

    A word with no skeleton (:func:`abjad_letters`) agrees with anything.

    Args:
        word: a word in Arabic or Hebrew script, as written.
        latin: a Latin word as embargo compares it (lower-case ASCII).
    """
    letters = abjad_letters(word)
    if letters is None:
        return True
    m, n = len(letters), len(latin)
    seen: set[tuple[int, int]] = set()
    todo = [(0, 0)]
    while todo:
        i, j = todo.pop()
        if (i, j) in seen:
            continue
        seen.add((i, j))
        if i == m and j == n:
            return True
        if j < n and _unwritten(latin, j):
            todo.append((i, j + 1))
        if i == m:
            continue
        letter = letters[i]
        if letter.optional or (
            letter.near_vowel and ((j < n and latin[j] in _UNWRITTEN) or (j > 0 and latin[j - 1] in _UNWRITTEN))
        ):
            todo.append((i + 1, j))
        for spelling in letter.spellings:
            if latin.startswith(spelling, j):
                k = j + len(spelling)
                todo.append((i + 1, k))
                if latin.startswith(spelling, k):  # doubled in Latin: Hassan, Mohammad
                    todo.append((i + 1, k + len(spelling)))
        if letter.x_pair and latin.startswith("x", j):
            todo.append((i + 2, j + 1))
    return False


def skeletons_differ(q_original: str, q_text: str, c_original: str, c_text: str) -> bool:
    """Exactly one of two tokens is written in an abjad, the other in Latin letters, and their skeletons disagree.

    Args:
        q_original: the query token as written.
        q_text: its comparison form.
        c_original: the listed token as written.
        c_text: its comparison form.
    """
    if q_original.isascii() and c_original.isascii():
        return False
    q_script, c_script = detect_script(q_original), detect_script(c_original)
    if q_script in ABJAD_SCRIPTS and c_script == "Latin":
        return not skeletons_agree(q_original, c_text)
    if c_script in ABJAD_SCRIPTS and q_script == "Latin":
        return not skeletons_agree(c_original, q_text)
    return False
