"""Names in Latin-script text of languages other than English.

The English model also runs on Latin-script text in other languages, where it takes
capitalised articles, prepositions and (in German) nouns for names, runs roles and titles
into them and misses names spelled the way other languages spell them. The rules here tell
the language by its frequent function words (:func:`latin_language`), know given names in
other languages' spellings (:func:`is_latin_given_name`), trim the English model's spans to
capitalised name words (:func:`trim_latin`), and respell a name the way the lists romanize
it (:func:`english_spelling`: Iwan Tertel is Ivan Tertel). :func:`latin_persons` adds
given-name runs, grows split names and finds surnames standing alone, in English too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Protocol, TypeVar

from embargo.names import analyze_name, detect_script, fold, romanize
from embargo.names.frequency import frequency_source
from embargo.names.symbols import word_symbols
from embargo.text._keys import MAX_SCHEMES, TextWord, word_keys
from embargo.text._morph import is_common_word
from embargo.text._ner import is_common_english
from embargo.text.countries import is_body_word, word_country
from embargo.text.dictionary import LEGAL_FORMS

__all__ = [
    "MAX_RUN",
    "ROLES_LOWER",
    "cuts_latin_name",
    "english_spelling",
    "function_word",
    "is_known_name",
    "is_latin_given_name",
    "latin_language",
    "latin_name_runs",
    "latin_persons",
    "other_latin",
    "plain_word",
    "trim_latin",
]

#: Most capitalised words in a run taken for one name (here and in :func:`._spans.name_runs`).
MAX_RUN = 4


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


#: Frequent short words that tell the Latin-script languages of the press apart (articles, prepositions,
#: conjunctions, auxiliaries); a word several languages share still counts for each.
_MARKERS: dict[str, frozenset[str]] = {
    "en": _wordset("the and of was with that which has have from his her said were is would been its"),
    "fr": _wordset("le les des du et est une dans pour qui sur avec pas été ont au aux cette sont selon"),
    "es": _wordset("el los las del y una por para con su sus fue más como al según entre desde también"),
    "de": _wordset("der die das und ist nicht mit von den dem ein eine im zu auf für sich wurde auch seit"),
    "it": _wordset("il della di che per non sono nel alla gli è delle dei anche degli dal lo"),
    "pt": _wordset("os do da dos das em não uma com ao são foi pelo pela também seu sua"),
    "nl": _wordset("het een van op niet voor zijn werd ook dat met naar bij heeft deze"),
    "pl": _wordset("się w z na do że jest nie oraz przez dla po od jak był została został który"),
}
#: Fewest marker words a language needs before the text is taken for it rather than English.
_MIN_MARKERS = 3

#: Words of each language that start or close no name (articles, prepositions, pronouns, sentence
#: adverbs): a model trained on English takes them for names when they are capitalised.
_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "fr": _wordset(
        "le la les l un une des du de d et ou à au aux en dans par pour sur avec sans sous chez selon après"
        " avant depuis dès entre vers contre pendant il elle ils elles on nous vous ce cet cette ces son sa"
        " ses leur leurs mais donc car ni que qui quand lors si plus aussi déjà encore ainsi alors"
    ),
    "es": _wordset(
        "el la los las lo un una unos unas de del al y e o u en por para con sin sobre tras ante desde hasta"
        " entre según durante contra hacia él ella ellos ellas su sus este esta estos estas ese esa pero"
        " aunque que quien cuando si más también ya así además"
    ),
    "de": _wordset(
        "der die das den dem des ein eine einen einem einer eines und oder aber in im am an auf aus bei mit"
        " von vom zu zum zur für über unter nach vor seit gegen ohne um durch während er sie es wir ihr"
        " sein seine seiner seinen ihre ihren ihrem dieser diese dieses auch noch kaum schon nur doch"
        " als wie wenn dass ob da dort hier heute laut gemäß"
    ),
    "it": _wordset(
        "il lo la i gli le un uno una di del della dei degli delle da dal dalla in nel nella con su sul per"
        " tra fra e o ma che chi se anche già suo sua suoi sue questo questa secondo"
    ),
    "pt": _wordset(
        "o a os as um uma uns umas de do da dos das em no na nos nas por pelo pela com sem sobre entre até"
        " e ou mas que se seu sua seus suas este esta também já segundo"
    ),
    "nl": _wordset(
        "de het een van in op aan met voor door bij naar uit over tegen en of maar dat die dit deze zijn"
        " haar hun ook nog al volgens"
    ),
    "pl": _wordset("w we z ze na do od po przez dla za przed pod nad o u i a oraz lub ale że się jak według"),
}
#: Titles and forms of address written before a name (labels and lists leave them out): Monsieur,
#: Madame, Señor, Don, Herr, Frau, Doktor, and their abbreviations.
_TITLES: dict[str, frozenset[str]] = {
    "fr": _wordset("m mm mme mmes mlle mlles me dr pr monsieur madame mademoiselle maître docteur"),
    "es": _wordset("sr sra srta sres d dª don doña dr dra señor señora señorita"),
    "de": _wordset("herr herrn frau dr prof doktor"),
    "it": _wordset("sig sigra sig.ra dott dr signor signore signora"),
    "pt": _wordset("sr sra dr dra senhor senhora dom dona"),
    "nl": _wordset("dhr mevr mr dr heer mevrouw"),
    "pl": _wordset("pan pani panem panią dr prof"),
}
#: Languages that write roles and titles before a name in lower case (el ministro, le président): their
#: capitalised words before a surname are given names that no name data may know (Tibisay, Diosdado).
ROLES_LOWER = frozenset({"fr", "es", "it", "pt", "nl", "pl"})
#: Lower-case words inside a person's name in these languages (Nicolás Maduro de Guerra, Ursula von der Leyen).
_PARTICLES = _wordset("de del la las los di da das do dos du van von der den ter zu y e")


def latin_language(text: str) -> str:
    """The language of a Latin-script text: ``en``, ``fr``, ``es``, ``de``, ``it``, ``pt``, ``nl`` or ``pl``.

    By counts of each language's frequent words: the NER model reads English only, so the rules
    for other languages' names apply only where the text is not English. English is the answer
    when no other language has enough of its words, or when English has as many.
    """
    counts = dict.fromkeys(_MARKERS, 0)
    for word in _LATIN_WORD.findall(text.lower()):
        for lang, markers in _MARKERS.items():
            if word in markers:
                counts[lang] += 1
    best = max(counts, key=lambda lang: counts[lang])
    if best == "en" or counts[best] < _MIN_MARKERS or counts[best] <= counts["en"]:
        return "en"
    return best


_LATIN_WORD = re.compile(r"[^\W\d_]+")


def other_latin(lang: str | None) -> bool:
    """True for a Latin-script language other than English (the NER model's language)."""
    return lang in _FUNCTION_WORDS


def function_word(word: str, lang: str | None) -> bool:
    """True for an article, preposition, pronoun or title of the text's language (Le, Seit, Mme, Don)."""
    lower = word.lower().rstrip(".")
    return lower in _FUNCTION_WORDS.get(lang or "", ()) or lower in _TITLES.get(lang or "", ())


def plain_word(word: str, lang: str | None) -> bool:
    """An ordinary word of the text's language, no name: pymorphy3's dictionary for Cyrillic, the English
    word index and the language's function words for Latin script (Group, Мінску, Avant)."""
    if detect_script(word) == "Cyrillic":
        return is_common_word(word, lang)
    return is_common_english(word) or function_word(word, lang)


def is_known_name(word: str) -> bool:
    """True when rigour's name data knows the word (a given name or a surname, in any script)."""
    tokens = analyze_name(word, "Person").tokens
    return len(tokens) == 1 and any(s.startswith("name:") for s in tokens[0].symbols)


def _elided(word: str) -> bool:
    """l'État, d'un, n'a: a French or Italian elided article or pronoun joined to the next word."""
    return len(word) > 2 and word[1] in "'’" and word[0].islower()


def _capital(word: str) -> bool:
    """Capitalised, after an elided article too (l'Intérieur, d'Estaing)."""
    return word[:1].isupper() or (_elided(word) and word[2:3].isupper())


#: Spellings of the same sounds in the Latin-script press, rewritten to the English-style romanization
#: that natasha's given names have as keys: German w, j, sch, tsch; Polish sz, cz; French ou, gu; x.
_REWRITES: tuple[tuple[str, str], ...] = (
    ("tsch", "ch"),
    ("sch", "sh"),
    ("sz", "sh"),
    ("cz", "ch"),
    ("w", "v"),
    ("ou", "u"),
    ("gue", "ge"),
    ("gui", "gi"),
    ("j", "y"),
    ("x", "ks"),
)


#: How the press of a language writes sounds that the lists romanize in the English way (German Iwan
#: Tertel, Lukaschenko, Zepkalo; Polish Szejman, Karpienka; French Loukachenko, Tchernov), per language.
_PRESS_SPELLINGS: dict[str, dict[str, str]] = {
    "de": {"tsch": "ch", "sch": "sh", "ch": "kh", "w": "v", "j": "y", "z": "ts"},
    "pl": {"sz": "sh", "cz": "ch", "ch": "kh", "w": "v", "j": "y", "ie": "e"},
    "nl": {"oe": "u", "ch": "kh", "j": "y", "w": "v"},
    "fr": {"tch": "ch", "ou": "u"},
}
#: Each language's spellings as one pattern, longest first, applied in one pass (German tsch is ch, not kh).
_PRESS_PATTERNS = {
    lang: re.compile("|".join(sorted(map(re.escape, rules), key=len, reverse=True)))
    for lang, rules in _PRESS_SPELLINGS.items()
}


def english_word(word: str, lang: str | None) -> str:
    """A Latin word as the lists' English-style romanization would write it (Baschar: Bashar, Machluf:
    Makhluf, Iwan: Ivan), for a text in a language that spells those sounds otherwise."""
    pattern = _PRESS_PATTERNS.get(lang or "")
    if pattern is None or detect_script(word) != "Latin":
        return word
    rules = _PRESS_SPELLINGS[lang or ""]
    lower = pattern.sub(lambda m: rules[m.group(0)], word.lower())
    if lang == "pl" and len(lower) >= 6 and lower.endswith("nce"):
        lower = lower[:-2] + "ka"  # the dative of a name in -nka: Łukaszence, Karpience
    return lower[:1].upper() + lower[1:] if word[:1].isupper() else lower


def english_spelling(words: list[str], lang: str | None) -> str | None:
    """A person's name as the lists' English-style romanization would write it (Iwan Tertel: Ivan
    Tertel), for a text in a language that spells those sounds otherwise; None when nothing changes."""
    if lang not in _PRESS_SPELLINGS or not all(detect_script(w) == "Latin" for w in words):
        return None
    spelled = " ".join(english_word(w, lang) for w in words)
    return spelled if spelled.lower() != " ".join(words).lower() else None


@lru_cache(maxsize=1)
def _given_spellings() -> frozenset[str]:
    """natasha's first names as romanized, whole (Esteri is not Эстер, though their stems agree)."""
    import natasha

    path = Path(natasha.__file__).parent / "data" / "dict" / "first.txt"
    names = path.read_text(encoding="utf-8").split()
    return frozenset(_given_form(r) for name in names for r in romanize(name)[:MAX_SCHEMES])


@lru_cache(maxsize=1)
def _given_groups() -> frozenset[str]:
    """rigour's ``name:`` groups (Wikidata given names, every spelling and script) of natasha's first names.

    A group joins a name's forms in many languages (Иван, Ivan, Iwan, Jean, Giovanni); a group of a
    first name of natasha's list is a group of given names, where rigour's data alone does not tell
    given names from surnames. Quick with the person lexicon a loaded index opens; a few seconds
    once per process without it.
    """
    import natasha

    path = Path(natasha.__file__).parent / "data" / "dict" / "first.txt"
    names = path.read_text(encoding="utf-8").split()
    return frozenset(s for name in names for s in word_symbols(fold(name).lower(), False) if s.startswith("name:"))


def _given_form(spelling: str) -> str:
    """Letters only, with the Russian adjectival ending -iy/-ii/-ij as -i (Dmitriy, Dmitrii and Dmitri)."""
    letters = "".join(ch for ch in fold(spelling).lower() if ch.isalpha())
    for ending in ("iy", "ii", "ij", "yi"):
        if letters.endswith(ending):
            return letters[:-2] + "i"
    return letters


def _spellings(word: str) -> tuple[str, ...]:
    """A Latin word and its rewrites (Iwan: ivan; Natalja: natalya; Jewgeni: yevgeni; Alexandre: aleksandre)."""
    lower = fold(word).lower()
    out = [lower]
    rewritten = lower
    for old, new in _REWRITES:
        rewritten = rewritten.replace(old, new)
    if rewritten != lower:
        out.append(rewritten)
    return tuple(out)


#: Saints' titles that open place names (San Cristóbal, Santa Cruz, Saint-Denis): name lists have them.
_SAINTS = _wordset("san santa santo são saint sainte sankt st")
#: Months of the languages with function words above: name lists have Juni, Avril and Marzo as given names.
_MONTHS: dict[str, frozenset[str]] = {
    "fr": _wordset("janvier février mars avril mai juin juillet août septembre octobre novembre décembre"),
    "es": _wordset("enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre"),
    "de": _wordset("januar februar märz april mai juni juli august september oktober november dezember"),
    "it": _wordset("gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre"),
    "pt": _wordset("janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro"),
    "nl": _wordset("januari februari maart april mei juni juli augustus september oktober november"),
    "pl": _wordset("stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada"),
}


@lru_cache(maxsize=100_000)
def is_latin_given_name(word: str, lang: str | None = None) -> bool:
    """True when a Latin word is a known given name in some spelling, never a common word.

    natasha's first names (Iwan, Natalja, Swetlana, Lidija: German, French and Polish spellings are
    brought to its keys by :data:`_REWRITES`); a name of the same Wikidata given-name group as one
    of them in rigour's name data (Emmanuel, Christian, François, Nicolás: :func:`_given_groups`);
    or a given name of the population name tables of :mod:`embargo.names.frequency`. Stricter than
    :func:`._spans.is_given_name`, which also takes any English word (so Die, Le and El): a finder that
    starts a name on this word alone must not start one on an article. With the text's language,
    its function words and months are not given names; a country or a saint's title never is.
    """
    if len(word) < 3 or not word[:1].isupper() or detect_script(word) != "Latin":
        return False
    lower = word.lower()
    if function_word(word, lang) or lower in _MONTHS.get(lang or "", ()) or lower in _SAINTS:
        return False  # Kaum, Mais, Juni, San: in the name lists, but words of the text's language first
    if word_country(word) is not None:
        return False
    if not word_symbols(fold(word).lower(), False).isdisjoint(_given_groups()):
        return True
    given = _given_spellings()
    for spelling in _spellings(word):
        form = _given_form(spelling)
        if form in given or (form.endswith("e") and form[:-1] in given):
            return True  # Alexandre, Andrée: French adds an e to a name
        found = frequency_source(spelling)
        if found is not None and found[0].endswith("-given"):
            return True
    return False


#: The Arabic article joined to a name (al-Assad, el-Sisi, ad-Din, as-Sayyid; аль-Асад), in any script.
ARABIC_ARTICLE = re.compile(
    r"^(?:al|el|ad|an|ar|as|ash|at|az|ul|аль|эль|ад|ас|ан|ар|ат)[-‑](?=[^\W\d_])", re.IGNORECASE
)


def name_capital(word: str) -> bool:
    """Capitalised, or a name after the Arabic article (al-Assad, аль-Асад), which is written in lower case."""
    if word[:1].isupper():
        return True
    found = ARABIC_ARTICLE.match(word)
    return found is not None and word[found.end() : found.end() + 1].isupper()


def _name_word(word: str, lang: str | None) -> bool:
    """A capitalised word that may be part of a name in a non-English Latin text (no digit, no article)."""
    return name_capital(word) and not any(ch.isdigit() for ch in word) and not function_word(word, lang)


def trim_latin(words: list[TextWord], span: tuple[int, int], kind: str, lang: str | None) -> tuple[int, int] | None:
    """A model's span in French, Spanish, German... without the words around the name; None when none is left.

    spaCy's English model runs names into the articles, prepositions, titles and roles of other
    languages (El ministro Diosdado Cabello, M. Loukachenko, das Innenministerium) and tags their
    phrases as names (de pétrole et, n'a pas souhaité commenter). A person's span starts and ends on
    a capitalised word that is no function word or title, and on its given name if it has a known one;
    an organization's loses its leading
    function words and lower-case words but its kind (ministère de l'Intérieur keeps its lower-case
    head, Cour suprême its adjective, as the language writes them), and its trailing function words.
    """
    first, last = span
    if kind == "Person":
        while first <= last and not _name_word(words[first].text, lang):
            first += 1
        while last >= first and not _name_word(words[last].text, lang):
            last -= 1
        given = [i for i in range(first, last + 1) if is_latin_given_name(words[i].text, lang)]
        if given and given[0] < last:
            first = given[0]  # a capitalised role or noun before the given name (degli Esteri Antonio Tajani)
    else:
        while first <= last and (
            function_word(words[first].text, lang)
            or _elided(words[first].text)
            or not (_capital(words[first].text) or is_body_word(words[first].text))
        ):
            first += 1  # le, d'un, chef: a body's name opens on a capital or on its kind (ministère)
        last = _cut_tail(words, first, last, lang)
    if first > last or not any(_capital(w.text) for w in words[first : last + 1]):
        return None
    return first, last


def _cut_tail(words: list[TextWord], first: int, last: int, lang: str | None) -> int:
    """The last word of a body's name: lower-case words after its last capital stay (Cour suprême,
    ministère de l'Intérieur cubain) unless a function word starts them (Roma il ministro, Verhören des)."""
    capitals = [i for i in range(first, last + 1) if _capital(words[i].text)]
    if not capitals:
        return last
    cut = next((i for i in range(capitals[-1] + 1, last + 1) if function_word(words[i].text, lang)), None)
    return last if cut is None else cut - 1


def cuts_latin_name(word: str) -> bool:
    """A word that cannot be inside a person's name in a non-English Latin text (a verb, a noun, a number)."""
    return (not word[:1].isupper() and word.lower() not in _PARTICLES) or any(ch.isdigit() for ch in word)


def _spaced(text: str, a: TextWord, b: TextWord) -> bool:
    """Nothing but spaces between two words (no punctuation, no line break)."""
    gap = text[a.end : b.start]
    return not gap.strip() and "\n" not in gap


def _sentence_initial(text: str, words: list[TextWord], i: int) -> bool:
    """The word opens a sentence, a line or the text (where every word is capitalised)."""
    gap = text[words[i - 1].end : words[i].start] if i > 0 else "."
    return any(ch in gap for ch in ".!?\n")


def latin_name_runs(text: str, words: list[TextWord], lang: str | None) -> list[tuple[int, int]]:
    """Runs of two to four capitalised words (spaces and particles between) that open on a given name.

    A finder for Latin-script text beside the English model, which misses names written the way
    other languages write them (Iwan Tertel, Lidiya Ermoshina, tagged as a place or not at all). The
    given name is a strict one (:func:`is_latin_given_name`); in English, a common English word ends
    the run (Georgia Power, Victoria Cross are no people).
    """
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        end = _run_end(text, words, i, lang) if _opens_name(text, words, i, lang) else i
        if end > i:
            out.append((i, end))
            i = end + 1
        else:
            i += 1
    return out


def _opens_name(text: str, words: list[TextWord], i: int, lang: str | None) -> bool:
    """A word that opens a person's name: a known given name, or any capitalised word right before a
    name with the Arabic article (Hafis al-Assad, Abdel al-Sisi), which is a name whatever the first word."""
    if is_latin_given_name(words[i].text, lang):
        return True
    return (
        i + 1 < len(words)
        and words[i].text[:1].isupper()
        and not function_word(words[i].text, lang)
        and ARABIC_ARTICLE.match(words[i + 1].text) is not None
        and name_capital(words[i + 1].text)
        and _spaced(text, words[i], words[i + 1])
    )


def _run_end(text: str, words: list[TextWord], i: int, lang: str | None) -> int:
    end = k = i
    names = 1  # capitalised words so far: particles between them do not count
    while k + 1 < len(words) and names < MAX_RUN and _spaced(text, words[k], words[k + 1]):
        word = words[k + 1].text
        if _name_word(word, lang) and not (lang == "en" and is_common_english(word)) and not _org_word(word):
            k = end = k + 1
            names += 1
        elif lang != "en" and word in _PARTICLES and end == i:
            k += 1  # Miguel de la Fuente, Ursula von der Leyen: the run goes on if a capitalised word follows
        else:
            break
    return end


def _org_word(word: str) -> bool:
    """A legal form or a word naming a kind of body: the run is an organization's name, not a person's."""
    return bool(set(word_keys(word)) & LEGAL_FORMS) or is_body_word(word)


def _grow(text: str, words: list[TextWord], span: tuple[int, int], lang: str | None) -> tuple[int, int]:
    """A model's person span with the capitalised words right beside it (Tibisay + Lucena,
    Nicolás + Maduro Guerra: the model splits or shortens names it has not seen).

    Not in German, where every noun is capitalised, and never over a sentence's first word or a
    word after an article or preposition, unless it is a given name.
    """
    first, last = span
    if lang == "de":
        return span

    def fits(i: int, j: int) -> bool:
        return last - first + 1 < MAX_RUN and _spaced(text, words[i], words[j])

    while first > 0 and fits(first - 1, first) and _name_word(words[first - 1].text, lang):
        if not is_latin_given_name(words[first - 1].text, lang) and (
            _sentence_initial(text, words, first - 1) or (first > 1 and function_word(words[first - 2].text, lang))
        ):
            break  # a sentence's first word, or a noun after an article (il ministro degli Esteri Antonio Tajani)
        first -= 1
    while last + 1 < len(words) and fits(last, last + 1) and _name_word(words[last + 1].text, lang):
        last += 1
    return first, last


def _surnames(words: list[TextWord], spans: Iterable[tuple[int, int]], lang: str | None) -> frozenset[str]:
    """The last words of full names (given name and surname): the same word alone refers back to them.

    A name opens on a known given name; outside English and German, where the model's person spans
    have been trimmed to capitalised words, on any word, but never is a body's name (Unión Europea).
    """
    out = set()
    for first, last in spans:
        word = words[last].text
        full = is_latin_given_name(words[first].text, lang) or (other_latin(lang) and lang != "de")
        if not full or last == first or any(_org_word(w.text) for w in words[first : last + 1]):
            continue
        if len(word) > 2 and not plain_word(word, lang) and word_country(word, lang) is None:
            out.add(word)
    return frozenset(out)


class Candidate(Protocol):
    """What :func:`latin_persons` reads and changes of a finder's mention."""

    first: int
    last: int
    kind: str
    sources: list[str]


C = TypeVar("C", bound=Candidate)


def latin_persons(
    text: str, words: list[TextWord], lang: str | None, candidates: list[C], make: Callable[[tuple[int, int], str], C]
) -> list[C]:
    """The finders' mentions of a Latin-script text, with people the English model missed or garbled.

    For a language other than English, the model's person spans grow to the whole name
    (:func:`_grow`) and its one-word spans are kept only where they look like names
    (:func:`_keeps_model_span`), and its organization that is exactly a run below becomes a person.
    In every Latin-script text, runs that open on a given name (:func:`latin_name_runs`) are added,
    the model's one-word organization that is a surname of the text becomes a person, and a surname
    of a full name is a mention wherever it stands alone (a headline's Loukachenko before the
    article's Alexandre Loukachenko).

    Args:
        make: builds a person mention on a word span, seen by the finder named.
    """
    other = other_latin(lang)
    runs = latin_name_runs(text, words, lang)
    if not other:  # in English the model's organization stays one (John Deere): no run, no surname
        orgs = {(c.first, c.last) for c in candidates if c.kind == "Organization" and c.sources == ["ner"]}
        runs = [r for r in runs if r not in orgs]
    out: list[C] = []
    for c in candidates:
        if other and c.sources == ["ner"] and c.kind == "Person":
            # a capitalised noun before the name (German Bruder Jussuf al-Tawil) is not part of it when a
            # name run opens later and ends with the model's span
            inner = [r for r in runs if c.first < r[0] and r[1] == c.last]
            span = inner[0] if inner else _grow(text, words, (c.first, c.last), lang)
            if span != (c.first, c.last):
                c = make(span, "ner")
        out.append(c)
    persons = [(c.first, c.last) for c in out if c.kind == "Person" and "ner" in c.sources]
    surnames = _surnames(words, [*runs, *persons], lang)
    kept: list[C] = []
    for c in out:
        ner_org = c.sources == ["ner"] and c.kind != "Person"
        if ner_org and ((c.first, c.last) in runs or _alone_in(words, c, surnames) or _personal(words, c, lang)):
            c.kind = "Person"
        elif ner_org and (tail := _role_and_name(words, c, lang)) is not None:
            c = make(tail, "ner")
        elif ner_org and other and (inner := [r for r in runs if c.first < r[0] and r[1] == c.last]):
            c = make(inner[0], "ner")  # a noun before a name run (German Bruder Jussuf al-Tawil)
        if c.sources == ["ner"] and other and not _keeps_model_span(text, words, c, lang, runs, surnames):
            continue
        kept.append(c)
    kept += [make(run, "names") for run in runs]
    taken = [(c.first, c.last) for c in kept]
    for k, word in enumerate(words):
        if word.text in surnames and not any(a <= k <= b for a, b in taken):
            kept.append(make((k, k), "names"))
    return kept


def _role_and_name(words: list[TextWord], c: Candidate, lang: str | None) -> tuple[int, int] | None:
    """The person's name after a role the model took for an organization (ministro Diosdado Cabello,
    Gobierno de Nicolás Maduro).

    In the languages that write roles in lower case: two or more capitalised words, none of them an
    organization's or a country's word, after a lower-case head.
    """
    if lang not in ROLES_LOWER:
        return None
    first = c.first
    if _capital(words[c.first].text):
        # a body's word and "of" before the name (Gobierno de Nicolás Maduro): the name must open on a
        # given name after the last lower-case word
        lower = [i for i in range(c.first, c.last + 1) if not _capital(words[i].text)]
        if not lower or lower[-1] >= c.last or not is_latin_given_name(words[lower[-1] + 1].text, lang):
            return None
        first = lower[-1]
    while first <= c.last and not _capital(words[first].text):
        first += 1
    tail = [w.text for w in words[first : c.last + 1]]
    if len(tail) < 2 or not all(_name_word(w, lang) for w in tail):
        return None
    if any(_org_word(w) or word_country(w, lang) is not None for w in tail):
        return None
    return first, c.last


def _personal(words: list[TextWord], c: Candidate, lang: str | None) -> bool:
    """A person's name the model took for an organization (Olaf Scholz, in French or Spanish text).

    Two or three capitalised words that rigour's name data knows as names at the start, with no common
    English word (Banque, Total, Group), no body's or legal word and no country among them. Not in
    German, whose nouns are capitalised and often in the name data (Seite, Vater).
    """
    if lang not in ROLES_LOWER or not 1 <= c.last - c.first <= 2:
        return False
    run = [w.text for w in words[c.first : c.last + 1]]
    if not all(_name_word(w, lang) and not plain_word(w, lang) for w in run):
        return False
    if any(_org_word(w) or word_country(w, lang) is not None for w in run):
        return False
    return is_known_name(run[0])


def _alone_in(words: list[TextWord], c: Candidate, surnames: frozenset[str]) -> bool:
    return c.first == c.last and words[c.first].text in surnames


def _keeps_model_span(
    text: str,
    words: list[TextWord],
    c: Candidate,
    lang: str | None,
    runs: list[tuple[int, int]],
    surnames: frozenset[str],
) -> bool:
    """Whether a span of the English model is a name in a text of another Latin-script language.

    One word is a person only as a surname of the text or, outside German, a capitalised word
    within a sentence that is no country; an organization only when no country or common word,
    and in German (which capitalises every noun) only an acronym or a body's compound
    (Innenministerium). Several words in German must open on a given name.
    """
    word = words[c.first].text
    if c.first == c.last:
        if word in surnames:
            return True
        if word_country(word, lang) is not None or plain_word(word, lang) or _elided(word):
            return False
        if c.kind == "Person":
            return lang != "de" and not _sentence_initial(text, words, c.first)
        return lang != "de" or _acronym_like(word) or _body_compound(word)
    if lang == "de" and c.kind == "Person":
        return is_latin_given_name(word, lang) or any(a <= c.first and c.last <= b for a, b in runs)
    return True


def _acronym_like(word: str) -> bool:
    """KGB, ONT, CTV, KGB-Chef: capitals after the first letter."""
    return sum(1 for ch in word if ch.isupper()) > 1


def _body_compound(word: str) -> bool:
    """A German compound that ends on a kind of body (Innenministerium, Verteidigungsministerium)."""
    lower = word.lower()
    return any(is_body_word(lower[i:]) for i in range(1, len(lower) - 5))
