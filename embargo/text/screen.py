"""Screen a text: every person and organization it names, with a verdict each.

Verdicts:

* ``listed``: a full name (given name and surname, or an organization's
  distinctive name) scores at least :data:`LISTED` against a listed entity;
* ``ambiguous``: a hit between the screening threshold and :data:`LISTED`, a
  surname alone that no earlier full name explains and that a listed surname
  shares, or a surname that refers back to two different people;
* ``not_listed``: nothing scores above the threshold, or the words cannot
  identify anyone (a given name alone, a generic word such as Group or Bank).

:class:`TextScreener` is what the CLI and the API call.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz.distance import DamerauLevenshtein

from embargo.extras import require
from embargo.matching import DEFAULT_THRESHOLD, Query
from embargo.names import analyze_name, detect_script, looks_patronymic
from embargo.names.name import Token
from embargo.screening import Hit, Screener
from embargo.store import Store
from embargo.text._keys import TextWord, split_text, word_keys
from embargo.text._morph import is_common_abbreviation, is_common_word
from embargo.text._ner import is_common_english
from embargo.text.bodies import BodyMatch
from embargo.text.coref import has_initials, resolve
from embargo.text.countries import (
    context_country,
    entity_countries,
    is_body_word,
    is_civil_word,
    paragraph_countries,
    text_countries,
    word_country,
)
from embargo.text.dictionary import NameDictionary, distinctive_name, ordered_words
from embargo.text.extract import extract_main_text
from embargo.text.mentions import Mention, find_mentions, is_given_name, text_language

__all__ = ["LISTED", "MentionResult", "TextReport", "TextScreener"]

#: A full name scoring at least this is a listed verdict; between the threshold and this, ambiguous.
LISTED = 0.85


@dataclass(slots=True)
class MentionResult:
    """One mention, its best hits and its verdict."""

    mention: Mention
    verdict: str
    hits: list[dict[str, Any]] = field(default_factory=list)
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        m = self.mention
        return {
            "start": m.start,
            "end": m.end,
            "text": m.text,
            "kind": m.kind,
            "resolved": m.resolved,
            "antecedent": None if m.antecedent is None else m.antecedent,
            "sources": m.sources,
            "verdict": self.verdict,
            "reason": self.reason,
            "hits": self.hits,
        }


@dataclass(slots=True)
class TextReport:
    """The result of screening one text."""

    text: str
    language: str | None
    words: int
    mentions: list[MentionResult]

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form (offsets refer to ``text``, the extracted main text for HTML input)."""
        return {
            "language": self.language,
            "words": self.words,
            "characters": len(self.text),
            "mentions": [m.to_dict() for m in self.mentions],
        }


#: The country whose language a text is written in, where one country speaks it (a tie-breaker only).
_HOME = {"be": "by", "uk": "ua", "ru": "ru", "pl": "pl", "it": "it", "nl": "nl"}
#: Languages whose press is one country's: a text in one that names no country is about that country.
_ONLY_HOME = {"be": "by"}
#: A body named by at least this many concepts that the lists hold for one country only is a proper name.
_PROPER_CONCEPTS = 4
#: Organizations named by a distinctive name only are screened down to this score.
_LOW = 0.5


def _generic_only(name: str, schema: str) -> bool:
    tokens = analyze_name(name, schema).tokens
    return not tokens or all(t.tag in ("generic", "legal_form") for t in tokens)


def _acronym(words: list[str]) -> bool:
    return len(words) == 1 and words[0].isupper() and len(words[0]) <= 5


def _spelled_out(acronym: str, listed: str) -> bool:
    """True when the listed name has the acronym as one of its words (VTB Bank for ВТБ; not МЗС for
    Moscow Mechanical Plant of Special Equipment, which only its initials give)."""
    keys = set(word_keys(acronym))
    return any(keys & set(word_keys(w.text)) for w in split_text(listed))


def _initial(word: str) -> str:
    keys = word_keys(word)
    return keys[0][:1] if keys else word[:1].lower()


def _given(name: str) -> Token | None:
    return next((t for t in analyze_name(name, "Person").tokens if t.tag == "given"), None)


def _given_initial(name: str) -> str:
    token = _given(name)
    return token.text[:1] if token is not None else ""


def _given_key(name: str) -> str:
    token = _given(name)
    return (token.phonetic or token.text) if token is not None else ""


def _distinctive_key(caption: str) -> str:
    words = distinctive_name(caption) or split_text(caption)
    return " ".join(word_keys(w.text)[0] for w in words if word_keys(w.text))


def _generic_body(name: str, lang: str | None) -> bool:
    """A public body named by what it is and no name of its own (Interior Ministry, Центральная
    избирательная комиссия, ministère de l'Intérieur, Federal Security Service): many countries have one.

    It has a word naming a kind of body (:func:`~embargo.text.countries.is_body_word`), and every
    other word of its distinctive part is an acronym, a country or a common word of the language.
    """
    words = split_text(name)
    if not any(is_body_word(w.text) for w in words):
        return False
    own = [
        w
        for w in distinctive_name(name)
        if not _acronym([w.text])
        and not is_body_word(w.text)
        and word_country(w.text, lang) is None
        and not is_common_english(w.text)
        and not is_common_word(w.text, lang)
    ]
    return not own


