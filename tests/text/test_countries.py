"""Country context of free text: a generic body's name is listed only where the country fits (issue 22)."""

from __future__ import annotations

import pytest

from embargo.ingest import import_file
from embargo.model import Entity
from embargo.store import Store
from embargo.text import TextScreener
from embargo.text._keys import split_text
from embargo.text.countries import context_country, entity_countries, text_countries, word_country
from tests.conftest import FIXTURES


@pytest.mark.parametrize(
    ("word", "lang", "code"),
    [
        ("Belarus", "en", "by"),
        ("Belarusian", "en", "by"),
        ("Iran's", "en", "ir"),
        ("России", "ru", "ru"),
        ("Білорусі", "uk", "by"),
        ("Беларусі", "be", "by"),
        ("Кубы", "ru", "cu"),
        ("Weißrusslands", "de", "by"),
        ("Rusia", "es", "ru"),
        ("Lukashenko", "en", None),
        ("cuban", "en", None),  # lower case: a word, not a country named
        ("Us", "en", None),
    ],
)
def test_a_country_is_read_from_its_words(word: str, lang: str, code: str | None) -> None:
    assert word_country(word, lang) == code


def _context(text: str, mention: str, lang: str = "en") -> tuple[str | None, str]:
    words = split_text(text)
    start = text.index(mention)
    first = next(i for i, w in enumerate(words) if w.start >= start)
    last = max(i for i, w in enumerate(words) if w.end <= start + len(mention))
    return context_country(text, words, first, last, lang)


def test_the_country_of_a_mention() -> None:
    assert _context("Iran's Ministry of Defence denied it.", "Ministry of Defence") == ("ir", "named in the mention")
    assert _context("The Ministry of Defence of Iran denied it.", "Ministry of Defence")[0] == "ir"
    assert _context("Представитель МВД России заявил.", "МВД", "ru") == ("ru", "named in the mention")
    assert _context("In Minsk and Belarus alike, the Interior Ministry said.", "Interior Ministry") == (
        "by",
        "named before it in its paragraph",
    )
    # another paragraph's country is not this mention's
    assert _context("Cuba was quiet.\n\nThe Interior Ministry said.", "Interior Ministry") == (None, "")
    assert text_countries(split_text("Belarus, Belarus and Cuba."), "en") == {"by": 2, "cu": 1}


def test_the_country_of_a_listed_body() -> None:
    e = Entity("Organization", "x")
    e.add("name", "Central Election Commission of the Russian Federation")
    assert entity_countries(e) == {"ru"}
    e.add("address", "11 Sovyetska Str., Minsk, 220010, Republic of Belarus")
    assert entity_countries(e) == {"by"}
    e.add("country", "cu")
    assert entity_countries(e) == {"cu"}


@pytest.fixture(scope="module")
def bodies(tmp_path_factory: pytest.TempPathFactory) -> TextScreener:
    store = Store(tmp_path_factory.mktemp("bodies") / "store.db")
    import_file(store, FIXTURES / "custom" / "public_bodies.csv", "bodies", format_name="custom_csv")
    return TextScreener(store)


def _verdicts(screener: TextScreener, text: str) -> dict[str, tuple[str, str]]:
    return {r.mention.text: (r.verdict, r.reason) for r in screener.screen(text, html=False).mentions}


def test_a_generic_body_is_listed_only_where_its_country_fits(bodies: TextScreener) -> None:
    cuba = _verdicts(bodies, "Protesters gathered in Havana, Cuba. The Interior Ministry arrested forty of them.")
    assert cuba["Interior Ministry"][0] == "listed"
    assert "Cuba" in cuba["Interior Ministry"][1]
    belarus = _verdicts(bodies, "Protesters gathered in Minsk, Belarus. The Interior Ministry arrested forty of them.")
    assert belarus["Interior Ministry"][0] == "not_listed"
    assert "Cuba" in belarus["Interior Ministry"][1] and "Belarus" in belarus["Interior Ministry"][1]
    nowhere = _verdicts(bodies, "Protesters gathered. The Interior Ministry arrested forty of them.")
    assert nowhere["Interior Ministry"][0] == "ambiguous"


def test_a_country_named_with_the_body_decides(bodies: TextScreener) -> None:
    """Iran's listed ministry is the Ministry of Defence and Armed Forces Logistics: the press's short name
    with Iran's name is it; the same words with Britain's name are not."""
    text = "Drones came from Iran's Ministry of Defence, said Britain's Ministry of Defence."
    verdicts = [(r.mention.text, r.verdict) for r in bodies.screen(text, html=False).mentions]
    assert verdicts.count(("Ministry of Defence", "listed")) == 1
    assert verdicts.count(("Ministry of Defence", "not_listed")) == 1


def test_a_body_of_its_own_name_needs_no_country(bodies: TextScreener) -> None:
    """A distinctive name is listed in an article that names other countries only."""
    found = _verdicts(bodies, "In Paris, France, prosecutors said Northern Light Trading paid the brokers.")
    assert found["Northern Light Trading"][0] == "listed"


def test_a_common_abbreviation_is_no_body(bodies: TextScreener) -> None:
    """СМИ is "the media" in Russian, however a listed body's acronym reads in Latin letters."""
    found = _verdicts(bodies, "Как сообщили белорусские СМИ, задержаны десять человек. ФСБ и КГБ молчат.")
    assert found.get("СМИ", ("not_listed", ""))[0] == "not_listed"


def test_a_rights_group_is_not_the_company_that_shares_its_name(bodies: TextScreener) -> None:
    found = _verdicts(bodies, "The Minsk-based rights group Vesna counted 1,200 political prisoners in Belarus.")
    assert found["Vesna"][0] == "not_listed"
    assert "civil-society" in found["Vesna"][1]
    hotel = _verdicts(bodies, "Officials met at Vesna Hotel and Spa outside Minsk, Belarus.")
    assert hotel["Vesna Hotel and Spa"][0] == "listed"


def test_a_word_of_another_language_is_not_a_distinctive_name(bodies: TextScreener) -> None:
    """French "Avant" (before) starts a sentence: its key equals Avanti's, its words do not."""
    found = _verdicts(bodies, "Le président est parti. Avant de quitter l'île, il a parlé à la presse.")
    assert found["Avant"][0] == "not_listed"
