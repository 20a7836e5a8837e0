"""analyze_name: from a name as listed to tokens in every romanization.

The steps, each owned by its module: split into words (:mod:`.text`);
remove titles (:mod:`.parts`) or vessel prefixes, or find legal forms
(:mod:`.orgs`); guess the language (:mod:`.language`); render each word in
every scheme of its script (:mod:`.translit`); tag the words
(:mod:`.tagging`); give each token its symbols (:mod:`.symbols`) and
phonetic key (:mod:`.phonetic`). A name's variant ``k`` takes scheme ``k``
of every word's script, so a variant is one consistent romanization;
variants with the same token texts are given once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from embargo.names.confusables import main_alphabet, unmix_in_name, unmix_word
from embargo.names.industry import phrase_symbols
from embargo.names.language import guess_language, normalize_lang, uncross_cyrillic
from embargo.names.name import AnalyzedName, Tag, Token, name_kind
from embargo.names.numbers import read_number_words
from embargo.names.orgs import (
    ABBREVIATIONS,
    OBJECT_PREFIXES,
    LegalForm,
    is_roman_numeral,
    join_acronyms,
    legal_forms,
    roman_value,
    split_legal_suffix,
)
from embargo.names.parts import strip_titles
from embargo.names.phonetic import phonetic_key
from embargo.names.symbols import STOPWORDS, is_generic_symbol, word_symbols
from embargo.names.tagging import WordFacts, person_tags
from embargo.names.text import Word, detect_script, fold, split_words
from embargo.names.translit import render_word, split_arabic_article, word_schemes

__all__ = ["analyze_name", "repeated_spellings", "romanize"]

_SYLLABIC = frozenset({"Han", "Hangul"})


def _strip_object_prefix(words: list[Word]) -> tuple[list[Word], list[str]]:
    folded = [w.folded for w in words]
    for prefix in sorted(OBJECT_PREFIXES, key=len, reverse=True):
        if len(words) > len(prefix) and tuple(folded[: len(prefix)]) == prefix:
            joined = "".join(prefix) if all(len(p) == 1 for p in prefix) else " ".join(prefix)
            return words[len(prefix) :], [joined]
    return words, []


def _split_cjk_forms(words: list[Word]) -> list[Word]:
    out: list[Word] = []
    for w in words:
        pieces = split_legal_suffix(w.folded) if detect_script(w.folded) in ("Han", "Hangul", "Katakana") else ()
        if len(pieces) > 1:
            out.extend(Word(p, p, w.part) for p in pieces)
        else:
            out.append(w)
    return out


def _numbers_as_digits(words: list[Word]) -> list[Word]:
    spans = read_number_words([w.folded for w in words])
    if not spans:
        return words
    out, at = [], 0
    for start, end, digits in spans:
        out.extend(words[at:start])
        out.append(Word(digits, digits, words[start].part))
        at = end
    return out + words[at:]


def _arabic(word: Word) -> tuple[str, ...]:
    if detect_script(word.raw) != "Arabic":
        return (word.raw,)
    return split_arabic_article(word.raw)


@lru_cache(maxsize=262144)
def _symbols(text: str, folded: str, org: bool) -> frozenset[str]:
    found = word_symbols(text, org)
    if folded != text:
        found |= word_symbols(folded, org)
    if text.isdigit():
        found |= {f"num:{text.lstrip('0') or '0'}"}
    elif org and is_roman_numeral(text):
        found |= {f"num:{roman_value(text)}"}
    return found


@lru_cache(maxsize=262144)
def _org_tag(text: str, folded: str, kind: str) -> Tag:
    if text.isdigit() or is_roman_numeral(text):
        return "number"
    # A romanized syllable or word of another script is no stop word
    # (Chinese "an" is not the English article).
    if folded in STOPWORDS or (text == folded and text in STOPWORDS):
        return "generic"
    if kind == "org" and any(is_generic_symbol(s) for s in word_symbols(text, True)):
        return "generic"
    return "initial" if len(text) == 1 and len(folded) == 1 else "unknown"


def _originals(word: Word, count: int) -> list[str]:
    if count == 1:
        return [word.raw]
    chars = [ch for ch in word.raw if ch.isalpha()]
    if count > 1 and len(chars) == count:
        return chars
    if count == 2 and len(chars) > 2:
        return [chars[0], "".join(chars[1:])]
    return [word.raw] * count


def _tokens(
    kind: str, words: Sequence[Word], texts: Sequence[tuple[str, ...]], tags: Sequence[Tag], forms: Sequence[LegalForm]
) -> tuple[Token, ...]:
    out: list[Token] = []
    if not forms:
        for word, text, tag in zip(words, texts, tags, strict=True):
            out.extend(_word_tokens(kind, word.raw, word.folded, text, tag))
        return _with_phrases(out) if kind == "org" else tuple(out)
    starts = {f[0]: f for f in forms}
    inside = {i for f in forms for i in range(f[0], f[1])}
    for i, word in enumerate(words):
        if i in starts:
            _, end, form, symbols = starts[i]
            original = " ".join(w.raw for w in words[i:end])
            out.append(Token(form, original, "legal_form", phonetic_key(form), symbols))
            continue
        if i in inside:
            continue
        out.extend(_word_tokens(kind, word.raw, word.folded, texts[i], tags[i]))
    return _with_phrases(out) if kind == "org" else tuple(out)


def _with_phrases(tokens: list[Token]) -> tuple[Token, ...]:
    """An organisation's tokens, the two words of an industry phrase (железная дорога) made one token
    of its class, as a legal form of several words is: one word of English (railway), one token."""
    found = phrase_symbols([t.text for t in tokens])
    if not found:
        return tuple(tokens)
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if i in found and i + 1 in found and i + 1 < len(tokens):
            n = tokens[i + 1]
            text = t.text + n.text
            symbols = t.symbols | n.symbols | {found[i]}
            out.append(Token(text, f"{t.original} {n.original}", "generic", phonetic_key(text), symbols))
            i += 2
            continue
        out.append(t)
        i += 1
    return tuple(out)


@lru_cache(maxsize=262144)
def _word_tokens(kind: str, raw: str, folded: str, texts: tuple[str, ...], word_tag: Tag) -> tuple[Token, ...]:
    """The tokens of one word read as ``texts`` (the same word costs a lookup the next time)."""
    org = kind == "org"
    word = Word(raw, folded, 0)
    out: list[Token] = []
    originals = _originals(word, len(texts))
    for j, text in enumerate(texts):
        if org and len(texts) == 1:
            text = ABBREVIATIONS.get(text, text)
        tag = word_tag
        if kind == "person" and tag == "family" and j > 0 and len(texts) > 1:
            tag = "given"
        elif kind != "person":
            tag = _org_tag(text, word.folded, kind)
        phonetic = "" if text.isdigit() else phonetic_key(text)
        # A word read as several tokens (김정은 -> gim, jeongeun) gives each token the
        # symbols of its own characters, not those of the whole word.
        written = word.folded if len(texts) == 1 else fold(originals[j])
        out.append(Token(text, originals[j], tag, phonetic, _symbols(text, written, org)))
    return tuple(out)


@lru_cache(maxsize=262144)
def _known_name(joined: str, folded: str) -> bool:
    return any(s.startswith("name:") for s in word_symbols(joined, False) | word_symbols(folded, False))


def _person_tags(words: Sequence[Word], texts: Sequence[tuple[str, ...]], scripts: Sequence[str]) -> list[Tag]:
    facts = [
        _word_facts(word.raw, word.folded, word.part, text, script)
        for word, text, script in zip(words, texts, scripts, strict=True)
    ]
    return person_tags(facts)


@lru_cache(maxsize=262144)
def _word_facts(raw: str, folded: str, part: int, text: tuple[str, ...], script: str) -> WordFacts:
    """What the tagger reads of one word (the same word costs a lookup the next time)."""
    joined = "".join(text)
    known = _known_name(joined, folded)
    syllabic = script in _SYLLABIC and len(text) > 1
    return WordFacts(joined, folded, part, Word(raw, folded, part).upper, syllabic, known)


def _render(
    words: list[Word], lang: str | None, kind: str
) -> tuple[list[Word], list[str], list[tuple[tuple[str, ...], ...]]]:
    split: list[Word] = []
    scripts: list[str] = []
    for w in words:
        for piece, script in _pieces(w.raw):
            split.append(w if piece == w.raw else Word(piece, piece, w.part))
            scripts.append(script)
    # A Chinese name is one word (习近平); Chinese writes a foreign name's parts apart,
    # with a middle dot (贝拉克·奥巴马): each part is then one name, read joined.
    foreign = scripts.count("Han") > 1
    person = kind == "person"
    renders = [
        _word_renders(word.raw, script, lang, person and not (foreign and script == "Han"))
        for word, script in zip(split, scripts, strict=True)
    ]
    return split, scripts, renders


def _unmix(words: list[Word]) -> tuple[list[Word], tuple[str, ...]]:
    """Words that mix alphabets read in their main one (:mod:`.confusables`), and what was mixed."""
    out: list[Word] = []
    notes: list[str] = []
    raws = [w.raw for w in words]
    # a name in ASCII has no word of another alphabet to read
    main = None if all(r.isascii() for r in raws) else main_alphabet(raws)
    for w in words:
        read = unmix_word(w.raw)
        if read.note is None and main is not None:
            read = unmix_in_name(w.raw, main)
        if read.note is None:
            out.append(w)
            continue
        notes.append(read.note)
        folded = fold(read.word)
        out.extend(Word(read.word if piece == folded else piece, piece, w.part) for piece in folded.split())
    return out, tuple(notes)


@lru_cache(maxsize=262144)
def _pieces(raw: str) -> tuple[tuple[str, str], ...]:
    """A word as written (an Arabic article apart), each piece with its script."""
    word = Word(raw, raw, 0)
    return tuple((p, detect_script(p)) for p in _arabic(word))


@lru_cache(maxsize=262144)
def _word_renders(raw: str, script: str, lang: str | None, person: bool) -> tuple[tuple[str, ...], ...]:
    """One word in every scheme of its script (the same word costs a lookup the next time)."""
    raw = uncross_cyrillic(raw) if script == "Cyrillic" else raw
    return tuple(render_word(raw, s) for s in word_schemes(script, lang, person))


@lru_cache(maxsize=16384)
def analyze_name(name: str, schema: str = "Person", lang: str | None = None) -> AnalyzedName:
    """Analyze a name for retrieval and scoring.

    Args:
        name: the name as listed or typed, any script.
        schema: the FollowTheMoney schema of the entity (``Person``,
            ``Company``, ``Vessel``...).
        lang: the name's language (ISO 639-1 or -3), if known; guessed from
            the letters otherwise.

    Returns:
        The analyzed name. Never raises; a name without letters or digits
        has no tokens.
    """
    kind = name_kind(schema)
    code = normalize_lang(lang) or guess_language(name)
    words, mixed = _unmix(list(split_words(name if kind == "person" else join_acronyms(name))))
    removed: list[str] = []
    if kind == "person":
        words, removed = strip_titles(words)
    elif kind == "object":
        words, removed = _strip_object_prefix(words)
    else:
        words = _split_cjk_forms(words)
    if kind != "person":
        words = _numbers_as_digits(words)
    words, scripts, renders = _render(words, code, kind)
    # Drop words that leave nothing in any scheme (emoji, stray marks).
    if not all(any(r) for r in renders):
        keep = [i for i, r in enumerate(renders) if any(r)]
        words, scripts, renders = [words[i] for i in keep], [scripts[i] for i in keep], [renders[i] for i in keep]
    best = [r[0] for r in renders]
    forms: list[LegalForm] = []
    if kind == "org":
        forms = legal_forms([w.folded for w in words]) or legal_forms(["".join(t) for t in best])
    # an organisation's words are tagged one by one (:func:`_org_tag`): a placeholder until then
    tags: list[Tag] = _person_tags(words, best, scripts) if kind == "person" else ["unknown"] * len(words)
    variants: list[tuple[Token, ...]] = []
    seen_texts: set[tuple[tuple[str, ...], ...]] = set()
    seen_tokens: set[tuple[str, ...]] = set()
    for k in range(max((len(r) for r in renders), default=1)):
        texts = tuple(r[min(k, len(r) - 1)] for r in renders)
        if texts in seen_texts:
            continue
        seen_texts.add(texts)
        tokens = _tokens(kind, words, texts, tags, forms)
        # Legal forms and abbreviations can make different renderings equal.
        if (key := tuple(t.text for t in tokens)) not in seen_tokens:
            seen_tokens.add(key)
            variants.append(tokens)
    syllabic = kind == "person" and _syllabic(tuple(variants))
    return AnalyzedName(
        name, kind, code, detect_script(name), variants[0], tuple(variants), tuple(removed), mixed, syllabic
    )


def _syllabic(variants: tuple[tuple[Token, ...], ...]) -> bool:
    # imported here: .syllables reads Wade-Giles through .wadegiles, which analyzes names with this module
    from embargo.names.syllables import syllable_readings

    return any(syllable_readings(tuple(t.text for t in v), tuple(t.original for t in v)) for v in variants)


@lru_cache(maxsize=16384)
def romanize(text: str, lang: str | None = None) -> tuple[str, ...]:
    """Every Latin-ASCII rendering of a text, best first.

    Words are rendered in the schemes of their script (:mod:`.translit`);
    no titles are removed and Chinese syllables are kept apart.

    Args:
        text: any text.
        lang: its language (ISO 639-1 or -3), if known; guessed otherwise.

    Returns:
        Distinct renderings, lower-case ``[a-z0-9]`` words joined by spaces;
        ``("",)`` for a text without letters or digits.
    """
    code = normalize_lang(lang) or guess_language(text)
    _, _, renders = _render(list(split_words(text)), code, "object")
    out: list[str] = []
    for k in range(max((len(r) for r in renders), default=1)):
        rendering = " ".join(w for r in renders for w in r[min(k, len(r) - 1)])
        if rendering not in out:
            out.append(rendering)
    return tuple(out)


#: Brackets and slashes that join the spellings of a name written several times in one field.
_JOINERS = re.compile(r"[()\[\]/]")
#: Words each spelling needs: a name of two words said twice (``Ali Hassan Ali Hasan``) may be one
#: person's ism, father's and grandfather's names.
_SPELLING_WORDS = 3
#: How alike the romanized words at one position must be, each and on average.
_WORD_ALIKE = 0.5
_MEAN_ALIKE = 0.7


@lru_cache(maxsize=16384)
def repeated_spellings(name: str) -> tuple[str, ...]:
    """The spellings of one person's name when a field writes it several times over.

    The EU writes ``Yuriy Mikhailovich GOTSANYUK Yuriy Mikhailovich GOTSANIUK`` and
    ``Vladimir Vladimirovich NEMTSEV (Владимир Владимирович НЕМЦЕВ) Volodymyr Volodymyrovych
    NEMTSEV``: one name in two or three spellings or scripts, one after the other. The words
    (brackets and slashes set aside) are read as two or three runs of equal length, three words or
    more each; each run's romanized words agree with the first run's at every position (half their
    letters, seven tenths on average), and the runs are not all the same.

    Returns:
        Each run as written, or ``()`` when the name is not so repeated.
    """
    words = _JOINERS.sub(" ", name).split()
    for copies in (2, 3):
        size, rest = divmod(len(words), copies)
        if rest or size < _SPELLING_WORDS:
            continue
        runs = [words[i * size : (i + 1) * size] for i in range(copies)]
        latin = [[romanize(w)[0] for w in run] for run in runs]
        if len({" ".join(run) for run in latin}) == 1:
            continue
        alike = [
            Levenshtein.normalized_similarity(a, b) for other in latin[1:] for a, b in zip(latin[0], other, strict=True)
        ]
        if min(alike) >= _WORD_ALIKE and sum(alike) / len(alike) >= _MEAN_ALIKE:
            return tuple(" ".join(run) for run in runs)
    return ()
