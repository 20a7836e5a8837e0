"""Organisations a text marks by how it writes them, where the NER models are silent.

* A quoted name after a noun for a kind of organisation: правозащитный центр «Весна», ООО «Ромашка»,
  the party "Respublika", la société «Cubametales». The press of Russian, Belarusian and Ukrainian
  quotes every organisation's own name so; the noun says it is an organisation, not a title.
* An acronym: a word of three to six capitals in a line that is not itself in capitals (CNE,
  SEBIN, ONT), unless it is a country (USA), an abbreviation of common words (СМИ) or an
  ordinary word written in capitals for emphasis.

Both give spans only; what they are is screened as any organisation's name is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from embargo.names import detect_script
from embargo.text._keys import TextWord, in_capitals_line, word_keys
from embargo.text._morph import is_common_abbreviation
from embargo.text._ner import is_common_english
from embargo.text.bodies import acronym_word
from embargo.text.countries import word_country

__all__ = ["acronym_spans", "headed_spans", "quoted_spans"]

#: Beginnings of the nouns naming a kind of organisation, in the languages the screener reads.
_KIND_STEMS = (
    # Russian, Belarusian, Ukrainian
    "центр",
    "цэнтр",
    "организац",
    "арганізац",
    "організац",
    "компани",
    "кампані",
    "компані",
    "фонд",
    "парти",
    "партыі",
    "партій",
    "движени",
    "рух",
    "групп",
    "груп",
    "издани",
    "выданн",
    "видання",
    "газет",
    "телеканал",
    "радиостанц",
    "агентств",
    "агенцтв",
    "агенці",
    "холдинг",
    "завод",
    "предприяти",
    "прадпрыемств",
    "підприємств",
    "концерн",
    "банк",
    "ассоциац",
    "асацыяц",
    "асоціац",
    "союз",
    "саюз",
    "спілк",
    "объединени",
    "аб'яднанн",
    "об'єднанн",
    "общественн",
    "грамадск",
    "громадськ",
    "инициатив",
    "ініцыятыв",
    "ініціатив",
    # English, French, Spanish, German
    "centre",
    "center",
    "centro",
    "zentrum",
    "group",
    "groupe",
    "grupo",
    "gruppe",
    "company",
    "société",
    "compañía",
    "empresa",
    "firma",
    "organisation",
    "organization",
    "organización",
    "fondation",
    "foundation",
    "fundación",
    "stiftung",
    "party",
    "parti",
    "partido",
    "partei",
    "movement",
    "mouvement",
    "movimiento",
    "bewegung",
    "newspaper",
    "journal",
    "periódico",
    "zeitung",
    "channel",
    "chaîne",
    "sender",
    "association",
    "asociación",
    "verein",
    "initiative",
    "iniciativa",
    "outlet",
    "portal",
)
#: Legal forms written before a quoted name (ООО «...», ААТ «...», ТОВ «...»).
_LEGAL_BEFORE = frozenset(
    {"ооо", "оао", "зао", "пао", "ао", "тов", "таа", "аат", "зат", "пат", "уп", "руп", "чуп", "ип"}
)
_QUOTED = re.compile(r"[«\"“„‘]([^«»\"“”„‘’\n]{2,80})[»\"”“’]")
#: At most this many words between the kind noun and the quoted name (правозащитного центра «Весна»;
#: the human rights group "Memorial").
_GAP = 2
#: What stands between two quoted names of one list: »,«  or » и «.
_LIST_GAP = re.compile(r"""\s*[»"”’]\s*(?:,|;|\s(?:и|і|ды|та|and|et|y|und|e)\s)\s*[«"“„‘]\s*""")


def _kind_word(word: str) -> bool:
    lower = word.lower()
    return lower in _LEGAL_BEFORE or (len(lower) >= 3 and lower.startswith(_KIND_STEMS))


def quoted_spans(text: str, words: Sequence[TextWord]) -> list[tuple[int, int]]:
    """Word spans of quoted names that follow a noun for a kind of organisation in their sentence, and
    of the same names quoted again later (Основатель «Весны» after правозащитный центр «Весна»)."""
    starts = {w.start: i for i, w in enumerate(words)}
    ends = {w.end: i for i, w in enumerate(words)}
    quoted: list[tuple[int, int]] = []
    for m in _QUOTED.finditer(text):
        inner = m.group(1)
        first = starts.get(m.start(1) + len(inner) - len(inner.lstrip()))
        last = ends.get(m.end(1) - (len(inner) - len(inner.rstrip())))
        if first is not None and last is not None and last - first <= 4 and words[first].text[:1].isupper():
            quoted.append((first, last))
    out = [span for span in quoted if any(_kind_word(w.text) for w in _before(text, words, span[0]))]
    for a, b in pairwise(quoted):
        # a list of quoted names after the noun: на предприятиях «Беларуськалий», «Белшина» и «Гродно Азот»
        gap = text[words[a[1]].end : words[b[0]].start]
        if a in out and b not in out and _LIST_GAP.fullmatch(gap):
            out.append(b)
    named = {_key(words, span) for span in out}
    out += [span for span in quoted if span not in out and _key(words, span) in named]
    return sorted(out)


def _before(text: str, words: Sequence[TextWord], first: int) -> list[TextWord]:
    """Up to :data:`_GAP` + 1 words before word ``first``, within its sentence."""
    out: list[TextWord] = []
    for i in range(first - 1, max(-1, first - 2 - _GAP), -1):
        if any(c in text[words[i].end : words[i + 1].start] for c in ".!?\n"):
            break
        out.append(words[i])
    return out


def _key(words: Sequence[TextWord], span: tuple[int, int]) -> tuple[str, ...]:
    return tuple(k[0] if (k := word_keys(w.text)) else w.text.lower() for w in words[span[0] : span[1] + 1])


def acronym_spans(text: str, words: Sequence[TextWord], lang: str | None) -> list[int]:
    """Indexes of words written as acronyms of three to six capitals in a line not in capitals."""
    out: list[int] = []
    for i, w in enumerate(words):
        if not acronym_word(w.text) or not 3 <= len(w.text) <= 6:
            continue
        if word_country(w.text, lang) is not None or word_country(w.text.title(), lang) is not None:
            continue
        if detect_script(w.text) == "Cyrillic":
            if is_common_abbreviation(w.text, lang):
                continue
        elif is_common_english(w.text):
            continue
        line_start = text.rfind("\n", 0, w.start) + 1
        if not text[line_start : w.start].strip() and text[w.end : w.end + 3].strip()[:1] in ("-", "—", "–", ","):
            continue  # a dateline (MINSK - , MOSCOW, Dec 7)
        if in_capitals_line(text, w.start, w.end):
            continue  # a headline or a dateline in capitals
        out.append(i)
    return out


#: Nouns that open an organisation's name in the Romance languages and German, whose press writes the
#: rest after a linking word or as a lower-case adjective (Procura di Genova, Guardia di Finanza, Armée
#: du Nicaragua, Commissione europea, Asamblea Nacional, Police nationale française). Whole words,
#: lower case: a stem would take verbs and adjectives too.
_HEAD_NOUNS = frozenset(
    {"procura", "guardia", "associazione", "commissione", "consiglio", "camera", "corte", "tribunale", "polizia"}
    | {"esercito", "agenzia", "fondazione", "società", "banca", "centro", "ministero", "partito", "università"}
    | {"armée", "police", "gendarmerie", "commission", "conseil", "cour", "tribunal", "assemblée", "agence"}
    | {"fondation", "société", "banque", "centre", "front", "parti", "ministère", "université", "garde"}
    | {"ejército", "policía", "guardia", "comisión", "consejo", "asamblea", "corte", "agencia", "fundación"}
    | {"banco", "centro", "frente", "partido", "ministerio", "universidad", "foro", "fiscalía", "servicio"}
    | {"polizei", "kommission", "bundestag", "stiftung", "gesellschaft", "bank", "partei", "universität"}
    | {"policja", "straż", "komisja", "rada", "fundacja", "partia", "sąd", "prokuratura", "agencja", "bank"}
)
#: Linking words inside such a name (di, de, du, des, della, für, dla).
_HEAD_LINKS = frozenset(
    {"di", "del", "della", "dello", "delle", "degli", "dei", "de", "du", "des", "la", "le", "los", "las"}
    | {"für", "der", "des", "dla", "do", "da", "dos", "das"}
)
#: Lower-case adjectives of scope that end such a name (Commissione europea, Police nationale).
_SCOPE = frozenset(
    {"europea", "europeo", "européenne", "européen", "europäische", "nazionale", "nationale", "national"}
    | {"nacional", "federale", "fédérale", "federal", "regionale", "régionale", "regional", "suprema"}
    | {"suprême", "supremo", "internazionale", "internationale", "internacional", "populaire", "popolare"}
    | {"française", "français", "francese", "francés", "francesa", "französische", "italiana", "italienne"}
)


def headed_spans(text: str, words: Sequence[TextWord], lang: str | None) -> list[tuple[int, int]]:
    """Word spans of organisation names that open with a capitalised noun for a kind of organisation and
    go on with capitalised words, linking words before a capitalised word, or lower-case adjectives of
    scope or country, in a Latin-script language other than English (the English model reads those)."""
    from embargo.text.countries import adjective_country

    out: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        word = words[i].text
        if not (word[:1].isupper() and word.lower() in _HEAD_NOUNS):
            i += 1
            continue
        last, j = i, i + 1
        while j < len(words) and not any(c in text[words[j - 1].end : words[j].start] for c in '.,;:!?()\n«»"“”'):
            nxt = words[j].text
            if nxt[:1].isupper() and not acronym_word(nxt):
                if nxt.lower() in _HEAD_NOUNS and last < j - 1:
                    break  # another name begins after a linking word (la Guardia di Finanza e la Commissione)
                last = j
            elif nxt.lower() in _HEAD_LINKS or nxt[:2].lower() in ("l'", "d'", "l’", "d’"):
                if nxt[:2].lower() in ("l'", "d'", "l’", "d’") and nxt[2:3].isupper():
                    last = j
                j += 1
                continue
            elif nxt.islower() and (nxt in _SCOPE or adjective_country(nxt) is not None):
                last = j
            else:
                break
            j += 1
        if last > i:
            out.append((i, last))
        i = last + 1
    return out
