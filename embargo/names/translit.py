"""Romanization: every ASCII spelling a list may use for a word.

One word can be written in Latin letters in several ways, and lists use
different schemes: OFAC writes Belarusian names by BGN/PCGN
(``Alyaksandr``), the EU and passports by the national/ICAO rules
(``Aliaksandr``), the press in English spellings (``Alexander``). A word is
therefore rendered under a fixed list of *schemes* for its script, best
first, so that the same position in the list is the same scheme for every
word of a name (a name's variant ``k`` uses scheme ``k`` for all its words):

* Latin: ASCII folding (``Lukašenka`` -> ``lukasenka``, ``Müller`` ->
  ``muller``), then English/German spellings of letters with diacritics
  (``lukashenka``, ``mueller``; :data:`_LATIN_EXPANSIONS`).
* Cyrillic: ICU's BGN/PCGN transliterator of the language (ru, uk, be, bg,
  sr, mk, kk, ky, mn, uz, tk, az), then ICAO Doc 9303 (passports), then
  ICU's generic ISO 9-like ``Any-Latin``. Cyrillic of unknown language gets
  the Russian, Ukrainian and Belarusian BGN renderings and ICAO with
  ``г`` as ``g`` and as ``h``.
* Greek (ELOT 743 = UNGEGN, BGN), Georgian, Armenian, Hebrew, Arabic,
  Persian, Pashto: ICU's BGN/UNGEGN transliterators, then ``Any-Latin``.
* Han: ICU ``Han-Latin/Names`` (pinyin, surname readings). For a person,
  the first syllable is the family name and the rest one joined given name
  (``金正恩`` -> ``jin zhengen``, as pinyin writes given names), then every
  syllable apart; other names get every syllable apart, then one word.
* Hangul: ICU ``Hangul-Latin`` (Revised Romanization) per syllable, as
  lists write Korean names (``Kim Jong Un``); then family + joined given,
  then each word joined (foreign names in Hangul), then the syllables with
  the family name in its usual spelling (``박지성`` -> ``park ji seong``,
  :mod:`.korean`).
* Arabic and Hebrew script: the article and name particles in their list
  spellings, medial waw/ya and vav/yod as long vowels, an initial alef or
  ayn as a vowel, final ta marbuta as ``-a`` (see the tables below).
* Khmer, which ICU cannot romanize: the UNGEGN table (:mod:`.khmer`).
* Devanagari, Gurmukhi, Gujarati: ``Any-Latin`` with the word-final inherent
  vowel dropped (Hindi, Punjabi and Gujarati do not pronounce it, and names
  are romanized as spoken: ``पुटिन`` -> ``putin``, ``राहुल`` -> ``rahul``),
  then with it (``putina``). A final conjunct keeps it (``नरेंद्र`` ->
  ``narendra``).
* Anything else (kana, Thai, Devanagari...): ``Any-Latin``.

Every output is lower-case ``[a-z0-9]`` words. Transliterators are built
once per scheme and cached.
"""

from __future__ import annotations

import re
from functools import lru_cache

import icu  # PyICU ships no stubs (ignored in pyproject)

from embargo.names.khmer import romanize_khmer
from embargo.names.korean import usual_family_spelling

__all__ = [
    "render_word",
    "romanized_alike",
    "russian_from_bgn",
    "scheme_skeleton",
    "split_arabic_article",
    "word_schemes",
]

#: Scheme = (ICU transliterator id or "" for Latin folding, layout).
Scheme = tuple[str, str]