def _country_names(codes: Iterable[str]) -> str:
    from rigour.territories import get_territory

    names = []
    for code in sorted(codes):
        found = get_territory(code)
        names.append(found.name if found is not None else code)
    return ", ".join(names) or "no country"


@dataclass(frozen=True, slots=True)
class _Context:
    """What a verdict may read of the whole text: its words, language and the countries it names."""

    text: str
    words: list[TextWord]
    lang: str | None
    countries: Counter[str]

    def top_country(self) -> str | None:
        """The country the text names most, when one does; among countries named as often, the one whose
        language the text is written in (a Belarusian article naming Belarus and Sweden once each)."""
        ranked = self.countries.most_common()
        if not ranked:
            return None
        tied = [c for c, n in ranked if n == ranked[0][1]]
        if len(tied) == 1:
            return tied[0]
        home = _HOME.get(self.lang or "")
        return home if home in tied else None

    def main_countries(self) -> set[str]:
        """The countries the text names most (each at least half as often as the first); for a text in a
        language only one country's press writes (Belarusian) that names none, that country."""
        if not self.countries:
            return {_ONLY_HOME[self.lang]} if self.lang in _ONLY_HOME else set()
        top = self.countries.most_common(1)[0][1]
        return {c for c, n in self.countries.items() if 2 * n >= top}


def _holds_every_word(listed: str, words: list[str], lang: str | None) -> bool:
    """True when each word of a mention, but its country and short linking words, is a word of the
    listed name, by its keys or one letter apart (Defence and DEFENSE)."""
    keys = [k for w in split_text(listed) for k in word_keys(w.text)]
    wanted = [w for w in words if word_country(w, lang) is None and len(w) > 3]
    if not wanted:
        return False
    for word in wanted:
        mine = word_keys(word)
        if not any(k == o or (len(k) > 4 and DamerauLevenshtein.distance(k, o) <= 1) for k in mine for o in keys):
            return False
    return True


def _plain(word: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(c))


def _same_words(mention: str, caption: str) -> bool:
    """True when the mention's words are the listed organisation's distinctive name as written (accents and
    case aside), or are written in another script (whose keys the dictionary compared already)."""
    mine = [_plain(w.text) for w in split_text(mention)]
    theirs = [_plain(w.text) for w in (distinctive_name(caption) or split_text(caption))]
    if any(detect_script(w) != detect_script(t) for w in mine[:1] for t in theirs[:1]):
        return True
    return mine == theirs[: len(mine)] or mine == theirs


def _described_as_civil(context: _Context, m: Mention) -> str:
    """The word before a mention, in its sentence, that calls it a civil-society organisation (the rights
    group Vesna, правозащитного центра «Весна», Menschenrechtszentrums Wjasna), or ``""``."""
    before = context.words[max(0, m.first - 4) : m.first]
    sentence = context.text.rfind(".", 0, context.words[m.first].start)
    for word in reversed(before):
        if word.start < sentence:
            break
        if is_civil_word(word.text):
            return word.text
    return ""


def _civil_mismatch(context: _Context, m: Mention, hit: Hit) -> str:
    """Why a mention the text calls a civil-society organisation is not the listed one it scores against
    (a hotel company named Vesna against the rights group Vesna), or ``""``."""
    word = _described_as_civil(context, m)
    if not word or any(is_civil_word(w.text) for w in split_text(hit.caption)):
        return ""
    return f"the text calls it a civil-society organisation ({word!r}); {hit.caption} (score {hit.score:.2f}) is not"


#: How the screener may pair a word of a name for the words to count as the same name written otherwise.
_ALIKE = frozenset({"same", "equivalent", "phonetic", "typo"})


def _surname_pairs_surname(hit: Hit, pairs: list[dict[str, Any]]) -> bool:
    """True unless the last word of the name in the text is paired with a word of the listed name that is
    not its surname, such as a patronymic (Andrej Ramanowicz against Andrei Ramanavich TARASEVICH)."""
    words, surname = ordered_words(hit.matched_name)
    listed = str(pairs[-1].get("listed", ""))
    if surname is None or listed.casefold() == words[surname].text.casefold():
        return True
    return not looks_patronymic(listed)


def _spelled_alike(hit: Hit) -> list[str]:
    """What agrees, in words, when every word of a person's name written in the text is paired with a word
    of the listed name by its spelling, sound or a known equivalent (similarity at least 0.9), and there
    are at least two of them; else ``[]``."""
    name = next((p for p in hit.explanation() if p["feature"] == "name"), None)
    if name is None:
        return []
    pairs = [t for t in name.get("tokens", []) if t.get("query")]
    if len(pairs) < 2 or not _surname_pairs_surname(hit, pairs):
        return []
    if any(t.get("reason") not in _ALIKE or t.get("similarity", 0.0) < 0.9 or not t.get("listed") for t in pairs):
        return []
    return [f"{t['query']} {_SAID[t['reason']]} {t['listed']}" for t in pairs]


