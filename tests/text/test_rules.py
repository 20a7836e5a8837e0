"""The rules that make verdicts hold on unseen articles, each on a small list written for it."""

from __future__ import annotations

from pathlib import Path

import pytest

from embargo.ingest import import_file
from embargo.store import Store
from embargo.text import TextScreener, text_language
from embargo.text._keys import split_text, word_keys
from embargo.text._morph import is_given_name_form, is_not_a_name, is_surname_not_place, is_verb
from embargo.text.dictionary import distinctive_name

L, N, A = "listed", "not_listed", "ambiguous"

PEOPLE = [
    (
        "1",
        "Aliaksandr Ryhoravich LUKASHENKA",
        "Person",
        "Alexander Grigorievich LUKASHENKO;Александр Григорьевич ЛУКАШЕНКО",
    ),
    ("2", "Viktar Aliaksandravich LUKASHENKA", "Person", "Виктор Александрович ЛУКАШЕНКО"),
    ("3", "Sergei Kuzhugetovich SHOIGU", "Person", "Сергей Кужугетович ШОЙГУ"),
    ("4", "Ihar Uladzimiravich LUTSKY", "Person", ""),
    ("5", "Maria Vladimirovna ZAKHAROVA", "Person", ""),
    ("6", "Open Joint Stock Company ‘Belavia Belarusian Airlines’", "LegalEntity", ""),
    ("7", "Gazprom PMC", "LegalEntity", ""),
    ("8", "LLC ‘Gazprom Flot’", "LegalEntity", ""),
    ("9", "ADRIAN DARYA 1", "Vessel", "GRACE 1"),
    ("10", "NEPTUNE", "Vessel", ""),
    ("11", "Open Joint Stock Company ‘Grodno Azot’", "LegalEntity", "ОАО ‘Гродно Азот’"),
    ("12", "Viktor Volodymyrovych MEDVEDCHUK", "Person", ""),
    ("13", "Vladimir Vladimirovich PUTIN", "Person", ""),
    ("14", "AVILES CASTILLO, Julio Cesar", "Person", ""),
    ("15", "LARIJANI, Sadegh Amoli", "Person", "LARIJANI, Sadegh;LARIJANI, Sadeq"),  # OFAC 23472 and two of its a.k.a.s
    ("16", "National Guard of the Russian Federation", "LegalEntity", "Rosgvardiya"),
    ("17", "EL AISSAMI MADDAH, Tareck Zaidan", "Person", "EL AISSAMI, Tareck"),
    ("18", "KIM, Jong Un", "Person", ""),
    ("19", "Korea Mining Development Trading Corporation", "Organization", ""),
]


@pytest.fixture(scope="module")
def screener(tmp_path_factory: pytest.TempPathFactory) -> TextScreener:
    folder: Path = tmp_path_factory.mktemp("rules")
    path = folder / "list.csv"
    rows = "".join(f'{i},"{n}",{s},"{a}"\n' for i, n, s, a in PEOPLE)
    path.write_text("id,name,schema,aliases\n" + rows, "utf-8")
    store = Store(folder / "s.db")
    import_file(store, path, "rules", format_name="custom_csv")
    return TextScreener(store)


