"""Inflected Slavic names and back-references that respect gender and family (issue 22).

Each rule with short sentences of its own: Belarusian given names and surnames in their cases,
Russian and Ukrainian surnames that show a gender by their case ending, a woman's surname in a
consonant that does not decline, titles, and a relative named next to the person the article is about.
"""

from __future__ import annotations

import pytest

from embargo.text._belarusian import belarusian_given_name
from embargo.text._keys import TextWord, split_text
from embargo.text._morph import base_name, form_gender, is_given_name_form, phrase_nominative, surname_bases
from embargo.text.coref import is_kinship_word, resolve, title_gender
from embargo.text.mentions import Mention


def _mentions(text: str, names: list[str]) -> tuple[list[TextWord], list[Mention]]:
    """The words of ``text`` and a person mention for each of ``names``, found in order."""
    words = split_text(text)
    out: list[Mention] = []
    at = 0
    for name in names:
        start = text.index(name, at)
        end = at = start + len(name)
        inside = [i for i, w in enumerate(words) if w.start >= start and w.end <= end]
        span = [words[i].text for i in inside]
        out.append(Mention(start, end, name, "Person", ["ner"], inside[0], inside[-1], words=span))
    return words, out


def _resolved(text: str, names: list[str], lang: str) -> dict[str, list[str]]:
    """Each mention's surface form and what it resolved to (every occurrence, in order)."""
    words, mentions = _mentions(text, names)
    found: dict[str, list[str]] = {}
    for m in resolve(text, words, mentions, lang):
        found.setdefault(m.text, []).append(m.resolved)
    return found


@pytest.mark.parametrize(
    ("word", "nominative", "gender"),
    [
        ("Ганну", "Ганна", "femn"),  # accusative
        ("Тацяне", "Тацяна", "femn"),  # dative
        ("Марыю", "Марыя", "femn"),
        ("Уладзімірам", "Уладзімір", "masc"),  # instrumental
        ("Андрэя", "Андрэй", "masc"),  # genitive of a name in -эй
        ("Дзмітрыем", "Дзмітрый", "masc"),
        ("Ігар", "Ігар", "masc"),  # a nominative stays
        ("Аляксандра", "Аляксандра", None),  # a woman's nominative, or a man's genitive
    ],
)
def test_a_belarusian_given_name_in_its_cases(word: str, nominative: str, gender: str | None) -> None:
    assert belarusian_given_name(word) == (nominative, gender)
    assert is_given_name_form(word, "be")


@pytest.mark.parametrize("word", ["Мінску", "Беларусі", "Рэспублікі", "План", "Шэйманам"])
def test_places_words_and_surnames_are_not_belarusian_given_names(word: str) -> None:
    assert belarusian_given_name(word) is None


@pytest.mark.parametrize(
    ("words", "lang", "base"),
    [
        (["Марыю", "Калеснікаву"], "be", "Марыя Калеснікава"),  # a woman's accusative
        (["Ганне", "Канапацкай"], "be", "Ганна Канапацкая"),
        (["Уладзімірам", "Макеем"], "be", "Уладзімір Макей"),  # a man's instrumental, a surname in -ей
        (["Андрэя", "Кулешова"], "be", "Андрэй Кулешоў"),  # -ова is a man's genitive of -оў ...
        (["Ганна", "Кулешова"], "be", "Ганна Кулешова"),  # ... and a woman's nominative
        (["Сяргей", "Скрыба"], "be", "Сяргей Скрыба"),  # after a nominative, a man's surname in -а stays
        (["Павлом", "Морозюком"], "ru", "Павел Морозюк"),  # pymorphy knows the surname as a common noun only
        (["Олег", "Кулінін"], "uk", "Олег Кулінін"),  # the Ukrainian tag set has no sing on surnames
        (["Ахмад", "Вахіді"], "uk", "Ахмад Вахіді"),  # not the dative of a woman's name after a man's
    ],
)
def test_a_name_in_its_dictionary_form(words: list[str], lang: str, base: str) -> None:
    assert base_name(words, lang) == base


@pytest.mark.parametrize(
    ("word", "gender"),
    [
        ("Петровскую", "femn"),
        ("Петровой", "femn"),
        ("Калеснікавай", "femn"),
        ("Ковальську", "femn"),
        ("Петровым", "masc"),
        ("Морозюком", "masc"),
        ("Сівакам", "masc"),
        ("Сидоренкові", "masc"),
        ("Толстой", None),  # a man's nominative
        ("Петрову", None),  # a woman's accusative or a man's dative
    ],
)
def test_the_gender_a_case_ending_shows(word: str, gender: str | None) -> None:
    assert form_gender(word) == gender


def test_surname_bases_give_the_nominatives_a_key_misses() -> None:
    assert "Сівак" in surname_bases("Сівакам", "be") or "Сівака" in surname_bases("Сівакам", "be")
    assert "Петровская" in surname_bases("Петровскую", "ru")