_BGN = {
    "ru": "Russian",
    "uk": "Ukrainian",
    "be": "Belarusian",
    "bg": "Bulgarian",
    "sr": "Serbian",
    "mk": "Macedonian",
    "kk": "Kazakh",
    "ky": "Kirghiz",
    "mn": "Mongolian",
    "uz": "Uzbek",
    "tk": "Turkmen",
    "az": "Azerbaijani",
}
#: ICAO Doc 9303 part 3, "Transliteration of multinational characters":
#: the machine-readable-passport scheme used by Russian (since 2013),
#: Belarusian and Ukrainian-style passports (я ia, ю iu, й i, х kh, ц ts,
#: ъ ie, ь omitted). ``г`` is ``g`` in Russian and ``h`` in Belarusian and
#: Ukrainian passports, so the table is built for both.
_ICAO = (
    "а a;б b;в v;д d;е e;ё e;ж zh;з z;и i;й i;к k;л l;м m;н n;о o;п p;р r;с s;т t;у u;ф f;х kh;ц ts;ч ch;"
    "ш sh;щ shch;ъ ie;ы y;ь ;э e;ю iu;я ia;і i;ї i;є ie;ґ g;ў u"
)
_ICAO_G = "icao-g"
_ICAO_H = "icao-h"
_KHMER = "khmer-ungegn"
#: Scripts of languages that drop the word-final inherent vowel (schwa deletion): script ->
#: (first consonant, last consonant, virama).
_SCHWA_DELETION = {
    "Devanagari": ("\u0915", "\u0939", "\u094d"),
    "Gurmukhi": ("\u0a15", "\u0a39", "\u0a4d"),
    "Gujarati": ("\u0a95", "\u0ab9", "\u0acd"),
}
_SCRIPT_SCHEMES: dict[str, tuple[str, ...]] = {
    "Greek": ("Greek-Latin/UNGEGN", "Greek-Latin/BGN"),
    "Georgian": ("Georgian-Latin/BGN", "Any-Latin"),
    "Armenian": ("Armenian-Latin/BGN", "Any-Latin"),
    "Hebrew": ("Hebrew-Latin/BGN", "Any-Latin"),
    "Arabic": ("Arabic-Latin/BGN", "Any-Latin"),
    "Katakana": ("Any-Latin", "Katakana-Latin/BGN"),
    "Ethiopic": ("Amharic-Latin/BGN", "Any-Latin"),
    "Thaana": ("Maldivian-Latin/BGN", "Any-Latin"),
    "Khmer": (_KHMER,),
}
#: Dari (prs) is written and romanized as Persian.
_ARABIC_LANGS = {"fa": "Persian-Latin/BGN", "prs": "Persian-Latin/BGN", "ps": "Pashto-Latin/BGN"}
#: Latin letters whose English (and German, Scandinavian) spelling differs
#: from their ASCII folding: háček and acute letters of Czech, Slovak,
#: Polish, Baltic and Serbo-Croatian, Turkish/Azerbaijani/Romanian cedilla
#: letters (English press spellings, as in BGN/PCGN romanizations: Šoigu ->
#: Shoigu, Đorđe -> Djordje), German umlauts as German writes them without
#: umlauts (Duden), Danish/Norwegian ø and å in their older spellings.
_LATIN_EXPANSIONS = str.maketrans(
    {
        **dict.fromkeys("šśşș", "sh"),
        **dict.fromkeys("čćç", "ch"),
        **dict.fromkeys("žźż", "zh"),
        "ä": "ae",
        "ö": "oe",
        "ü": "ue",
        "ø": "oe",
        "å": "aa",
        "ţ": "ts",
        "ț": "ts",
        "ğ": "gh",
        "đ": "dj",
    }
)
#: Letters ICU's Latin-ASCII leaves alone: Azerbaijani schwa is written
#: ``a`` in English (Əliyev -> Aliyev).
_LATIN_EXTRA = str.maketrans({"ə": "a", "ǝ": "a"})
#: Arabic script writes the article al- joined to its word (التكريتي,
#: al-Tikriti) where Latin lists write it apart; and a word that starts with
#: an alef or an ayn starts with a vowel in every Latin spelling (أحمد Ahmad,
#: عمر Omar), which the consonant-only transliterations drop.
#: The name particles (article, "son/daughter of", "father of", "servant
#: of") are given their usual list spellings, which consonant-only
#: transliteration cannot produce (بن -> bn), and the final ta marbuta is
#: read -a, as names ending in it are written (أسامة Osama, فاطمة Fatima).
_ARABIC_ARTICLE = "ال"
_ARABIC_VOWEL_START = frozenset("اأإآٱع")
_ARABIC_WORDS = {"ال": "al", "بن": "bin", "بنت": "bint", "ابن": "ibn", "أبو": "abu", "ابو": "abu", "أم": "umm"}
#: Urdu letters ICU's Arabic transliterators leave alone, as ALA-LC's Urdu
#: table romanizes them (retroflex t, d, r; nasal n; aspiration h; final e).
_ARABIC_LETTERS = str.maketrans(
    {"ة": "a", "ۃ": "a", "ٹ": "t", "ڈ": "d", "ڑ": "r", "ں": "n", "ھ": "h", "ے": "e", "ۓ": "e"}
)
#: Inside a word, Arabic-script waw and ya and Hebrew vav and yod mostly
#: write the long vowels u/o and i/e (matres lectionis): بوتين -> butin,
#: פוטין -> putin, not bwtyn. At the start of a word they stay consonants.
_MATRES = str.maketrans({"و": "u", "ي": "i", "ی": "i", "ו": "u", "י": "i"})
#: Apostrophes, joiners and spacing modifier letters (U+02B0-U+02FF: the
#: ``ˌ`` of BGN's Kazakh ``қ`` -> ``kˌ``) mark a letter, they do not end a word.
_JUNK = re.compile(r"['`´‘’‛′·‧\u00ad\u02b0-\u02ff\u200b-\u200d\u2060\ufeff]+")
_NON_WORD = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=64)
def _transliterator(scheme: str) -> icu.Transliterator:
    if scheme in (_ICAO_G, _ICAO_H):
        rules = _ICAO + (";г h" if scheme == _ICAO_H else ";г g")
        pairs = [pair.split(" ") for pair in rules.split(";")]
        icao = "".join(f"{src} > {dst} ; " if dst else f"{src} > ; " for src, dst in pairs)
        return icu.Transliterator.createFromRules(scheme, icao + ":: Any-Latin ; :: Latin-ASCII ;")
    chain = "Latin-ASCII" if scheme == "" else f"{scheme}; Any-Latin; Latin-ASCII"
    return icu.Transliterator.createInstance(chain)