def _paternal_surname(hit: Hit) -> list[str]:
    """What agrees, in words, when a name of three words or more written in the text is a listed Spanish or
    Portuguese-style name (AVILES CASTILLO, Julio Cesar) without its second surname, as the press writes
    it (Julio César Avilés): every word the same or a known equivalent, the text's last word the first of
    the two surnames before the list's comma, and the second one the only listed word left; else ``[]``."""
    name = next((p for p in hit.explanation() if p["feature"] == "name"), None)
    if name is None or "," not in hit.matched_name:
        return []
    surnames = hit.matched_name.split(",", 1)[0].split()
    tokens = name.get("tokens", [])
    pairs = [t for t in tokens if t.get("query")]
    left = [t for t in tokens if not t.get("query")]
    if len(pairs) < 3 or len(surnames) != 2 or len(left) != 1:
        return []
    if any(t.get("reason") not in ("same", "equivalent") or not t.get("listed") for t in pairs):
        return []
    if str(pairs[-1]["listed"]).casefold() != surnames[0].casefold():
        return []
    if str(left[0].get("listed", "")).casefold() != surnames[1].casefold():
        return []
    agree = [f"{t['query']} {_SAID[t['reason']]} {t['listed']}" for t in pairs]
    return [*agree, f"{surnames[1]} a second surname the press leaves out"]


_SAID = {"same": "the same as", "equivalent": "an equivalent of", "phonetic": "sounds as", "typo": "one letter from"}


#: A word of a name this short (Korean and Chinese syllables: Чен, Un, Jin) agrees only when it is the same
#: word or a known equivalent; by sound or one letter, any two such syllables look alike.
_SHORT_WORD = 3


def _loose_short_words(hit: Hit) -> list[str]:
    """The short words of the mention that the screener paired with the listed name only by sound or a
    letter apart (Чен with CHIN), which says nothing of the person; ``[]`` when there are none."""
    name = next((p for p in hit.explanation() if p["feature"] == "name"), None)
    pairs = [t for t in (name or {}).get("tokens", []) if t.get("query") and t.get("listed")]
    return [
        f"{t['query']} ({t['listed']})"
        for t in pairs
        if len(t["query"]) <= _SHORT_WORD and t.get("reason") not in ("same", "equivalent")
    ]


def _cited(hit: Hit) -> str:
    """A hit with its list record, score and what agrees, in words: ``Lidzia Mihailauna YARMOSHINA
    (eu_oj_belarus 32006R0765/I.A/33) scores 0.96: Lidia an equivalent of Lidzia; Yermoshina the same
    as YERMOSHINA``."""
    name = next((p for p in hit.explanation() if p["feature"] == "name"), None)
    pairs = [t for t in (name or {}).get("tokens", []) if t.get("query") and t.get("listed")]
    agree = [f"{t['query']} {_SAID.get(t.get('reason', ''), 'close to')} {t['listed']}" for t in pairs]
    head = f"{hit.caption} ({hit.list_name} {hit.source_id}) scores {hit.score:.2f}"
    if hit.matched_name and hit.matched_name != hit.caption:
        head += f" as {hit.matched_name}"
    return f"{head}: {'; '.join(agree)}" if agree else head


def _body_words(m: Mention) -> str:
    """How a body mention was read, in words (the acronym KGB; a body named by what it is: ministry, defence)."""
    if m.body is not None and m.body.how == "acronym":
        return f"the acronym {m.words[0]}"
    concepts = m.body.concepts if m.body is not None else ()
    return f"a body named by what it is ({', '.join(concepts)})" if concepts else "a body named by what it is"


#: Words with which a text says a person only shares a listed person's name (лишь тёзка, a namesake),
#: in the languages of the press (beginnings, lower case).
_NAMESAKE = (
    "namesake",
    "тёзк",
    "тезк",
    "цёзк",
    "однофамил",
    "аднафаміл",
    "однофаміл",
    "homonyme",
    "homónim",
    "homonim",
    "namensvetter",
    "imiennik",
    "imienniczk",
)
#: Pronouns that open a sentence still about the person just named (Он полный тёзка...).
_PRONOUNS = frozenset(
    [
        "he",
        "she",
        "him",
        "her",
        "il",
        "elle",
        "él",
        "ella",
        "er",
        "sie",
        "lui",
        "lei",
        "on",
        "ona",
        "он",
        "она",
        "ён",
        "яна",
        "він",
        "вона",
    ]
)