CASES = [
    # A headline's surname refers forward to the full name the article gives.
    ("LUKASHENKO IN MOSCOW\n\nAlexander Lukashenko met officials.", [("LUKASHENKO", L), ("Alexander Lukashenko", L)]),
    # A surname after two full names refers to the one mentioned last, unless both were in one sentence.
    (
        "Maria Zakharova spoke. Viktar Lukashenko listened. Alexander Lukashenko left. Lukashenko said no.",
        [("Maria Zakharova", L), ("Viktar Lukashenko", L), ("Alexander Lukashenko", L), ("Lukashenko", L)],
    ),
    # Initials fit one listed person only; an earlier full name is preferred when there is one.
    ("A. Lukashenko signed the decree.", [("A. Lukashenko", L)]),
    (
        "Указом Александра Григорьевича Лукашенко. А. Г. Лукашенко подписал.",
        [("Александра Григорьевича Лукашенко", L), ("А. Г. Лукашенко", L)],
    ),
    # Ukrainian case forms: instrumental given name, indeclinable surname, dative -ові.
    (
        "Олександр Лукашенко зустрівся з Сергієм Шойгу. Лукашенкові сподобалось.",
        [("Олександр Лукашенко", L), ("Сергієм Шойгу", L), ("Лукашенкові", L)],
    ),
    # One person's name run into another's (Кум Володимира Путіна Віктор Медведчук).
    (
        "Кум Володимира Путіна Віктор Медведчук залишається у списку.",
        [("Володимира Путіна", L), ("Віктор Медведчук", L)],
    ),
    # The fuzzy matcher likes Ihar Losik for Ihar LUTSKY; the surname is not listed, so no listed verdict.
    ("The journalist Ihar Losik is still in prison.", [("Ihar Losik", N)]),
    # A single word no listed name has is not listed, whatever the matcher says about it.
    ("Rusal was removed from the list.", [("Rusal", N)]),
    # An organization's distinctive name (the matcher scores Belavia low against the whole name).
    ("The airline Belavia cannot fly to the EU.", [("Belavia", L)]),
    # A legal form before the name is not part of the mention; a city is not the company.
    ("Руководство ОАО «Гродно Азот» объявило о сокращениях.", [("Гродно Азот", L)]),
    ("Workers in the city of Grodno say wages have fallen.", []),
    # A listed vessel needs a word saying it is a ship: NEPTUNE alone is a planet.
    ("The tanker Adrian Darya 1, formerly Grace 1, was seized.", [("Adrian Darya 1", L), ("Grace 1", L)]),
    ("Neptune is the eighth planet.", []),
    # A word hyphenated across a line break is one word.
    ("Minsk's ruler Alexander Lukash-\nenko spoke.", [("Alexander Lukash-\nenko", L)]),
    # Russian writes a foreign j as дж: Лариджани is LARIJANI, not Laridzhani.
    ("Его брат Садек Лариджани выступал против.", [("Садек Лариджани", L)]),
    # The press leaves out a Spanish second surname (AVILES CASTILLO, Julio Cesar).
    (
        "Le général Julio César Avilés fournira la logistique. Avilés a assuré que tout était prêt.",
        [("Julio César Avilés", L), ("Avilés", L)],
    ),
    # A Ukrainian given name the dictionary knows as a town too (Володимир) still opens a name.
    ("Указ підписав Володимир Путін.", [("Володимир Путін", L)]),
    # A listed organisation's one-word name capitalised inside a sentence is a name, though it is a noun
    # too; then also where a sentence starts with it.
    (
        "Указ передав Росгвардії охорону заводів. Росгвардія отримала нові повноваження.",
        [("Росгвардії", L), ("Росгвардія", L)],
    ),
    # A surname after two listed people of that name named in one sentence: either way, listed.
    (
        "Alexander Lukashenko and Viktar Lukashenko met. Lukashenko said no.",
        [("Alexander Lukashenko", L), ("Viktar Lukashenko", L), ("Lukashenko", L)],
    ),
    # An Arabic article inside a name is no surname: a Spanish sentence's El does not refer back.
    ("El exministro Tareck El Aissami sigue preso. El presidente no habló.", [("Tareck El Aissami", L)]),
    # A Korean name's surname comes first: Mr Kim is Kim Jong Un.
    (
        "North Korean leader Kim Jong-un inspected a destroyer. Mr Kim praised the navy.",
        [("Kim Jong-un", L), ("Kim", L)],
    ),
    # An acronym in brackets after an organisation's name is that organisation, there and later.
    (
        "Pyongyang praised the Korea Mining Development Trading Corporation (KOMID). KOMID sells arms.",
        [("Korea Mining Development Trading Corporation", L), ("KOMID", L), ("KOMID", L)],
    ),
    # The name the text sets apart ("not to be confused with") and describes as someone is the other person.
    (
        "Sergei Shoigu, the former minister, spoke. He is not to be confused with Sergei Shoigu, a plumber.",
        [("Sergei Shoigu", L), ("Sergei Shoigu", N)],
    ),
    # A private person introduced with an indefinite article and "called" is not the listed one.
    ("A bus driver called Sergei Shoigu was stopped twice at checkpoints.", [("Sergei Shoigu", N)]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_rule(screener: TextScreener, text: str, expected: list[tuple[str, str]]) -> None:
    report = screener.screen(text)
    got = [(r.mention.text, r.verdict) for r in report.mentions if r.mention.kind != "Organization" or r.verdict != N]
    assert got == expected, [(r.mention.text, r.verdict, r.reason) for r in report.mentions]


LANGUAGES = [
    ("Аляксандр Лукашэнка ў панядзелак падпісаў указ.", "be"),
    ("Лукашенко в понедельник подписал указ о назначении.", "ru"),
    ("Лукашенкові також закидають причетність до вивезення дітей.", "uk"),
    ("President Lukashenko signed the decree.", "en"),
    # A Belarusian name quoted in a Russian text does not make it Belarusian.
    ("Правозащитник Алесь Бяляцкі остается в заключении, сообщают коллеги по центру.", "ru"),
]


@pytest.mark.parametrize(("text", "lang"), LANGUAGES)
def test_text_language(text: str, lang: str) -> None:
    assert text_language(text) == lang


DISTINCTIVE = [
    ("Open Joint Stock Company ‘Belavia Belarusian Airlines’", "Belavia"),
    ("Belneftekhim – Belarusian State Concern for Oil and Chemistry", "Belneftekhim"),
    ("KOREA KWANGSON BANKING CORP", "KOREA KWANGSON"),
    ("OCEAN MARITIME MANAGEMENT COMPANY, LIMITED (OMM)", ""),  # nothing but ordinary words
    ("Wagner Group", ""),  # Wagner alone is a composer
]


@pytest.mark.parametrize(("name", "short"), DISTINCTIVE)
def test_distinctive_name(name: str, short: str) -> None:
    assert " ".join(w.text for w in distinctive_name(name)) == short


def test_ukrainian_dative_shares_the_key() -> None:
    assert set(word_keys("Лукашенкові")) & set(word_keys("Лукашенко"))
    assert [w.text for w in split_text("Usma-\nnov")] == ["Usmanov"]


@pytest.mark.parametrize("lang", ["ru", "uk", "be"])
def test_morphology_questions_work_in_every_tag_set(lang: str) -> None:
    # The Ukrainian tag set lacks grammemes the Russian one has (Geox): asking must not raise.
    for word in ("Лукашенко", "Гродно", "Мінську", "ПЕРЕСТАВЛЯЕТ"):
        is_surname_not_place(word, lang)
        is_not_a_name(word, lang)
        is_verb(word, lang)
        is_given_name_form(word, lang)


def _verdicts(screener: TextScreener, text: str) -> dict[str, str]:
    return {r.mention.text: r.verdict for r in screener.screen(text, html=False).mentions}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "The plumber Alexander Lukashenko, a namesake of the Belarusian leader, won the lottery.",
            "Alexander Lukashenko",
        ),
        ("Сантехник Александр Лукашенко выиграл в лотерею. Он полный тёзка президента.", "Александр Лукашенко"),
    ],
)
def test_a_namesake_is_not_the_listed_person(text_screener: TextScreener, text: str, name: str) -> None:
    """The text itself says the man only shares a listed person's name."""
    assert _verdicts(text_screener, text)[name] == "not_listed"


