"""Surname back-references: 'Lukashenko' after 'President Alexander Lukashenko'.

A person mention of one word refers back to the nearest earlier full name (two
words or more) whose last word has a key in common with it (:mod:`._keys`, so
Лукашэнкі finds Аляксандр Лукашэнка and Тихановской finds Светлана
Тихановская; a Cyrillic word's keys include those of the nominatives its case
ending points to, so Шэйманам finds Віктар Шэйман). Such words are also found
where no finder saw them: any later capitalized word sharing a full name's
surname key becomes a mention.

The full names it may refer to must fit it: a woman's surname ending
(Tsikhanouskaya, Тихановскую, Качанавай) does not refer to a man, nor a man's
(Тертелем, Шэйманам) to a woman, and a woman's surname in a consonant (Ирина
Тертель) does not decline, so a case form of it is a man's. A title (Mr, Mrs,
господин, спадарыня) prefers the people of its gender. A full name introduced
as someone's relative (the president's son, Nikolai Lukashenko) gives way to
the others with that surname: the surname alone names the person the article is
about. When earlier full names with that surname still differ and were named
in one sentence (a listed father and his son), the reference keeps the nearest
and lists the others as rivals, and the verdict says it is ambiguous.

Every mention gets its resolved name: the dictionary form of its words
(:mod:`._morph`) or, for a back-reference, its antecedent's.
"""

from __future__ import annotations

from embargo.names import detect_script
from embargo.text._keys import TextWord, word_keys
from embargo.text._latin import ARABIC_ARTICLE, english_word
from embargo.text._morph import base_name, form_gender, given_name_gender, surname_bases
from embargo.text._spans import SURNAME_FIRST
from embargo.text.mentions import Mention, merge

__all__ = ["resolve"]


def _surname_keys(m: Mention, lang: str | None) -> set[str]:
    """The keys of a name's surname: its last word's, and in a Latin-script name of three words or more
    the one before too (Vladimir Padrino López is Padrino alone, Spanish and Portuguese names putting
    the father's surname first)."""
    if not m.words:
        return set()
    if len(m.words) >= 3 and m.words[0].lower() in SURNAME_FIRST and all(len(w) <= 5 for w in m.words[1:]):
        return set(word_keys(m.words[0]))  # Kim Jong Un is Mr Kim, never Un (the UN) nor Jong
    keys = _word_surname_keys(m.words[-1], lang)
    if len(m.words) >= 2 and m.words[0].lower() in SURNAME_FIRST:
        keys |= set(word_keys(m.words[0]))  # Kim Jong-un is Mr Kim, Ким Чен Ын Ким
    second = m.words[-2] if len(m.words) >= 3 else ""
    if detect_script(second) == "Latin" and second[:1].isupper() and second.lower() not in _PARTICLES:
        keys |= _word_surname_keys(second, lang)
    return keys