def _namesake_cue(text: str, m: Mention) -> str:
    """The words after a person mention in its sentence (or in the next one, when it opens on a pronoun)
    that say the person only shares a listed person's name: "поўны цёзка генеральнага пракурора", "a
    namesake"."""
    # after the name in its sentence (Андрэй Швед, поўны цёзка генеральнага пракурора): a cue before it
    # is about someone else ("She is no namesake of ..., Natalia Kochanova")
    ends = [i for i in (text.find(". ", m.end), text.find("\n", m.end)) if i >= 0]
    end = min(ends) if ends else len(text)
    sentence = text[m.end : end + 1]
    rest = text[end + 1 :].lstrip()
    first_word = rest.split(" ", 1)[0].lower() if rest else ""
    if first_word in _PRONOUNS:
        nxt = [i for i in (rest.find(". "), rest.find("\n")) if i >= 0]
        sentence += " " + rest[: min(nxt) if nxt else len(rest)]
    lower = sentence.lower()
    for cue in _NAMESAKE:
        at = lower.find(cue)
        if at >= 0:
            return sentence[at : at + len(cue) + 12].split(",")[0].strip()
    start = max(0, text.rfind(". ", 0, m.start) + 1, text.rfind("\n", 0, m.start) + 1, m.start - 120)
    before = _INTRODUCED.search(text[start : m.start])
    if before:
        return before.group(0).strip(" ,")
    # "not to be confused with Rami Makhlouf, a Montreal-based pharmacist": the name the text sets apart,
    # described as someone (an indefinite description), is the other person
    confused = _CONFUSED.search(text[start : m.start])
    described = _DESCRIBED.match(text[m.end : m.end + 40])
    return f"{confused.group(0).strip()} ... {described.group(0).strip(' ,')}" if confused and described else ""


#: "Not to be confused with" in the press's languages, right before a name.
_CONFUSED = re.compile(
    r"\b(?:confused with|confondre avec|confondu avec|confundir con|confundido con|verwechseln mit|"
    r"verwechselt werden mit)\s*$",
    re.IGNORECASE,
)
#: An indefinite description right after a name: ", a pharmacist", ", un pharmacien", ", ein Apotheker".
_DESCRIBED = re.compile(r"\s*,\s*(?:a|an|un|une|una|uno|ein|eine)\s+[^\W\d_][\w-]*", re.IGNORECASE)


#: How a text introduces a private person right before the name, with an indefinite article: "a bus
#: driver called", "a tea-shop owner who shares the general's name", "un chauffeur nommé", "ein Fahrer
#: namens"; a listed person is never introduced so.
_INTRODUCED = re.compile(
    r"\b(?:a|an|un|une|una|uno|ein|eine|einen|einem|einer)\b[^.;:!?]{0,60}?"
    r"(?:\b(?:called|named|nommée?|appelée?|llamad[oa]|chiamat[oa]|namens|genannt)"
    r"|\bwho (?:shares|has) [^.;:!?]{0,30}\bname)[\s,]*$",
    re.IGNORECASE,
)


def _common_word(word: str, lang: str | None) -> bool:
    """An ordinary English word (Justice, Group), not a name of its own. Cyrillic words are left to the
    dictionary's checks: a listed name is compared in another script there (Сбербанк, Sberbank)."""
    return detect_script(word) == "Latin" and is_common_english(word)


def _given_only(words: list[str]) -> bool:
    return len(words) == 1 and is_given_name(words[0], None)