@lru_cache(maxsize=65536)
def russian_from_bgn(word: str) -> str:
    """A Latin word read back into Russian Cyrillic, lower case: the reverse of the BGN/PCGN
    romanization most lists use (``strakhovaya`` -> ``страховая``, ``pervaya`` -> ``первая``).

    Args:
        word: a folded Latin word.
    """
    return str(_from_bgn().transliterate(word)).lower()


@lru_cache(maxsize=1)
def _from_bgn() -> icu.Transliterator:
    return icu.Transliterator.createInstance("Russian-Latin/BGN", icu.UTransDirection.REVERSE)


#: Spellings of one East Slavic letter or ending in the romanizations lists use (BGN/PCGN, ICAO Doc
#: 9303 passports, ISO 9 / GOST 7.79-B, Library of Congress, and the older German-influenced spellings
#: of the press), each rewritten to one form: щ (shch, shh, sch), х (kh, h), ц (ts, tz), кс (ks, x),
#: the iotated vowels я, ю, ё, е (ya, ia, ja; yu, iu, ju; yo, jo; ye, je; iye, ie), й and ы (y, i, j; й
#: after a vowel is ``i`` in ICAO), and the adjective endings -ий/-ый (iy, yy, ii, yi, ij). Longest
#: first; applied left to right.
_SKELETON = re.compile(
    r"shch|shh|sch|kh|tz|ts|x|iya|ya|ia|ja|iyu|yu|iu|ju|yo|jo|iye|ye|je|iy|yy|ii|yi|ij|y|j|(?<=[aeou])i"
)
_SKELETON_FORMS = {
    "shch": "sc",
    "shh": "sc",
    "sch": "sc",
    "kh": "h",
    "tz": "c",
    "ts": "c",
    "x": "ks",
    "iya": "A",
    "ya": "A",
    "ia": "A",
    "ja": "A",
    "iyu": "U",
    "yu": "U",
    "iu": "U",
    "ju": "U",
    "yo": "O",
    "jo": "O",
    "iye": "ie",
    "ye": "e",
    "je": "e",
    "iy": "I",
    "yy": "I",
    "ii": "I",
    "yi": "I",
    "ij": "I",
    "y": "I",
    "j": "I",
    "i": "I",  # after a vowel: й in ICAO (-oi, -ei), as -oy, -ey elsewhere
}
#: Shorter words are left to the typo rules: a family name or brand of four or five letters is one
#: scheme letter from many unrelated ones.
_ALIKE_MIN = 7


@lru_cache(maxsize=65536)
def scheme_skeleton(word: str) -> str:
    """A romanized East Slavic word with each letter that schemes spell differently written one way.

    ``mashinostroyeniya``, ``mashinostroeniya`` and ``mashinostroenia`` (машиностроения in BGN/PCGN,
    a passport's ICAO and a press spelling) give one skeleton. The ``i`` and ``I`` kept apart mean
    ``и`` is never confused with a glide.

    Args:
        word: a folded lower-case ASCII word.
    """
    return _SKELETON.sub(lambda m: _SKELETON_FORMS[m.group(0)], word)


def romanized_alike(a: str, b: str) -> bool:
    """Two different ASCII words that are one East Slavic word in two romanization schemes.

    Both are long (at least seven letters) and have the same :func:`scheme_skeleton`.
    """
    if a == b or min(len(a), len(b)) < _ALIKE_MIN or not (a.isascii() and b.isascii()):
        return False
    return scheme_skeleton(a) == scheme_skeleton(b)


def _ascii_words(text: str) -> list[str]:
    return _NON_WORD.sub(" ", _JUNK.sub("", text).lower()).split()