def test_a_belarusian_instrumental_refers_back() -> None:
    text = "Генерал Анатоль Сівак прыехаў у горад. Мэр сустрэўся з Сівакам увечары."
    found = _resolved(text, ["Анатоль Сівак"], "be")
    assert found["Сівакам"] == [found["Анатоль Сівак"][0]]


def test_an_accusative_refers_back_to_the_woman_not_her_husband() -> None:
    text = "Ольга Петровская выступила в суде. Её муж Игорь Петровский молчал. Петровскую оправдали."
    found = _resolved(text, ["Ольга Петровская", "Игорь Петровский"], "ru")
    assert found["Петровскую"] == ["Ольга Петровская"]


def test_a_womans_surname_in_a_consonant_does_not_decline() -> None:
    text = "Министр Павел Морозюк приехал. Журналистка Анна Морозюк спросила о визите. Мэр встретился с Морозюком."
    found = _resolved(text, ["Павел Морозюк", "Анна Морозюк", "Морозюком"], "ru")
    assert found["Морозюком"] == ["Павел Морозюк"]


def test_a_belarusian_womans_case_ending_picks_her() -> None:
    text = "Суддзя Марыя Калеснікава выступіла. Эксперт Уладзімір Калеснікаў пагадзіўся. Калеснікавай падзякавалі."
    found = _resolved(text, ["Марыя Калеснікава", "Уладзімір Калеснікаў", "Калеснікавай"], "be")
    assert found["Калеснікавай"] == ["Марыя Калеснікава"]


@pytest.mark.parametrize(
    ("word", "gender"),
    [("Mr", "masc"), ("Mrs", "femn"), ("Frau", "femn"), ("господину", "masc"), ("г-жа", "femn"), ("спадарыня", "femn")],
)
def test_titles_give_a_gender(word: str, gender: str) -> None:
    assert title_gender(word) == gender


def test_a_title_picks_the_person_of_its_gender() -> None:
    text = "Андрей Коваль и Ирина Коваль пришли на заседание. Господин Коваль выступил первым."
    found = _resolved(text, ["Андрей Коваль", "Ирина Коваль", "Коваль"], "ru")
    assert found["Коваль"] == ["Андрей Коваль"]


@pytest.mark.parametrize("word", ["son", "Tochter", "сынам", "дочери", "жонка", "брат", "чоловік"])
def test_kinship_words(word: str) -> None:
    assert is_kinship_word(word)


@pytest.mark.parametrize("word", ["sonar", "Минск", "женщина", "president", "матч"])
def test_not_kinship_words(word: str) -> None:
    assert not is_kinship_word(word)


def test_a_relative_named_next_to_the_person_does_not_take_the_surname() -> None:
    text = "Governor Arthur Mendel won again. His eldest son, Paul Mendel, stood beside him. Mr Mendel thanked voters."
    found = _resolved(text, ["Arthur Mendel", "Paul Mendel", "Mendel"], "en")
    assert found["Mendel"] == ["Arthur Mendel"]


def test_the_son_of_someone_is_not_marked_a_relative() -> None:
    text = "Paul Mendel, the son of Arthur Mendel, won. Mendel thanked voters."
    found = _resolved(text, ["Paul Mendel", "Arthur Mendel", "Mendel"], "en")
    assert found["Mendel"] == ["Arthur Mendel"]  # the nearest, as with any two people of one surname


def test_two_people_of_one_surname_in_one_sentence_stay_rivals() -> None:
    text = "Arthur Mendel and Paul Mendel arrived. Mendel spoke first."
    words, mentions = _mentions(text, ["Arthur Mendel", "Paul Mendel", "Mendel"])
    last = resolve(text, words, mentions, "en")[-1]
    assert last.resolved == "Paul Mendel"
    assert last.rivals == ["Arthur Mendel"]  # the screener then says ambiguous


def test_a_ukrainian_dative_is_a_mans_when_the_woman_is_nearer() -> None:
    text = "Міністр Віктор Шейман приїхав. Його зустріла журналістка Олена Шейман. Шейманові вручили лист."
    found = _resolved(text, ["Віктор Шейман", "Олена Шейман", "Шейманові"], "uk")
    assert found["Шейманові"] == ["Віктор Шейман"]


@pytest.mark.parametrize(
    ("words", "lang", "nominative"),
    [
        ("Минском автомобильном заводе", "ru", "Минский автомобильный завод"),
        ("Центральной избирательной комиссии", "ru", "Центральная избирательная комиссия"),
        ("Вооружённых сил", "ru", "Вооружённые силы"),
        ("Державного військово-промислового комітету", "uk", "Державний військово-промисловий комітет"),
        ("Министерство обороны", "ru", None),  # a nominative already
    ],
)
def test_an_organisation_s_name_in_the_nominative(words: str, lang: str, nominative: str | None) -> None:
    assert phrase_nominative(words.split(), lang) == nominative