#: Particles before a surname, no surname of their own (Tareck El Aissami, Bashar Al Assad, Ibn, Van).
_PARTICLES = frozenset(
    {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ul", "bin", "ibn", "bint", "abu", "abd", "ben"}
    | {"de", "del", "della", "la", "le", "van", "von", "der", "den", "da", "di", "dos", "das", "du", "y"}
)


def _word_surname_keys(word: str, lang: str | None) -> set[str]:
    """A surname's keys; for a Latin word ending in -s, also those without it (the German genitive
    Lukaschenkos; the press's plural, the Lukashenkos); for a Cyrillic word, also those of the
    nominatives its case ending points to (Шэйманам, Тихановскую: cases a key does not cut)."""
    keys = set(word_keys(word)) | set(word_keys(english_word(word, lang)))  # Polish Łukaszence: Lukashenka
    article = ARABIC_ARTICLE.match(word)
    if article is not None:
        keys.update(word_keys(word[article.end() :]))  # al-Assad is Assad
    if word.isascii() and word.endswith("s") and len(word) >= 5:
        keys.update(word_keys(word[:-1]))
    if detect_script(word) == "Cyrillic" and word[:1].isupper():
        for base in surname_bases(word, lang)[1:]:
            keys.update(word_keys(base))
    return keys


def has_initials(words: list[str]) -> bool:
    """True for initials and a surname: A. Lukashenko, А. Г. Лукашенко (the dots are not words)."""
    return len(words) >= 2 and all(len(w) == 1 for w in words[:-1]) and len(words[-1]) > 1


def _full(m: Mention) -> bool:
    return m.kind == "Person" and len(m.words) >= 2 and not has_initials(m.words)


def _initial(word: str) -> str:
    keys = word_keys(word)
    return keys[0][:1] if keys else word[:1].lower()


def _by_surname(mentions: list[Mention], lang: str | None) -> dict[str, list[int]]:
    """Surname key to the indexes of full-name mentions with it, in text order."""
    found: dict[str, list[int]] = {}
    for i, m in enumerate(mentions):
        if _full(m):
            for key in _surname_keys(m, lang):
                found.setdefault(key, []).append(i)
    return found


def _add_missed(text: str, words: list[TextWord], mentions: list[Mention], lang: str | None) -> list[Mention]:
    taken = {i for m in mentions for i in range(m.first, m.last + 1)}
    # The word index from which each surname key may be a back-reference (after its first full name).
    since: dict[str, int] = {}
    for m in mentions:
        if _full(m):
            for key in _surname_keys(m, lang):
                since.setdefault(key, m.last + 1)
    added: list[Mention] = []
    for i, w in enumerate(words):
        if i in taken or not w.text[:1].isupper():
            continue
        if any(since.get(k, len(words)) <= i for k in _word_surname_keys(w.text, lang)):
            added.append(Mention(w.start, w.end, text[w.start : w.end], "Person", ["coref"], i, i, words=[w.text]))
    return merge(mentions + added) if added else mentions


def _one_sentence(text: str, a: Mention, b: Mention) -> bool:
    """True when no sentence ends between two mentions."""
    left, right = (a, b) if a.start <= b.start else (b, a)
    between = text[left.end : right.start]
    return not any(
        between[k] in ".!?" and (k + 1 == len(between) or between[k + 1].isspace()) for k in range(len(between))
    )


#: Endings of a Slavic surname in the nominative, by the gender they show (Tsikhanouskaya and Tsikhanouski
#: share a stem; a woman's surname does not refer back to a man). In Cyrillic, -ова and -ина are also a
#: man's genitive (Кубракова, Хреніна): only the adjectival -ая shows a woman there; romanized text has
#: no cases, so Kachanava and Yermoshina do.
_FEMININE_LATIN = ("aya", "aja", "ova", "eva", "ina", "yna", "ava")
_FEMININE_CYRILLIC = ("ая",)
_MASCULINE = (
    *("sky", "ski", "skiy", "skii", "ov", "ev", "in", "yn", "au", "ou"),
    *("ий", "ый", "скі", "цкі", "оў", "аў"),
)


def surname_gender(word: str) -> str | None:
    """``femn`` or ``masc`` when a surname's nominative ending shows it (Tsikhanouskaya, Kachanava;
    Tsikhanouski, Kachanau), else None (an inflected or a foreign surname says nothing here)."""
    lower = word.lower()
    if len(lower) < 5:
        return None
    if lower.endswith(_FEMININE_LATIN if lower.isascii() else _FEMININE_CYRILLIC):
        return "femn"
    if lower.endswith(_MASCULINE):
        return "masc"
    return None


#: Titles before a surname and the gender they give (lower case; the Cyrillic ones in their cases).
_TITLES = {
    **dict.fromkeys(("mr", "mister", "sir", "m", "monsieur", "herr", "herrn", "señor", "senor", "sr", "don"), "masc"),
    **dict.fromkeys(("signor", "sig"), "masc"),
    **dict.fromkeys(("г-н", "пан", "pan", "panie"), "masc"),
    **dict.fromkeys(("mrs", "ms", "miss", "madame", "mme", "mlle", "lady", "dame", "frau", "señora", "sra"), "femn"),
    **dict.fromkeys(("signora", "doña", "г-жа", "пані", "пани", "pani"), "femn"),
}
#: Stems of Cyrillic titles, which take case endings (господина, госпожой, спадару, спадарыні).
_TITLE_STEMS = (("госпож", "femn"), ("господин", "masc"), ("спадарын", "femn"), ("спадар", "masc"))


def title_gender(word: str) -> str | None:
    """``masc`` or ``femn`` when a word is a title that gives a gender (Mr, Mrs, г-н, господину, пан, спадарыня)."""
    lower = word.lower()
    if lower in _TITLES:
        return _TITLES[lower]
    for stem, gender in _TITLE_STEMS:
        if lower.startswith(stem) and len(lower) - len(stem) <= 3:
            return gender
    if lower.startswith("пан") and len(lower) <= 5 and lower not in ("пані", "пани"):
        return "masc"  # пана, пану, паном, пане
    return None


#: Words that introduce a person as someone's relative (the president's son, Nikolai Lukashenko; з сынам
#: Мікалаем Лукашэнкам); Cyrillic ones are stems that take up to three letters of case endings.
_KIN_LATIN = frozenset(
    (
        *("son", "daughter", "wife", "husband", "brother", "sister", "father", "mother", "nephew", "niece"),
        *("grandson", "granddaughter", "widow", "widower", "stepson", "stepdaughter", "son-in-law", "cousin"),
        *("fils", "fille", "épouse", "mari", "frère", "sœur", "père", "mère", "neveu", "nièce", "veuve"),
        *("cadet", "cadette", "aîné", "aînée", "benjamin", "benjamine", "eldest", "youngest"),
        *("sohn", "tochter", "ehefrau", "ehemann", "bruder", "schwester", "vater", "mutter", "neffe", "witwe"),
        *("hijo", "hija", "esposa", "esposo", "hermano", "hermana", "padre", "madre", "sobrino", "viuda"),
    )
)
_KIN_CYRILLIC = (
    *("сын", "син", "доч", "дочер", "донь", "дачк", "жена", "жены", "жене", "женой", "жону", "жонк", "дружин"),
    *(
        "супруг",
        "муж",
        "чолові",
        "брат",
        "сестр",
        "сястр",
        "отец",
        "отц",
        "батьк",
        "бацьк",
        "мать",
        "матер",
        "маці",
        "мати",
    ),
    *("племянни", "племінни", "пляменні", "внук", "внуч", "онук", "онуч", "унук", "унуч", "вдов", "удав", "зят"),
    # the elder, the middle, the younger (of the sons named before): Младший, Николай Лукашенко
    *("старш", "средн", "младш", "молодш", "старэйш", "малодш", "сярэдн"),
)
#: Words after which a name is the relative's kin, not the relative (the son of Alexander Lukashenko).
_OF = frozenset(("of", "de", "del", "des", "du", "von", "van", "di", "da"))


def is_kinship_word(word: str) -> bool:
    """True for a word naming a family relation (son, сынам, дочери, жонка, Sohn)."""
    lower = word.lower()
    if detect_script(word) != "Cyrillic":
        return lower in _KIN_LATIN
    return any(lower.startswith(stem) and len(lower) - len(stem) <= 3 for stem in _KIN_CYRILLIC)


def _relative(text: str, words: list[TextWord], m: Mention) -> bool:
    """True when a full name is introduced as someone's relative: a kinship word stands at most three words
    before it in the same clause (the president's youngest son, Nikolai Lukashenko; его сын Николай)."""
    for k in range(m.first - 1, max(-1, m.first - 4), -1):
        gap = text[words[k].end : words[k + 1].start]
        if any(ch in gap for ch in ".!?;:()\n"):
            return False
        lower = words[k].text.lower()
        if lower in _OF:
            return False
        if is_kinship_word(words[k].text):
            return True
    return False


def _person_gender(m: Mention, lang: str | None) -> str | None:
    """A full name's gender: its given name's (Ирина, Мікалаем), else its surname's nominative ending."""
    gender = given_name_gender(m.words, lang)
    if gender is None and m.resolved:
        gender = surname_gender(m.resolved.split()[-1])
    return gender if gender is not None else surname_gender(m.words[-1])


def _declines(word: str, surname: str) -> bool:
    """True when a Cyrillic word is a case form of a surname in a consonant, -ь or -й (Тертелем of
    Тертель): a woman's such surname does not decline in Russian, Ukrainian or Belarusian."""
    lower, base = word.lower(), surname.lower()
    if detect_script(word) != "Cyrillic" or lower == base or base[-1:] in "аеёиоуыэюяіїєў":
        return False
    return lower.startswith(base.rstrip("ьй")) and len(lower) > len(base.rstrip("ьй"))


def _fits(word: str, lang: str | None, candidate: Mention) -> bool:
    """Whether a surname as written can name a full name's person, by gender (see :func:`_candidates`)."""
    gender = _person_gender(candidate, lang)
    if gender is None:
        return True
    written = {candidate.words[-1].lower(), candidate.resolved.split()[-1].lower() if candidate.resolved else ""}
    if word.lower() in written:
        return True
    if gender == "femn" and _declines(word, candidate.resolved.split()[-1] if candidate.resolved else word):
        return False
    shown = surname_gender(word) or form_gender(word)
    return shown in (gender, None)


def _candidates(
    text: str,
    words: list[TextWord],
    m: Mention,
    mentions: list[Mention],
    surnames: dict[str, list[int]],
    lang: str | None,
) -> list[int]:
    """The full names a surname alone may refer to.

    Their surname shares a key with it, and their gender agrees with what the surname shows: its
    nominative ending (Tsikhanouskaya is not Siarhei Tsikhanouski), its case ending (Тихановскую,
    Качанавай a woman's; Тертелем, Шэйманам a man's, and a woman's Тертель does not decline), and a
    title before it (Mr, Mrs, г-жа, спадар), which only narrows the choice and never empties it.
    """
    found = sorted({j for k in _surname_keys(m, lang) for j in surnames.get(k, ())})
    if m.words and not has_initials(m.words):
        found = [j for j in found if _fits(m.words[-1], lang, mentions[j])]
    if has_initials(m.words):
        # A. Lukashenko is only Alexander or Aliaksandr, not Viktar.
        found = [j for j in found if _initial(mentions[j].words[0]) == _initial(m.words[0])]
    title = _title_before(text, words, m)
    if title is not None:
        titled = [j for j in found if _person_gender(mentions[j], lang) in (title, None)]
        found = titled or found
    return found


def _title_before(text: str, words: list[TextWord], m: Mention) -> str | None:
    """The gender a title right before a mention gives (Mr Lukashenko, г-жа Тихановская), or None."""
    if m.first == 0 or text[words[m.first - 1].end : words[m.first].start].strip() not in ("", "."):
        return None
    return title_gender(words[m.first - 1].text)


def _bracketed_acronym(text: str, before: Mention, m: Mention) -> bool:
    """True for an acronym in brackets right after an organisation's name: its short form."""
    return (
        before.kind == "Organization"
        and len(m.words) == 1
        and m.words[0].isupper()
        and len(m.words[0]) >= 2
        and text[before.end : m.start].strip() == "("
        and text[m.end : m.end + 1] == ")"
    )


def resolve(text: str, words: list[TextWord], mentions: list[Mention], lang: str | None) -> list[Mention]:
    """Add missed back-references and set each mention's resolved name and antecedent.

    A surname alone (or initials and a surname) refers to the full name with that surname that
    fits it (:func:`_candidates`) mentioned most recently before it, one introduced as someone's
    relative only when no other fits; when another full name with it was mentioned in the
    same sentence as that one ("Viktar Lukashenko and Alexander Lukashenko arrived.
    Lukashenko spoke."), the other is a rival and the verdict says it is ambiguous. With no
    full name before it, it refers forward to the first full name after it: a headline
    names a person by surname before the article gives the full name.

    Args:
        text: the text the mentions are in.
        words: its words (:func:`embargo.text._keys.split_text`).
        mentions: from :func:`embargo.text.mentions.find_mentions`.
        lang: the text's language (``ru``, ``be``, ``uk``, ``en``).

    Returns:
        The mentions in text order, each with ``resolved`` set.
    """
    mentions = _add_missed(text, words, mentions, lang)
    for m in mentions:
        m.resolved = base_name(m.words, lang) if m.kind == "Person" else m.text
    defined: dict[str, int] = {}
    for i, m in enumerate(mentions):
        if i and _bracketed_acronym(text, mentions[i - 1], m):
            # Korea Mining Development Trading Corporation (KOMID): the acronym is the name before it,
            # and so is the acronym alone later
            defined[m.text] = i - 1
        if m.text in defined and defined[m.text] != i:
            named = mentions[defined[m.text]]
            m.antecedent, m.kind, m.resolved = defined[m.text], named.kind, named.resolved
    surnames = _by_surname(mentions, lang)
    relatives = {i for i, m in enumerate(mentions) if _full(m) and _relative(text, words, m)}
    latest: dict[int, int] = {}  # full mention index -> index of its latest mention so far
    for i, m in enumerate(mentions):
        if _full(m):
            latest[i] = i
            continue
        if not (len(m.words) == 1 or (m.kind == "Person" and has_initials(m.words))):
            continue
        found = _candidates(text, words, m, mentions, surnames, lang)
        before = sorted((j for j in found if j < i), key=lambda j: latest.get(j, j), reverse=True)
        if any(j not in relatives for j in before):
            # the son named next to his father is named so for the father's sake: the surname alone is the father
            before = [j for j in before if j not in relatives]
        after = [j for j in found if j > i]
        if not before and not after:
            continue
        target = before[0] if before else after[0]
        m.kind, m.surname_only, m.antecedent = "Person", True, target
        m.resolved = mentions[target].resolved
        if before:
            last = mentions[latest.get(target, target)]
            m.rivals = list(
                dict.fromkeys(
                    mentions[j].resolved
                    for j in before[1:]
                    if mentions[j].resolved != m.resolved and _one_sentence(text, mentions[latest.get(j, j)], last)
                )
            )
            latest[target] = i
    return mentions