def word_schemes(script: str, lang: str | None, person: bool) -> tuple[Scheme, ...]:
    """The schemes a word of ``script`` is rendered in, best first.

    Args:
        script: the word's script (:func:`.text.detect_script`).
        lang: ISO 639-1 language of the name, if known.
        person: whether the word is part of a person's name (Han, Hangul).
    """
    if script in ("Latin", "Common"):
        return (("", "word"), ("expand", "word"))
    if script == "Cyrillic":
        bgn = _BGN.get(lang or "")
        ids: tuple[str, ...]
        if bgn is None:
            ids = ("Russian-Latin/BGN", "Ukrainian-Latin/BGN", "Belarusian-Latin/BGN", _ICAO_G, _ICAO_H, "Any-Latin")
        else:
            ids = (f"{bgn}-Latin/BGN", _ICAO_H if lang in ("be", "uk") else _ICAO_G, "Any-Latin")
        return tuple((i, "word") for i in ids)
    if script == "Han":
        han = ("family_given", "syllables") if person else ("syllables", "joined")
        return tuple(("Han-Latin/Names", layout) for layout in han)
    if script == "Hangul":
        # Foreign names written in Hangul (블라디미르 푸틴) read best joined.
        hangul = ("syllables", "family_given", "joined", "usual_family") if person else ("joined", "syllables")
        return tuple(("Hangul-Latin", layout) for layout in hangul)
    if script == "Arabic" and lang in _ARABIC_LANGS:
        return ((_ARABIC_LANGS[lang], "word"), ("Any-Latin", "word"))
    if script in _SCHWA_DELETION:
        return (("Any-Latin", "no_final_schwa"), ("Any-Latin", "word"))
    return tuple((i, "word") for i in _SCRIPT_SCHEMES.get(script, ("Any-Latin",)))


@lru_cache(maxsize=262144)
def render_word(word: str, scheme: Scheme) -> tuple[str, ...]:
    """ASCII words for one written word under one scheme.

    Args:
        word: a word as written (any case, NFKC).
        scheme: one of :func:`word_schemes`.

    Returns:
        Lower-case ``[a-z0-9]`` words: usually one, several for Han and
        Hangul syllables, none when nothing survives.
    """
    ident, layout = scheme
    if word in _ARABIC_WORDS:
        return (_ARABIC_WORDS[word],)
    text = word.lower().translate(_LATIN_EXTRA).translate(_ARABIC_LETTERS)
    if len(text) > 2 and ident not in ("", "expand"):
        text = text[0] + text[1:].translate(_MATRES)
    if ident == "expand":
        ident, text = "", text.translate(_LATIN_EXPANSIONS)
    if ident == _KHMER:
        return tuple(_ascii_words(romanize_khmer(text)))
    if layout == "no_final_schwa":
        words = _ascii_words(_transliterator(ident).transliterate(text))
        return (*words[:-1], _drop_final_schwa(words[-1], text)) if words else ()
    if layout == "word":
        out = _ascii_words(_transliterator(ident).transliterate(text))
        if out and text[0] in _ARABIC_VOWEL_START and out[0][0] not in "aeiou":
            out[0] = "a" + out[0]
        return tuple(out)
    trans = _transliterator(ident)
    if ident == "Hangul-Latin":
        syllables = [w for ch in text for w in _ascii_words(trans.transliterate(ch))]
        if layout == "usual_family":
            usual = usual_family_spelling(text[:1]) if len(text) > 1 else None
            if usual and len(syllables) == len(text):
                return (usual, *syllables[1:])
            return tuple(syllables)
    else:
        syllables = _ascii_words(trans.transliterate(text))
    if layout == "joined" or (layout == "family_given" and len(syllables) > 4):
        return ("".join(syllables),) if syllables else ()
    if layout == "family_given" and len(syllables) > 2:
        return (syllables[0], "".join(syllables[1:]))
    return tuple(syllables)


def _drop_final_schwa(latin: str, written: str) -> str:
    """``latin`` without its last ``a`` when ``written`` ends in a bare consonant (no vowel sign, no conjunct)."""
    for first, last, virama in _SCHWA_DELETION.values():
        bare = len(written) >= 2 and first <= written[-1] <= last and written[-2] != virama
        if bare and latin.endswith("a") and len(latin) > 2:
            return latin[:-1]
    return latin


def split_arabic_article(word: str) -> tuple[str, ...]:
    """``التكريتي`` -> ``("ال", "تكريتي")``: the article apart, as lists write it.

    Args:
        word: a word in Arabic script.

    Returns:
        The article and the rest when the word is longer than the article
        and a two-letter stem, else the word alone.
    """
    if word.startswith(_ARABIC_ARTICLE) and len(word) > len(_ARABIC_ARTICLE) + 2:
        return (_ARABIC_ARTICLE, word[len(_ARABIC_ARTICLE) :])
    return (word,)
