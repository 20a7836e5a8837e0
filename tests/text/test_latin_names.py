"""People in Latin-script text other than English, and in English where the model misses a name.

Each rule of :mod:`embargo.text._latin` for French, Spanish, German and other Latin-script text on
sentences written for it: the language guess, given names in other languages' spellings, the
trimming of the English model's spans, given-name runs, grown names and surnames standing alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from embargo.text import TextScreener, find_mentions, text_language
from embargo.text._keys import TextWord, split_text
from embargo.text._latin import function_word, is_latin_given_name, latin_name_runs, latin_persons, plain_word
from embargo.text._ner import english_available
from embargo.text._spans import is_given_name, pieces, trim

LANGUAGES = [
    ("Le ministre a reçu lundi son collègue, qui est arrivé dans la capitale pour des discussions.", "fr"),
    ("Minister spotkał się w poniedziałek z kolegą, który przyjechał do stolicy na rozmowy.", "pl"),
    ("El ministro recibió el lunes a su colega, que llegó a la capital para una reunión con los jueces.", "es"),
    ("Der Minister empfing am Montag seinen Kollegen, der für ein Gespräch mit den Richtern in die Stadt kam.", "de"),
    ("Il ministro ha ricevuto il collega, che è arrivato nella capitale per un incontro con i giudici.", "it"),
    ("O ministro recebeu o colega, que chegou à capital para uma reunião com os juízes do tribunal.", "pt"),
    ("De minister heeft het bezoek van zijn collega niet bevestigd, maar hij werd wel gezien op het ministerie.", "nl"),
    ("The minister met his colleague, who had come to the capital for talks with the judges.", "en"),
    # a few foreign words in an English text do not make it foreign
    ("The minister met the head of the Consejo de Estado and said that the talks were useful.", "en"),
    ("Лукашенко в понедельник подписал указ о назначении.", "ru"),
]


@pytest.mark.parametrize(("text", "lang"), LANGUAGES)
def test_latin_language(text: str, lang: str) -> None:
    assert text_language(text) == lang


@pytest.mark.parametrize(
    "word", ["Iwan", "Natalja", "Swetlana", "Sergej", "Lidija", "Jewgeni", "Sergueï", "Alexandre", "Miguel"]
)
def test_given_names_in_other_spellings(word: str) -> None:
    # German, French and Polish spellings of Russian names reach natasha's keys; Miguel is a census given name
    assert is_latin_given_name(word)
    assert is_given_name(word)


@pytest.mark.parametrize(
    ("word", "lang"),
    [
        *[("Die", "de"), ("Le", "fr"), ("Vater", "de"), ("Kaum", "de"), ("Sommer", "de"), ("Juni", "de")],
        *[("Avril", "fr"), ("Mais", "fr"), ("Iran", None), ("Minsk", None), ("iwan", None), ("Al", None)],
    ],
)
def test_strict_given_names_are_not_common_words(word: str, lang: str | None) -> None:
    # natasha's list has Juni, Avril, Iran: the text's language and the countries come first
    assert not is_latin_given_name(word, lang)


def test_function_words_and_titles() -> None:
    assert function_word("Avant", "fr") and function_word("M.", "fr") and function_word("Don", "es")
    assert function_word("Seit", "de") and function_word("Herr", "de")
    assert not function_word("Seit", "en")  # English keeps its own rules
    assert plain_word("Avant", "fr") and not plain_word("Orlov", "fr")


def _words_span(text: str, surface: str) -> tuple[list[TextWord], tuple[int, int]]:
    words = split_text(text)
    start = text.index(surface)
    inside = [i for i, w in enumerate(words) if start <= w.start < start + len(surface)]
    return words, (inside[0], inside[-1])


def _surface(text: str, words: list[TextWord], span: tuple[int, int] | None) -> str | None:
    if span is None:
        return None
    return text[words[span[0]].start : words[span[1]].end]


TRIMS = [
    # roles and titles before a name, in lower case or abbreviated
    ("Hoy la ministra Ximena Ortuño viajó.", "la ministra Ximena Ortuño", "Person", "es", "Ximena Ortuño"),
    ("Selon M. Orlov, rien ne change.", "M. Orlov", "Person", "fr", "Orlov"),
    ("Laut Herr Petrow bleibt alles.", "Herr Petrow", "Person", "de", "Petrow"),
    ("Il ministro degli Esteri Mario Rossi parte.", "Esteri Mario Rossi", "Person", "it", "Mario Rossi"),
    # phrases the English model takes for names
    ("Une cargaison de pétrole et de sucre.", "de pétrole et", "Person", "fr", None),
    ("Il n'a pas souhaité répondre.", "n'a pas souhaité", "Person", "fr", None),
    # an organization loses its article, keeps a lower-case head that names a kind of body
    ("Er lobte das Innenministerium sehr.", "das Innenministerium", "Organization", "de", "Innenministerium"),
    (
        "Un accord avec le ministère de l'Intérieur hier.",
        "le ministère de l'Intérieur",
        "Organization",
        "fr",
        "ministère de l'Intérieur",
    ),
    ("Un texte de la Cour suprême du pays.", "de la Cour suprême du pays", "Organization", "fr", "Cour suprême"),
    ("Visita a Roma il ministro oggi.", "Roma il ministro", "Organization", "it", None),
    ("Des aveux aus Verhören des Dienstes.", "aus Verhören des", "Organization", "de", "Verhören"),
]


@pytest.mark.parametrize(("text", "surface", "kind", "lang", "expected"), TRIMS)
def test_trim_in_other_latin_languages(text: str, surface: str, kind: str, lang: str, expected: str | None) -> None:
    words, span = _words_span(text, surface)
    assert _surface(text, words, trim(words, span, kind, lang)) == expected


def test_english_spans_are_trimmed_as_before() -> None:
    text = "Yesterday M. Orlov said no."
    words, span = _words_span(text, "M. Orlov")
    assert _surface(text, words, trim(words, span, "Person", "en")) == "M. Orlov"  # an initial in English


def test_person_span_is_cut_at_lower_case_words() -> None:
    text = "Dijo que Ortuño viajará a Bruselas pronto."
    words, span = _words_span(text, "Ortuño viajará a Bruselas")
    got = [_surface(text, words, p) for p in pieces(text, words, span, "Person", "es")]
    assert got == ["Ortuño", "Bruselas"]


RUNS = [
    ("Gestern sprach Iwan Petrow mit Journalisten.", "de", ["Iwan Petrow"]),
    ("Ayer habló Miguel de la Fuente Ortega con la prensa.", "es", ["Miguel de la Fuente Ortega"]),
    # an article after the surname is no particle (de Nederlandse ambassadeur)
    ("Minister Sergej Lavrov heeft de Nederlandse ambassadeur ontboden.", "nl", ["Sergej Lavrov"]),
    ("Ontboden: Sergej Lavrov de Nederlandse ambassadeur.", "nl", ["Sergej Lavrov"]),
    ("Shares of Georgia Power rose as Victoria Cross holders met.", "en", []),
    ("The chairwoman Oksana Dudko spoke.", "en", ["Oksana Dudko"]),
    # a run stops at punctuation and at a line break
    ("Es sprach Iwan. Petrow schwieg.", "de", []),
    ("Interview: Iwan\nPetrow", "de", []),
]


@pytest.mark.parametrize(("text", "lang", "expected"), RUNS)
def test_given_name_runs(text: str, lang: str, expected: list[str]) -> None:
    words = split_text(text)
    assert [_surface(text, words, r) for r in latin_name_runs(text, words, lang)] == expected


@dataclass
class _Found:
    first: int
    last: int
    kind: str
    sources: list[str] = field(default_factory=lambda: ["ner"])


def _persons(text: str, lang: str, found: list[tuple[str, str]]) -> list[tuple[str | None, str, tuple[str, ...]]]:
    """latin_persons on model spans given by their surface and kind (the first occurrence of each)."""
    words = split_text(text)
    candidates = []
    for surface, kind in found:
        _, span = _words_span(text, surface)
        candidates.append(_Found(span[0], span[1], kind))
    out = latin_persons(
        text, words, lang, candidates, lambda span, source: _Found(span[0], span[1], "Person", [source])
    )
    return sorted(
        ((_surface(text, words, (c.first, c.last)), c.kind, tuple(c.sources)) for c in out), key=lambda x: str(x[0])
    )


def test_model_span_grows_to_the_whole_name() -> None:
    # the model saw the surname only, or split the name in two
    text = "Su sucesora, Yamileth Carrasco, firmó. Votó con Rubén Darío Ortega Paz, diputado."
    got = _persons(text, "es", [("Carrasco", "Person"), ("Rubén Darío", "Person"), ("Ortega Paz", "Person")])
    surfaces = [s for s, _, _ in got]
    assert "Yamileth Carrasco" in surfaces and "Rubén Darío Ortega Paz" in surfaces


def test_a_name_after_a_role_is_a_person() -> None:
    text = "Lo dijo la ministra Yamileth Carrasco ayer."
    assert ("Yamileth Carrasco", "Person", ("ner",)) in _persons(
        text, "es", [("ministra Yamileth Carrasco", "Organization")]
    )


def test_german_nouns_are_no_names() -> None:
    text = "Kaum jemand kennt die Sanktionen. Im Sommer 2020 sprach Iwan Petrow darüber mit dem Vater."
    got = _persons(
        text, "de", [("Kaum", "Organization"), ("Sanktionen", "Person"), ("Sommer", "Person"), ("Vater", "Person")]
    )
    assert got == [("Iwan Petrow", "Person", ("names",))]


def test_surname_alone_refers_to_the_full_name() -> None:
    # a headline's surname before the full name, and the model's organization that is a surname
    text = "Orlov à Paris\n\nLe ministre Sergueï Orlov est arrivé. Le bureau d'Orlov a confirmé. Orlov parlera."
    got = _persons(text, "fr", [("Sergueï Orlov", "Person"), ("Orlov", "Organization")])
    assert got.count(("Orlov", "Person", ("ner",))) + got.count(("Orlov", "Person", ("names",))) == 2
    assert ("Sergueï Orlov", "Person", ("ner",)) in got


def test_model_organization_that_is_a_name_run_is_a_person() -> None:
    text = "An der Spitze steht Iwan Petrow seit Jahren."
    got = _persons(text, "de", [("Iwan Petrow", "Organization")])
    assert ("Iwan Petrow", "Person", ("ner",)) in got


@pytest.mark.skipif(not english_available(), reason="spaCy's English pipeline is not installed")
@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        (
            "Le ministre a reçu lundi son collègue Sergueï Orlov. Selon M. Orlov, les discussions ont porté "
            "sur la coopération avec la Pologne.",
            ["Sergueï Orlov", "Orlov"],
        ),
        (
            "Der Sprecher der Regierung, Jewgeni Smirnow, sagte am Montag, dass die Gespräche weitergehen. "
            "Smirnow nannte keine Einzelheiten. Kaum ein Beobachter glaubt daran.",
            ["Jewgeni Smirnow", "Smirnow"],
        ),
        ("The chairwoman, Oksana Dudko, said on Monday that the vote would go ahead.", ["Oksana Dudko"]),
    ],
)
def test_people_found_in_articles(text: str, wanted: list[str]) -> None:
    lang = text_language(text)
    people = [m.text for m in find_mentions(text) if m.kind == "Person"]
    assert people == wanted
    assert not any(function_word(m.text.split()[0], lang) for m in find_mentions(text))


def test_english_organization_named_after_a_person_stays_one() -> None:
    text = "Shares of John Deere fell. Deere said demand was weak."
    got = _persons(text, "en", [("John Deere", "Organization"), ("Deere", "Organization")])
    assert ("John Deere", "Organization", ("ner",)) in got and ("Deere", "Organization", ("ner",)) in got


def test_model_organization_that_looks_like_a_name_is_a_person() -> None:
    # in French text the English model calls people organizations; a bank or a country stays one
    text = "Il a vu Olaf Scholz et la Banque de France, puis Deutsche Bank."
    got = _persons(text, "fr", [("Olaf Scholz", "Organization"), ("Banque de France", "Organization")])
    assert ("Olaf Scholz", "Person", ("ner",)) in got
    assert ("Banque de France", "Organization", ("ner",)) in got


@pytest.mark.parametrize(
    ("words", "lang", "spelled"),
    [
        (["Iwan", "Tertel"], "de", "Ivan Tertel"),
        (["Natalja", "Kotschanowa"], "de", "Natalya Kochanova"),
        (["Wiktor", "Szejman"], "pl", "Viktor Sheyman"),
        (["Igorowi", "Karpience"], "pl", "Igorovi Karpenka"),  # the dative of a name in -nka
        (["Alexandre", "Loukachenko"], "fr", "Alexandre Lukachenko"),
        (["Jorge", "Rodríguez"], "es", None),  # Spanish spells as the lists do
        (["Ivan", "Tertel"], "de", None),
    ],
)
def test_a_name_respelled_as_the_lists_romanize(words: list[str], lang: str, spelled: str | None) -> None:
    from embargo.text._latin import english_spelling

    assert english_spelling(words, lang) == spelled


def test_names_with_the_arabic_article_and_respelled_for_the_lists() -> None:
    """German spellings (Baschar, Machluf) and the lower-case Arabic article: the names are found whole."""
    from embargo.text._latin import english_word, name_capital

    assert name_capital("al-Assad") and name_capital("аль-Асад") and not name_capital("alles")
    assert (english_word("Baschar", "de"), english_word("Machluf", "de")) == ("Bashar", "Makhluf")
    text = "Der Arzt Hakim al-Tawil und sein Bruder Jussuf al-Tawil sprachen in Berlin mit der Presse."
    found = [m.text for m in find_mentions(text)]
    assert "Hakim al-Tawil" in found and "Jussuf al-Tawil" in found


def test_a_name_after_a_body_and_of() -> None:
    text = (
        "Según la prensa local, el Gobierno de Nicolás Ortega anunció ayer que las nuevas medidas para los"
        " bancos del país entrarán en vigor en enero, con el apoyo de los diputados."
    )
    found = [(m.text, m.kind) for m in find_mentions(text)]
    assert ("Nicolás Ortega", "Person") in found


def test_a_sentence_opening_noun_before_a_listed_surname(text_screener: TextScreener) -> None:
    """Polish Zwolennicy Łukaszenki (supporters of Lukashenko's) opening a sentence: the English model
    takes the noun for a given name; the surname alone refers back to the president."""
    text = (
        "W Mińsku Alaksandr Łukaszenka przemawiał w sobotę przez dwie godziny, a potem nie odpowiadał na"
        " pytania. Zwolennicy Łukaszenki klaskali, że jest to dla nich dzień wielkiego święta."
    )
    found = {r.mention.text: r.verdict for r in text_screener.screen(text, html=False).mentions}
    assert found.get("Łukaszenki") == "listed"
    assert "Zwolennicy Łukaszenki" not in found