def test_a_dictionary_name_does_not_run_across_a_sentence_end(text_screener: TextScreener) -> None:
    report = text_screener.screen("Officials met at Sberbank. Bank clerks were questioned.", html=False)
    assert "Sberbank. Bank" not in [r.mention.text for r in report.mentions]


def test_a_namesake_cue_is_about_the_name_before_it(text_screener: TextScreener) -> None:
    text = "The teacher Olga Petrenko, a namesake of a singer, was received by Alexander Lukashenko in Minsk."
    assert _verdicts(text_screener, text)["Alexander Lukashenko"] == "listed"


def test_a_ukrainian_genitive_with_a_given_name_of_either_gender(text_screener: TextScreener) -> None:
    """Олександра is a woman's nominative or a man's genitive: the surname Лукашенка, which only a man's
    declension gives, says which."""
    text = "До списку потрапили посадовці, наближені до Олександра Лукашенка, а також державні підприємства."
    found = {r.mention.text: (r.verdict, r.mention.resolved) for r in text_screener.screen(text, html=False).mentions}
    assert found["Олександра Лукашенка"][0] == "listed"
    assert found["Олександра Лукашенка"][1].startswith("Олександр ")


def test_a_common_word_is_not_a_listed_organisation_that_holds_it() -> None:
    """An ordinary word that a listed organisation's longer name holds is not that organisation."""
    from embargo.text.screen import _common_word

    assert _common_word("Justice", "en") and not _common_word("Sberbank", "en")
    assert not _common_word("Сбербанк", "ru")  # a listed name in another script is the dictionary's to judge


def test_two_finders_parts_of_one_name_are_one_name() -> None:
    from embargo.text.mentions import find_mentions

    text = "Foreign Minister Choe Son Hui met the envoy in Moscow on Tuesday."
    assert "Choe Son Hui" in [m.text for m in find_mentions(text)]
    # a Korean name's syllables are no given name starting another person's name (Jong)
    text = "His sister, Kim Yo Jong, issued a statement on Saturday."
    assert "Kim Yo Jong" in [m.text for m in find_mentions(text)]


def test_korea_after_north_is_north_korea() -> None:
    from embargo.text.countries import country_at

    words = split_text("North Korean ships and South Korea's navy")
    assert [country_at(words, i, "en") for i in (1, 5)] == ["kp", "kr"]


def test_a_rank_the_list_writes_is_not_part_of_the_mention() -> None:
    from embargo.text.mentions import _without_rank

    words = split_text("Senior General Min Aung Hlaing spoke")
    assert _without_rank(words, 0, 4) == (2, 4)
    assert _without_rank(words, 1, 2) == (1, 2)  # two words stay