class TextScreener:
    """Screens texts against a store's current lists.

    Args:
        store: the store (or its path): designations, and the name dictionary's cache folder.
        screener: the screener to screen names with (a server passes the one it serves);
            every list's current version is opened when None. The name dictionary is the one
            of the versions this screener holds, so both always describe the same lists.
    """

    def __init__(self, store: Store | Path | str, screener: Screener | None = None) -> None:
        self.store = store if isinstance(store, Store) else Store(store)
        self.screener = Screener.open(self.store) if screener is None else screener
        versions = {index.list_name: index.version_id for index in self.screener.indexes}
        self.dictionary = NameDictionary.for_versions(self.store, versions)
        #: What a report shows of each listed entity met so far: its designations and countries (one store read).
        self._listed: dict[str, tuple[list[dict[str, Any]], frozenset[str]]] = {}
        #: What a report shows of each listed body found by its acronym or concepts (one store read each).
        self._shown: dict[str, dict[str, Any] | None] = {}

    def screen(self, raw: str, html: bool | None = None, limit: int = 3, models: bool = True) -> TextReport:
        """Find and screen every mention of ``raw`` (plain text, HTML or a saved page).

        Args:
            raw: the input; HTML is reduced to its main text first.
            html: force HTML (True) or plain text (False); guessed when None.
            limit: hits kept per mention.
            models: find names with the language models as well as the name dictionary; False: the
                dictionary alone (short texts screened fast: a payment's remittance information).

        Raises:
            MissingExtraError: the 'text' extra (NER models, HTML extraction) is not installed.
        """
        require("text", "screening free text")
        text = extract_main_text(raw, html)
        lang = text_language(text)
        words = split_text(text)
        mentions = resolve(text, words, find_mentions(text, self.dictionary, models), lang)
        cache: dict[tuple[str, str, str, float], list[Hit]] = {}
        context = _Context(text, words, lang, text_countries(words, lang))
        # Full names first: a back-reference (or a headline's surname, which refers forward) takes their verdict.
        judged = {i: self._judge(m, cache, limit, context) for i, m in enumerate(mentions) if m.antecedent is None}
        done = [judged.get(i) for i in range(len(mentions))]
        results = [
            r if r is not None else self._back_reference(m, [d for d in done if d is not None], judged)
            for m, r in zip(mentions, done, strict=True)
        ]
        return TextReport(text, lang, len(words), results)

    def _hits(
        self,
        m: Mention,
        cache: dict[tuple[str, str, str, float], list[Hit]],
        limit: int,
        cut: float = DEFAULT_THRESHOLD,
    ) -> list[Hit]:
        key = (m.resolved, m.text, m.kind, cut)
        if key not in cache:
            query = Query.build([m.resolved, " ".join(m.words), *m.variants], schema=m.kind)
            cache[key] = self.screener.screen(query, threshold=cut, limit=limit)
        return cache[key]

    def _judge(
        self, m: Mention, cache: dict[tuple[str, str, str, float], list[Hit]], limit: int, context: _Context
    ) -> MentionResult:
        if m.kind == "Person":
            result = self._person(m, cache, limit)
            if result.verdict in ("listed", "ambiguous") and result.hits and (cue := _namesake_cue(context.text, m)):
                reason = f"the text says this is a namesake ({cue!r}), not {result.hits[0]['caption']}"
                return MentionResult(m, "not_listed", result.hits, reason)
            return result
        if "bodies" in m.sources and m.body is not None:
            return self._body(m, context, limit)
        if m.kind == "Organization" and _generic_only(m.text, m.kind) and not _generic_body(m.text, context.lang):
            return MentionResult(m, "not_listed", reason="generic words only")
        if _acronym(m.words) and is_common_abbreviation(m.words[0], context.lang):
            return MentionResult(m, "not_listed", reason="an abbreviation of common words, not a body's name")
        hits = self._hits(m, cache, limit)
        shown = [self._hit_dict(h) for h in hits]
        if hits and hits[0].score >= LISTED:
            if _acronym(m.words) and not _spelled_out(m.words[0], hits[0].matched_name):
                reason = f"{hits[0].caption} scores {hits[0].score:.2f} by its initials, not a name it is listed under"
                return MentionResult(m, "ambiguous", shown, reason)
            if (
                len(m.words) == 1
                and _common_word(m.words[0], context.lang)
                and _plain(m.text) != _plain(hits[0].matched_name)
            ):
                # one ordinary word (Justice, of Justice for Myanmar) is only part of a listed name
                reason = f"a common word; {hits[0].caption} only holds it ({hits[0].matched_name})"
                return MentionResult(m, "ambiguous", shown, reason)
            if m.kind == "Organization":
                return self._country_fit(m, hits, shown, context, cache)
            return MentionResult(m, "listed", shown, _cited(hits[0]))
        if m.kind == "Organization" and m.support and not m.surname_only:
            return self.distinctive_name(m, cache, limit, context.lang, context)
        if not hits:
            return MentionResult(m, "not_listed", reason="no listed name scores above the threshold")
        return MentionResult(m, "ambiguous", shown, f"best score {hits[0].score:.2f} is below {LISTED}")

    def _facts(self, entity_id: str) -> tuple[list[dict[str, Any]], frozenset[str]]:
        if entity_id not in self._listed:
            records = self.store.view().find(entity_id)
            found = [d.to_dict() for r in records[:1] for d in r.entity.designations]
            for d in found:
                d.pop("reason", None)  # long statements of reasons belong to `embargo entity`, not a text report
            self._listed[entity_id] = (found, entity_countries(records[0].entity) if records else frozenset())
        return self._listed[entity_id]

    def _countries(self, entity_id: str) -> frozenset[str]:
        return self._facts(entity_id)[1]

    def _country_fit(
        self,
        m: Mention,
        hits: list[Hit],
        shown: list[dict[str, Any]],
        context: _Context,
        cache: dict[tuple[str, str, str, float], list[Hit]],
    ) -> MentionResult:
        """An organisation scoring as listed: listed only where the country the text speaks of fits.

        A country named in the mention or beside it (Iran's Ministry of Defence, МВД России) must
        be the listed body's. A generic name (Interior Ministry, ЦВК, KGB) is the listed body only
        when its country is the one the paragraph names before it, or one the text names most;
        with no country in the text it is ambiguous. A body's own name (Belaruskali) needs none.
        """
        strong = [h for h in hits if h.score >= LISTED]
        civil = _civil_mismatch(context, m, strong[0])
        if civil:
            return MentionResult(m, "not_listed", shown, civil)
        code, how = context_country(context.text, context.words, m.first, m.last, context.lang)
        if _acronym(m.words):
            # an acronym is a generic name when the lists hold bodies of several countries under it
            generic = len({self._countries(h.entity_id) for h in strong}) > 1
        else:
            generic = _generic_body(m.text, context.lang)
        if how != "named in the mention" and not generic:
            return MentionResult(m, "listed", shown, _cited(hits[0]))
        wanted = {code} if code is not None else context.main_countries()
        wanted |= self._also_top(m, context, how)
        if not wanted:
            reason = f"{hits[0].caption} scores {hits[0].score:.2f}, but a generic name and the text names no country"
            return MentionResult(m, "ambiguous", shown, reason)
        # a country word inside the mention that the listed name holds too is part of that name (Korea
        # Kwangson Banking Corp: "Korea" reads as South Korea, the bank is North Korea's)
        named = {k for w in m.words if word_country(w, context.lang) is not None for k in word_keys(w)}
        fitting = [
            h
            for h in strong
            if self._countries(h.entity_id) & wanted
            or (named and named & {k for w in split_text(h.matched_name) for k in word_keys(w.text)})
        ]
        if not fitting and generic:
            # the press shortens a body's name (Iran's Ministry of Defence for its Ministry of Defence and
            # Armed Forces Logistics): a body of the wanted country whose listed name holds every word
            fitting = [
                h
                for h in self._hits(m, cache, 20, cut=_LOW)
                if self._countries(h.entity_id) & wanted and _holds_every_word(h.matched_name, m.words, context.lang)
            ]
        where = how or "named most in the text"
        if fitting:
            best = fitting[0]
            common = self._countries(best.entity_id) & wanted
            if common:
                reason = f"{_cited(best)}; its country, {_country_names(common)}, is {where}"
            else:
                reason = f"{_cited(best)}; the country word of the mention is part of its name"
            first = [self._hit_dict(best), *[s for s in shown if s["entity_id"] != best.entity_id]]
            return MentionResult(m, "listed", first, reason)
        top = strong[0]
        of = _country_names(self._countries(top.entity_id))
        reason = (
            f"{top.caption} scores {top.score:.2f}, but it is of {of} "
            f"and the country {where} is {_country_names(wanted)}"
        )
        return MentionResult(m, "not_listed", shown, reason)

    def _body(self, m: Mention, context: _Context, limit: int) -> MentionResult:
        """A state body named by what it is or by an acronym (:mod:`.bodies`): listed when the lists hold a
        body of these concepts (or this acronym) whose country is the one the text speaks of.

        The country is one named in the mention or beside it, else the one its paragraph names before it,
        else those the text names most; with none, the verdict is ambiguous. A body whose concepts name
        one body anywhere (Islamic Revolutionary Guard Corps) needs no country; an acronym the lists
        give bodies of one country only needs that country named somewhere in the text.
        """
        match = m.body
        assert match is not None  # a body no list names by its concepts is screened by its words (_judge)
        said = _body_words(m)
        code, how = context_country(context.text, context.words, m.first, m.last, context.lang, capitals=True)
        wanted = {code} if code is not None else context.main_countries()
        wanted |= self._also_top(m, context, how)
        where = how or "named most in the text"
        homes = [c for e in match.entities if (c := self._countries(e))]
        one = match.how == "acronym" and bool(homes) and self._one_body(match.entities)
        if one and len(m.words[0]) >= 4 and set(m.support) & set(match.entities) and how != "named in the mention":
            # a longer acronym a list writes as the name of one body only (KOMID, whose entries give North
            # Korea and the countries of its offices) is that body, as any name of its own is
            return self._body_result(
                m, "listed", match.entities, limit, f"{said}: the lists write it for one body only, {{}}"
            )
        if one and len(set(homes)) > 1:
            homes = [frozenset().union(*homes)]
        if match.how == "acronym" and how != "named in the mention" and len(set(homes)) == 1:
            # an acronym the lists give bodies of one country only (KGB, MAZ) is that body wherever the
            # text names its country, not only in the paragraph (an article about Belarus's KGB cites the USA)
            named = set(homes[0] & set(context.countries))
            if named:
                wanted, where = named, "named in the text"
            elif len(m.words[0]) >= 4 and set(m.support) & set(match.entities):
                # a longer acronym that a list writes as the body's own name (GAESA, PDVSA) is that body
                wanted, where = set(homes[0]), "the only one the lists give it, and the mention names no other"
        groups = [("", match.entities), (" (the press shortens its name)", match.partial)]
        for note, ids in groups:
            if not ids:
                continue
            if match.distinctive or (note == "" and self._proper_name(match, how)):
                return self._body_result(m, "listed", ids, limit, f"{said}: the name of {{}}{note}")
            fitting = [e for e in ids if self._countries(e) & wanted]
            top = context.top_country()
            if fitting and not how and len(wanted) > 1 and not any(top in self._countries(e) for e in fitting):
                # the text is about several countries, the paragraph names none, and the body's is not the one
                # named most: which country's body is it?
                reason = (
                    f"{said}: the name of {{}}{note}, of {_country_names(set().union(*map(self._countries, fitting)))};"
                    f" but the text names {_country_names(wanted)} as much, and not beside it"
                )
                return self._body_result(m, "ambiguous", fitting, limit, reason)
            if fitting:
                common = _country_names(set().union(*(self._countries(e) & wanted for e in fitting)))
                reason = f"{said}: the name of {{}}{note}; its country, {common}, is {where}"
                return self._body_result(m, "listed", fitting, limit, reason)
        every = match.entities or match.partial
        if not wanted:
            reason = f"{said}: the name of {{}}, but the text names no country"
            return self._body_result(m, "ambiguous", every, limit, reason)
        held = _country_names(set().union(*(self._countries(e) for e in every)))
        reason = f"{said}: the lists hold {{}}, of {held}; the country {where} is {_country_names(wanted)}"
        return self._body_result(m, "not_listed", every, limit, reason)

    def _one_body(self, ids: Iterable[str]) -> bool:
        """True when the listed entities are one body by name (each list's entry of it)."""
        names = {" ".join(d["caption"].casefold().split()) for e in ids if (d := self._entity_dict(e)) is not None}
        return len(names) == 1

    @staticmethod
    def _also_top(m: Mention, context: _Context, how: str) -> set[str]:
        """The country the text names most, when the paragraph also names it before the mention: a
        paragraph about North Korea's trade that names South Korea last still speaks of North Korea."""
        top = context.top_country()
        if how != "named before it in its paragraph" or top is None:
            return set()
        return {top} if top in paragraph_countries(context.text, context.words, m.first, context.lang) else set()

    def _proper_name(self, match: BodyMatch, how: str) -> bool:
        """True when a body's concepts are so many that the lists hold them for one country only (Ministry
        of Defence and Armed Forces Logistics): a proper name, listed without a country, unless the mention
        names one (then the country must fit, as for any body)."""
        homes = {frozenset(self._countries(e)) for e in match.entities}
        return (
            match.how == "concepts"
            and how != "named in the mention"
            and len(set(match.concepts)) >= _PROPER_CONCEPTS
            and len(homes) == 1
            and bool(next(iter(homes)))
        )

    def _body_result(self, m: Mention, verdict: str, ids: Iterable[str], limit: int, reason: str) -> MentionResult:
        shown = [d for e in list(ids)[: max(limit, 1)] if (d := self._entity_dict(e)) is not None]
        named = " and ".join(f"{d['caption']} ({d['list']} {d['source_id']})" for d in shown[:2]) or "a listed body"
        return MentionResult(m, verdict, shown, reason.format(named))

    def _entity_dict(self, entity_id: str) -> dict[str, Any] | None:
        """What a report shows of a listed entity found without a name score (a body's acronym or concepts)."""
        if entity_id not in self._shown:
            self._shown[entity_id] = self._read_entity(entity_id)
        found = self._shown[entity_id]
        return None if found is None else dict(found)

    def _read_entity(self, entity_id: str) -> dict[str, Any] | None:
        records = self.store.view().find(entity_id)
        if not records:
            return None
        entity = records[0].entity
        return {
            "entity_id": entity_id,
            "caption": entity.caption,
            "list": entity.list_name or records[0].version.list,
            "source_id": entity.source_id or entity_id,
            "schema": entity.schema,
            "score": None,
            "matched_name": "",
            "countries": sorted(self._countries(entity_id)),
            "designations": self._designations_of(entity_id),
        }

    def _person(self, m: Mention, cache: dict[tuple[str, str, str, float], list[Hit]], limit: int) -> MentionResult:
        if _given_only(m.words):
            return MentionResult(m, "not_listed", reason="a given name alone identifies no one")
        if len(m.words) < 2:
            if not m.support:
                return MentionResult(m, "not_listed", reason="one word, and no listed name has it")
            shown = [self._hit_dict(h) for h in self._hits(m, cache, limit)]
            return MentionResult(m, "ambiguous", shown, "a surname alone that listed people have, and no full name")
        if has_initials(m.words):
            return self._initials(m, cache, limit)
        hits = self._hits(m, cache, limit)
        shown = [self._hit_dict(h) for h in hits]
        if not hits:
            return MentionResult(m, "not_listed", reason="no listed name scores above the threshold")
        # The matcher is fuzzy on surnames (Лосік against LUTSKY): a listed verdict also needs the
        # dictionary to have found that person's surname (or name) on these words.
        backed = [h for h in hits if h.entity_id in m.support]
        if backed and backed[0].score >= LISTED and not (loose := _loose_short_words(backed[0])):
            best = backed[0]
            return MentionResult(m, "listed", shown, _cited(best))
        if backed and backed[0].score >= LISTED:
            reason = f"{_cited(backed[0])}; but {', '.join(loose)} only sounds alike, too short to tell a name"
            return MentionResult(m, "ambiguous", shown, reason)
        if hits[0].score >= LISTED and not _loose_short_words(hits[0]) and (agree := _spelled_alike(hits[0])):
            # another transliteration of a listed name (Loukachenko, Lukaschenko, Kotschanowa): the
            # screener pairs every word of it, each by its sound or spelling, with the listed name's
            top = hits[0]
            reason = f"{top.caption} ({top.list_name} {top.source_id}) scores {top.score:.2f}: {'; '.join(agree)}"
            return MentionResult(m, "listed", shown, reason)
        paternal = next(((h, a) for h in hits[:3] if h.score >= _LOW and (a := _paternal_surname(h))), None)
        if paternal is not None:
            top, agree = paternal
            reason = f"{top.caption} ({top.list_name} {top.source_id}) scores {top.score:.2f}: {'; '.join(agree)}"
            return MentionResult(m, "listed", shown, reason)
        if hits[0].score >= LISTED:
            reason = f"{hits[0].caption} scores {hits[0].score:.2f}, but no listed person has this surname as written"
            return MentionResult(m, "ambiguous", shown, reason)
        if not backed:
            reason = f"best score {hits[0].score:.2f}, and no listed person has this surname as written"
            return MentionResult(m, "not_listed", shown, reason)
        return MentionResult(m, "ambiguous", shown, f"best score {hits[0].score:.2f} is below {LISTED}")

    def _initials(self, m: Mention, cache: dict[tuple[str, str, str, float], list[Hit]], limit: int) -> MentionResult:
        """A. Lukashenko with no full name in the text: listed when the initial fits one listed person only."""
        hits = self._hits(m, cache, max(limit, 10))
        fitting = [
            h for h in hits if h.entity_id in m.support and _given_initial(h.matched_name) == _initial(m.words[0])
        ]
        shown = [self._hit_dict(h) for h in (fitting or hits)[:limit]]
        if not fitting:
            return MentionResult(
                m, "ambiguous" if hits else "not_listed", shown, "no listed person with these initials"
            )
        people = {_given_key(h.matched_name) for h in fitting}
        if len(people) == 1:
            return MentionResult(m, "listed", shown, f"the initials fit {fitting[0].caption} only")
        return MentionResult(m, "ambiguous", shown, f"the initials fit {len(people)} listed people")

    def distinctive_name(
        self,
        m: Mention,
        cache: dict[tuple[str, str, str, float], list[Hit]],
        limit: int,
        lang: str | None = None,
        context: _Context | None = None,
    ) -> MentionResult:
        """An organization named by its own name only (Belavia for 'OJSC Belavia Belarusian Airlines').

        The matcher scores the short name low against the long one; the dictionary found it as
        the listed organization's distinctive name, so it is listed when every listed
        organization found under that name is the same one, ambiguous when they differ (Gazprom
        for Gazprom Flot and Gazprom PMC).
        """
        hits = [h for h in self._hits(m, cache, max(limit, 10), cut=_LOW) if h.entity_id in m.support]
        if lang not in ("ru", "uk", "be"):
            # no case endings to strip here: Avant (French "before") is not Avanti, though their keys agree
            hits = [h for h in hits if _same_words(m.text, h.caption)]
        if hits and context is not None and (civil := _civil_mismatch(context, m, hits[0])):
            return MentionResult(m, "not_listed", [self._hit_dict(h) for h in hits[:limit]], civil)
        shown = [self._hit_dict(h) for h in hits[:limit]]
        if not hits:
            return MentionResult(m, "not_listed", reason="no listed name scores above the threshold")
        names = {_distinctive_key(h.caption) for h in hits}
        if len(names) == 1:
            return MentionResult(m, "listed", shown, f"the distinctive name of {hits[0].caption}")
        return MentionResult(m, "ambiguous", shown, f"the distinctive name of {len(names)} listed organizations")

    def _back_reference(self, m: Mention, done: list[MentionResult], judged: dict[int, MentionResult]) -> MentionResult:
        assert m.antecedent is not None
        first = judged[m.antecedent]
        wanted = set(m.rivals)
        rivals = [r for r in done if r.mention.antecedent is None and r.mention.resolved in wanted]
        rivals = [r for r in rivals if _top(r) != _top(first)]
        if rivals:
            names = ", ".join(sorted({r.mention.resolved for r in rivals}))
            if first.verdict == "listed" and all(r.verdict == "listed" for r in rivals):
                # Łukaszenki after both Lukashenkos: which one is unclear, but each is listed
                hits = first.hits + [h for r in rivals for h in r.hits[:1]]
                reason = f"could be {first.mention.resolved} or {names}; each is listed"
                return MentionResult(m, "listed", hits, reason)
            return MentionResult(m, "ambiguous", first.hits, f"could be {first.mention.resolved} or {names}")
        way = "back" if first.mention.start < m.start else "forward"
        return MentionResult(m, first.verdict, first.hits, f"refers {way} to {first.mention.text!r}")

    def _hit_dict(self, hit: Hit) -> dict[str, Any]:
        return {
            "entity_id": hit.entity_id,
            "caption": hit.caption,
            "list": hit.list_name,
            "source_id": hit.source_id,
            "schema": hit.schema,
            "score": round(hit.score, 4),
            "matched_name": hit.matched_name,
            "countries": sorted(self._countries(hit.entity_id)),
            "designations": self._designations_of(hit.entity_id),
        }

    def _designations_of(self, entity_id: str) -> list[dict[str, Any]]:
        return self._facts(entity_id)[0]


def _top(result: MentionResult) -> tuple[str, str | None]:
    return result.verdict, result.hits[0]["entity_id"] if result.hits else None
